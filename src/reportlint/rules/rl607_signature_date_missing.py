"""RL607 signature-date-missing."""

from __future__ import annotations

from reportlint.analysis.years import deadline, effective_year, last_content_line, page_date
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.rules.base import Rule


class SignatureDateMissing(Rule):
    """The report ends without the issuing agency and date.

    A report usually closes with the agency's name and the date it was issued; the
    date shows it was published after the year ended and before the deadline
    (第四十九条). Many reports leave the date to the web page or the PDF's cover, which
    is acceptable, so this is only a note — and none at all when the page's own
    publication date came with the text (a crawler's `发布时间:`, a page's `发布日期：`, the
    page's fields under the title: `来源:… 时间:2018-01-15`, `2024年01月26日来源:…`).
    A date cut off by the page is RL610. A text
    with neither a title nor an agency name is not checked.

    Bad:
        常州市科学技术局2021年政府信息公开工作年度报告
        六、其他需要报告的事项
        本年度政府信息公开事项未收取任何费用。
    Good:
        常州市科学技术局2021年政府信息公开工作年度报告
        六、其他需要报告的事项
        本年度政府信息公开事项未收取任何费用。
        常州市科学技术局
        2022年1月20日
    """

    code = "RL607"
    name = "signature-date-missing"
    category = "period"
    severity = Severity.INFO
    summary_zh = "报告末尾没有落款日期。"
    rationale_zh = (
        "年报通常以发布机关名称和成文日期结尾，日期能说明报告是在年度结束后、期限之前发布的（条例第四十九条）。"
        "许多报告把日期放在发布网页或封面上，这是可以接受的，因此只作提示。日期被截断的情况见 RL610。"
        "既没有标题也没有机关名称的文本不检查。"
    )
    messages = {
        "none": T(
            "报告末尾没有落款（发布机关和日期）；如发布页面未注明日期，请在文末写上“{agency}”和发布日期（{first}至{last}之间）",
            "the report ends without a signature (agency and date); unless the publishing page gives the date, "
            "end the report with '{agency}' and the date of issue (between {first} and {last})",
        ),
        "no_date": T(
            "落款只有机关名称“{agency}”，没有日期；请在其下写上发布日期（{first}至{last}之间）",
            "the signature names the agency ('{agency}') but has no date; add the date of issue below it "
            "(between {first} and {last})",
        ),
    }

    def check(self, doc):
        m = doc.meta
        year = effective_year(doc)
        if year is None or m.signed_on is not None or m.signature_truncated:
            return
        if page_date(doc) is not None:
            return  # the publishing page gives the date (`发布时间: …`): the report is dated
        if not m.title and not m.agency:
            return  # neither title nor agency: not recognisably a report (notes, a README…)
        due = deadline(doc)
        first = f"{year + 1}年1月1日"
        last = f"{due[0].year}年{due[0].month}月{due[0].day}日"
        if m.signature_agency and m.signature_agency_span:
            yield self.report(
                doc, m.signature_agency_span, "no_date", agency=m.signature_agency, first=first, last=last
            )
            return
        agency = m.agency or "本机关名称"
        yield self.report(doc, last_content_line(doc), "none", agency=agency, first=first, last=last)
