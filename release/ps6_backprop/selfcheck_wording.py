# Released to students beside each notebook: a copy of nnbasics/release_kit/selfcheck_wording.py,
# made by `make release`. Edit that file, not a copy.
"""Every sentence the student kit says to a student, in one place (Korean, English terms).

Placeholders are filled with ``str.format``. The tool speaks 해요체; a value filled in at run
time never carries a particle (write ``{what}의``, ``{label}: ...`` or ``받은 값: {got}``), since
its sound is unknown (docs/korean_style.md). The grading side's sentences are in
``nnbasics/grading/wording.py``.
"""

# -- checks (selfcheck.expect_*)
KIND = {"int": "정수(int)", "float": "실수(float)", "bool": "불리언(bool)"}
EXPECTED_ARRAY = "{what}: 배열(np.ndarray)을 기대했는데 받은 값: {got}"
EXPECTED_NUMBER = "{what}: 숫자 하나를 기대했는데 받은 값: {got}"
WRONG_SHAPE = "{what}: 모양(shape)이 달라요. 기대한 모양 {expected}, 실제 모양 {got}"
NOT_NUMERIC = "{what}: 숫자 배열을 기대했는데 받은 배열의 dtype: {dtype}"
WRONG_KIND = "{what}: {kind} 값을 기대했는데 받은 배열의 dtype: {dtype}"
BOOL_FOR_INT = "{what}: 정수(int) 값을 기대했는데 받은 값의 dtype이 bool이에요. bool은 정수로 치지 않아요"
NOT_FINITE = "{what}: 유한한 값을 기대했는데 NaN이나 inf가 들어 있어요. 받은 값: {got}"
WRONG_VALUES = ("{what}: 값이 달라요. 기대 {expected}, 실제 {got}; "
                "가장 큰 차이 {diff:.3g}{where}, 허용 오차 atol={atol:g}, rtol={rtol:g}")
AT_POSITION = " (위치 {position})"
EXPECTED_LIST = "{what}: 리스트(list)를 기대했는데 받은 값: {got}"
NOT_EQUAL = "{what}: 기대 {expected}, 실제 {got}"
INT_GOT_BOOL = ("{what}: 기대 정수 {expected}, 실제 불리언(bool) {got!r}. "
                "bool은 정수로 치지 않으니 int(...)로 바꿔 돌려주세요")
INT_GOT_OTHER = "{what}: 기대 정수 {expected}, 실제 {got}"
INPUT_RESHAPED = "{what}: 입력 배열의 모양(shape)이 바뀌었어요. 함수는 받은 배열을 수정하면 안 돼요"
INPUT_CHANGED = "{what}: 입력 배열의 원소 {count}개가 바뀌었어요. 함수는 받은 배열을 수정하면 안 돼요"
STRING_OF_LENGTH = "{type} (길이 {length})"
OBJECT_OF = "{type} 객체"

# -- the protocol (selfcheck_protocol.Student)
NOT_DEFINED = "{name}: 정의되지 않은 이름이에요. 이 이름을 정의하는 셀을 실행했는지, 이름을 바꾸지 않았는지 확인하세요"
NOT_IMPLEMENTED = "{label}: 아직 구현하지 않았어요 (NotImplementedError)"
UNWRITTEN_METHODS = "{failure}. 아직 구현할 메서드가 남았어요: {names}"
RAISED = "{label}: 실행하는 중에 예외가 발생했어요. {kind}: {message}"
UNKNOWN_ANSWER = "{label}: 학생 코드 쪽에서 알 수 없는 응답이 왔어요"
UNREADABLE_VALUE = "{label}: 돌려받은 값을 읽을 수 없어요 ({reason})"
CANNOT_SEND = "결과를 보낼 수 없어요"

# -- the notebook's check() and pytest's summary
CHECKS_HEADER = "{name}의 공개 검사(public checks):"
CHECK_PASSED = "  ✓ {description}"
CHECK_FAILED = "  ✗ {description}\n      → {message}"
CHECK_CRASHED = "  ✗ {description}\n      → 검사 도중 오류가 났어요: {error}"
CHECKS_TOTAL = "{passed}/{total} 통과"
CHECKS_FAILED = "✗ {name}: 공개 검사 {total}개 중 {failed}개를 통과하지 못했어요 (→ 줄에 기대한 값과 실제 값이 있어요)"
ALL_PASSED = ("✓ {name}: 공개 검사를 모두 통과했어요. 점수는 제출한 뒤에 숨겨진 채점 검사(hidden grader tests)가 "
              "더 많은 입력과 경우를 살펴서 따로 매겨요")
RUN_CELL_FIRST = ("  ✗ {name}: 아직 정의되지 않은 이름이에요. 먼저 위의 `{name}` 셀을 실행하세요 "
                  "(공개 검사 {count}개를 하나도 실행하지 못했어요)")
NO_CHECKS_FOR = "  ✗ public_checks.py에 {name}의 공개 검사가 없어요. 검사한 것이 없으니 통과로 치지 않아요"
NO_PUBLIC_CHECKS = ("  ✗ 공개 검사 파일(public_checks.py)을 읽을 수 없어요 ({error}): "
                    "과제 폴더의 파일을 모두 이 노트북과 같은 폴더에 두세요")
# The check cell's own line when the kit itself is missing (the notebook uploaded alone); it
# lives in every test cell's source (docs/authoring.md), since this file is missing then too.
KIT_MISSING = ("⚠ 자가 검사 파일(selfcheck.py 등)이 없어요: 과제 폴더의 파일을 모두 이 노트북과 "
               "같은 폴더에 두고 다시 실행하세요")
SUMMARY_SECTION = "연습문제별 결과 (per exercise)"
SUMMARY_LINE = "{mark} {exercise:<24} {passed}/{total} 통과"
SUMMARY_ALL_PASSED = ("공개 검사를 모두 통과했어요. 점수는 제출한 뒤에 숨겨진 채점 검사(hidden grader tests)가 "
                      "더 많은 입력과 경우를 살펴서 따로 매겨요")
NOTEBOOK_ERROR = "  (노트북의 {error})"
ONE_NOTEBOOK = "이 폴더에는 노트북(.ipynb)이 꼭 하나 있어야 해요. 찾은 노트북: {found}"
NOT_JSON = "{name}: 노트북 파일을 읽을 수 없어요 (JSON 오류: {error})"
CELL_ERROR = "{cell}: {kind}: {message}"
CELL_NAMED = "`{name}` 셀"
CELL_STARTING = "첫 줄이 `{line}`인 셀"
