"""Uploads onto disk: the request body bounded while it streams, .zip files expanded
with limits, and nothing of an uploaded name ever used as a path.

On disk a file is ``in/<index>.<ext>``: its index in the upload and a lower-cased
extension from the readers' allow-list. The uploaded name (or the path inside a .zip)
is kept for display only.
"""

from __future__ import annotations

import os
import shutil
import stat
import unicodedata
import zipfile
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any, BinaryIO

from reportlint.core.i18n import Text
from reportlint.core.lazy_dataclass import dataclass
from reportlint.readers import SUFFIXES
from reportlint.serve import messages
from reportlint.serve.settings import ZIP_RATIO_FLOOR, ServeSettings

ZIP_SUFFIX = ".zip"
# What the page accepts: every format reportlint reads, and .zip files of them.
UPLOAD_SUFFIXES = (*SUFFIXES, ZIP_SUFFIX)
INPUT_DIR = "in"
PREVIOUS_DIR = "prev"
MAX_NAME_CHARS = 255
COPY_CHUNK = 1024 * 1024

Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]


class UploadRefused(Exception):
    """The whole upload is refused: an HTTP status and one message."""

    def __init__(self, status: int, message: Text):
        super().__init__(message.en)
        self.status = status
        self.message = message


class BodyTooLarge(Exception):
    """Raised from inside the multipart parser when the body passes the limit."""


def limited_receive(receive: Receive, limit: int) -> Receive:
    """``receive`` that counts the body's bytes as they arrive and stops past ``limit``:
    a client that sends more than its Content-Length said (or none) is cut off early."""
    seen = 0

    async def receive_bounded() -> MutableMapping[str, Any]:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise BodyTooLarge
        return message

    return receive_bounded


@dataclass
class SavedFile:
    """One file of the upload, as the job lists it."""

    index: int  # 1-based, over every file listed (skipped ones too)
    name: str  # display only
    path: str | None = None  # relative to the job directory; None when not on disk
    error: Text | None = None  # why it is not checked (with skipped) or cannot be
    skipped: bool = False


def display_name(raw: str | None, keep_folders: bool = False) -> str:
    """The uploaded name for display: no control characters, no empty or dot parts;
    the last part only, unless ``keep_folders`` (a path inside a .zip)."""
    text = "".join(ch for ch in (raw or "") if unicodedata.category(ch)[0] != "C")
    parts = [p for p in text.replace("\\", "/").split("/") if p.strip() and p not in (".", "..")]
    if not keep_folders:
        parts = parts[-1:]
    name = "/".join(parts)[-MAX_NAME_CHARS:]
    return name or "upload"


