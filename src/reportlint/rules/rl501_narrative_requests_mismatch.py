"""RL501 narrative-requests-mismatch."""

from __future__ import annotations

from reportlint.analysis import narrative
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.rules.base import Rule


class NarrativeRequestsMismatch(Rule):
    """A number about applications in the text disagrees with table 三.

    The narrative often restates table 三: applications received (受理/新收 — table 三
    row 一, or 一 + 二, both are accepted), carried over from last year (二), carried
    forward (四, 结转下年度/顺延), answered (办结/答复 — （七）总计), outcome counts
    (予以公开, 部分公开, 予以公开及部分公开, 不予公开 …, each block against the sum of its
    rows) and their sub-items (属于国家秘密, 本机关不掌握相关政府信息 … — each against its own
    row, also right after its block: ``无法提供18件，其中本机关不掌握相关政府信息15件``),
    outcomes listed before one number as their sum (``不予公开、无法提供共12件``), the
    applicant split (自然人/法人或其他组织), also in the sentence after the total
    (``其中自然人申请741件``, ``…；不予公开5件；``). Numbers may be written in Arabic or
    Chinese numerals (``两件``, ``十二件``). A number is only compared when its subject is clear —
    sentences about consultations, 主动公开 or other matters are left alone — and when
    the table cells it restates are filled in.

    Bad:
        淮安市人民政府2024年政府信息公开工作年度报告
        一、总体情况
        全年共受理政府信息公开申请3120件。
        三、收到和处理政府信息公开申请情况
        一、本年新收政府信息公开申请数量 | 3000 | 100 | 19 | 0 | 0 | 0 | 3119
        二、上年结转政府信息公开申请数量 | 34 | 0 | 0 | 0 | 0 | 0 | 34
    Good:
        淮安市人民政府2024年政府信息公开工作年度报告
        一、总体情况
        全年共受理政府信息公开申请3119件。
        三、收到和处理政府信息公开申请情况
        一、本年新收政府信息公开申请数量 | 3000 | 100 | 19 | 0 | 0 | 0 | 3119
        二、上年结转政府信息公开申请数量 | 34 | 0 | 0 | 0 | 0 | 0 | 34
    """

    code = "RL501"
    name = "narrative-requests-mismatch"
    category = "consistency"
    severity = Severity.WARNING
    summary_zh = "正文中关于政府信息公开申请的数字与表三不一致。"
    rationale_zh = (
        "正文常复述表三的数字：受理（新收）的申请（表三第一项，或第一项加第二项，两种算法都认可）、上年结转（第二项）、"
        "结转下年度或顺延（第四项）、办结或答复（（七）总计），以及各项办理结果（予以公开、部分公开、不予公开等，"
        "各组与其各小项之和比对）及其小项（属于国家秘密、本机关不掌握相关政府信息等，各与本行比对）；"
        "并列的几项办理结果后的一个数字（“不予公开、无法提供共12件”）与各项之和比对；申请人构成（自然人、法人或其他组织）"
        "也比对，包括写在总数后一句的（“其中自然人申请741件”“……；不予公开5件；”）。"
        "数字可用阿拉伯数字或汉字（“两件”“十二件”）。只有主语明确时才比对——关于咨询、主动公开等其他事项的句子不比对，"
        "所对应的表格单元格空白时也不比对。"
    )
    messages = {
        "mismatch": T(
            "正文“{quote}”与表三不一致：{what}，{target}为 {expected}{others}；请把正文的“{stated}”改为 {expected}，"
            "或改正表三",
            "the text '{quote}' disagrees with table 3: {what_en}: {target_en} is {expected_en}{others_en};"
            " change '{stated}' in the text to {expected_en}, or correct table 3",
        ),
        "unread": narrative.unread_message("table3"),
    }

    def check(self, doc):
        for m in narrative.mismatches(doc, ("requests",)):
            yield self.report(
                doc,
                m.statement.span(doc),
                narrative.mismatch_key(m),
                data=narrative.mismatch_data(m),
                **narrative.mismatch_params(m),
            )
