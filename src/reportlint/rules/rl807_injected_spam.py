"""RL807 injected-spam."""

from __future__ import annotations

import re
from functools import lru_cache

from reportlint.analysis.lines import to_text
from reportlint.core import pattern_store, ruledata
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.core.lazy_dataclass import dataclass
from reportlint.core.match_starts import Finder, looked_ahead
from reportlint.rules.base import Rule


class InjectedSpam(Rule):
    """Gambling, lottery or adult spam inside the report text.

    Mirror and hijacked sites insert advertising for casinos, lotteries and adult
    content into copies of government pages: casino brands (`澳门…娱乐城`), games
    (`百家乐`, `时时彩`, `北京赛车pk10`), offers (`注册送38元`, `首充即送彩金`), gambling domain
    names and runs of such keywords. Such text is not the agency's: the copy must not be
    used, and if the agency's own page shows it, the site has been tampered with and must
    be reported to the site's administrators. One finding per injected block, quoting
    it; a mirror that puts the same string in place of the site's or the agency's name
    (`365bet网上娱乐_…网址人民政府办公室`, `以及365bet…网址有关要求`) gets one finding for the
    string, at its first place, saying how often it occurs. The state lotteries are government topics (`体育彩票`, `福利彩票公益金`), and so
    is fighting gambling (`打击网络赌博`, `查处非法彩票`): words that can be either
    (`彩票`, `棋牌`, a digits-heavy domain like `8888.com`) count only together with
    another spam word in the same clause. The words are in ``rules/spam.yaml``.

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
        "体育彩票、福利彩票公益金和打击赌博的工作是机关自己的内容，不会被当作垃圾信息。"
    )
    messages = {
        "spam": T(
            "疑似被植入的垃圾信息“{text}”：这不是机关的文字，请核查来源和网站安全",
            "suspected injected spam '{text}': not the agency's text; check the source and the site's security",
        ),
        "spam_repeated": T(
            "疑似被植入的垃圾信息“{text}”，全文共出现{count}次（此处为第一次）："
            "这不是机关的文字，镜像站常用它替换机关或网站名称，请核查来源和网站安全",
            "suspected injected spam '{text}', {count} times in the text (first shown): not the agency's "
            "text, mirror sites put it in place of the agency's or the site's name; check the source "
            "and the site's security",
        ),
    }

    def check(self, doc):
        spam = _patterns()
        view = doc.view.text
        spans = [to_text(doc, s, e) for s, e in _injected(view, spam)]
        # The page's own header, fields and footer are left out of the view, and spam is
        # often planted in a footer: those regions are read as written.
        for a, b in doc.meta.page_spans:
            spans += [(a + s, a + e) for s, e in _injected(doc.text[a:b], spam)]
        # A mirror puts the same string in place of the site's or the agency's name
        # wherever it occurs: one finding per string, at its first place, with its count.
        groups: dict[str, list[tuple[int, int]]] = {}
        for span in sorted(spans):
            groups.setdefault(_key(doc.text[span[0] : span[1]]), []).append(span)
        for same in sorted(groups.values()):
            span = same[0]
            raw = doc.text[span[0] : span[1]]  # quoted as the user wrote it
            shown = raw if len(raw) <= 60 else raw[:60] + "…"
            if len(same) > 1:
                yield self.report(doc, span, "spam_repeated", text=shown, count=len(same))
            else:
                yield self.report(doc, span, "spam", text=shown)


def _key(raw: str) -> str:
    """Blocks with this key are the same injected string (case and spacing aside)."""
    return re.sub(r"\s+", "", raw).casefold()


def _injected(text: str, spam: _Spam) -> list[tuple[int, int]]:
    """The injected blocks of ``text`` (offsets in it)."""
    out = []
    for block in _blocks(text, _hits(text, spam), spam.max_gap, spam.clause_gap, spam.han_gap):
        s, e = block[0].start, max(h.end for h in block)
        strong = any(h.kind == "strong" for h in block)
        if not _is_spam(text, block):
            continue
        context = _context(text, s, e, strong)
        if spam.enforcement.search(context) or (not strong and spam.state_lottery.search(context)):
            continue
        out.append(_widen(text, s, e))
    return out


@dataclass(frozen=True)
class _Spam:
    strong: re.Pattern
    gambling: re.Pattern
    # finditer of each pattern behind a lookahead for the characters a match can begin
    # with (match_starts.looked_ahead): the long alternations are tried only there, and
    # the domain names only at Latin letters and digits
    find_strong: Finder
    find_gambling: Finder
    advertising: re.Pattern
    find_advertising: Finder
    domain: re.Pattern
    find_domain: Finder
    domain_gambling: re.Pattern
    domain_digits: int
    max_gap: int
    clause_gap: int
    han_gap: int
    enforcement: re.Pattern
    state_lottery: re.Pattern


@dataclass(frozen=True)
class _Hit:
    start: int  # view offsets
    end: int
    kind: str  # "strong" | "gambling" | "advertising" | "digits" (a digits-heavy domain)
    text: str


def _alternatives(patterns) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


@lru_cache(maxsize=1)
def _patterns() -> _Spam:
    data = ruledata.load("spam")
    weak = data["weak"]
    strong = pattern_store.compile(_alternatives(data["strong"]), re.I)
    gambling = pattern_store.compile(_alternatives(weak["gambling"]), re.I)
    advertising = pattern_store.compile(_alternatives(weak["advertising"]), re.I)
    domain = pattern_store.compile(data["domain"], re.I)
    return _Spam(
        strong=strong,
        gambling=gambling,
        find_strong=looked_ahead(strong),
        find_gambling=looked_ahead(gambling),
        advertising=advertising,
        find_advertising=looked_ahead(advertising),
        domain=domain,
        find_domain=looked_ahead(domain),
        domain_gambling=pattern_store.compile(data["domain_gambling"], re.I),
        domain_digits=int(data["domain_digits"]),
        max_gap=int(data["max_gap"]),
        clause_gap=int(data["clause_gap"]),
        han_gap=int(data["han_gap"]),
        enforcement=pattern_store.compile(data["enforcement"]),
        state_lottery=pattern_store.compile(data["state_lottery"]),
    )


def _hits(view: str, spam: _Spam) -> list[_Hit]:
    hits = [_Hit(m.start(), m.end(), "strong", m.group()) for m in spam.find_strong(view)]
    hits += [_Hit(m.start(), m.end(), "gambling", m.group()) for m in spam.find_gambling(view)]
    hits += [_Hit(m.start(), m.end(), "advertising", m.group()) for m in spam.find_advertising(view)]
    for m in spam.find_domain(view):
        name = m.group("name")
        if spam.domain_gambling.search(name):
            hits.append(_Hit(m.start(), m.end(), "strong", m.group()))
        elif sum(c.isdigit() for c in name) >= spam.domain_digits:
            hits.append(_Hit(m.start(), m.end(), "digits", m.group()))
    return sorted(hits, key=lambda h: (h.start, -h.end))


# Full-width forms too: the page's own regions are read as written, not folded.
_SENTENCE_END = pattern_store.compile(r"[。;；!！?？\n]")
_CLAUSE_END = pattern_store.compile(r"[。;；!！?？\n,，、]")


def _blocks(view: str, hits: list[_Hit], max_gap: int, clause_gap: int, han_gap: int) -> list[list[_Hit]]:
    """Hits close together, with no sentence end between them: one injected block each."""
    blocks: list[list[_Hit]] = []
    end = -1
    for h in hits:
        if blocks and h.start - end <= max_gap and _joins(view[min(end, h.start) : h.start], clause_gap, han_gap):
            blocks[-1].append(h)
            end = max(end, h.end)
        else:
            blocks.append([h])
            end = h.end
    return blocks


_FILLER = pattern_store.compile(r"[\s\W_]")


_HAN = pattern_store.compile(r"[\u4e00-\u9fff]")


def _joins(gap: str, clause_gap: int, han_gap: int) -> bool:
    """Whether hits with ``gap`` between them are one block: never across a sentence end;
    across a clause end only in a keyword list (`皇冠体育官网,太阳城娱乐`), not when the
    agency's words stand between (`…网址有关要求,并结合2022年365bet…` is two blocks)."""
    if _SENTENCE_END.search(gap):
        return False
    if _CLAUSE_END.search(gap):
        return len(_FILLER.sub("", gap)) <= clause_gap
    # nor across the agency's own words (`…网址交通运输局联系(地址:澳门…`): spam strings
    # run into each other, or stand apart by blanks, punctuation and a word or two
    return len(_HAN.findall(gap)) <= han_gap


