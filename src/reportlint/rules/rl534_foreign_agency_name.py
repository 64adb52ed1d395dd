"""RL534 foreign-agency-name."""

from __future__ import annotations

import bisect
import re

from reportlint.analysis import places
from reportlint.analysis.agency_names import (
    BOUNDARY,
    compiled_by_re,
    contact_re,
    data,
    flat_view,
    in_spans,
    own_names,
    same_function,
    self_pronoun_re,
    sentence_bounds,
    split_place,
    subject_re,
)
from reportlint.core import pattern_store, ruledata
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.document.meta import agency_kind
from reportlint.rules.base import Rule

_BOUNDARY_RE = pattern_store.compile(f"[{re.escape(BOUNDARY)}]")

CONTEXTS = {
    "compiled": ("编制说明", "the sentence saying who compiled the report"),
    "contact": ("联系方式", "the contact details"),
    "subject": ("记述本机关工作的句子", "a sentence about the agency's own work"),
}


def _reads_as_words(place: str) -> bool:
    """The lead of a name holds words that continue a subject (`认真做好市`): the clause's
    verbs before a bare level, not the name of a place. Single characters (`将`, `无`)
    are left out: they occur in names of places (将乐县, 无锡市)."""
    return any(len(w) > 1 and w in place for w in data()["subject_continuations"])


