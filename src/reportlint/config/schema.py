"""Parse one configuration file into a :class:`Layer`, checking its shape.

This module knows the keys of ``.reportlint.yaml`` and the type of every value; it
does not know the rule registry (selectors are checked later, by
:meth:`reportlint.config.loader.Config.resolve`). The file is read with ruamel.yaml's
round-trip loader so that every key, value and list item keeps its line and column,
and every error is a :class:`~reportlint.core.errors.ConfigError` pointing at them.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import field
from typing import Any

from reportlint.config.yaml_nodes import (  # noqa: F401 - also this module's API, as before
    COMMAND_LINE,
    SEVERITY_VALUES,
    Pos,
    bad_type,
    did_you_mean,
    item_pos,
    key_pos,
    node_pos,
    parse_severity_value,
    to_plain,
    type_name,
    value_pos,
)
from reportlint.core import pattern_store
from reportlint.core.diagnostics import Severity
from reportlint.core.errors import ConfigError
from reportlint.core.i18n import T, Text
from reportlint.core.lazy_dataclass import dataclass

CONFIG_NAMES = (".reportlint.yaml", ".reportlint.yml")

KEYS = (
    "extend",
    "select",
    "extend-select",
    "ignore",
    "severity",
    "options",
    "per-file-ignores",
    "exclude",
    "report",
    "max-file-size",
    "placeholders",
    "custom-rules",
    "force-report",
    "deadlines",
    "scoring",
    "near-duplicates",
    "hierarchy",
)

REPORT_KEYS = ("kind", "year", "format", "script")
REPORT_KINDS = ("department", "government", "township")
REPORT_FORMATS = ("2021", "2019", "pre2019")
REPORT_SCRIPTS = ("simplified", "traditional", "any")
YEAR_RANGE = (2000, 2100)
# `deadlines:` keys: the agency kinds (core/records.AGENCY_KINDS); values "MM-DD" of the
# year after the report year
DEADLINE_KINDS = REPORT_KINDS
_DEADLINE_RE = pattern_store.compile(r"^\s*(\d{1,2})-(\d{1,2})\s*$")

# Limits that keep loading a hostile configuration bounded. A real configuration is
# a few kilobytes; the round-trip YAML parser (kept for line/column in every error)
# reads about 70 KB/s, so the size limit also bounds the time spent parsing.
MAX_CONFIG_BYTES = 256 * 1024
MAX_NESTING = 32  # mappings/lists inside each other; real files need about 5
MAX_VALUES = 100_000  # values visited, counting every use of a YAML alias (alias bombs)
MAX_PLACEHOLDERS = 1_000  # `placeholders:` items in one file

_SIZE_RE = pattern_store.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?\s*$", re.I)
_SIZE_UNITS = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


# --------------------------------------------------------------------------------------
# not a configuration (Pos and the position helpers: yaml_nodes.py)


class NotAConfigError(ConfigError):
    """The file is not recognisably a configuration file: not YAML, not a mapping,
    nested or aliased beyond the limits, or with a top-level key that is not one of
    :data:`KEYS`. The loader uses the distinction for ``extend`` targets, whose
    contents must not be quoted back unless they are a configuration (``extend:
    /etc/shadow`` must not print a line of it).

    ``reason`` says what is wrong without quoting anything from the file.
    """

    def __init__(
        self,
        message: Text,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        reason: Text | None = None,
    ):
        super().__init__(message, path, line, column)
        self.reason = reason or T("无法读取", "unreadable")

    def __reduce__(self):
        return (type(self), (self.message, self.path, self.line, self.column, self.reason))


# --------------------------------------------------------------------------------------
# helpers


def parse_size(value: Any) -> int | None:
    """``20MB`` / ``512 KiB`` / ``1048576`` → bytes (None when not a valid size)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return int(value) if value > 0 else None
    if not isinstance(value, str):
        return None
    m = _SIZE_RE.match(value)
    if not m:
        return None
    unit = (m.group(2) or "").lower()
    try:
        size = int(float(m.group(1)) * _SIZE_UNITS[unit[:1] if unit != "b" else "b"])
    except (OverflowError, ValueError):  # '9' * 400 is an infinite float
        return None
    return size if size > 0 else None


