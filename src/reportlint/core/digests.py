"""SHA-1 and SHA-256 without loading OpenSSL for a few kilobytes; the checksum line of
the user cache's files.

``hashlib`` answers ``sha256`` from OpenSSL: importing it loads libcrypto, some 2 ms of
every process — more than hashing everything a one-file check hashes (the report, the
rule data files, a few cache keys) with CPython's own C implementations (``_sha256``,
``_sha1``, always built in CPython). Those are slower per byte than OpenSSL, so data of
:data:`OPENSSL_FROM` bytes or more (a large PDF in a batch) is still handed to
``hashlib``. The digest is the same either way: SHA-256 is SHA-256.
"""

from __future__ import annotations

import zlib
from typing import Any

OPENSSL_FROM = 1 << 20  # above this, OpenSSL's speed per byte outweighs loading it

try:  # CPython's own implementations (3.12 moved SHA-256 into _sha2)
    from _sha256 import sha256 as _small_sha256  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - CPython 3.12+, other interpreters
    try:
        from _sha2 import sha256 as _small_sha256  # type: ignore[import-not-found]
    except ImportError:
        _small_sha256 = None
try:
    from _sha1 import sha1 as _small_sha1  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - other interpreters
    _small_sha1 = None


def sha256(data: bytes = b"") -> Any:
    """``hashlib.sha256(data)``: an object with ``update``, ``digest`` and ``hexdigest``."""
    if _small_sha256 is None or len(data) >= OPENSSL_FROM:
        import hashlib

        return hashlib.sha256(data)
    return _small_sha256(data)


def sha1(data: bytes = b"") -> Any:
    """``hashlib.sha1(data)`` (cache keys, never security)."""
    if _small_sha1 is None or len(data) >= OPENSSL_FROM:
        import hashlib

        return hashlib.sha1(data)
    return _small_sha1(data)


def checksum(payload: bytes) -> bytes:
    """The first line of a file in the user cache (:mod:`reportlint.core.pattern_store`,
    :mod:`reportlint.core.ruledata`): the CRC-32 of the rest and its length, in hex.

    A CRC, not SHA-256: the line guards against a truncated, half-written or damaged
    file, which is all a line kept beside the data can do (whoever can write the file
    can write the line), in a tenth of a millisecond per megabyte."""
    return f"{zlib.crc32(payload):08x}.{len(payload):x}".encode("ascii")
