"""The instructor's term past autograding: grades into the LMS (``export``), feedback files
(``feedback_files``), extensions (``extend``), the late-penalty policy (``late``) and the roster
(``roster``). Everything is read from and written to nbgrader's own gradebook."""
