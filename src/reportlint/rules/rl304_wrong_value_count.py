"""RL304 wrong-value-count."""

from __future__ import annotations

from reportlint.analysis.table_positions import all_blank, row_span
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.document.table_vocabulary import cell_ref, group_name, official_columns, row_phrase, table_title
from reportlint.rules.base import Rule
from reportlint.rules.cell_locations import CellLocations


def _table4_order() -> tuple[str, str]:
    """The order of table 四's 15 values, in words: its groups, then the five columns of each."""
    columns = official_columns("table4")
    groups = [group_name("table4", g) for g in dict.fromkeys(c.group for c in columns if c.group is not None)]
    labels = [c.label for c in columns[:5]]
    zh = "、".join(g.zh.replace(" / ", "") for g in groups) + "各5个：" + "、".join(c.zh for c in labels)
    en = (
        "5 each for "
        + ", ".join(g.en for g in groups[:-1])
        + f" and {groups[-1].en}: "
        + ", ".join(c.en for c in labels)
    )
    return zh, en


class WrongValueCount(CellLocations, Rule):
    """A table row has fewer or more values than the format has columns.

    Table 四 is one row of 15 numbers; each row of table 三 has 7; the rows of table 二
    have 1 to 3 depending on the block. A row with a value too few (or too many) cannot
    be read safely: every value after the gap may sit in the wrong column. The row is
    reported once with the count found and the count wanted; the values are never
    shifted to guess which one is missing.

    Bad:
        台儿庄区科技局2021年政府信息公开工作年度报告
        四、政府信息公开行政复议、行政诉讼情况
        行政复议 | 行政诉讼
        结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉
        结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计
        0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        五、存在的主要问题及改进情况
        信息发布的及时性还需提高。
    Good:
        台儿庄区科技局2021年政府信息公开工作年度报告
        四、政府信息公开行政复议、行政诉讼情况
        行政复议 | 行政诉讼
        结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉
        结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计
        0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        五、存在的主要问题及改进情况
        信息发布的及时性还需提高。

    A row that the end of the text cuts (an excerpt or a crawl stopped inside the table)
    is not reported: its last values were never in the text.
    """

    code = "RL304"
    name = "wrong-value-count"
    category = "table"
    severity = Severity.ERROR
    summary_zh = "表格某行的数字个数与格式的列数不符。"
    rationale_zh = (
        "表四是一行15个数字；表三每行7个；表二各行按栏目有1至3个。某行少了（或多了）一个数字，就无法确定"
        "后面的数字各属于哪一列。每行报告一次，给出实际个数和应有个数，不会猜测缺的是哪一个而移动数字。"
    )
    messages = {
        "short": T(
            "{table_zh}{row_zh}只有{have}个数字，应有{want}个{order_zh}；请核对并补上缺少的数字",
            "{row_en} of {table_en} has {have} values where {want} are needed{order_en}; check it and add the "
            "missing value(s)",
        ),
        "text": T(
            "{table_zh}{row_zh}写的是“{written}”，不是数字（应有{want}个数字）；请填写数字（没有发生的填0）",
            "{row_en} of {table_en} holds '{written}', not numbers ({want} are needed); fill in numbers "
            "(0 where nothing happened)",
        ),
        "extra": T(
            "{table_zh}{row_zh}多了{extra}个数字（应有{want}个）；请删去多余的数字或核对列的对应关系",
            "{row_en} of {table_en} has {extra} value(s) too many ({want} are needed); remove them or check "
            "which column each value belongs to",
        ),
    }

    def check(self, doc):
        for key in ("table2", "table3", "table4"):
            table = doc.readable_table(key)
            if table is None or all_blank(table):
                continue  # a blank table: RL303 reports it once
            for i, row in enumerate(table.rows):
                if not row.found or not row.cells or any(c.status == "unreadable" for c in row.cells):
                    continue  # cells that could not be told apart: RL306 says so
                if table.cut(i) and not row.extra:
                    continue  # the text ends in this row: its last values were cut, not left out
                want = len(row.cells)
                have = sum(1 for c in row.cells if c.found)
                names = dict(
                    table_zh=table_title(key).zh,
                    table_en=table_title(key).en,
                    row_zh=row_phrase(key, row.key, table.layout).zh,
                    row_en=row_phrase(key, row.key, table.layout).en,
                    want=want,
                )
                span = row_span(row)
                if span is None:
                    continue
                written = _text_after_label(doc, row) if have == 0 else None
                if written:
                    yield self.report(
                        doc,
                        span,
                        "text",
                        cell=cell_ref(key, row.key, layout=table.layout, grid=table.grid),
                        written=written,
                        data={"want": want},
                        **names,
                    )
                elif have < want:
                    yield self.report(
                        doc,
                        span,
                        "short",
                        cell=cell_ref(key, row.key, layout=table.layout, grid=table.grid),
                        have=have,
                        order_zh=f"（{_table4_order()[0]}）" if key == "table4" else "",
                        order_en=f" ({_table4_order()[1]})" if key == "table4" else "",
                        data={"have": have, "want": want},
                        **names,
                    )
                elif row.extra:
                    yield self.report(
                        doc,
                        span,
                        "extra",
                        cell=cell_ref(key, row.key, layout=table.layout, grid=table.grid),
                        extra=row.extra,
                        data={"extra": row.extra, "want": want},
                        **names,
                    )


def _text_after_label(doc, row) -> str | None:
    """Words written after a row label on its line where numbers belong (``行政许可 | 若干``)."""
    if row.label_span is None:
        return None
    text = doc.text
    end = text.find("\n", row.label_span[1])
    rest = text[row.label_span[1] : end if end != -1 else len(text)]
    rest = " ".join(part.strip() for part in rest.split("|") if part.strip())
    if not rest or any(ch.isdigit() for ch in rest) or len(rest) > 20:
        return None
    return rest
