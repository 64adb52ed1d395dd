"""RL801 web-page-debris."""

from __future__ import annotations

from reportlint.analysis.lines import (
    compile_pattern,
    deletion_fix,
    start_class,
    text_lines,
    whole_line_span,
)
from reportlint.analysis.page_chrome import chrome_lines
from reportlint.core import ruledata
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.document.page_meta import in_page
from reportlint.rules.base import Rule

# A debris line longer than this holds report text too (a page copied as one line):
# it is reported, but no fix deletes the whole line.
_MAX_DELETED_LINE = 200
# What separates page elements on their line: blanks, and the `|` between links.
_BLANKS = " \t\u3000|"


class WebPageDebris(Rule):
    """Web-page chrome copied into the report text.

    Text copied out of a web CMS brings the page around the report with it:
    breadcrumbs (`当前位置：首页 > 政务公开 > …`, `首页 >> …`), the page's fields
    (`发布时间：… 来源：… 作者：… 浏览次数：…`, also spaced out, `索 引 号`, or as a list,
    `• 来源：…`), font-size switches (`字体：【大 中 小】`, `[ 大 中 小 ]`), read-aloud,
    copy, share, print, close, 纠错 and 收藏 buttons, `附件下载`, "previous/next article" links,
    "scan with your phone", the site's footer (`版权所有`, `ICP备…`, `技术支持：…`) and the
    borders of layout tables as long runs of ``|``. None of it belongs to the report;
    readers and reviewers stumble on it. Each run of page elements — the lines above the
    report, the lines below it, a cluster on the report's own line (a page copied as one
    line: `当前位置：… 微信 微博 QQ空间 全真版 文字版 --> 根据…`, `…情况。 附件下载`) — is one
    finding, and its fix deletes exactly the page elements and the blanks and blank lines
    between them, never the report text. The page's own fields in it (来源, 时间) are
    recorded as the page's metadata, and a crawler's header is not debris. Words the
    report uses itself stay: `资金来源：`, a `联系电话：` line, `版权所有` in a sentence.

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
        "从网站后台复制出来的文字会把页面本身一起带进来：当前位置导航、发布时间/来源/浏览次数等页面字段、"
        "字号切换、分享/打印/关闭/纠错/收藏按钮、附件下载、上一篇/下一篇链接、“扫一扫”、网站页脚（版权所有、ICP备案号、"
        "技术支持），以及排版表格留下的一长串“|”。这些都不是报告内容，会干扰阅读和审核。每一处连续的页面元素报告一次，"
        "自动修复只删除这些残留，保留报告正文。"
    )
    messages = {
        "cluster": T(
            "网页残留（{labels}）：{text}；请删除这些页面元素",
            "web-page debris ({labels}): {text}; delete these page elements",
        ),
        "line": T("网页残留“{label}”：{text}；请删除这一行", "web-page debris ({label}): {text}; delete this line"),
        "lines": T(
            "网页残留（{labels}）：从“{text}”起连续 {n} 行；请删除这些行",
            "web-page debris ({labels}): {n} lines from '{text}'; delete these lines",
        ),
        "pipes": T(
            "排版表格残留：{n} 个连续的“|”；请删除",
            "layout-table debris: a run of {n} '|' characters; delete it",
        ),
    }

    def check(self, doc):
        data = ruledata.load("debris")
        for span, labels, spans in doc.meta.page_debris:
            shown = _shown(" ".join(doc.text[a:b] for a, b in spans), 60)
            fix = deletion_fix(doc, _with_blanks(doc.text, spans), T("删除网页残留", "delete the page debris"))
            yield self.report(doc, span, "cluster", labels="、".join(labels), text=shown, fix=fix)
        yield from self._debris_lines(doc)
        if doc.extracted.kind not in ("text", "markdown"):
            return  # in .docx/.html/.pdf, rows of `|` are real tables rendered by the reader
        pipe_run = compile_pattern(data["pipe_run"])
        starts = start_class(pipe_run)
        if starts is not None and starts.search(doc.text) is None:
            return  # not one character a run can begin with: no line to look at
        for start, _end, line in text_lines(doc):
            if starts is not None and starts.search(line) is None:
                continue
            if in_page(doc, start, _end):
                continue
            for m in pipe_run.finditer(line):
                s, e = start + m.start(), start + m.end()
                # A line that is nothing but the run goes entirely; otherwise only the run.
                rest = (line[: m.start()] + line[m.end() :]).strip()
                target = whole_line_span(doc, (s, e)) if not rest else (s, e)
                fix = deletion_fix(doc, [target], T("删除“|”残留", "delete the '|' run"))
                yield self.report(doc, (s, e), "pipes", n=m.group().count("|"), fix=fix)

    def _debris_lines(self, doc):
        """Lines of chrome inside the text (the page's own head and tail runs are
        clusters of page_meta): consecutive ones, blank lines between allowed, are one
        block and one finding."""
        blocks: list[list[tuple[int, int, str]]] = []  # (text start, text end, label) per line
        for s, e, label in chrome_lines(doc):
            if blocks and not doc.text[blocks[-1][-1][1] : s].strip():  # the next line, blanks between
                blocks[-1].append((s, e, label))
            else:
                blocks.append([(s, e, label)])
        for block in blocks:
            labels: list[str] = []
            for _s, _e, label in block:
                if label not in labels:
                    labels.append(label)
            span = (block[0][0], block[-1][1])
            deletable = all(e - s <= _MAX_DELETED_LINE for s, e, _label in block)
            fix = (
                deletion_fix(
                    doc,
                    _merge([whole_line_span(doc, (s, e)) for s, e, _label in block]),
                    T("删除网页残留行", "delete the debris lines"),
                )
                if deletable
                else None
            )
            first = _shown(doc.text[block[0][0] : block[0][1]], 40)
            if len(block) == 1:
                yield self.report(doc, span, "line", label=labels[0], text=first, fix=fix)
            else:
                yield self.report(doc, span, "lines", labels="、".join(labels), text=first, n=len(block), fix=fix)


def _merge(spans: list) -> list:
    out: list = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


def _shown(text: str, limit: int) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + "…"


def _with_blanks(text: str, spans) -> list:
    """Each token with the blanks after it (before it, at a line end), so that deleting
    them leaves the report text as it would read without the page. Tokens with nothing
    but blanks between them (blank lines too) are deleted as one region, whole lines
    with their line break."""
    out = []
    for a, b in spans:
        e = b
        while e < len(text) and text[e] in _BLANKS:
            e += 1
        out.append((a, e))
    merged: list = []
    for a, e in sorted(out):
        # tokens with only blanks, `|` or blank lines between them go as one region
        if merged and not text[merged[-1][1] : a].strip(_BLANKS + "\r\n"):
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((a, e))
    for i, (a, e) in enumerate(merged):
        if e == len(text) or text[e] == "\n":  # at a line end: take the blanks before it instead
            while a > 0 and text[a - 1] in _BLANKS:
                a -= 1
            if a == 0 or text[a - 1] == "\n":  # the whole line: delete it with its line break
                a, e = (a, e + 1) if e < len(text) else (max(0, a - 1), e)
            merged[i] = (a, e)
    return merged
