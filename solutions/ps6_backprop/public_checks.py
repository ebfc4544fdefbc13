"""Public checks for ps6_backprop (공개 검사)."""
import numpy as np
from selfcheck import TOL, expect_array, expect_equal, expect_true

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
    expect_array(W, W_OR, what="epochs=0 일 때 돌려준 W")
    expect_array(b, 0.25, what="epochs=0 일 때 돌려준 b")


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


def _small_net(student, std=0.01):
    student.seed(0)
    return student.TwoLayerNet(input_size=3, hidden_size=4, output_size=2, weight_init_std=std)


def test_TwoLayerNet_params_shapes(student):
    """params의 W1, b1, W2, b2 모양(shape)이 맞고 편향은 0이다"""
    params = _small_net(student).params
    expect_true(isinstance(params, dict), "TwoLayerNet(3, 4, 2).params는 딕셔너리(dict)여야 해요")
    expect_equal(sorted(params), ["W1", "W2", "b1", "b2"], what="TwoLayerNet(3, 4, 2).params의 키(key)")
    for key, shape in [("W1", (3, 4)), ("b1", (4,)), ("W2", (4, 2)), ("b2", (2,))]:
        expect_equal(np.shape(params[key]), shape, what=f"params['{key}']의 모양(shape)")
    expect_array(params["b1"], np.zeros(4), what="params['b1']")
    expect_array(params["b2"], np.zeros(2), what="params['b2']")


def test_TwoLayerNet_predict_probabilities(student):
    """predict의 각 행(row)은 합이 1인 확률이다"""
    y = _small_net(student, std=1.0).predict(np.array([[1.0, 2.0, 3.0], [0.0, -1.0, 0.5]]))
    expect_array(np.sum(y, axis=1), np.ones(2), what="predict 결과의 행별 합")


def test_TwoLayerNet_gradient_check(student):
    """gradient(역전파)가 numerical_gradient(수치 미분)와 거의 같다 (weight_init_std=1.0)"""
    net = _small_net(student, std=1.0)
    x = np.array([[1.0, 2.0, 3.0], [0.0, -1.0, 0.5], [0.3, 0.2, -0.4]])
    t = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 1.0]])
    grad, numerical = net.gradient(x, t), net.numerical_gradient(x, t)
    for key in ("W1", "b1", "W2", "b2"):
        expect_array(grad[key], numerical[key], atol=TOL.gradient_check_abs, rtol=0,
                     what=f"gradient(x, t)['{key}'] (기대값은 numerical_gradient의 중앙 차분)")


def test_TwoLayerNet_accuracy_of_own_predictions(student):
    """t가 predict의 argmax와 같으면 accuracy는 1.0 이다"""
    net = _small_net(student, std=1.0)
    x = np.array([[1.0, 2.0, 3.0], [0.0, -1.0, 0.5], [0.3, 0.2, -0.4]])
    t = np.eye(2)[np.argmax(net.predict(x), axis=1)]
    expect_array(net.accuracy(x, t), 1.0, what="accuracy(x, predict의 argmax로 만든 t)")


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
