"""Hidden graders for forward (ps3_forward)."""
from itertools import pairwise

import numpy as np
import pytest

from nnbasics.grading.battery import Case, Function, Param, battery
from nnbasics.release_kit.selfcheck import describe, expect_array, expect_true, expect_unchanged


def random_network(rng, sizes, scale=1.0):
    """A 3-layer network dict with layer sizes d -> h1 -> h2 -> k (W{i} (m, n), b{i} (n,))."""
    network = {}
    for i, (m, n) in enumerate(pairwise(sizes), start=1):
        network[f"W{i}"] = rng.normal(scale=scale, size=(m, n))
        network[f"b{i}"] = rng.normal(scale=scale, size=n)
    return network


@pytest.mark.weight(2)
def test_forward_book_network_one_sample(student, reference, rng):
    """책의 신경망에서 한 샘플 (2,)의 출력 (2,)을 계산한다"""
    network = reference.init_network()
    for _ in range(3):
        x = rng.normal(scale=2, size=2)
        expect_array(student.forward(network, x), reference.forward(network, x), dtype="float",
                     what="책의 신경망에 한 샘플을 넣은 forward 출력")


@pytest.mark.weight(2)
def test_forward_book_network_batch(student, reference, rng):
    """책의 신경망에서 배치(batch) (N, 2)의 출력 (N, 2)을 계산한다"""
    network = reference.init_network()
    for n in (1, 3, 7):
        x = rng.normal(scale=2, size=(n, 2))
        expect_array(student.forward(network, x), reference.forward(network, x), dtype="float",
                     what=f"책의 신경망에 배치 ({n}, 2)를 넣은 forward 출력")


@pytest.mark.weight(2)
def test_forward_uses_the_given_network(student, reference, rng):
    """init_network()가 아니라 인자로 받은 network의 가중치와 편향을 쓴다"""
    for _ in range(2):
        network = random_network(rng, (2, 3, 2, 2))
        x = rng.normal(size=2)
        expect_array(student.forward(network, x), reference.forward(network, x), dtype="float",
                     what="책과 같은 크기, 다른 값의 network로 계산한 forward 출력")


@pytest.mark.weight(2)
def test_forward_any_layer_sizes(student, reference, rng):
    """층의 크기가 책과 달라도 (예: 4→5→3→2) 한 샘플과 배치 모두 계산한다"""
    for sizes in ((4, 5, 3, 2), (3, 1, 4, 5), (6, 6, 6, 6)):
        network = random_network(rng, sizes)
        one = rng.normal(size=sizes[0])
        batch = rng.normal(size=(4, sizes[0]))
        label = "→".join(map(str, sizes))
        expect_array(student.forward(network, one), reference.forward(network, one), dtype="float",
                     what=f"{label} 신경망에 한 샘플을 넣은 forward 출력")
        expect_array(student.forward(network, batch), reference.forward(network, batch), dtype="float",
                     what=f"{label} 신경망에 배치 (4, {sizes[0]})를 넣은 forward 출력")


def test_forward_batch_rows_equal_single_samples(student, rng):
    """배치의 각 행(row)의 출력이 그 행을 한 샘플로 넣은 출력과 같다"""
    network = random_network(rng, (3, 4, 3, 2))
    batch = rng.normal(size=(5, 3))
    got = student.forward(network, batch)
    expect_true(isinstance(got, np.ndarray) and got.shape == (5, 2),
                f"배치 (5, 3)에 대한 forward 출력: 모양 (5, 2)의 배열이어야 해요 (받은 값: {describe(got)})")
    # identity: a row of x @ W is that row alone times W, so batching changes nothing
    for i, row in enumerate(batch):
        expect_array(student.forward(network, row), got[i],
                     what=f"배치의 {i}번째 행을 한 샘플로 넣은 forward 출력 (기대값은 배치 출력의 {i}번째 행)")


def test_forward_output_layer_is_identity(student, reference, rng):
    """출력층은 항등 함수(identity function)다: 출력이 0~1 밖의 값, 음수도 될 수 있다"""
    network = random_network(rng, (2, 3, 2, 3))
    network["W3"] = rng.normal(scale=4, size=(2, 3))
    network["b3"] = np.array([-3.0, 0.5, 4.0]) + rng.normal(scale=0.1, size=3)
    x = rng.normal(size=(4, 2))
    expect_array(student.forward(network, x), reference.forward(network, x), dtype="float",
                 what="출력이 큰 값과 음수를 포함하는 network의 forward 출력")


def test_forward_leaves_network_unchanged(student, reference, rng):
    """올바른 값을 돌려주면서 network의 배열과 입력 x는 바꾸지 않는다"""
    network = random_network(rng, (3, 4, 2, 2))
    net_handle = student.put(network)
    for x in (rng.normal(size=3), rng.normal(size=(2, 3))):
        x_handle = student.put(x)
        expect_array(student.forward(net_handle, x_handle), reference.forward(network, x), what="forward 출력")
        after = student.get(net_handle)
        for key, value in network.items():
            expect_unchanged(after.get(key), value, what=f"forward가 받은 network['{key}']")
        expect_unchanged(student.get(x_handle), x, what="forward가 받은 입력 x")


def contract_cases(rng):
    small = random_network(rng, (3, 4, 2, 2))
    other = random_network(rng, (3, 4, 2, 2))
    wide = random_network(rng, (5, 7, 3, 4), scale=0.5)
    return [
        Case("한 샘플 (d,)", (small, rng.normal(size=3))),
        Case("다른 신경망과 한 샘플", (other, rng.normal(size=3))),
        Case("배치 (N, d)", (wide, rng.normal(size=(6, 5)))),
        Case("한 행짜리 배치 (1, d)", (wide, rng.normal(size=(1, 5)))),
        Case("아주 큰 입력(±1000)", (small, rng.uniform(500, 1500, size=(2, 3)) * rng.choice([-1, 1], size=(2, 3)))),
        Case("정수 입력 (int64)", (small, rng.integers(-3, 4, size=(4, 3)))),
    ]


TestContract = battery(Function("forward", [Param("network"), Param("x")], contract_cases, dtype="float",
                                reference_on_floats=True))
