"""Public checks for ps4_loss_gradient (공개 검사)."""
import numpy as np
from selfcheck import TOL, expect_array

# book ch.4 example (EXERCISES.md): the label is 2
T = np.array([0, 0, 1, 0, 0, 0, 0, 0, 0, 0], dtype=float)
Y_GOOD = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])
Y_BAD = np.array([0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0])


def test_mean_squared_error_book_examples(student):
    """책의 두 예에서 0.0975, 0.5975이다"""
    # known answers: book ch.4 (EXERCISES.md)
    expect_array(student.mean_squared_error(Y_GOOD, T), 0.09750000000000003, dtype="float",
                 what="mean_squared_error(y = [0.1, 0.05, 0.6, ...], t)")
    expect_array(student.mean_squared_error(Y_BAD, T), 0.5975, dtype="float",
                 what="mean_squared_error(y = [0.1, 0.05, 0.1, ..., 0.6, ...], t)")


def test_mean_squared_error_batch_is_not_divided(student):
    """두 예를 쌓은 배치 (2, 10)에서는 두 값의 합 0.695이다 (N으로 나누지 않는다)"""
    # identity: ½Σ over all elements = 0.0975 + 0.5975
    expect_array(student.mean_squared_error(np.stack([Y_GOOD, Y_BAD]), np.stack([T, T])), 0.695,
                 dtype="float", what="mean_squared_error(두 예의 배치 (2, 10), t)")


def test_cross_entropy_error_book_examples(student):
    """책의 두 예에서 0.510825..., 2.302584...이다"""
    # known answers: book ch.4 (EXERCISES.md)
    expect_array(student.cross_entropy_error(Y_GOOD, T), 0.510825457099338, dtype="float",
                 what="cross_entropy_error(y = [0.1, 0.05, 0.6, ...], t)")
    expect_array(student.cross_entropy_error(Y_BAD, T), 2.302584092994546, dtype="float",
                 what="cross_entropy_error(y = [0.1, 0.05, 0.1, ..., 0.6, ...], t)")


def test_cross_entropy_error_batch_and_labels(student):
    """배치 (2, 10)에서는 두 값의 평균이다. 원-핫 t와 레이블 t = [2, 2]가 같은 값을 준다"""
    y = np.stack([Y_GOOD, Y_BAD])
    expected = (0.510825457099338 + 2.302584092994546) / 2  # the batch mean of the book's values
    expect_array(student.cross_entropy_error(y, np.stack([T, T])), expected, dtype="float",
                 what="cross_entropy_error(두 예의 배치 (2, 10), 원-핫 t (2, 10))")
    expect_array(student.cross_entropy_error(y, np.array([2, 2])), expected, dtype="float",
                 what="cross_entropy_error(두 예의 배치 (2, 10), 레이블 t = [2, 2])")


def test_cross_entropy_error_zero_probability(student):
    """정답의 확률이 0이어도 inf가 아니라 -log(1e-7) ≈ 16.118이다 (log 안에 1e-7을 더한다)"""
    y = np.array([0.0, 0.5, 0.5])
    expect_array(student.cross_entropy_error(y, np.array([1.0, 0.0, 0.0])), -np.log(1e-7),
                 dtype="float", what="cross_entropy_error(y = [0, 0.5, 0.5], t = [1, 0, 0])")


def test_numerical_gradient_book_example(student):
    """f(x) = x0² + x1²의 [3.0, 4.0]에서의 기울기가 책의 값(약 [6, 8])이다"""
    f = student.function("lambda x: x[0] ** 2 + x[1] ** 2")
    # known answer: book ch.4 (EXERCISES.md); 1e-6 separates central from forward difference
    expect_array(student.numerical_gradient(f, np.array([3.0, 4.0])),
                 [6.00000000000378, 7.999999999999119], dtype="float",
                 atol=TOL.numerical_gradient_abs, rtol=0,
                 what="numerical_gradient(x0² + x1², [3.0, 4.0])")


def test_numerical_gradient_2d_and_restores_x(student):
    """2차원 배열 x에서 f = Σx²의 기울기 2x를 같은 모양으로 돌려주고, x를 원래대로 되돌린다"""
    x = np.array([[1.0, -2.0, 0.5], [3.0, 0.0, -1.5]])
    xh = student.put(x)
    f = student.function("lambda z: np.sum(z ** 2)")
    expect_array(student.numerical_gradient(f, xh), 2 * x, dtype="float",
                 atol=TOL.numerical_gradient_abs, rtol=0,
                 what="numerical_gradient(Σx², x (2, 3))")
    expect_array(student.get(xh), x, what="numerical_gradient를 부른 뒤의 x")


def test_numerical_gradient_f_reads_x_directly(student):
    """f가 인자를 무시하고 x를 직접 읽어도 된다 (x[idx]를 제자리(in place)에서 바꾼다)"""
    x = np.array([3.0, 4.0])
    xh = student.put(x)
    f = student.function("lambda unused: x[0] ** 2 + x[1] ** 2", x=xh)
    expect_array(student.numerical_gradient(f, xh), [6.0, 8.0], dtype="float",
                 atol=TOL.numerical_gradient_abs, rtol=0,
                 what="numerical_gradient(x를 직접 읽는 f, [3.0, 4.0])")


def test_gradient_descent_book_example(student):
    """책의 예 (x0² + x1², [-3.0, 4.0], lr=0.1, step_num=100)에서 거의 [0, 0]에 도착한다"""
    f = student.function("lambda x: x[0] ** 2 + x[1] ** 2")
    # known answer: book ch.4 (EXERCISES.md)
    expect_array(student.gradient_descent(f, np.array([-3.0, 4.0]), lr=0.1, step_num=100),
                 [-6.111107928998789e-10, 8.148143905314271e-10], dtype="float",
                 atol=TOL.training_abs, rtol=TOL.training_rel,
                 what="gradient_descent(x0² + x1², [-3.0, 4.0], lr=0.1, step_num=100)")


def test_gradient_descent_one_step(student):
    """한 걸음(step_num=1, lr=0.1)이면 [-3, 4] - 0.1·[-6, 8] = [-2.4, 3.2]이다"""
    f = student.function("lambda x: x[0] ** 2 + x[1] ** 2")
    expect_array(student.gradient_descent(f, np.array([-3.0, 4.0]), lr=0.1, step_num=1),
                 [-2.4, 3.2], dtype="float", atol=TOL.training_abs, rtol=TOL.training_rel,
                 what="gradient_descent(x0² + x1², [-3.0, 4.0], lr=0.1, step_num=1)")