class ForeignAgencyName(Rule):
    """Another agency's name stands where the report speaks of its own agency.

    Reports are often written over another agency's report. A name left over from it
    — ``常州市科学技术局认真贯彻…`` in the report of 常熟市科学技术局, ``请与常州市科学技术局
    联系`` — tells readers the wrong agency did the work. Reported: a name with a
    different place and the same kind of agency (``…科学技术局``, ``…科技局``) as the
    subject of a sentence about the report's work (unless the sentence also speaks of
    ``我局``/``本局``…), in ``由XX编制`` or in ``请与XX联系``. Superior and other bodies
    named legitimately (``市委、市政府``, ``省科技厅``, ``国务院办公厅``, ``在苏州市科学技术局
    的指导下``) are not reported. In the report of a district, county or banner body, a
    higher level's wording is reported too: ``市本级`` (``公开市本级“三公”经费``) and the
    higher level's whole area governed as the body's own (``对全市信息公开工作动态管理``),
    unless the clause says the city or another body acts (``市政府办对全市…考核``).
    A pronoun of another kind of body is reported as well (once per pronoun): ``我局``
    in a township's report, ``我镇`` in a bureau's, left over from the report it was
    written over.

    Bad:
        常熟市科学技术局2021年政府信息公开工作年度报告
        2021年，常州市科学技术局认真贯彻落实《条例》……
    Good:
        常熟市科学技术局2021年政府信息公开工作年度报告
        2021年，常熟市科学技术局认真贯彻落实《条例》……
    """

    code = "RL534"
    name = "foreign-agency-name"
    category = "consistency"
    severity = Severity.WARNING
    summary_zh = "本应指称本机关的地方出现了其他机关的名称。"
    rationale_zh = (
        "年报常在其他机关的报告上改写，留下的名称（常熟市科学技术局的报告里写“常州市科学技术局认真贯彻……”"
        "“请与常州市科学技术局联系”）会让读者以为工作是别的机关做的。报告以下情形：地名不同但机关类型相同"
        "（“……科学技术局”“……科技局”）的名称作为记述本报告工作的句子的主语（句中另有“我局”“本局”等时除外），"
        "或出现在“由XX编制”“请与XX联系”中。正当提及的上级和其他机关（“市委、市政府”“省科技厅”“国务院办公厅”"
        "“在苏州市科学技术局的指导下”）不报告。区、县、旗一级机关的报告中，上级的说法也报告：“市本级”"
        "（“公开市本级‘三公’经费”），以及把上级的全域当作本机关管理对象的说法（“对全市信息公开工作动态管理”）；"
        "句中写明是市或其他机关在做的（“市政府办对全市……考核”）除外。乡镇（街道）报告中以“我局”“本局”自称、"
        "局委报告中以“我镇”“我街道”自称的，也是照抄其他类型机关报告留下的，每种自称报告一次。"
    )
    messages = {
        "level": T(
            "本报告是{level}级机关“{own}”的，但这里写的是“{text}”（{higher}一级的说法），疑为从上级机关的报告复制；"
            "请改为本{level}的实际情况",
            "this is the report of '{own}', a {level}-level body, but the text says '{text}' (a {higher}-level phrase), "
            "likely copied from a higher body's report; describe this {level}'s own case",
        ),
        "pronoun": T(
            "本报告是{kind}“{own}”的，但这里以“{pronoun}”自称（{other}的说法），疑为从其他机关的报告复制；"
            "请改为本机关的自称（如“{own_pronoun}”）",
            "this is the report of '{own}' ({kind_en}), but the text calls itself '{pronoun}' (as {other_en} would), "
            "likely copied from another body's report; use the agency's own (e.g. '{own_pronoun}')",
        ),
        "foreign": T(
            "{where}中出现“{name}”，但本报告是“{own}”的，疑为从其他机关的报告复制或笔误；请改为“{own}”",
            "{where_en} names '{name}', but this is the report of '{own}' (text copied from another agency's report, "
            "or a slip); change it to '{own}'",
        ),
    }

    def check(self, doc):
        names = own_names(doc)
        own = names.canonical
        if not own:
            return
        yield from self._level_words(doc, own)
        yield from self._foreign_pronouns(doc, own)
        own_place, own_func = split_place(own)
        if len(own_place) < 2:
            return  # no place to compare (`区科技局` alone)
        flat = flat_view(doc)
        text = flat.text
        protected = flat.protected()
        refs = [r.span for r in names.refs]
        seen: set[int] = set()
        candidates = []
        for m in compiled_by_re().finditer(text):
            if agency_kind(m.group("name")):
                candidates.append(("compiled", m.start("name"), m.end("name")))
        for m in contact_re().finditer(text):
            candidates.append(("contact", m.start("name"), m.end("name")))
        for _start, m in subject_re().matches(text):
            candidates.append(("subject", m.start("name"), m.end("name")))
        for ctx, s, e in sorted(candidates, key=lambda c: c[1]):
            if s in seen or in_spans(s, e, protected):
                continue
            name = text[s:e]
            if names.is_own(name):
                continue
            place, func = split_place(name)
            if len(place) < 2 or place == own_place or not same_function(func, own_func):
                continue
            if _reads_as_words(place):
                continue  # `认真做好市教育局`: words of the sentence before `市教育局`, no place
            if ctx == "subject":
                _, se = sentence_bounds(text, s)
                if self_pronoun_re().search(text, e, se):
                    continue  # `苏州市科学技术局指导我局…`: another body acting on this one
            span = flat.to_text(s, e)
            if any(not (span[1] <= a or span[0] >= b) for a, b in refs):
                continue  # the title / compiling agency / signature: RL531, RL532
            seen.add(s)
            where, where_en = CONTEXTS[ctx]
            yield self.report(doc, span, "foreign", name=name, own=own, where=where, where_en=where_en)

    def _foreign_pronouns(self, doc, own: str):
        """`我局` in the report of a township, `我镇` in a bureau's (first use of each)."""
        rules = ruledata.load("agency").get("foreign_pronouns") or {}
        kind = agency_kind(own)
        for entry in rules.values():
            if kind != entry["kind"] or (entry.get("endings") and not own.endswith(tuple(entry["endings"]))):
                continue
            flat = flat_view(doc)
            protected = flat.protected()
            words = "|".join(re.escape(w) for w in sorted(entry["pronouns"], key=pattern_store.longest_first))
            # `我街道` for a sub-district, `我委` for a commission: the first ending the name holds
            by_ending = entry["own_pronoun"]
            own_pronoun = next((p for e, p in by_ending.items() if e in own), next(iter(by_ending.values())))
            seen: set[str] = set()
            for m in re.finditer(words, flat.text):
                if m.group() in seen or in_spans(m.start(), m.end(), protected):
                    continue
                seen.add(m.group())
                yield self.report(
                    doc,
                    flat.to_text(*m.span()),
                    "pronoun",
                    kind=entry["zh"],
                    kind_en=entry["en"],
                    own=own,
                    pronoun=m.group(),
                    other=entry["other_zh"],
                    other_en=entry["other_en"],
                    own_pronoun=own_pronoun,
                )

    def _level_words(self, doc, own: str):
        """`市本级` in the report of a district or county body (one finding per phrase)."""
        levels = ruledata.load("agency").get("level_words") or {}
        flat = flat_view(doc)
        text = flat.text
        every_higher = "".join(sorted({h for hs in levels.values() for h in hs}))
        if not every_higher or not re.search(rf"[{every_higher}]本级|对全[{every_higher}]", text):
            return  # nothing of a higher level: the agency's place need not be looked up
        located = places.own_place(doc)
        if located is not None and located.place_names:
            base = located.place_names[-1]  # `淮安市洪泽区人民政府办公室`: 洪泽区, a district
        else:
            place, _func = split_place(own)
            base = place or own
        level = next((ch for ch in reversed(base) if ch in levels), None)
        if level is None or not base.endswith(level):
            return
        if not re.search(rf"[我本全]{level}|{level}(?:财政|政府|委|级)", text):
            return  # the text never speaks of itself at its own level
        higher = "".join(levels[level])
        found = [(m.span(), m.group(), m.group(1)) for m in re.finditer(rf"([{higher}])本级", text)]
        found += self._higher_scope(text, higher)
        for (s, e), phrase, up in sorted(found):
            yield self.report(doc, flat.to_text(s, e), "level", level=level, own=own, text=phrase, higher=up)

    @staticmethod
    def _higher_scope(text: str, higher: str) -> list[tuple[tuple[int, int], str, str]]:
        """`对全市信息公开工作动态管理`: the whole of a higher level governed as the body's own."""
        scope = ruledata.load("agency").get("level_scope") or {}
        verbs = "|".join(re.escape(w) for w in scope.get("scope_verbs") or [])
        others = "|".join(re.escape(w) for w in scope.get("scope_others") or [])
        if not verbs:
            return []
        reach = int(scope.get("reach", 30))
        out = []
        boundaries: list[int] | None = None  # offsets of every clause boundary, found at the first phrase
        for m in re.finditer(rf"对(全([{higher}]))(?=[^{re.escape(BOUNDARY)}]{{0,{reach}}}?(?:{verbs}))", text):
            if boundaries is None:
                boundaries = [b.start() for b in _BOUNDARY_RE.finditer(text)]
            # the clause starts after the last boundary before the phrase: a bisection,
            # not a scan back to the start of the text for each boundary character
            before_phrase = bisect.bisect_left(boundaries, m.start())
            clause = boundaries[before_phrase - 1] + 1 if before_phrase else 0
            before = text[clause : m.start()]
            if m.group(2) in before or (others and re.search(others, before)):
                continue  # `市政府办对全市…考核`, `配合…对全市…检查`: another body acts
            out.append((m.span(1), m.group(1), m.group(2)))
        return out
