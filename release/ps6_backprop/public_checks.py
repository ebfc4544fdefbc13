"""Public checks for ps6_backprop (공개 검사)."""

import numpy as np
from selfcheck import TOL, expect_array, expect_equal, expect_true, instance, names_unwritten_methods

# --- sigmoid_grad


def test_sigmoid_grad_at_zero(student):
    """sigmoid_grad(0) = σ(0)(1 - σ(0)) = 0.25"""
    expect_array(student.sigmoid_grad(0.0), 0.25, what="sigmoid_grad(0.0)")


def test_sigmoid_grad_book_values(student):
    """sigmoid_grad([-1, 1, 2])가 σ(x)(1 - σ(x))와 같다 (pre-activation x에서)"""
    # σ([-1, 1, 2]) from the book, ch.3 (EXERCISES.md)
    s = np.array([0.2689414213699951, 0.7310585786300049, 0.8807970779778823])
    expect_array(student.sigmoid_grad(np.array([-1.0, 1.0, 2.0])), s * (1 - s),
                 what="sigmoid_grad([-1.0, 1.0, 2.0])")


def test_sigmoid_grad_keeps_shape(student):
    """2-D 입력에 대해 같은 모양(shape)의 배열을 돌려준다"""
    got = student.sigmoid_grad(np.zeros((2, 3)))
    expect_array(got, np.full((2, 3), 0.25), what="sigmoid_grad(np.zeros((2, 3)))")


# --- train_neuron

X_OR = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
Y_OR = np.array([[0], [1], [1], [1]], dtype=float)
W_OR = np.array([[0.5], [-0.5]])


def test_train_neuron_zero_epochs(student):
    """epochs=0이면 W, b를 그대로 돌려준다"""
    W, b = student.train_neuron(X_OR, Y_OR, W_OR, 0.25, lr=1.0, epochs=0)
    expect_array(W, W_OR, what="epochs=0일 때 돌려준 W")
    expect_array(b, 0.25, what="epochs=0일 때 돌려준 b")


def test_train_neuron_keeps_callers_W(student):
    """호출한 쪽의 W 배열을 바꾸지 않는다"""
    handle = student.put(W_OR)
    student.train_neuron(X_OR, Y_OR, handle, 0.0, lr=1.0, epochs=3)
    expect_array(student.get(handle), W_OR, what="train_neuron을 부른 뒤 넘겨준 W")


def test_train_neuron_learns_OR(student):
    """1000 에포크 뒤 뉴런의 출력이 OR의 진리표(0, 1, 1, 1)와 같은 쪽에 있다"""
    W, b = student.train_neuron(X_OR, Y_OR, W_OR, 0.0, lr=1.0, epochs=1000)
    A = 1 / (1 + np.exp(-(X_OR @ np.asarray(W) + b)))
    expect_array((A > 0.5).astype(int), Y_OR.astype(int), what="학습 뒤 출력 A > 0.5 (X = [[0,0],[0,1],[1,0],[1,1]])")


def test_train_neuron_b_stays_a_float(student):
    """학습한 편향 b는 (1, 1) 배열이 아니라 실수 하나다 (np.sum(dZ, keepdims=True)를 쓰지 않는다)"""
    _, b = student.train_neuron(X_OR, Y_OR, W_OR, 0.25, lr=1.0, epochs=3)
    expect_equal(np.shape(b), (), what="3 에포크 학습한 뒤 돌려준 b의 모양(shape)")


def _error(W, b):
    """E = ½ Σ (σ(X W + b) - Y)² on the OR data."""
    return 0.5 * float(np.sum((1 / (1 + np.exp(-(X_OR @ W + b))) - Y_OR) ** 2))


