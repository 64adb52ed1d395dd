"""The package is rewritten member by member: the members that do not change keep their
stored bytes, whatever wrote the archive (data descriptors, stored members, a comment)."""

from __future__ import annotations

import io
import zipfile

import docx_helpers as h
import pytest

from reportlint.annotate._zipcopy import ZipLayoutError, replace_members


class _Unseekable(io.RawIOBase):
    """A stream zipfile cannot seek back in: it then writes data descriptors."""

    def __init__(self):
        self.buffer = io.BytesIO()

    def writable(self) -> bool:
        return True

    def write(self, b) -> int:
        return self.buffer.write(b)


def _archive(unseekable: bool) -> bytes:
    out = _Unseekable() if unseekable else io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("a.xml", "<a>" + "甲" * 500 + "</a>", compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("media/b.bin", bytes(range(256)) * 4, compress_type=zipfile.ZIP_STORED)
        z.writestr("c.xml", "<c/>", compress_type=zipfile.ZIP_DEFLATED)
        z.comment = b"kept"
    return out.buffer.getvalue() if unseekable else out.getvalue()


@pytest.mark.parametrize("unseekable", [False, True], ids=["plain", "data-descriptors"])
def test_unchanged_members_keep_their_bytes(unseekable: bool) -> None:
    data = _archive(unseekable)
    if unseekable:
        assert any(i.flag_bits & 0x08 for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    out = replace_members(data, {"a.xml": b"<a>new</a>"}, {"d.xml": b"<d/>"})
    z = zipfile.ZipFile(io.BytesIO(out))
    assert z.testzip() is None
    assert [i.filename for i in z.infolist()] == ["a.xml", "media/b.bin", "c.xml", "d.xml"]
    assert z.read("a.xml") == b"<a>new</a>" and z.read("d.xml") == b"<d/>"
    assert z.comment == b"kept"
    before, after = h.raw_members(data), h.raw_members(out)
    assert after["media/b.bin"] == before["media/b.bin"] and after["c.xml"] == before["c.xml"]


def test_an_archive_it_cannot_copy_is_refused() -> None:
    with pytest.raises(ZipLayoutError):
        replace_members(b"PK\x03\x04 not really a zip", {})