# --------------------------------------------------------------------------------------
# the parsed file


@dataclass(frozen=True)
class Selector:
    """A rule selector as written (``RL101``, ``RL1``, ``missing-section``, ``structure``, ``ALL``)."""

    text: str
    pos: Pos
    flag: str | None = None  # the command-line option it came from, if any


@dataclass
class OptionValue:
    """One ``option: value`` of a rule's ``options:`` entry, with both positions."""

    name: str
    value: Any
    pos: Pos  # of the option's key
    value_pos: Pos


@dataclass
class RuleOptions:
    """A rule's ``options:`` entry as written."""

    rule: str  # code or name as written
    pos: Pos
    values: list[OptionValue]


@dataclass
class Glob:
    """A glob as written (``exclude``, ``per-file-ignores``) and where."""

    pattern: str
    pos: Pos


@dataclass
class Layer:
    """Everything one configuration file says (before ``extend`` is followed)."""

    path: str
    base_dir: str
    extend: str | None = None
    extend_pos: Pos | None = None
    select: list[Selector] | None = None
    extend_select: list[Selector] = field(default_factory=list)
    ignore: list[Selector] = field(default_factory=list)
    severity: list[tuple[Selector, Severity | None]] = field(default_factory=list)  # None = off
    options: list[RuleOptions] = field(default_factory=list)
    per_file_ignores: list[tuple[Glob, list[Selector]]] = field(default_factory=list)
    exclude: list[Glob] = field(default_factory=list)
    report: dict[str, Any] = field(default_factory=dict)
    max_file_size: int | None = None
    placeholders: list[str] | None = None
    custom_rules: list[Any] = field(default_factory=list)  # declarative.CustomRuleSpec
    force_report: bool | None = None  # check files that are plainly not reports as reports (RL003)
    deadlines: dict[str, str] = field(default_factory=dict)  # agency kind → "MM-DD" (local deadlines)
    scoring: str | None = None  # scoring profile: a shipped name, or a path (relative to base_dir)
    scoring_pos: Pos | None = None
    # `near-duplicates:` the share of narrative (0..1) from which two agencies' reports
    # are listed as near duplicates (reportlint.audit.near_duplicates)
    near_duplicates: float | None = None
    # `hierarchy:` the figures a parent's report is compared on (names of
    # rules/hierarchy.yaml `figures`) and the mode ("at-least" | "equal"); None: not set
    hierarchy_figures: list[str] | None = None
    hierarchy_mode: str | None = None


def command_line_layer(
    select: list[str] | None = None,
    extend_select: list[str] | None = None,
    ignore: list[str] | None = None,
) -> Layer | None:
    """A layer for ``--select`` / ``--extend-select`` / ``--ignore`` (None when none is given).

    Each option value may hold several selectors separated by commas.
    """
    if select is None and not extend_select and not ignore:
        return None

    def sels(values: list[str] | None, flag: str) -> list[Selector]:
        out = []
        for value in values or []:
            for part in re.split(r"[,\s]+", value):
                if part:
                    out.append(Selector(part, Pos(COMMAND_LINE, None, None), flag))
        return out

    layer = Layer(path=COMMAND_LINE, base_dir=os.getcwd())
    layer.select = sels(select, "--select") if select is not None else None
    layer.extend_select = sels(extend_select, "--extend-select")
    layer.ignore = sels(ignore, "--ignore")
    return layer


