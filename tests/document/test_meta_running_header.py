"""A title that repeats as a running page header (text taken from a PDF) below a line
that is not the title: the report still gets its title, year and agency.

The title finder keeps the first repeated candidate as a fallback; it used to hand the
previous line and the joined-line reading to ``_set_title`` in each other's places,
which ended in an internal error on such a report (found by mypy).
"""

from __future__ import annotations

from pathlib import Path

from reportlint.document.build import build_document
from reportlint.document.extracted import Extracted
from reportlint.document.origin import OriginMap

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TITLE = "昌吉州科学技术局2021年度政府信息公开工作年度报告"


def _with_running_header() -> str:
    """The real 昌吉州科学技术局 report as a PDF's text layer gives it: a site line that is
    not the title first, and the title again at the top of every page."""
    lines = (FIXTURES / "changji-kjj-2021.txt").read_text(encoding="utf-8").splitlines()
    assert TITLE in lines
    out = ["欢迎访问本网站。"]
    for line in lines:
        if line.startswith(("三、收到和处理", "五、存在的主要问题")):
            out.append(TITLE)  # a new page begins: its running header
        out.append(line)
    return "\n".join(out) + "\n"


def test_title_found_when_it_repeats_as_a_running_header():
    text = _with_running_header()
    assert text.count(TITLE) == 3
    doc = build_document(Extracted("report.txt", "text", text, OriginMap(text)))
    assert doc.meta.title == TITLE
    assert doc.meta.year == 2021
    assert doc.meta.agency == "昌吉州科学技术局"
    first = text.index(TITLE)
    assert doc.meta.title_span == (first, first + len(TITLE))
