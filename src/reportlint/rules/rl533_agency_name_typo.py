"""RL533 agency-name-typo."""

from __future__ import annotations

from reportlint.analysis.agency_names import (
    CJK,
    admin_suffixes,
    data,
    ends_with_admin,
    flat_view,
    in_spans,
    own_names,
    split_place,
)
from reportlint.core import pattern_store
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.rules.base import Rule

_BEFORE = set("。;!?:,、\n \t()[]\"'")


def _overlaps(span, spans) -> bool:
    return any(not (span[1] <= a or span[0] >= b) for a, b in spans)


_CJK_CHAR = pattern_store.compile(f"[{CJK}]")


class AgencyNameTypo(Rule):
    """The agency's own name is misspelt in the body (one character wrong).

    The body refers to the agency by its name (``台儿庄区科技局``, ``区科技局``). A name
    that differs from it in exactly one character (``去科技局`` for ``区科技局``) is a
    typo — often an input-method homophone. Not reported: a different last character
    (``区科技馆`` is another body), one level of government for another (``市科技局``
    is the city's bureau), a different place (``常州市`` / ``常熟市``: another agency,
    see RL534), names inside 《…》. Short names (under six characters) count only at
    the start of a clause, so ``成立科技局…`` is not taken for ``区科技局``; so does a
    near-miss in the first character that leaves another form of the name
    (``2022年经纬街道办事处`` is not ``区经纬街道办事处`` misspelt).

    Bad:
        台儿庄区科技局2021年政府信息公开工作年度报告
        2021年，在区政府的正确领导下，去科技局政府信息公开工作取得了一定成绩。
        台儿庄区科技局
        2022年1月28日
    Good:
        台儿庄区科技局2021年政府信息公开工作年度报告
        2021年，在区政府的正确领导下，区科技局政府信息公开工作取得了一定成绩。
        台儿庄区科技局
        2022年1月28日
    """

    code = "RL533"
    name = "agency-name-typo"
    category = "consistency"
    severity = Severity.WARNING
    summary_zh = "正文中本机关名称有错字（差一个字）。"
    rationale_zh = (
        "正文用机关名称指称本机关（“台儿庄区科技局”“区科技局”）。与之只差一个字的名称（把“区科技局”写成“去科技局”）"
        "是错字，常见于输入法同音字。以下不报告：最后一个字不同（“区科技馆”是另一个单位）、行政层级字互换"
        "（“市科技局”是市级机关）、地名不同（“常州市”与“常熟市”是另一个机关，见 RL534）、《…》中的名称。"
        "不足六个字的名称只在分句开头检查，避免把“成立科技局……”当成“区科技局”的错字；只有首字不同、其余仍是本机关名称的"
        "（“2022年经纬街道办事处”），也只在分句开头检查。"
    )
    messages = {
        "typo": T(
            "机关名称疑有错字：“{found}”应为“{form}”（本机关：{own}）；请改为“{form}”",
            "the agency's name looks misspelt: '{found}' should be '{form}' (the agency is {own}); "
            "change it to '{form}'",
        ),
    }

    def check(self, doc):
        names = own_names(doc)
        if not names.canonical:
            return
        d = data()
        flat = flat_view(doc)
        text = flat.text
        protected = flat.protected()
        excluded = [r.span for r in names.refs]
        exact = set(names.forms)
        reported: list[tuple[int, int]] = []  # flat spans already reported (longest forms first)
        for form in names.forms:
            if len(form) < d["typo_min_length"]:
                continue
            place, _func = split_place(form)
            suffix = next((s for s in admin_suffixes() if place.endswith(s)), "")
            suffix_start = len(place) - len(suffix)
            for k in range(len(form) - 1):  # never the last character: 区科技馆 is another body
                if k < suffix_start:
                    continue  # another place: RL534
                for s, e in _one_char_off(text, form, k):
                    found = text[s:e]
                    if _overlaps((s, e), reported) or found in exact or in_spans(s, e, protected):
                        continue
                    if k < len(place) and ends_with_admin(found[: len(place)]):
                        continue  # 区 → 市 / 县: the bureau of another level
                    # `2022年经纬街道办事处` is not `区经纬街道办事处` misspelt: past its first
                    # character the text reads another form of the name; such a near-miss
                    # counts, like a short name's, only at the start of a clause
                    if (
                        (len(form) < d["typo_anywhere_length"] or (k == 0 and form[1:] in exact))
                        and s > 0
                        and text[s - 1] not in _BEFORE
                        and not (text[s - 1] in "年度" and s > 1 and text[s - 2] in "年0123456789")
                    ):
                        continue
                    span = flat.to_text(s, e)
                    if _overlaps(span, excluded):
                        continue
                    reported.append((s, e))
                    yield self.report(doc, span, "typo", found=found, form=form, own=names.canonical)


def _one_char_off(text: str, form: str, k: int):
    """Spans where ``text`` reads ``form`` with character ``k`` replaced by another CJK
    character. A plain substring search: one regex per form and position compiled a
    large character class each time and was the slowest part of a batch run."""
    left, right = form[:k], form[k + 1 :]
    j = text.find(right, k + 1)
    while j != -1:
        s = j - k - 1
        if s >= 0 and text.startswith(left, s):
            ch = text[s + k]
            if ch != form[k] and _CJK_CHAR.match(ch):
                yield s, s + len(form)
        j = text.find(right, j + 1)