def load_yaml(path: str, text: str) -> Any:
    """Parse YAML text with the round-trip loader; syntax errors → ConfigError."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="rt")
    try:
        data = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(str(p) for p in (exc.context, exc.problem) if p) or str(exc)
        line = mark.line + 1 if mark is not None else None
        raise NotAConfigError(
            T("YAML 语法错误：{p}", "invalid YAML: {p}").format(p=problem),
            path=path,
            line=line,
            column=mark.column + 1 if mark is not None else None,
            reason=T(f"第 {line} 行 YAML 语法错误", f"invalid YAML on line {line}")
            if line
            else T("YAML 语法错误", "invalid YAML"),
        ) from None
    except YAMLError as exc:
        raise NotAConfigError(
            T("YAML 语法错误：{p}", "invalid YAML: {p}").format(p=exc),
            path=path,
            reason=T("YAML 语法错误", "invalid YAML"),
        ) from None
    except RecursionError:  # the parser recurses once per level of nesting
        raise _too_deep(Pos(path)) from None
    except (ValueError, OverflowError, TypeError, KeyError, AttributeError):
        # Values the YAML constructor cannot build (an integer of 5,000 digits, a
        # date such as 2021-13-45); its message may quote the value, so give none.
        raise NotAConfigError(
            T(
                "YAML 内容无效：有无法解析的值（如超长整数或无效日期）",
                "invalid YAML: a value cannot be read (such as a huge integer or an invalid date)",
            ),
            path=path,
            reason=T("YAML 内容无效", "invalid YAML"),
        ) from None
    check_shape(path, data)
    return data


def _too_deep(pos: Pos) -> ConfigError:
    return NotAConfigError(
        T(
            f"配置文件嵌套过深（超过 {MAX_NESTING} 层）",
            f"the configuration is nested too deeply (more than {MAX_NESTING} levels)",
        ),
        path=pos.path,
        line=pos.line,
        column=pos.column,
        reason=T(f"嵌套超过 {MAX_NESTING} 层", f"nested more than {MAX_NESTING} levels"),
    )


def check_shape(path: str, data: Any) -> None:
    """Refuse nesting deeper than :data:`MAX_NESTING` and more than :data:`MAX_VALUES`
    values, before anything walks the data recursively.

    The walk is iterative and counts a node once per path to it, so a YAML alias bomb
    (each level a list of aliases of the one before) is stopped after
    :data:`MAX_VALUES` steps instead of being expanded.
    """
    pending: list[tuple[Any, int]] = [(data, 1)]
    visited = 0
    while pending:
        node, depth = pending.pop()
        visited += 1
        if visited > MAX_VALUES:
            raise NotAConfigError(
                T(
                    f"配置文件的值过多（超过 {MAX_VALUES} 个，含 YAML 别名展开）",
                    f"the configuration has too many values (more than {MAX_VALUES}, counting YAML aliases as expanded)",
                ),
                path=path,
                reason=T(f"值超过 {MAX_VALUES} 个", f"more than {MAX_VALUES} values"),
            )
        if isinstance(node, dict):
            children = [c for kv in node.items() for c in kv]
        elif isinstance(node, (list, tuple)):
            children = list(node)
        else:
            continue
        if depth >= MAX_NESTING and children and any(isinstance(c, (dict, list, tuple)) for c in children):
            raise _too_deep(node_pos(path, node))
        pending.extend((c, depth + 1) for c in children)


def _refuse_special(where: str) -> ConfigError:
    return ConfigError(
        T(
            "不是普通文件（设备、管道或套接字），不会读取它作为配置文件",
            "not a regular file (a device, FIFO or socket); it is not read as a configuration file",
        ),
        path=where,
    )


def _too_large(where: str) -> ConfigError:
    return ConfigError(
        T(
            f"配置文件过大（上限 {MAX_CONFIG_BYTES // 1024} KB）",
            f"configuration file is too large (the limit is {MAX_CONFIG_BYTES // 1024} KB)",
        ),
        path=where,
    )


def _read_bounded(path: str, where: str) -> bytes:
    """At most :data:`MAX_CONFIG_BYTES` of a regular file; anything else is refused unread.

    ``stat`` first, so a FIFO (whose ``open`` blocks until a writer comes) or a device
    such as ``/dev/zero`` (endless) is never opened; ``O_NONBLOCK`` and a second check
    on the open descriptor cover a file swapped for one in between.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise ConfigError(T("配置文件不存在", "configuration file not found"), path=where) from None
    except OSError as exc:
        raise ConfigError(
            T("无法读取配置文件：{e}", "cannot read configuration file: {e}").format(e=exc.strerror or exc), path=where
        ) from None
    if stat.S_ISDIR(st.st_mode):
        raise ConfigError(T("这是一个目录，不是配置文件", "is a directory, not a configuration file"), path=where)
    if not stat.S_ISREG(st.st_mode):
        raise _refuse_special(where)
    if st.st_size > MAX_CONFIG_BYTES:
        raise _too_large(where)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise ConfigError(
            T("无法读取配置文件：{e}", "cannot read configuration file: {e}").format(e=exc.strerror or exc), path=where
        ) from None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise _refuse_special(where)
        try:
            data = fh.read(MAX_CONFIG_BYTES + 1)
        except OSError as exc:
            raise ConfigError(
                T("无法读取配置文件：{e}", "cannot read configuration file: {e}").format(e=exc.strerror or exc),
                path=where,
            ) from None
    if len(data) > MAX_CONFIG_BYTES:
        raise _too_large(where)
    return data


