"""RL103 section-numbering."""

from __future__ import annotations

from reportlint.analysis import outline
from reportlint.core.diagnostics import Edit, Fix, Severity
from reportlint.core.i18n import T
from reportlint.document.numerals import cn_to_int
from reportlint.rules.base import Rule


class SectionNumbering(Rule):
    """Sections are out of order or numbered wrongly.

    The six sections of the 2019 and 2021 formats have fixed numbers: 一 总体情况 … 六
    其他需要报告的事项. A report that drops or merges a section and renumbers the rest
    (``二、存在的主要问题及改进情况`` for 五), numbers a section twice, skips a number or
    puts sections in another order no longer matches the format reviewers and the
    statistics system read it by. The fix writes the official number (text files only).
    A heading written without any number gets one too (``check_unnumbered``; Word's
    automatic numbering counts as written). Reports for 2018 and earlier
    had a free outline: only repeated or descending numbers are reported there.
    Headings replaced by table captions are RL104's.

    Bad:
        主动公开政府信息情况统计表
        ……
        二、存在的主要问题及改进情况
        三、其他需要报告的事项
    Good:
        五、存在的主要问题及改进情况
        六、其他需要报告的事项
    """

    code = "RL103"
    name = "section-numbering"
    category = "structure"
    severity = Severity.WARNING
    options = {"check_unnumbered": True}
    summary_zh = "部分标题顺序错误或序号错误。"
    rationale_zh = (
        "2019年和2021年格式的六个部分序号固定：一、总体情况……六、其他需要报告的事项。"
        "删去或合并某一部分后把后面的部分重新编号（如把“五、存在的主要问题及改进情况”写成“二、”）、"
        "序号重复、跳号或顺序颠倒，都与审核人员和统计系统依据的格式不符。自动修复会改为规定的序号"
        "（仅限文本文件）；完全没有序号的标题也会补上序号（check_unnumbered；Word 自动编号视为已写）。2018年度及以前的报告提纲不固定，只检查"
        "序号重复或倒序。被表格标题代替的标题由 RL104 检查。"
    )
    messages = {
        "number": T(
            "标题序号“{written}”有误：“{title}”是第{expected}部分；请把“{written}、”改为“{expected}、”",
            "wrong heading number '{written}': '{title}' is part {expected} of the format; "
            "change '{written}、' to '{expected}、'",
        ),
        "unnumbered": T(
            "标题“{title}”没有序号；请写成“{expected}、{title}”",
            "the heading '{title}' has no number; write it as '{expected}、{title}'",
        ),
        "order": T(
            "“{heading}”的位置不对：它应排在“{after}”之前；请按一至六的顺序排列各部分",
            "'{heading}' is out of place: it belongs before '{after}'; put the parts in the order 一 to 六",
        ),
        "old_repeat": T(
            "标题序号“{written}”与前一个标题“{prev}”重复；请按顺序重新编号",
            "heading number '{written}' repeats the previous heading '{prev}'; renumber the headings in order",
        ),
        "old_descending": T(
            "标题序号“{written}”小于前一个标题“{prev}”的序号；请按顺序重新编号",
            "heading number '{written}' is lower than that of the previous heading '{prev}'; "
            "renumber the headings in order",
        ),
    }

    def check(self, doc):
        fmt = outline.report_format(doc)
        if fmt is None or not doc.sections:
            return
        if fmt == "pre2019":
            yield from self._check_old(doc)
            return
        order = [e.key for e in outline.outline("current")]
        editable = doc.extracted.editable
        highest = -1
        highest_sec = None
        for sec in doc.sections:
            if sec.key not in order:
                continue
            idx = order.index(sec.key)
            if idx < highest:
                yield self.report(
                    doc,
                    sec.heading_span,
                    "order",
                    heading=outline.written_heading(doc, sec),
                    after=outline.written_heading(doc, highest_sec),
                )
                continue
            highest, highest_sec = idx, sec
            if sec.variant == "caption":
                continue  # RL104
            title = sec.official_title if sec.variant == "official" else sec.title
            if sec.number is None:
                if not self.opts.get("check_unnumbered", True):
                    continue  # (the .docx reader renders Word's automatic numbering into the text)
                fix = None
                if editable:
                    fix = Fix(
                        T("补上标题序号", "number the heading"),
                        (Edit(sec.heading_span[0], sec.heading_span[0], f"{sec.expected_number}、"),),
                    )
                yield self.report(
                    doc, sec.heading_span, "unnumbered", title=sec.title, expected=sec.expected_number, fix=fix
                )
            elif sec.number != sec.expected_number:
                fix = None
                if editable and sec.number_span is not None:
                    fix = Fix(
                        T("改为规定的序号", "use the official number"),
                        (Edit(sec.number_span[0], sec.number_span[1], sec.expected_number),),
                    )
                yield self.report(
                    doc,
                    sec.heading_span,
                    "number",
                    written=sec.number,
                    expected=sec.expected_number,
                    title=title,
                    fix=fix,
                    data={"expected": sec.expected_number, "written": sec.number},
                )

    def _check_old(self, doc):
        prev = None
        for sec in doc.sections:
            if sec.number is None:
                continue
            n = cn_to_int(sec.number)
            if prev is not None and n is not None:
                pn = cn_to_int(prev.number)
                if pn is not None and n <= pn:
                    yield self.report(
                        doc,
                        sec.heading_span,
                        "old_repeat" if n == pn else "old_descending",
                        written=sec.number,
                        prev=outline.written_heading(doc, prev),
                    )
                    continue
            prev = sec
