"""Hidden graders for train_minibatch (ps8_minibatch_training).

train_minibatch is graded on stand-in networks built on the student's side (not with the
TwoLayerNet), so a mistake in a network is not charged here:
- Probe: its gradient is 0 and its loss on a mini-batch is sum(2 ** row number), which
  names exactly the rows of that batch; its accuracy is the number of rows it is given;
- Bowl: loss ½ Σ ||params - target||², whose updates have a closed form;
- LinearNet: a linear two-layer model whose gradient depends on the batch, compared with
  the reference implementation.
"""
import numpy as np
import pytest

from nnbasics.release_kit.selfcheck import TOL, expect_array, expect_equal, expect_true, expect_unchanged

PROBE = """type("Probe", (), {
    "gradient": lambda self, x, t: {k: np.zeros_like(v) for k, v in self.params.items()},
    "loss": lambda self, x, t: float(np.sum(2.0 ** x[:, 0])),
    "accuracy": lambda self, x, t: float(len(x)),
})"""

BOWL = """type("Bowl", (), {
    "loss": lambda self, x, t: 0.5 * sum(float(np.sum((self.params[k] - target[k]) ** 2)) for k in target),
    "gradient": lambda self, x, t: {k: self.params[k] - target[k] for k in target},
    "accuracy": lambda self, x, t: 0.5,
})"""

LINEAR = """type("LinearNet", (), {
    "hidden": lambda self, x: x @ self.params["W1"] + self.params["b1"],
    "scores": lambda self, x: self.hidden(x) @ self.params["W2"] + self.params["b2"],
    "loss": lambda self, x, t: 0.5 * float(np.sum((self.scores(x) - t) ** 2)) / len(x),
    "gradient": lambda self, x, t: (lambda h, e: {
        "W1": x.T @ (e @ self.params["W2"].T), "b1": (e @ self.params["W2"].T).sum(axis=0),
        "W2": h.T @ e, "b2": e.sum(axis=0),
    })(self.hidden(x), (self.scores(x) - t) / len(x)),
    "accuracy": lambda self, x, t: float(np.mean(np.argmax(self.scores(x), axis=1) == np.argmax(t, axis=1))),
})"""

KEYS = ["W1", "b1", "W2", "b2"]


def shapes(i, h, o):
    return {"W1": (i, h), "b1": (h,), "W2": (h, o), "b2": (o,)}


def probe(student, n, d=2):
    """A student-side Probe and x whose column 0 holds the row numbers 0..n-1."""
    net = student.function(PROBE)()
    net.params = {"w": np.zeros(3)}
    x = np.zeros((n, d))
    x[:, 0] = np.arange(n)
    return net, x


def expected_probe_losses(n, batch_size, epochs, seed):
    """sum(2 ** row) of every mini-batch, in order: the spec's batches (a new permutation per epoch)."""
    rng = np.random.default_rng(seed)
    losses = []
    for _ in range(epochs):
        perm = rng.permutation(n)
        losses += [float(np.sum(2.0 ** perm[s:s + batch_size])) for s in range(0, n, batch_size)]
    return losses


def bowl(student, rng, i=3, h=2, o=2):
    target = {k: rng.normal(size=s) for k, s in shapes(i, h, o).items()}
    start = {k: rng.normal(size=s) for k, s in shapes(i, h, o).items()}
    net = student.function(BOWL, target=target)()
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


def history_of(student, *args, **kwargs):
    history = student.train_minibatch(*args, **kwargs)
    expect_true(isinstance(history, dict),
                f"train_minibatch는 딕셔너리(dict) history를 돌려줘야 해요 (받은 값: {type(history).__name__})")
    expect_equal(sorted(history), ["loss", "test_acc", "train_acc"], what="history의 키(key)")
    for key in ("loss", "train_acc", "test_acc"):
        expect_true(isinstance(history[key], list),
                    f"history['{key}']는 리스트(list)여야 해요 (받은 값: {type(history[key]).__name__})")
    return history


def as_floats(values, what):
    expect_true(all(np.ndim(v) == 0 and np.asarray(v).dtype.kind in "iuf" for v in values),
                f"{what}의 원소는 실수 하나씩이어야 해요")
    return np.array(values, dtype=float)