def read_config_text(path: str, shown: str | None = None) -> str:
    """The file's text (UTF-8, BOM allowed); errors name ``shown`` (default: ``path``).

    Only a regular file of at most :data:`MAX_CONFIG_BYTES` is read.
    """
    where = shown or path
    data = _read_bounded(path, where)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = data[: exc.start].decode("utf-8", "replace")
        line = text.count("\n") + 1
        column = len(text) - (text.rfind("\n") + 1) + 1
        raise NotAConfigError(
            T("配置文件必须是 UTF-8 编码", "configuration file must be UTF-8 encoded"),
            path=where,
            line=line,
            column=column,
            reason=T("不是 UTF-8 编码", "not UTF-8"),
        ) from None


def parse_file(path: str) -> Layer:
    """Read and check one configuration file (``extend`` is recorded, not followed)."""
    return parse_text(path, read_config_text(path))


def parse_text(path: str, text: str) -> Layer:
    data = load_yaml(path, text)
    base_dir = os.path.dirname(os.path.abspath(path))
    layer = Layer(path=path, base_dir=base_dir)
    if data is None:
        return layer
    if not isinstance(data, dict):
        where = node_pos(path, data) if hasattr(data, "lc") else Pos(path, 1, 1)
        got = type_name(data)
        raise NotAConfigError(
            Text(
                f"“<top level>” 应为映射（键: 值），实际是{got.zh}",
                f"'<top level>' must be a mapping (key: value), not {got.en}",
            ),
            path=where.path,
            line=where.line,
            column=where.column,
            reason=T(f"顶层不是映射，而是{got.zh}", f"its top level is {got.en}, not a mapping"),
        )
    # Every top-level key is checked before any value is looked at. A file with no
    # known key at all is not a configuration (a typo among known keys is).
    known_any = any(isinstance(k, str) and k in KEYS for k in data)
    for key in data:
        if not isinstance(key, str) or key not in KEYS:
            kpos = key_pos(path, data, key)
            shown = str(key) if isinstance(key, str) else repr(key)
            shown = shown if len(shown) <= 80 else shown[:80] + "…"
            message = Text(
                f"未知的配置项 “{shown}”{did_you_mean(shown, KEYS).zh}；可用的配置项：{'、'.join(KEYS)}",
                f"unknown key '{shown}'{did_you_mean(shown, KEYS).en}; allowed keys: {', '.join(KEYS)}",
            )
            if known_any:
                raise kpos.error(message)
            raise NotAConfigError(
                message,
                path=kpos.path,
                line=kpos.line,
                column=kpos.column,
                reason=T("没有任何已知的配置项", "none of its keys is a configuration key"),
            )
    for key in data:
        _PARSERS[key](layer, data, key)
    return layer


# --------------------------------------------------------------------------------------
# one parser per key: (layer, mapping, key) → fills the layer


def _scalar_str(path: str, parent: Any, key: Any, value: Any, pos: Pos, what: str) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int)) or isinstance(value, float):
        raise bad_type(pos, what, T("字符串", "a string"), value)
    text = str(value).strip()
    if not text:
        raise pos.error(Text(f"“{what}” 不能为空", f"'{what}' must not be empty"))
    return text


def selector_list(path: str, parent: Any, key: Any, what: str) -> list[Selector]:
    """A list of selectors (a single string is taken as a one-item list)."""
    value = parent[key]
    vpos = value_pos(path, parent, key)
    if value is None:
        return []
    if isinstance(value, str):
        return [Selector(_scalar_str(path, parent, key, value, vpos, what), vpos)]
    if not isinstance(value, list):
        raise bad_type(vpos, what, T("规则选择器列表", "a list of rule selectors"), value)
    out = []
    for i, item in enumerate(value):
        ipos = item_pos(path, value, i)
        if isinstance(item, bool) or not isinstance(item, (str, int)):
            raise bad_type(ipos, f"{what}[{i}]", T("规则选择器（字符串）", "a rule selector (string)"), item)
        out.append(Selector(_scalar_str(path, value, i, item, ipos, f"{what}[{i}]"), ipos))
    return out


