"""Building .docx variants of a real draft for tests: text replaced in word/document.xml.

Shared by the annotate and serve tests (pytest puts ``tests/`` on ``sys.path`` through the
rootdir conftest, as for ``plugin_dist``).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path


def docx_with_replaced_text(src: Path, replacements: list[tuple[str, str]]) -> bytes:
    """The bytes of a copy of ``src`` with text replaced in word/document.xml.

    Each old text must occur exactly once, so a variant never silently misses its edit.
    Every other member is copied unchanged, with its original zip entry settings.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            content = zin.read(info.filename)
            if info.filename == "word/document.xml":
                xml = content.decode("utf-8")
                for old, new in replacements:
                    assert xml.count(old) == 1, old
                    xml = xml.replace(old, new)
                content = xml.encode("utf-8")
            zout.writestr(info, content)
    return out.getvalue()
