"""Hidden graders for train_network (ps6_backprop).

train_network is graded on its own, with stand-in networks built on the student's side
(not with the student's TwoLayerNet), so a bug in TwoLayerNet does not cost points here.
"""
import numpy as np
import pytest

from nnbasics.release_kit.selfcheck import TOL, expect_array, expect_equal, expect_true

# loss = ½ Σ_k ||params[k] - target[k]||², gradient = params - target. Gradient descent with
# rate lr multiplies every distance to the target by (1 - lr), so after i updates
# params = target + (1 - lr)^i (start - target) and loss = (1 - lr)^(2i) * loss(start).
QUADRATIC = """type("QuadraticNet", (), {
    "loss": lambda self, x, t: 0.5 * sum(float(np.sum((self.params[k] - target[k]) ** 2)) for k in target),
    "gradient": lambda self, x, t: {k: self.params[k] - target[k] for k in target},
})"""

# A linear two-layer model with loss ½ Σ (scores - t)² / N, whose gradient depends on x and t.
LINEAR = """type("LinearNet", (), {
    "hidden": lambda self, x: x @ self.params["W1"] + self.params["b1"],
    "scores": lambda self, x: self.hidden(x) @ self.params["W2"] + self.params["b2"],
    "loss": lambda self, x, t: 0.5 * float(np.sum((self.scores(x) - t) ** 2)) / len(x),
    "gradient": lambda self, x, t: (lambda h, e: {
        "W1": x.T @ (e @ self.params["W2"].T), "b1": (e @ self.params["W2"].T).sum(axis=0),
        "W2": h.T @ e, "b2": e.sum(axis=0),
    })(self.hidden(x), (self.scores(x) - t) / len(x)),
})"""

KEYS = ["W1", "b1", "W2", "b2"]


def shapes(i, h, o):
    return {"W1": (i, h), "b1": (h,), "W2": (h, o), "b2": (o,)}


def quadratic(student, rng, i=3, h=4, o=2):
    """(student-side QuadraticNet, start params, target params)."""
    target = {k: rng.normal(size=s) for k, s in shapes(i, h, o).items()}
    start = {k: rng.normal(size=s) for k, s in shapes(i, h, o).items()}
    net = student.function(QUADRATIC, target=target)()
    net.params = {k: v.copy() for k, v in start.items()}
    return net, start, target


def linear_pair(student, rng, i, h, o):
    """The same LinearNet with the same start params, on the student's side and here."""
    start = {k: rng.normal(scale=0.5, size=s) for k, s in shapes(i, h, o).items()}
    mine = student.function(LINEAR)()
    mine.params = {k: v.copy() for k, v in start.items()}
    ours = eval(LINEAR, {"np": np})()
    ours.params = {k: v.copy() for k, v in start.items()}
    return mine, ours


def losses_of(student, *args, **kwargs):
    losses = student.train_network(*args, **kwargs)
    expect_true(isinstance(losses, list),
                f"train_network는 손실의 리스트(list)를 돌려줘야 해요 (받은 값: {type(losses).__name__})")
    return losses


@pytest.mark.weight(3)
def test_train_network_records_loss_after_each_update(student, rng):
    """길이 steps의 손실 리스트를 돌려주고, i 번째 값은 i+1 번 갱신한 뒤의 손실이다"""
    x, t = rng.normal(size=(2, 3)), np.eye(2)[[0, 1]]
    for lr, steps in [(0.1, 4), (0.5, 1), (0.75, 9)]:
        net, start, target = quadratic(student, rng)
        first = 0.5 * sum(float(np.sum((start[k] - target[k]) ** 2)) for k in KEYS)
        losses = losses_of(student, net, x, t, lr=lr, steps=steps)
        expect_equal(len(losses), steps, what=f"steps={steps}일 때 손실 리스트의 길이")
        expect_array(np.array(losses, dtype=float), first * (1 - lr) ** (2 * np.arange(1, steps + 1)),
                     atol=TOL.training_abs, rtol=TOL.training_rel,
                     what=f"QuadraticNet을 lr={lr}로 학습한 손실 리스트 (기대값은 닫힌 꼴(closed form))")


@pytest.mark.weight(2)
def test_train_network_updates_every_param(student, rng):
    """W1, b1, W2, b2 모두 params[key] -= lr * grads[key]로 갱신한다"""
    x, t = rng.normal(size=(2, 3)), np.eye(2)[[1, 0]]
    for lr, steps in [(0.2, 3), (0.6, 5)]:
        net, start, target = quadratic(student, rng)
        student.train_network(net, x, t, lr=lr, steps=steps)
        params = net.params
        for key in KEYS:
            expected = target[key] + (1 - lr) ** steps * (start[key] - target[key])
            expect_array(params[key], expected, atol=TOL.training_abs, rtol=TOL.training_rel,
                         what=f"QuadraticNet을 lr={lr}, steps={steps}로 학습한 params['{key}'] (기대값은 닫힌 꼴)")