@pytest.mark.weight(3)
def test_train_minibatch_batches_are_slices_of_a_new_permutation_each_epoch(student, rng):
    """에포크마다 새 순열 default_rng(seed).permutation(N)을 batch_size개씩 잘라 쓴다 (마지막 짧은 배치 포함)"""
    for n, batch_size, epochs in [(13, 5, 3), (7, 1, 2), (6, 10, 2), (12, 4, 2)]:
        seed = int(rng.integers(10_000))
        net, x = probe(student, n)
        history = history_of(student, net, x, np.zeros((n, 2)), lr=0.1, batch_size=batch_size, epochs=epochs, seed=seed)
        what = f"N={n}, batch_size={batch_size}, epochs={epochs}일 때 history['loss']"
        losses = as_floats(history["loss"], what)
        expected = expected_probe_losses(n, batch_size, epochs, seed)
        expect_equal(len(losses), len(expected), what=f"{what}의 길이 (epochs × ceil(N / batch_size))")
        # identity: the Probe's loss names the rows of the batch it was given
        expect_array(losses, expected, what=f"{what} (각 미니배치의 행 번호 r에 대한 Σ 2**r)")


@pytest.mark.weight(2)
def test_train_minibatch_loss_after_each_update(student, rng):
    """params[key] -= lr * grads[key]로 모든 매개변수를 갱신하고, 손실은 갱신한 뒤에 잰다"""
    for lr, n, batch_size, epochs in [(0.3, 10, 4, 2), (0.5, 5, 5, 3), (0.1, 6, 1, 1)]:
        net, start, target = bowl(student, rng)
        history = history_of(student, net, np.zeros((n, 3)), np.zeros((n, 2)), lr=lr, batch_size=batch_size,
                             epochs=epochs, seed=int(rng.integers(100)))
        updates = epochs * -(-n // batch_size)
        first = 0.5 * sum(float(np.sum((start[k] - target[k]) ** 2)) for k in KEYS)
        # identity: each update multiplies every distance to the target by (1 - lr)
        expect_array(as_floats(history["loss"], "history['loss']"), first * (1 - lr) ** (2 * np.arange(1, updates + 1)),
                     atol=TOL.training_abs, rtol=TOL.training_rel,
                     what=f"Bowl을 학습한 history['loss'] (lr={lr}, N={n}, batch_size={batch_size}, epochs={epochs})")
        params = net.params
        for key in KEYS:
            expect_array(params[key], target[key] + (1 - lr) ** updates * (start[key] - target[key]),
                         atol=TOL.training_abs, rtol=TOL.training_rel,
                         what=f"Bowl을 {updates}번 갱신한 뒤의 params['{key}'] (기대값은 닫힌 꼴(closed form))")


@pytest.mark.weight(2)
def test_train_minibatch_matches_reference(student, reference, rng):
    """배치에 따라 기울기가 달라지는 신경망에서 history와 params가 참조 구현과 같다 (시험 데이터 포함)"""
    for (i, h, o), n, lr, batch_size, epochs in [((3, 4, 2), 11, 0.2, 3, 3), ((2, 3, 3), 8, 0.5, 8, 2)]:
        seed = int(rng.integers(10_000))
        x, t = rng.normal(size=(n, i)), np.eye(o)[rng.integers(0, o, size=n)]
        x_test, t_test = rng.normal(size=(5, i)), np.eye(o)[rng.integers(0, o, size=5)]
        mine, ours = linear_pair(student, rng, i, h, o)
        expected = reference.train_minibatch(ours, x.copy(), t.copy(), lr, batch_size, epochs, seed,
                                             x_test.copy(), t_test.copy())
        got = history_of(student, mine, x, t, lr=lr, batch_size=batch_size, epochs=epochs, seed=seed,
                         x_test=x_test, t_test=t_test)
        what = f"층 크기가 {(i, h, o)}인 LinearNet을 학습한"
        setting = f"N={n}, lr={lr}, batch_size={batch_size}, epochs={epochs}"
        for key in ("loss", "train_acc", "test_acc"):
            expect_array(as_floats(got[key], f"history['{key}']"), np.array(expected[key], dtype=float),
                         atol=TOL.training_abs, rtol=TOL.training_rel, what=f"{what} history['{key}'] ({setting})")
        params = mine.params
        for key in KEYS:
            expect_array(params[key], ours.params[key], atol=TOL.training_abs, rtol=TOL.training_rel,
                         what=f"{what} 뒤의 params['{key}'] ({setting})")


def test_train_minibatch_accuracy_per_epoch_on_whole_sets(student, rng):
    """에포크가 끝날 때마다 학습 데이터 전체와 (주어졌으면) 시험 데이터 전체의 accuracy를 하나씩 덧붙인다"""
    net, x = probe(student, 9)
    x_test = np.zeros((4, 2))
    history = history_of(student, net, x, np.zeros((9, 2)), lr=0.1, batch_size=4, epochs=3,
                         x_test=x_test, t_test=np.zeros((4, 2)))
    # identity: the Probe's accuracy is the number of rows it is given
    expect_array(as_floats(history["train_acc"], "history['train_acc']"), [9.0] * 3,
                 what="history['train_acc'] (Probe의 accuracy는 받은 행의 수: 학습 데이터 9행)")
    expect_array(as_floats(history["test_acc"], "history['test_acc']"), [4.0] * 3,
                 what="history['test_acc'] (Probe의 accuracy는 받은 행의 수: 시험 데이터 4행)")
    net, x = probe(student, 5)
    history = history_of(student, net, x, np.zeros((5, 2)), lr=0.1, batch_size=2, epochs=2)
    expect_equal(history["test_acc"], [], what="x_test를 주지 않았을 때의 history['test_acc']")
    expect_equal(len(history["train_acc"]), 2, what="epochs=2일 때 history['train_acc']의 길이")


def test_train_minibatch_default_arguments(student, reference, rng):
    """기본값은 lr=0.1, batch_size=100, epochs=10, seed=0이다"""
    n = 130                                            # two batches per epoch: 100 and 30
    x, t = rng.normal(size=(n, 2)), np.eye(2)[rng.integers(0, 2, size=n)]
    mine, ours = linear_pair(student, rng, 2, 3, 2)
    expected = reference.train_minibatch(ours, x.copy(), t.copy())
    got = history_of(student, mine, x, t)
    expect_equal(len(got["loss"]), 20, what="기본값으로 학습한 history['loss']의 길이 (10에포크 × 2배치)")
    expect_array(as_floats(got["loss"], "history['loss']"), np.array(expected["loss"]),
                 atol=TOL.training_abs, rtol=TOL.training_rel, what="기본값으로 학습한 history['loss']")


def test_train_minibatch_positional_and_keyword_arguments(student, reference, rng):
    """모든 인자를 위치 인자로 넘겨도, 키워드 인자로 넘겨도 같은 결과다"""
    x, t = rng.normal(size=(7, 2)), np.eye(3)[rng.integers(0, 3, size=7)]
    x_test, t_test = rng.normal(size=(3, 2)), np.eye(3)[rng.integers(0, 3, size=3)]
    seed = int(rng.integers(1000))
    for how in ("위치 인자", "키워드 인자"):
        mine, ours = linear_pair(student, rng, 2, 2, 3)
        expected = reference.train_minibatch(ours, x.copy(), t.copy(), 0.3, 3, 2, seed, x_test.copy(), t_test.copy())
        if how == "위치 인자":
            got = history_of(student, mine, x, t, 0.3, 3, 2, seed, x_test, t_test)
        else:
            got = history_of(student, network=mine, x=x, t=t, lr=0.3, batch_size=3, epochs=2, seed=seed,
                             x_test=x_test, t_test=t_test)
        for key in ("loss", "test_acc"):
            expect_array(as_floats(got[key], f"history['{key}']"), np.array(expected[key], dtype=float),
                         atol=TOL.training_abs, rtol=TOL.training_rel,
                         what=f"{how}로 부른 train_minibatch의 history['{key}']")


def test_train_minibatch_zero_epochs(student, rng):
    """epochs=0이면 아무것도 갱신하지 않고 세 리스트가 모두 비어 있다"""
    net, start, _ = bowl(student, rng)
    history = history_of(student, net, np.zeros((4, 3)), np.zeros((4, 2)), lr=0.5, batch_size=2, epochs=0,
                         x_test=np.zeros((2, 3)), t_test=np.zeros((2, 2)))
    for key in ("loss", "train_acc", "test_acc"):
        expect_equal(history[key], [], what=f"epochs=0일 때의 history['{key}']")
    params = net.params
    for key in KEYS:
        expect_array(params[key], start[key], atol=0, rtol=0, what=f"epochs=0일 때 params['{key}']")


def test_train_minibatch_leaves_data_unchanged(student, reference, rng):
    """올바르게 학습하면서 x, t, x_test, t_test를 바꾸지 않는다"""
    x, t = rng.normal(size=(9, 2)), np.eye(2)[rng.integers(0, 2, size=9)]
    x_test, t_test = rng.normal(size=(4, 2)), np.eye(2)[rng.integers(0, 2, size=4)]
    mine, ours = linear_pair(student, rng, 2, 3, 2)
    expected = reference.train_minibatch(ours, x.copy(), t.copy(), 0.1, 4, 2, 0, x_test.copy(), t_test.copy())
    handles = [student.put(a) for a in (x, t, x_test, t_test)]
    got = history_of(student, mine, handles[0], handles[1], lr=0.1, batch_size=4, epochs=2,
                     x_test=handles[2], t_test=handles[3])
    expect_array(as_floats(got["loss"], "history['loss']"), np.array(expected["loss"]),
                 atol=TOL.training_abs, rtol=TOL.training_rel, what="history['loss']")
    for handle, before, name in zip(handles, (x, t, x_test, t_test), ("x", "t", "x_test", "t_test")):
        expect_unchanged(student.get(handle), before, what=f"train_minibatch에 넘긴 {name}")
