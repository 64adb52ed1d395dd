"""Finding and loading last year's report for the cross-year rules (RL520–RL523).

Rules never touch files: a rule that declares ``needs_previous`` finds last year's
:class:`~reportlint.document.model.Document` on ``doc.previous``, which the engine
(:mod:`reportlint.run.engine`) resolves here before the rule runs, in this order:

1. the report given with ``--previous FILE``;
2. the report named by the rule's ``previous`` option (a path, relative to the
   report's folder or the working directory);
3. found automatically — a report in the same folder whose year is one less and
   whose agency is the same.

Candidates are read lazily: only their meta (title, year, agency) is analysed, files
whose name carries the wanted year first, and the search stops at the first match;
one :class:`PreviousFinder` per engine remembers what it read for the whole run.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reportlint.document.model import Document

MAX_CANDIDATES = 300  # files of a folder looked at for last year's report


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
    return len(short) >= 4 and long_.endswith(short)


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
    certain = identity_is_certain(doc.meta)
    year = doc.meta.year
    if facts and facts.get("year"):
        year = int(facts["year"])
        certain = bool(normalise_agency(doc.meta.agency))
    return CandidateMeta(year, doc.meta.agency, certain)


def load_document(path: str, facts: dict | None = None, max_bytes: int | None = None) -> Document:
    from reportlint import readers
    from reportlint.document.build import build_document

    return build_document(readers.read(path, max_bytes=max_bytes or readers.DEFAULT_MAX_BYTES), facts)


class PreviousFinder:
    """Finds and loads last year's report, remembering what it read.

    ``facts_for(path)`` gives the configured report facts of a file (year override).
    """

    def __init__(self, facts_for: Callable[[str], dict] | None = None, max_bytes: int | None = None):
        self.facts_for = facts_for or (lambda p: {})
        self.max_bytes = max_bytes
        self._meta: dict[str, CandidateMeta | None] = {}
        self._docs: dict[str, Document | None] = {}
        self._folders: dict[str, FolderIndex] = {}

    def candidates(self, path: str, year: int) -> list[str]:
        """Like :func:`candidates`, from a listing read once per folder: a batch run over
        a folder of thousands of reports must not list it once per report."""
        folder = os.path.dirname(path)
        index = self._folders.get(folder)
        if index is None:
            index = self._folders[folder] = FolderIndex(folder)
        return index.candidates(path, year)

    def remember(self, path: str, doc: Document) -> None:
        """Record the meta of a report the linter has just read: in a batch run most
        candidates are files checked earlier, and need not be read a second time."""
        self._meta.setdefault(
            os.path.normpath(path), CandidateMeta(doc.meta.year, doc.meta.agency, identity_is_certain(doc.meta))
        )

    def meta(self, path: str) -> CandidateMeta | None:
        key = os.path.normpath(path)  # a string operation: no syscall per candidate
        if key not in self._meta:
            try:
                self._meta[key] = read_meta(path, self.facts_for(path), self.max_bytes)
            except Exception:  # an unreadable neighbour is simply not last year's report
                self._meta[key] = None
        return self._meta[key]

    def document(self, path: str) -> Document | None:
        key = path  # candidates come from one folder listing: the same string each time
        if key not in self._docs:
            try:
                self._docs[key] = load_document(path, self.facts_for(path), self.max_bytes)
            except Exception:
                self._docs[key] = None
        return self._docs[key]

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
        year, agency = doc.meta.year, doc.meta.agency
        if year is None or not agency or not doc.path or not os.path.isfile(doc.path):
            return None
        if not identity_is_certain(doc.meta) and not doc.facts.get("year"):
            return None
        for cand in self.candidates(doc.path, year - 1):
            m = self.meta(cand)
            if m is not None and m.certain and m.year == year - 1 and same_agency(m.agency, agency):
                prev = self.document(cand)
                if prev is not None and prev.meta.year == year - 1:
                    return prev
        return None


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


class FolderIndex:
    """The report files of one folder, and which of them name which year."""

    YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")

    def __init__(self, folder: str):
        from reportlint.readers import SUFFIXES

        self.folder = folder
        try:
            names = sorted(os.listdir(folder or "."))
        except OSError:
            names = []
        self.files = [
            os.path.join(folder, n)
            for n in names
            if not n.startswith((".", "~$"))
            and n.lower().endswith(SUFFIXES)
            and os.path.isfile(os.path.join(folder, n))
        ]
        self.by_year: dict[str, list[str]] = {}
        for f in self.files:
            for y in dict.fromkeys(self.YEAR.findall(os.path.basename(f))):
                self.by_year.setdefault(y, []).append(f)

    def candidates(self, path: str, year: int) -> list[str]:
        me = os.path.basename(path)
        named = [f for f in self.by_year.get(str(year), []) if os.path.basename(f) != me]
        out = named[:MAX_CANDIDATES]
        if str(year + 1) in me:
            # Files here are named by year (this one names its own): last year's report
            # names its year too. Reading every other neighbour would only cost time.
            return out
        if len(out) < MAX_CANDIDATES:
            chosen = set(out)
            for f in self.files:
                if len(out) >= MAX_CANDIDATES:
                    break
                if f not in chosen and os.path.basename(f) != me:
                    out.append(f)
        return out  # this file itself is excluded by name: no stat() per candidate


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