def glob_list(path: str, parent: Any, key: Any, what: str) -> list[Glob]:
    from reportlint.config.globs import compile_glob

    value = parent[key]
    vpos = value_pos(path, parent, key)
    if value is None:
        return []
    items: list[tuple[Any, Pos]]
    if isinstance(value, str):
        items = [(value, vpos)]
    elif isinstance(value, list):
        items = [(v, item_pos(path, value, i)) for i, v in enumerate(value)]
    else:
        raise bad_type(vpos, what, T("glob 模式列表", "a list of glob patterns"), value)
    out = []
    for item, ipos in items:
        if not isinstance(item, str) or not item.strip():
            raise bad_type(ipos, what, T("glob 模式（非空字符串）", "a glob pattern (non-empty string)"), item)
        try:
            compile_glob(item.strip())
        except ValueError as exc:
            raise ipos.error(
                Text(
                    f"“{what}” 中的 glob 模式 “{item}” 无效：{exc}", f"invalid glob pattern '{item}' in '{what}': {exc}"
                )
            ) from None
        out.append(Glob(item.strip(), ipos))
    return out


def _mapping(path: str, parent: Any, key: Any, what: str, expected: Text | None = None) -> dict | None:
    value = parent[key]
    if value is None:
        return None
    if not isinstance(value, dict):
        raise bad_type(value_pos(path, parent, key), what, expected or T("映射", "a mapping"), value)
    return value


def _p_extend(layer: Layer, data: Any, key: str) -> None:
    pos = value_pos(layer.path, data, key)
    value = data[key]
    if not isinstance(value, str) or not value.strip():
        raise bad_type(pos, key, T("配置文件路径（字符串）", "a configuration file path (string)"), value)
    layer.extend = value.strip()
    layer.extend_pos = pos


def _p_select(layer: Layer, data: Any, key: str) -> None:
    layer.select = selector_list(layer.path, data, key, key)


def _p_extend_select(layer: Layer, data: Any, key: str) -> None:
    layer.extend_select = selector_list(layer.path, data, key, key)


def _p_ignore(layer: Layer, data: Any, key: str) -> None:
    layer.ignore = selector_list(layer.path, data, key, key)


def _p_severity(layer: Layer, data: Any, key: str) -> None:
    m = _mapping(
        layer.path,
        data,
        key,
        key,
        T("映射（规则选择器: error|warning|info|off）", "a mapping (rule selector: error|warning|info|off)"),
    )
    if m is None:
        return
    for sel in m:
        kpos = key_pos(layer.path, m, sel)
        text = _scalar_str(layer.path, m, sel, sel, kpos, f"{key}")
        sev = parse_severity_value(m[sel], value_pos(layer.path, m, sel), f"{key}.{text}")
        layer.severity.append((Selector(text, kpos), sev))


def _p_options(layer: Layer, data: Any, key: str) -> None:
    m = _mapping(
        layer.path,
        data,
        key,
        key,
        T("映射（规则代码或名称: {选项: 值}）", "a mapping (rule code or name: {option: value})"),
    )
    if m is None:
        return
    for rule in m:
        kpos = key_pos(layer.path, m, rule)
        rule_text = _scalar_str(layer.path, m, rule, rule, kpos, key)
        opts = m[rule]
        if opts is None:
            layer.options.append(RuleOptions(rule_text, kpos, []))
            continue
        if not isinstance(opts, dict):
            raise bad_type(
                value_pos(layer.path, m, rule),
                f"{key}.{rule_text}",
                T("映射（选项: 值）", "a mapping (option: value)"),
                opts,
            )
        values = []
        for name in opts:
            npos = key_pos(layer.path, opts, name)
            if not isinstance(name, str):
                raise bad_type(npos, f"{key}.{rule_text}", T("选项名（字符串）", "an option name (string)"), name)
            values.append(OptionValue(name, to_plain(opts[name]), npos, value_pos(layer.path, opts, name)))
        layer.options.append(RuleOptions(rule_text, kpos, values))


