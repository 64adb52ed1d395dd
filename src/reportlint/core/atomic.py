"""File writes that never leave a half-written file and never clobber what they must not.

* :func:`write_bytes_atomic` — temporary file in the same folder, ``fsync``, rename
  (caches and other files reportlint owns).
* :func:`rewrite_file` — ``--fix``: the user's report rewritten in place. A symlink's
  target is fixed, never the link replaced; a file with hard links, or one whose owner
  could not be kept by a rename, is overwritten in the same inode after a backup copy;
  a read-only file is refused.
* :class:`OutputFile` / :func:`write_output` — ``--output-file``, ``--write-baseline``,
  ``init``: regular files atomically, devices and FIFOs (``/dev/stdout``) directly;
  every failure (missing or read-only folder, a folder as target, a full disk) is one
  :class:`OutputError` naming the file, never a traceback or a partial file.
"""

from __future__ import annotations

import errno
import io
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from reportlint.core.errors import InputError, ReportlintError
from reportlint.core.i18n import T, Text


class OutputError(ReportlintError):
    """An output file (report, baseline, starter config) that cannot be written."""


_ERRNO_TEXT = {
    errno.ENOENT: T("所在文件夹不存在", "the folder does not exist"),
    errno.ENOTDIR: T("路径中有一部分不是文件夹", "a part of the path is not a folder"),
    errno.EACCES: T("没有写入权限", "permission denied"),
    errno.EPERM: T("没有写入权限", "permission denied"),
    errno.EROFS: T("文件系统是只读的", "the file system is read-only"),
    errno.ENOSPC: T("磁盘空间不足", "no space left on the device"),
    errno.EDQUOT: T("超出磁盘配额", "disk quota exceeded"),
    errno.EISDIR: T("这是一个文件夹", "it is a folder"),
    errno.ENXIO: T("命名管道没有读取方", "the named pipe has no reader"),
    errno.ELOOP: T("符号链接循环", "too many levels of symbolic links"),
    errno.ENAMETOOLONG: T("文件名过长", "file name too long"),
    errno.EFBIG: T("文件过大", "file too large"),
    errno.EIO: T("输入/输出错误", "input/output error"),
}


def os_error_text(exc: OSError) -> Text:
    """A bilingual reason for an OS error (its English text when the errno is unusual)."""
    known = _ERRNO_TEXT.get(exc.errno or -1)
    if known is not None:
        return known
    reason = exc.strerror or type(exc).__name__
    return T(f"系统错误：{reason}", reason)


def _output_error(what: Text, path: str) -> OutputError:
    return OutputError(T("无法写入输出文件：" + what.zh, "cannot write the output file: " + what.en), path)


def _read_only(st: os.stat_result, path: str) -> bool:
    """No write permission for us — or none for anybody (root could write anyway,
    but a file or folder made read-only means "do not change it")."""
    return not os.access(path, os.W_OK) or not (st.st_mode & 0o222)


