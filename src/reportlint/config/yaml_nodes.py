"""Positions in a configuration file, and the checks every key's parser shares.

The configuration keys (:mod:`reportlint.config.schema`) and ``custom-rules:``
(:mod:`reportlint.config.declarative`) both parse round-trip YAML nodes and report
errors at a line and column. These helpers are their common ground, in a module of
their own so that neither of the two parsers has to import the other for them.
"""

from __future__ import annotations

import difflib
from typing import Any

from reportlint.core.diagnostics import Severity
from reportlint.core.errors import ConfigError, ReportlintError, UsageError
from reportlint.core.i18n import T, Text
from reportlint.core.lazy_dataclass import dataclass

SEVERITY_VALUES = ("error", "warning", "info", "off")

COMMAND_LINE = "<command line>"


@dataclass(frozen=True)
class Pos:
    """A 1-based line/column in a configuration file (either may be unknown).

    ``path`` is :data:`COMMAND_LINE` for selectors given as options
    (``--select``…); their errors are :class:`~reportlint.core.errors.UsageError`.
    """

    path: str
    line: int | None = None
    column: int | None = None

    def error(self, message: Text) -> ReportlintError:
        if self.path == COMMAND_LINE:
            return UsageError(message)
        return ConfigError(message, path=self.path, line=self.line, column=self.column)


def _pos(path: str, lc: Any) -> Pos:
    if lc is None:
        return Pos(path)
    return Pos(path, lc[0] + 1, lc[1] + 1)


def key_pos(path: str, mapping: Any, key: Any) -> Pos:
    try:
        return _pos(path, mapping.lc.key(key))
    except Exception:  # not a round-trip node, or no position recorded
        return node_pos(path, mapping)


def value_pos(path: str, mapping: Any, key: Any) -> Pos:
    try:
        return _pos(path, mapping.lc.value(key))
    except Exception:
        return key_pos(path, mapping, key)


def item_pos(path: str, seq: Any, index: int) -> Pos:
    try:
        return _pos(path, seq.lc.item(index))
    except Exception:
        return node_pos(path, seq)


def node_pos(path: str, node: Any) -> Pos:
    try:
        return Pos(path, node.lc.line + 1, node.lc.col + 1)
    except Exception:
        return Pos(path)


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> Text:
    """`` (did you mean …?)`` suffix, or empty text when nothing is close."""
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in choices}
        close = difflib.get_close_matches(str(word).lower(), list(lowered), n=1, cutoff=0.6)
        close = [lowered[c] for c in close]
    if not close:
        return T("", "")
    return T("（是不是 “{c}”？）", " (did you mean '{c}'?)").format(c=close[0])


def type_name(value: Any) -> Text:
    if value is None:
        return T("空值", "null")
    if isinstance(value, bool):
        return T("布尔值", "a boolean")
    if isinstance(value, int):
        return T("整数", "an integer")
    if isinstance(value, float):
        return T("小数", "a number")
    if isinstance(value, str):
        return T("字符串", "a string")
    if isinstance(value, dict):
        return T("映射", "a mapping")
    if isinstance(value, list):
        return T("列表", "a list")
    return T(type(value).__name__, type(value).__name__)


def bad_type(pos: Pos, key: str, expected: Text, value: Any) -> ReportlintError:
    got = type_name(value)
    return pos.error(
        Text(
            f"“{key}” 应为{expected.zh}，实际是{got.zh}",
            f"'{key}' must be {expected.en}, not {got.en}",
        )
    )


def to_plain(value: Any) -> Any:
    """Round-trip nodes → plain dict / list / str / int / float / bool / None."""
    if isinstance(value, dict):
        return {to_plain(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    return value


def parse_severity_value(value: Any, pos: Pos, what: str) -> Severity | None:
    if value is False:  # YAML 1.1 reads a bare `off` as false
        return None
    if isinstance(value, str) and value.strip().lower() in SEVERITY_VALUES:
        v = value.strip().lower()
        return None if v == "off" else Severity(v)
    raise pos.error(
        Text(
            f"“{what}” 的严重级别 “{value}” 无效{did_you_mean(str(value), SEVERITY_VALUES).zh}；可用：error、warning、info、off",
            f"invalid severity '{value}' for '{what}'{did_you_mean(str(value), SEVERITY_VALUES).en}; "
            "allowed: error, warning, info, off",
        )
    )
