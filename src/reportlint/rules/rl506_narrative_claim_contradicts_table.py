"""RL506 narrative-claim-contradicts-table."""

from __future__ import annotations

from reportlint.analysis import narrative
from reportlint.analysis.reconcile import fmt, number
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.document.table_vocabulary import cell_name
from reportlint.document.tables import table4_groups
from reportlint.rules.base import Rule


class NarrativeClaimContradictsTable(Rule):
    """The text says all applications were finished or granted, or all cases upheld, but the tables disagree.

    ``所有申请均已按要求办理完成`` / ``均已办结`` / ``办结率100%`` says that every application of
    the year was finished, which table 三 contradicts when row 四 (结转下年度继续办理) is
    not zero, and ``受理申请12件，均予以公开`` one with other outcomes than 予以公开.
    ``行政复议均获维持`` contradicts a table 四 whose group has 结果纠正 or 尚未审结 cases;
    ``未被纠错`` / ``零纠错`` one with 结果纠正 cases, and ``无败诉`` one whose litigation has
    结果纠正 cases. Only claims whose subject is clearly the year's own
    applications or cases are read: not those about the applications answered, carried
    over from last year, received online, nor about consultations or petitions, nor
    plans (``确保…均按时办结``) or claims with an exception (``除1件外均已办结``). Claims
    about time (``均在法定期限内答复``, ``按时办结率100%``) are not read either: applications
    still within their time limit at the year's end do not contradict them.

    Bad:
        某市科学技术局2022年政府信息公开工作年度报告
        一、总体情况
        全年收到政府信息公开申请34件，所有申请均已按要求办理完成。
        三、收到和处理政府信息公开申请情况
        一、本年新收政府信息公开申请数量 | 34 | 0 | 0 | 0 | 0 | 0 | 34
        二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        （七）总计 | 33 | 0 | 0 | 0 | 0 | 0 | 33
        四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 | 1
    Good:
        某市科学技术局2022年政府信息公开工作年度报告
        一、总体情况
        全年收到政府信息公开申请34件，办结33件，1件结转下年度继续办理。
        三、收到和处理政府信息公开申请情况
        一、本年新收政府信息公开申请数量 | 34 | 0 | 0 | 0 | 0 | 0 | 34
        二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0
        （七）总计 | 33 | 0 | 0 | 0 | 0 | 0 | 33
        四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 | 1
    """

    code = "RL506"
    name = "narrative-claim-contradicts-table"
    category = "consistency"
    severity = Severity.WARNING
    summary_zh = "正文称申请全部办结、全部予以公开，或复议诉讼均获维持、未被纠错，但表三或表四与之矛盾。"
    rationale_zh = (
        "“所有申请均已按要求办理完成”“均已办结”“办结率100%”是说本年的申请全部办完，表三第四项（结转下年度继续办理）"
        "不为零时与之矛盾；“受理申请12件，均予以公开”与有其他办理结果的表三相矛盾；"
        "“行政复议均获维持”与表四相应组有“结果纠正”或“尚未审结”案件相矛盾，“未被纠错”“零纠错”"
        "与有“结果纠正”案件相矛盾，“无败诉”与行政诉讼有“结果纠正”案件相矛盾。只读主语明确是本年申请或案件的说法："
        "关于已答复的申请、上年结转的申请、网上申请等一部分申请，关于咨询、信访的，工作打算（“确保……均按时办结”）"
        "和带例外的说法（“除1件外均已办结”）都不读。关于时限的说法（“均在法定期限内答复”“按时办结率100%”）也不读："
        "年底仍在答复期限内的申请与之并不矛盾。"
    )
    messages = {
        "finished": T(
            "正文称“{quote}”，但{where}为 {value}：仍有申请结转下年度继续办理；请改正正文（写明结转下年度的"
            " {value} 件申请）或改正表三",
            "the text says '{quote}', but {where_en} is {value}: applications are carried forward to next year;"
            " correct the text (state the {value} carried forward) or correct table 3",
        ),
        "granted": T(
            "正文称“{quote}”，但{cells}：并非全部予以公开；请改正正文（写明各项办理结果）或改正表三",
            "the text says '{quote}', but {cells_en}: not every application was granted; correct the text (state"
            " each outcome) or correct table 3",
        ),
        "cases": T(
            "正文称“{quote}”，但{cells}；请改正正文（写明案件的实际结果）或改正表四",
            "the text says '{quote}', but {cells_en}; correct the text (state the actual results) or correct table 4",
        ),
    }

    # For each claim: the table-四 columns (by their role) that contradict it.
    _ROLES = {"upheld": ("corrected", "pending"), "not_corrected": ("corrected",), "not_lost": ("corrected",)}

    def check(self, doc):
        for claim in narrative.claims(doc):
            if claim.kind == "finished":
                yield from self._finished(doc, claim)
            elif claim.kind == "all_granted":
                yield from self._granted(doc, claim)
            else:
                yield from self._cases(doc, claim)

    def _finished(self, doc, claim):
        table = doc.readable_table("table3")
        if table is None:
            return
        found = narrative.row_amount(table, "carried_forward")
        if found is None or found[1] <= 0:
            return
        ref, value = found
        name = cell_name(ref.table, ref.row, ref.column)
        if ref.column != "total":  # the row's 总计 left blank: say which cell was read
            name = T(f"{name.zh}（该行“总计”列空白）", f"{name.en} (the row's total is blank)")
        yield self.report(
            doc,
            claim.span(doc),
            "finished",
            data={
                "claim": claim.kind,
                "cell": {"table": "table3", "row": ref.row, "column": ref.column},
                "value": fmt(value),
            },
            quote=claim.quote(),
            where=name.zh,
            where_en=name.en,
            value=fmt(value),
        )

    def _granted(self, doc, claim):
        table = doc.readable_table("table3")
        carried = narrative.row_amount(table, "carried_over") if table is not None else None
        if carried is None:
            return
        bad = []
        for rows in narrative.data()["claims"]["all_granted"]["contradicted_by"]:
            target = narrative.Target("table3", tuple(rows), ("total",))
            value = target.value(doc)
            if value is not None and value > 0:
                bad.append((target, value))
        if sum(v for _, v in bad) <= carried[1]:
            return  # the other outcomes may all be last year's applications
        names = [(t.describe(), v) for t, v in bad]
        yield self.report(
            doc,
            claim.span(doc),
            "granted",
            data={"claim": claim.kind, "cells": [{"rows": list(t.rows), "value": fmt(v)} for t, v in bad]},
            quote=claim.quote(),
            cells="、".join(f"{n.zh}为 {fmt(v)}" for n, v in names),
            cells_en=", ".join(f"{n.en} is {fmt(v)}" for n, v in names),
        )

    def _cases(self, doc, claim):
        table = doc.readable_table("table4")
        if table is None or not table.rows or not table.rows[0].found:
            return
        row = table.rows[0]
        groups = table4_groups()
        bad = []
        for g in claim.covers:
            for role in self._ROLES[claim.kind]:
                column = f"{g}.{role}"
                if column not in groups[g]:
                    continue
                v = number(row.cell(column))
                if v is not None and v > 0:
                    bad.append((column, v))
        if not bad:
            return
        names = [(cell_name("table4", None, c), v) for c, v in bad]
        yield self.report(
            doc,
            claim.span(doc),
            "cases",
            data={"claim": claim.kind, "cells": {c: fmt(v) for c, v in bad}},
            quote=claim.quote(),
            cells="、".join(f"{n.zh}为 {fmt(v)}" for n, v in names),
            cells_en=", ".join(f"{n.en} is {fmt(v)}" for n, v in names),
        )
