"""The page around the report: a crawler's export header and a web page's own fields.

A report that reaches a reviewer as a crawler export or a copied web page carries the
page with it:

* a **crawler header** at the top (`标题: …`, `发布时间: 2024-03-08 15:34`, `栏目: …`,
  `原文链接: …`, closed by a `==== 正文 ====` line);
* **page fields and chrome** next to the report text, often on the same line as it
  (`当前位置： 首页政务公开… 来源：… 时间：2022-02-08 16:34 微信 微博 QQ空间 --> 根据…`,
  `…情况。 附件下载`), or on lines of their own above and below it: breadcrumbs
  (`首页 > 政务公开 > 年报`), `发布时间：… 来源：… 浏览次数：…`, `字体：【大 中 小】 【打印】【关闭】`,
  and, after the report, whole lines of navigation (`上一篇：…`, `下一篇：…`) and the site's
  footer (`版权所有`, `ICP备…`, `技术支持：…` — only there, never before the report).

Chrome is read as tokens from the start of the body forwards and from its end
backwards; a run of tokens (blank lines and the `|` between links included) is one
cluster, reported once by RL801. The forward run passes over the report's title (twice
when the page shows it twice), over the page's first line whatever it says when the
next line is nothing but page fields with a date among them (a notice's or a news
item's page), and takes an empty list item (`• -`) of the page's field list with it.

This module finds them in the normalised view, records the metadata on ``doc.meta``
(page title, publication date, publisher, source), records the chrome clusters for
RL801, and removes both from ``doc.view`` so that no rule reads them as report text
(``meta.page_spans`` lets rules that scan ``doc.text`` skip them too). The data is
``rules/meta.yaml`` (``page``) and ``rules/debris.yaml`` (``page_chrome``).

What the page says about the report is used only where the report says nothing: the
title field when the body has no title, the publication date when the body has no
dated signature (RL607–RL609). The page's ``来源``/``发布机构`` is recorded but never
compared with the report's agency: a CMS fills it with the site's owner or whoever
uploaded the page (平潭综合实验区's reports show ``来源：平潭县人民政府``, the county the
zone administers), the report's author cannot change it in the report, and a finding
about it would be about the web site, not the report.
"""

from __future__ import annotations

import re
from array import array
from functools import lru_cache

from reportlint.core import pattern_store, ruledata
from reportlint.core.lazy_dataclass import dataclass
from reportlint.document.model import Dated, Document, Span
from reportlint.document.normalize import View
from reportlint.document.numerals import DATE, parse_date

# CMS templates space a date's parts out (`2019- 03- 01 15: 12`)
_SPACED_NUMERIC = r"\d{4}[ \t]*[-./][ \t]*(?:1[0-2]|0?[1-9])[ \t]*[-./][ \t]*(?:3[01]|[12][0-9]|0?[1-9])(?!\d)"
_TIME = r"(?:[ \t]+\d{1,2}[ \t]*:[ \t]*\d{2}(?:[ \t]*:[ \t]*\d{2})?)?"
_DATE_VALUE = rf"(?P<date>{_SPACED_NUMERIC}|{DATE}){_TIME}"
_END = r"(?=[\s|【\[]|$)"  # a blank, a `|` between links, or the next button (`【打印】【关闭】`)
# Compiled here, through the pattern store, not by `re` on the first report of a process.
_LABEL_BLANKS = pattern_store.compile(r"[ \t\u3000]+")
_DATE_START = pattern_store.compile(rf"{_SPACED_NUMERIC}|{DATE}")
_TABS_SPACES = pattern_store.compile(r"[ \t]")
_FIELD_LABEL = pattern_store.compile(r"[^:|]*[:|][ \t|]*")
_MARKER_ONLY = pattern_store.compile(r"[ \t]*(?:[•·●▪◆■]|-)[ \t]*")