def _p_per_file_ignores(layer: Layer, data: Any, key: str) -> None:
    from reportlint.config.globs import compile_glob

    m = _mapping(
        layer.path, data, key, key, T("映射（glob 模式: [规则选择器…]）", "a mapping (glob pattern: [rule selectors…])")
    )
    if m is None:
        return
    for pattern in m:
        kpos = key_pos(layer.path, m, pattern)
        if not isinstance(pattern, str) or not pattern.strip():
            raise bad_type(kpos, key, T("glob 模式（非空字符串）", "a glob pattern (non-empty string)"), pattern)
        try:
            compile_glob(pattern.strip())
        except ValueError as exc:
            raise kpos.error(
                Text(
                    f"“{key}” 中的 glob 模式 “{pattern}” 无效：{exc}",
                    f"invalid glob pattern '{pattern}' in '{key}': {exc}",
                )
            ) from None
        sels = selector_list(layer.path, m, pattern, f"{key}.{pattern}")
        layer.per_file_ignores.append((Glob(pattern.strip(), kpos), sels))


def _p_exclude(layer: Layer, data: Any, key: str) -> None:
    layer.exclude = glob_list(layer.path, data, key, key)


def _p_report(layer: Layer, data: Any, key: str) -> None:
    m = _mapping(
        layer.path, data, key, key, T("映射（kind/year/format/script）", "a mapping (kind/year/format/script)")
    )
    if m is None:
        return
    for fact in m:
        kpos = key_pos(layer.path, m, fact)
        vpos = value_pos(layer.path, m, fact)
        value = m[fact]
        if fact not in REPORT_KEYS:
            raise kpos.error(
                Text(
                    f"“report” 下未知的项 “{fact}”{did_you_mean(str(fact), REPORT_KEYS).zh}；可用：{'、'.join(REPORT_KEYS)}",
                    f"unknown key '{fact}' under 'report'{did_you_mean(str(fact), REPORT_KEYS).en}; "
                    f"allowed: {', '.join(REPORT_KEYS)}",
                )
            )
        if value is None:
            continue
        what = f"report.{fact}"
        if fact == "year":
            if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 8:
                value = int(value.strip())
            if isinstance(value, bool) or not isinstance(value, int):
                raise bad_type(vpos, what, T("年份（整数）", "a year (integer)"), value)
            if not YEAR_RANGE[0] <= value <= YEAR_RANGE[1]:
                raise vpos.error(
                    Text(
                        f"“{what}” 的年份 {value} 超出范围（{YEAR_RANGE[0]}–{YEAR_RANGE[1]}）",
                        f"'{what}': year {value} is out of range ({YEAR_RANGE[0]}–{YEAR_RANGE[1]})",
                    )
                )
            layer.report["year"] = int(value)
            continue
        allowed = {"kind": REPORT_KINDS, "format": REPORT_FORMATS, "script": REPORT_SCRIPTS}[fact]
        if isinstance(value, int) and not isinstance(value, bool) and fact == "format":
            value = str(value)
        if not isinstance(value, str):
            raise bad_type(vpos, what, T("字符串", "a string"), value)
        v = value.strip().lower()
        if fact == "format" and v == "pre-2019":
            v = "pre2019"
        if v not in allowed:
            raise vpos.error(
                Text(
                    f"“{what}” 的值 “{value}” 无效{did_you_mean(v, allowed).zh}；可用：{'、'.join(allowed)}",
                    f"invalid value '{value}' for '{what}'{did_you_mean(v, allowed).en}; allowed: {', '.join(allowed)}",
                )
            )
        layer.report[fact] = v


def _p_max_file_size(layer: Layer, data: Any, key: str) -> None:
    value = data[key]
    if value is None:
        return
    size = parse_size(value)
    if size is None:
        raise value_pos(layer.path, data, key).error(
            Text(
                f"“{key}” 的值 “{value}” 无效；应为正整数字节数，或如 “20MB”、“512KB” 的大小",
                f"invalid value '{value}' for '{key}'; use a positive number of bytes or a size such as '20MB' or '512KB'",
            )
        )
    layer.max_file_size = size


