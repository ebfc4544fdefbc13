"""What the student wrote, made safe to open and impossible to take for the grader's words.

Feedback HTML and Formgrader render a notebook's markdown as HTML without sanitizing it
(nbgrader's templates drop nbconvert's ``clean_html``), and show every output as text.

- ``SanitizeStudentHTML`` (nbconvert's ``SanitizeHTML``, in ``GenerateFeedback.preprocessors``
  and, through ``MarkStudentContent``, in the autograded notebook Formgrader shows): a
  markdown or raw cell whose rendering holds anything but the tags, attributes and links
  markdown makes (``<script>``, ``onerror=``, ``javascript:`` links, ``<style>``, forms, ...)
  is shown as its own text, escaped by ``SanitizeHTML`` in a ``<pre>``, under a note
  saying so. Cells that are safe are left as written, so honest markdown is not mangled.
- ``MarkStudentContent`` (in ``Autograde.autograde_preprocessors``, right after grading)
  also starts every line of every output of the student's code cells with
  ``STUDENT_MARK``. Test cells hold only the grader's lines; a student's cell that prints
  "✓ … 4/4 통과 → 2/2점" shows "학생│ ✓ … 4/4 통과 → 2/2점". The mark is text, so it survives
  every renderer (HTML, Formgrader, JupyterLab, a terminal); characters that could hide it
  (carriage returns, backspaces, escape sequences, other line breaks) are removed first.
"""

from __future__ import annotations

import html.parser
import re
import urllib.parse

from nbconvert.filters.markdown_mistune import markdown2html_mistune
from nbconvert.preprocessors.sanitize import SanitizeHTML
from traitlets import Bool, List, Unicode

from nnbasics.grading import wording

STUDENT_MARK = wording.STUDENT_MARK

# What markdown (with tables, math and images) renders to, and nothing that runs or restyles.
MARKDOWN_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "em", "strong", "b", "i", "code",
                 "pre", "a", "img", "blockquote", "table", "thead", "tbody", "tr", "th", "td", "hr", "br",
                 "del", "s", "sup", "sub", "span", "div", "kbd", "dl", "dt", "dd", "details", "summary"}
MARKDOWN_ATTRIBUTES = {"href", "src", "alt", "title", "align", "start", "id", "class", "colspan", "rowspan"}
SAFE_SCHEMES = {"", "http", "https", "mailto", "attachment"}
_TABLE_ALIGN = re.compile(r"text-align: ?(left|center|right);?")

# Everything that could move the cursor or start a new line without a mark: C0/C1 controls
# but tab and newline, bidirectional overrides; str.splitlines() breaks on the rest.
_HIDING = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|[\x00-\x08\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class _Audit(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.unsafe: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in MARKDOWN_TAGS:
            self.unsafe.append(f"<{tag}>")
        for name, value in attrs:
            if name == "style" and tag in ("th", "td") and _TABLE_ALIGN.fullmatch(value or ""):
                continue  # a markdown table's column alignment
            if name not in MARKDOWN_ATTRIBUTES:
                self.unsafe.append(f"{tag} {name}=")
            elif name in ("href", "src") and not _safe_url(value or ""):
                self.unsafe.append(f"{tag} {name}={value[:40]!r}")

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        self.unsafe.append("<!-- -->")  # conditional comments, and a place to hide imitations

    def handle_decl(self, decl):
        self.unsafe.append("<!...>")

    def handle_pi(self, data):
        self.unsafe.append("<?...>")

    def unknown_decl(self, data):
        self.unsafe.append("<![...]>")


def _safe_url(url: str) -> bool:
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", url)  # browsers ignore these inside a scheme
    scheme = urllib.parse.urlsplit(cleaned).scheme.lower()
    return scheme in SAFE_SCHEMES or (scheme == "data" and cleaned[5:].lower().startswith("image/")
                                      and "svg" not in cleaned[5:30].lower())


def unsafe_markup(text: str) -> list[str]:
    """What in the HTML ``text`` is not plain markdown output (empty: safe to render)."""
    audit = _Audit()
    audit.feed(text)
    audit.close()
    return audit.unsafe


def unsafe_html(markdown: str) -> list[str]:
    """What in ``markdown``'s rendering is not plain markdown output (empty: safe to render)."""
    return unsafe_markup(markdown2html_mistune(markdown))


def mark(text: str) -> str:
    """Every line of ``text`` starting with ``STUDENT_MARK``."""
    lines = _HIDING.sub("", text).splitlines()
    return "".join(f"{STUDENT_MARK}{line}\n" for line in lines)


def unmark(text: str) -> str:
    """``text`` as the student's code wrote it (less what ``mark`` removed)."""
    return "".join(line.removeprefix(STUDENT_MARK) + "\n" for line in text.splitlines())


def _is_test_cell(cell) -> bool:
    meta = cell.metadata.get("nbgrader", {})
    return cell.cell_type == "code" and bool(meta.get("grade")) and not meta.get("solution")


class SanitizeStudentHTML(SanitizeHTML):
    """Markdown and raw cells with HTML beyond markdown's are shown as text (see the module's doc)."""

    enabled = Bool(True, help="nbconvert's preprocessors are off unless enabled").tag(config=True)
    tags = List(Unicode(), [], help="Tags kept when a cell is shown as text: none").tag(config=True)
    note = Unicode(wording.UNSAFE_HTML,
                   help="First line of a cell shown as text").tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type in ("markdown", "raw"):
            # A raw cell may be emitted as it is (raw_mimetype text/html), without markdown's escaping.
            found = unsafe_html(cell.source) + (unsafe_markup(cell.source) if cell.cell_type == "raw" else [])
            if found:
                self.log.warning("Cell %d: HTML shown as text (%s)", index, ", ".join(found[:5]))
                cell.source = f"{self.note}\n\n<pre>{self.sanitize_html_tags(cell.source)}</pre>"
                cell.pop("attachments", None)
        elif not _is_test_cell(cell):
            cell.outputs = self.sanitize_code_outputs(cell.outputs)
        return cell, resources


class MarkStudentContent(SanitizeStudentHTML):
    """Also marks every line the student's code output (see the module's doc)."""

    def preprocess_cell(self, cell, resources, index):
        cell, resources = super().preprocess_cell(cell, resources, index)
        if cell.cell_type == "code" and not _is_test_cell(cell):
            for output in cell.outputs:
                if output.output_type == "stream":
                    output.text = mark(output.text)
                elif output.output_type == "error":
                    output.traceback = [mark(line) for line in output.traceback]
                elif "text/plain" in output.get("data", {}):
                    output.data["text/plain"] = mark(output.data["text/plain"])
        return cell, resources
