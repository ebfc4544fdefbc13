"""Do the layered checks and the student protocol say the right thing?"""

from __future__ import annotations

import numpy as np
import pytest

from nnbasics.release_kit.selfcheck import CheckFailure, exercise_of, expect_array, expect_int, expect_unchanged
from nnbasics.release_kit.selfcheck_codec import (
    MAX_CONTAINERS,
    MAX_DEPTH,
    MAX_KEYS,
    MAX_MESSAGE_BYTES,
    BoundedArray,
    TooLarge,
    Unsupported,
    decode,
    dumps,
    encode,
    loads,
)
from nnbasics.release_kit.selfcheck_protocol import Student


def fails(call, *fragments):
    with pytest.raises(CheckFailure) as info:
        call()
    for fragment in fragments:
        assert fragment in str(info.value), str(info.value)
    return str(info.value)


def test_expect_array_stops_at_the_first_layer_that_fails():
    fails(lambda: expect_array([1.0, 2.0], np.array([1.0, 2.0]), what="out"), "np.ndarray", "list")
    fails(lambda: expect_array(np.zeros(3), np.zeros((1, 3)), what="out"), "(1, 3)", "(3,)")
    fails(lambda: expect_array(np.array([True]), np.array([1]), what="out", dtype="int"), "bool")
    fails(lambda: expect_array(np.array([np.nan]), np.array([1.0]), what="out"), "NaN")
    message = fails(lambda: expect_array(np.array([1.0, 2.5]), np.array([1.0, 2.0]), what="out"), "0.5")
    assert "위치 (1,)" in message


def test_expect_array_accepts_equal_values_within_tolerance():
    expect_array(np.array([0.1 + 0.2]), np.array([0.3]), what="out", dtype="float")
    expect_array(np.float64(2.0), 2.0, what="out")


def test_expect_int_rejects_bools_and_floats():
    fails(lambda: expect_int(True, 1, what="AND(1, 1)"), "bool")
    fails(lambda: expect_int(1.0, 1, what="AND(1, 1)"), "float")
    expect_int(np.int64(1), 1, what="AND(1, 1)")


def test_expect_unchanged_reports_a_modified_input():
    fails(lambda: expect_unchanged(np.array([0.0]), np.array([-1.0]), what="relu 의 입력"), "바뀌었어요")


def test_codec_round_trips_plain_data_and_refuses_objects():
    value = {"a": np.arange(6).reshape(2, 3), "b": (1, 2.5, None, "x"), "c": [np.float32(1.5), True, 1j]}
    back = decode(encode(value))
    assert back["a"].dtype == value["a"].dtype and np.array_equal(back["a"], value["a"])
    assert back["b"] == value["b"] and back["c"][0].dtype == np.float32 and back["c"][2] == 1j
    with pytest.raises(Unsupported):
        encode(np.array([object()]))
    with pytest.raises(Unsupported):
        decode({"$array": "|O", "shape": [1], "data": ""})
    with pytest.raises(Unsupported):
        decode({"$array": "<f8", "shape": [100], "data": ""})


def test_student_calls_return_copies_and_proxies():
    namespace = {}
    exec("import numpy as np\n"
         "class P:\n    def fit(self, x):\n        self.w = x * 2\n        return self\n"
         "def relu(x):\n    x[x < 0] = 0\n    return x\n"
         "def boom():\n    raise ValueError('nope')\n", namespace)
    student = Student.local(namespace)
    p = student.P()
    assert p.fit(np.ones(2)) is p and np.array_equal(p.w, [2, 2])
    handle = student.put(np.array([-1.0, 1.0]))
    student.relu(handle)
    assert np.array_equal(student.get(handle), [0.0, 1.0])
    fails(lambda: student.boom(), "boom", "ValueError: nope")
    fails(lambda: student.missing, "missing: 정의되지 않은 이름이에요")


def test_student_functions_close_over_handles():
    student = Student.local({})
    x = student.put(np.array([3.0, 4.0]))
    f = student.function("lambda _: float(np.sum(x ** 2))", x=x)
    assert f(None) == 25.0


def test_a_check_belongs_to_the_longest_matching_exercise_name():
    names = ["sigmoid", "sigmoid_grad", "softmax"]
    assert exercise_of("test_sigmoid_grad_at_zero", names) == "sigmoid_grad"
    assert exercise_of("test_sigmoid_range", names) == "sigmoid"
    assert exercise_of("test_other", names) is None


def test_a_wrong_scalar_is_a_check_failure_not_a_crash():
    fails(lambda: expect_array(np.float64(0.5), 0.25, what="sigmoid(0)"), "0.25", "0.5")
    fails(lambda: expect_array(np.True_, 0, what="step_function(0)", dtype="int"), "bool")


def test_grader_functions_may_be_lambdas_or_defs():
    student = Student.local({})
    assert student.function("lambda v: v + 1")(1) == 2
    assert student.function("def twice(v):\n    return 2 * v")(4) == 8


def test_a_modified_input_is_reported_without_its_values():
    message = fails(lambda: expect_unchanged(np.array([0.0, 2.0]), np.array([-1.2345, 2.0]), what="x"), "1개")
    assert "1.2345" not in message


def test_codec_refuses_what_is_cheap_to_send_and_costly_to_receive():
    """Are int keys (one shared hash), deep nesting and many containers refused before they cost anything?"""
    colliding = {"$dict": [[k * (2**61 - 1), 0] for k in range(10)]}
    with pytest.raises(Unsupported):
        decode(colliding)
    with pytest.raises(Unsupported):
        decode({"$dict": [[str(k), 0] for k in range(MAX_KEYS + 1)]})
    nested = []
    for _ in range(MAX_DEPTH + 5):
        nested = [nested]
    with pytest.raises(Unsupported):
        decode(nested)
    with pytest.raises(Unsupported):  # counted in the raw bytes, before json builds a single list
        loads(b"[" + b"[]," * MAX_CONTAINERS + b"[]]")
    with pytest.raises(Unsupported):
        loads(b" " * (MAX_MESSAGE_BYTES + 1))
    assert decode(loads(dumps(encode({"W1": np.ones((64, 50)), "loss": [0.5] * 1000}))))["loss"] == [0.5] * 1000


def test_arithmetic_on_an_answer_cannot_blow_up_the_grading_process():
    """Does broadcasting a wrong-shaped answer against an expectation fail instead of allocating gigabytes?"""
    answer = decode(encode(np.ones((40_000, 1))), array_type=BoundedArray)
    expected = np.ones((1, 40_000))
    for blow_up in (lambda: answer - expected, lambda: expected * answer, lambda: answer @ expected,
                    lambda: np.subtract.outer(answer.ravel(), expected.ravel()), lambda: np.dot(answer, expected)):
        with pytest.raises(TooLarge):
            blow_up()
    small = decode(encode(np.arange(6.0).reshape(2, 3)), array_type=BoundedArray)
    total = small + np.ones(3)
    assert type(total) is np.ndarray and total.tolist() == [[1, 2, 3], [4, 5, 6]]
    assert float(small.sum()) == 15.0 and (small @ np.ones(3)).tolist() == [3.0, 12.0]


def test_student_answers_arrive_bounded():
    """Do arrays returned through the protocol refuse runaway arithmetic, while checks read them as usual?"""
    student = Student.local({"column": lambda n: np.ones((n, 1))})
    got = student.column(40_000)
    assert isinstance(got, BoundedArray)
    with pytest.raises(TooLarge):
        got - np.ones((1, 40_000))
    fails(lambda: expect_array(got, np.ones((1, 40_000)), what="out"), "(1, 40000)", "(40000, 1)")
