"""RL107 empty-section."""

from __future__ import annotations

from reportlint.analysis import outline
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.rules.base import Rule

# Sections whose content the format requires (a bare `无` does not do).
_NEEDS_TEXT = ("overview", "problems", "old_overview", "old_problems")


class EmptySection(Rule):
    """A section that must say something is empty or only says ``无``.

    总体情况 and 存在的主要问题及改进情况 are required narrative: a heading with nothing
    under it, or only ``无`` / ``暂无``, leaves out content the Regulation asks for
    (第五十条). 其他需要报告的事项 may be ``无`` in 2019 and 2020 reports, but from 2021 on
    it must at least state the information processing fees charged (国办函〔2020〕109号),
    so an empty or bare ``无`` section 六 is reported too; an empty heading is reported in
    every year. Tables sections (二–四) are checked by the table rules.

    Bad:
        台儿庄区科技局2021年政府信息公开工作年度报告
        五、存在的主要问题及改进情况
        无
    Good:
        台儿庄区科技局2021年政府信息公开工作年度报告
        五、存在的主要问题及改进情况
        一是政策解读形式较单一；下一步，我局将……
    """

    code = "RL107"
    name = "empty-section"
    category = "structure"
    severity = Severity.WARNING
    summary_zh = "必须有内容的部分为空或只写了“无”。"
    rationale_zh = (
        "“总体情况”和“存在的主要问题及改进情况”是必须填写的叙述内容：标题下什么也没有，或只写“无”"
        "“暂无”，就缺少了条例第五十条要求报告的内容。“其他需要报告的事项”在2019、2020年度可以写“无”，"
        "但2021年度起至少要说明信息处理费的收取情况（国办函〔2020〕109号），因此第六部分为空或只写“无”"
        "也要报告；标题下完全没有内容的，各年度都报告。二至四部分由表格规则检查。"
    )
    messages = {
        "empty": T(
            "“{heading}”下没有内容；请填写{what_zh}",
            "nothing under '{heading}'; write {what_en}",
        ),
        "nothing": T(
            "“{heading}”下只写了“{body}”；这一部分必须如实填写{what_zh}",
            "'{heading}' only says '{body}'; this part must report {what_en}",
        ),
    }

    def check(self, doc):
        fmt = outline.report_format(doc)
        if fmt is None:
            return
        empties = set(outline.data()["empty_bodies"])
        for sec in doc.sections:
            if sec.key not in _NEEDS_TEXT and sec.key not in ("other", "old_other"):
                continue
            body = outline.body_view(doc, sec).strip()
            squeezed = outline.squeeze(body)
            what_zh, what_en = _what(sec.key, fmt)
            heading = outline.written_heading(doc, sec)
            if not squeezed:
                yield self.report(doc, sec.heading_span, "empty", heading=heading, what_zh=what_zh, what_en=what_en)
            elif squeezed in empties and (sec.key in _NEEDS_TEXT or (sec.key == "other" and fmt == "2021")):
                yield self.report(
                    doc, sec.heading_span, "nothing", heading=heading, body=body, what_zh=what_zh, what_en=what_en
                )


def _what(key: str, fmt: str) -> tuple[str, str]:
    if key in ("overview", "old_overview"):
        return (
            "主动公开、依申请公开、政府信息管理、平台建设、监督保障等方面的总体情况",
            "the overview of proactive disclosure, requests, information management, platforms and oversight",
        )
    if key in ("problems", "old_problems"):
        return ("存在的主要问题和改进情况", "the main problems and how they are being addressed")
    if fmt == "2021":
        return (
            "信息处理费的收取情况（未收取也要写明）和其他需要报告的事项",
            "the information processing fees charged (say so if none) and any other matters",
        )
    return ("其他需要报告的事项，没有的写“无”", "any other matters, or '无' if there are none")
