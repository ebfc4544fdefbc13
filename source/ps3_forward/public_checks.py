"""Public checks for ps3_forward (공개 검사)."""
import numpy as np
from selfcheck import describe, expect_array, expect_equal, expect_true

# known values: book ch.3 (EXERCISES.md)
BOOK_NETWORK = {
    "W1": [[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]],
    "b1": [0.1, 0.2, 0.3],
    "W2": [[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]],
    "b2": [0.1, 0.2],
    "W3": [[0.1, 0.3], [0.2, 0.4]],
    "b3": [0.1, 0.2],
}


def book_network():
    return {key: np.array(value) for key, value in BOOK_NETWORK.items()}


def test_init_network_keys(student):
    """init_network()가 'W1', 'b1', 'W2', 'b2', 'W3', 'b3' 키를 가진 dict를 돌려준다"""
    network = student.init_network()
    expect_true(isinstance(network, dict),
                f"init_network()는 dict를 돌려줘야 해요 (받은 값: {describe(network)})")
    expect_equal(sorted(map(str, network)), sorted(BOOK_NETWORK), what="init_network()의 키 목록")


def test_init_network_book_values(student):
    """init_network()의 값이 책의 값과 모양을 가진 float 배열이다"""
    network = student.init_network()
    expect_true(isinstance(network, dict),
                f"init_network()는 dict를 돌려줘야 해요 (받은 값: {describe(network)})")
    for key, value in BOOK_NETWORK.items():
        expect_true(key in network, f"init_network()의 결과에 '{key}' 키가 없어요")
        expect_array(network[key], value, dtype="float", what=f"init_network()['{key}']")


def test_forward_book_example(student):
    """forward(책의 network, [1.0, 0.5])가 책의 값 [0.3168..., 0.6962...]와 같다"""
    # known answer: book ch.3 (EXERCISES.md)
    expected = [0.3168270764110298, 0.6962790898619668]
    expect_array(student.forward(book_network(), np.array([1.0, 0.5])), expected, dtype="float",
                 what="forward(책의 network, np.array([1.0, 0.5]))")


def test_forward_batch(student):
    """배치(batch) 입력 (3, 2)에 모양 (3, 2)의 출력을 돌려주고, 각 행이 한 샘플의 출력과 같다"""
    network = book_network()
    X = np.array([[1.0, 0.5], [0.0, 0.0], [-1.0, 2.0]])
    got = student.forward(network, X)
    expect_true(isinstance(got, np.ndarray) and got.shape == (3, 2),
                f"forward(책의 network, X (3, 2)): 모양 (3, 2)의 배열이어야 해요 (받은 값: {describe(got)})")
    for i, row in enumerate(X):
        expect_array(got[i], student.forward(network, row),
                     what=f"배치 출력의 {i}번째 행 (기대값은 forward(network, X[{i}]))")


def test_forward_uses_network_argument(student):
    """인자로 받은 network를 쓰고, 출력층은 항등 함수다: 가중치가 모두 0이면 출력은 b3"""
    network = {
        "W1": np.zeros((2, 3)), "b1": np.zeros(3),
        "W2": np.zeros((3, 2)), "b2": np.zeros(2),
        "W3": np.zeros((2, 2)), "b3": np.array([5.0, -3.0]),
    }
    # identity: z2 @ 0 + b3 = b3, whatever the hidden layers compute
    expect_array(student.forward(network, np.array([1.0, 0.5])), [5.0, -3.0], dtype="float",
                 what="W가 모두 0이고 b3 = [5, -3]인 network의 forward 출력")
