"""Public checks for ps8_minibatch_training (공개 검사)."""
import numpy as np
from selfcheck import TOL, expect_array, expect_equal, expect_true, expect_unchanged

# --- split_data

X6 = np.arange(12.0).reshape(6, 2)      # row i is [2i, 2i + 1]
T6 = np.eye(3)[[0, 1, 2, 0, 1, 2]]


def test_split_data_uses_default_rng_permutation(student):
    """seed=0이면 np.random.default_rng(0).permutation(6)의 앞 2개가 시험 데이터, 나머지가 학습 데이터다"""
    idx = np.random.default_rng(0).permutation(6)
    got = student.split_data(X6, T6, 2)
    expect_true(isinstance(got, tuple) and len(got) == 4,
                "split_data는 (x_train, t_train, x_test, t_test) 네 개를 튜플(tuple)로 돌려줘야 해요")
    for value, expected, what in zip(got, (X6[idx[2:]], T6[idx[2:]], X6[idx[:2]], T6[idx[:2]]),
                                     ("x_train", "t_train", "x_test", "t_test")):
        expect_array(value, expected, what=f"split_data(x, t, 2)의 {what}")


def test_split_data_leaves_inputs_unchanged(student):
    """입력 x, t를 바꾸지 않고, 같은 seed면 같은 결과를 돌려준다"""
    xh, th = student.put(X6), student.put(T6)
    first = student.split_data(xh, th, 3, seed=5)
    again = student.split_data(xh, th, 3, seed=5)
    expect_unchanged(student.get(xh), X6, what="split_data에 넘긴 x")
    expect_unchanged(student.get(th), T6, what="split_data에 넘긴 t")
    expect_array(again[0], first[0], what="같은 seed=5로 두 번 부른 split_data의 x_train")


# --- gradient_check

# A stand-in network whose two gradients differ by known amounts: gradient - numerical_gradient
# is +0.5 and -1.5 in W (mean of |.| = 1.0) and 0.25 in b.
STAND_IN = """type("StandIn", (), {
    "params": {"W": np.zeros((2, 2)), "b": np.zeros(2)},
    "gradient": lambda self, x, t: {"W": np.array([[1.5, 1.5], [0.0, 0.0]]), "b": np.array([1.0, 1.0])},
    "numerical_gradient": lambda self, x, t: {"W": np.array([[1.0, 1.0], [1.5, 1.5]]), "b": np.array([0.75, 0.75])},
})"""


def test_gradient_check_mean_absolute_difference(student):
    """키마다 |gradient - numerical_gradient|의 평균(mean)을 담은 딕셔너리다"""
    net = student.function(STAND_IN)()
    got = student.gradient_check(net, np.zeros((1, 2)), np.zeros((1, 2)))
    expect_true(isinstance(got, dict),
                f"gradient_check는 딕셔너리(dict)를 돌려줘야 해요 (받은 값: {type(got).__name__})")
    expect_equal(sorted(got), ["W", "b"], what="gradient_check 결과의 키(key) (기대값은 network.params의 키)")
    expect_array(got["W"], 1.0, what="gradient_check(...)['W'] (|0.5|, |0.5|, |-1.5|, |-1.5|의 평균)")
    expect_array(got["b"], 0.25, what="gradient_check(...)['b']")


def test_gradient_check_small_for_TwoLayerNet(student):
    """주어진 TwoLayerNet에서는 모든 키의 값이 아주 작다 (1e-4 미만)"""
    student.seed(0)
    net = student.TwoLayerNet(4, 3, 2, weight_init_std=1.0)
    got = student.gradient_check(net, np.array([[0.1, 0.5, 0.2, 0.9], [1.0, 0.0, 0.3, 0.4]]),
                                 np.array([[1.0, 0.0], [0.0, 1.0]]))
    expect_true(isinstance(got, dict), "gradient_check는 딕셔너리(dict)를 돌려줘야 해요")
    expect_equal(sorted(got), ["W1", "W2", "b1", "b2"], what="gradient_check 결과의 키(key)")
    for key in ("W1", "b1", "W2", "b2"):
        expect_true(np.ndim(got[key]) == 0 and 0 <= float(got[key]) < TOL.gradient_check_abs,
                    f"gradient_check(...)['{key}']는 {TOL.gradient_check_abs:g}보다 작은 0 이상의 실수 하나여야 해요")


# --- train_minibatch

# A stand-in network: loss(xb, tb) is the sum of the row ids in column 0 of the mini-batch,
# gradient is 0, accuracy(x, t) is the number of rows it is given.
PROBE = """type("Probe", (), {
    "params": {"w": np.zeros(1)},
    "gradient": lambda self, x, t: {"w": np.zeros(1)},
    "loss": lambda self, x, t: float(np.sum(x[:, 0])),
    "accuracy": lambda self, x, t: float(len(x)),
})"""


def test_train_minibatch_batches_from_a_new_permutation_each_epoch(student):
    """에포크마다 default_rng(seed).permutation을 batch_size개씩 잘라 쓴다 (마지막 짧은 배치 포함)"""
    x, t = np.arange(5.0).reshape(5, 1), np.zeros((5, 2))
    history = student.train_minibatch(student.function(PROBE)(), x, t, lr=0.1, batch_size=2, epochs=2, seed=3)
    expect_true(isinstance(history, dict), "train_minibatch는 딕셔너리(dict) history를 돌려줘야 해요")
    rng = np.random.default_rng(3)
    expected = []
    for _ in range(2):
        perm = rng.permutation(5)
        expected += [float(perm[i:i + 2].sum()) for i in range(0, 5, 2)]
    expect_array(np.array(history.get("loss"), dtype=float), expected,
                 what="history['loss'] (각 미니배치에 들어간 행 번호의 합)")
    expect_equal(history.get("train_acc"), [5.0, 5.0],
                 what="history['train_acc'] (이 검사용 신경망의 accuracy는 정확도가 아니라 "
                      "받은 행의 수를 돌려줘요: 학습 데이터 전체 5행이면 5.0)")
    expect_equal(history.get("test_acc"), [], what="x_test가 없을 때 history['test_acc']")


def test_train_minibatch_updates_params(student):
    """params[key] -= lr * grads[key]로 갱신하고, 손실은 갱신한 뒤에 잰다"""
    # loss = ½ ||w - 1||², gradient = w - 1: each update multiplies the distance to 1 by (1 - lr)
    net = student.function("""type("Bowl", (), {
        "params": {"w": np.zeros(3)},
        "gradient": lambda self, x, t: {"w": self.params["w"] - 1.0},
        "loss": lambda self, x, t: 0.5 * float(np.sum((self.params["w"] - 1.0) ** 2)),
        "accuracy": lambda self, x, t: 0.0,
    })""")()
    history = student.train_minibatch(net, np.zeros((4, 1)), np.zeros((4, 1)), lr=0.5, batch_size=2, epochs=1)
    expect_array(np.array(history["loss"], dtype=float), [1.5 * 0.25, 1.5 * 0.0625],
                 what="lr=0.5, 2번 갱신한 뒤의 history['loss']")
    expect_array(net.params["w"], np.full(3, 0.75), what="2번 갱신한 뒤의 params['w']")
