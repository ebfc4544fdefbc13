"""Hidden graders for accuracy (ps7_digits_inference).

accuracy is graded with the reference predict in place of the student's (installed on the
student's side, where accuracy looks `predict` up), so a mistake in predict is charged once,
by predict's own graders.
"""
import numpy as np
import pytest

from nnbasics.release_kit.selfcheck import expect_array, expect_unchanged

INSTALL_REFERENCE_PREDICT = '''def install(accuracy):
    def predict(network, x):
        sigmoid = lambda a: np.exp(-np.logaddexp(0.0, -a))
        z1 = sigmoid(x @ network['W1'] + network['b1'])
        z2 = sigmoid(z1 @ network['W2'] + network['b2'])
        a = z2 @ network['W3'] + network['b3']
        e = np.exp(a - np.max(a, axis=-1, keepdims=True))
        return e / np.sum(e, axis=-1, keepdims=True)
    scope = getattr(accuracy, '__globals__', None)
    if isinstance(scope, dict):
        scope['predict'] = predict
'''


@pytest.fixture(autouse=True)
def reference_predict(student):
    student.function(INSTALL_REFERENCE_PREDICT)(student.accuracy)


def problem(rng, random_network, n, sizes=(6, 5, 4, 3), wrong_share=0.4):
    """(network, x (n, d), integer labels t): the network's own predictions, some changed."""
    net = random_network(rng, sizes, scale=2.0)
    x = rng.uniform(0, 1, size=(n, sizes[0]))
    a = x
    for i in (1, 2):
        a = 1 / (1 + np.exp(-(a @ net[f"W{i}"] + net[f"b{i}"])))
    t = np.argmax(a @ net["W3"] + net["b3"], axis=1)
    wrong = rng.random(n) < wrong_share
    t[wrong] = (t[wrong] + rng.integers(1, sizes[-1], size=int(wrong.sum()))) % sizes[-1]
    return net, x, t


@pytest.mark.weight(2)
def test_accuracy_matches_reference_with_default_batch_size(student, reference, rng, random_network):
    """batch_size를 주지 않으면 (100개씩, 마지막 배치는 더 짧게) 맞힌 비율이 참조 구현과 같다"""
    for n in (250, 100, 37):
        net, x, t = problem(rng, random_network, n)
        expect_array(student.accuracy(net, x, t), reference.accuracy(net, x, t),
                     what=f"샘플 {n}개의 accuracy (batch_size 기본값)")


@pytest.mark.weight(2)
def test_accuracy_any_batch_size(student, reference, rng, random_network):
    """batch_size가 N을 나누지 않아도, 1이어도, N보다 커도 맞힌 수 / N이다 (마지막 짧은 배치도 센다)"""
    net, x, t = problem(rng, random_network, 23)
    expected = reference.accuracy(net, x, t)
    for batch_size in (5, 7, 1, 23, 40):
        expect_array(student.accuracy(net, x, t, batch_size=batch_size), expected,
                     what=f"샘플 23개, batch_size={batch_size}의 accuracy")


@pytest.mark.weight(2)
def test_accuracy_is_the_share_of_correct_samples(student, rng, random_network):
    """k개를 맞히면 k / N (0 이상 1 이하의 실수 하나)이다: 전부 맞히면 1.0, 하나도 못 맞히면 0.0"""
    net, x, t = problem(rng, random_network, 17, wrong_share=0.0)
    n, classes = len(t), 3
    k = int(rng.integers(2, n - 1))
    wrong = np.zeros(n, dtype=bool)
    wrong[rng.choice(n, size=n - k, replace=False)] = True
    for labels, expected, what in [(t, 1.0, "모두 맞힌"), ((t + 1) % classes, 0.0, "모두 틀린"),
                                   (np.where(wrong, (t + 1) % classes, t), k / n, "일부만 맞힌")]:
        # identity: the share of rows whose predicted class equals the label
        expect_array(student.accuracy(net, x, labels, 4), expected, what=f"{what} 경우의 accuracy (batch_size=4)")


def test_accuracy_positional_and_keyword_arguments(student, reference, rng, random_network):
    """accuracy(network, x, t, 6)와 accuracy(network=..., x=..., t=..., batch_size=6)가 같은 값이다"""
    net, x, t = problem(rng, random_network, 20, sizes=(4, 6, 3, 5))
    expected = reference.accuracy(net, x, t)
    expect_array(student.accuracy(net, x, t, 6), expected, what="accuracy(network, x, t, 6) (위치 인자)")
    expect_array(student.accuracy(network=net, x=x, t=t, batch_size=6), expected,
                 what="accuracy(network=..., x=..., t=..., batch_size=6) (키워드 인자)")


def test_accuracy_any_integer_labels(student, reference, rng, random_network):
    """레이블이 uint8, int32 등 어떤 정수 자료형이어도 된다"""
    net, x, t = problem(rng, random_network, 30)
    for dtype in (np.uint8, np.int32, np.int16):
        labels = t.astype(dtype)
        expect_array(student.accuracy(net, x, labels, 8), reference.accuracy(net, x, t, 8),
                     what=f"{np.dtype(dtype).name} 레이블의 accuracy")


def test_accuracy_on_the_trained_network(student, reference, rng):
    """학습된 신경망(digits_network.npz)의 실제 손글씨 이미지에 대한 정확도가 참조 구현과 같다"""
    rows = rng.choice(len(reference.x), size=150, replace=False)
    x, t = reference.x[rows] / 16.0, reference.t[rows]
    expect_array(student.accuracy(reference.network, x, t, 40), reference.accuracy(reference.network, x, t, 40),
                 what="학습된 신경망으로 이미지 150장의 accuracy (batch_size=40)")


def test_accuracy_leaves_inputs_unchanged(student, reference, rng, random_network):
    """올바른 값을 돌려주면서 network, x, t를 바꾸지 않는다 (여러 배치, 한 배치, uint8 레이블)"""
    for n, batch_size, dtype in [(13, 5, np.int64), (6, 100, np.uint8)]:
        net, x, t = problem(rng, random_network, n)
        t = t.astype(dtype)
        handles = student.put(net), student.put(x), student.put(t)
        expect_array(student.accuracy(*handles, batch_size), reference.accuracy(net, x, t, batch_size),
                     what="accuracy의 값")
        after = student.get(handles[0])
        for key in sorted(net):
            expect_unchanged(after[key], net[key], what=f"accuracy에 넘긴 network['{key}']")
        expect_unchanged(student.get(handles[1]), x, what="accuracy에 넘긴 x")
        expect_unchanged(student.get(handles[2]), t, what="accuracy에 넘긴 t")
