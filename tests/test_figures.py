"""Do the figures a student's cells draw survive grading, bounded, and only as well-formed PNGs?"""

from __future__ import annotations

import base64
import struct

import pytest

from nnbasics.sandbox.client import PNG_SIGNATURE, ProtocolViolation, Sandbox, _clean_outputs
from nnbasics.sandbox.limits import Limits

PLOT = "import matplotlib.pyplot as plt\nplt.plot([1, 2, 3], [1, 4, 9])\nplt.title('x')\nplt.show()"


def run(sandbox, *sources):
    return sandbox.execute([{"index": i, "name": str(i), "source": s} for i, s in enumerate(sources)])


def images(outputs):
    return [base64.b64decode(o["data"]["image/png"]) for o in outputs if o["output_type"] == "display_data"]


def png_size(raw: bytes) -> tuple[int, int]:
    return struct.unpack("!II", raw[16:24])


@pytest.fixture
def sandbox(tmp_path):
    with Sandbox(str(tmp_path), Limits(cell_seconds=20, figure_limit=2, figures_total=3)) as box:
        yield box


def test_a_cell_that_plots_gets_its_figure_as_a_png_after_its_text(sandbox):
    out = run(sandbox, "print('before')\n" + PLOT, "print('no figure left open')")
    kinds = [o["output_type"] for o in out[0]]
    assert kinds == ["stream", "display_data"], out[0]
    (raw,) = images(out[0])
    assert raw.startswith(PNG_SIGNATURE) and 100 < png_size(raw)[0] <= 2000
    assert images(out[1]) == []  # every figure is closed after the cell that drew it


def test_figures_are_bounded_per_cell_and_per_submission_with_a_note(sandbox):
    three = "import matplotlib.pyplot as plt\nfor i in range(3):\n    plt.figure()\n    plt.plot([i])"
    out = run(sandbox, three, three)
    assert len(images(out[0])) == 2 and "그림 1개 생략" in out[0][0]["text"]
    assert len(images(out[1])) == 1 and "한 제출에 3개까지" in out[1][-1]["text"]


def test_a_huge_or_busy_figure_is_drawn_smaller_or_left_out(tmp_path):
    with Sandbox(str(tmp_path), Limits(cell_seconds=20, figure_bytes=20_000)) as box:
        out = run(box, "import matplotlib.pyplot as plt\nimport numpy as np\n"
                       "plt.figure(figsize=(1000, 1000))\nplt.imshow(np.random.default_rng(0).random((300, 300)))",
                  "import matplotlib.pyplot as plt\nplt.figure(figsize=(1000, 1))\nplt.plot([0, 1])")
    for cell in out.values():
        for raw in images(cell):
            assert len(raw) <= 20_000 and max(png_size(raw)) <= 2000
    assert "그림 1개 생략" in out[0][0]["text"]  # noise does not compress to 20 kB even at 500 px


def test_a_plot_of_a_stub_does_not_leave_an_empty_figure(sandbox):
    out = run(sandbox, "def f(x):\n    raise NotImplementedError()",
              "import matplotlib.pyplot as plt\ntry:\n    y = f(1)\nexcept NotImplementedError:\n"
              "    print('f를 구현하면 그래프가 여기에 나옵니다.')\nelse:\n    plt.plot(y)")
    assert images(out[1]) == [] and "그래프가 여기에" in out[1][0]["text"]


GOOD = base64.b64encode(PNG_SIGNATURE + b"\x00\x00\x00\rIHDR" + struct.pack("!II", 10, 10) + b"rest").decode()


@pytest.mark.parametrize("output", [
    {"output_type": "display_data", "data": {"image/png": GOOD, "text/html": "<script>x</script>"}},
    {"output_type": "display_data", "data": {"text/html": "<b>x</b>"}},
    {"output_type": "display_data", "data": {"image/png": "not base64!"}},
    {"output_type": "display_data", "data": {"image/png": base64.b64encode(b"GIF89a" + b"x" * 30).decode()}},
    {"output_type": "display_data", "data": {"image/png": base64.b64encode(
        PNG_SIGNATURE + b"\x00\x00\x00\rIHDR" + struct.pack("!II", 100_000, 100_000)).decode()}},
    {"output_type": "display_data", "data": {"image/png": base64.b64encode(PNG_SIGNATURE + b"x" * 5000).decode()}},
    {"output_type": "display_data", "data": {"image/png": 12}},
])
def test_the_grading_side_accepts_only_well_formed_bounded_pngs(output):
    """Student code can write to the channel: anything but a bounded PNG figure is a violation."""
    assert _clean_outputs([{"output_type": "display_data", "data": {"image/png": GOOD}}], 100, 1, 1000)
    with pytest.raises(ProtocolViolation):
        _clean_outputs([output], 100, 1, 1000)


def test_more_figures_than_the_limit_is_a_violation():
    figure = {"output_type": "display_data", "data": {"image/png": GOOD}}
    with pytest.raises(ProtocolViolation):
        _clean_outputs([figure, figure], 100, 1, 1000)
    with pytest.raises(ProtocolViolation):
        _clean_outputs([figure], 100, 0, 1000)  # figures off
