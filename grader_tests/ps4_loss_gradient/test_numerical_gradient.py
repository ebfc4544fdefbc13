"""Hidden graders for numerical_gradient (ps4_loss_gradient).

Tolerance: TOL.numerical_gradient_abs (1e-6) with rtol=0. A central difference with
h = 1e-4 is exact on quadratics up to rounding (~1e-11 here) and off by exactly
c*h**2 on c*x**3; a forward difference is off by ~c*h (EXERCISES.md tolerance notes).
"""
import numpy as np
import pytest

from nnbasics.release_kit.selfcheck import TOL, expect_array

H = 1e-4  # the spec's step (EXERCISES.md: central difference with h = 1e-4)


def symmetric(rng, n):
    a = rng.normal(size=(n, n))
    return (a + a.T) / 2


@pytest.mark.weight(2)
def test_numerical_gradient_is_exact_on_quadratics(student, rng):
    """이차 함수 f(x) = ½ xᵀAx + bᵀx의 기울기 Ax + b를 중앙 차분(central difference)으로 구한다"""
    for n in (2, 5):
        A, b = symmetric(rng, n), rng.normal(size=n)
        x = rng.normal(scale=2, size=n)
        f = student.function("lambda z: 0.5 * z @ A @ z + b @ z", A=A, b=b)
        # identity: the central difference of a quadratic is its exact derivative
        expect_array(student.numerical_gradient(f, x), A @ x + b, dtype="float",
                     atol=TOL.numerical_gradient_abs, rtol=0,
                     what=f"길이 {n} 벡터에서 이차 함수의 numerical_gradient")


@pytest.mark.weight(2)
def test_numerical_gradient_any_shape(student, reference, rng):
    """2차원, 3차원 배열 x에도 동작하고 x와 같은 모양의 기울기를 돌려준다"""
    source = "lambda z: np.sum(np.sin(w * z)) * np.sum(z ** 2) / z.size"
    for shape in ((3, 4), (2, 3, 2), (1,)):
        w = rng.normal(size=shape)
        x = rng.normal(size=shape)
        f = student.function(source, w=w)
        expected = reference.numerical_gradient(eval(source, {"np": np, "w": w}), x.copy())
        expect_array(student.numerical_gradient(f, x), expected, dtype="float",
                     atol=TOL.numerical_gradient_abs, rtol=0,
                     what=f"모양 {shape} 배열 x에 대한 numerical_gradient")


@pytest.mark.weight(2)
def test_numerical_gradient_perturbs_x_in_place(student, rng):
    """f가 인자를 무시하고 x를 클로저(closure)로 읽어도 동작한다: x[idx]를 제자리(in place)에서 바꾼다"""
    # 1-D: f reads x, not its argument (as TwoLayerNet.numerical_gradient does)
    x = rng.normal(size=4)
    A = symmetric(rng, 4)
    xh = student.put(x)
    f = student.function("lambda z: 0.5 * x @ A @ x", x=xh, A=A)
    expect_array(student.numerical_gradient(f, xh), A @ x, dtype="float",
                 atol=TOL.numerical_gradient_abs, rtol=0,
                 what="f가 x를 직접 읽는 경우의 numerical_gradient (길이 4)")
    # 2-D: a weight matrix W read through the closure, f = ½ ||X W||²
    X, W = rng.normal(size=(3, 2)), rng.normal(size=(2, 3))
    Wh = student.put(W)
    f = student.function("lambda w: 0.5 * np.sum((X @ W) ** 2)", X=X, W=Wh)
    # identity: d/dW ½||XW||² = Xᵀ X W (quadratic in W, so the central difference is exact)
    expect_array(student.numerical_gradient(f, Wh), X.T @ X @ W, dtype="float",
                 atol=TOL.numerical_gradient_abs, rtol=0,
                 what="f가 가중치 행렬 W (2, 3)를 직접 읽는 경우의 numerical_gradient")


@pytest.mark.weight(2)
def test_numerical_gradient_restores_x(student, rng):
    """계산이 끝나면 x의 모든 원소가 원래 값으로 돌아와 있다"""
    for shape in ((5,), (3, 4)):
        x = rng.normal(size=shape)
        xh = student.put(x)
        f = student.function("lambda z: np.sum(np.tanh(z)) ** 2")
        student.numerical_gradient(f, xh)
        # restoring by x[idx] = tmp is exact; "+= h, -= 2h, += h" may leave a rounding
        # error of ~1e-16 relative, which is harmless and accepted
        expect_array(student.get(xh), x, what=f"numerical_gradient를 부른 뒤의 x (모양 {shape})")


def test_numerical_gradient_uses_h_1e_4(student, rng):
    """h = 1e-4인 중앙 차분이다: f(x) = Σ c·x³의 결과가 3c·x² + c·h²이다"""
    x = rng.uniform(-1.5, 1.5, size=4)
    c = rng.uniform(500, 1500, size=4)
    f = student.function("lambda z: np.sum(c * z ** 3)", c=c)
    # identity: ((x+h)³ - (x-h)³) / 2h = 3x² + h², so the step shows as c·h² ≈ 1e-5;
    # h = 1e-5 or 1e-3 moves that by ≥ 5e-6, rounding by < 1e-7
    expect_array(student.numerical_gradient(f, x), 3 * c * x ** 2 + c * H ** 2, dtype="float",
                 atol=TOL.numerical_gradient_abs, rtol=0,
                 what="f(x) = Σ c·x³의 numerical_gradient (길이 4)")


def test_numerical_gradient_one_element_at_a_time(student, rng):
    """각 원소의 편미분은 다른 원소를 원래 값에 둔 채로 구한다 (한 원소씩 바꾸고 되돌린다)"""
    x = rng.normal(size=(2, 3))
    # f couples every element, so a perturbation left in place changes the other partials
    f = student.function("lambda z: np.sum(z) ** 2 + np.prod(z)")
    # identity: d/dx_i = 2·Σx + Π_{j≠i} x_j (f is quadratic in each single x_i: exact)
    others = np.array([np.prod(np.delete(x.ravel(), i)) for i in range(x.size)]).reshape(x.shape)
    expected = 2 * np.sum(x) + others
    expect_array(student.numerical_gradient(f, x), expected, dtype="float",
                 atol=TOL.numerical_gradient_abs, rtol=0,
                 what="모든 원소가 얽힌 함수의 numerical_gradient (모양 (2, 3))")


def test_numerical_gradient_repeated_values(student, rng):
    """x에 같은 값이 여러 번 있어도 원소 하나씩 따로 바꾼다 (값으로 고른 마스크가 아니라 위치로)"""
    values = rng.normal(size=3)
    for shape in ((6,), (3, 4)):
        x = rng.choice(values, size=shape)  # each value several times
        c = rng.uniform(0.5, 2.0, size=shape)
        f = student.function("lambda z: float(np.sum(c * z ** 2))", c=c)
        # identity: the central difference of a quadratic is exact: ∂/∂x_i Σ c x² = 2 c_i x_i
        expect_array(student.numerical_gradient(f, x), 2 * c * x, dtype="float",
                     atol=TOL.numerical_gradient_abs, rtol=0,
                     what=f"같은 값이 되풀이되는 모양 {shape} 배열 x에 대한 numerical_gradient")
