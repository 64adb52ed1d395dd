"""Regular expressions from the configuration, on an engine that cannot backtrack.

``custom-rules`` patterns are written by whoever controls the configuration file (in
a pre-commit hook or a shared base config, not necessarily the person running the
check). Python's ``re`` backtracks: ``(a+)+$`` on a long line never finishes. RE2
(Google's engine, through the ``google-re2`` binding) runs in time linear in the
text for every pattern and refuses what it cannot do that way (back-references,
look-around), so those patterns are refused when the configuration is loaded.

Patterns keep the meaning they have with Python's ``re`` where RE2 differs only in
detail: RE2's ``\\d``, ``\\s`` and ``\\w`` are ASCII-only, Python's are Unicode (a
report's full-width space U+3000 is ``\\s`` in Python), so :func:`translate`
rewrites them to the Unicode classes Python uses before compiling (and ``\\Z`` to
RE2's ``\\z``). Differences left: ``\\b`` is an ASCII word boundary, ``$`` without
``(?m)`` matches only at the very end (not before a final newline), and ``\\S`` /
``\\W`` inside ``[...]`` are ASCII.

``google-re2`` is imported only when a configuration declares a custom rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportlint.core.lazy_dataclass import dataclass

# Python's str.isspace() set, which is what ``re``'s \s matches in a str pattern.
_SPACE_ITEMS = r"\t-\r\x{1c}-\x{1f}\x{85}\p{Z}"
# Python's \w in a str pattern: str.isalnum() (letters and numbers) or '_'.
_WORD_ITEMS = r"\p{L}\p{N}_"

_OUTSIDE_CLASS = {
    "d": r"\p{Nd}",
    "D": r"\P{Nd}",
    "s": f"[{_SPACE_ITEMS}]",
    "S": f"[^{_SPACE_ITEMS}]",
    "w": f"[{_WORD_ITEMS}]",
    "W": f"[^{_WORD_ITEMS}]",
    "Z": r"\z",  # Python's end of text; RE2 spells it \z
}
# Inside [...] only the positive classes (and \D) can be spelt as a list of items;
# \S and \W inside a class keep RE2's ASCII meaning.
_INSIDE_CLASS = {"d": r"\p{Nd}", "D": r"\P{Nd}", "s": _SPACE_ITEMS, "w": _WORD_ITEMS}

# RE2 refuses to build a program bigger than this; it bounds memory per pattern.
MAX_PROGRAM_MEMORY = 32 << 20


class PatternError(ValueError):
    """RE2 cannot compile the pattern (the message is RE2's, in English)."""


class EngineMissing(RuntimeError):
    """``google-re2`` is not installed."""


def translate(pattern: str) -> str:
    r"""``pattern`` with Python's Unicode ``\d \s \w`` (and negations) spelt for RE2."""
    out: list[str] = []
    i, n = 0, len(pattern)
    in_class = False
    class_start = -1  # index of the first item inside the current class
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            nxt = pattern[i + 1]
            if nxt == "Q":  # \Q…\E: literal text, copied as is
                end = pattern.find("\\E", i + 2)
                end = n if end == -1 else end + 2
                out.append(pattern[i:end])
                i = end
                continue
            table = _INSIDE_CLASS if in_class else _OUTSIDE_CLASS
            out.append(table.get(nxt, c + nxt))
            i += 2
            continue
        if in_class:
            if c == "[" and pattern.startswith("[:", i):  # POSIX class [:alpha:]
                end = pattern.find(":]", i + 2)
                if end != -1:
                    out.append(pattern[i : end + 2])
                    i = end + 2
                    continue
            if c == "]" and i != class_start:
                in_class = False
            out.append(c)
            i += 1
            continue
        if c == "[":
            in_class = True
            out.append(c)
            i += 1
            if i < n and pattern[i] == "^":
                out.append("^")
                i += 1
            class_start = i  # a ']' right here is a literal, not the end
            continue
        out.append(c)
        i += 1
    return "".join(out)


def _re2() -> Any:
    try:
        import re2
    except ImportError as exc:  # pragma: no cover - google-re2 is a dependency
        raise EngineMissing(str(exc)) from None
    return re2


def _options(ignore_case: bool) -> Any:
    re2 = _re2()
    options = re2.Options()
    options.log_errors = False  # RE2 would otherwise print its own line on stderr
    options.case_sensitive = not ignore_case
    options.max_mem = MAX_PROGRAM_MEMORY
    return options


def escape(literal: str) -> str:
    """``literal`` as an RE2 pattern that matches exactly that text."""
    return _re2().escape(literal)


def check_pattern(pattern: str, ignore_case: bool = False) -> None:
    """Raise :class:`PatternError` when RE2 cannot compile ``pattern``."""
    compile_linear(pattern, ignore_case, translated=False)


def _error_text(exc: Exception) -> str:
    arg = exc.args[0] if exc.args else exc
    if isinstance(arg, bytes):
        return arg.decode("utf-8", "replace")
    return str(arg)


@dataclass(frozen=True)
class LinearRegex:
    """A compiled RE2 pattern with the small part of ``re.Pattern`` the rules use."""

    pattern: str
    compiled: Any

    def finditer(self, text: str) -> Iterator[Any]:
        # Offsets are str offsets (the binding converts from UTF-8 in one pass).
        return self.compiled.finditer(text)

    def search(self, text: str) -> Any:
        return self.compiled.search(text)


def compile_linear(pattern: str, ignore_case: bool = False, *, translated: bool = False) -> LinearRegex:
    """Compile ``pattern`` (Python-style, see :func:`translate`) with RE2.

    ``translated=True`` means ``pattern`` is already RE2 syntax (built from
    :func:`escape` and translated parts).
    """
    re2 = _re2()
    source = pattern if translated else translate(pattern)
    try:
        compiled = re2.compile(source, options=_options(ignore_case))
    except re2.error as exc:
        raise PatternError(_error_text(exc)) from None
    return LinearRegex(pattern, compiled)
