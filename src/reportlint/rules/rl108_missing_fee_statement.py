"""RL108 missing-fee-statement."""

from __future__ import annotations

from reportlint.analysis import outline
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.rules.base import Rule


class MissingFeeStatement(Rule):
    """Section 六 of a 2021+ report says nothing about information processing fees.

    From the 2021 report on, the format (国办公开办函〔2021〕30号) asks section 六、其他需要
    报告的事项 to state the information processing fees charged under 《政府信息公开信息
    处理费管理办法》 (国办函〔2020〕109号) — how much, or that none was charged. A
    section 六 that only says there is nothing else to report leaves that out. A
    statement anywhere in section 六 (``未收取信息处理费``, ``未收取任何费用``, ``收取信息
    处理费3940元``) or an explicit mention of 信息处理费 elsewhere in the report passes;
    an empty or bare ``无`` section 六 is RL107's.

    Bad:
        台儿庄区科技局2021年政府信息公开工作年度报告
        六、其他需要报告的事项
        本局2021年度无存在其他需要报告事项
    Good:
        台儿庄区科技局2021年政府信息公开工作年度报告
        六、其他需要报告的事项
        本年度本局未收取信息处理费，无其他需要报告的事项。
    """

    code = "RL108"
    name = "missing-fee-statement"
    category = "structure"
    severity = Severity.WARNING
    summary_zh = "2021年度起的报告第六部分没有说明信息处理费收取情况。"
    rationale_zh = (
        "2021年度起，格式（国办公开办函〔2021〕30号）要求在“六、其他需要报告的事项”中说明依据《政府信息"
        "公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费的情况——收了多少，或者没有收取。"
        "只写“无其他需要报告的事项”就漏掉了这一内容。第六部分中任何关于收费的说明（如“未收取信息处理费”"
        "“未收取任何费用”“收取信息处理费3940元”），或报告其他位置明确写到信息处理费的，都不报告；"
        "第六部分为空或只写“无”的由 RL107 报告。"
    )
    messages = {
        "missing": T(
            "“{heading}”没有说明信息处理费的收取情况；2021年度起应在这一部分写明，如“本年度未收取信息处理费”"
            "或“共收取信息处理费X元”",
            "'{heading}' does not state the information processing fees charged; from the 2021 report on state it "
            "here, e.g. '本年度未收取信息处理费' (none charged) or the amount charged",
        ),
    }

    def check(self, doc):
        if outline.report_format(doc) != "2021":
            return
        sec = doc.section("other")
        if sec is None:
            return  # RL102
        data = outline.data()
        body = outline.body_view(doc, sec)
        squeezed = outline.squeeze(body)
        if not squeezed or squeezed in set(data["empty_bodies"]):
            return  # RL107
        if any(w in body for w in data["fee_statement"]):
            return
        if any(w in doc.view.text for w in data["fee_statement_anywhere"]):
            return
        yield self.report(doc, sec.heading_span, "missing", heading=outline.written_heading(doc, sec))
