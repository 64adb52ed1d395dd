"""RL405 fee-unit-slip."""

from __future__ import annotations

import re
from decimal import Decimal

from reportlint.analysis import fee_units
from reportlint.core import pattern_store, ruledata
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.document.table_vocabulary import cell_name, cell_ref
from reportlint.document.values import parse_value
from reportlint.rules.base import Rule
from reportlint.rules.cell_locations import CellLocations


class FeeUnitSlip(CellLocations, Rule):
    """本年收费金额（单位：万元） is written in 元.

    Table 二's fee column (2021 layout, row 行政事业性收费) is in 万元, as its header says.
    Three signs show an amount written in 元 instead: the cell itself carries the unit 元
    (``3940元``); the text states the fee with the cell's very number in 元
    (``行政事业性收费3940元`` against 3940 — one of the two has the wrong unit, reported
    here once rather than by RL505 as different numbers); or the number, read in 万元, is
    far beyond what a body of the report's kind charges in a year (thresholds per kind in
    ``rules/table2.yaml``: a township from 1 亿元, a department from 10 亿元, a
    government from 1000 亿元) while having no more than two decimals, as an amount in
    元 has. A value with more decimals (``24252.311082``, 万元 to the 分) is a 万元
    figure and never taken for 元; nor is a value that carries the unit 万元, one the
    text confirms in 万元, or any value when the kind of body is unknown. A report whose
    own header says 元 (``本年收费金额（单位：元）``) is consistent with 元 values and not
    reported here.

    Bad:
        某县自然资源局2022年政府信息公开工作年度报告
        二、主动公开政府信息情况
        第二十条第（一）项
        信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
        规章 | 0 | 0 | 0
        行政规范性文件 | 2 | 0 | 15
        第二十条第（五）项
        信息内容 | 本年处理决定数量
        行政许可 | 120
        第二十条第（八）项
        信息内容 | 本年收费金额（单位：万元）
        行政事业性收费 | 3940元
    Good:
        某县自然资源局2022年政府信息公开工作年度报告
        二、主动公开政府信息情况
        第二十条第（一）项
        信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
        规章 | 0 | 0 | 0
        行政规范性文件 | 2 | 0 | 15
        第二十条第（五）项
        信息内容 | 本年处理决定数量
        行政许可 | 120
        第二十条第（八）项
        信息内容 | 本年收费金额（单位：万元）
        行政事业性收费 | 0.394
    """

    code = "RL405"
    name = "fee-unit-slip"
    category = "table"
    severity = Severity.WARNING
    summary_zh = "“本年收费金额（单位：万元）”按元填写。"
    rationale_zh = (
        "表二（2021 年表式）“行政事业性收费”一行的本年收费金额以万元为单位，表头已写明。三种迹象说明金额按元填写了："
        "单元格里写着单位“元”（如“3940元”）；正文以元写出与单元格相同的数字（正文“行政事业性收费3940元”、表中 3940——"
        "两处必有一处单位写错，在此报告一次，而不由 RL505 当作数字不符）；或者按万元理解，这个数远超这类机关一年的收费规模"
        "（阈值按机关类别写在 rules/table2.yaml：乡镇、街道自 1 亿元起，政府部门自 10 亿元起，人民政府自 1000 亿元起），"
        "而且小数不超过两位——以元计的金额最多精确到分。小数更多的（如 24252.311082，以万元计精确到分）是万元数，不当作元；"
        "单元格写明“万元”的、正文以万元印证的、机关类别不明的，也不报告。报告自己的表头写作“元”（如“本年收费金额（单位：元）”）的，"
        "数字与表头一致，不在此报告。"
    )
    messages = {
        "yuan_written": T(
            "{where}写的是“{raw}”，但这一列的单位是万元，不是元；{value} 元应填为 {converted}（万元），请只填以万元计的数字",
            "{where_en} holds '{raw}', but the column is in 10,000 yuan (万元), not yuan (元): {value} yuan is"
            " {converted} in 10,000 yuan; write only the amount in 万元",
        ),
        "text_other_unit": T(
            "{where}为 {value}（万元），而正文“{quote}”写的是 {stated}——数字相同、单位不同，其中一处的单位写错了；"
            "若金额是 {stated}，表中应填 {converted}（万元）；若是 {value} 万元，请改正正文",
            "{where_en} is {value} (in 10,000 yuan, 万元) while the text '{quote}' says {stated} — the same number in"
            " another unit, so one of them has the wrong unit: if the amount is {stated}, write {converted} (万元) in"
            " the table; if it is {value} 万元, correct the text",
        ),
        "implausible": T(
            "{where}为 {value}，单位是万元，即约 {yi} 亿元——对{kind}一年的行政事业性收费而言多半不对，很可能是按元填写的；"
            "若原数以元计，应填 {converted}（万元）。请核对并按万元填写",
            "{where_en} is {value} in 10,000 yuan (万元), about {yi} hundred million yuan — implausible for a year's"
            " fees of {kind_en}, most likely written in yuan (元); if the figure is in yuan, write {converted} (万元)."
            " Check it and write the amount in 万元",
        ),
    }

    def check(self, doc):
        table = doc.readable_table("table2")
        if table is None:
            return
        spec = ruledata.load("table2")["fee_unit"]
        column = spec["column"]
        scale = Decimal(spec["scale"])
        header = pattern_store.compile(spec["header_unit"])
        slips = fee_units.unit_slips(doc)
        confirmed = fee_units.confirmed_in_text(doc)
        for row, cell in table.cells():
            if cell.column != column or not cell.usable or cell.status != "read" or cell.span is None:
                continue
            if _header_unit(doc.text, table, row, header) not in (None, spec["unit"]):
                continue  # the report's own header says 元: its values agree with it
            value = Decimal(cell.number)
            if value <= 0:
                continue
            written = parse_value(cell.raw, "money").unit  # `元` in `3940元`; None when bare
            where = cell_name("table2", row.key, column, table.layout)
            ref = cell_ref("table2", row.key, column, layout=table.layout, grid=table.grid)
            data = {"row": row.key, "value": _plain(value)}
            if written in spec["slip_units"]:
                yield self.report(
                    doc,
                    cell.span,
                    "yuan_written",
                    cell=ref,
                    data=dict(data, unit=written),
                    where=where.zh,
                    where_en=where.en,
                    raw=cell.raw.strip(),
                    value=_plain(value),
                    converted=_plain(value / scale),
                )
                continue
            if written is not None:
                continue  # `50000万元`: the unit is stated and right
            slip = next((m for m in slips if row.key in m.expected[0][0].rows), None)
            if slip is not None:
                st = slip.statement
                yield self.report(
                    doc,
                    cell.span,
                    "text_other_unit",
                    cell=ref,
                    data=dict(data, stated=st.number.raw),
                    where=where.zh,
                    where_en=where.en,
                    value=_plain(value),
                    quote=st.quote(),
                    stated=st.number.raw,
                    converted=_plain(Decimal(slip.stated.numerator) / Decimal(slip.stated.denominator)),
                )
                continue
            if confirmed:
                continue  # the text states the same amount in 万元
            kind = doc.meta.kind
            limit = (spec.get("implausible_from") or {}).get(kind)
            if limit is None or value < Decimal(str(limit)) or _decimals(value) > int(spec["max_yuan_decimals"]):
                continue
            names = (spec.get("kind_names") or {}).get(kind) or {}
            yield self.report(
                doc,
                cell.span,
                "implausible",
                cell=ref,
                data=dict(data, kind=kind, limit=limit),
                where=where.zh,
                where_en=where.en,
                value=_plain(value),
                yi=_plain((value / scale).quantize(Decimal("0.01"))),
                kind=names.get("zh", kind),
                kind_en=names.get("en", kind),
                converted=_plain(value / scale),
            )


def _header_unit(text: str, table, row, header: re.Pattern) -> str | None:
    """The unit the column header above ``row`` states (``万元``, ``元``), or None when no
    header is found between the previous row and this row's label."""
    if row.label_span is None:
        return None
    start = table.span[0]
    for prev in reversed(table.rows[: table.rows.index(row)]):
        ends = [c.span[1] for c in prev.cells if c.span is not None]
        if prev.label_span is not None:
            ends.append(prev.label_span[1])
        if ends:
            start = max(ends)
            break
    found = None
    for m in header.finditer(text, start, row.label_span[0]):
        found = m.group("unit") or m.group("bare")
    return found


def _decimals(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _plain(value: Decimal) -> str:
    """``0.394``, ``96171.6``, ``10`` — never an exponent."""
    return format(value.normalize(), "f")