def _p_force_report(layer: Layer, data: Any, key: str) -> None:
    value = data[key]
    if value is None:
        return
    if not isinstance(value, bool):
        raise bad_type(value_pos(layer.path, data, key), key, T("true 或 false", "true or false"), value)
    layer.force_report = value


def _p_deadlines(layer: Layer, data: Any, key: str) -> None:
    m = _mapping(
        layer.path,
        data,
        key,
        key,
        T(
            '映射（机关类别: 月-日，如 department: "01-28"）',
            'a mapping (agency kind: month-day, e.g. department: "01-28")',
        ),
    )
    if m is None:
        return
    for kind in m:
        kpos = key_pos(layer.path, m, kind)
        if kind not in DEADLINE_KINDS:
            # A level (county, city) is not read from a report; a folder of one level's
            # reports gets its own `.reportlint.yaml` with its own dates instead.
            raise kpos.error(
                Text(
                    f"“deadlines” 下未知的机关类别 “{kind}”{did_you_mean(str(kind), DEADLINE_KINDS).zh}；"
                    f"可用：{'、'.join(DEADLINE_KINDS)}（某一级机关的期限不同时，请在其报告所在目录另放一个 .reportlint.yaml）",
                    f"unknown agency kind '{kind}' under 'deadlines'{did_you_mean(str(kind), DEADLINE_KINDS).en}; "
                    f"allowed: {', '.join(DEADLINE_KINDS)} (for one level's own dates, put a .reportlint.yaml "
                    "in the folder of its reports)",
                )
            )
        value = m[kind]
        vpos = value_pos(layer.path, m, kind)
        what = f"{key}.{kind}"
        match = _DEADLINE_RE.match(value) if isinstance(value, str) else None
        valid = False
        if match is not None:
            month, day = int(match.group(1)), int(match.group(2))
            # any day of a leap year (02-29 becomes 02-28 in other years)
            valid = 1 <= month <= 12 and 1 <= day <= (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
        if not valid:
            shown = value if isinstance(value, str) else type_name(value).en
            raise vpos.error(
                Text(
                    f'“{what}” 的值 “{shown}” 无效；应为次年的“月-日”，如 "01-28"（请加引号）',
                    f"invalid value '{shown}' for '{what}'; use the month and day of the following year, "
                    'such as "01-28" (quoted)',
                )
            )
        layer.deadlines[str(kind)] = f"{month:02d}-{day:02d}"


def _p_near_duplicates(layer: Layer, data: Any, key: str) -> None:
    value = data[key]
    if value is None:
        return
    vpos = value_pos(layer.path, data, key)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise bad_type(vpos, key, T("小数（两份报告正文相同部分的比例，如 0.5）", "a share (such as 0.5)"), value)
    if not 0 < value <= 1:
        raise vpos.error(
            Text(
                f"“{key}” 的值 {value} 超出范围；应大于 0、不超过 1（两份报告正文相同部分的比例，如 0.5）",
                f"'{key}' {value} is out of range; use a share above 0, at most 1 (such as 0.5)",
            )
        )
    layer.near_duplicates = float(value)


HIERARCHY_KEYS = ("figures", "mode")


def _p_hierarchy(layer: Layer, data: Any, key: str) -> None:
    from reportlint.core import ruledata

    spec = ruledata.load("hierarchy")
    known = [f"{f['table']}.{f['row']}.{f['column']}" for f in spec["figures"]]
    modes = [str(m) for m in spec["modes"]]
    m = _mapping(
        layer.path,
        data,
        key,
        key,
        T(
            "映射（figures: 比较的数字列表，mode: at-least 或 equal）",
            "a mapping (figures: the figures compared, mode: at-least or equal)",
        ),
    )
    if m is None:
        return
    for k in m:
        if k not in HIERARCHY_KEYS:
            raise key_pos(layer.path, m, k).error(
                Text(
                    f"“{key}” 下未知的项 “{k}”{did_you_mean(str(k), HIERARCHY_KEYS).zh}；可用：{'、'.join(HIERARCHY_KEYS)}",
                    f"unknown key '{k}' under '{key}'{did_you_mean(str(k), HIERARCHY_KEYS).en}; "
                    f"allowed: {', '.join(HIERARCHY_KEYS)}",
                )
            )
    if m.get("figures") is not None:
        value = m["figures"]
        vpos = value_pos(layer.path, m, "figures")
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items:
            raise bad_type(vpos, f"{key}.figures", T("非空的数字名称列表", "a non-empty list of figure names"), value)
        figures = []
        for i, item in enumerate(items):
            if item not in known:
                ipos = vpos if isinstance(value, str) else item_pos(layer.path, items, i)
                shown = item if isinstance(item, str) else type_name(item).en
                raise ipos.error(
                    Text(
                        f"“{key}.figures” 中未知的数字 “{shown}”{did_you_mean(str(item), known).zh}；可用：{'、'.join(known)}",
                        f"unknown figure '{shown}' in '{key}.figures'{did_you_mean(str(item), known).en}; "
                        f"allowed: {', '.join(known)}",
                    )
                )
            if item not in figures:
                figures.append(item)
        layer.hierarchy_figures = figures
    if m.get("mode") is not None:
        mode = m["mode"]
        if mode not in modes:
            shown = mode if isinstance(mode, str) else type_name(mode).en
            raise value_pos(layer.path, m, "mode").error(
                Text(
                    f"“{key}.mode” 的值 “{shown}” 无效{did_you_mean(str(mode), modes).zh}；可用：{'、'.join(modes)}"
                    "（at-least：上级的数字不小于下级之和；equal：等于下级之和）",
                    f"invalid value '{shown}' for '{key}.mode'{did_you_mean(str(mode), modes).en}; "
                    f"allowed: {', '.join(modes)} (at-least: the parent's figure at least the children's sum; "
                    "equal: exactly the sum)",
                )
            )
        layer.hierarchy_mode = mode


def _p_scoring(layer: Layer, data: Any, key: str) -> None:
    value = data[key]
    if value is None:
        return
    vpos = value_pos(layer.path, data, key)
    if not isinstance(value, str) or not value.strip():
        raise bad_type(
            vpos,
            key,
            T("评分方案名称或 YAML 文件路径（字符串）", "a scoring profile name or YAML file path (string)"),
            value,
        )
    layer.scoring = value.strip()
    layer.scoring_pos = vpos


def _p_placeholders(layer: Layer, data: Any, key: str) -> None:
    value = data[key]
    vpos = value_pos(layer.path, data, key)
    if value is None:
        layer.placeholders = []
        return
    if isinstance(value, str):
        value, positions = [value], [vpos]
    elif isinstance(value, list):
        if len(value) > MAX_PLACEHOLDERS:
            raise vpos.error(
                Text(
                    f"“{key}” 有 {len(value)} 项，超过上限 {MAX_PLACEHOLDERS} 项",
                    f"'{key}' has {len(value)} items, more than the limit of {MAX_PLACEHOLDERS}",
                )
            )
        positions = [item_pos(layer.path, value, i) for i in range(len(value))]
    else:
        raise bad_type(vpos, key, T("字符串列表", "a list of strings"), value)
    out = []
    for item, ipos in zip(value, positions):
        if isinstance(item, bool) or not isinstance(item, (str, int)) or not str(item).strip():
            raise bad_type(ipos, key, T("非空字符串", "a non-empty string"), item)
        out.append(str(item).strip())
    layer.placeholders = out


def _p_custom_rules(layer: Layer, data: Any, key: str) -> None:
    from reportlint.config.declarative import parse_custom_rules

    layer.custom_rules = parse_custom_rules(layer.path, data, key)


_PARSERS = {
    "extend": _p_extend,
    "select": _p_select,
    "extend-select": _p_extend_select,
    "ignore": _p_ignore,
    "severity": _p_severity,
    "options": _p_options,
    "per-file-ignores": _p_per_file_ignores,
    "exclude": _p_exclude,
    "report": _p_report,
    "max-file-size": _p_max_file_size,
    "placeholders": _p_placeholders,
    "custom-rules": _p_custom_rules,
    "force-report": _p_force_report,
    "deadlines": _p_deadlines,
    "scoring": _p_scoring,
    "near-duplicates": _p_near_duplicates,
    "hierarchy": _p_hierarchy,
}
