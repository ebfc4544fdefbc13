# ruff: noqa
# %% first
# Read the course through symbolic links handed in beside the notebook (see
# `symlinks_beside` in tests/test_adversarial.py): whoever copies them, copies what they
# point to.
import os

for name in sorted(os.listdir(".")):
    if name.startswith("link_"):
        try:
            print(name, open(name, errors="replace").read())
        except OSError as error:
            print(name, f"<{type(error).__name__}>")