@pytest.mark.weight(2)
def test_train_network_matches_reference(student, reference, rng):
    """x, t에 따라 기울기가 달라지는 신경망에서 손실 리스트와 params가 참조 구현과 같다"""
    for (i, h, o), n, lr, steps in [((2, 3, 2), 6, 0.1, 25), ((4, 2, 3), 9, 0.3, 12)]:
        x, t = rng.normal(size=(n, i)), np.eye(o)[rng.integers(0, o, size=n)]
        mine, ours = linear_pair(student, rng, i, h, o)
        expected = reference.train_network(ours, x.copy(), t.copy(), lr=lr, steps=steps)
        got = losses_of(student, mine, x, t, lr=lr, steps=steps)
        expect_array(np.array(got, dtype=float), np.array(expected), atol=TOL.training_abs, rtol=TOL.training_rel,
                     what=f"크기가 {(i, h, o)}인 LinearNet을 lr={lr}, steps={steps}로 학습한 손실 리스트")
        params = mine.params
        for key in KEYS:
            expect_array(params[key], ours.params[key], atol=TOL.training_abs, rtol=TOL.training_rel,
                         what=f"크기가 {(i, h, o)}인 LinearNet을 학습한 뒤의 params['{key}']")


def test_train_network_default_arguments(student, rng):
    """기본값은 lr=1.0, steps=1000이다"""
    net, _, target = quadratic(student, rng)
    losses = losses_of(student, net, np.zeros((1, 3)), np.ones((1, 2)))
    expect_equal(len(losses), 1000, what="기본값으로 학습한 손실 리스트의 길이")
    # with lr = 1 the first update lands exactly on the target, so every loss is 0
    expect_array(np.array(losses, dtype=float), np.zeros(1000), atol=TOL.training_abs, rtol=0,
                 what="QuadraticNet을 기본값(lr=1.0)으로 학습한 손실 리스트")


def test_train_network_zero_steps(student, rng):
    """steps=0이면 빈 리스트를 돌려주고 params를 바꾸지 않는다"""
    net, start, _ = quadratic(student, rng)
    losses = losses_of(student, net, np.zeros((1, 3)), np.ones((1, 2)), lr=0.5, steps=0)
    expect_equal(losses, [], what="steps=0일 때 돌려준 손실 리스트")
    params = net.params
    for key in KEYS:
        expect_array(params[key], start[key], atol=0, rtol=0, what=f"steps=0일 때 params['{key}']")


def test_train_network_leaves_data_unchanged(student, rng):
    """입력 x, t를 바꾸지 않는다"""
    x, t = rng.normal(size=(5, 2)), np.eye(2)[rng.integers(0, 2, size=5)]
    mine, _ = linear_pair(student, rng, 2, 3, 2)
    xh, th = student.put(x), student.put(t)
    student.train_network(mine, xh, th, lr=0.1, steps=5)
    expect_array(student.get(xh), x, atol=0, rtol=0, what="train_network에 넘긴 x")
    expect_array(student.get(th), t, atol=0, rtol=0, what="train_network에 넘긴 t")


def test_train_network_arguments_by_position(student, rng):
    """train_network(network, x, t, lr, steps)를 위치 인자로 받는다 (명세의 순서대로)"""
    x, t = rng.normal(size=(2, 3)), np.eye(2)[[0, 1]]
    for lr, steps in ((0.3, 2), (0.1, 6)):
        net, start, target = quadratic(student, rng)
        first = 0.5 * sum(float(np.sum((start[k] - target[k]) ** 2)) for k in KEYS)
        losses = student.train_network(net, x, t, lr, steps)
        expect_true(isinstance(losses, list) and len(losses) == steps,
                    f"train_network(network, x, t, {lr}, {steps})는 길이 {steps}의 리스트를 돌려줘야 해요")
        # the closed form of a quadratic bowl (see QUADRATIC above)
        expect_array(np.array(losses, dtype=float), first * (1 - lr) ** (2 * np.arange(1, steps + 1)),
                     atol=TOL.training_abs, rtol=TOL.training_rel,
                     what=f"train_network(network, x, t, {lr}, {steps})의 손실 리스트")
