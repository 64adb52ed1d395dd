"""RL604 title-year-mismatch."""

from __future__ import annotations

from reportlint.analysis.years import years
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.rules.base import Rule


class TitleYearMismatch(Rule):
    """The year in the title is not the year the report itself is about.

    The title gives the report year; the statistical period and the body's own
    sentences (``2021年，我局…``) must use the same year. When the period and the
    body agree on one year and only the title says another, the title is wrong —
    usually a typo or last year's title kept. Without a period sentence, the title is
    reported when every sentence about the year's work names one other year (at least
    twice) and none names the title's year. Comparisons with other years, document
    names and ``2021年以来`` are not counted.

    Bad:
        2022年政府信息公开工作年度报告
        本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。
        2021年，我局主动公开政府信息106条。
    Good:
        2021年政府信息公开工作年度报告
        本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。
        2021年，我局主动公开政府信息106条。
    """

    code = "RL604"
    name = "title-year-mismatch"
    category = "period"
    severity = Severity.ERROR
    summary_zh = "标题中的年份与报告正文所述年度不一致。"
    rationale_zh = (
        "标题给出报告年度，统计期限和正文中记述本年工作的句子（“2021年，我局……”）应是同一年份。"
        "统计期限与正文一致、只有标题不同时，错的是标题，多为笔误或沿用了上一年的标题。没有统计期限时，"
        "若正文中记述工作的句子全部写另一个年份（至少两处）且没有一处写标题年份，也报告标题。"
        "与其他年份的比较、文件名和“2021年以来”等不计。"
    )
    messages = {
        "period": T(
            "标题年份为{title}年，但统计期限和正文记述的都是{body}年；请把标题中的“{title}年”改为“{body}年”",
            "the title says {title}, but the statistical period and the body are about {body}; "
            "change '{title}年' in the title to '{body}年'",
        ),
        "body": T(
            "标题年份为{title}年，但正文记述工作的{n}处都写{body}年、没有一处写{title}年；"
            "如报告年度是{body}年，请改正标题，否则请把正文中的“{body}年”改为“{title}年”",
            "the title says {title}, but all {n} sentences about the year's work name {body} and none names {title}; "
            "if the report is for {body}, correct the title, otherwise change '{body}年' in the body to '{title}年'",
        ),
    }

    def check(self, doc):
        y = years(doc)
        body = y.title_is_odd()
        if body is None:
            return
        span = doc.meta.year_span
        if y.period is not None or y.period_only_year is not None:
            yield self.report(doc, span, "period", title=y.title, body=body)
        else:
            yield self.report(doc, span, "body", title=y.title, body=body, n=y.record_years[body])
