"""RL901 traditional-script."""

from __future__ import annotations

from bisect import bisect_left
from operator import itemgetter

from reportlint.core import pattern_store
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.rules.base import Rule

CJK = pattern_store.compile(r"[\u3400-\u9fff]")
_LINE_BREAK = pattern_store.compile(r"\n")


def traditional_positions(doc) -> list[int]:
    """Text offsets of characters that opencc converts to a different Simplified one."""
    if not doc.view.script_changed:
        return []
    view, src, text = doc.view.text, doc.view.src, doc.text
    if len(view) < 2:  # itemgetter of one index gives the character, not a tuple
        raw = [text[i] for i in src[: len(view)]]
    else:
        raw = itemgetter(*src[: len(view)])(text)  # the user's character under each one of the view
    # both CJK (the range of ``CJK``), compared directly: one call fewer per changed character
    return [
        src[i]
        for i, (r, ch) in enumerate(zip(raw, view))
        if r != ch and "\u3400" <= r <= "\u9fff" and "\u3400" <= ch <= "\u9fff"
    ]


class TraditionalScript(Rule):
    """Traditional characters in a report published in Simplified script.

    Reports of mainland agencies are published in Simplified script. A Traditional
    copy (often from a mirror site) or a mix of both scripts is not the published
    text, and search and comparison tools miss its words. Only the first lines with
    Traditional characters are pointed at. Set ``report: {script: traditional}`` (or
    ``any``) in the configuration where Traditional script is correct.

    Bad:
        常熟市科學技術局2021年政府信息公開工作年度報告
    Good:
        常熟市科学技术局2021年政府信息公开工作年度报告
    """

    code = "RL901"
    name = "traditional-script"
    category = "script"
    severity = Severity.WARNING
    options = {"max_lines": 3, "whole_document_ratio": 0.05}
    summary_zh = "简体报告中出现繁体字，或繁简混用。"
    rationale_zh = (
        "内地机关的报告以简体字发布。繁体副本（常来自镜像网站）或繁简混用都不是发布的原文，"
        "检索和比对工具也找不到其中的词语。只指出最先出现繁体字的几行。"
        "确应使用繁体的，在配置中设置 report: {script: traditional}（或 any）。"
    )
    messages = {
        "whole": T(
            "全文使用繁体字（共 {n} 处，如“{examples}”）；请使用机关发布的简体原文",
            "the whole report is in Traditional script ({n} characters, e.g. '{examples}'); use the agency's Simplified original",
        ),
        "mixed": T(
            "简体报告中出现繁体字“{chars}”；请改为简体",
            "Traditional characters '{chars}' in a Simplified report; convert them to Simplified",
        ),
    }

    def check(self, doc):
        if (doc.facts.get("script") or "simplified") != "simplified":
            return
        positions = traditional_positions(doc)
        if not positions:
            return
        text = doc.text
        cjk_total = len(CJK.findall(doc.view.text)) or 1
        examples = "".join(dict.fromkeys(text[p] for p in positions))[:8]
        if len(positions) / cjk_total >= self.opts["whole_document_ratio"]:
            first = positions[0]
            yield self.report(doc, (first, first + 1), "whole", n=len(positions), examples=examples)
            return
        # line of each position by bisection over the line breaks, not a count from the
        # start of the text for each position (quadratic in a long Traditional report)
        breaks = [m.start() for m in _LINE_BREAK.finditer(text)]
        by_line: dict[int, list[int]] = {}
        for p in positions:
            by_line.setdefault(bisect_left(breaks, p), []).append(p)
        for _line, offs in list(by_line.items())[: self.opts["max_lines"]]:
            chars = "".join(dict.fromkeys(text[p] for p in offs))
            yield self.report(doc, (offs[0], offs[-1] + 1), "mixed", chars=chars)
