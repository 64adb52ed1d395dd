"""The roster (``--roster roster.csv``): the agencies an office expects a report from,
and which of them the batch covers.

A roster is a CSV file as an office keeps it — saved from Excel or WPS in UTF-8 (with or
without a BOM) or, on a Chinese PC, in GB18030/GBK; the encoding is told the way the text
reader tells it (:func:`reportlint.readers._encoding.decode_bytes`). Its first row names
the columns, in Chinese or English and in any order (``rules/roster.yaml``): the agency's
name (required), its kind, its parent, its region and the file pattern its report is
expected under. Other columns (contacts, notes) are passed over. A bad roster is one
:class:`~reportlint.core.errors.UsageError` naming the file and line, exit status 2.

:func:`coverage` matches each report to a roster entry by the name the report gives its
agency, with the agency-name rules' own comparison
(:func:`reportlint.analysis.agency_names.relation`): the same name, an abbreviation
(``台儿庄区科技局`` / ``台儿庄区科学技术局``), or one name lacking the place the other
starts with (``区科技局`` / ``台儿庄区科技局``, ``洪泽区人民政府`` / ``淮安市洪泽区人民政府``),
in that order of preference. A unit is not its parent: ``淮安市人民政府办公室`` never counts
for ``淮安市人民政府``. When several entries fit equally, the entry whose file pattern
matches the report's path decides; a report with no readable name (or a file that could
not be read) is matched by file pattern alone.
"""

from __future__ import annotations

import csv
import io
import os
import stat
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache

from reportlint.analysis.agency_names import admin_suffixes, place_chain, relation, squeeze
from reportlint.config.globs import compile_glob, glob_matches
from reportlint.core import ruledata
from reportlint.core.errors import InputError, UsageError
from reportlint.core.i18n import T, Text
from reportlint.core.records import AGENCY_KINDS, CHECKED, UNREADABLE, Coverage, ReportRecord, RosterEntry
from reportlint.document.meta import agency_kind

MAX_ROSTER_BYTES = 16 * 1024 * 1024  # a province's roster is a few hundred kilobytes

# How well a report's name fits a roster name (relation(report, roster) → rank; lower
# is better). `unit` / `parent` are other agencies (an office of a government).
_RANK = {"same": 0, "abbreviation": 1, "shorter": 2, "longer": 2}


@lru_cache(maxsize=1)
def _data() -> dict:
    return ruledata.load("roster")


def _header_key(cell: str) -> str:
    return squeeze(cell).lstrip("\ufeff").lower()


@lru_cache(maxsize=1)
def _columns() -> dict[str, str]:
    """Header name (squeezed, lower-cased) → column key."""
    return {_header_key(alias): key for key, aliases in _data()["columns"].items() for alias in aliases}


@lru_cache(maxsize=1)
def _kinds() -> dict[str, str]:
    return {squeeze(alias).lower(): kind for kind, aliases in _data()["kinds"].items() for alias in aliases}


def _error(path: str, message: Text, line: int | None = None) -> UsageError:
    return UsageError(
        Text(f"名单文件（--roster）：{message.zh}", f"roster (--roster): {message.en}"), path=path, line=line
    )


def _read_bytes(path: str) -> bytes:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise _error(path, T("文件不存在", "file not found")) from None
    except OSError as exc:
        raise _error(path, T("无法读取：{e}", "cannot read it: {e}").format(e=exc.strerror or exc)) from None
    if stat.S_ISDIR(st.st_mode):
        raise _error(path, T("这是一个目录，不是 CSV 文件", "is a folder, not a CSV file"))
    if not stat.S_ISREG(st.st_mode):
        raise _error(path, T("不是普通文件，不会读取", "not a regular file; not read"))
    if st.st_size > MAX_ROSTER_BYTES:
        raise _error(
            path,
            T(
                f"文件过大（上限 {MAX_ROSTER_BYTES >> 20} MB）",
                f"file too large (the limit is {MAX_ROSTER_BYTES >> 20} MB)",
            ),
        )
    try:
        with open(path, "rb") as fh:
            return fh.read(MAX_ROSTER_BYTES + 1)
    except OSError as exc:
        raise _error(path, T("无法读取：{e}", "cannot read it: {e}").format(e=exc.strerror or exc)) from None


def _decode(path: str, data: bytes) -> str:
    from reportlint.readers._encoding import decode_bytes

    try:
        decoded = decode_bytes(path, data)
    except InputError as exc:
        raise _error(path, exc.message) from None
    if decoded.errors:
        raise _error(
            path,
            T(
                "编码有误：有无法识别的字节；请在 Excel 或 WPS 中“另存为” CSV（UTF-8）",
                "damaged encoding: some bytes cannot be read; save it again as CSV (UTF-8) in Excel or WPS",
            ),
        )
    return decoded.text