@dataclass(eq=False)  # read-only once built; not frozen, which costs import time
class _Page:
    """The patterns and words of ``rules/`` that describe a web page's own fields."""

    roles: dict[str, str]
    field_line: re.Pattern  # a whole header line `label: value`
    separator: re.Pattern
    notes: re.Pattern | None
    scan_lines: int
    min_fields: int
    scan_chars: int
    token: re.Pattern  # one inline token (breadcrumb, field, chrome word) at a position
    tail_token: re.Pattern  # the same, anchored at the end of a slice
    chrome_labels: tuple[str, ...]
    chrome_strong: tuple[bool, ...]
    line_token: re.Pattern | None  # a whole line of chrome (上一篇：…, the site's footer), fullmatched
    line_labels: tuple[str, ...]
    line_tail_only: tuple[bool, ...]  # the footer: only after the report


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=pattern_store.longest_first))


def _spaced_alt(words) -> str:
    """Field labels, also as CMS templates space them out to a column's width (`索 引 号`)."""
    return "|".join("[ \t]?".join(map(re.escape, w)) for w in sorted(words, key=pattern_store.longest_first))


def _label(text: str) -> str:
    """A field label as written (`索 引 号：`) → as listed (`索引号`)."""
    return _LABEL_BLANKS.sub("", text).rstrip(":")


@lru_cache(maxsize=1)
def _page() -> _Page:
    data = ruledata.load("meta")["page"]
    every = ruledata.load("debris").get("page_chrome", [])
    chrome = [c for c in every if not c.get("line")]
    whole = [c for c in every if c.get("line")]
    roles = dict(data["fields"])
    labels = _spaced_alt(roles)
    dated = _spaced_alt(k for k, v in roles.items() if v == "published")
    others = _spaced_alt(k for k, v in roles.items() if v != "published")
    seps = "".join(re.escape(s) for s in data["breadcrumb_separators"])
    crumb = r"[^\s" + seps + r"]{1,40}"
    breadcrumb = (
        rf"(?:{_alt(data['breadcrumb_labels'])})[ \t]*:[ \t]*"
        rf"{crumb}(?:[ \t]*[{seps}]+[ \t]*{crumb})*[ \t]*[{seps}]*"  # `首页 > 政务公开`, `首页 >> 年报`
    )
    parts = [rf"(?P<crumb>{breadcrumb}){_END}"]
    # chrome before the fields: a counter (`浏览次数：[ 123 ]`) is read whole, not as a field
    for i, c in enumerate(chrome):
        # the button as text, or as a Markdown link of a converted page (`[打印本页](javascript:…)`)
        parts.append(rf"(?P<c{i}>\[[ \t]*(?:{c['pattern']})[ \t]*\]\([^\s]*\)|{c['pattern']}){_END}")
    parts += [
        # a dated field: the value must be a date (`时间:2022-02-08 16:34`)
        # (or the next field's label: `…17:48来源：…`, the template's blank lost)
        rf"(?P<dfield>(?P<dlabel>{dated})[ \t]*:[ \t]*{_DATE_VALUE})(?:{_END}|(?=(?:{labels})[ \t]*:))",
        # another field: one run of non-blank characters, or nothing (`文号: `, `作者：  浏览次数：3`)
        rf"(?P<field>(?P<flabel>{others})[ \t]*:[ \t]*(?P<fvalue>(?!(?:{labels})[ \t]*:)[^\s【|]{{1,60}})?){_END}",
    ]
    body = "|".join(parts)
    line_token = "|".join(rf"(?P<l{i}>{c['pattern']})" for i, c in enumerate(whole))
    notes = data.get("header_notes") or []
    return _Page(
        roles=roles,
        field_line=pattern_store.compile(rf"(?P<label>{labels})[ \t]*:[ \t]*(?P<value>.*?)[ \t]*"),
        separator=pattern_store.compile(data["header_separator"]),
        notes=pattern_store.compile("|".join(f"(?:{n})" for n in notes)) if notes else None,
        scan_lines=int(data.get("header_scan_lines", 30)),
        min_fields=int(data.get("header_min_fields", 2)),
        scan_chars=int(data.get("scan_chars", 600)),
        token=pattern_store.compile(body),
        tail_token=pattern_store.compile(rf"(?:^|(?<=[\s|】\]]))(?:{body})[\s|]*\Z"),  # `网站地图 | 联系我们`
        chrome_labels=tuple(c["label"] for c in chrome),
        chrome_strong=tuple(bool(c.get("strong", True)) for c in chrome),
        line_token=pattern_store.compile(line_token) if line_token else None,
        line_labels=tuple(c["label"] for c in whole),
        line_tail_only=tuple(bool(c.get("tail")) for c in whole),
    )


