"""RL109 missing-assessment."""

from __future__ import annotations

from reportlint.analysis import outline
from reportlint.core import pattern_store
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.rules.base import Rule


class MissingAssessment(Rule):
    """A people's government's report is silent on assessment, public evaluation and accountability.

    第五十条 of the Regulation adds one item for the reports of people's governments
    (…市/区/县人民政府): 工作考核、社会评议和责任追究结果情况. The 2019 and 2021 formats
    put it in 一、总体情况, usually under 监督保障. Departments and sub-districts are not
    asked for it. Real reports word it as assessment (考核、考评), evaluation (评议、评估、
    测评) or accountability (责任追究、问责); any of these in 总体情况 passes. Inspections
    of the work (检查、督查) pass where the report tells its 监督保障 (anywhere in 总体情况
    when it has no such sub-part); monitoring of websites (监测) does not. So only an
    overview that never touches the topic is reported. The agency kind comes from the
    agency name or the configuration (``report: kind:``).

    Bad:
        淮安市人民政府2024年政府信息公开工作年度报告
        一、总体情况
        （一）主动公开情况……（五）监督保障情况。我市加强组织领导，明确专人负责。
        二、主动公开政府信息情况
    Good:
        淮安市人民政府2024年政府信息公开工作年度报告
        一、总体情况
        （一）主动公开情况……（五）监督保障情况。将政务公开纳入年度绩效考核，开展社会评议1次，全年未发生责任追究情况。
        二、主动公开政府信息情况
    """

    code = "RL109"
    name = "missing-assessment"
    category = "structure"
    severity = Severity.WARNING
    summary_zh = "人民政府的报告没有报告工作考核、社会评议和责任追究结果情况。"
    rationale_zh = (
        "条例第五十条要求各级人民政府（…市/区/县人民政府）的年度报告还应包括工作考核、社会评议和责任"
        "追究结果情况；2019年和2021年格式把它放在“一、总体情况”（通常在“监督保障”中）。部门和街道"
        "不需要报告这一项。实际报告的写法有考核、考评、评议、评估、测评、评价、责任追究、问责"
        "等，总体情况中出现其中任何一种即不报告；检查、督查写在“监督保障”部分（没有这一部分时写在总体情况任何地方）"
        "也算，对网站的技术监测不算；只有完全没有涉及这一内容的才报告。机关类型取自机关名称"
        "或配置（report: kind:）。"
    )
    messages = {
        "missing": T(
            "人民政府的年度报告应报告工作考核、社会评议和责任追究结果情况（条例第五十条），“{heading}”中没有"
            "涉及；请在“监督保障”部分补充，没有开展或没有发生的也要写明",
            "a people's government's report must state the results of performance assessment, public evaluation "
            "and accountability (article 50 of the Regulation), and '{heading}' does not; add them under "
            "监督保障, and say so where there were none",
        ),
    }

    def check(self, doc):
        if doc.meta.kind != "government" or outline.report_format(doc) not in outline.CURRENT_FORMATS:
            return
        sec = doc.section("overview")
        if sec is None:
            return  # RL102
        body = outline.body_view(doc, sec)
        data = outline.data()
        if any(w in body for w in data["assessment_words"]):
            return
        part = _supervision_part(body, data.get("supervision_part") or ())
        if any(w in (body if part is None else part) for w in data.get("inspection_words") or ()):
            return
        yield self.report(doc, sec.heading_span, "missing", heading=outline.written_heading(doc, sec))


_SUB_PART = pattern_store.compile(
    r"\n[ \t#*]*[(（][一二三四五六七八九十]{1,3}[)）]|\n[ \t#*]*[一二三四五六七八九十]{1,3}[、.]"
)


def _supervision_part(body: str, markers) -> str | None:
    """The 监督保障 sub-part of the overview: from its marker to the next numbered sub-part."""
    starts = [i for i in (body.find(m) for m in markers) if i >= 0]
    if not starts:
        return None
    start = min(starts)
    nxt = _SUB_PART.search(body, start + 1)
    return body[start : nxt.start() if nxt else len(body)]