def suffix_of(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    dot = base.rfind(".")
    return base[dot:].lower() if dot > 0 else ""


def make_dirs(job_dir: str) -> None:
    for sub in (INPUT_DIR, PREVIOUS_DIR):
        os.mkdir(os.path.join(job_dir, sub), 0o700)


class UploadWriter:
    """Writes the files of one upload into ``job_dir`` (blocking: run it in a thread)."""

    def __init__(self, job_dir: str, settings: ServeSettings):
        self.job_dir = job_dir
        self.settings = settings
        self.files: list[SavedFile] = []
        self.unzipped = 0  # bytes expanded from every .zip of the upload

    def _next(self, name: str, **kw: Any) -> SavedFile:
        saved = SavedFile(len(self.files) + 1, name, **kw)
        self.files.append(saved)
        return saved

    def _disk_path(self, index: int, suffix: str) -> str:
        # only the index and an extension of the allow-list
        assert suffix in SUFFIXES
        return os.path.join(INPUT_DIR, f"{index:03d}{suffix}")

    def add(self, raw_name: str | None, stream: BinaryIO) -> None:
        name = display_name(raw_name)
        suffix = suffix_of(name)
        if suffix == ZIP_SUFFIX:
            self._add_zip(name, stream)
        elif suffix in SUFFIXES:
            saved = self._next(name)
            saved.path = self._disk_path(saved.index, suffix)
            self._copy(stream, saved.path)
        else:
            self._next(name, skipped=True, error=messages.UNSUPPORTED_FORMAT.format(ext=suffix or "—"))
        self._check_count()

    def add_previous(self, raw_name: str | None, stream: BinaryIO) -> tuple[str, str]:
        """Last year's report: ``prev/previous<ext>``; its path relative to the job and
        its display name."""
        name = display_name(raw_name)
        suffix = suffix_of(name)
        if suffix not in SUFFIXES:
            raise UploadRefused(415, messages.BAD_PREVIOUS.format(name=name, formats=" ".join(SUFFIXES)))
        path = os.path.join(PREVIOUS_DIR, "previous" + suffix)
        self._copy(stream, path)
        return path, name

    def checkable(self) -> list[SavedFile]:
        return [f for f in self.files if f.path is not None]

    def _check_count(self) -> None:
        if len(self.checkable()) > self.settings.max_files:
            raise UploadRefused(413, messages.TOO_MANY_FILES.format(n=self.settings.max_files))

    def _copy(self, stream: BinaryIO, relative: str) -> None:
        target = os.path.join(self.job_dir, relative)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            shutil.copyfileobj(stream, out, COPY_CHUNK)

    def _add_zip(self, zip_name: str, stream: BinaryIO) -> None:
        try:
            archive = zipfile.ZipFile(stream)
            infos = archive.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
            self._next(zip_name, error=messages.DAMAGED_ZIP)
            return
        with archive:
            self._expand(zip_name, archive, infos)

    def _expand(self, zip_name: str, archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
        limits = self.settings
        if len(infos) > limits.max_zip_entries:
            raise UploadRefused(413, messages.ZIP_TOO_MANY_ENTRIES.format(name=zip_name, n=limits.max_zip_entries))
        wanted: list[tuple[zipfile.ZipInfo, SavedFile]] = []
        declared = self.unzipped
        for info in infos:
            if info.is_dir() or stat.S_ISDIR(info.external_attr >> 16):
                continue
            name = display_name(info.filename, keep_folders=True)
            suffix = suffix_of(name)
            base = name.rsplit("/", 1)[-1]
            if base.startswith((".", "~$")) or name.startswith("__MACOSX/"):
                self._next(name, skipped=True, error=messages.HIDDEN_ENTRY)
            elif suffix == ZIP_SUFFIX:
                self._next(name, skipped=True, error=messages.NESTED_ZIP)
            elif suffix not in SUFFIXES:
                self._next(name, skipped=True, error=messages.UNSUPPORTED_FORMAT.format(ext=suffix or "—"))
            elif info.flag_bits & 0x1:
                self._next(name, error=messages.ENCRYPTED_ENTRY)
            else:
                if info.file_size > ZIP_RATIO_FLOOR and info.file_size > limits.max_zip_ratio * max(
                    1, info.compress_size
                ):
                    raise UploadRefused(
                        413, messages.ZIP_BOMB.format(name=zip_name, entry=name, ratio=limits.max_zip_ratio)
                    )
                declared += info.file_size
                if declared > limits.max_unzipped_bytes:
                    raise UploadRefused(413, messages.ZIP_TOO_LARGE.format(size=human_size(limits.max_unzipped_bytes)))
                saved = self._next(name)
                saved.path = self._disk_path(saved.index, suffix)
                wanted.append((info, saved))
                self._check_count()
        for info, saved in wanted:
            self._extract(archive, info, saved)

    def _extract(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo, saved: SavedFile) -> None:
        """The entry's bytes into ``saved.path``, counted as they come: what the
        archive declares is checked above, what it really holds here."""
        assert saved.path is not None
        target = os.path.join(self.job_dir, saved.path)
        try:
            with archive.open(info) as entry:
                fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "wb") as out:
                    while chunk := entry.read(COPY_CHUNK):
                        self.unzipped += len(chunk)
                        if self.unzipped > self.settings.max_unzipped_bytes:
                            raise UploadRefused(
                                413, messages.ZIP_TOO_LARGE.format(size=human_size(self.settings.max_unzipped_bytes))
                            )
                        out.write(chunk)
        except UploadRefused:
            raise
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
            # a damaged entry (bad CRC, unknown compression): that file only
            if os.path.exists(target):
                os.unlink(target)
            saved.path = None
            saved.error = messages.ZIP_ENTRY_UNREADABLE


def human_size(n: int) -> str:
    for unit, size in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= size:
            return f"{n / size:g}{unit}"
    return f"{n}B"
