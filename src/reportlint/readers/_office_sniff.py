"""Which word-processing format a file really is, from its first bytes.

Files move between offices under whatever name they were given: an RTF saved as
``.doc``, a .docx renamed ``.wps`` or ``.doc``, a WPS template (``.wpt``) in the
compound-file layout. The suffix picks the reader only when the content does not say.
"""

from __future__ import annotations

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODF_TEXT_MIMETYPE = b"mimetypeapplication/vnd.oasis.opendocument.text"


def sniff_office_kind(data: bytes, kind: str) -> str:
    head = data[:128]
    if head.startswith(OLE_MAGIC):
        return "doc"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"PK"):
        # ODF packages store an uncompressed "mimetype" member first (ODF 1.2, 3.3).
        if head[30 : 30 + len(ODF_TEXT_MIMETYPE)] == ODF_TEXT_MIMETYPE:
            return "odt"
        return "docx" if kind != "odt" else kind
    return kind
