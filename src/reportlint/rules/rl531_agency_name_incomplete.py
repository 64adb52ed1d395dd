"""RL531 agency-name-incomplete."""

from __future__ import annotations

from reportlint.analysis.agency_names import (
    NAME_SOURCES,
    admin_suffixes,
    ends_with_admin,
    own_names,
    relation,
    split_place,
)
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.rules.base import Rule


class AgencyNameIncomplete(Rule):
    """The agency's name in the title or signature lacks the place the other gives.

    The title, the sentence saying who compiled the report (``由XX编制``) and the
    signature name the same agency, and the title and signature must give its full
    name. ``区科技局`` in the title of a report signed ``台儿庄区科技局`` does not say
    which district: a reader of the title alone cannot tell whose report it is.
    Only a name without a place of its own (``区科技局``, ``科技局``) is reported: one
    that names its own place but not the superior one (``运河街道办事处`` for
    ``台儿庄区运河街道办事处``), abbreviations that keep the place (``常州市科技局`` for
    ``常州市科学技术局``) and units of the agency (``淮安市人民政府办公室`` compiling the
    government's report) are fine.

    Bad:
        区科技局2021年政府信息公开工作年度报告
        ……
        台儿庄区科技局
        2022年1月28日
    Good:
        台儿庄区科技局2021年政府信息公开工作年度报告
        ……
        台儿庄区科技局
        2022年1月28日
    """

    code = "RL531"
    name = "agency-name-incomplete"
    category = "consistency"
    severity = Severity.WARNING
    summary_zh = "标题或落款中的机关名称缺少另一处写明的地名，不完整。"
    rationale_zh = (
        "标题、编制说明（“由XX编制”）和落款指的是同一机关，标题和落款应写全称。落款为“台儿庄区科技局”的报告，"
        "标题只写“区科技局”，没有说明是哪个区，只看标题无法判断是谁的报告。只报告本身不含地名的名称"
        "（“区科技局”“科技局”）；写了本级地名、只省略上级地名的（“运河街道办事处”之于“台儿庄区运河街道办事处”）、"
        "保留地名的简称（“常州市科技局”之于“常州市科学技术局”）和机关内设机构（由“淮安市人民政府办公室”编制政府年报）不报告。"
    )
    messages = {
        "incomplete": T(
            "{where}中的机关名称“{short}”不完整，{other}为“{full}”；请在{where}中写全称“{full}”",
            "the agency name '{short}' in {where_en} is incomplete ({other_en} says '{full}'); "
            "write the full name '{full}' in {where_en}",
        ),
    }

    def check(self, doc):
        names = own_names(doc)
        full = names.canonical
        if not full:
            return
        source_of_full = next((r for r in names.refs if r.name == full), None)
        for r in names.refs:
            if r.source == "compiled" or relation(r.name, full) != "shorter":
                continue
            place, _func = split_place(r.name)
            if place not in admin_suffixes() and place:
                continue  # `运河街道办事处` for `台儿庄区运河街道办事处`: its own place is named
            if not place and ends_with_admin(r.name) and r.name not in admin_suffixes():
                continue  # `建新镇` for `遂溪县建新镇人民政府`: the name is its own place
            other = source_of_full.source if source_of_full else "signature"
            yield self.report(
                doc,
                r.span,
                "incomplete",
                short=r.name,
                full=full,
                where=NAME_SOURCES[r.source][0],
                where_en=NAME_SOURCES[r.source][1],
                other=NAME_SOURCES[other][0],
                other_en=NAME_SOURCES[other][1],
            )
