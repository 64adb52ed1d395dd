"""RL511 narrative-parts-mismatch."""

from __future__ import annotations

from reportlint.analysis import narrative_sums
from reportlint.analysis.reconcile import fmt
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.rules.base import Rule

_WHY = {
    "catch_all": T("最后一项“其他…”表明所列各项就是全部", "the last part, 'other …', makes the list the whole"),
    "partition": T("所列各项构成全部", "the parts listed make up the whole"),
    "shares": T("各项所占比例合计为100%", "the shares of the parts add up to 100%"),
}


class NarrativePartsMismatch(Rule):
    """The parts the text lists under a total do not add up to it.

    The narrative often states a total and its breakdown in one passage
    (``主动公开政府信息N条，其中…a条、…b条、…c条``). Most such lists name only some
    parts, so a sum below the total says nothing; the rule reports only what is certainly
    wrong: parts that add up to more than the total (or one part larger than it), a list
    that is the whole breakdown — its last part is ``其他…``, its parts are a known
    partition (自然人 / 法人或其他组织), or their shares add up to 100% — and does not add
    up, and a total written in 万 whose parts add up to the number without 万
    (``173769万条``: the unit is wrong). When another reading of the whole holds the
    parts (an earlier figure of the same sentence, or the figures before ``其中``
    together), nothing is said.

    Bad:
        全年共公布政府信息2599条，其中机构职能类信息25条，政策文件类信息68条，其他信息856条。
    Good:
        全年共公布政府信息949条，其中机构职能类信息25条，政策文件类信息68条，其他信息856条。
    """

    code = "RL511"
    name = "narrative-parts-mismatch"
    category = "arithmetic"
    severity = Severity.WARNING
    summary_zh = "正文列出的各分项与其总数对不上（分项之和超过总数，或完整列举却不等于总数，或单位“万”用错）。"
    rationale_zh = (
        "正文常在同一处写出总数及其构成（“主动公开政府信息N条，其中……a条、……b条、……c条”）。多数“其中”只列举部分分项，"
        "分项之和小于总数并不说明有错，因此只报告确定的错误：分项之和超过总数（或某一分项大于总数）；"
        "所列分项就是全部构成（最后一项为“其他……”、分项为自然人与法人或其他组织等完整划分、或各项比例合计为100%）"
        "而其和不等于总数；总数写作“173769万条”而分项之和恰为173769（单位“万”用错）。"
        "若总数还有其他读法能容纳各分项（同句中更早的同单位数字，或“其中”之前几个数字之和），则不报告。"
    )
    messages = {
        "exceeds": T(
            "正文“{quote}”：“其中”所列各项合计 {sum}{unit}，超过总数 {total}{unit}，分项之和不能大于总数；"
            "请改正总数或有误的分项",
            "the text '{quote}': the parts listed add up to {sum} {unit}, more than the total {total} {unit}, and"
            " parts cannot add up to more than their whole; correct the total or the wrong part",
        ),
        "part_exceeds": T(
            "正文“{quote}”：分项“{label}”{part}{unit}大于总数 {total}{unit}；请改正总数或该分项",
            "the text '{quote}': the part '{label}' ({part} {unit}) is larger than the total {total} {unit};"
            " correct the total or that part",
        ),
        "mismatch": T(
            "正文“{quote}”：{why}，但各项合计 {sum}{unit}，不等于总数 {total}{unit}（相差 {diff}{unit}）；"
            "请核对：分项无误时总数应为 {sum}{unit}，否则改正有误的分项",
            "the text '{quote}': {why_en}, but they add up to {sum} {unit}, not the total {total} {unit}"
            " (a difference of {diff}); if the parts are right the total is {sum}, otherwise correct the wrong part",
        ),
        "unit": T(
            "正文“{quote}”：总数写作“{stated}”，但各分项合计 {sum}{unit}，恰为不带“{magnitude}”的数字；"
            "单位“{magnitude}{unit}”有误，请改为“{fixed}”",
            "the text '{quote}': the total is written '{stated}', but the parts add up to {sum} {unit}, the"
            " number without '{magnitude}'; the unit '{magnitude}{unit}' is wrong, write '{fixed}'",
        ),
    }

    def check(self, doc):
        for p in narrative_sums.sum_problems(doc):
            bd = p.breakdown
            total = bd.total
            params = {
                "quote": bd.quote(),
                "unit": bd.unit,
                "sum": fmt(p.parts_sum),
                "total": fmt(total.value),
            }
            data = {
                "total": fmt(total.value),
                "parts": [fmt(x.quantity.value) for x in bd.parts],
                "sum": fmt(p.parts_sum),
                "unit": bd.unit,
            }
            if p.kind == "unit":
                magnitudes = narrative_sums.data()["units"]["magnitudes"]
                magnitude = next((c for c in total.raw if c in magnitudes), "万")
                params.update(stated=total.raw, magnitude=magnitude, fixed=f"{fmt(total.written)}{bd.unit}")
            elif p.kind == "part_exceeds":
                assert p.part is not None
                params.update(label=p.part.label, part=fmt(p.part.quantity.value))
            elif p.kind == "mismatch":
                why = _WHY[p.why or "partition"]
                params.update(why=why.zh, why_en=why.en, diff=fmt(abs(p.parts_sum - total.value)))
                data["why"] = p.why
            yield self.report(doc, total.span(doc), p.kind, data=data, **params)
