"""Lines of web-page chrome inside the report text (``web_page_lines`` in
rules/debris.yaml): what RL801 reports and what the other text rules leave alone."""

from __future__ import annotations

import re

from reportlint.analysis.lines import compile_pattern, to_text
from reportlint.core import ruledata
from reportlint.document.model import Document


def chrome_lines(doc: Document) -> list[tuple[int, int, str]]:
    """The lines of web-page chrome inside the report text (``web_page_lines``): each
    line's span in ``doc.text`` without its blanks, and its label. RL801 reports them;
    RL806 leaves the brackets of a cut-off button (`【字体：大 中`) alone there. Cached per
    document (treat as read-only)."""
    return doc.memo("page_chrome.chrome_lines", lambda: _chrome_lines(doc))


def _chrome_lines(doc: Document) -> list[tuple[int, int, str]]:
    data = ruledata.load("debris")
    line_labels = [p["label"] for p in data["web_page_lines"]]
    # One pass over the text: every pattern is an alternative anchored at a line start.
    anchored = compile_pattern(
        r"^[ \t]*(?:" + "|".join(f"(?P<p{i}>{p['pattern']})" for i, p in enumerate(data["web_page_lines"])) + ")",
        re.M,
    )
    view = doc.view.text
    out: list[tuple[int, int, str]] = []
    for m in anchored.finditer(view):
        label = line_labels[int((m.lastgroup or "p0")[1:])]
        start = view.rfind("\n", 0, m.start()) + 1
        end = view.find("\n", m.start())
        end = len(view) if end == -1 else end
        line = view[start:end]
        s, e = to_text(doc, start + len(line) - len(line.lstrip()), start + len(line.rstrip()))
        out.append((s, e, label))
    return out