@dataclass(eq=False)
class _Token:
    """One piece of a web page's header (a breadcrumb, a field, chrome) found in the view."""

    start: int  # view offsets
    end: int
    kind: str  # "crumb" | "field" | "chrome" | "title" | "empty" (a list item with no text)
    label: str = ""
    strong: bool = True


def analyse(doc: Document, title_at) -> None:
    """Find the page's metadata and chrome; record them on ``doc.meta`` and take them
    out of ``doc.view``. ``title_at(v, pos)`` returns the end of a report title that
    starts at ``pos`` (or None): a title between page fields is the report's title, kept."""
    p = _page()
    v = doc.view.text
    drop: list[tuple[int, int]] = []
    body = _header(doc, v, p, drop, title_at)
    head = _inline(doc, v, p, body, title_at, drop, forward=True)
    _inline(doc, v, p, max(head, body), title_at, drop, forward=False)
    if not drop:
        return
    drop.sort()
    spans: list[Span] = []
    text = doc.text
    for s, e in (doc.view.to_source(s, e) for s, e in drop):
        if spans and not text[spans[-1][1] : s].strip():
            spans[-1] = (spans[-1][0], e)  # only blanks between: one region
        else:
            spans.append((s, e))
    doc.meta.page_spans = spans
    doc.view = _without(doc.view, drop)


# -- the crawler header -------------------------------------------------------------------


def _lines(v: str, limit: int):
    pos = 0
    n = 0
    while pos <= len(v) and n < limit:
        end = v.find("\n", pos)
        end = len(v) if end == -1 else end
        yield pos, end
        n += 1
        if end == len(v):
            return
        pos = end + 1


def _header(doc: Document, v: str, p: _Page, drop: list, title_at) -> int:
    """The crawler header at the top; returns the view offset where the body starts."""
    fields: list[tuple[str, int, int, int, int]] = []  # role, line start/end, value start/end
    end_of_header = None
    run_end = None  # end of the leading run of field lines
    in_run = True
    for s, e in _lines(v, p.scan_lines):
        a, b = s, e
        while a < b and v[a] in " \t":
            a += 1
        while b > a and v[b - 1] in " \t":
            b -= 1
        if a == b:
            continue
        if p.separator.fullmatch(v[a:b]):
            end_of_header = e
            break
        m = p.field_line.fullmatch(v, a, b)
        if m is not None:
            fields.append((p.roles[_label(m.group("label"))], a, b, m.start("value"), m.end("value")))
            if in_run:
                run_end = e
            continue
        if p.notes is not None and p.notes.match(v[a:b]):
            if in_run:
                run_end = e
            continue
        in_run = False
    if end_of_header is None:
        if run_end is None:
            return 0
        fields = [f for f in fields if f[2] <= run_end]
        lone_title = (
            len(fields) == 1
            and fields[0][0] == "title"
            and title_at(v, fields[0][3]) is not None  # `标题: XX局2021年…年度报告` alone
        )
        if len(fields) < p.min_fields and not lone_title:
            return 0
        end_of_header = run_end
    elif not fields:
        return 0
    else:
        fields = [f for f in fields if f[2] <= end_of_header]
    for role, _a, _b, vs, ve in fields:
        _record(doc, v, role, vs, ve)
    stop = end_of_header + 1 if end_of_header < len(v) else end_of_header
    drop.append((0, stop))
    return stop


