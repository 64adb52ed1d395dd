"""RL102 missing-section."""

from __future__ import annotations

from reportlint.analysis import outline
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.rules.base import Rule


class MissingSection(Rule):
    """A section the report's format requires is missing.

    Reports from 2019 on have six required sections, in this order (第五十条 of the
    Regulation; 国办公开办函〔2019〕60号 and 〔2021〕30号): 一、总体情况 · 二、主动公开政府
    信息情况 · 三、收到和处理政府信息公开申请情况 · 四、政府信息公开行政复议、行政诉讼情况 ·
    五、存在的主要问题及改进情况 · 六、其他需要报告的事项. Reports for 2018 and earlier are
    judged by the outline of the 2008 Regulation (主动公开 / 依申请公开 / 收费及减免 /
    行政复议、行政诉讼 / 问题及改进), never by the 2021 one. A heading replaced by a table
    caption counts as present (see RL104). The finding points at the neighbouring section
    the missing one belongs next to.

    Bad:
        常熟市科学技术局2021年政府信息公开工作年度报告
        一、总体情况
        ……
        二、主动公开政府信息情况
        ……
        三、收到和处理政府信息公开申请情况
        ……
        四、政府信息公开行政复议、行政诉讼情况
        ……
        五、存在的主要问题及改进情况
        存在的主要问题是对群众的咨询回复不够迅速……
        常熟市科学技术局
    Good:
        常熟市科学技术局2021年政府信息公开工作年度报告
        一、总体情况
        ……
        二、主动公开政府信息情况
        ……
        三、收到和处理政府信息公开申请情况
        ……
        四、政府信息公开行政复议、行政诉讼情况
        ……
        五、存在的主要问题及改进情况
        存在的主要问题是对群众的咨询回复不够迅速……
        六、其他需要报告的事项
        本年度未收取信息处理费，无其他需要报告的事项。
        常熟市科学技术局
    """

    code = "RL102"
    name = "missing-section"
    category = "structure"
    severity = Severity.ERROR
    summary_zh = "缺少报告格式要求的部分。"
    rationale_zh = (
        "2019年度起的年度报告必须依次包括六个部分（条例第五十条；国办公开办函〔2019〕60号、〔2021〕30号）："
        "一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；"
        "四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。"
        "2018年度及以前的报告按2008年条例的提纲（主动公开、依申请公开、收费及减免、行政复议和行政诉讼、"
        "问题及改进）检查，不按2021年格式要求。被表格标题代替的标题算作存在（见 RL104）。"
        "提示位置为缺少部分应当相邻的那个部分。"
    )
    messages = {
        "missing": T(
            "缺少“{heading}”部分；请在“{neighbour}”{where_zh}补上这一部分{extra_zh}",
            "section '{heading}' is missing; add it {where_en} '{neighbour}'{extra_en}",
        ),
        "missing_alone": T(
            "缺少“{heading}”部分；请补上这一部分{extra_zh}",
            "section '{heading}' is missing; add it{extra_en}",
        ),
        "none": T(
            "报告中找不到任何部分标题；请按格式分为{n}个部分：{headings}",
            "no section headings found; divide the report into the {n} parts of its format: {headings}",
        ),
        "missing_old": T(
            "缺少“{heading}”部分（2008年条例第三十二条要求报告的内容）；请在“{neighbour}”{where_zh}补上",
            "section '{heading}' is missing (content required by article 32 of the 2008 Regulation); "
            "add it {where_en} '{neighbour}'",
        ),
    }

    def check(self, doc):
        fmt = outline.report_format(doc)
        required = outline.required_keys(fmt)
        if not required:
            return
        name = outline.outline_name(fmt)
        order = [e.key for e in outline.outline(name)]
        present = {s.key for s in doc.sections}
        if not present:  # with some heading found (`一、概述` only), each missing one is named
            headings = "；".join(outline.heading_label(outline.official(k)) for k in required)
            yield self.report(doc, None, "none", n=len(required), headings=headings)
            return
        tables = outline.data()["section_tables"]
        for key in required:
            if key in present:
                continue
            entry = outline.official(key)
            heading = outline.heading_label(entry)
            span, neighbour, where = outline.where_missing(doc, key, order)
            where_zh = "之前" if where == "before" else "之后"
            where_en = "before" if where == "before" else "after"
            if fmt == "pre2019":
                if neighbour is None:
                    yield self.report(doc, span, "missing_alone", heading=heading, extra_zh="", extra_en="")
                else:
                    yield self.report(
                        doc,
                        span,
                        "missing_old",
                        heading=heading,
                        neighbour=neighbour,
                        where_zh=where_zh,
                        where_en=where_en,
                    )
                continue
            extra_zh, extra_en = [], []
            if key in tables:
                extra_zh.append("，连同其统计表")
                extra_en.append(", with its statistical table")
            if key == "other" and fmt == "2021":
                extra_zh.append("，并在其中说明信息处理费的收取情况（未收取也要写明）")
                extra_en.append(", stating the information processing fees charged (say so if none)")
            if doc.meta.outline_keys and key not in doc.meta.outline_keys:
                extra_zh.append("；开头“全文包括…”一句也要列出这一部分")
                extra_en.append("; also list it in the opening sentence naming the parts")
            params = dict(heading=heading, extra_zh="".join(extra_zh), extra_en="".join(extra_en))
            if neighbour is None:
                yield self.report(doc, span, "missing_alone", **params)
            else:
                yield self.report(
                    doc, span, "missing", neighbour=neighbour, where_zh=where_zh, where_en=where_en, **params
                )
