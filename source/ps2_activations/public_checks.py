"""Public checks for ps2_activations (공개 검사)."""
import numpy as np
from selfcheck import expect_array, expect_unchanged


def test_step_function_example(student):
    """step_function([-1.0, 1.0, 2.0])이 정수 배열 [0, 1, 1] 이다"""
    # definition: 1 where x > 0, else 0 (book ch.3 example input)
    expect_array(student.step_function(np.array([-1.0, 1.0, 2.0])), [0, 1, 1], dtype="int",
                 what="step_function(np.array([-1.0, 1.0, 2.0]))")


def test_step_function_zero(student):
    """step_function(0)은 0 이다"""
    expect_array(student.step_function(0), 0, dtype="int", what="step_function(0)")


def test_step_function_shape(student):
    """2차원 입력의 모양(shape)을 유지한다"""
    x = np.array([[-2.0, 0.0, 3.0], [0.5, -0.5, 0.0]])
    expect_array(student.step_function(x), [[0, 0, 1], [1, 0, 0]], dtype="int",
                 what="step_function(np.array([[-2.0, 0.0, 3.0], [0.5, -0.5, 0.0]]))")


def test_sigmoid_book_example(student):
    """sigmoid([-1, 1, 2])가 책의 값과 같다"""
    # known answer: book ch.3 (EXERCISES.md)
    expected = [0.2689414213699951, 0.7310585786300049, 0.8807970779778823]
    expect_array(student.sigmoid(np.array([-1.0, 1.0, 2.0])), expected, dtype="float",
                 what="sigmoid(np.array([-1.0, 1.0, 2.0]))")


def test_sigmoid_large_inputs(student):
    """sigmoid([-1000, 1000])이 유한(finite)하고 [0, 1] 안에 있다"""
    # 1/(1 + e^1000) and 1/(1 + e^-1000) are 0 and 1 to within 1e-400
    expect_array(student.sigmoid(np.array([-1000.0, 1000.0])), [0.0, 1.0], dtype="float",
                 what="sigmoid(np.array([-1000.0, 1000.0]))")


def test_relu_example(student):
    """relu([-1.0, 0.0, 0.5, 2.0])가 [0, 0, 0.5, 2] 이다"""
    # definition: max(0, x) elementwise
    expect_array(student.relu(np.array([-1.0, 0.0, 0.5, 2.0])), [0.0, 0.0, 0.5, 2.0], dtype="float",
                 what="relu(np.array([-1.0, 0.0, 0.5, 2.0]))")


def test_relu_scalar_and_2d(student):
    """스칼라와 2차원 입력에도 동작한다"""
    expect_array(student.relu(-3.0), 0.0, what="relu(-3.0)")
    expect_array(student.relu(np.array([[1.5, -2.0], [-0.1, 0.2]])), [[1.5, 0.0], [0.0, 0.2]],
                 what="relu(np.array([[1.5, -2.0], [-0.1, 0.2]]))")


def test_relu_leaves_input_unchanged(student):
    """입력 배열을 바꾸지 않는다"""
    x = np.array([-1.0, 2.0, -3.0])
    handle = student.put(x)
    student.relu(handle)
    expect_unchanged(student.get(handle), x, what="relu에 넘긴 np.array([-1.0, 2.0, -3.0])")


def test_softmax_book_example(student):
    """softmax([0.3, 2.9, 4.0])가 책의 값과 같다"""
    # known answer: book ch.3 (EXERCISES.md)
    expected = [0.01821127329554753, 0.24519181293507392, 0.7365969137693786]
    expect_array(student.softmax(np.array([0.3, 2.9, 4.0])), expected,
                 what="softmax(np.array([0.3, 2.9, 4.0]))")


def test_softmax_no_overflow(student):
    """softmax([1010, 1000, 990])가 넘치지(overflow) 않고 책의 값과 같다"""
    # known answer: book ch.3 (EXERCISES.md)
    expected = [0.999954600070331, 4.539786860886666e-05, 2.061060046209062e-09]
    expect_array(student.softmax(np.array([1010.0, 1000.0, 990.0])), expected,
                 what="softmax(np.array([1010.0, 1000.0, 990.0]))")


def test_softmax_rows_sum_to_one(student):
    """2차원 입력의 각 행(row) 합이 1 이다"""
    a = np.array([[0.3, 2.9, 4.0], [1.0, 1.0, 1.0]])
    # row 0: book ch.3 (EXERCISES.md); row 1: equal inputs give equal probabilities 1/3
    got = student.softmax(a)
    expect_array(got, np.array([[0.01821127329554753, 0.24519181293507392, 0.7365969137693786],
                                [1 / 3, 1 / 3, 1 / 3]]),
                 what="softmax(np.array([[0.3, 2.9, 4.0], [1.0, 1.0, 1.0]]))")
    expect_array(got.sum(axis=-1), [1.0, 1.0], what="그 출력의 행 합")


def test_softmax_leaves_input_unchanged(student):
    """입력 배열을 바꾸지 않는다"""
    a = np.array([[1.0, 2.0, 3.0], [0.5, 0.5, -1.0]])
    handle = student.put(a)
    student.softmax(handle)
    expect_unchanged(student.get(handle), a,
                     what="softmax에 넘긴 np.array([[1.0, 2.0, 3.0], [0.5, 0.5, -1.0]])")
