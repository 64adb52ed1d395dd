"""RL702 draft-marker."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from reportlint.analysis.lines import to_text
from reportlint.core import pattern_store, ruledata
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.core.match_starts import finder
from reportlint.document.normalize import build_view
from reportlint.rules.base import Rule

BOOK_TITLE = pattern_store.compile(r"《[^《》\n]{0,80}》")
OPEN, CLOSE = r"[(\[【〔]", r"[)\]】〕]"
MAX_FURNITURE_LABELS = 20  # a header is a line or two; more labels than this are one label repeated


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    d = ruledata.load("draft_markers")
    words = sorted(d["labels"], key=pattern_store.longest_first)
    label = "|".join([re.escape(w) for w in words] + list(d["label_patterns"]))
    remark = "|".join(re.escape(w) for w in sorted(d["remark_words"], key=pattern_store.longest_first))
    n = int(d["remark_max_chars"])
    q = int(d["question_marks_min"])
    return {
        # a label in brackets: `…年度报告（征求意见稿）`
        "bracketed": pattern_store.compile(rf"{OPEN}[ \t]*(?P<label>{label})[ \t]*{CLOSE}"),
        # a label alone on its line, in brackets or not: `征求意见稿`, `【草稿】`
        "alone": pattern_store.compile(rf"^[ \t]*(?:{OPEN}[ \t]*)?(?P<label>{label})(?:[ \t]*{CLOSE})?[ \t]*$", re.M),
        # a label ending a title (`…工作年度报告征求意见稿`, `…报告 初稿`) or starting a
        # header set off by a space (`草稿 2022年1月`)
        "title_end": pattern_store.compile(rf"(?:(?<=报告)|(?<=[ \t]))(?P<label>{label})[ \t]*$", re.M),
        "line_start": pattern_store.compile(rf"^[ \t]*(?P<label>{label})(?=[ \t|])", re.M),
        "remark": pattern_store.compile(
            rf"{OPEN}[ \t]*(?:{remark})[ \t]*(?:[:：][^()\[\]【】〔〕\n]{{0,{n}}})?{CLOSE}"
        ),
        "question_fw": pattern_store.compile(rf"？{{{q},}}"),
        "question_ascii": pattern_store.compile(rf"(?<!\?)\?{{{q},}}(?!\?)"),
        "question_any": pattern_store.compile(r"\?{2,}"),
    }


class _Protected:
    """Names of documents (《…》, sorted, not overlapping): a marker inside one is part of
    a name. A binary search per marker: a hostile text may hold 100,000 of them."""

    def __init__(self, text: str):
        spans = [m.span() for m in BOOK_TITLE.finditer(text)]
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]

    def covers(self, s: int, e: int) -> bool:
        k = bisect_right(self.starts, s) - 1
        return k >= 0 and e <= self.ends[k]


def _spans_free(s: int, e: int, protected: _Protected, labels: list) -> bool:
    """Not inside a document's name and not overlapping a label already found (labels
    are few: they are looked for only in the title lines)."""
    return not protected.covers(s, e) and not any(s < f[1] and f[0] < e for f in labels)


class DraftMarker(Rule):
    """The report is still marked as a draft, or carries a reviewer's remarks.

    A draft's label (``征求意见稿``, ``送审稿``, ``草稿``, ``初稿``, ``修改稿``, ``讨论稿``,
    ``第二稿``…) left in the published report says it was never finalised. It counts only
    as the document's own label: in brackets in the title line or ending it, on a line of
    its own right before or under the title, or in a header, footer or watermark of a
    .docx. A sentence about work done (``公开征求意见稿12件``) and names of documents
    (``《…办法（征求意见稿）》``) are not labels. Also reported anywhere, body or
    header/footer: an editor's remarks in brackets (``【批注】``, ``（待核实）``,
    ``（待补充）``) and question marks typed for a missing figure (``？？？``). Template
    placeholders to fill in (``（文字描述）``, ``20XX年``, Word's ``单击此处输入文字``) are
    RL701.

    Bad:
        某某县科学技术局2021年政府信息公开工作年度报告（征求意见稿）
        一、总体情况
        2021年，本机关共受理政府信息公开申请5件（待核实）。
    Good:
        某某县科学技术局2021年政府信息公开工作年度报告
        一、总体情况
        2021年，本机关公开征求意见稿12件，共受理政府信息公开申请5件。
    """

    code = "RL702"
    name = "draft-marker"
    category = "placeholder"
    severity = Severity.ERROR
    summary_zh = "报告仍带有草稿标记或审改批注。"
    rationale_zh = (
        "发布的报告里残留“征求意见稿”“送审稿”“草稿”“初稿”“修改稿”“讨论稿”“第二稿”等稿次标记，说明报告没有定稿。"
        "这些词只在作为文档自身的标记时才报告：在标题行的括号中或标题末尾、标题前后单独成行，"
        "或在 .docx 的页眉、页脚、水印中。记述工作的句子（“公开征求意见稿12件”）和文件名"
        "（“《……办法（征求意见稿）》”）不是标记。正文和页眉页脚中任何位置的括号审改批注"
        "（“【批注】”“（待核实）”“（待补充）”）和代替数字的问号（“？？？”）也报告。"
        "待填写的模板占位（“（文字描述）”“20XX年”、Word 的“单击此处输入文字”）见 RL701。"
    )
    messages = {
        "label": T(
            "报告标有草稿标记“{text}”，发布的报告应是定稿；请删除该标记并确认内容已定稿",
            "the report is labelled as a draft ('{text}'); a published report is final: remove the label and make "
            "sure the text is final",
        ),
        "remark": T(
            "残留审改批注“{text}”；请核实或补充相应内容后删除批注",
            "a reviewer's remark '{text}' is left in the text; check or complete what it asks for, then remove it",
        ),
        "question": T(
            "残留代替内容的问号“{text}”；请填写实际内容",
            "question marks '{text}' stand where content belongs; write the real content",
        ),
        "furniture_label": T(
            "{where_zh}中有草稿标记“{text}”，发布的报告应是定稿；请在 Word 中打开{where_zh}（或水印）删除该标记",
            "the {where_en} labels the report as a draft ('{text}'); a published report is final: open the "
            "{where_en} (or the watermark) in Word and remove the label",
        ),
        "furniture_remark": T(
            "{where_zh}中残留审改批注“{text}”；请在 Word 中打开{where_zh}，核实后删除批注",
            "the {where_en} holds a reviewer's remark '{text}'; open the {where_en} in Word, check it and remove it",
        ),
    }

    def check(self, doc):
        view = doc.view.text
        protected = _Protected(view)
        labels: list[tuple[int, int, str]] = []
        for name, a, b in _label_regions(doc, view):
            for m in _patterns()[name].finditer(view, a, b):
                s, e = m.span() if name == "bracketed" else m.span("label")
                if _spans_free(s, e, protected, labels):
                    labels.append((s, e, "label"))
        remarks = [(*m.span(), "remark") for m in _patterns()["remark"].finditer(view)]
        remarks = [r for r in remarks if _spans_free(r[0], r[1], protected, labels)]
        for s, e, key in sorted(labels + remarks):
            span = to_text(doc, s, e)
            yield self.report(doc, span, key, text=doc.text[span[0] : span[1]].strip())
        yield from self._questions(doc)
        for f in doc.extracted.furniture:
            yield from self._furniture(doc, f)

    def _questions(self, doc):
        """Question marks typed for content, as written (the view folds ``？`` to ``?``)."""
        p = _patterns()
        text = doc.text
        protected = _Protected(text)
        # (the runs of question marks are looked for only at question marks: core.match_starts)
        ascii_ok = "\ufffd" not in text and sum(1 for _ in finder(p["question_any"])(text)) <= int(
            ruledata.load("draft_markers")["ascii_question_runs_max"]
        )
        runs = list(finder(p["question_fw"])(text))
        runs += list(finder(p["question_ascii"])(text)) if ascii_ok else []
        for m in sorted(runs, key=lambda m: m.start()):
            if _spans_free(*m.span(), protected, []):
                yield self.report(doc, m.span(), "question", text=m.group())

    def _furniture(self, doc, f):
        """A header or footer: any label set off as one (bracketed, alone on its line,
        ending or starting a line), and bracketed remarks."""
        p = _patterns()
        fv = build_view(f.text)
        view = fv.text
        protected = _Protected(view)
        labels: list[tuple[int, int, str]] = []
        for name in ("bracketed", "alone", "title_end", "line_start"):
            for m in p[name].finditer(view):
                s, e = m.span() if name == "bracketed" else m.span("label")
                if _spans_free(s, e, protected, labels):
                    labels.append((s, e, "furniture_label"))
                    if len(labels) >= MAX_FURNITURE_LABELS:
                        break
        remarks = [(*m.span(), "furniture_remark") for m in p["remark"].finditer(view)]
        found = labels + [r for r in remarks if _spans_free(r[0], r[1], protected, labels)]
        where = f.where()
        span = f.anchor_span(doc.text)
        for s, e, key in sorted(found):
            a, b = fv.to_source(s, e)
            yield self.report(
                doc,
                span,
                key,
                text=f.text[a:b].strip(),
                where_zh=where.zh,
                where_en=where.en,
                data={"part": f.part, "furniture": f.kind},
            )


def _blank_free_lines(view: str) -> list[tuple[int, int]]:
    """(start, end) of every line of ``view`` with more than blanks on it."""
    lines = []
    start = 0
    for line in view.split("\n"):
        if line.strip():
            lines.append((start, start + len(line)))
        start += len(line) + 1
    return lines


def _label_regions(doc, view: str) -> list[tuple[str, int, int]]:
    """Where a draft label is the document's own, as (pattern, start, end) in the view.

    Title lines are the title the report's meta found and, among the first lines, any
    short line that names the report (``…年度报告（征求意见稿）`` is not always taken for
    the title, because of its label). In a title line a label counts in brackets, ending
    it or alone; in the few non-blank lines before and after it, alone only (a web page's
    links above the title, the first paragraph below it, may name a draft for comment in
    brackets). Without a title line: alone, in the first lines."""
    d = ruledata.load("draft_markers")
    lines = _blank_free_lines(view)
    if not lines:
        return []
    head = min(int(d["lines_without_title"]), len(lines))
    longest = int(d["title_max_chars"])
    titles: set[int] = set()
    out: list[tuple[str, int, int]] = []
    bracketed = _patterns()["bracketed"]

    def right_after(te: int, e: int) -> None:
        # a title running on into the body on one line (a crawler's export): only a
        # label in brackets right after it is the title's
        m = bracketed.match(view, te, e)
        if m is not None:
            out.append(("bracketed", te, m.end()))

    title = doc.meta.title_span
    ts = doc.view.to_view(title[0]) if title is not None else len(view)
    if title is not None and ts < len(view) and doc.view.src[ts] == title[0]:
        # (a title the view leaves out, such as a crawler's `标题:` field, has no line here)
        te = doc.view.to_view(max(title[0], title[1] - 1)) + 1
        for i, (s, e) in enumerate(lines):
            if e > ts and s < te:
                if len(view[s:e].strip()) <= longest:
                    titles.add(i)
                else:
                    right_after(te, e)
    words = pattern_store.compile("|".join(re.escape(w) for w in d["title_words"]))
    for i in range(head):
        s, e = lines[i]
        line = view[s:e].strip()
        if len(line) <= longest:
            if not line.endswith("。") and words.search(line):
                titles.add(i)
        else:
            m = words.search(view, s, s + longest)
            if m is not None:
                right_after(m.end(), e)
    if not titles:
        return [*out, ("alone", lines[0][0], lines[head - 1][1])]
    for i in sorted(titles):
        out.extend((name, lines[i][0], lines[i][1]) for name in ("bracketed", "title_end", "alone"))
        before = max(0, i - int(d["lines_before_title"]))
        if before < i:
            out.append(("alone", lines[before][0], lines[i - 1][1]))
        after = min(len(lines) - 1, i + int(d["lines_after_title"]))
        if after > i:
            out.append(("alone", lines[i + 1][0], lines[after][1]))
    return out
