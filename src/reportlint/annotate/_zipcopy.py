"""Rewrite a ZIP package changing only some members: the others keep their bytes.

Python's :mod:`zipfile` cannot copy a member without inflating and deflating it again
(which changes its compressed bytes). Here every unchanged member's local entry (header,
compressed data, data descriptor) is copied verbatim from the original file and its
central-directory record is reused with only its offset updated; changed and new
members are deflated by :mod:`zipfile` into a scratch archive and their entries taken
from there the same way. ZIP64 archives are refused (a .docx never needs them).
"""

from __future__ import annotations

import io
import itertools
import struct
import zipfile

from reportlint.core.lazy_dataclass import dataclass

_EOCD = b"PK\x05\x06"
_CENTRAL = b"PK\x01\x02"
_EOCD_SIZE = 22


class ZipLayoutError(ValueError):
    """The archive's layout is not one this module can copy member by member."""


@dataclass
class _Entry:
    name: str
    local: bytes  # local header + data (+ data descriptor), as in the file
    central: bytes  # central-directory record, local-header offset to be patched


def _entries(data: bytes) -> tuple[list[_Entry], bytes]:
    """The archive's entries in central-directory order, and its EOCD comment."""
    pos = data.rfind(_EOCD, max(0, len(data) - _EOCD_SIZE - 0xFFFF))
    if pos < 0 or pos + _EOCD_SIZE > len(data):
        raise ZipLayoutError("no end of central directory")
    (_, disk, cd_disk, _n_disk, count, cd_size, cd_offset, comment_len) = struct.unpack(
        "<4sHHHHIIH", data[pos : pos + _EOCD_SIZE]
    )
    if disk or cd_disk or count == 0xFFFF or cd_offset == 0xFFFFFFFF or cd_size == 0xFFFFFFFF:
        raise ZipLayoutError("multi-disk or ZIP64 archive")
    shift = pos - cd_size - cd_offset  # bytes prepended to the archive (0 for a .docx)
    if shift < 0:
        raise ZipLayoutError("central directory out of place")
    comment = data[pos + _EOCD_SIZE : pos + _EOCD_SIZE + comment_len]
    records = []
    p = cd_offset + shift
    for _ in range(count):
        if data[p : p + 4] != _CENTRAL:
            raise ZipLayoutError("damaged central directory")
        n, m, k = struct.unpack("<HHH", data[p + 28 : p + 34])
        (offset,) = struct.unpack("<I", data[p + 42 : p + 46])
        if offset == 0xFFFFFFFF:
            raise ZipLayoutError("ZIP64 member")
        record = data[p : p + 46 + n + m + k]
        name = data[p + 46 : p + 46 + n].decode("utf-8", "surrogateescape")  # for messages only
        records.append((offset + shift, name, record))
        p += 46 + n + m + k
    starts = sorted(r[0] for r in records) + [cd_offset + shift]
    end_of = dict(itertools.pairwise(starts))
    entries = []
    for offset, name, record in records:
        end = end_of.get(offset)
        if end is None or end <= offset:
            raise ZipLayoutError("members share their data")
        entries.append(_Entry(name, data[offset:end], record))
    return entries, comment


def _names(data: bytes) -> list[str]:
    """Member names exactly as :mod:`zipfile` decodes them (cp437 unless flagged UTF-8)."""
    return [info.filename for info in zipfile.ZipFile(io.BytesIO(data)).infolist()]


def replace_members(data: bytes, changed: dict[str, bytes], added: dict[str, bytes] | None = None) -> bytes:
    """``data`` with the members named in ``changed`` holding new contents and the
    members in ``added`` appended; every other member's bytes are copied as they are."""
    added = added or {}
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise ZipLayoutError(str(exc)) from None
    entries, comment = _entries(data)
    if len(entries) != len(infos):
        raise ZipLayoutError("member count mismatch")
    names = [info.filename for info in infos]
    missing = set(changed) - set(names)
    if missing:
        raise ZipLayoutError(f"no member {sorted(missing)[0]}")
    scratch = io.BytesIO()
    new_order: list[str] = []
    with zipfile.ZipFile(scratch, "w", zipfile.ZIP_DEFLATED) as out:
        for info in infos:
            if info.filename in changed:
                zi = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                zi.compress_type = zipfile.ZIP_DEFLATED
                zi.external_attr = info.external_attr
                out.writestr(zi, changed[info.filename])
                new_order.append(info.filename)
        for name, content in added.items():
            zi = zipfile.ZipInfo(name, date_time=infos[0].date_time if infos else (1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(zi, content)
            new_order.append(name)
    fresh_entries, _ = _entries(scratch.getvalue()) if new_order else ([], b"")
    fresh = dict(zip(new_order, fresh_entries))
    chosen = [fresh[name] if name in changed else entry for name, entry in zip(names, entries)]
    chosen += [fresh[name] for name in added]
    body = io.BytesIO()
    central = io.BytesIO()
    for entry in chosen:
        offset = body.tell()
        if offset > 0xFFFFFFFF:
            raise ZipLayoutError("archive too large")
        body.write(entry.local)
        central.write(entry.central[:42] + struct.pack("<I", offset) + entry.central[46:])
    cd = central.getvalue()
    cd_offset = body.tell()
    body.write(cd)
    body.write(struct.pack("<4sHHHHIIH", _EOCD, 0, 0, len(chosen), len(chosen), len(cd), cd_offset, len(comment)))
    body.write(comment)
    return body.getvalue()


def raw_member(data: bytes, name: str) -> bytes:
    """The local entry bytes (header, compressed data, descriptor) of member ``name``:
    what :func:`replace_members` promises to keep."""
    names = _names(data)
    entries, _ = _entries(data)
    for n, entry in zip(names, entries):
        if n == name:
            return entry.local
    raise KeyError(name)