def _is_spam(view: str, block: list[_Hit]) -> bool:
    """A strong hit, or a gambling word in company in its own clause: another gambling
    word, an advertising word or a digits-heavy domain (`棋牌室登记，公开网址` is not)."""
    if any(h.kind == "strong" for h in block):
        return True
    for g in block:
        if g.kind != "gambling":
            continue
        for h in block:
            if h is g or (h.kind == "gambling" and h.text == g.text):
                continue
            a, b = (g.end, h.start) if g.start < h.start else (h.end, g.start)
            if not _CLAUSE_END.search(view, min(a, b), max(a, b)):
                return True
    return False


def _context(view: str, s: int, e: int, strong: bool) -> str:
    """Where to look for words about fighting gambling: the clause(s) the block stands
    in for a block with a strong hit (spam pasted into the agency's sentence shares its
    sentence, not its clause), the whole sentence for words that can be either."""
    ends = _CLAUSE_END if strong else _SENTENCE_END
    before = max((m.end() for m in ends.finditer(view, max(0, s - 200), s)), default=max(0, s - 200))
    m = ends.search(view, e)
    after = m.start() if m else len(view)
    return view[before:after]


_LINKISH = pattern_store.compile(r"[A-Za-z0-9.\-_/:@]")


def _widen(view: str, s: int, e: int) -> tuple[int, int]:
    """Take in the domain names and numbers the block runs into (`…娱乐城8888.com`)."""
    while s > 0 and _LINKISH.match(view[s - 1]):
        s -= 1
    while e < len(view) and _LINKISH.match(view[e]):
        e += 1
    while e > s and view[e - 1] in ".:/-_":  # not the sentence's own full stop or colon
        e -= 1
    while s < e and view[s] in ".:/-_":  # nor the colon before it (`地址:澳门…`)
        s += 1
    return s, e
