"""Hidden graders for one_hot (ps7_digits_inference)."""
import numpy as np
import pytest

from nnbasics.grading.battery import Case, Function, Param, battery
from nnbasics.release_kit.selfcheck import expect_array, expect_unchanged


@pytest.mark.weight(2)
def test_one_hot_matches_reference_default_ten_classes(student, reference, rng):
    """num_classes를 주지 않으면 (N, 10)의 실수 원-핫 배열이다"""
    for n in (1, 7, 30):
        t = rng.integers(0, 10, size=n)
        expect_array(student.one_hot(t), reference.one_hot(t), dtype="float", what=f"길이 {n} 레이블의 one_hot(t)")


@pytest.mark.weight(2)
def test_one_hot_other_numbers_of_classes(student, reference, rng):
    """num_classes가 10이 아니어도 (위치 인자, 키워드 인자 모두) 열의 개수는 num_classes다"""
    for k in (2, 3, 7, 20):
        t = rng.integers(0, k, size=12)
        expect_array(student.one_hot(t, k), reference.one_hot(t, k), dtype="float",
                     what=f"one_hot(t, {k}) (위치 인자)")
        expect_array(student.one_hot(t=t, num_classes=k), reference.one_hot(t, k), dtype="float",
                     what=f"one_hot(t=t, num_classes={k}) (키워드 인자)")


def test_one_hot_columns_from_num_classes_not_labels(student, rng):
    """t에 나오지 않는 레이블의 열도 있다: 열의 개수는 t.max() + 1이 아니라 num_classes다"""
    k = int(rng.integers(6, 12))
    t = rng.integers(0, 3, size=8)                 # labels 0..2 only
    # identity: row i of one_hot is row t[i] of the identity matrix
    expect_array(student.one_hot(t, k), np.eye(k)[t], dtype="float",
                 what="레이블이 0..2뿐일 때 one_hot(t, num_classes)")


def test_one_hot_any_integer_labels(student, reference, rng):
    """레이블이 여러 정수 자료형(uint8, int32, ...)이거나 파이썬 리스트여도 된다"""
    for dtype in (np.uint8, np.int32, np.int16, np.uint64):
        t = rng.integers(0, 10, size=9).astype(dtype)
        expect_array(student.one_hot(t), reference.one_hot(t), dtype="float",
                     what=f"{np.dtype(dtype).name} 레이블의 one_hot")
    labels = [int(v) for v in rng.integers(0, 4, size=5)]
    expect_array(student.one_hot(labels, 4), reference.one_hot(labels, 4), dtype="float",
                 what="파이썬 리스트 레이블의 one_hot(t, 4)")


def test_one_hot_rows_sum_to_one_at_the_label(student, rng):
    """각 행의 합은 1이고, 1.0인 자리의 인덱스가 레이블이다"""
    k = int(rng.integers(3, 15))
    t = rng.integers(0, k, size=25)
    got = student.one_hot(t, k)
    expect_array(got, np.eye(k)[t], dtype="float", what="one_hot(t, num_classes)")
    expect_array(got.argmax(axis=1), t, what="one_hot(t, num_classes)의 행별 argmax (기대값은 t)")


def test_one_hot_leaves_labels_unchanged_and_returns_fresh_arrays(student, reference, rng, overwrite_results):
    """입력 레이블을 바꾸지 않고, 돌려준 배열을 바꿔도 다음 호출의 결과는 같다"""
    for t, k in [(rng.integers(0, 10, size=11), 10), (rng.integers(0, 4, size=6).astype(np.uint8), 4)]:
        handle = student.put(t)
        expect_array(student.one_hot(handle, k), reference.one_hot(t, k), what="one_hot의 출력")
        overwrite_results(student.one_hot, handle, k)
        expect_unchanged(student.get(handle), t, what="one_hot에 넘긴 레이블 배열")
        expect_array(student.one_hot(handle, k), reference.one_hot(t, k),
                     what="돌려준 배열을 바꾼 뒤 다시 부른 one_hot")


def contract_cases(rng):
    labels = rng.integers(0, 10, size=7)
    return [Case("레이블 (int64), 클래스 10개", (labels, 10)),
            Case("다른 레이블 (int64), 클래스 10개", (rng.integers(0, 10, size=7), 10)),
            Case("레이블 (uint8)", (labels.astype(np.uint8), 10)),
            Case("레이블 (int32)", (labels.astype(np.int32), 10)),
            Case("레이블 하나 (N = 1)", (labels[:1], 10)),
            Case("클래스 3개", (rng.integers(0, 3, size=6), 3)),
            Case("클래스 12개 (레이블에 없는 클래스도 열이 있다)", (rng.integers(0, 5, size=6), 12))]


TestContract = battery(Function("one_hot", [Param("t"), Param("num_classes", 10)], contract_cases, dtype="float"))
