"""Public checks for ps5_perceptron_learning (공개 검사)."""
from pathlib import Path

import numpy as np
from selfcheck import expect_array, expect_equal, expect_true, instance, names_unwritten_methods


def _iris():
    """Iris rows 0-99, columns 0 and 2; setosa = -1, versicolor = +1 (as in the notebook)."""
    data = np.genfromtxt(Path(__file__).with_name("iris.data"), delimiter=",", dtype=str, max_rows=100)
    return data[:, [0, 2]].astype(float), np.where(data[:, 4] == "Iris-setosa", -1, 1)


def _with_weight(student, weight):
    """A Perceptron whose weight is ``weight``; made without __init__ while __init__ is not written yet,
    so that the checks of net_input and predict test those methods alone."""
    p = instance(student, "Perceptron")
    p.weight = np.asarray(weight, dtype=float)
    return p


@names_unwritten_methods("Perceptron")
def test_Perceptron_init(student):
    """__init__: Perceptron(0.1, 10)과 Perceptron()으로 객체를 만든다 (위치 인자와 기본값)"""
    student.Perceptron(0.1, 10)
    student.Perceptron()


@names_unwritten_methods("Perceptron")
def test_Perceptron_net_input(student):
    """net_input: 순입력 X @ weight[1:] + weight[0]을 샘플 여러 개와 하나에 대해 계산한다"""
    p = _with_weight(student, [0.5, 1.0, -2.0])
    X = np.array([[1.0, 2.0], [-3.0, 0.5]])
    expect_array(p.net_input(X), [-2.5, -3.5], what="weight=[0.5, 1, -2]일 때 net_input([[1, 2], [-3, 0.5]])")
    expect_array(p.net_input(X[0]), -2.5, what="weight=[0.5, 1, -2]일 때 net_input([1, 2])")


@names_unwritten_methods("Perceptron")
def test_Perceptron_predict_at_zero(student):
    """predict: 순입력이 0 이상이면 +1, 음수이면 -1을 돌려준다 (순입력이 0이면 +1)"""
    X = np.array([[1.0, 2.0], [-3.0, 0.5]])
    expect_array(_with_weight(student, np.zeros(3)).predict(X), [1, 1],
                 what="weight=[0, 0, 0]일 때 predict([[1, 2], [-3, 0.5]])")
    expect_array(_with_weight(student, [0.5, 1.0, -2.0]).predict(np.array([[1.0, 2.0], [3.0, 1.0]])), [-1, 1],
                 what="weight=[0.5, 1, -2]일 때 predict([[1, 2], [3, 1]])")


@names_unwritten_methods("Perceptron")
def test_Perceptron_fit_returns_self(student):
    """fit: self를 돌려준다"""
    X = np.array([[1.0, 2.0], [-1.0, -2.0]])
    y = np.array([1, -1])
    ppn = student.Perceptron(rate=0.1, niter=3)
    expect_true(ppn.fit(X, y) is ppn, "fit(X, y)는 self (그 Perceptron 객체)를 돌려줘야 해요")


@names_unwritten_methods("Perceptron")
def test_Perceptron_iris_errors(student):
    """fit: 붓꽃(Iris) 데이터에서 rate=0.1, niter=10의 에포크별 오류 수가 책과 같다"""
    X, y = _iris()
    ppn = student.Perceptron(rate=0.1, niter=10)
    ppn.fit(X, y)
    # known answer: Raschka, Python Machine Learning 1st ed., ch.2 (EXERCISES.md)
    expect_equal(ppn.errors, [2, 2, 3, 2, 1, 0, 0, 0, 0, 0], what="Perceptron(rate=0.1, niter=10).errors")


@names_unwritten_methods("Perceptron")
def test_Perceptron_iris_weight(student):
    """fit: 붓꽃(Iris) 데이터에서 rate=0.1, niter=10의 최종 가중치가 책과 같다"""
    X, y = _iris()
    ppn = student.Perceptron(rate=0.1, niter=10)
    ppn.fit(X, y)
    # known answer: Raschka, Python Machine Learning 1st ed., ch.2 (EXERCISES.md)
    expect_array(ppn.weight, [-0.4, -0.68, 1.82], what="Perceptron(rate=0.1, niter=10).weight")