def _delimiter(text: str) -> str:
    """``,`` unless the header line is tab-separated (a sheet copied out as text)."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    return "\t" if "\t" in first and "," not in first else ","


def read_roster(path: str) -> list[RosterEntry]:
    """The entries of the roster CSV at ``path`` (see the module docstring)."""
    text = _decode(path, _read_bytes(path))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    header: dict[str, int] | None = None
    entries: list[RosterEntry] = []
    seen: dict[str, int] = {}  # squeezed name → line
    end = 0  # the physical line the previous row ended on (a quoted cell may hold line breaks)
    try:
        for row in reader:
            line, end = end + 1, reader.line_num  # messages name the line a row starts on
            cells = [c.strip() for c in row]
            if not any(cells):
                continue
            if header is None:
                header = _read_header(path, cells, line)
                continue
            entry = _read_row(path, header, cells, line)
            key = squeeze(entry.name)
            if key in seen:
                raise _error(
                    path,
                    T(
                        f"“{entry.name}”重复：第 {seen[key]} 行已列出",
                        f"'{entry.name}' is listed twice: already on line {seen[key]}",
                    ),
                    line,
                )
            seen[key] = line
            entries.append(entry)
    except csv.Error as exc:
        raise _error(path, T("CSV 格式错误：{e}", "invalid CSV: {e}").format(e=exc), reader.line_num) from None
    if header is None:
        raise _error(
            path, T("文件是空的：第一行应为列名（单位名称等）", "the file is empty: the first row names the columns")
        )
    if not entries:
        raise _error(path, T("只有列名，没有任何单位", "only the header row: no agency is listed"))
    return entries


def _read_header(path: str, cells: list[str], line: int) -> dict[str, int]:
    columns = _columns()
    header: dict[str, int] = {}
    for i, cell in enumerate(cells):
        key = columns.get(_header_key(cell))
        if key is None:
            continue  # a column the audit does not use (contact, notes)
        if key in header:
            raise _error(
                path,
                T(
                    f"列“{cell}”与第 {header[key] + 1} 列重复（都是{key}）",
                    f"column '{cell}' repeats column {header[key] + 1} (both are {key})",
                ),
                line,
            )
        header[key] = i
    if "name" not in header:
        names = "、".join(_data()["columns"]["name"][:3])
        raise _error(
            path,
            T(
                f"第一行没有单位名称列（列名应为{names}或 name）",
                f"the first row has no column of agency names (headed {names} or name)",
            ),
            line,
        )
    return header


def _read_row(path: str, header: dict[str, int], cells: list[str], line: int) -> RosterEntry:
    def cell(key: str) -> str | None:
        i = header.get(key)
        if i is None or i >= len(cells) or not cells[i]:
            return None
        return cells[i]

    name = cell("name")
    if name is None:
        raise _error(path, T("这一行没有单位名称", "this row has no agency name"), line)
    kind = None
    written = cell("kind")
    if written is not None:
        kind = _kinds().get(squeeze(written).lower())
        if kind is None:
            raise _error(
                path,
                T(
                    f"类别“{written}”无法识别；可写：部门、政府、乡镇（或 {'、'.join(AGENCY_KINDS)}），或留空",
                    f"kind '{written}' is not known; write one of {', '.join(AGENCY_KINDS)} (or 部门、政府、乡镇), "
                    "or leave it empty",
                ),
                line,
            )
    pattern = cell("pattern")
    if pattern is not None:
        try:
            compile_glob(pattern)
        except ValueError as exc:
            raise _error(
                path, T(f"文件模式“{pattern}”无效：{exc}", f"invalid file pattern '{pattern}': {exc}"), line
            ) from None
    return RosterEntry(
        name=squeeze(name), kind=kind, parent=cell("parent"), region=cell("region"), pattern=pattern, line=line
    )


# -- coverage ---------------------------------------------------------------------------


class _Matcher:
    """Roster entries by name, for matching reports to them (see the module docstring).

    Exact names are looked up directly. Otherwise a name is compared only with entries
    that could fit it at all, found through three indexes: a name that drops characters
    of an entry (``区科技局``, ``卫健委``) holds none the entry lacks, so the entry holds
    the name's rarest character; an entry that drops characters of the name has its own
    rarest character in the name; and two names that differ in their city and their
    abbreviation (``临沂市兰山区科技局`` / ``兰山区科学技术局``) share their innermost place.
    A batch of thousands against a roster of hundreds stays quick; answers are kept per
    distinct name."""

    def __init__(self, entries: list[RosterEntry], base_dir: str):
        self.base_dir = base_dir
        self.order = {id(e): i for i, e in enumerate(entries)}
        self.exact = {e.name: e for e in entries}
        self.frequency: Counter[str] = Counter(ch for e in entries for ch in set(e.name))
        self.by_char: dict[str, list[RosterEntry]] = defaultdict(list)
        self.by_rarest: dict[str, list[RosterEntry]] = defaultdict(list)
        self.by_place: dict[str, list[RosterEntry]] = defaultdict(list)
        for e in entries:
            for ch in set(e.name):
                self.by_char[ch].append(e)
            self.by_rarest[self._rarest(e.name)].append(e)
            place = _innermost_place(e.name)
            if place:
                self.by_place[place].append(e)
        self.patterned = [(e, compile_glob(e.pattern)) for e in entries if e.pattern]
        self._names: dict[str, list[RosterEntry]] = {}

    def _rarest(self, name: str) -> str:
        return min(set(name), key=lambda ch: (self.frequency[ch], ch))

    def _candidates(self, name: str) -> list[RosterEntry]:
        chars = set(name)
        found: dict[int, RosterEntry] = {}
        if all(ch in self.frequency for ch in chars):
            found.update((id(e), e) for e in self.by_char[self._rarest(name)])
        for ch in chars:
            found.update((id(e), e) for e in self.by_rarest.get(ch, ()))
        place = _innermost_place(name)
        if place:
            found.update((id(e), e) for e in self.by_place.get(place, ()))
        return sorted(found.values(), key=lambda e: self.order[id(e)])

    def by_name(self, name: str) -> list[RosterEntry]:
        """The entries ``name`` fits best (several when they fit equally well)."""
        name = squeeze(name)
        if not name:
            return []
        known = self._names.get(name)
        if known is not None:
            return known
        exact = self.exact.get(name)
        if exact is not None:
            found = [exact]
        else:
            best, found = len(_RANK), []
            for e in self._candidates(name):
                rank = _rank(name, e)
                if rank is None or rank > best:
                    continue
                if rank < best:
                    best, found = rank, []
                found.append(e)
        self._names[name] = found
        return found

    def by_pattern(self, path: str, among: Iterable[RosterEntry] | None = None) -> list[RosterEntry]:
        allowed = None if among is None else {id(e) for e in among}
        return [
            e
            for e, glob in self.patterned
            if (allowed is None or id(e) in allowed) and glob_matches(glob, self.base_dir, path)
        ]


def _rank(report_name: str, entry: RosterEntry) -> int | None:
    """How well a report's name fits a roster entry (:data:`_RANK`), None: not at all.

    Besides the relations of :func:`relation`, a report naming only its place
    (``平潭综合实验区``, ``沭阳县``: a government's report titled by its area) fits the
    entry of that place's government — an entry whose name is the place plus a
    government's ending (``沭阳县人民政府``), or that the roster says is a government
    (``平潭综合实验区管理委员会`` with kind 政府). An office or a department of the place
    (``沭阳县教育局``) never fits a bare place name."""
    how = relation(report_name, entry.name)
    place_only = how == "parent" and agency_kind(report_name) is None
    if place_only and "government" in (entry.kind, agency_kind(entry.name)):
        return _RANK["abbreviation"]
    return _RANK.get(how)


def _innermost_place(name: str) -> str | None:
    """The innermost named place of ``name`` (``兰山区`` of ``临沂市兰山区科技局``), None for
    a name without one or with a bare level only (``区科技局``)."""
    places, _func = place_chain(name)
    if not places or places[-1] in admin_suffixes():
        return None
    return places[-1]


def audited_year(records: Iterable[ReportRecord]) -> int | None:
    """The year most checked reports are for (the latest of equally frequent ones)."""
    counts = Counter(r.year for r in records if r.status == CHECKED and r.year is not None)
    if not counts:
        return None
    return max(counts, key=lambda y: (counts[y], y))


def coverage(
    records: list[ReportRecord], entries: list[RosterEntry], roster_path: str, year: int | None = None
) -> Coverage:
    """The roster against the batch, for ``year`` (None: :func:`audited_year`).

    Fills each matched record's ``roster_name``, ``parent`` and ``region`` (also for a
    report of another year). A checked report counts for its entry only when it is for
    the audited year (or states no year); a file that could not be read counts when its
    entry's file pattern names it. Files screened out as not reports are left out.
    """
    if year is None:
        year = audited_year(records)
    matcher = _Matcher(entries, os.path.dirname(os.path.abspath(roster_path)))
    result = Coverage(roster_path=roster_path, year=year)
    covered: dict[str, list[str]] = defaultdict(list)
    for record in records:
        if record.status not in (CHECKED, UNREADABLE):
            continue
        readable = record.status == CHECKED
        name = record.agency if readable else None
        candidates = matcher.by_name(name) if name else []
        if len(candidates) > 1:
            candidates = matcher.by_pattern(record.path, candidates) or candidates
        elif not candidates and not name:
            candidates = matcher.by_pattern(record.path)
        entry = candidates[0] if len(candidates) == 1 else None
        if entry is not None:
            record.roster_name, record.parent, record.region = entry.name, entry.parent, entry.region
            if record.agency_kind is None and entry.kind is not None:
                record.agency_kind = entry.kind  # the report does not say; the office's roster does
        else:  # also when the record was matched against another roster before
            record.roster_name = record.parent = record.region = None
        other_year = readable and record.year is not None and year is not None and record.year != year
        if other_year:
            result.other_year.append((record.path, record.year))  # type: ignore[arg-type]
        if entry is not None:
            if not other_year:
                covered[entry.name].append(record.path)
        elif len(candidates) > 1:
            result.ambiguous[record.path] = [e.name for e in candidates]
        elif name:
            result.other_agency.append((record.path, name))
        else:
            result.unnamed.append(record.path)
    result.missing = [e for e in entries if e.name not in covered]
    result.duplicates = {e.name: covered[e.name] for e in entries if len(covered.get(e.name, ())) > 1}
    return result
