"""RL505 narrative-table2-mismatch."""

from __future__ import annotations

from reportlint.analysis import fee_units, narrative
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.rules.base import Rule


class NarrativeTable2Mismatch(Rule):
    """A count of 规章/规范性文件 (or the fee amount) in the text disagrees with table 二.

    ``制发（印发、出台、制定、新增）规范性文件 N 件`` is table 二's 本年制发件数 of that row
    (2019 layout: 本年新制作数量 or 本年新公开数量), ``废止 N 件`` its 本年废止件数,
    ``现行有效 N 件`` its 现行有效件数; ``行政事业性收费 N 万元`` (or 元) its 本年收费金额,
    compared to the precision written. Other documents (政策性文件, 其他文件) and other
    fees (信息处理费) are not compared. A fee stated with the cell's very number in another
    unit (``3940元`` against 3940 万元) is a unit slip, reported by RL405 at the cell.

    Bad:
        淮安市人民政府2024年政府信息公开工作年度报告
        一、总体情况
        全年制发行政规范性文件9件。
        二、主动公开政府信息情况
        信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
        规章 | 0 | 0 | 0
        行政规范性文件 | 8 | 26 | 66
        信息内容 | 本年处理决定数量
        行政许可 | 35
    Good:
        淮安市人民政府2024年政府信息公开工作年度报告
        一、总体情况
        全年制发行政规范性文件8件。
        二、主动公开政府信息情况
        信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
        规章 | 0 | 0 | 0
        行政规范性文件 | 8 | 26 | 66
        信息内容 | 本年处理决定数量
        行政许可 | 35
    """

    code = "RL505"
    name = "narrative-table2-mismatch"
    category = "consistency"
    severity = Severity.WARNING
    summary_zh = "正文中规章、规范性文件件数（或行政事业性收费金额）与表二不一致。"
    rationale_zh = (
        "“制发（印发、出台、制定、新增）规范性文件 N 件”对应表二该行的本年制发件数（2019 年表式为本年新制作数量"
        "或本年新公开数量），“废止 N 件”对应本年废止件数，“现行有效 N 件”对应现行有效件数；“行政事业性收费 N 万元"
        "（或元）”对应本年收费金额，按正文写出的精度比对。政策性文件、其他文件和信息处理费不比对。正文的收费金额与表中数字相同"
        "而单位不同的（如正文 3940 元、表中 3940 万元），是单位错误，由 RL405 在表格单元格处报告。"
    )
    messages = {
        "mismatch": T(
            "正文“{quote}”与表二不一致：{what}，{target}为 {expected}{others}；请把正文的“{stated}”改为 {expected}，"
            "或改正表二",
            "the text '{quote}' disagrees with table 2: {what_en}: {target_en} is {expected_en}{others_en};"
            " change '{stated}' in the text to {expected_en}, or correct table 2",
        ),
        "unread": narrative.unread_message("table2"),
    }

    def check(self, doc):
        for m in narrative.mismatches(doc, ("documents", "fees")):
            if fee_units.is_unit_slip(doc, m):
                continue  # the same number in another unit (`3940元` / 3940 万元): RL405 reports it at the cell
            yield self.report(
                doc,
                m.statement.span(doc),
                narrative.mismatch_key(m),
                data=narrative.mismatch_data(m),
                **narrative.mismatch_params(m),
            )
