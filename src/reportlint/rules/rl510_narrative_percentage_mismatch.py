"""RL510 narrative-percentage-mismatch."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from reportlint.analysis import narrative_sums
from reportlint.analysis.reconcile import fmt
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.rules.base import Rule


def _pct(value: Fraction, places: int) -> str:
    shown = narrative_sums.rounded(value, max(places, 2), "half_up")
    return fmt(shown)


def _written(value: Fraction, places: int) -> str:
    """``value`` with exactly ``places`` decimals (``25.80``)."""
    return f"{Decimal(value.numerator) / Decimal(value.denominator):.{places}f}"


class NarrativePercentageMismatch(Rule):
    """A share the text states (``占25%``) is not the count divided by its total.

    When the narrative gives a count and its share of a total in one passage
    (``受理申请120件，其中予以公开30件，占25%``), the share must be count / total, rounded
    to the decimal places written (rounding half up and cutting the digits off are both
    accepted). Where the count restates table 三 (``予以公开22件，占31.4%``) and the
    passage names no total, the share is checked against the table's figures of the whole
    — （七）总计, row 一, or rows 一 + 二 — and agrees with any one of them. A set of shares
    that divides one whole must add up to about 100%. Approximate figures (``约占``,
    ``1200余条``) and shares of a named other whole (``占办结总数的``) are not checked.

    Bad:
        全年受理政府信息公开申请120件，其中予以公开30件，占20%。
    Good:
        全年受理政府信息公开申请120件，其中予以公开30件，占25%。
    """

    code = "RL510"
    name = "narrative-percentage-mismatch"
    category = "arithmetic"
    severity = Severity.WARNING
    summary_zh = "正文所写的占比（“占X%”）与数字和总数算出的比例不符，或各项占比合计不是100%。"
    rationale_zh = (
        "正文在同一处写出某项数字及其占总数的比例时（“受理申请120件，其中予以公开30件，占25%”），比例应等于该数除以总数，"
        "并按所写的小数位数取舍（四舍五入或直接截断都认可）。若该数字复述表三（“予以公开22件，占31.4%”）而上下文没有写出总数，"
        "就与表三的总数——（七）总计、第一项或第一项加第二项——比对，与其中任何一个相符即可。"
        "构成同一总体的各项占比之和应约为100%。约数（“约占”“1200余条”）和指明另一总体的比例（“占办结总数的”）不比对。"
    )
    messages = {
        "share": T(
            "正文“{quote}”：{count}{unit}占总数 {whole}{unit}的 {exact}%，不是 {stated}；请改为 {expected}，"
            "或核对数字和总数",
            "the text '{quote}': {count} of the total {whole} is {exact}%, not {stated}; write {expected},"
            " or check the count and the total",
        ),
        "share_table": T(
            "正文“{quote}”：{count}{unit}占{whole_name} {whole}{unit}的 {exact}%，不是 {stated}，"
            "按表三第一项或第一项加第二项算也不符；请改为 {expected}，或核对数字",
            "the text '{quote}': {count} is {exact}% of {whole_name_en} ({whole}), not {stated}, nor the share"
            " of row 1 or rows 1 + 2 of table 3; write {expected}, or check the numbers",
        ),
        "share_sum": T(
            "正文“{quote}”：这些构成同一总体的占比合计 {sum}%，不是100%；请改正有误的比例，使合计约为100%",
            "the text '{quote}': these shares of one whole add up to {sum}%, not 100%; correct the wrong share so"
            " that they add up to about 100%",
        ),
    }

    def check(self, doc):
        for p in narrative_sums.share_problems(doc):
            share = p.share
            sent = share.sentence
            if p.kind == "share_sum":
                assert p.shares_sum is not None
                yield self.report(
                    doc,
                    share.span(doc),
                    "share_sum",
                    data={"shares": [x.raw for x in p.shares], "sum": fmt(p.shares_sum)},
                    quote=p.quote,
                    sum=fmt(p.shares_sum),
                )
                continue
            assert p.count is not None and p.whole is not None and p.exact is not None and p.count_quantity is not None
            q = p.count_quantity
            a = q.start
            while a > 0 and sent.text[a - 1] not in "，,；;。：:":
                a -= 1
            quote = sent.text[a : narrative_sums.quote_end(sent.text, share.end)]
            quote = quote if len(quote) <= 40 else "…" + quote[-39:]
            expected = narrative_sums.rounded(p.exact, share.places, "half_up")
            params = {
                "quote": quote,
                "count": fmt(p.count),
                "unit": q.unit,
                "whole": fmt(p.whole),
                "exact": _pct(p.exact, share.places),
                "stated": share.raw,
                "expected": _written(expected, share.places) + "%",
            }
            data = {"count": fmt(p.count), "whole": fmt(p.whole), "stated": share.raw, "expected": params["expected"]}
            if p.kind == "share_table":
                name = p.whole_name
                assert name is not None
                params.update(whole_name=name.zh, whole_name_en=name.en)
            yield self.report(doc, share.span(doc), p.kind, data=data, **params)