def test_train_neuron_one_epoch_is_gradient_step(student):
    """lr=1로 한 에포크 학습한 변화량 (W - W_new, b - b_new)이 E의 기울기(중앙 차분)와 같다"""
    h, b = 1e-4, 0.25
    dW = np.zeros_like(W_OR)
    for i in range(W_OR.shape[0]):
        step = np.zeros_like(W_OR)
        step[i] = h
        dW[i] = (_error(W_OR + step, b) - _error(W_OR - step, b)) / (2 * h)
    db = (_error(W_OR, b + h) - _error(W_OR, b - h)) / (2 * h)
    W, b_new = student.train_neuron(X_OR, Y_OR, W_OR, b, lr=1.0, epochs=1)
    expect_array(W_OR - np.asarray(W), dW, atol=TOL.numerical_gradient_abs, rtol=0,
                 what="W - W_new (기대값은 E = ½Σ(A - Y)² 의 중앙 차분)")
    expect_array(b - b_new, db, atol=TOL.numerical_gradient_abs, rtol=0,
                 what="b - b_new (기대값은 E = ½Σ(A - Y)² 의 중앙 차분)")


# --- TwoLayerNet


# A small network (3 inputs, 4 hidden, 2 outputs) with fixed parameters, a batch and its one-hot labels.
PARAMS = {"W1": np.array([[0.5, -1.0, 0.3, 0.8], [-0.2, 0.4, 1.1, -0.6], [0.9, 0.1, -0.7, 0.2]]),
          "b1": np.array([0.1, -0.3, 0.2, 0.0]),
          "W2": np.array([[1.0, -0.5], [-0.8, 0.6], [0.3, 0.9], [-1.2, 0.4]]),
          "b2": np.array([0.2, -0.1])}
X = np.array([[1.0, 2.0, 3.0], [0.0, -1.0, 0.5], [0.3, 0.2, -0.4]])
T = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 1.0]])


