"""RL406 regulations-from-powerless-body."""

from __future__ import annotations

from reportlint.analysis.agency_names import squeeze
from reportlint.analysis.places import own_place
from reportlint.analysis.reconcile import fmt, number
from reportlint.core import ruledata
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.document.table_vocabulary import cell_name, cell_ref
from reportlint.rules.base import Rule


class RegulationsFromPowerlessBody(Rule):
    """Table 二 counts 规章 in the report of a body that cannot make them.

    Only the ministries and commissions of the State Council and the people's governments
    of provinces, autonomous regions, municipalities and of cities divided into districts
    (and autonomous prefectures) make 规章 (Legislation Law, articles 91 and 93). A
    township or sub-district, a county-level government (counties, county-level cities,
    districts) or any county-level department has none to issue, repeal or keep in
    force, so a non-zero number in the 规章 row of its table 二 is a slip: usually its
    行政规范性文件, or a higher government's 规章, entered in the wrong row. The agency's
    level is read from the places its name starts with (the gazetteer of divisions); a
    report whose place or level is unknown is not checked.

    Bad:
        沭阳县人民政府2021年政府信息公开工作年度报告
        二、主动公开政府信息情况
        第二十条第（一）项
        信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
        规章 | 2 | 0 | 2
        行政规范性文件 | 8 | 0 | 66
    Good:
        沭阳县人民政府2021年政府信息公开工作年度报告
        二、主动公开政府信息情况
        第二十条第（一）项
        信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
        规章 | 0 | 0 | 0
        行政规范性文件 | 10 | 0 | 68
    """

    code = "RL406"
    name = "regulations-from-powerless-body"
    category = "consistency"
    severity = Severity.WARNING
    summary_zh = "无权制定规章的机关在表二“规章”行填写了非零数。"
    rationale_zh = (
        "只有国务院各部、委员会等部门和省、自治区、直辖市及设区的市、自治州的人民政府可以制定规章"
        "（《立法法》第九十一条、第九十三条）。乡镇人民政府和街道办事处、县级人民政府（县、县级市、市辖区）"
        "以及县级政府的各部门都没有规章可制发、废止或保持有效，表二“规章”行出现非零数多半是填错了行"
        "（把本机关的行政规范性文件或上级政府的规章填进了规章行）。机关的层级由其名称开头的地名按行政区划表判断；"
        "地名或层级不明的报告不检查。"
    )
    messages = {
        "regulations": T(
            "本报告是{level}机关“{own}”的，但{where}填了 {value}。规章只能由国务院部门和省级、"
            "设区的市（自治州）人民政府制定（《立法法》第九十一条、第九十三条），{level}机关不能制定规章；"
            "请核对该行：本机关制发的文件应计入“行政规范性文件”行，规章行填 0",
            "this is the report of '{own}', a {level_en} body, but {where_en} holds {value}."
            " Only State Council departments and the governments of provinces and of cities divided "
            "into districts (autonomous prefectures) make regulations (Legislation Law, arts. 91 and 93); check this "
            "row: the body's own documents belong in the 行政规范性文件 row, and the regulations row is 0",
        ),
    }

    def check(self, doc):
        table = doc.readable_table("table2")
        if table is None:
            return
        row = table.row("regulations")
        if row is None or not row.found:
            return
        for cell in row.cells:
            value = number(cell)
            if value is None or value == 0 or cell.span is None:
                continue
            place = own_place(doc)  # looked up only for a table that counts 规章
            level = (ruledata.load("agency").get("no_regulations") or {}).get(place.body_level or "") if place else None
            if place is None or level is None:
                return
            where = cell_name("table2", "regulations", cell.column, table.layout)
            yield self.report(
                doc,
                cell.span,
                "regulations",
                cell=cell_ref("table2", "regulations", cell.column, layout=table.layout, grid=table.grid),
                data={"row": "regulations", "column": cell.column, "value": fmt(value)},
                own=squeeze(doc.meta.agency or place.name),
                level=level["zh"],
                level_en=level["en"],
                where=where.zh,
                where_en=where.en,
                value=fmt(value),
            )
            return  # one finding per table: the row is wrong as a whole
