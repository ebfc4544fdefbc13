"""Hidden graders for confusion_matrix (ps7_digits_inference)."""
import numpy as np
import pytest

from nnbasics.grading.battery import Case, Function, Param, battery
from nnbasics.release_kit.selfcheck import expect_array, expect_true, expect_unchanged


def labels(rng, n, k, dtype=np.int64):
    """True labels t and predicted labels y: y right about 60% of the time, so pairs repeat."""
    t = rng.integers(0, k, size=n)
    y = np.where(rng.random(n) < 0.6, t, rng.integers(0, k, size=n))
    return t.astype(dtype), y.astype(dtype)


@pytest.mark.weight(2)
def test_confusion_matrix_matches_reference(student, reference, rng):
    """10개 클래스(기본값)의 혼동 행렬이 참조 구현과 같은 정수 배열이다"""
    for n in (60, 297, 5):
        t, y = labels(rng, n, 10)
        expect_array(student.confusion_matrix(t, y), reference.confusion_matrix(t, y), dtype="int",
                     what=f"샘플 {n}개의 confusion_matrix(t, y)")


@pytest.mark.weight(2)
def test_confusion_matrix_other_numbers_of_classes(student, reference, rng):
    """num_classes가 10이 아니어도 (위치 인자, 키워드 인자 모두) (num_classes, num_classes)이다"""
    for k in (2, 3, 7, 15):
        t, y = labels(rng, 40, k)
        expected = reference.confusion_matrix(t, y, k)
        expect_array(student.confusion_matrix(t, y, k), expected, dtype="int", what=f"confusion_matrix(t, y, {k})")
        expect_array(student.confusion_matrix(t=t, y=y, num_classes=k), expected, dtype="int",
                     what=f"confusion_matrix(t=t, y=y, num_classes={k}) (키워드 인자)")


@pytest.mark.weight(2)
def test_confusion_matrix_rows_are_true_labels(student, rng):
    """행(row)이 정답, 열(column)이 예측이다: 행의 합은 정답별 개수, 열의 합은 예측별 개수, 대각선 합은 맞힌 수"""
    k = int(rng.integers(4, 9))
    t, y = labels(rng, 50, k)
    t[:5] = 0           # label 0 is never predicted right here, so rows and columns differ
    y[:5] = k - 1
    got = student.confusion_matrix(t, y, k)
    expect_true(isinstance(got, np.ndarray) and got.shape == (k, k) and got.dtype.kind in "iu",
                "confusion_matrix(t, y, num_classes)는 모양 (num_classes, num_classes)의 정수 배열이어야 해요")
    # identities of a confusion matrix
    expect_array(got.sum(axis=1), np.bincount(t, minlength=k), what="혼동 행렬의 행별 합 (기대값은 정답 레이블별 개수)")
    expect_array(got.sum(axis=0), np.bincount(y, minlength=k), what="혼동 행렬의 열별 합 (기대값은 예측 레이블별 개수)")
    expect_array(np.trace(got), int(np.sum(t == y)), what="혼동 행렬의 대각선 합 (기대값은 맞힌 개수)")
    expect_array(got.sum(), 50, what="혼동 행렬의 전체 합 (기대값은 N)")


def test_confusion_matrix_counts_repeated_pairs(student, rng):
    """같은 (정답, 예측) 쌍이 여러 번 나오면 나온 횟수만큼 센다"""
    k = 4
    i, j = (int(v) for v in rng.integers(0, k, size=2))
    repeats = int(rng.integers(3, 9))
    t, y = np.full(repeats, i), np.full(repeats, j)
    expected = np.zeros((k, k), dtype=int)
    expected[i, j] = repeats
    expect_array(student.confusion_matrix(t, y, k), expected, dtype="int",
                 what="같은 쌍이 여러 번 나온 confusion_matrix")


def test_confusion_matrix_any_integer_labels(student, reference, rng):
    """레이블이 uint8, int32, uint16 같은 정수 자료형이어도 된다 (클래스가 20개여도)"""
    for dtype, k in [(np.uint8, 20), (np.int32, 10), (np.uint16, 12), (np.int8, 6)]:
        t, y = labels(rng, 80, k, dtype)
        expect_array(student.confusion_matrix(t, y, k), reference.confusion_matrix(t, y, k), dtype="int",
                     what=f"{np.dtype(dtype).name} 레이블, 클래스 {k}개의 confusion_matrix")


def test_confusion_matrix_leaves_inputs_unchanged_and_starts_over(student, reference, rng, overwrite_results):
    """입력 t, y를 바꾸지 않고, 부를 때마다 새 배열을 돌려준다 (앞선 호출의 결과가 쌓이지 않는다)"""
    for dtype in (np.int64, np.uint8):
        t, y = labels(rng, 30, 5, dtype)
        th, yh = student.put(t), student.put(y)
        expected = reference.confusion_matrix(t, y, 5)
        expect_array(student.confusion_matrix(th, yh, 5), expected, dtype="int", what="confusion_matrix의 결과")
        overwrite_results(student.confusion_matrix, th, yh, 5)
        expect_array(student.confusion_matrix(th, yh, 5), expected, dtype="int",
                     what="같은 t, y로 세 번째 부른 confusion_matrix (돌려준 배열을 바꾼 뒤)")
        expect_unchanged(student.get(th), t, what="confusion_matrix에 넘긴 t")
        expect_unchanged(student.get(yh), y, what="confusion_matrix에 넘긴 y")


def contract_cases(rng):
    t, y = rng.integers(0, 10, size=40), rng.integers(0, 10, size=40)
    return [Case("레이블 40개, 클래스 10개", (t, y, 10)),
            Case("다른 레이블 40개, 클래스 10개", (rng.integers(0, 10, size=40), rng.integers(0, 10, size=40), 10)),
            Case("레이블 (uint8)", (t.astype(np.uint8), y.astype(np.uint8), 10)),
            Case("레이블 (int32)", (t.astype(np.int32), y.astype(np.int32), 10)),
            Case("샘플 하나 (N = 1)", (t[:1], y[:1], 10)),
            Case("클래스 4개", (rng.integers(0, 4, size=12), rng.integers(0, 4, size=12), 4)),
            Case("같은 (정답, 예측) 쌍이 되풀이됨", (np.array([2, 2, 2, 1]), np.array([3, 3, 3, 1]), 5))]


TestContract = battery(Function("confusion_matrix", [Param("t"), Param("y"), Param("num_classes", 10)],
                                contract_cases, dtype="int"))
