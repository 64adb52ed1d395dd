"""Regular expressions compiled once per machine, not once per process.

reportlint has some three hundred regular expressions (section headings, table
labels, page furniture, place and agency names…). Python's ``re`` compiles each in
pure Python: about 300 ms at the start of every process — forty times the lint work
of a small report. The compiler's output (the ``_sre`` code, a list of integers) is
the same every time for the same pattern and interpreter, so it is kept, like
bytecode in ``__pycache__``: :func:`compile` looks the pattern up in a store in the
user's cache directory (:mod:`reportlint.core.user_cache`) and builds the
pattern object from the stored code in microseconds; a pattern not in the store is
compiled by ``re`` as usual and added to the store when the process ends.

The store is an optimisation only, never trusted:

* it is used only by the interpreter that wrote it (CPython version, ``_sre`` magic
  number and code size in the file's name and header); any other interpreter
  compiles with ``re`` and never reads it;
* its content is checked against a CRC-32 line (damage, not forgery: anyone who can
  write the file can write the line too), and ``_sre`` validates every code list it is
  given (a damaged or forged list raises, then ``re`` compiles the pattern);
* an unreadable or unwritable cache directory, or ``REPORTLINT_NO_DATA_CACHE``,
  means ``re`` compiles as usual.

A pattern object built from the store is the same as ``re.compile``'s: same
``pattern``, ``flags``, ``groups``, ``groupindex`` and code (tests compare them).
"""

from __future__ import annotations

import atexit
import marshal
import os
import re
import sys
import zlib
from array import array
from collections.abc import Callable
from typing import Any, TypeVar

from reportlint.core.digests import checksum

STORE_FORMAT = 3  # 2: code kept as bytes; 3: a CRC-32 line (no OpenSSL loaded to read the store)
MAX_STORE_BYTES = 32 << 20  # ~300 patterns take about 1 MB
MAX_ENTRIES = 1024  # a check uses ~300; patterns of configuration files and tests come and go
MAX_CODE_BYTES = 4 << 20  # a pathological pattern is compiled, not stored

# flags, the code as the bytes of an array of CODESIZE-byte words (marshal reads bytes
# far faster than a list of ints, and only the patterns a run uses become lists), the
# number of groups, the group names both ways
_Entry = tuple[int, bytes, int, dict[str, int], tuple[Any, ...]]

try:  # CPython's regular-expression compiler, where this mechanism applies
    from re import _compiler, _parser  # type: ignore[attr-defined]

    _sre = _compiler._sre  # the C engine behind re (the compiler's own import of it)
    _WORD = next((t for t in "IL" if array(t).itemsize == _sre.CODESIZE), "")
    _SUPPORTED = sys.implementation.name == "cpython" and hasattr(_compiler, "_code") and bool(_WORD)
except (ImportError, AttributeError):  # pragma: no cover - other interpreters
    _SUPPORTED = False

# Two kinds of entry share the store: compiled code under (pattern, flags), and facts
# read off a pattern's parse (remembered()) under (kind, pattern, flags).
_Key = tuple[Any, ...]
_store: dict[_Key, Any] | None = None  # loaded on the first compile
_path: str | None = None  # where the store is kept; None: no store this run
_added: dict[_Key, Any] = {}
_used: set[_Key] = set()  # entries of the store this process used
_T = TypeVar("_T")