def _record(doc: Document, v: str, role: str, vs: int, ve: int) -> None:
    """Record a field's value (view span) on the meta, the first of each kind winning."""
    meta = doc.meta
    value = v[vs:ve].strip()
    if not value:
        return
    span = doc.view.to_source(vs, ve)
    if role == "title" and meta.page_title is None:
        meta.page_title, meta.page_title_span = value, span
    elif role == "published" and meta.published_on is None:
        m = _DATE_START.match(value)
        when = parse_date(_TABS_SPACES.sub("", m.group())) if m else None
        if m is not None and when is not None:
            ds = doc.view.to_source(vs, vs + m.end())
            meta.published_on = Dated(value=when, span=ds, raw=doc.text[ds[0] : ds[1]])
    elif role in ("publisher", "source") and meta.publisher is None:
        meta.publisher, meta.publisher_span = value, span


# -- inline page fields and chrome ------------------------------------------------------


def _classify(p: _Page, m: re.Match, base: int) -> _Token:
    s, e = m.start() + base, m.end() + base
    if m.group("crumb") is not None:
        return _Token(s, e, "crumb", "当前位置")
    if m.group("dfield") is not None:
        return _Token(s, e, "field", _label(m.group("dlabel")))
    if m.group("field") is not None:
        return _Token(s, e, "field", _label(m.group("flabel")))
    i = int((m.lastgroup or "")[1:])  # a chrome alternative matched: its group is named c<i>
    return _Token(s, e, "chrome", p.chrome_labels[i], p.chrome_strong[i])


def _inline(doc: Document, v: str, p: _Page, start: int, title_at, drop: list, forward: bool) -> int:
    """Page tokens at the start (``forward``) or the end of the body. Returns the view
    offset after the head tokens (``start`` when there are none)."""
    tokens: list[_Token] = []
    if forward:
        pos = start
        limit = min(len(v), start + p.scan_chars)
        title = ""  # the report's title between the page's fields, once read
        while pos < limit:
            pos = _skip_blanks(v, pos)
            item = _bullet_at(v, pos)
            if item is not None:  # a CMS renders the fields as a list: `• 来源：…`, `- 索引号：…`
                empty = _empty_items(v, pos, item)
                if tokens and empty is not None:  # an empty item (`• -`) of the list goes with it
                    tokens.append(_Token(pos, empty, "empty", strong=False))
                pos = item
                if tokens:
                    m = _LIST_DATE.match(v, pos)
                    if m is not None:  # a list item that is just the date (`• 2021-01-30`)
                        tokens.append(_Token(m.start(), m.end(), "field", "发布日期"))
                        pos = m.end()
                        continue
            row = _meta_row(v, p, pos)
            if row:
                tokens.extend(row)
                pos = row[-1].end
                continue
            line = _chrome_line(v, p, pos, tail=False)
            if line is not None:
                tokens.append(line)
                pos = line.end
                continue
            m = p.token.match(v, pos)
            if m is not None and m.end() > pos:
                tok = _classify(p, m, 0)
                while tok.end > tok.start and v[tok.end - 1] in " \t\n|":
                    tok.end -= 1  # `分享到` and the blanks a `\s*` took after it
                tokens.append(tok)
                pos = m.end()
                continue
            if title:  # the page's heading and the article's: the same title twice
                t_end = pos + len(title) if v.startswith(title, pos) else None
            else:
                t_end = title_at(v, pos)
                if t_end is None and not tokens and pos == _skip_blanks(v, start):
                    t_end = _heading(v, p, pos)
            if t_end is not None and (t_end >= len(v) or v[t_end] in " \t\n|"):
                title = v[pos:t_end]
                tokens.append(_Token(pos, t_end, "title"))
                pos = t_end
                continue
            break
    else:
        end = len(v)
        floor = max(start, len(v) - p.scan_chars)
        while end > floor:
            line = _chrome_line(v, p, _last_line_start(v, end, floor), tail=True)
            if line is not None and not v[line.end : end].strip():
                tokens.append(line)
                end = line.start
                continue
            m = p.tail_token.search(v, max(floor, end - 120), end)
            if m is None or m.start() < floor:
                break
            tok = _classify(p, m, 0)
            k = tok.end
            while k > tok.start and v[k - 1] in " \t\n|":
                k -= 1
            tok.end = k
            tokens.append(tok)
            end = m.start()
        tokens.reverse()
    page = [t for t in tokens if t.kind != "title"]
    real = [t for t in page if t.kind != "empty"]
    if not real:
        return start
    if not any(t.strong for t in real) and len(real) < 2:
        return start  # a lone common word (`微信`) is not page chrome
    for i, t in enumerate(page):
        drop.append((_item_start(v, t.start), t.end))
        if i and not _BULLETS.sub("", v[page[i - 1].end : t.start]).strip(" \t\r\n|"):
            drop.append((page[i - 1].end, t.start))  # the blanks and `|` between two tokens go too
        if t.kind == "field":
            m = _FIELD_LABEL.match(v[t.start : t.end])  # `label:` or a `label | value` row
            vs = t.start + (m.end() if m else 0)
            _record(doc, v, p.roles.get(t.label, "other"), vs, t.end)
    # Inside the report text, the page's fields are page debris too (they are recorded
    # as metadata above); only a crawler's header block is not.
    spans = [doc.view.to_source(_item_start(v, t.start), t.end) for t in page]  # with its list marker
    labels: list[str] = []
    for t in real:
        if t.label not in labels:
            labels.append(t.label)
    doc.meta.page_debris.append(((spans[0][0], spans[-1][1]), labels, spans))
    if not forward:
        doc.meta.debris_span = (spans[0][0], spans[-1][1])  # the report ends before it
    return max(t.end for t in tokens) if forward else start


