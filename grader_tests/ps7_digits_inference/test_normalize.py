"""Hidden graders for normalize (ps7_digits_inference)."""
import numpy as np
import pytest

from nnbasics.grading.battery import Case, Function, Param, battery
from nnbasics.release_kit.selfcheck import expect_array, expect_unchanged


@pytest.mark.weight(2)
def test_normalize_matches_reference_on_pixel_arrays(student, reference, rng):
    """여러 모양(shape)과 정수 자료형의 픽셀 배열을 x / 16.0의 실수 배열로 바꾼다"""
    for shape, dtype in [((64,), np.int64), ((5, 64), np.uint8), ((2, 8, 8), np.int32), ((1, 64), np.int16)]:
        x = rng.integers(0, 17, size=shape).astype(dtype)
        expect_array(student.normalize(x), reference.normalize(x), dtype="float",
                     what=f"모양 {shape}, {np.dtype(dtype).name} 픽셀 배열의 normalize")


def test_normalize_scalars(student, reference, rng):
    """스칼라(파이썬 int, numpy 정수)도 실수로 바꾼다: normalize(16) = 1.0"""
    k = int(rng.integers(1, 16))
    for value in [16, 0, k, np.uint8(k), np.int64(16 - k)]:
        expect_array(student.normalize(value), reference.normalize(value), dtype="float",
                     what=f"스칼라({type(value).__name__}) 입력의 normalize")


@pytest.mark.weight(2)
def test_normalize_divides_by_16(student, rng):
    """항상 16으로 나눈다: 255나 이미지의 최댓값으로 나누지 않고, 정수 나눗셈도 아니다"""
    every_value = rng.permutation(17)             # 0..16 in a random order
    # identity: k / 16 for each pixel value k
    expect_array(student.normalize(every_value), every_value / 16.0, dtype="float",
                 what="0..16의 모든 픽셀 값에 대한 normalize")
    faint = rng.integers(0, 8, size=(3, 64))      # a faint image: its maximum is below 16
    expect_array(student.normalize(faint), faint / 16.0, dtype="float",
                 what="최댓값이 16보다 작은 이미지의 normalize")


def test_normalize_float_pixels(student, reference, rng):
    """실수 픽셀 값(0..16)도 같은 공식이다"""
    x = rng.uniform(0, 16, size=(4, 64))
    expect_array(student.normalize(x), reference.normalize(x), dtype="float", what="실수 픽셀 배열의 normalize")


def test_normalize_leaves_input_unchanged(student, reference, rng):
    """올바른 값을 돌려주면서 입력 배열(정수, 실수)은 바꾸지 않는다"""
    for x in [rng.integers(0, 17, size=(3, 64)), rng.integers(0, 17, size=64).astype(np.uint8),
              rng.uniform(0, 16, size=(2, 8, 8))]:
        handle = student.put(x)
        expect_array(student.normalize(handle), reference.normalize(x), what="normalize의 출력")
        expect_unchanged(student.get(handle), x, what=f"normalize에 넘긴 {x.dtype.name} 배열")


def test_normalize_returns_a_fresh_array(student, reference, rng, overwrite_results):
    """돌려준 배열을 바꿔도 입력은 그대로다 (입력의 뷰(view)가 아닌 새 배열)"""
    for x in [rng.uniform(0, 16, size=(3, 64)), rng.integers(0, 17, size=(2, 64))]:
        handle = student.put(x)
        overwrite_results(student.normalize, handle)
        expect_unchanged(student.get(handle), x, what="normalize의 결과를 바꾼 뒤의 입력 배열")
        expect_array(student.normalize(handle), reference.normalize(x), what="normalize를 다시 부른 결과")


def contract_cases(rng):
    pixels = rng.integers(0, 17, size=(5, 64))
    return [Case("픽셀 배치 (int64)", (pixels,)), Case("다른 픽셀 배치 (int64)", (rng.integers(0, 17, size=(5, 64)),)),
            Case("8×8 이미지 (uint8)", (rng.integers(0, 17, size=(8, 8)).astype(np.uint8),)),
            Case("픽셀 배치 (int8)", (pixels.astype(np.int8),)),
            Case("한 장의 이미지 (64,)", (rng.integers(0, 17, size=64),)),
            Case("한 행짜리 배치 (1, 64)", (rng.integers(0, 17, size=(1, 64)),)),
            Case("실수 픽셀", (rng.uniform(0, 16, size=(3, 64)),)),
            Case("스칼라 정수 16", (16,))]


TestContract = battery(Function("normalize", [Param("x")], contract_cases, dtype="float"))
