"""Hidden graders for split_data (ps8_minibatch_training)."""
import numpy as np
import pytest

from nnbasics.grading.battery import Case, Function, Param, battery
from nnbasics.release_kit.selfcheck import expect_array, expect_true, expect_unchanged

NAMES = ("x_train", "t_train", "x_test", "t_test")


def data(rng, n, d=3, k=4, one_hot=True):
    """x (n, d) whose column 0 is the row number, and t one-hot (n, k) or integer labels (n,)."""
    x = rng.normal(size=(n, d))
    x[:, 0] = np.arange(n)
    labels = rng.integers(0, k, size=n)
    return x, (np.eye(k)[labels] if one_hot else labels)


def parts(got, what):
    expect_true(isinstance(got, (tuple, list)) and len(got) == 4,
                f"{what}: (x_train, t_train, x_test, t_test) 네 개를 튜플(tuple)로 돌려줘야 해요")
    return got


def expect_split(got, expected, what, labels=False):
    for value, want, name in zip(parts(got, what), expected, NAMES):
        integer = labels and name.startswith("t")
        expect_array(value, want, dtype="int" if integer else None, what=f"{what}의 {name}")


@pytest.mark.weight(2)
def test_split_data_matches_reference(student, reference, rng):
    """여러 크기, test_size, seed에서 (x_train, t_train, x_test, t_test)가 참조 구현과 같다"""
    for n, test_size in [(20, 5), (37, 10), (9, 1)]:
        seed = int(rng.integers(1000))
        x, t = data(rng, n)
        expect_split(student.split_data(x, t, test_size, seed), reference.split_data(x, t, test_size, seed),
                     f"N={n}, test_size={test_size}인 split_data")


@pytest.mark.weight(2)
def test_split_data_test_rows_come_first_in_the_permutation(student, rng):
    """idx = default_rng(seed).permutation(N)의 앞 test_size개가 시험 데이터, 나머지가 학습 데이터다 (이 순서로)"""
    n, test_size, seed = 15, 4, int(rng.integers(1000))
    x, t = data(rng, n)
    idx = np.random.default_rng(seed).permutation(n)
    train, test = idx[test_size:], idx[:test_size]
    # identity: the spec's definition of the split
    expect_split(student.split_data(x, t, test_size, seed=seed), (x[train], t[train], x[test], t[test]),
                 f"N={n}, test_size={test_size}인 split_data")


def test_split_data_integer_labels(student, reference, rng):
    """t가 정수 레이블 (N,)이면 t_train, t_test도 같은 값의 정수 배열이다"""
    x, t = data(rng, 25, one_hot=False)
    for dtype in (np.int64, np.uint8):
        labels = t.astype(dtype)
        expect_split(student.split_data(x, labels, 6, 3), reference.split_data(x, labels, 6, 3),
                     f"{np.dtype(dtype).name} 레이블의 split_data", labels=True)


def test_split_data_default_seed_and_keywords(student, reference, rng):
    """seed를 주지 않으면 seed=0이고, 모든 인자를 키워드(keyword)로 넘겨도 된다"""
    x, t = data(rng, 12)
    expected = reference.split_data(x, t, 3, 0)
    expect_split(student.split_data(x, t, 3), expected, "seed 없이 부른 split_data(x, t, 3)")
    expect_split(student.split_data(x=x, t=t, test_size=3, seed=0), expected,
                 "split_data(x=x, t=t, test_size=3, seed=0) (키워드 인자)")


def test_split_data_same_seed_same_split(student, rng):
    """같은 seed면 언제나 같은 분할이고, seed가 다르면 분할이 달라진다 (전역 난수 상태를 쓰지 않는다)"""
    x, t = data(rng, 30)
    first = parts(student.split_data(x, t, 10, 7), "split_data(x, t, 10, 7)")
    second = parts(student.split_data(x, t, 10, 7), "다시 부른 split_data(x, t, 10, 7)")
    expect_array(second[2], first[2], what="같은 seed로 두 번 부른 split_data의 x_test")
    other = parts(student.split_data(x, t, 10, 8), "split_data(x, t, 10, 8)")
    expect_true(not np.array_equal(np.asarray(other[2]), np.asarray(first[2])),
                "seed=7과 seed=8로 나눈 x_test가 같아요: np.random.default_rng(seed)를 쓰세요")


def test_split_data_edge_sizes(student, reference, rng):
    """test_size=0이면 시험 데이터가 비고 (0행), test_size=N이면 학습 데이터가 빈다"""
    x, t = data(rng, 8)
    for test_size in (0, 8):
        expect_split(student.split_data(x, t, test_size, 1), reference.split_data(x, t, test_size, 1),
                     f"N=8, test_size={test_size}인 split_data")


def test_split_data_leaves_inputs_unchanged_and_returns_fresh_arrays(student, reference, rng, overwrite_results):
    """입력 x, t를 바꾸지 않고, 돌려준 배열을 바꿔도 입력은 그대로다 (뷰(view)가 아닌 새 배열)"""
    for one_hot in (True, False):
        x, t = data(rng, 16, one_hot=one_hot)
        xh, th = student.put(x), student.put(t)
        expect_split(student.split_data(xh, th, 5, 2), reference.split_data(x, t, 5, 2), "split_data")
        overwrite_results(student.split_data, xh, th, 5, 2)
        expect_unchanged(student.get(xh), x, what="split_data에 넘긴 x")
        expect_unchanged(student.get(th), t, what="split_data에 넘긴 t")


def contract_cases(rng):
    x, t = rng.normal(size=(12, 3)), rng.integers(0, 4, size=12)
    return [Case("실수 x, 레이블 t", (x, t, 4, int(rng.integers(100)))),
            Case("다른 실수 x, 레이블 t", (rng.normal(size=(12, 3)), rng.integers(0, 4, size=12), 4,
                                          int(rng.integers(100)))),
            Case("원-핫 t", (x, np.eye(4)[t], 5, 3)),
            Case("정수 픽셀 x (uint8)", (rng.integers(0, 17, size=(10, 4)).astype(np.uint8), t[:10], 3, 7)),
            Case("test_size = 0", (x, t, 0, 1)),
            Case("test_size = N (모두 테스트)", (x, t, 12, 2))]


TestContract = battery(Function("split_data", [Param("x"), Param("t"), Param("test_size"), Param("seed", 0)],
                                contract_cases))
