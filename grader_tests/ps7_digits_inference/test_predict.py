"""Hidden graders for predict (ps7_digits_inference)."""
import itertools

import numpy as np
import pytest

from nnbasics.grading.battery import Case, Function, Param, battery
from nnbasics.release_kit.selfcheck import expect_array, expect_true, expect_unchanged

SIZES = [(64, 50, 100, 10), (5, 4, 3, 2), (8, 3, 6, 4), (3, 7, 2, 5)]   # (d, h1, h2, C)


@pytest.mark.weight(2)
def test_predict_batch_matches_reference(student, reference, rng, random_network):
    """배치 (N, d)에 대해 시그모이드, 시그모이드, 소프트맥스 순전파의 (N, C) 확률을 돌려준다"""
    for sizes in SIZES:
        net = random_network(rng, sizes)
        x = rng.uniform(0, 1, size=(6, sizes[0]))
        expect_array(student.predict(net, x), reference.predict(net, x),
                     what=f"층 크기 {sizes} 신경망의 배치 predict")


@pytest.mark.weight(2)
def test_predict_one_sample(student, reference, rng, random_network):
    """이미지 한 장 (d,)이면 (C,)의 확률을 돌려준다"""
    for sizes in SIZES[:3]:
        net = random_network(rng, sizes)
        x = rng.uniform(0, 1, size=sizes[0])
        expect_array(student.predict(net, x), reference.predict(net, x),
                     what=f"층 크기 {sizes} 신경망에 한 장을 넣은 predict")
        expect_array(student.predict(network=net, x=x), reference.predict(net, x),
                     what=f"층 크기 {sizes} 신경망에 한 장을 넣은 predict(network=..., x=...) (키워드 인자)")


@pytest.mark.weight(2)
def test_predict_softmax_on_each_row(student, rng, random_network):
    """출력층은 행(row)마다의 소프트맥스다: 각 행의 합이 1이고, 배치의 각 행은 한 장씩 넣은 결과와 같다"""
    net = random_network(rng, (6, 5, 4, 3), scale=2.0)
    x = rng.uniform(0, 1, size=(5, 6))
    y = student.predict(net, x)
    expect_true(isinstance(y, np.ndarray) and y.shape == (5, 3),
                "predict(배치 (5, 6))는 모양 (5, 3)의 배열이어야 해요")
    expect_array(y.sum(axis=1), np.ones(5), what="predict 출력의 행별 합")
    for i in range(5):
        expect_array(y[i], student.predict(net, x[i]),
                     what=f"배치 predict의 {i}번째 행 (기대값은 그 행 하나를 넣은 predict)")


def test_predict_large_scores_are_finite(student, reference, rng, random_network):
    """출력층의 점수(score)가 1000을 넘어도 NaN/inf 없이 확률을 돌려준다 (소프트맥스에서 최댓값을 뺀다)"""
    net = random_network(rng, (4, 3, 5, 3))
    net["W3"] = 30 * net["W3"]
    net["b3"] = net["b3"] + 1000.0     # exp(1000) overflows: only a stable softmax stays finite
    x = rng.uniform(0, 1, size=(4, 4))
    expect_array(student.predict(net, x), reference.predict(net, x), what="점수가 큰 신경망의 predict")


def test_predict_on_the_trained_network(student, reference, rng):
    """노트북의 학습된 신경망(digits_network.npz)으로 실제 손글씨 이미지를 예측한다"""
    rows = rng.choice(len(reference.x), size=20, replace=False)
    x = reference.x[rows] / 16.0
    expect_array(student.predict(reference.network, x), reference.predict(reference.network, x),
                 what="학습된 신경망으로 이미지 20장을 예측한 predict")


def test_predict_leaves_network_and_input_unchanged(student, reference, rng, random_network):
    """올바른 값을 돌려주면서 network의 배열과 입력 x는 바꾸지 않는다"""
    net = random_network(rng, (5, 4, 3, 2))
    for x in [rng.uniform(0, 1, size=(3, 5)), rng.uniform(0, 1, size=5)]:
        net_handle, x_handle = student.put(net), student.put(x)
        expect_array(student.predict(net_handle, x_handle), reference.predict(net, x), what="predict의 출력")
        after = student.get(net_handle)
        for key in sorted(net):
            expect_unchanged(after[key], net[key], what=f"predict에 넘긴 network['{key}']")
        expect_unchanged(student.get(x_handle), x, what="predict에 넘긴 x")


def contract_network(rng, sizes):
    """W1, b1, W2, b2, W3, b3 for layer sizes (d, h1, h2, C)."""
    network = {}
    for i, (n_in, n_out) in enumerate(itertools.pairwise(sizes), start=1):
        network[f"W{i}"] = rng.normal(size=(n_in, n_out))
        network[f"b{i}"] = rng.normal(scale=0.5, size=n_out)
    return network


def contract_cases(rng):
    small, wide = contract_network(rng, (4, 5, 3, 3)), contract_network(rng, (6, 7, 5, 4))
    return [Case("배치 (N, d)", (small, rng.normal(size=(5, 4)))),
            Case("다른 신경망과 배치", (contract_network(rng, (4, 5, 3, 3)), rng.normal(size=(5, 4)))),
            Case("한 샘플 (d,)", (wide, rng.normal(size=6))),
            Case("한 행짜리 배치 (1, d)", (wide, rng.normal(size=(1, 6)))),
            Case("큰 입력 (±50)", (small, rng.uniform(-50, 50, size=(3, 4)))),
            Case("정수 픽셀 입력 (uint8)", (contract_network(rng, (4, 5, 3, 3)),
                                         rng.integers(0, 17, size=(3, 4)).astype(np.uint8)))]


TestContract = battery(Function("predict", [Param("network"), Param("x")], contract_cases, dtype="float",
                                reference_on_floats=True))
