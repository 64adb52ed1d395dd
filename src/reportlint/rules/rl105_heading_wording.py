"""RL105 heading-wording."""

from __future__ import annotations

from reportlint.analysis import outline
from reportlint.core.diagnostics import Edit, Fix, Severity
from reportlint.core.i18n import T
from reportlint.rules.base import Rule


class HeadingWording(Rule):
    """A section heading does not use the official wording.

    The 2019 and 2021 formats fix the wording of the six headings. Shortened or
    home-made headings (``四、复议和诉讼情况``) make reports harder to compare and to
    check automatically; the message gives the official wording and the fix writes it
    (text files only). Variants seen in many real reports and accepted by reviewers
    (``四、因政府信息公开工作被申请行政复议、提起行政诉讼情况``,
    ``五、存在的主要问题和改进措施`` …) pass; set ``report_variants: true`` to get an
    informational note for them too. Reports for 2018 and earlier had no fixed wording
    and are not checked.

    Bad:
        常熟市科学技术局2021年政府信息公开工作年度报告
        四、复议和诉讼情况
    Good:
        常熟市科学技术局2021年政府信息公开工作年度报告
        四、政府信息公开行政复议、行政诉讼情况
    """

    code = "RL105"
    name = "heading-wording"
    category = "structure"
    severity = Severity.WARNING
    options = {"report_variants": False}
    summary_zh = "部分标题不是规定的写法。"
    rationale_zh = (
        "2019年和2021年格式规定了六个部分标题的写法。随意缩写或自拟的标题（如“四、复议和诉讼情况”）"
        "不便于比较和自动检查；提示信息给出规定写法，自动修复会改成规定写法（仅限文本文件）。"
        "实际报告中常见且被认可的写法（如“四、因政府信息公开工作被申请行政复议、提起行政诉讼情况”"
        "“五、存在的主要问题和改进措施”）不报告；设置 report_variants: true 可对这些写法给出提示。"
        "2018年度及以前的报告没有固定写法，不检查。"
    )
    messages = {
        "unofficial": T(
            "标题“{written}”不是规定的写法；请改为“{official}”",
            "the heading '{written}' is not the official wording; change it to '{official}'",
        ),
        "variant": T(
            "标题“{written}”是常见的变体写法，规定写法为“{official}”",
            "the heading '{written}' is an accepted variant; the official wording is '{official}'",
        ),
    }

    def check(self, doc):
        fmt = outline.report_format(doc)
        if fmt not in outline.CURRENT_FORMATS:
            return
        for sec in doc.sections:
            if sec.variant == "unofficial":
                key, severity = "unofficial", None
            elif sec.variant == "variant" and self.opts.get("report_variants"):
                key, severity = "variant", Severity.INFO
            else:
                continue
            span = outline.title_span(doc, sec)
            fix = None
            if key == "unofficial" and doc.extracted.editable and span[0] < span[1]:
                fix = Fix(
                    T("改为规定的标题", "use the official heading"),
                    (Edit(span[0], span[1], sec.official_title),),
                )
            yield self.report(
                doc,
                sec.heading_span,
                key,
                written=outline.written_heading(doc, sec),
                official=outline.heading_label(sec),
                fix=fix,
                severity=severity,
                data={"official": sec.official_title},
            )
