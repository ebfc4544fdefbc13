"""The student kit: the files released beside every notebook (``release/<a>/``).

Each ``source/<a>/`` links to them; ``nnbasics release`` (``make release``) makes the
links and regenerates ``release/`` and ``solutions/`` with nbgrader.
"""

KIT_FILES = ("selfcheck.py", "selfcheck_protocol.py", "selfcheck_codec.py", "selfcheck_notebook.py",
             "selfcheck_wording.py", "conftest.py", "pytest.ini")