# A list item's marker at a line start (`•`, `·`, `●`, `- `), as CMS pages render their fields.
_BULLET = pattern_store.compile(r"[•·●▪◆■][ \t]*|-(?:[ \t]+|(?=\n|\Z))")
_BULLETS = pattern_store.compile(r"(?:(?<=\n)|^)[ \t]*(?:[•·●▪◆■]|-(?=[ \t\n]|\Z))", re.M)
_LIST_DATE = pattern_store.compile(rf"{_DATE_VALUE}(?=[ \t]*(?:\n|\Z))")


def _skip_blanks(v: str, pos: int) -> int:
    while pos < len(v) and v[pos] in " \t\n|":
        pos += 1
    return pos


def _bullet_at(v: str, pos: int) -> int | None:
    """After the list markers starting their lines at ``pos`` (an empty item's `-`
    too): where the item's text starts; None when there is no marker."""
    out = None
    while pos < len(v):
        if _BULLETS.sub("", v[v.rfind("\n", 0, pos) + 1 : pos]).strip():
            break  # text before it on its line: not a list marker
        m = _BULLET.match(v, pos)
        if m is None:
            break
        pos = out = _skip_blanks(v, m.end())
    return out


def _heading(v: str, p: _Page, pos: int) -> int | None:
    """The end of the page's heading at ``pos`` (its first line, whatever it says: the
    page of a notice or a news item, not a report's title) when the next line is a line
    of page fields — nothing but page tokens, a dated field among them
    (`发布时间：2024-01-10 18:11 来源：… 浏览量： 【字号：  打印`); None otherwise."""
    end = v.find("\n", pos)
    if end == -1 or end - pos > 100:
        return None
    k = _skip_blanks(v, end)
    line_end = v.find("\n", k)
    line_end = len(v) if line_end == -1 else line_end
    dated = False
    while k < line_end:
        m = p.token.match(v, k)
        if m is None or m.end() <= k:
            return None
        dated = dated or m.group("dfield") is not None
        k = m.end()
        while k < line_end and v[k] in " \t|":
            k += 1
    return end if dated else None


