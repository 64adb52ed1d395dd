"""RL522 narrative-copied-from-last-year."""

from __future__ import annotations

from reportlint.analysis import crossyear

from reportlint.analysis import narrative
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.rules.base import Rule


class NarrativeCopiedFromLastYear(Rule):
    """The narrative is largely last year's text with only the years changed.

    Sentences of this year's narrative are compared with last year's after masking
    years and numbers; when most of the text (by characters, ``threshold``, default
    80 %) is the same word for word, the report was copied and re-dated rather than
    written — 问题及改进 and 总体情况 must describe this year's work. Short sentences and
    boilerplate every report repeats (统计期限, contact details) are left out. Last
    year's report comes from ``--previous FILE`` or is found in the same folder.
    The ``previous`` option names last year's report (a path) when neither applies.

    Bad:
        2021 年：一是公开内容需要进一步深化……
        2022 年：一是公开内容需要进一步深化……
    Good:
        2021 年：一是公开内容需要进一步深化……
        2022 年：针对去年提出的公开内容深化问题，今年新增……
    """

    code = "RL522"
    name = "narrative-copied-from-last-year"
    category = "consistency"
    severity = Severity.WARNING
    options = {"previous": "", "threshold": 0.8, "min_sentences": 5}
    needs_previous = True
    summary_zh = "正文与上一年度报告基本相同，只改了年份。"
    rationale_zh = (
        "把本年正文的句子与上一年度报告逐句比较（年份和数字不计）；若大部分文字（按字数，默认 80%，选项 threshold）"
        "一字不差，说明报告是照搬上年再改年份，而不是据实撰写——总体情况、存在的主要问题及改进情况应写本年的工作。"
        "过短的句子和每份报告都有的套话（统计期限、联系方式）不计。上一年度报告由 --previous 指定，或在同一文件夹中自动查找；选项 previous 可指定上一年度报告的路径。"
    )
    messages = {
        "copied": T(
            "正文与上一年度报告（{previous}）基本相同：{copied}/{total} 句（按字数 {percent}%）除年份、数字外一字不差，"
            "第一句是“{first}”；请按本年度的实际工作重写正文",
            "the narrative is largely last year's ({previous}): {copied} of {total} sentences ({percent}% of the"
            " text) are identical apart from years and numbers, the first being '{first}'; rewrite the narrative"
            " for this year's work",
        )
    }

    def check(self, doc):
        prev = crossyear.previous_of(doc, self.opts.get("previous"))
        if prev is None:
            return
        copy = narrative.data().get("copy") or {}
        result = crossyear.copied_narrative(
            doc, prev, int(copy.get("min_chars", 15)), tuple(copy.get("boilerplate") or ())
        )
        threshold = float(self.opts.get("threshold", 0.8))
        if result.total < int(self.opts.get("min_sentences", 5)) or float(result.share) < threshold:
            return
        first = result.first.text if result.first is not None else ""
        if len(first) > 30:
            first = first[:29] + "…"
        percent = int(float(result.share) * 100)
        yield self.report(
            doc,
            None,
            "copied",
            data={"share": round(float(result.share), 3), "copied": result.copied, "total": result.total,
                  "previous": prev.path},
            previous=prev.path,
            copied=result.copied,
            total=result.total,
            percent=percent,
            first=first,
        )
