"""Finding and loading last year's report for the cross-year rules (RL520–RL523).

Rules never touch files: a rule that declares ``needs_previous`` finds last year's
:class:`~reportlint.document.model.Document` on ``doc.previous``, which the engine
(:mod:`reportlint.run.engine`) resolves here before the rule runs, in this order:

1. the report given with ``--previous FILE``;
2. the report named by the rule's ``previous`` option (a path, relative to the
   report's folder or the working directory);
3. found automatically — a report in the same folder whose year is one less and
   whose agency is the same.

Candidates are read lazily — only their meta (title, year, agency) is analysed — in
this order, and the search stops at the first match:

a. files whose name, its year digits removed, is this file's name with its year removed
   (``淮安-2024.txt`` for ``淮安-2025.txt``), those naming the wanted year first;
b. every file whose name carries the wanted year;
c. when this file's name carries its own year (files here are named by year), the first
   :data:`MAX_UNNAMED` files naming no year at all; otherwise every other file.

(a) and (b) are never capped, nor is (c) when this file's name carries no year: last
year's report is found however many reports the folder holds. Cost bound: one
:class:`PreviousFinder` per engine remembers every meta it has read or been given
(:meth:`PreviousFinder.remember`), so over a whole run each file of a folder is read at
most once, and the folder is listed once. Metas already known are looked up in an index
by year and agency, and a cursor per candidate group marks how far every file is
known, so a search walks only files not read yet: a batch over a folder of *n* reports
is linear in *n*, not quadratic. A single check reads at most the metas of (a), of the
files naming last year and of :data:`MAX_UNNAMED` more when its file's name carries its
year; when it carries none and the folder holds no report of its agency for last year,
every neighbour's meta. Each neighbour is read on a clock of its own
(:func:`~reportlint.run.limits.time_limit_of_its_own`): a search through thousands of
reports is not charged to the time limit of the file that happens to walk past them.

The pairing is decided from metas alone (:meth:`PreviousFinder.choose`), so the result
cache can key a file on the report it is paired with rather than on the whole folder,
and keep metas between runs (:class:`MetaStore`).
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import field
from pathlib import Path
from typing import Protocol

from reportlint.core import pattern_store
from reportlint.core.lazy_dataclass import dataclass
from reportlint.document.model import Document
from reportlint.run.limits import NeighbourTimeLimit, time_limit_of_its_own

MAX_UNNAMED = 300  # files naming no year looked at when this file's name names its year
AGENCY_SUFFIX = 4  # see same_agency


def normalise_agency(name: str | None) -> str:
    return re.sub(r"[\s\u3000]+", "", name or "")


def same_agency(a: str | None, b: str | None) -> bool:
    """Same agency: equal names, or one is a suffix of the other (``区科技局`` /
    ``台儿庄区科技局``) and at least four characters long."""
    x, y = normalise_agency(a), normalise_agency(b)
    if not x or not y:
        return False
    if x == y:
        return True
    short, long_ = sorted((x, y), key=len)
    return len(short) >= AGENCY_SUFFIX and long_.endswith(short)


@dataclass
class CandidateMeta:
    year: int | None
    agency: str | None
    certain: bool = True  # see identity_is_certain


def identity_is_certain(meta) -> bool:
    """Whether a report's year and agency were read surely enough to pair it with
    another year's report: both known, the agency looks like an agency's name, and the
    statistical period (when there is one) names the same year. One misread report
    must not cascade findings onto its neighbours in a folder."""
    from reportlint.document.meta import agency_kind

    if meta.year is None or not normalise_agency(meta.agency):
        return False
    if agency_kind(meta.agency) is None:
        return False
    for dated in (meta.period_start, meta.period_end):
        if dated is not None and dated.value.year != meta.year:
            return False
    return True


def read_meta(path: str, facts: dict | None = None, max_bytes: int | None = None) -> CandidateMeta:
    """Year and agency of a report, from its meta only (no sections, no tables)."""
    from reportlint import readers
    from reportlint.document import meta
    from reportlint.document.normalize import build_view

    extracted = readers.read(path, max_bytes=max_bytes or readers.DEFAULT_MAX_BYTES)
    doc = Document(extracted=extracted, view=build_view(extracted.text))
    meta.analyse(doc)
    return candidate_meta(doc.meta, facts)


def candidate_meta(meta, facts: dict | None = None) -> CandidateMeta:
    """A report's year, agency and whether both are certain, from its analysed meta and
    its configured facts — the same whether the meta came from :func:`read_meta` or from
    the full Document of a check (:meth:`PreviousFinder.remember`), so serial and
    parallel runs, and cached and fresh ones, pair the same reports. A configured year
    is certain by itself: the agency need only be known."""
    if facts and facts.get("year"):
        return CandidateMeta(int(facts["year"]), meta.agency, bool(normalise_agency(meta.agency)))
    return CandidateMeta(meta.year, meta.agency, identity_is_certain(meta))


def load_document(path: str, facts: dict | None = None, max_bytes: int | None = None) -> Document:
    from reportlint import readers
    from reportlint.document.build import build_document

    return build_document(readers.read(path, max_bytes=max_bytes or readers.DEFAULT_MAX_BYTES), facts)


class MetaStore(Protocol):
    """Metas kept between runs (the result cache's, :mod:`reportlint.run.cache`), keyed
    on a file's content and the facts and size limit it is read with."""

    def load(self, path: str, facts: dict, max_bytes: int | None) -> CandidateMeta | None: ...

    def save(self, path: str, facts: dict, max_bytes: int | None, meta: CandidateMeta) -> None: ...


UNKNOWN = "\0unknown"  # what choose(read=False) gives when it cannot tell without reading


class _NotKnown(Exception):
    """A candidate's meta is neither known nor stored (choose(read=False))."""


# Previous-year Documents kept at once: --previous's (used by every file) and the few a
# batch is pairing now. Each is a whole report: a run over ten thousand must not keep
# every one it has paired.
KEPT_DOCUMENTS = 8


class PreviousFinder:
    """Finds and loads last year's report, remembering what it read.

    ``facts_for(path)`` gives the configured report facts of a file (year override);
    ``store`` keeps metas between runs (a warm run reads no neighbour's meta).
    When :attr:`learned` is a list (a batch's worker sets it), every meta this finder
    reads, loads from the store or is given by :meth:`remember` is logged there, for the
    batch to hand to its other worker processes (:meth:`know`).
    """

    def __init__(
        self,
        facts_for: Callable[[str], dict] | None = None,
        max_bytes: int | None = None,
        store: MetaStore | None = None,
        time_limit: float | None = None,
    ):
        self.facts_for = facts_for or (lambda p: {})
        self.max_bytes = max_bytes
        self.store = store
        self.time_limit = time_limit  # each report read here, on its own clock (limits.time_limit_of_its_own)
        self.learned: list[tuple[str, CandidateMeta | None]] | None = None
        self._meta: dict[str, CandidateMeta | None] = {}
        self._docs: OrderedDict[str, Document | None] = OrderedDict()
        self._folders: dict[str, _Folder] = {}
        self._reading = True  # see choose(read=False)

    def _folder(self, path: str) -> _Folder:
        """A folder's listing (read once per run: a batch over a folder of thousands of
        reports must not list it once per report) and its index of known metas."""
        folder = os.path.dirname(path)
        key = os.path.normpath(folder)  # as metas are keyed: see _record
        state = self._folders.get(key)
        if state is None:
            state = self._folders[key] = _Folder(FolderIndex(folder))
            for pos, known in enumerate(state.index.keys):  # metas given before the listing
                if known in self._meta:
                    state.add(pos, self._meta[known])
        return state

    def candidates(self, path: str, year: int) -> list[str]:
        """Like :func:`candidates`, from the listing read once per folder."""
        return self._folder(path).index.candidates(path, year)

    def _record(self, key: str, meta: CandidateMeta | None, log: bool = True) -> None:
        self._meta[key] = meta
        if log and self.learned is not None:
            self.learned.append((key, meta))
        state = self._folders.get(os.path.normpath(os.path.dirname(key)))
        if state is not None:
            pos = state.index.position.get(key)
            if pos is not None:
                state.add(pos, meta)

    def know(self, key: str, meta: CandidateMeta | None) -> None:
        """A meta another process read (``key`` as in :attr:`learned`); not logged again."""
        if key not in self._meta:
            self._record(key, meta, log=False)

    def remember(self, path: str, doc: Document) -> None:
        """Record the meta of a report the linter has just read: in a batch run most
        candidates are files checked earlier, and need not be read a second time."""
        key = os.path.normpath(path)
        if key not in self._meta:
            found = candidate_meta(doc.meta, doc.facts)
            self._record(key, found)
            if self.store is not None:
                self.store.save(path, self.facts_for(path), self.max_bytes, found)

    def known(self, path: str) -> CandidateMeta | None:
        """The meta of ``path`` if this run or the store already has it — never read."""
        key = os.path.normpath(path)
        if key in self._meta:
            return self._meta[key]
        if self.store is None:
            return None
        found = self.store.load(path, self.facts_for(path), self.max_bytes)
        if found is not None:
            self._record(key, found)
        return found

    def meta(self, path: str) -> CandidateMeta | None:
        key = os.path.normpath(path)  # a string operation: no syscall per candidate
        if key in self._meta:
            return self._meta[key]
        found = self.known(path)
        if found is None:
            try:
                with time_limit_of_its_own(self.time_limit):
                    found = read_meta(path, self.facts_for(path), self.max_bytes)
            except (Exception, NeighbourTimeLimit):  # an unreadable neighbour is simply not last year's report
                found = None
            if found is not None and self.store is not None:
                self.store.save(path, self.facts_for(path), self.max_bytes, found)
            self._record(key, found)
        return found

    def document(self, path: str) -> Document | None:
        key = path  # candidates come from one folder listing: the same string each time
        if key in self._docs:
            self._docs.move_to_end(key)
            return self._docs[key]
        try:
            with time_limit_of_its_own(self.time_limit):
                found: Document | None = load_document(path, self.facts_for(path), self.max_bytes)
        except (Exception, NeighbourTimeLimit):
            found = None
        self._docs[key] = found
        if len(self._docs) > KEPT_DOCUMENTS:
            self._docs.popitem(last=False)
        return found

    def explicit(self, path: str, doc: Document) -> Document | None:
        """The report given with ``--previous`` — unless it is this very file, or both
        years are known and it is not the year before."""
        if _same_file(path, doc.path):
            return None
        prev = self.document(path)
        if prev is None:
            return None
        if prev.meta.year is not None and doc.meta.year is not None and prev.meta.year != doc.meta.year - 1:
            return None  # never two reports of the same year, nor of years apart
        return prev

    def named(self, option: str, doc: Document) -> Document | None:
        """The report a rule's ``previous`` option names (see :func:`option_path`), with
        the checks of :meth:`explicit`; None when no such file exists."""
        path = option_path(option, doc.path)
        return self.explicit(path, doc) if path is not None else None

    def find(self, doc: Document) -> Document | None:
        """Last year's report of the same agency in ``doc``'s folder, or None.

        Only between reports whose year and agency are both certain
        (:func:`identity_is_certain`), and only a year apart."""
        own = candidate_meta(doc.meta, doc.facts)
        chosen = self.choose(doc.path, own) if doc.path else None
        if chosen is None or own.year is None:
            return None
        prev = self.document(chosen)
        return prev if prev is not None and prev.meta.year == own.year - 1 else None

    def choose(self, path: str, own: CandidateMeta, read: bool = True) -> str | None:
        """The file :meth:`find` pairs the report at ``path`` (whose meta is ``own``)
        with — decided from metas alone, so the result cache can tell without loading a
        Document whether a file's pairing changed (:mod:`reportlint.run.batch`).

        ``read=False``: only from metas already known or stored; :data:`UNKNOWN` when a
        candidate's would have to be read."""
        if own.year is None or not own.certain or not own.agency or not os.path.isfile(path):
            return None
        self._reading = read
        try:
            return next(self._matches(path, own.year - 1, own.agency, own), None)
        except _NotKnown:
            return UNKNOWN
        finally:
            self._reading = True

    def _is_match(self, pos: int, state: _Folder, year: int, agency: str) -> bool:
        path = state.index.files[pos]
        if self._reading:
            m = self.meta(path)
        else:
            m = self.known(path)
            if m is None and os.path.normpath(path) not in self._meta:
                raise _NotKnown
        return m is not None and m.certain and m.year == year and same_agency(m.agency, agency)

    def _matches(self, path: str, year: int, agency: str, own_meta: CandidateMeta | None = None) -> Iterator[str]:
        """The files of ``path``'s folder whose meta is ``year`` and ``agency`` (both
        certain), in the order of :meth:`FolderIndex.candidates` — the same whatever
        metas are already known, so serial and parallel runs pair the same reports."""
        state = self._folder(path)
        index = state.index
        me = os.path.basename(path)
        tried: set[int] = set()
        own = index.position.get(os.path.normpath(path))
        if own is not None and own_meta is not None:
            # This file is known (the engine remembers it once checked): indexed now, so
            # the cursors pass it and a later search finds it without reading it.
            tried.add(own)
            state.add(own, own_meta)
        for pos in index.name_matched(me, year):
            tried.add(pos)
            if self._is_match(pos, state, year, agency):
                yield index.files[pos]
        yielded: set[int] = set()
        for gkey, group in index.groups(me, year):
            for pos in self._walk(state, gkey, group, tried, year, agency):
                if pos not in yielded:
                    yielded.add(pos)
                    yield index.files[pos]

    def _walk(
        self, state: _Folder, gkey: tuple, group: list[int], tried: set[int], year: int, agency: str
    ) -> Iterator[int]:
        """The matches of one candidate group (positions in the listing, ascending).
        Before the group's cursor every file's meta is known and indexed: those are
        looked up in the index; from the cursor on, files are read in order and the
        cursor moves past each. Each file is walked past once per group and run."""
        cursor = state.cursor.get(gkey, 0)
        for pos in sorted(state.known_matches(year, agency)):
            i = bisect_left(group, pos)
            if i < cursor and group[i] == pos and pos not in tried and self._is_match(pos, state, year, agency):
                yield pos
        for i in range(cursor, len(group)):
            pos = group[i]
            match = pos not in tried and self._is_match(pos, state, year, agency)  # reads the meta if unknown
            state.cursor[gkey] = max(state.cursor.get(gkey, 0), i + 1)
            if match:
                yield pos


def _is_file(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


@dataclass
class _Folder:
    """A folder's listing, the certain metas known of its files, indexed by year and
    agency, and a cursor per candidate group (see :meth:`PreviousFinder._walk`)."""

    index: FolderIndex
    exact: dict[tuple[int, str], list[int]] = field(default_factory=dict)
    suffixes: dict[tuple[int, str], list[int]] = field(default_factory=dict)
    cursor: dict[tuple, int] = field(default_factory=dict)

    def add(self, pos: int, meta: CandidateMeta | None) -> None:
        if meta is None or not meta.certain or meta.year is None:
            return
        name = normalise_agency(meta.agency)
        if not name:
            return
        self.exact.setdefault((meta.year, name), []).append(pos)
        for start in range(len(name) - AGENCY_SUFFIX + 1):
            self.suffixes.setdefault((meta.year, name[start:]), []).append(pos)

    def known_matches(self, year: int, agency: str) -> set[int]:
        """Positions of known certain metas of ``year`` whose agency is the same as
        ``agency`` (:func:`same_agency`): equal, ending with it, or one of its suffixes."""
        name = normalise_agency(agency)
        out = set(self.exact.get((year, name), ()))
        if len(name) >= AGENCY_SUFFIX:
            out.update(self.suffixes.get((year, name), ()))
            for start in range(1, len(name) - AGENCY_SUFFIX + 1):
                out.update(self.exact.get((year, name[start:]), ()))
        return out


class FolderIndex:
    """The report files of one folder, which of them name which year, and their names
    with the year removed."""

    YEAR = pattern_store.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")

    def __init__(self, folder: str):
        from reportlint.readers import SUFFIXES

        self.folder = folder
        try:
            # scandir: the file type comes with the listing (no stat() per file but for
            # links) — a folder of 20,000 reports is listed in milliseconds
            with os.scandir(folder or ".") as listing:
                names = sorted(
                    e.name
                    for e in listing
                    if not e.name.startswith((".", "~$")) and e.name.lower().endswith(SUFFIXES) and _is_file(e)
                )
        except OSError:
            names = []
        self.files = [os.path.join(folder, n) for n in names]
        self.keys = [os.path.normpath(f) for f in self.files]
        self.position = {k: i for i, k in enumerate(self.keys)}
        self.by_year: dict[str, list[int]] = {}
        self.by_stem: dict[str, list[int]] = {}
        self.no_year: list[int] = []
        for pos, f in enumerate(self.files):
            name = os.path.basename(f)
            years = dict.fromkeys(self.YEAR.findall(name))
            for y in years:
                self.by_year.setdefault(y, []).append(pos)
            if years:
                self.by_stem.setdefault(self.stem(name), []).append(pos)
            else:
                self.no_year.append(pos)
        self.everything = list(range(len(self.files)))

    @classmethod
    def stem(cls, name: str) -> str:
        return cls.YEAR.sub("", name)

    def name_matched(self, me: str, year: int) -> list[int]:
        """Files whose name is ``me``'s but for the years in it (not ``me`` itself),
        those naming ``year`` first."""
        if not self.YEAR.search(me):
            return []
        same = [p for p in self.by_stem.get(self.stem(me), ()) if os.path.basename(self.files[p]) != me]
        wanted = str(year)
        return sorted(same, key=lambda p: wanted not in self.YEAR.findall(os.path.basename(self.files[p])))

    def groups(self, me: str, year: int) -> list[tuple[tuple, list[int]]]:
        """The candidate groups after the name-matched files, each ascending, with a
        key naming it: files naming ``year``; then files naming no year (the first
        :data:`MAX_UNNAMED`) when ``me`` names ``year + 1``, else every file."""
        out: list[tuple[tuple, list[int]]] = [(("year", year), self.by_year.get(str(year), []))]
        if str(year + 1) in self.YEAR.findall(me):
            # Files here are named by year (this one names its own): last year's report
            # names its year too, or none; reports naming other years are not read.
            out.append((("unnamed",), self.no_year[:MAX_UNNAMED]))
        else:
            out.append((("all",), self.everything))
        return out

    def candidates(self, path: str, year: int) -> list[str]:
        """Every file looked at for ``year``'s report, in the order it is looked at."""
        me = os.path.basename(path)
        order = self.name_matched(me, year)
        seen = set(order)
        for _key, group in self.groups(me, year):
            for pos in group:
                if pos not in seen and os.path.basename(self.files[pos]) != me:
                    seen.add(pos)
                    order.append(pos)
        return [self.files[p] for p in order]  # this file itself is excluded by name: no stat() per candidate


def candidates(path: str, year: int) -> list[str]:
    """Report files next to ``path`` (not itself), those naming ``year`` first; paths
    are given the way ``path`` is (relative stays relative)."""
    return FolderIndex(os.path.dirname(path)).candidates(path, year)


def option_path(option: str, report_path: str | None) -> str | None:
    """The file a ``previous`` option names: relative to the report's folder when such a
    file is there, else to the working directory; None when it names no file. Shown
    relative to the working directory where that needs no ``..``."""
    p = Path(option)
    if not p.is_absolute() and report_path:
        near = Path(report_path).resolve().parent / p
        if near.is_file():
            p = near
    if not p.is_file():
        return None
    shown = os.path.relpath(p) if p.is_absolute() else str(p)
    return shown if not shown.startswith("..") else str(p)
