"""Scores per report under a scoring profile (``--scoring PROFILE``, ``scoring:``).

A profile is a YAML file (the format: ``docs/scoring.md``): a name, a label in both
languages, the maximum, the published local rule it follows, and items — each with the
points it deducts, a cap, whether it counts once per report or per finding, and what it
deducts for: rule codes, categories of findings, a late publication, an agency of the
roster without a report, a share repeated from last year's report, a near-duplicate of
another agency's report. Two profiles taken from published local rules ship in
``rules/scoring/`` (``suqian``, ``quanzhou-licheng``); an office writes its own and names
its path.

:func:`load_profile` reads and checks a profile: anything wrong is one
:class:`~reportlint.core.errors.ConfigError` naming the file, line and key (exit 2).
:func:`apply` fills each checked record's ``score``, ``max_score`` and ``deductions``
(reasons in both languages) and, for the roster's agencies without a report, their
entry in ``Coverage.missing``: 0 of the maximum — the profile's items for a missing
report as deductions, and what they leave of the maximum as one more, ``no-report``.
Files that are not reports or could not be read get no score (None): there is nothing
to score, and a file that could not be read says so itself.
"""

from __future__ import annotations

import os
import stat
from collections import defaultdict
from dataclasses import field
from typing import Any

from reportlint.config.yaml_nodes import Pos, bad_type, did_you_mean, item_pos, key_pos, node_pos, value_pos
from reportlint.core import pattern_store, ruledata
from reportlint.core.diagnostics import CATEGORIES
from reportlint.core.errors import ConfigError
from reportlint.core.i18n import T, Text
from reportlint.core.lazy_dataclass import dataclass
from reportlint.core.records import CHECKED, AuditSummary, Deduction, NearDuplicate, ReportRecord, RosterEntry

MAX_PROFILE_BYTES = 256 * 1024
PROFILE_DIR = "scoring"  # below the rule data folder (rules/scoring/*.yaml)

PROFILE_KEYS = ("name", "label", "max", "source", "items")
SOURCE_KEYS = ("issuer", "title", "document", "published", "url", "item", "note")
ITEM_KEYS = ("id", "label", "points", "cap", "per", "deduct_for")
PER_VALUES = ("report", "finding")
CONDITIONS = ("rules", "categories", "late", "missing", "copied_from_last_year", "near_duplicate")
NO_REPORT = "no-report"  # the deduction that takes a missing agency's score to 0

_CODE = pattern_store.compile(r"^[A-Z]{2,8}[0-9]{3,4}$")
_ID = pattern_store.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


@dataclass(eq=False)
class Item:
    """One item of a profile (see ``docs/scoring.md``)."""

    id: str
    label: Text
    points: float  # deducted once (per: report) or per finding / pair (per: finding)
    cap: float  # at most this much for the item
    per: str = "report"
    rules: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    late: bool = False
    missing: bool = False
    copied_from_last_year: float | None = None  # share (0..1] from which it deducts
    near_duplicate: float | None = None  # share from which a pair counts (0: any pair listed)


@dataclass(eq=False)
class Profile:
    """A scoring profile as loaded."""

    name: str
    label: Text
    max_score: float
    items: list[Item]
    path: str
    source: dict[str, Any] = field(default_factory=dict)  # issuer, title, document, url … as written


# -- loading -----------------------------------------------------------------------------


def shipped_profiles() -> list[str]:
    """The names of the profiles that ship with reportlint."""
    folder = ruledata.data_dir() / PROFILE_DIR
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []


def _is_path(name_or_path: str) -> bool:
    return name_or_path.endswith((".yaml", ".yml")) or "/" in name_or_path or os.sep in name_or_path


