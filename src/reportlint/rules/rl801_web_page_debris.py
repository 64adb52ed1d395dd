"""RL801 web-page-debris."""

from __future__ import annotations

import re

from reportlint import ruledata
from reportlint.diagnostics import Severity
from reportlint.i18n import T
from reportlint.rule import Rule
from reportlint.rules._text import compile_pattern, deletion_fix, text_lines, to_text, whole_line_span


class WebPageDebris(Rule):
    """Web-page chrome copied into the report text.

    Text copied out of a web CMS brings the page around the report with it:
    "previous/next article" links, "scan with your phone", print/close buttons,
    breadcrumbs, font-size switches, the page's metadata line, and the borders of
    layout tables as long runs of ``|``. None of it belongs to the report; readers
    and reviewers stumble on it. The fix deletes the debris.

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
            fix = deletion_fix(doc, [whole_line_span(doc, span)], T("删除网页残留行", "delete the debris line"))
            yield self.report(doc, span, "line", label=label, text=shown, fix=fix)
        if doc.extracted.kind not in ("text", "markdown"):
            return  # in .docx/.html/.pdf, rows of `|` are real tables rendered by the reader
        pipe_run = compile_pattern(data["pipe_run"])
        for start, _end, line in text_lines(doc):
            for m in pipe_run.finditer(line):
                s, e = start + m.start(), start + m.end()
                # A line that is nothing but the run goes entirely; otherwise only the run.
                rest = (line[: m.start()] + line[m.end() :]).strip()
                target = whole_line_span(doc, (s, e)) if not rest else (s, e)
                fix = deletion_fix(doc, [target], T("删除“|”残留", "delete the '|' run"))
                yield self.report(doc, (s, e), "pipes", n=m.group().count("|"), fix=fix)
