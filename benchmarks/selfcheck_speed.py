"""How long does a student's `pytest` take in a released assignment folder? (target: < 3 s)

Run by hand: `make bench` or `.venv/bin/python benchmarks/selfcheck_speed.py`.
Times `python -m pytest` in release/<a>/ (stubs) and solutions/<a>/ (complete), median of 3.
"""

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def seconds(folder: Path) -> float:
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pytest"], cwd=folder, capture_output=True, check=False)
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main() -> None:
    print(f"{'assignment':<26}{'release (stubs)':>17}{'solutions':>12}")
    for folder in sorted((ROOT / "release").iterdir()):
        print(f"{folder.name:<26}{seconds(folder):>15.2f} s{seconds(ROOT / 'solutions' / folder.name):>10.2f} s")


if __name__ == "__main__":
    main()