def new_file_mode() -> int:
    """The mode ``open()`` gives a new file (0666 less the umask); mkstemp gives 0600."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _fsync_dir(directory: str) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _temporary_file(directory: str | os.PathLike[str], prefix: str, suffix: str = ".tmp") -> tuple[int, str]:
    """``tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=directory)``: a new file only
    this user can read and write, opened, and its absolute path. (``tempfile`` is not
    imported for it: with ``random`` it costs a cold check more than the write.)"""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_BINARY", 0)
    for _ in range(100):  # as tempfile: a clash with an existing name is tried again
        tmp = os.path.join(directory, f"{prefix}{os.urandom(6).hex()}{suffix}")
        try:
            return os.open(tmp, flags, 0o600), os.path.abspath(tmp)
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no usable temporary file name found", str(directory))


def write_bytes_atomic(path: str, data: bytes, durable: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename. ``durable``
    also fsyncs (user files); caches skip it, a torn entry is only a cache miss."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp = _temporary_file(directory, f".{target.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, new_file_mode())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_text_atomic(path: str, text: str, encoding: str = "utf-8", durable: bool = True) -> None:
    write_bytes_atomic(path, text.encode(encoding), durable)


# -- --fix: rewriting a user's report ------------------------------------------------------

_FIX_READ_ONLY = T("文件是只读的，未写入修复", "the file is read-only; fixes not written")
_FIX_NOT_REGULAR = T("不是普通文件，未写入修复", "not a regular file; fixes not written")


def _fix_failed(exc: OSError, path: str, backup: str | None = None) -> InputError:
    why = os_error_text(exc)
    message = T("无法写入修复：" + why.zh, "cannot write the fixes: " + why.en)
    if backup:
        message = T(message.zh + f"；原文件的备份在 {backup}", message.en + f"; a copy of the original is at {backup}")
    return InputError(message, path)


def read_for_rewrite(path: str) -> bytes:
    """The bytes of the file ``--fix`` will rewrite (a symlink's target)."""
    try:
        real = os.path.realpath(path)
        st = os.stat(real)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(_FIX_NOT_REGULAR, path)
        with open(real, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise _fix_failed(exc, path) from None


def rewrite_file(path: str, data: bytes, expected: bytes | None = None) -> None:
    """Replace the content of the user's file ``path`` with ``data``.

    The file itself keeps its identity: a symlink stays a symlink (its target is
    rewritten), hard links stay linked, owner and mode stay. ``expected`` is the
    content the new data was made from; if the file no longer has it, nothing is
    written (another program changed it meanwhile).
    """
    try:
        real = os.path.realpath(path)
        st = os.stat(real)
    except OSError as exc:
        raise _fix_failed(exc, path) from None
    if not stat.S_ISREG(st.st_mode):
        raise InputError(_FIX_NOT_REGULAR, path)
    if _read_only(st, real):
        raise InputError(_FIX_READ_ONLY, path)
    directory = os.path.dirname(real) or "."
    if expected is not None:
        try:
            with open(real, "rb") as fh:
                current = fh.read()
        except OSError as exc:
            raise _fix_failed(exc, path) from None
        if current != expected:
            raise InputError(
                T(
                    "未写入修复：检查期间文件已被修改，请重新运行",
                    "fixes not written: the file changed while it was being checked; run again",
                ),
                path,
            )
    in_place = st.st_nlink > 1 or not os.access(directory, os.W_OK)
    if not in_place and _replace_keeping_identity(real, data, st, path):
        return
    _overwrite_in_place(real, data, st, path, directory)


def _replace_keeping_identity(real: str, data: bytes, st: os.stat_result, path: str) -> bool:
    """Atomic rename of a temporary copy; False when the owner cannot be kept that way."""
    directory = os.path.dirname(real) or "."
    try:
        fd, tmp = _temporary_file(directory, f".{os.path.basename(real)}.")
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        tmp_st = os.stat(tmp)
        if (tmp_st.st_uid, tmp_st.st_gid) != (st.st_uid, st.st_gid):
            try:
                os.chown(tmp, st.st_uid, st.st_gid)
            except OSError:
                os.unlink(tmp)
                return False  # only an in-place write keeps someone else's file theirs
        os.chmod(tmp, stat.S_IMODE(st.st_mode))
        os.replace(tmp, real)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise _fix_failed(exc, path) from None
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_dir(directory)
    return True


def _overwrite_in_place(real: str, data: bytes, st: os.stat_result, path: str, directory: str) -> None:
    """Write into the same inode (hard links, owner kept). A backup of the old content
    is kept next to it until the new content is on disk; if the write fails, the old
    content is put back."""
    try:
        with open(real, "rb") as fh:
            original = fh.read()
    except OSError as exc:
        raise _fix_failed(exc, path) from None
    backup = None
    try:
        fd, backup = _temporary_file(directory, f".{os.path.basename(real)}.", ".orig")
        with os.fdopen(fd, "wb") as fh:
            fh.write(original)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError:
        if backup:
            try:
                os.unlink(backup)
            except OSError:
                pass
        backup = None  # a folder we cannot write to: the in-memory copy must do
    try:
        with open(real, "r+b") as fh:
            try:
                fh.write(data)
                fh.truncate()
                fh.flush()
                os.fsync(fh.fileno())
            except OSError:
                fh.seek(0)
                fh.write(original)
                fh.truncate()
                fh.flush()
                raise
    except OSError as exc:
        raise _fix_failed(exc, path, backup) from None
    if backup:
        try:
            os.unlink(backup)
        except OSError:
            pass


# -- output files ---------------------------------------------------------------------------


def _identity(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def check_output_target(path: str, inputs: Iterable[str], option: str = "--output-file") -> None:
    """Refuse, before any work, an output path that is one of the inputs (or a hard or
    symbolic link to one), a folder, or in a folder that is missing or read-only."""
    ident = _identity(path)
    if ident is not None:
        for p in inputs:
            if _identity(p) == ident:
                raise OutputError(
                    T(
                        f"{option} 指向了正在检查的文件 {{p}}，拒绝覆盖",
                        f"{option} names a file being checked ({{p}}); refusing to overwrite it",
                    ).format(p=p),
                    path,
                )
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise _output_error(os_error_text(exc), path) from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise _output_error(_ERRNO_TEXT[errno.EISDIR], path)
        if not (stat.S_ISREG(st.st_mode) or stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
            raise _output_error(T("不是普通文件", "not a regular file"), path)
        if stat.S_ISREG(st.st_mode) and _read_only(st, path):
            raise _output_error(T("文件是只读的", "the file is read-only"), path)
        if not stat.S_ISREG(st.st_mode):
            return
    directory = os.path.dirname(os.path.realpath(path)) or "."
    try:
        dst = os.stat(directory)
    except OSError as exc:
        raise _output_error(os_error_text(exc), path) from None
    if not stat.S_ISDIR(dst.st_mode):
        raise _output_error(_ERRNO_TEXT[errno.ENOTDIR], path)
    if _read_only(dst, directory):
        raise _output_error(T("所在文件夹是只读的", "the folder is read-only"), path)


class _GuardedStream(io.TextIOBase):
    """A text stream whose OS errors (a full disk…) become one :class:`OutputError`."""

    def __init__(self, inner: io.TextIOWrapper, path: str):
        self._inner = inner
        self._path = path

    def write(self, s: str) -> int:
        try:
            return self._inner.write(s)
        except OSError as exc:
            raise _output_error(os_error_text(exc), self._path) from None

    def flush(self) -> None:
        try:
            self._inner.flush()
        except OSError as exc:
            raise _output_error(os_error_text(exc), self._path) from None

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._inner.fileno()


class OutputFile:
    """An output opened for writing; :meth:`commit` puts it in place, :meth:`abort`
    leaves no trace. A regular file (or a symlink to one) is written through a
    temporary file and a rename; a device or FIFO is written directly."""

    def __init__(self, path: str):
        self.path = path
        self.tmp: str | None = None
        self.target = os.path.realpath(path)
        self._existing_mode: int | None = None
        self._existing_owner: tuple[int, int] | None = None
        try:
            try:
                st = os.stat(self.target)
            except FileNotFoundError:
                st = None
            if st is not None and stat.S_ISDIR(st.st_mode):
                raise _output_error(_ERRNO_TEXT[errno.EISDIR], path)
            if st is not None and (stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
                # No rename onto a device; a FIFO with no reader must not block us.
                flags = os.O_WRONLY | (os.O_NONBLOCK if stat.S_ISFIFO(st.st_mode) else 0)
                fd = os.open(self.target, flags)
                if stat.S_ISFIFO(st.st_mode):
                    os.set_blocking(fd, True)
            else:
                if st is not None:
                    self._existing_mode = stat.S_IMODE(st.st_mode)
                    self._existing_owner = (st.st_uid, st.st_gid)
                directory = os.path.dirname(self.target) or "."
                fd, self.tmp = _temporary_file(directory, ".reportlint.")
        except OSError as exc:
            raise _output_error(os_error_text(exc), path) from None
        raw = io.TextIOWrapper(io.FileIO(fd, "w"), encoding="utf-8", errors="backslashreplace", newline="\n")
        self.stream = _GuardedStream(raw, path)
        self._raw = raw

    def abort(self) -> None:
        try:
            self._raw.close()
        except OSError:
            pass
        if self.tmp:
            try:
                os.unlink(self.tmp)
            except OSError:
                pass
            self.tmp = None

    def commit(self) -> None:
        try:
            self._raw.flush()
            if self.tmp:
                os.fsync(self._raw.fileno())
            self._raw.close()
            if self.tmp:
                os.chmod(self.tmp, self._existing_mode if self._existing_mode is not None else new_file_mode())
                if self._existing_owner is not None:
                    try:  # an output file someone else owns stays theirs (when we may)
                        os.chown(self.tmp, *self._existing_owner)
                    except OSError:
                        pass
                os.replace(self.tmp, self.target)
                self.tmp = None
        except OSError as exc:
            self.abort()
            raise _output_error(os_error_text(exc), self.path) from None


def write_output(path: str, text: str) -> None:
    """Write a whole output (report, baseline, starter config) to ``path``."""
    out = OutputFile(path)
    try:
        out.stream.write(text)
    except BaseException:
        out.abort()
        raise
    out.commit()


def write_output_bytes(path: str, data: bytes) -> None:
    """:func:`write_output` for a binary output (``--format xlsx``): put in place only
    when complete, every failure one :class:`OutputError` naming the file."""
    out = OutputFile(path)
    try:
        out._raw.flush()
        out._raw.buffer.write(data)
    except OSError as exc:
        out.abort()
        raise _output_error(os_error_text(exc), path) from None
    except BaseException:
        out.abort()
        raise
    out.commit()
