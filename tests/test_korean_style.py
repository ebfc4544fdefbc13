"""Is what students read written by the rules of docs/korean_style.md?

Checks the notebooks (markdown, comments, strings), the public checks, the hidden
graders' lines and every module that words something for students. Each failure names
the place and the words, so the fix is where the reader would trip.
"""
import io
import re
import tokenize

import nbformat
import pytest

from nnbasics import course
from tests.conftest import ROOT

HANGUL = re.compile("[\uac00-\ud7a3]")

# A particle written apart from the code, math, number or parenthesis it belongs to.
PARTICLES = "|".join("""
    을 를 은 는 의 와 과 와는 과는 으로 로 으로는 로는 로도 에서 에서는 에서도 에게 에는 에도 에 도 만
    까지 부터 처럼 보다 마다 만큼 이 가 이나 나 이라 이라서 이라고 이라는 라는 이란 란 이면 면 인 인데
    이지만 이다 입니다 이고 이며 이에요 예요""".split())
DETACHED_PARTICLE = re.compile(rf"[A-Za-z0-9_`)\]}}$*'\"] ({PARTICLES})(?=[\s.,!?:;)]|$)", re.MULTILINE)
# Both particles at once instead of the one the word needs.
BOTH_PARTICLES = re.compile(r"을\(를\)|를\(을\)|이\(가\)|가\(이\)|은\(는\)|는\(은\)|와\(과\)|과\(와\)|\(으\)로")
# Markdown closes no bold that ends with a parenthesis and runs into a particle.
BOLD_INTO_PARTICLE = re.compile(r"\)\*\*(?=[\uac00-\ud7a3])")
# The book's chapters are 책 N장; the course's parts are 과제 N.
BARE_CHAPTER = re.compile(r"(?<![\d책])(?<!책 )[1-9]장(에서|의)")
OTHER_TERMS = {
    "오버플로우": "오버플로", "언더플로우": "언더플로", "벡터화된 연산": "벡터화 연산",
    "로젠블라트": "로젠블랫", "미니 배치": "미니배치", "경사하강법": "경사 하강법",
    "교차엔트로피": "교차 엔트로피", "그래디언트": "기울기", "그레이디언트": "기울기",
    "바이어스": "편향", "에폭": "에포크", "원핫": "원-핫", "오차 역전파": "오차역전파",
}
# The lecture speaks 합니다체 (instructions as -세요, questions as -까요?).
LECTURE_HAEYO = re.compile(r"[\uac00-\ud7a3](?<![세까])요[.!]")
# The tool speaks 해요체.
TOOL_HAPNIDA = re.compile(r"니다")

TOOL_WORDING = ["nnbasics/release_kit/selfcheck_wording.py", "nnbasics/grading/wording.py",
                "nnbasics/term/wording.py"]
WORDING_MODULES = [*TOOL_WORDING, "nnbasics/grading/battery.py", "nnbasics/release_kit/selfcheck.py",
                   "nnbasics/release_kit/conftest.py", "nnbasics/nbgrader_ext/student_content.py"]


# Python 3.12 splits an f-string into parts; 3.11 has it whole as one STRING.
TEXT_TOKENS = {tokenize.COMMENT, tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", tokenize.STRING)}


def words_of_python(source: str) -> list[str]:
    """The comments and string literals of Python source that contain Korean."""
    found = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type in TEXT_TOKENS and HANGUL.search(token.string):
                found.append(token.string)
    except (tokenize.TokenError, IndentationError, SyntaxError):
        found.append(source)
    return found


def problems(text: str, *, register=None) -> list[str]:
    found = [f"particle apart from its word: {m.group(0)!r}" for m in DETACHED_PARTICLE.finditer(text)]
    found += [f"both particles instead of one: {m.group(0)!r}" for m in BOTH_PARTICLES.finditer(text)]
    found += [f"bold that markdown will not close: {text[max(0, m.start() - 15):m.end() + 2]!r}"
              for m in BOLD_INTO_PARTICLE.finditer(text)]
    found += [f"chapter without 책 (or 과제 N for the course): {m.group(0)!r}" for m in BARE_CHAPTER.finditer(text)]
    found += [f"{term!r}: write {better!r}" for term, better in OTHER_TERMS.items() if term in text]
    if register is not None:
        found += [f"register ({register.pattern!r}): {text[max(0, m.start() - 20):m.end()]!r}"
                  for m in register.finditer(text)]
    return found


@pytest.mark.parametrize("assignment", course.assignments(ROOT))
def test_a_notebook_reads_as_natural_korean(assignment):
    """Do the notebook's prose, comments and printed lines follow the style?"""
    notebook = nbformat.read(ROOT / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    found = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "markdown":
            texts = [cell.source]
        elif course.is_test_cell(cell):
            continue  # the documented template, with the kit's own sentence (tests/test_notebook_path.py)
        else:
            texts = words_of_python(cell.source)
        found += [f"cell {index}: {problem}" for text in texts for problem in problems(text, register=LECTURE_HAEYO)]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("assignment", course.assignments(ROOT))
def test_checks_and_graders_word_their_lines_by_the_style(assignment):
    """Do the property lines and messages of public checks and hidden graders follow the style?"""
    graders = sorted((ROOT / "grader_tests" / assignment).glob("*.py"))
    paths = [ROOT / "source" / assignment / "public_checks.py", *graders]
    found = [f"{path.relative_to(ROOT)}: {problem}"
             for path in paths for text in words_of_python(path.read_text(encoding="utf-8"))
             for problem in problems(text)]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("module", WORDING_MODULES)
def test_what_the_tool_says_follows_the_style(module):
    """Does every sentence the kit and the grading side say read as natural 해요체?"""
    register = TOOL_HAPNIDA if module in TOOL_WORDING else None
    texts = words_of_python((ROOT / module).read_text(encoding="utf-8"))
    found = [problem for text in texts for problem in problems(text, register=register)]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("text, expected", [
    ("`y` 는 1입니다.", "particle apart"), ("{got} 을(를) 받았어요", "both particles"),
    ("**활성화 함수(activation function)**를", "bold"), ("2장에서 만든 시그모이드", "chapter"),
    ("오버플로우가 납니다", "write '오버플로'"),
])
def test_the_style_check_can_fail(text, expected):
    """Does each rule catch the mistake it is for?"""
    assert any(expected in problem for problem in problems(text)), problems(text)


@pytest.mark.parametrize("text", ["`y`는 1입니다.", "{name}의 공개 검사", "**활성화 함수**(activation function)를",
                                  "책 3장의 예", "797장을 맞혔습니다", "과제 2에서 만든 sigmoid", "왜 그럴까요?",
                                  "직접 해 보세요."])
def test_the_style_check_accepts_good_korean(text):
    """Does the check leave well-written sentences alone?"""
    assert not problems(text, register=LECTURE_HAEYO)
