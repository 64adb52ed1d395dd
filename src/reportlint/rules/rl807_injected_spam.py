"""RL807 injected-spam."""

from __future__ import annotations

from reportlint.analysis.lines import compile_pattern, to_text
from reportlint.core import ruledata
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.rules.base import Rule


class InjectedSpam(Rule):
    """Gambling, lottery or adult spam inside the report text.

    Mirror and hijacked sites insert advertising for casinos, lotteries and adult
    content into copies of government pages. Such text is not the agency's: the
    copy must not be used, and if the agency's own page shows it, the site has been
    tampered with and must be reported to the site's administrators.

    Bad:
        2021年，我局在政府网站新增主动公开政府信息106条，澳门新葡京娱乐城注册送彩金。
    Good:
        2021年，我局在政府网站新增主动公开政府信息106条。
    """

    code = "RL807"
    name = "injected-spam"
    category = "artifact"
    severity = Severity.ERROR
    summary_zh = "正文中出现被植入的赌博、彩票或色情信息。"
    rationale_zh = (
        "镜像站或被入侵的网站会在政府网页副本中植入赌场、彩票、色情广告。这些文字不是机关的，"
        "不能使用该副本；如果机关自己的网页上也出现，说明网站被篡改，应立即报告网站管理人员。"
    )
    messages = {
        "spam": T(
            "疑似被植入的垃圾信息“{text}”：这不是机关的文字，请核查来源和网站安全",
            "suspected injected spam '{text}': not the agency's text; check the source and the site's security",
        )
    }

    def check(self, doc):
        view = doc.view.text
        spans = sorted(
            m.span() for pattern in ruledata.load("spam")["patterns"] for m in compile_pattern(pattern).finditer(view)
        )
        merged: list[list[int]] = []
        for s, e in spans:  # one finding per run of spam, however many terms it has
            if merged and s <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        for s, e in merged:
            yield self.report(doc, to_text(doc, s, e), "spam", text=view[s:e])
