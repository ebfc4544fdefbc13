"""Hidden graders for gradient_descent (ps4_loss_gradient).

gradient_descent calls the student's own numerical_gradient, so these tests use
quadratics, on which a correct central difference is exact; results are compared with
TOL.training_rel / TOL.training_abs (chains of floating-point updates).
"""
import numpy as np
import pytest

from nnbasics.release_kit.selfcheck import TOL, describe, expect_array, expect_true

BOWL = "lambda z: np.sum(c * (z - m) ** 2)"  # minimum at m, gradient 2c(z - m)


def bowl(rng, shape):
    """(c, m) of a random separable quadratic bowl Σ c (z - m)²."""
    c = rng.uniform(0.5, 2.0, size=shape)
    m = rng.normal(size=shape)
    return c, m


def reference_f(c, m):
    return eval(BOWL, {"np": np, "c": c, "m": m})


@pytest.mark.weight(2)
def test_gradient_descent_matches_reference(student, reference, rng):
    """여러 학습률(lr)과 반복 횟수(step_num)에서 올바른 x에 도착한다"""
    for lr, steps in ((0.1, 20), (0.05, 37), (0.3, 5)):
        c, m = bowl(rng, 3)
        x0 = rng.normal(scale=3, size=3)
        got = student.gradient_descent(student.function(BOWL, c=c, m=m), x0, lr=lr, step_num=steps)
        expected = reference.gradient_descent(reference_f(c, m), x0.copy(), lr=lr, step_num=steps)
        expect_array(got, expected, dtype="float", rtol=TOL.training_rel, atol=TOL.training_abs,
                     what=f"lr={lr}, step_num={steps}인 gradient_descent의 결과")


def test_gradient_descent_default_arguments(student, reference, rng):
    """기본값(default)이 lr=0.01, step_num=100이다"""
    c, m = bowl(rng, 2)
    x0 = rng.normal(scale=3, size=2)
    got = student.gradient_descent(student.function(BOWL, c=c, m=m), x0)
    expected = reference.gradient_descent(reference_f(c, m), x0.copy())
    expect_array(got, expected, dtype="float", rtol=TOL.training_rel, atol=TOL.training_abs,
                 what="lr, step_num을 주지 않은 gradient_descent의 결과")


@pytest.mark.weight(2)
def test_gradient_descent_takes_exactly_step_num_steps(student, rng):
    """정확히 step_num번 갱신한다: f = Σx²이면 결과는 (1 - 2·lr)^step_num · x0이다"""
    lr = 0.1
    for steps in (1, 3, 10):
        x0 = rng.normal(scale=3, size=2)
        got = student.gradient_descent(student.function("lambda z: np.sum(z ** 2)"), x0,
                                       lr=lr, step_num=steps)
        # identity: x <- x - lr * 2x = (1 - 2 lr) x, repeated `steps` times
        expect_array(got, (1 - 2 * lr) ** steps * x0, dtype="float",
                     rtol=TOL.training_rel, atol=TOL.training_abs,
                     what=f"f = Σx², lr={lr}, step_num={steps}인 gradient_descent의 결과")


def test_gradient_descent_step_is_lr_times_gradient(student, rng):
    """한 번의 갱신은 x - lr·∇f(x)이다 (학습률 lr을 곱하고, 기울기의 반대 방향으로 간다)"""
    for lr in (0.01, 0.25, 0.6):
        c, m = bowl(rng, 3)
        x0 = rng.normal(scale=3, size=3)
        got = student.gradient_descent(student.function(BOWL, c=c, m=m), x0, lr=lr, step_num=1)
        # identity: the gradient of Σ c (x - m)² is 2c(x - m)
        expect_array(got, x0 - lr * 2 * c * (x0 - m), dtype="float",
                     rtol=TOL.training_rel, atol=TOL.training_abs,
                     what=f"lr={lr}, step_num=1인 gradient_descent의 결과")


def test_gradient_descent_decreases_f(student, rng):
    """작은 학습률로 내려가면 f의 값이 줄어든다 (경사 '하강')"""
    c, m = bowl(rng, 4)
    x0 = m + rng.normal(scale=3, size=4)
    got = student.gradient_descent(student.function(BOWL, c=c, m=m), x0, lr=0.05, step_num=10)
    expect_true(isinstance(got, np.ndarray) and got.shape == x0.shape,
                f"gradient_descent의 결과: 모양 {x0.shape}의 배열이어야 해요 (받은 값: {describe(got)})")
    before, after = reference_f(c, m)(x0), reference_f(c, m)(got)
    expect_true(after < before,
                f"gradient_descent 뒤에 f가 줄지 않았어요 (시작 {before:.4g}, 끝 {after:.4g})")


def test_gradient_descent_any_shape(student, reference, rng):
    """2차원 배열 init_x에서도 같은 모양의 x를 돌려준다"""
    c, m = bowl(rng, (3, 2))
    x0 = rng.normal(scale=2, size=(3, 2))
    got = student.gradient_descent(student.function(BOWL, c=c, m=m), x0, lr=0.1, step_num=15)
    expected = reference.gradient_descent(reference_f(c, m), x0.copy(), lr=0.1, step_num=15)
    expect_array(got, expected, dtype="float", rtol=TOL.training_rel, atol=TOL.training_abs,
                 what="모양 (3, 2)의 init_x에서 시작한 gradient_descent의 결과")


def test_gradient_descent_arguments_by_position(student, reference, rng):
    """gradient_descent(f, init_x, lr, step_num)를 위치 인자로 받는다 (명세의 순서대로)"""
    for lr, steps in ((0.2, 3), (0.05, 12)):
        c, m = bowl(rng, 2)
        x0 = rng.normal(scale=3, size=2)
        got = student.gradient_descent(student.function(BOWL, c=c, m=m), x0, lr, steps)
        expected = reference.gradient_descent(reference_f(c, m), x0.copy(), lr, steps)
        expect_array(got, expected, dtype="float", rtol=TOL.training_rel, atol=TOL.training_abs,
                     what=f"gradient_descent(f, x, {lr}, {steps})의 결과")