def profile_path(name_or_path: str) -> str:
    """The file of a shipped profile's name, or ``name_or_path`` itself when it is a path."""
    if _is_path(name_or_path) or os.path.isfile(name_or_path):
        return name_or_path
    shipped = shipped_profiles()
    if name_or_path not in shipped:
        raise ConfigError(
            T(
                f"评分方案“{name_or_path}”不存在{did_you_mean(name_or_path, shipped).zh}；随附的方案："
                f"{'、'.join(shipped)}，或给出方案 YAML 文件的路径",
                f"no scoring profile '{name_or_path}'{did_you_mean(name_or_path, shipped).en}; shipped profiles: "
                f"{', '.join(shipped)}, or give the path of a profile YAML file",
            ),
            path="--scoring",
        )
    return str(ruledata.data_dir() / PROFILE_DIR / f"{name_or_path}.yaml")


def _prefixed(message: Text) -> Text:
    return Text(f"评分方案：{message.zh}", f"scoring profile: {message.en}")


def _fail(pos: Pos, message: Text) -> ConfigError:
    return ConfigError(_prefixed(message), path=pos.path, line=pos.line, column=pos.column)


def _read(path: str) -> str:
    def fail(message: Text) -> ConfigError:
        return ConfigError(_prefixed(message), path=path)

    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise fail(T("文件不存在", "file not found")) from None
    except OSError as exc:
        raise fail(T("无法读取：{e}", "cannot read it: {e}").format(e=exc.strerror or exc)) from None
    if not stat.S_ISREG(st.st_mode):
        raise fail(T("不是普通文件，不会读取", "not a regular file; not read"))
    if st.st_size > MAX_PROFILE_BYTES:
        raise fail(
            T(
                f"文件过大（上限 {MAX_PROFILE_BYTES >> 10} KB）",
                f"too large (the limit is {MAX_PROFILE_BYTES >> 10} KB)",
            )
        )
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_PROFILE_BYTES + 1)
    except OSError as exc:
        raise fail(T("无法读取：{e}", "cannot read it: {e}").format(e=exc.strerror or exc)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise fail(T("必须是 UTF-8 编码", "must be UTF-8 encoded")) from None


def load_profile(name_or_path: str) -> Profile:
    """The profile named (a shipped one) or at a path, checked (see the module docstring)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    path = profile_path(name_or_path)
    text = _read(path)
    try:
        data = YAML(typ="rt").load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(str(p) for p in (exc.context, exc.problem) if p) or str(exc)
        line = mark.line + 1 if mark is not None else None
        raise _fail(Pos(path, line), T("YAML 语法错误：{p}", "invalid YAML: {p}").format(p=problem)) from None
    except (YAMLError, RecursionError, ValueError, OverflowError, TypeError, KeyError, AttributeError):
        raise _fail(Pos(path), T("YAML 内容无效", "invalid YAML")) from None
    if not isinstance(data, dict):
        raise _fail(
            Pos(path, 1, 1), T("应为映射（name、label、max、items …）", "must be a mapping (name, label, max, items …)")
        )
    _known(path, data, PROFILE_KEYS, "")
    for key in ("name", "label", "max", "items"):
        if key not in data:
            raise _fail(Pos(path, 1, 1), T(f"缺少“{key}”", f"'{key}' is missing"))
    name = data["name"]
    if not isinstance(name, str) or not _ID.match(name.strip()):
        raise _fail(
            value_pos(path, data, "name"),
            T(
                "“name” 应为小写字母、数字和连字符（如 my-office）",
                "'name' must be lower-case letters, digits and hyphens (my-office)",
            ),
        )
    max_score = _number(path, data, "max", "max")
    source = data.get("source")
    if source is not None and not isinstance(source, dict):
        raise _bad(value_pos(path, data, "source"), "source", T("映射", "a mapping"), source)
    if isinstance(source, dict):
        _known(path, source, SOURCE_KEYS, "source.")
    items_node = data["items"]
    if not isinstance(items_node, list) or not items_node:
        raise _bad(value_pos(path, data, "items"), "items", T("非空的列表", "a non-empty list"), items_node)
    items: list[Item] = []
    seen: set[str] = set()
    for i, node in enumerate(items_node):
        item = _item(path, items_node, i, node)
        if item.id in seen:
            raise _fail(key_pos(path, node, "id"), T(f"项目 id “{item.id}”重复", f"item id '{item.id}' is used twice"))
        seen.add(item.id)
        items.append(item)
    return Profile(
        name=name.strip(),
        label=_text(path, data, "label", "label"),
        max_score=max_score,
        items=items,
        path=path,
        source=_plain(source) if isinstance(source, dict) else {},
    )


def _bad(pos: Pos, key: str, expected: Text, value: Any) -> ConfigError:
    error = bad_type(pos, key, expected, value)
    return ConfigError(_prefixed(error.message), path=error.path, line=error.line, column=error.column)


def _known(path: str, mapping: dict, allowed: tuple[str, ...], prefix: str) -> None:
    for key in mapping:
        if key not in allowed:
            shown = str(key)
            raise _fail(
                key_pos(path, mapping, key),
                T(
                    f"未知的项“{prefix}{shown}”{did_you_mean(shown, allowed).zh}；可用：{'、'.join(allowed)}",
                    f"unknown key '{prefix}{shown}'{did_you_mean(shown, allowed).en}; allowed: {', '.join(allowed)}",
                ),
            )


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value if value is None or isinstance(value, (bool, int, float)) else str(value)


def _number(path: str, mapping: dict, key: str, what: str, *, share: bool = False) -> float:
    value = mapping[key]
    pos = value_pos(path, mapping, key)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        expected = (
            T("0 到 1 之间的比例（如 0.5）", "a share between 0 and 1 (such as 0.5)")
            if share
            else T("正数", "a positive number")
        )
        raise _bad(pos, what, expected, value)
    number = float(value)
    if share and not 0 < number <= 1:
        raise _fail(pos, T(f"“{what}” 应在 0 和 1 之间（如 0.5）", f"'{what}' must be between 0 and 1 (such as 0.5)"))
    if not share and not 0 < number < 1e6:
        raise _fail(pos, T(f"“{what}” 应为正数", f"'{what}' must be a positive number"))
    return number


def _text(path: str, mapping: dict, key: str, what: str) -> Text:
    value = mapping[key]
    pos = value_pos(path, mapping, key)
    if isinstance(value, str) and value.strip():
        return Text(value.strip(), value.strip())
    if (
        isinstance(value, dict)
        and set(value) <= {"zh", "en"}
        and all(isinstance(v, str) and v.strip() for v in value.values())
    ):
        zh = str(value.get("zh") or value.get("en")).strip()
        return Text(zh, str(value.get("en") or zh).strip())
    raise _bad(pos, what, T("文字，或 {zh: …, en: …}", "a text, or {zh: …, en: …}"), value)


def _codes(path: str, mapping: dict, key: str, what: str) -> tuple[str, ...]:
    value = mapping[key]
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not values:
        raise _bad(value_pos(path, mapping, key), what, T("非空的列表", "a non-empty list"), value)
    out = []
    for i, v in enumerate(values):
        pos = item_pos(path, values, i) if values is value else value_pos(path, mapping, key)
        text = str(v).strip() if isinstance(v, str) else ""
        if key == "rules" and not _CODE.match(text):
            raise _fail(
                pos,
                T(
                    f"“{what}” 中的“{v}”不是规则代码（如 RL102）",
                    f"'{v}' in '{what}' is not a rule code (such as RL102)",
                ),
            )
        if key == "categories" and text not in CATEGORIES:
            raise _fail(
                pos,
                T(
                    f"“{what}” 中的类别“{v}”不存在{did_you_mean(text, CATEGORIES).zh}；可用：{'、'.join(CATEGORIES)}",
                    f"no category '{v}' in '{what}'{did_you_mean(text, CATEGORIES).en}; allowed: {', '.join(CATEGORIES)}",
                ),
            )
        out.append(text)
    return tuple(out)


def _item(path: str, items: list, index: int, node: Any) -> Item:
    where = f"items[{index}]"
    if not isinstance(node, dict):
        raise _bad(
            item_pos(path, items, index),
            where,
            T("映射（id、label、points、deduct_for …）", "a mapping (id, label, points, deduct_for …)"),
            node,
        )
    _known(path, node, ITEM_KEYS, f"{where}.")
    for key in ("id", "label", "points", "deduct_for"):
        if key not in node:
            raise _fail(node_pos(path, node), T(f"“{where}” 缺少“{key}”", f"'{where}' has no '{key}'"))
    item_id = node["id"]
    if not isinstance(item_id, str) or not _ID.match(item_id.strip()):
        raise _fail(
            value_pos(path, node, "id"),
            T(
                f"“{where}.id” 应为小写字母、数字和连字符",
                f"'{where}.id' must be lower-case letters, digits and hyphens",
            ),
        )
    where = f"items.{item_id.strip()}"
    per = node.get("per", "report")
    if per not in PER_VALUES:
        raise _fail(
            value_pos(path, node, "per"),
            T(
                f"“{where}.per” 应为 report（每份报告一次）或 finding（每个问题）",
                f"'{where}.per' must be report (once a report) or finding (per finding)",
            ),
        )
    points = _number(path, node, "points", f"{where}.points")
    item = Item(
        id=item_id.strip(), label=_text(path, node, "label", f"{where}.label"), points=points, cap=points, per=per
    )
    conditions = node["deduct_for"]
    if not isinstance(conditions, dict) or not conditions:
        raise _bad(
            value_pos(path, node, "deduct_for"),
            f"{where}.deduct_for",
            T("非空的映射", "a non-empty mapping"),
            conditions,
        )
    _known(path, conditions, CONDITIONS, f"{where}.deduct_for.")
    for key in conditions:
        what = f"{where}.deduct_for.{key}"
        value = conditions[key]
        if key in ("rules", "categories"):
            setattr(item, key, _codes(path, conditions, key, what))
        elif key in ("late", "missing"):
            if value is not True:
                raise _bad(value_pos(path, conditions, key), what, T("true", "true"), value)
            setattr(item, key, True)
        elif key == "copied_from_last_year":
            item.copied_from_last_year = _number(path, conditions, key, what, share=True)
        elif value is True:  # near_duplicate: every pair the batch lists
            item.near_duplicate = 0.0
        else:
            item.near_duplicate = _number(path, conditions, key, what, share=True)
    if per == "finding" and item.rules and item.categories:
        # a finding of a listed rule that is also of a listed category would count twice
        raise _fail(
            value_pos(path, node, "deduct_for"),
            T(
                f"“{where}” 按问题计分（per: finding）时只能列 rules 或 categories 之一",
                f"'{where}' counts per finding: list either rules or categories, not both",
            ),
        )
    if "cap" in node:
        item.cap = _number(path, node, "cap", f"{where}.cap")
    elif per == "finding":
        item.cap = float("inf")  # at most the profile's maximum, through the score's floor
    return item


# -- scoring -----------------------------------------------------------------------------


def _pct(share: float) -> str:
    return f"{share * 100:.0f}%"


def _fmt(points: float) -> str:
    return f"{points:g}"


def _hits(
    item: Item, record: ReportRecord, pairs: list[tuple[NearDuplicate, str, str | None]]
) -> tuple[int, list[Text]]:
    """How many times ``item`` deducts from ``record`` and why."""
    count = 0
    reasons: list[Text] = []
    found = [(code, record.rules.get(code, 0)) for code in item.rules if record.rules.get(code, 0)]
    if found:
        count += sum(n for _, n in found)
        listed = [f"{code}×{n}" for code, n in found]
        reasons.append(T(f"发现问题 {'、'.join(listed)}", f"findings {', '.join(listed)}"))
    found = [(c, record.categories.get(c, 0)) for c in item.categories if record.categories.get(c, 0)]
    if found:
        from reportlint.output.rule_docs import CATEGORY_NAMES

        count += sum(n for _, n in found)
        reasons.append(
            T(
                "、".join(f"{CATEGORY_NAMES[c].zh}类问题 {n} 个" for c, n in found),
                ", ".join(f"{n} {CATEGORY_NAMES[c].en} finding{'s' if n > 1 else ''}" for c, n in found),
            )
        )
    if item.late and record.late_days:
        count += 1
        published = record.published_on or "?"
        reasons.append(
            T(
                f"{published} 发布，晚于期限 {record.due_on} {record.late_days} 天",
                f"published {published}, {record.late_days} day{'s' if record.late_days > 1 else ''} after the deadline {record.due_on}",
            )
        )
    share = record.copied_from_last_year
    if item.copied_from_last_year is not None and share is not None and share >= item.copied_from_last_year:
        count += 1
        last = record.last_year_path or "?"
        reasons.append(
            T(
                f"{_pct(share)} 的内容与上年报告（{last}）重复（≥{_pct(item.copied_from_last_year)}）",
                f"{_pct(share)} repeated from last year's report ({last}; from {_pct(item.copied_from_last_year)})",
            )
        )
    if item.near_duplicate is not None:
        for pair, other_path, other_agency in pairs:
            if pair.share >= item.near_duplicate:
                count += 1
                other = f"{other_agency}（{other_path}）" if other_agency else other_path
                other_en = f"{other_agency} ({other_path})" if other_agency else other_path
                reasons.append(
                    T(f"与{other}的报告雷同约 {_pct(pair.share)}", f"about {_pct(pair.share)} the same as {other_en}")
                )
    return count, reasons


def _deduction(item: Item, count: int, reasons: list[Text]) -> Deduction | None:
    if count == 0:
        return None
    points = item.points * (count if item.per == "finding" else 1)
    points = min(points, item.cap)
    return Deduction(
        item=item.id,
        label=item.label,
        points=round(points, 4),
        reason=Text("；".join(r.zh for r in reasons), "; ".join(r.en for r in reasons)),
    )


def score_record(
    record: ReportRecord, profile: Profile, pairs: list[tuple[NearDuplicate, str, str | None]] | None = None
) -> None:
    """Fill one checked record's score, maximum and deductions. ``pairs``: the record's
    near-duplicate pairs, each with the other report's path and agency."""
    deductions = []
    for item in profile.items:
        count, reasons = _hits(item, record, pairs or [])
        found = _deduction(item, count, reasons)
        if found is not None:
            deductions.append(found)
    record.deductions = deductions
    record.max_score = profile.max_score
    record.score = round(max(0.0, profile.max_score - sum(d.points for d in deductions)), 4)


def score_missing(entry: RosterEntry, profile: Profile, year: int | None) -> None:
    """A roster agency without a report: 0 of the maximum (see the module docstring)."""
    which = f"{year}年度" if year is not None else ""
    which_en = f"for {year} " if year is not None else ""
    reason = T(
        f"名单中的“{entry.name}”没有{which}报告", f"'{entry.name}' of the roster has no report {which_en}in the batch"
    )
    deductions = [
        Deduction(item=item.id, label=item.label, points=round(min(item.points, item.cap), 4), reason=reason)
        for item in profile.items
        if item.missing
    ]
    rest = profile.max_score - sum(d.points for d in deductions)
    if rest > 0:
        deductions.append(
            Deduction(
                item=NO_REPORT,
                label=T("没有报告可评", "no report to score"),
                points=round(rest, 4),
                reason=T("未发布年度报告，其余各项不得分", "no report was published: the other items score nothing"),
            )
        )
    entry.deductions = deductions
    entry.max_score = profile.max_score
    entry.score = 0.0


def apply(summary: AuditSummary, profile: Profile) -> None:
    """Score every checked record of ``summary`` and every agency of its roster without
    a report, under ``profile``; name the profile on the summary."""
    summary.profile = profile.name
    summary.profile_label = profile.label
    pairs: dict[str, list[tuple[NearDuplicate, str, str | None]]] = defaultdict(list)
    for pair in summary.near_duplicates:
        pairs[pair.path_a].append((pair, pair.path_b, pair.agency_b))
        pairs[pair.path_b].append((pair, pair.path_a, pair.agency_a))
    for record in summary.records:
        if record.status != CHECKED:
            record.score = record.max_score = None
            record.deductions = []
            continue
        score_record(record, profile, pairs.get(record.path, []))
    if summary.coverage is not None:
        for entry in summary.coverage.missing:
            score_missing(entry, profile, summary.coverage.year)
