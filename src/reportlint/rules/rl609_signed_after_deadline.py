"""RL609 signed-after-deadline."""

from __future__ import annotations

from reportlint.analysis.years import deadline, effective_year, issued_on, local_deadline
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.rules.base import Rule


def _cn(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


class SignedAfterDeadline(Rule):
    """The report is dated after the publication deadline for its agency.

    第四十九条: departments of people's governments at county level and above publish
    by 31 January of the following year; people's governments at county level and
    above by 31 March. Townships and sub-districts have no statutory date and in
    practice follow the departments (31 January). Under the 2008 Regulation (reports
    for 2018 and earlier) every agency had until 31 March. When the agency's kind is
    not known, 31 March is used. A late date is a late publication or a wrong date.
    Without a dated signature, the publishing page's date (a crawler's `发布时间:`, a
    page's `发布日期：`) is checked the same way. A local deadline configured for the
    agency's kind (`deadlines:` in `.reportlint.yaml`) replaces the statutory date.

    Bad:
        台儿庄区科技局2021年政府信息公开工作年度报告
        ……
        台儿庄区科技局
        2022年2月28日
    Good:
        台儿庄区科技局2021年政府信息公开工作年度报告
        ……
        台儿庄区科技局
        2022年1月28日
    """

    code = "RL609"
    name = "signed-after-deadline"
    category = "period"
    severity = Severity.WARNING
    summary_zh = "落款日期晚于该类机关的发布期限。"
    rationale_zh = (
        "条例第四十九条：县级以上人民政府部门应在每年1月31日前公布本部门上一年度的年报；县级以上人民政府"
        "应在每年3月31日前公布本级政府年报。乡镇、街道没有法定日期，实践中参照部门的1月31日。"
        "2008年条例下（2018年及以前的年报）各机关的期限均为3月31日。机关类别不明时按3月31日检查。"
        "配置文件 deadlines: 为某类机关规定了本地期限时，按本地期限检查。"
        "落款日期晚于期限，说明发布迟延或日期写错。"
    )
    messages = {
        "late_published": T(
            "发布页面注明的发布日期{date}晚于发布期限{due}（{basis}），报告正文没有落款日期；请核对：报告应在{due}前发布",
            "the publishing page dates the report {date}, after the deadline {due} ({basis_en}); the report itself "
            "has no dated signature; it was due by {due}",
        ),
        "late": T(
            "落款日期{date}晚于发布期限{due}（{basis}）；请核对：如日期有误请改为实际发布日期，否则应在{due}前发布",
            "the report is dated {date}, after the deadline {due} ({basis_en}); if the date is wrong, correct it, "
            "otherwise the report was published late (due by {due})",
        ),
    }
    _BASIS = {
        "department": ("县级以上人民政府部门", "departments of people's governments"),
        "township": ("乡镇、街道，参照部门的期限", "townships and sub-districts, following departments"),
        "government": ("县级以上人民政府", "people's governments"),
        "pre2019": ("2008年条例", "2008 Regulation"),
        "unknown": ("机关类别不明，按最晚期限", "kind of agency unknown, the latest deadline"),
    }

    def check(self, doc):
        year = effective_year(doc)
        issued = issued_on(doc)
        if year is None or issued is None:
            return
        when, source = issued
        due, basis = deadline(doc)
        if when.value <= due or when.value.year <= year:
            return
        zh, en = self._BASIS[basis]
        if local_deadline(doc, basis) is not None:  # `deadlines:` in the configuration
            zh, en = f"本地规定的期限，{zh}", f"the local deadline for {en}"
        key = "late" if source == "signature" else "late_published"
        yield self.report(doc, when.span, key, date=when.raw.strip(), due=_cn(due), basis=zh, basis_en=en)
