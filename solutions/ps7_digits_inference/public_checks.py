"""Public checks for ps7_digits_inference (공개 검사)."""
import itertools

import numpy as np
from selfcheck import expect_array, expect_equal, expect_true, expect_unchanged

# --- normalize


def test_normalize_known_values(student):
    """normalize(16) = 1.0, normalize([0, 4, 8, 16]) = [0, 0.25, 0.5, 1] (16으로 나눈 실수)"""
    # known answer: normalize(16) = 1.0 (EXERCISES.md)
    expect_array(student.normalize(16), 1.0, what="normalize(16)")
    expect_array(student.normalize(np.array([0, 4, 8, 16])), [0.0, 0.25, 0.5, 1.0], dtype="float",
                 what="normalize(np.array([0, 4, 8, 16]))")


def test_normalize_keeps_shape_and_input(student):
    """2-D 입력에 같은 모양(shape)의 배열을 돌려주고 입력은 바꾸지 않는다"""
    x = np.arange(12).reshape(3, 4)
    handle = student.put(x)
    expect_array(student.normalize(handle), x / 16.0, dtype="float", what="normalize(np.arange(12).reshape(3, 4))")
    expect_unchanged(student.get(handle), x, what="normalize의 입력 배열")


# --- one_hot


def test_one_hot_known_answer(student):
    """one_hot([2, 0, 1], 3) = [[0,0,1],[1,0,0],[0,1,0]] (실수)"""
    # known answer (EXERCISES.md)
    expect_array(student.one_hot(np.array([2, 0, 1]), 3), [[0.0, 0.0, 1.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]],
                 dtype="float", what="one_hot(np.array([2, 0, 1]), 3)")


def test_one_hot_default_ten_classes(student):
    """num_classes를 주지 않으면 열이 10개다 (레이블에 없는 숫자의 열도 있다)"""
    got = student.one_hot(np.array([3, 3]))
    expect_array(got, np.eye(10)[[3, 3]], dtype="float", what="one_hot(np.array([3, 3]))")


# --- predict

def _network(sizes, scale=0.0):
    """A network with the given layer sizes; weights scale * a fixed pattern, biases 0."""
    net = {}
    for i, (n_in, n_out) in enumerate(itertools.pairwise(sizes), start=1):
        net[f"W{i}"] = scale * np.cos(np.arange(n_in * n_out)).reshape(n_in, n_out)
        net[f"b{i}"] = np.zeros(n_out)
    return net


def test_predict_zero_network_is_uniform(student):
    """가중치와 편향이 모두 0이면 모든 클래스의 확률이 같다 (1/C)"""
    net = _network([4, 3, 5, 2])
    expect_array(student.predict(net, np.ones(4)), [0.5, 0.5], what="0 신경망(4-3-5-2)에 한 샘플을 넣은 predict")
    expect_array(student.predict(net, np.ones((3, 4))), np.full((3, 2), 0.5),
                 what="0 신경망에 배치 (3, 4)를 넣은 predict")


def test_predict_rows_are_probabilities(student):
    """배치 (N, d)를 넣으면 (N, C)이고, 각 행의 합이 1이며 한 장씩 넣은 결과와 같다"""
    net = _network([6, 5, 4, 3], scale=1.0)
    x = np.linspace(-1, 1, 12).reshape(2, 6)
    y = student.predict(net, x)
    expect_true(isinstance(y, np.ndarray) and y.shape == (2, 3),
                "predict(배치 (2, 6))는 모양 (2, 3)의 배열이어야 해요")
    expect_array(y.sum(axis=1), [1.0, 1.0], what="predict 출력의 행별 합")
    expect_array(y[1], student.predict(net, x[1]), what="predict(net, x)[1] (기대값은 predict(net, x[1]))")


# --- accuracy

def _biased_network(label):
    """W3 = 0, so every prediction is the class with the largest b3: `label`."""
    net = _network([4, 3, 2, 3], scale=1.0)
    net["W3"] = np.zeros((2, 3))
    net["b3"] = np.eye(3)[label]
    return net


def test_accuracy_counts_the_last_short_batch(student):
    """5개 샘플, batch_size=2 (마지막 배치 1개): 맞힌 수 / 5"""
    net, x = _biased_network(2), np.ones((5, 4))
    t = np.array([2, 0, 2, 1, 2])   # the network always predicts 2: 3 of 5 right
    expect_array(student.accuracy(net, x, t, batch_size=2), 0.6, what="accuracy(net, x, [2, 0, 2, 1, 2], batch_size=2)")


def test_accuracy_does_not_depend_on_batch_size(student):
    """batch_size가 1, 3, 100이어도 결과가 같다"""
    net, x = _biased_network(0), np.ones((7, 4))
    t = np.array([0, 0, 1, 2, 0, 1, 0])   # always predicts 0: 4 of 7 right
    for batch_size in (1, 3, 100):
        expect_array(student.accuracy(net, x, t, batch_size=batch_size), 4 / 7,
                     what=f"accuracy(..., batch_size={batch_size})")


# --- confusion_matrix


def test_confusion_matrix_small_example(student):
    """t = [0, 1, 2, 2], y = [0, 2, 2, 1]이면 행(정답) i, 열(예측) j의 개수"""
    got = student.confusion_matrix(np.array([0, 1, 2, 2]), np.array([0, 2, 2, 1]), 3)
    expect_array(got, [[1, 0, 0], [0, 0, 1], [0, 1, 1]], dtype="int",
                 what="confusion_matrix([0, 1, 2, 2], [0, 2, 2, 1], 3)")


def test_confusion_matrix_counts_repeated_pairs(student):
    """같은 (정답, 예측) 쌍이 여러 번 나오면 그만큼 센다, 기본 크기는 10×10"""
    got = student.confusion_matrix(np.array([7, 7, 7, 1]), np.array([7, 7, 1, 1]))
    expected = np.zeros((10, 10), dtype=int)
    expected[7, 7], expected[7, 1], expected[1, 1] = 2, 1, 1
    expect_array(got, expected, dtype="int", what="confusion_matrix([7, 7, 7, 1], [7, 7, 1, 1])")
    expect_equal(int(np.sum(got)), 4, what="confusion_matrix 원소의 합")
