"""RL801 web-page-debris."""

from __future__ import annotations

import re

from reportlint.analysis.lines import (
    compile_pattern,
    deletion_fix,
    text_lines,
    to_text,
    whole_line_span,
)
from reportlint.core import ruledata
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.document.page_meta import in_page
from reportlint.rules.base import Rule

# A debris line longer than this holds report text too (a page copied as one line):
# it is reported, but no fix deletes the whole line.
_MAX_DELETED_LINE = 200


class WebPageDebris(Rule):
    """Web-page chrome copied into the report text.

    Text copied out of a web CMS brings the page around the report with it:
    "previous/next article" links, "scan with your phone", print/close buttons,
    breadcrumbs, font-size switches, the page's metadata line, and the borders of
    layout tables as long runs of ``|``. None of it belongs to the report; readers
    and reviewers stumble on it. The fix deletes the debris. A page copied as one
    line (`当前位置：… 微信 微博 QQ空间 全真版 文字版 --> 根据…`, `…情况。 附件下载`) gives
    one finding per cluster of page elements; the page's own fields in it (来源, 时间)
    are recorded as the page's metadata, and a crawler's header is not debris.

    Bad:
        本机关未收取政府信息处理费。
        上一篇: 昌吉州科学技术局20...
        扫一扫手机打开当前页
    Good:
        本机关未收取政府信息处理费。
    """

    code = "RL801"
    name = "web-page-debris"
    category = "artifact"
    severity = Severity.WARNING
    summary_zh = "正文中混入了网页页面元素。"
    rationale_zh = (
        "从网站后台复制出来的文字会把页面本身一起带进来：上一篇/下一篇链接、“扫一扫”、打印/关闭按钮、"
        "当前位置导航、字号切换、页面元数据行，以及排版表格留下的一长串“|”。这些都不是报告内容，"
        "会干扰阅读和审核。自动修复会删除这些残留。"
    )
    messages = {
        "cluster": T(
            "网页残留（{labels}）：{text}；请删除这些页面元素",
            "web-page debris ({labels}): {text}; delete these page elements",
        ),
        "line": T("网页残留“{label}”：{text}；请删除这一行", "web-page debris ({label}): {text}; delete this line"),
        "pipes": T(
            "排版表格残留：{n} 个连续的“|”；请删除",
            "layout-table debris: a run of {n} '|' characters; delete it",
        ),
    }

    def check(self, doc):
        data = ruledata.load("debris")
        labels = [p["label"] for p in data["web_page_lines"]]
        # One pass over the text: every pattern is an alternative anchored at a line start.
        anchored = compile_pattern(
            r"^[ \t]*(?:" + "|".join(f"(?P<p{i}>{p['pattern']})" for i, p in enumerate(data["web_page_lines"])) + ")",
            re.M,
        )
        for span, labels, spans in doc.meta.page_debris:
            shown = " ".join(doc.text[a:b] for a, b in spans)
            shown = shown if len(shown) <= 60 else shown[:60] + "…"
            fix = deletion_fix(doc, _with_blanks(doc.text, spans), T("删除网页残留", "delete the page debris"))
            yield self.report(doc, span, "cluster", labels="、".join(labels), text=shown, fix=fix)
        view = doc.view.text
        for m in anchored.finditer(view):
            label = labels[int(m.lastgroup[1:])]
            start = view.rfind("\n", 0, m.start()) + 1
            end = view.find("\n", m.start())
            end = len(view) if end == -1 else end
            line = view[start:end]
            span = to_text(doc, start + len(line) - len(line.lstrip()), end)
            shown = line.strip()
            shown = shown if len(shown) <= 40 else shown[:40] + "…"
            fix = (
                deletion_fix(doc, [whole_line_span(doc, span)], T("删除网页残留行", "delete the debris line"))
                if span[1] - span[0] <= _MAX_DELETED_LINE
                else None
            )
            yield self.report(doc, span, "line", label=label, text=shown, fix=fix)
        if doc.extracted.kind not in ("text", "markdown"):
            return  # in .docx/.html/.pdf, rows of `|` are real tables rendered by the reader
        pipe_run = compile_pattern(data["pipe_run"])
        for start, _end, line in text_lines(doc):
            if in_page(doc, start, _end):
                continue
            for m in pipe_run.finditer(line):
                s, e = start + m.start(), start + m.end()
                # A line that is nothing but the run goes entirely; otherwise only the run.
                rest = (line[: m.start()] + line[m.end() :]).strip()
                target = whole_line_span(doc, (s, e)) if not rest else (s, e)
                fix = deletion_fix(doc, [target], T("删除“|”残留", "delete the '|' run"))
                yield self.report(doc, (s, e), "pipes", n=m.group().count("|"), fix=fix)


def _with_blanks(text: str, spans) -> list:
    """Each token with the blanks after it (before it, at a line end), so that deleting
    them leaves the report text as it would read without the page."""
    out = []
    for a, b in spans:
        e = b
        while e < len(text) and text[e] in " \t\u3000":
            e += 1
        out.append((a, e))
    merged: list = []
    for a, e in sorted(out):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((a, e))
    for i, (a, e) in enumerate(merged):
        if e == len(text) or text[e] == "\n":  # at a line end: take the blanks before it instead
            while a > 0 and text[a - 1] in " \t\u3000":
                a -= 1
            if a == 0 or text[a - 1] == "\n":  # the whole line: delete it with its line break
                a, e = (a, e + 1) if e < len(text) else (max(0, a - 1), e)
            merged[i] = (a, e)
    return merged
