# ruff: noqa
# %% first
# An infinite loop at the top level, before any solution cell has run.
while True:
    pass
