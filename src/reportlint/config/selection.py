"""Rule selectors and the Ruff-style selection algorithm.

A selector is one of (from least to most specific):

=========  ==========================  ==============================
kind       example                     selects
=========  ==========================  ==============================
all        ``ALL``                     every rule
category   ``structure``               the rules of one category
prefix     ``RL1``, ``RL``, ``ORG``    codes starting with it (a longer
                                       prefix is more specific)
code       ``RL101``                   one rule
name       ``missing-section``         one rule (as specific as a code)
=========  ==========================  ==============================

Selection starts from every registered rule whose class does not set
``default_enabled = False``. Each configuration file of the ``extend`` chain is then
applied in order, base first:

1. if it has ``select``, the set is emptied and ``select`` + ``extend-select`` are
   added; otherwise only ``extend-select`` is added. Rules it declares under
   ``custom-rules`` are added too, less specifically than any selector, so any
   ``ignore`` in the file (even ``ALL`` or a category) turns them off;
2. within that file, selectors are applied from the least specific to the most
   specific, ``ignore`` after ``select`` at the same specificity — so the more
   specific selector wins (``select: [ALL]`` + ``ignore: [RL1]`` +
   ``extend-select: [RL101]`` keeps RL101), and ``ignore`` wins a tie.

``severity`` keys are selectors too, applied the same way (files in order, least
specific first, later wins); ``off`` removes the rule.
"""

from __future__ import annotations

from collections.abc import Iterable

from reportlint.config.schema import Layer, Selector
from reportlint.config.yaml_nodes import Pos, did_you_mean
from reportlint.core import pattern_store
from reportlint.core.diagnostics import CATEGORIES, Severity
from reportlint.core.errors import ReportlintError
from reportlint.core.i18n import Text
from reportlint.core.lazy_dataclass import dataclass
from reportlint.rules.base import Rule

SPECIFICITY_DECLARED = -1  # custom rules selected by being declared
SPECIFICITY_ALL = 0
SPECIFICITY_CATEGORY = 1
SPECIFICITY_PREFIX = 10  # + length of the prefix
SPECIFICITY_CODE = 1000

_PREFIX_RE = pattern_store.compile(r"^([A-Z]+)([0-9]*)$")


@dataclass(frozen=True)
class Resolved:
    """A selector checked against the known rules."""

    selector: Selector
    kind: str  # all | category | prefix | code | name
    specificity: int
    codes: frozenset[str]


@dataclass(frozen=True)
class Decision:
    """Why a rule is on or off: the key (``select``, ``ignore``…) and the selector that decided."""

    key: str
    selector: str | None = None
    pos: Pos | None = None

    def to_json(self) -> dict:
        out: dict = {"by": self.key}
        if self.selector is not None:
            out["selector"] = self.selector
        if self.pos is not None:
            out["file"] = self.pos.path
            if self.pos.line is not None:
                out["line"] = self.pos.line
        return out


def _letters(code: str) -> str:
    m = _PREFIX_RE.match(code)
    return m.group(1) if m else code


def resolve_selector(sel: Selector, rules: dict[str, type[Rule]], what: str = "") -> Resolved:
    """Check ``sel`` against ``rules`` (code → class); unknown → a ConfigError at its position (a UsageError
    for a selector given on the command line)."""
    text = sel.text.strip()
    if text.upper() == "ALL":
        return Resolved(sel, "all", SPECIFICITY_ALL, frozenset(rules))
    if text.lower() in CATEGORIES:
        cat = text.lower()
        return Resolved(
            sel, "category", SPECIFICITY_CATEGORY, frozenset(c for c, r in rules.items() if r.category == cat)
        )
    upper = text.upper()
    if upper in rules:
        return Resolved(sel, "code", SPECIFICITY_CODE, frozenset([upper]))
    for code, rule in rules.items():
        if rule.name == text.lower():
            return Resolved(sel, "name", SPECIFICITY_CODE, frozenset([code]))
    m = _PREFIX_RE.match(upper)
    if m:
        codes = frozenset(c for c in rules if c.startswith(upper) and _letters(c) == m.group(1))
        if codes:
            return Resolved(sel, "prefix", SPECIFICITY_PREFIX + len(upper), codes)
    raise unknown_selector(sel, rules, what)


