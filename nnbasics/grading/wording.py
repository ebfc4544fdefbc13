"""Every sentence the grading side says to a student, in one place (Korean, English terms).

Placeholders are filled with ``str.format``. The student kit's sentences (checks, the
self-check) are in ``nnbasics/release_kit/selfcheck_wording.py``.
"""

# -- feedback of one test cell (results.ModuleResult.feedback)
SUMMARY = "채점 결과(hidden grader tests): {passed}/{total} 통과 → {points:g}/{max_points:g}점"
ABORTED = "  ✗ 이 문제는 0점이에요: {reason}"
PASSED = "  ✓ {description}"
FAILED = "  ✗ {description}"
MESSAGE = "      → {message}"
NOTHING_RAN = "  (이 문제의 채점 검사를 실행하지 못했어요)"

# -- a grader that could not check the answer (grading.plugin)
UNCHECKABLE = "결과를 검사할 수 없었어요 ({kind}). 돌려준 값의 타입(type)과 모양(shape)을 확인하세요"

# -- limits the student's code broke (sandbox.client)
CELL_TIMEOUT = "셀 실행이 시간 제한 {seconds:g}초를 넘었어요"
CELL_KILLED = "이 셀 때문에 프로세스가 종료됐어요 (os._exit 호출, 충돌이나 메모리 부족)"
CELL_PROTOCOL = "이 셀이 채점 프로세스와 주고받는 통신 채널에 직접 써서 이 셀의 결과를 믿을 수 없어요"
EXERCISE_TIMEOUT = "시간 제한 {seconds:g}초를 넘었어요 (무한 루프가 있거나 계산이 너무 느려요)"
EXERCISE_KILLED = "학생 코드 때문에 프로세스가 종료됐어요 (os._exit 호출, 충돌이나 CPU 시간 초과)"
EXERCISE_MEMORY = "메모리 제한 {gib:g} GiB를 넘었어요"
TOO_MANY_THREADS = ("학생 코드가 스레드(thread)를 너무 많이 만들어서 채점할 수 없어요 "
                    "(프로세스와 스레드는 합쳐서 최대 {limit}개)")
SUBMISSION_TIMEOUT = "제출물 전체의 시간 제한 {seconds:g}초를 다 썼어요 (셀 실행, 재시작, 채점을 합쳐서)"
CELL_LOST_STATE = "이 셀에서 만든 프로세스가 노트북의 상태를 가진 프로세스를 종료시켰어요"

# -- what the student process left out (sandbox.worker, sandbox.client)
OUTPUT_TRUNCATED = "\n... (출력 {count}자 생략: output truncated)\n"
FIGURES_CUT_IN_CELL = ("\n(그림 {count}개 생략: 셀마다 {limit}개까지, 그림 하나에 {kib} KiB까지 보관해요; "
                       "figures left out)\n")
FIGURES_CUT_IN_SUBMISSION = "(그림 {count}개 생략: 한 제출에 {limit}개까지 보관해요; figures left out)\n"
FIGURE_TEXT = "<matplotlib 그림 (figure)>"
CANNOT_SEND = "결과를 보낼 수 없어요"

# -- what the submission's intake and the exporter say in the autograded notebook (nbgrader_ext)
CELL_NOT_RUN = "이 셀은 실행하지 않았어요 (not run): {why}"
PARTS_NOT_GRADED = "**제출물의 일부를 채점하지 않았어요 (parts of the submission were not graded):**"
GRADED_AS_BLANK = "**제출한 파일을 노트북으로 읽을 수 없어서 빈 노트북으로 채점했어요 (모든 문제 0점).**"
UNSAFE_HTML = "**이 셀의 HTML은 안전하지 않아서 글자 그대로 보여 줘요 (unsafe HTML, shown as text).**"
STUDENT_MARK = "학생│ "  # before every line of a student cell's output (nbgrader_ext.student_content)
