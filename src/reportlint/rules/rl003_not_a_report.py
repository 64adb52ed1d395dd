"""RL003 not-a-report."""

from __future__ import annotations

from reportlint.core import pattern_store
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.rules.base import Rule


def not_a_report_because(doc) -> str | None:
    """Why ``doc`` is plainly not an annual report, or None when it may be one.

    "not_report": no report title, none of the sections, none of the tables, no
    outline sentence and none of the report's words (``rules/report_markers.yaml``);
    any one sign keeps it a report. "other_document": none of the sections and none
    of the tables, and plainly another document about reports even if it names them
    (a notice on compiling them, news of a meeting or a press story, rules in
    articles: ``rules/report_markers.yaml`` ``other_documents``). "not_chinese": no
    report title and most of its letters are not Chinese — a README or notes *about*
    reports, which may quote headings and words of one (every real report is almost
    all Chinese characters)."""
    from reportlint.core import ruledata

    if any(note.kind == "no-text-layer" for note in doc.extracted.notes):
        return None  # a scan: RL001 says why nothing can be checked
    text = doc.view.text
    if not text.strip():
        return None  # an empty file is reported as such by the report rules
    meta = doc.meta
    data = ruledata.load("report_markers")
    head = text[: int(data.get("scan_chars", 20000))]
    if not (meta.title or meta.page_title) and _chinese_share(head) < float(data.get("min_chinese_share", 0.5)):
        return "not_chinese"
    if doc.sections or any(table is not None for table in doc.tables.values()):
        return None
    if _other_document(head, data.get("other_documents")) is not None:
        return "other_document"
    if meta.title or meta.page_title or meta.outline_keys:
        return None
    return None if any(word in head for word in data["words"]) else "not_report"


def other_document_line(doc) -> tuple[int, int] | None:
    """Span in the view of the line that shows ``doc`` is another document about reports
    (a notice, a meeting's news, articles of rules), or None."""
    from reportlint.core import ruledata

    data = ruledata.load("report_markers")
    return _other_document(doc.view.text[: int(data.get("scan_chars", 20000))], data.get("other_documents"))


def _other_document(head: str, data) -> tuple[int, int] | None:
    """The line (span) naming a notice, circular, meeting or rules about reports, the
    first of the article lines of rules or a law, or a journalist's byline; None when
    there is none."""
    if not data:
        return None
    heading = pattern_store.compile(data["heading"])
    article = pattern_store.compile(data["article_line"])
    max_chars = int(data.get("max_line_chars", 100))
    articles: list[tuple[int, int]] = []
    seen = 0
    pos = 0
    for line in head.split("\n"):
        start, pos = pos, pos + len(line) + 1
        stripped = line.strip(" \t\u3000|#*")
        if not stripped:
            continue
        seen += 1
        if seen > int(data.get("scan_lines", 15)):
            break
        if article.match(line):
            articles.append((start, start + len(line)))
            if len(articles) >= int(data.get("article_lines_min", 2)):
                return articles[0]
            continue
        if len(stripped) <= max_chars and not stripped.endswith("。") and heading.search(stripped):
            lead = line.index(stripped)
            return start + lead, start + lead + len(stripped)
    byline = pattern_store.compile(data["byline"]) if data.get("byline") else None
    m = byline.search(head) if byline is not None else None
    return m.span() if m is not None else None


def _chinese_share(text: str) -> float:
    """Chinese characters among the letters of ``text`` (1.0 when it has no letters)."""
    chinese = sum(1 for ch in text if "\u3400" <= ch <= "\u9fff")
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    return chinese / (chinese + latin) if chinese + latin else 1.0


class NotAReport(Rule):
    """The file is not an annual report, so it was not checked as one.

    A README, a notice or a list of links kept in a folder of reports has no report
    title, none of the six parts and none of the tables. Checking it as a report
    would give a dozen findings that mean nothing and fail the run; instead it gets
    this one note and passes. Use ``--force-report`` (or ``force-report: true`` in
    the configuration) to check such a file as a report anyway, or ``exclude`` it.

    Bad:
        README.md — "# reportlint / A linter… / ## Install" in a folder of reports.
    Good:
        淮安市人民政府2024年政府信息公开工作年度报告.docx
    """

    code = "RL003"
    screens_document = True  # run first; its note replaces every other finding (rules/base.py)
    name = "not-a-report"
    category = "structure"
    severity = Severity.INFO
    summary_zh = "文件不是政府信息公开工作年度报告，未按报告检查。"
    rationale_zh = (
        "与报告放在同一目录的说明文件、通知或链接列表没有报告标题、没有任何一个部分，也没有表格。"
        "按报告检查只会得到十几条没有意义的问题并使检查失败；因此只给出这一条提示，不计为失败。"
        "如确需按报告检查，请加 --force-report（或在配置中写 force-report: true），不需要时可用 exclude 排除。"
    )
    messages = {
        "not_report": T(
            "此文件不像政府信息公开工作年度报告（没有报告标题、没有任何部分、没有表格），未按报告检查；"
            "如确是报告，请加 --force-report（或配置 force-report: true）再检查",
            "this file does not look like an annual report (no report title, none of the sections, no tables), "
            "so it was not checked as one; if it is a report, check it with --force-report "
            "(or force-report: true in the configuration)",
        ),
        "other_document": T(
            "此文件像是关于年度报告的通知、通报、新闻报道、会议消息或制度条文，不是政府信息公开工作年度报告（没有任何部分、"
            "没有表格），未按报告检查；如确是报告，请加 --force-report（或配置 force-report: true）再检查",
            "this file looks like a notice, circular, news story, meeting news or rules about annual reports, not an annual "
            "report (none of the sections, no tables), so it was not checked as one; if it is a report, check it "
            "with --force-report (or force-report: true in the configuration)",
        ),
        "not_chinese": T(
            "此文件不像政府信息公开工作年度报告（没有报告标题，大部分文字不是中文，像是关于报告的说明文件），"
            "未按报告检查；如确是报告，请加 --force-report（或配置 force-report: true）再检查",
            "this file does not look like an annual report (no report title, and most of its text is not "
            "Chinese: notes about reports?), so it was not checked as one; if it is a report, check it with "
            "--force-report (or force-report: true in the configuration)",
        ),
    }

    def check(self, doc):
        why = not_a_report_because(doc)
        if why is not None:
            span = None
            if why == "other_document":
                line = other_document_line(doc)
                span = doc.view.to_source(*line) if line is not None else None
            yield self.report(doc, span, why)