def compile(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the store when the pattern is in it."""
    if not _SUPPORTED or not isinstance(pattern, str):
        return re.compile(pattern, flags)
    key = (pattern, int(flags))
    store = _loaded()
    entry = store.get(key) or _added.get(key)
    if entry is not None:
        try:
            _used.add(key)
            return _build(pattern, entry)
        except Exception:  # damaged or foreign code: compile it again below
            store.pop(key, None)
    entry = _parts(pattern, int(flags)) if _path is not None else None
    if entry is None:
        return re.compile(pattern, flags)
    try:
        compiled = _build(pattern, entry)
    except Exception:  # an interpreter whose compiler we misread: re.compile does it
        return re.compile(pattern, flags)
    _added[key] = entry
    return compiled


def remembered(kind: str, pattern: str, flags: int, compute: Callable[[], _T], valid: Callable[[Any], bool]) -> _T:
    """``compute()``: a fact about the pattern ``pattern`` that is costly to read off its
    parse (the characters a match can begin with: core.match_starts) or to build (a
    pattern's source made from a codec's table: RL804), kept in the store beside the
    compiled code, so that each process does not work it out again.

    ``kind`` names the fact; the value must be made of what ``marshal`` keeps (str,
    tuples of str, None …). The entry's key holds the size and modification time of the
    module that defines ``compute``, so a changed module reads its facts afresh. A stored
    value is used only when ``valid(value)``: otherwise ``compute()`` runs and its value
    replaces it."""
    store = _loaded() if _SUPPORTED else None
    key = (f"{kind}|{_module_stamp(compute)}", pattern, int(flags))
    if store is not None:
        for table in (store, _added):
            if key in table and valid(table[key]):
                _used.add(key)
                return table[key]
    value = compute()
    if store is not None and _path is not None:
        _added[key] = value
    return value


def private() -> bool:
    """Whether the store this process read is the user's own: a regular file owned by
    this user that no one else may write (on POSIX). Code (not only data) kept in the
    store — compiled functions, ``core.lazy_dataclass`` — is used only then: like
    ``__pycache__``, but refusing a store someone else could have written."""
    return _private


_private = False  # set by _read


def _owned_by_this_user(st: os.stat_result) -> bool:
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # Windows: the per-user profile folder is the user's own
        return True
    return st.st_uid == getuid() and not st.st_mode & 0o022


def _module_stamp(function: Callable[..., Any]) -> str:
    module = sys.modules.get(getattr(function, "__module__", ""), None)
    source = getattr(module, "__file__", None)
    stamp = _stamps.get(source) if isinstance(source, str) else None
    if stamp is None:
        try:
            st = os.stat(source)  # type: ignore[arg-type]
        except (TypeError, OSError):
            return "?"
        # Once per module and process (a check asks ~200 times, ~100 for one module):
        # the code this process runs is the code it imported, whatever the file does later.
        stamp = _stamps[source] = f"{st.st_size}.{st.st_mtime_ns}"  # type: ignore[index]
    return stamp


_stamps: dict[str, str] = {}  # module file → its size and modification time, as first read


def _build(pattern: str, entry: _Entry) -> re.Pattern[str]:
    flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(pattern, flags, array(_WORD, code).tolist(), groups, groupindex, indexgroup)


def _parts(pattern: str, flags: int) -> _Entry | None:
    """What ``re._compiler.compile`` hands to ``_sre.compile`` for ``pattern``."""
    try:
        parsed = _parser.parse(pattern, flags)
        code = array(_WORD, _compiler._code(parsed, flags)).tobytes()
    except Exception:  # an interpreter we do not know: re.compile does it
        return None
    if len(code) > MAX_CODE_BYTES:
        return None
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))


def _store_path() -> str | None:
    from reportlint.core import user_cache

    directory = user_cache.directory()
    if directory is None:
        return None
    tag = f"{STORE_FORMAT}.{zlib.crc32(f'{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}'.encode()):08x}"
    return os.path.join(directory, f"patterns-{sys.implementation.cache_tag}-{tag}.bin")


def _loaded() -> dict[_Key, Any]:
    global _store, _path
    if _store is None:
        _store = {}
        _path = _store_path()
        if _path is not None:
            _store = _read(_path)
            atexit.register(_save, _path)
    return _store


def _read(path: str) -> dict[_Key, Any]:
    import stat

    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_STORE_BYTES:
            return {}
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as fh:
            opened = os.fstat(fh.fileno())
            if not stat.S_ISREG(opened.st_mode):
                return {}
            raw = fh.read(MAX_STORE_BYTES + 1)
    except OSError:
        return {}
    global _private
    _private = _owned_by_this_user(opened)
    digest, sep, payload = raw.partition(b"\n")
    if not sep or checksum(payload) != digest:
        return {}
    try:
        data = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return {}
    return data if isinstance(data, dict) else {}


def _save(path: str) -> None:
    """Add this process's new patterns to the store (atomically; errors ignored)."""
    if not _added or _store is None:
        return
    merged = dict(_store)
    if len(merged) + len(_added) > MAX_ENTRIES:
        # keep what this run used rather than grow without end (reading costs by size)
        merged = {key: entry for key, entry in _store.items() if key in _used}
    merged.update(_added)
    try:
        payload = marshal.dumps(merged)
        from reportlint.core.atomic import write_bytes_atomic

        os.makedirs(os.path.dirname(path), exist_ok=True)
        write_bytes_atomic(path, checksum(payload) + b"\n" + payload)
    except (OSError, ValueError):
        pass
    _added.clear()


def longest_first(word: str) -> tuple[int, str]:
    """Sort key for the words of an alternation: longer words first, so ``re`` (which
    takes the first alternative that matches) prefers ``信息公开办公室`` to ``信息公开``;
    words of one length in code-point order, so a pattern built from a set is the
    same string in every process (and found in the store)."""
    return (-len(word), word)