def unknown_selector(sel: Selector, rules: dict[str, type[Rule]], what: str = "") -> ReportlintError:
    choices = ["ALL", *CATEGORIES, *rules, *(r.name for r in rules.values())]
    hint = did_you_mean(sel.text, choices)
    what = sel.flag or what
    where_zh = f"“{what}” 中" if what else ""
    where_en = f" in '{what}'" if what else ""
    return sel.pos.error(
        Text(
            f"{where_zh}未知的规则选择器 “{sel.text}”{hint.zh}；可用：规则代码（如 RL101）、代码前缀（如 RL1）、"
            f"规则名称、类别（{'、'.join(CATEGORIES)}）或 ALL",
            f"unknown rule selector '{sel.text}'{where_en}{hint.en}; use a rule code (e.g. RL101), a code prefix "
            f"(e.g. RL1), a rule name, a category ({', '.join(CATEGORIES)}) or ALL",
        )
    )


def resolve_all(sels: Iterable[Selector], rules: dict[str, type[Rule]], what: str) -> list[Resolved]:
    return [resolve_selector(s, rules, what) for s in sels]


def select_rules(
    layers: list[Layer],
    rules: dict[str, type[Rule]],
    custom_by_layer: dict[int, list[tuple[str, Pos]]],
) -> tuple[set[str], dict[str, Decision]]:
    """The enabled codes after ``select`` / ``extend-select`` / ``ignore`` of every layer.

    ``custom_by_layer`` maps a layer index to the custom rule codes it declares.
    """
    enabled = {c for c, r in rules.items() if getattr(r, "default_enabled", True)}
    decisions = {c: Decision("default") if c in enabled else Decision("not-default") for c in rules}
    for index, layer in enumerate(layers):
        entries: list[tuple[int, int, Resolved, str]] = []  # (specificity, order, resolved, key)
        if layer.select is not None:
            for c in rules:  # not listed in this file's select (overwritten below when listed)
                decisions[c] = Decision("select", None, layer.select[0].pos if layer.select else None)
            enabled = set()
            for r in resolve_all(layer.select, rules, "select"):
                entries.append((r.specificity, 0, r, "select"))
        for r in resolve_all(layer.extend_select, rules, "extend-select"):
            entries.append((r.specificity, 0, r, "extend-select"))
        for code, pos in custom_by_layer.get(index, []):
            r = Resolved(Selector(code, pos), "declared", SPECIFICITY_DECLARED, frozenset([code]))
            entries.append((r.specificity, 0, r, "custom-rules"))
        for r in resolve_all(layer.ignore, rules, "ignore"):
            entries.append((r.specificity, 1, r, "ignore"))
        entries.sort(key=lambda e: (e[0], e[1]))
        for _, _, r, key in entries:
            for code in r.codes:
                if key == "ignore":
                    enabled.discard(code)
                else:
                    enabled.add(code)
                decisions[code] = Decision(key, r.selector.text, r.selector.pos)
    return enabled, decisions


def resolve_severities(
    layers: list[Layer], rules: dict[str, type[Rule]]
) -> tuple[dict[str, Severity | None], dict[str, Decision]]:
    """Severity of every rule after the ``severity`` maps (None = off)."""
    severity: dict[str, Severity | None] = {c: r.severity for c, r in rules.items()}
    decisions: dict[str, Decision] = {}
    for layer in layers:
        entries = []
        for order, (sel, sev) in enumerate(layer.severity):
            r = resolve_selector(sel, rules, "severity")
            entries.append((r.specificity, order, r, sev))
        entries.sort(key=lambda e: (e[0], e[1]))
        for _, _, r, sev in entries:
            for code in r.codes:
                severity[code] = sev
                decisions[code] = Decision("severity", r.selector.text, r.selector.pos)
    return severity, decisions