def _empty_items(v: str, pos: int, item: int) -> int | None:
    """The end of the empty list items (`• -`, `•`: markers alone on their lines) among
    the markers between ``pos`` and the item's text at ``item``; None when there are none."""
    run = v[pos:item]
    last = run.rfind("\n")
    if last == -1 or not run[:last].strip():
        return None
    return pos + len(run[:last].rstrip())


def _item_start(v: str, start: int) -> int:
    """``start``, or the start of the list marker before it on its line."""
    a = v.rfind("\n", 0, start) + 1
    m = _MARKER_ONLY.fullmatch(v[a:start])
    return a + len(v[a:start]) - len(v[a:start].lstrip(" \t")) if m else start


def _chrome_line(v: str, p: _Page, pos: int, tail: bool) -> _Token | None:
    """A whole line of page chrome (`上一篇：…`, the site's footer) starting at ``pos``,
    which must be the first non-blank character of its line; ``tail``: after the report."""
    if p.line_token is None or pos >= len(v) or v[pos].isspace():
        return None
    a = v.rfind("\n", 0, pos) + 1
    if v[a:pos].strip():
        return None  # report text before it on the same line
    b = v.find("\n", pos)
    b = len(v) if b == -1 else b
    while b > pos and v[b - 1] in " \t":
        b -= 1
    m = p.line_token.fullmatch(v, pos, b)
    if m is None:
        return None
    i = int((m.lastgroup or "l0")[1:])
    if p.line_tail_only[i] and not tail:
        return None
    return _Token(pos, b, "chrome", p.line_labels[i])


def _last_line_start(v: str, end: int, floor: int) -> int:
    """The first non-blank character of the last non-blank line before ``end``."""
    b = end
    while b > floor and v[b - 1].isspace():
        b -= 1
    a = max(floor, v.rfind("\n", 0, b) + 1)
    while a < b and v[a] in " \t":
        a += 1
    return a


def _meta_row(v: str, p: _Page, pos: int) -> list[_Token]:
    """A page's metadata table row, cells between `|` (`索引号 | 0001 | 发布日期 | 2022-01-10`):
    at least two of its cells are field labels, each followed by its value cell."""
    a = v.rfind("\n", 0, pos) + 1
    b = v.find("\n", pos)
    b = len(v) if b == -1 else b
    line = v[a:b]
    if line.count("|") < 2:
        return []
    out: list[_Token] = []
    cells: list[tuple[int, int]] = []
    k = a
    for part in line.split("|"):
        s, e = k, k + len(part)
        k = e + 1
        while s < e and v[s] in " \t":
            s += 1
        while e > s and v[e - 1] in " \t":
            e -= 1
        if s < e:
            cells.append((s, e))
    labels = 0
    i = 0
    while i < len(cells):
        s, e = cells[i]
        label = _label(v[s:e])
        if label in p.roles and i + 1 < len(cells):
            labels += 1
            _vs, ve = cells[i + 1]
            out.append(_Token(s, ve, "field", label))
            i += 2
            continue
        if label in p.roles:
            labels += 1
            out.append(_Token(s, e, "field", label))
        else:
            return []  # a cell that is neither a label nor a label's value: a real table row
        i += 1
    return out if labels >= 2 and out[0].start >= pos else []


# -- the view without the page ----------------------------------------------------------


def _without(view: View, drop: list[tuple[int, int]]) -> View:
    parts: list[str] = []
    src = array("l")
    pos = 0
    text = view.text
    for s, e in drop + [(len(text), len(text))]:
        if s > pos:
            parts.append(text[pos:s])
            src.extend(view.src[pos:s])
        pos = max(pos, e)
    src.append(view.src[len(text)])
    return View("".join(parts), src, script_changed=view.script_changed)


def in_page(doc: Document, start: int, end: int | None = None) -> bool:
    """Whether the text span (offsets in ``doc.text``) lies inside the page's metadata."""
    end = start if end is None else end
    return any(s <= start and end <= e for s, e in doc.meta.page_spans)
