"""Hidden graders for init_network (ps3_forward)."""
import numpy as np
import pytest

from nnbasics.grading.battery import Case, Function, battery
from nnbasics.release_kit.selfcheck import CheckFailure, describe, expect_array, expect_equal, expect_true

WEIGHTS = ("W1", "W2", "W3")
BIASES = ("b1", "b2", "b3")


def _network(student):
    """The student's dict, after the type layer."""
    network = student.init_network()
    expect_true(isinstance(network, dict),
                f"init_network()는 dict를 돌려줘야 해요 (받은 값: {describe(network)})")
    return network


def _entry(network, key):
    expect_true(key in network, f"init_network()의 결과에 '{key}' 키가 없어요")
    return network[key]


def test_init_network_has_the_six_keys(student, reference):
    """'W1', 'b1', 'W2', 'b2', 'W3', 'b3' 여섯 개의 키(key)를 가진 dict를 돌려준다"""
    network = _network(student)
    expect_equal(sorted(map(str, network)), sorted(reference.init_network()),
                 what="init_network()의 키 목록")


def test_init_network_arrays_have_the_book_shapes(student, reference):
    """각 값이 책의 모양(shape)을 가진 배열이다: W1 (2, 3), W2 (3, 2), W3 (2, 2), b1 (3,), b2 (2,), b3 (2,)"""
    network = _network(student)
    for key, expected in reference.init_network().items():
        got = _entry(network, key)
        expect_true(isinstance(got, np.ndarray),
                    f"init_network()['{key}']: 배열(np.ndarray)이어야 해요 (받은 값: {describe(got)})")
        expect_equal(got.shape, expected.shape, what=f"init_network()['{key}']의 모양")


def test_init_network_arrays_are_float(student, reference):
    """각 값이 실수(float) 배열이다"""
    network = _network(student)
    for key in reference.init_network():
        got = _entry(network, key)
        expect_true(isinstance(got, np.ndarray) and got.dtype.kind == "f",
                    f"init_network()['{key}']: 실수(float) 배열이어야 해요 (받은 값: {describe(got)})")


@pytest.mark.weight(2)
def test_init_network_weights_match_the_book(student, reference):
    """가중치(weight) W1, W2, W3가 책의 값과 같다"""
    network = _network(student)
    expected = reference.init_network()
    for key in WEIGHTS:
        expect_array(_entry(network, key), expected[key], dtype="float",
                     what=f"init_network()['{key}']")


@pytest.mark.weight(2)
def test_init_network_biases_match_the_book(student, reference):
    """편향(bias) b1, b2, b3가 책의 값과 같다"""
    network = _network(student)
    expected = reference.init_network()
    for key in BIASES:
        expect_array(_entry(network, key), expected[key], dtype="float",
                     what=f"init_network()['{key}']")


def test_init_network_gives_the_book_network_outputs(student, reference, rng):
    """돌려준 매개변수로 순전파(forward)하면 책의 신경망과 같은 출력이 나온다"""
    network = _network(student)
    for key in reference.init_network():
        _entry(network, key)
    x = rng.normal(scale=2, size=(5, 2))
    try:
        got = reference.forward(network, x)
    except Exception as error:  # the student's arrays do not fit together
        raise CheckFailure(f"init_network()의 배열로 순전파를 계산할 수 없어요 ({type(error).__name__})") from None
    expect_array(got, reference.forward(reference.init_network(), x),
                 what="init_network()의 매개변수로 계산한 배치의 출력")


TestContract = battery(Function("init_network", [], lambda rng: [Case("인자 없이", ()), Case("인자 없이", ())]))
