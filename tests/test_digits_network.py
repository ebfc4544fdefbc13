"""Does tools/make_digits_network.py make exactly the digits_network.npz that ps7 ships?

The script is seeded and writes the .npz with fixed zip timestamps, so a rerun gives the
same bytes with the pinned NumPy (requirements.lock) on the same kind of CPU. The arrays are
compared exactly: matrix products go through OpenBLAS, whose kernel (chosen per CPU family
at run time) fixes the order of the sums, so a different CPU family could change the last
bits; on this project's machines the run is deterministic, and the test says where it
differs if that ever happens.
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from tests.conftest import ROOT

SHIPPED = ROOT / "source" / "ps7_digits_inference" / "digits_network.npz"
SHAPES = {"W1": (64, 50), "b1": (50,), "W2": (50, 100), "b2": (100,), "W3": (100, 10), "b3": (10,)}


def test_shipped_network_has_the_spec_keys_and_shapes():
    with np.load(SHIPPED) as shipped:
        assert {key: shipped[key].shape for key in shipped.files} == SHAPES


@pytest.fixture(scope="module")
def rerun(tmp_path_factory):
    """(what the script printed, the .npz it wrote into a fresh folder)."""
    out = tmp_path_factory.mktemp("network")
    run = subprocess.run([sys.executable, str(ROOT / "tools" / "make_digits_network.py"), "--out", str(out)],
                         capture_output=True, text=True, timeout=120, check=True)
    return run.stdout, out / "digits_network.npz"


def test_rerunning_the_script_gives_the_shipped_network(rerun):
    _, made = rerun
    with np.load(SHIPPED) as shipped, np.load(made) as again:
        assert sorted(again.files) == sorted(shipped.files)
        for key in shipped.files:
            assert again[key].dtype == shipped[key].dtype, key
            assert np.array_equal(again[key], shipped[key]), (
                f"{key}: largest difference {np.max(np.abs(again[key] - shipped[key])):.3g}")
    assert made.read_bytes() == SHIPPED.read_bytes()


def test_the_notebook_states_the_accuracy_the_script_prints(rerun):
    printed, _ = rerun
    assert "on rows 1500-1796" in printed
    held_out = printed.split(",")[-1].split()[0]          # "0.9259 on rows 1500-1796"
    notebook = (ROOT / "source" / "ps7_digits_inference" / "ps7_digits_inference.ipynb").read_text(encoding="utf-8")
    assert held_out in notebook
