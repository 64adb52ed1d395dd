"""RL535 foreign-place-name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from reportlint.analysis.agency_names import (
    BOUNDARY,
    CJK,
    continuation_re,
    flat_view,
    in_spans,
    own_names,
    sentence_bounds,
    squeeze,
)
from reportlint.analysis.clause_starts import ClausePattern
from reportlint.analysis.places import Division, OwnPlace, gazetteer, leading_places, own_place
from reportlint.core import pattern_store, ruledata
from reportlint.core.diagnostics import Diagnostic, Severity
from reportlint.core.i18n import T
from reportlint.document.model import Document
from reportlint.document.numerals import YEAR
from reportlint.document.page_meta import in_page
from reportlint.rules.base import Rule

CONTEXTS = {
    "subject": (
        "记述本机关工作的句子以“{name}”为主语",
        "a sentence about the agency's own work has '{name}' as its subject",
    ),
    "media": ("本机关发布渠道的名称“{outlet}”", "the name of the agency's own outlet '{outlet}'"),
}
_LOOKBACK = 12  # the longest place name looked for before an outlet's name


@lru_cache(maxsize=1)
def _data() -> dict:
    return ruledata.load("agency")["foreign_place"]


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=pattern_store.longest_first))


@lru_cache(maxsize=1)
def _clause_start() -> ClausePattern:
    return ClausePattern(BOUNDARY, rf"[ \t]*(?:{YEAR}[ \t]*年度?[ \t]*,?[ \t]*)?(?=[{CJK}])")


@lru_cache(maxsize=1)
def _bodies_re() -> re.Pattern:
    return pattern_store.compile(_alternation(_data()["subject_bodies"]))


@lru_cache(maxsize=1)
def _media_re() -> re.Pattern:
    return pattern_store.compile(_alternation(_data()["media"]))


@lru_cache(maxsize=1)
def _pronoun_re() -> re.Pattern:
    """`我县`, `本局`…: a sentence about another place acting on this body. (`全县` is not
    one: `泗阳县…全县…` speaks of that county as the report's own.)"""
    words = [w for w in ruledata.load("agency")["self_pronouns"] if w[0] in "我本"]
    return pattern_store.compile(_alternation(words))


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    return frozenset(_data().get("common_word_places") or ())


@lru_cache(maxsize=1)
def _legitimate_re() -> re.Pattern:
    return pattern_store.compile(_alternation(_data()["legitimate"]))


def _place_before(text: str, pos: int, short: bool) -> tuple[int, tuple[Division, ...]] | None:
    """The place name that ends at ``pos`` (the longest; full names of three characters
    or more, or, with ``short``, the short form of a province or a city: `宿迁`)."""
    gaz = gazetteer()
    for k in range(min(_LOOKBACK, pos), 2, -1):
        name = text[pos - k : pos]
        cands = gaz.by_name.get(name)
        if not cands:
            continue
        if name in _common_words():
            # `老城区` is a place only right after its city: `洛阳市老城区`
            cands = tuple(c for c in cands if c.parent and text.endswith(gaz.by_code[c.parent].name, 0, pos - k))
            if not cands:
                return None
        return pos - k, cands
    if short:
        for k in range(min(6, pos), 1, -1):
            cands = gaz.by_short.get(text[pos - k : pos])
            if cands:
                return pos - k, cands
    return None


def _describe(place: OwnPlace) -> str:
    gaz = gazetteer()
    d = place.divisions[0]
    chain = [a.name for a in reversed(gaz.ancestors(d.code))] + [d.name]
    return "".join(chain) if len(place.divisions) == 1 else d.name


class ForeignPlaceName(Rule):
    """Another place is named where the report speaks of its own place.

    Reports are often written over another place's report, and its place name stays
    behind: ``2021年，泗阳县认真贯彻…`` or ``通过泗阳县人民政府网公开`` in the report of
    沭阳县人民政府. The agency's place is read from its name (title, ``由XX编制``,
    signature) and the gazetteer of administrative divisions. Reported: a place that is
    neither the agency's own nor above it (its city or province are not foreign), when
    it is the subject of a sentence about the report's work or names the outlet the
    agency publishes through (``XX县融媒体中心``, ``XX日报``, ``XX市人民政府网``). A place
    below the agency may be a sentence's subject in any report (``溧阳市积极推进…`` in a
    city bureau's), and its outlets are a people's government's own. Sentences that
    name another place on purpose (support, visits, reprints, exchanges, rankings) and
    names of documents (``《…》``) are left alone, and so is every report whose own place
    is unknown or whose names disagree.

    Bad:
        沭阳县人民政府2021年政府信息公开工作年度报告
        2021年，泗阳县认真贯彻落实《中华人民共和国政府信息公开条例》。
    Good:
        沭阳县人民政府2021年政府信息公开工作年度报告
        2021年，沭阳县认真贯彻落实《中华人民共和国政府信息公开条例》，在宿迁日报开设专栏。
    """

    code = "RL535"
    name = "foreign-place-name"
    category = "consistency"
    severity = Severity.WARNING
    summary_zh = "本应指称本地的地方出现了其他地方的地名。"
    rationale_zh = (
        "年报常在其他地方的报告上改写，留下的地名（沭阳县人民政府的报告里写“2021年，泗阳县认真贯彻……”"
        "“通过泗阳县人民政府网公开”）会让读者以为说的是别的地方。本机关的所在地由其名称（标题、“由XX编制”、落款）"
        "按行政区划表判断。报告以下情形：一个既不是本地、也不是本地上级（所在的市、省不算外地）的地名，"
        "作为记述本报告工作的句子的主语，或出现在本机关发布渠道的名称中（“XX县融媒体中心”“XX日报”“XX市人民政府网”）。"
        "本地下辖的地方可以作主语（市级部门的报告写“溧阳市积极推进……”），其发布渠道也是人民政府自己的。有意提及其他地方的句子（对口支援、考察学习、转载、交流、排名等）"
        "和文件名称（《……》）不报告；本机关所在地不明或各处名称不一致的报告不检查。"
    )
    messages = {
        "foreign": T(
            "{where}，但本报告是“{own}”（{own_place}）的，“{name}”既不是本地也不是本地的上级；"
            "疑为从其他地方的报告复制，请改为本地的名称",
            "{where_en}, but this is the report of '{own}' ({own_place}), and '{name}' is neither that place nor above it;"
            " likely copied from another place's report: use the agency's own place",
        ),
    }

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        place = own_place(doc)
        if place is None or not place.divisions:
            return
        flat = flat_view(doc)
        text = flat.text
        protected = flat.protected()
        refs = [r.span for r in own_names(doc).refs]
        # a government's own counties are its own; any body may speak of the places below
        # it as the subject of a sentence (`溧阳市积极推进…` in a city bureau's report), but
        # only a government publishes through their outlets
        allow_descendants = {"subject": True, "media": place.kind == "government"}
        own = squeeze(doc.meta.agency or place.name)
        own_desc = _describe(place)
        found: list[tuple[int, int, str, dict]] = []
        for s, e, cands, ctx, params in self._candidates(text):
            if in_spans(s, e, protected) or not place.is_foreign(cands, allow_descendants[ctx]):
                continue
            ss, se = sentence_bounds(text, s)
            if _legitimate_re().search(text, ss, se) or _pronoun_re().search(text, ss, se):
                continue  # `赴泗阳县考察`, `南京市在我县召开…`: another place on purpose
            found.append((s, e, ctx, params))
        seen: set[tuple[int, int]] = set()
        for s, e, ctx, params in sorted(found):
            span = flat.to_text(s, e)
            if span in seen or any(not (span[1] <= a or span[0] >= b) for a, b in refs):
                continue
            if in_page(doc, *span):
                continue  # the web page's own fields (`来源：…`) are not the report's text
            seen.add(span)
            zh, en = CONTEXTS[ctx]
            yield self.report(
                doc,
                span,
                "foreign",
                name=params["name"],
                own=own,
                own_place=own_desc,
                where=zh.format(**params),
                where_en=en.format(**params),
            )

    def _candidates(self, text: str) -> Iterator[tuple[int, int, tuple[Division, ...], str, dict[str, str]]]:
        """(start, end, divisions, context, params) for every place in a self-reference."""
        starts: set[int] = set()
        first_chars = gazetteer().longest_from
        for _start, m in _clause_start().matches(text):
            start = m.end()
            if text[start] not in first_chars:
                continue  # no place name begins with this (CJK) character: no chain here
            chain = leading_places(text[start : start + 40])
            if chain is None or (
                len(chain.names) == 1 and (len(chain.names[0]) < 3 or chain.names[0] in _common_words())
            ):
                continue  # `沛县`, `老城区`: too short or an ordinary word without its city
            pos = start + chain.end
            if not continuation_re().match(text, pos):
                body = _bodies_re().match(text, pos)
                if body is None or not continuation_re().match(text, body.end()):
                    continue
            name = chain.names[-1]
            s = pos - len(name)
            if s in starts:
                continue
            starts.add(s)
            yield s, pos, chain.candidates, "subject", {"name": name}
        short_media = set(_data()["short_media"])
        for m in _media_re().finditer(text):
            hit = _place_before(text, m.start(), m.group() in short_media)
            if hit is None:
                continue
            s, cands = hit
            name = text[s : m.start()]
            yield s, m.start(), cands, "media", {"name": name, "outlet": text[s : m.end()]}
