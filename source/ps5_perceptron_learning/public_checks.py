"""Public checks for ps5_perceptron_learning (공개 검사)."""
from pathlib import Path

import numpy as np
from selfcheck import expect_array, expect_equal, expect_true


def _iris():
    """Iris rows 0-99, columns 0 and 2; setosa = -1, versicolor = +1 (as in the notebook)."""
    data = np.genfromtxt(Path(__file__).with_name("iris.data"), delimiter=",", dtype=str, max_rows=100)
    return data[:, [0, 2]].astype(float), np.where(data[:, 4] == "Iris-setosa", -1, 1)


def test_Perceptron_iris_errors(student):
    """붓꽃(Iris) 데이터에서 rate=0.1, niter=10의 에포크별 오류 수가 책과 같다"""
    X, y = _iris()
    ppn = student.Perceptron(rate=0.1, niter=10)
    ppn.fit(X, y)
    # known answer: Raschka, Python Machine Learning 1st ed., ch.2 (EXERCISES.md)
    expect_equal(ppn.errors, [2, 2, 3, 2, 1, 0, 0, 0, 0, 0], what="Perceptron(rate=0.1, niter=10).errors")


def test_Perceptron_iris_weight(student):
    """붓꽃(Iris) 데이터에서 rate=0.1, niter=10의 최종 가중치가 책과 같다"""
    X, y = _iris()
    ppn = student.Perceptron(rate=0.1, niter=10)
    ppn.fit(X, y)
    # known answer: Raschka, Python Machine Learning 1st ed., ch.2 (EXERCISES.md)
    expect_array(ppn.weight, [-0.4, -0.68, 1.82], what="Perceptron(rate=0.1, niter=10).weight")


def test_Perceptron_fit_returns_self(student):
    """fit은 self를 돌려준다"""
    X = np.array([[1.0, 2.0], [-1.0, -2.0]])
    y = np.array([1, -1])
    ppn = student.Perceptron(rate=0.1, niter=3)
    expect_true(ppn.fit(X, y) is ppn, "fit(X, y)는 self (그 Perceptron 객체)를 돌려줘야 해요")


def test_Perceptron_predict_at_zero(student):
    """가중치가 모두 0이면 순입력이 0이고, predict는 +1이다 (>= 0.0)"""
    ppn = student.Perceptron()
    ppn.weight = np.zeros(3)
    expect_array(ppn.predict(np.array([[1.0, 2.0], [-3.0, 0.5]])), [1, 1],
                 what="weight=[0, 0, 0] 일 때 predict([[1, 2], [-3, 0.5]])")