def _predict(P, x):
    """Sigmoid hidden layer, row-wise softmax output (written out here, so the checks are self-contained)."""
    a2 = 1 / (1 + np.exp(-(x @ P["W1"] + P["b1"]))) @ P["W2"] + P["b2"]
    e = np.exp(a2 - a2.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _loss(P, x, t):
    return -np.sum(t * np.log(_predict(P, x) + 1e-7)) / x.shape[0]


def _central_difference(P, x, t, h=1e-4):
    """d loss / d params by central differences, parameter by parameter."""
    grads = {}
    for key, value in P.items():
        grads[key] = np.zeros_like(value)
        for idx in np.ndindex(value.shape):
            plus, minus = {k: v.copy() for k, v in P.items()}, {k: v.copy() for k, v in P.items()}
            plus[key][idx] += h
            minus[key][idx] -= h
            grads[key][idx] = (_loss(plus, x, t) - _loss(minus, x, t)) / (2 * h)
    return grads


def _net(student):
    """A TwoLayerNet(3, 4, 2) holding PARAMS; made without __init__ while __init__ is not written yet,
    so that each method's check tests that method."""
    net = instance(student, "TwoLayerNet", 3, 4, 2)
    net.params = {k: v.copy() for k, v in PARAMS.items()}
    return net


def _expect_grads(got, expected, *, what, atol):
    expect_true(isinstance(got, dict), f"{what}: 딕셔너리(dict)를 기대했지만 {type(got).__name__} 객체를 받았어요")
    expect_equal(sorted(got), ["W1", "W2", "b1", "b2"], what=f"{what}의 키(key)")
    for key in ("W1", "b1", "W2", "b2"):
        expect_array(got[key], expected[key], atol=atol, rtol=0, what=f"{what}['{key}'] (기대값은 손실의 중앙 차분)")


@names_unwritten_methods("TwoLayerNet")
def test_TwoLayerNet_params_shapes(student):
    """__init__: params의 W1, b1, W2, b2 모양(shape)이 맞고 편향은 0이다"""
    student.seed(0)
    params = student.TwoLayerNet(input_size=3, hidden_size=4, output_size=2).params
    expect_true(isinstance(params, dict), "TwoLayerNet(3, 4, 2).params는 딕셔너리(dict)여야 해요")
    expect_equal(sorted(params), ["W1", "W2", "b1", "b2"], what="TwoLayerNet(3, 4, 2).params의 키(key)")
    for key, shape in [("W1", (3, 4)), ("b1", (4,)), ("W2", (4, 2)), ("b2", (2,))]:
        expect_equal(np.shape(params[key]), shape, what=f"params['{key}']의 모양(shape)")
    expect_array(params["b1"], np.zeros(4), what="params['b1']")
    expect_array(params["b2"], np.zeros(2), what="params['b2']")


@names_unwritten_methods("TwoLayerNet")
def test_TwoLayerNet_predict_probabilities(student):
    """predict: 시그모이드 은닉층과 소프트맥스 출력층을 거친 확률(각 행의 합이 1)을 돌려준다"""
    expect_array(_net(student).predict(X), _predict(PARAMS, X), what="정해진 params로 predict(x)")


@names_unwritten_methods("TwoLayerNet")
def test_TwoLayerNet_loss(student):
    """loss: cross_entropy_error(predict(x), t), 곧 배치 평균 교차 엔트로피를 돌려준다"""
    expect_array(_net(student).loss(X, T), _loss(PARAMS, X, T), what="정해진 params로 loss(x, t)")


@names_unwritten_methods("TwoLayerNet")
def test_TwoLayerNet_accuracy(student):
    """accuracy: predict의 행별 argmax가 t의 argmax와 같은 행의 비율이다"""
    right = np.argmax(_predict(PARAMS, X), axis=1)
    t = np.eye(2)[[right[0], right[1], 1 - right[2]]]   # the last row's label is wrong
    expect_array(_net(student).accuracy(X, t), 2 / 3, what="세 행 중 두 행이 맞는 t로 accuracy(x, t)")


@names_unwritten_methods("TwoLayerNet")
def test_TwoLayerNet_numerical_gradient(student):
    """numerical_gradient: params와 같은 키와 모양으로, 손실의 중앙 차분(h = 1e-4)을 돌려준다"""
    _expect_grads(_net(student).numerical_gradient(X, T), _central_difference(PARAMS, X, T),
                  what="numerical_gradient(x, t)", atol=TOL.numerical_gradient_abs)


@names_unwritten_methods("TwoLayerNet")
def test_TwoLayerNet_gradient_check(student):
    """gradient: 오차역전파로 구한 기울기가 손실의 중앙 차분과 거의 같다 (기울기 확인, gradient check)"""
    _expect_grads(_net(student).gradient(X, T), _central_difference(PARAMS, X, T),
                  what="gradient(x, t)", atol=TOL.gradient_check_abs)


# --- train_network

# A stand-in network: loss = ½ Σ ||params[k] - target[k]||², so gradient = params - target and
# each step of gradient descent multiplies the distance by (1 - lr): loss after step i is
# (1 - lr)^(2i) * loss at the start.
QUADRATIC = """type("QuadraticNet", (), {
    "loss": lambda self, x, t: 0.5 * sum(float(np.sum((self.params[k] - target[k]) ** 2)) for k in target),
    "gradient": lambda self, x, t: {k: self.params[k] - target[k] for k in target},
})"""


def _quadratic(student):
    target = {"W1": np.ones((2, 3)), "b1": np.ones(3), "W2": np.ones((3, 1)), "b2": np.ones(1)}
    net = student.function(QUADRATIC, target=target)()
    net.params = {k: np.zeros_like(v) for k, v in target.items()}
    return net, 0.5 * sum(v.size for v in target.values())


def test_train_network_losses_after_each_update(student):
    """손실 리스트의 길이는 steps이고, 각 값은 갱신한 뒤의 손실이다"""
    net, start = _quadratic(student)
    losses = student.train_network(net, np.zeros((1, 2)), np.zeros((1, 1)), lr=0.5, steps=3)
    expect_true(isinstance(losses, list), f"train_network는 리스트를 돌려줘야 해요 (받은 값: {type(losses).__name__})")
    expect_array(np.array(losses), start * 0.25 ** np.arange(1, 4),
                 what="QuadraticNet을 lr=0.5로 3번 갱신한 손실 리스트")


def test_train_network_updates_all_params(student):
    """W1, b1, W2, b2를 모두 lr * 기울기만큼 갱신한다"""
    net, _ = _quadratic(student)
    student.train_network(net, np.zeros((1, 2)), np.zeros((1, 1)), lr=0.5, steps=1)
    for key, value in net.params.items():
        expect_array(value, np.full(np.shape(value), 0.5), what=f"0에서 목표 1로 lr=0.5 한 번 갱신한 params['{key}']")
