"""Declarative rules, in the style of Vale, written in ``custom-rules:``.

An agency adds local checks without Python::

    custom-rules:
      - code: ORG001                 # [A-Z]{2,8}[0-9]{3,4}, not a registered code
        name: no-internal-draft-mark # kebab-case
        type: existence              # each match → one diagnostic
        tokens: [征求意见稿, 内部资料]  # literal strings …
        patterns: ['第\\s*[0-9]+\\s*稿'] # … and/or regular expressions
        message: {zh: "删除内部标记“{match}”", en: "remove the internal mark '{match}'"}
        severity: error              # error | warning (default) | info
        category: artifact           # one of the nine categories
        ignore-case: false           # optional
        scope: view                  # view (normalised text, default) | text (as written)
      - code: ORG002
        name: official-law-name
        type: substitution           # each match → one diagnostic with a fix
        swap: {信息公开条例: 政府信息公开条例}
        message: "应写作“{right}”，而非“{match}”"
        category: template

``message`` may use ``{match}`` (the text as written in the document) and, for
substitutions, ``{right}`` — plain fields only: a format spec (``{match:>9999}``) or a
conversion (``{match!r}``) is refused when the file is loaded. With ``scope: view``
literal tokens and swap keys are normalised like the document view (Traditional →
Simplified, full-width folded), so one token matches every spelling; regular
expressions are used as written.

Every rule is matched with RE2 (:mod:`reportlint.config.linear_regex`), in time linear
in the document whatever its patterns: a pattern RE2 cannot run that way
(back-references, look-around) is a configuration error at its line.

:func:`build_rule_class` turns a :class:`CustomRuleSpec` into a real
:class:`~reportlint.rules.base.Rule` subclass that runs like any other rule.
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from dataclasses import field
from typing import Any, ClassVar

from reportlint.config import linear_regex
from reportlint.config.yaml_nodes import (
    Pos,
    bad_type,
    did_you_mean,
    item_pos,
    key_pos,
    parse_severity_value,
    value_pos,
)
from reportlint.core import pattern_store
from reportlint.core.diagnostics import CATEGORIES, Diagnostic, Edit, Fix, Severity
from reportlint.core.errors import ConfigError
from reportlint.core.i18n import T, Text
from reportlint.core.lazy_dataclass import dataclass
from reportlint.rules.base import BUILTIN_CODE_RE, CODE_RE, NAME_RE, Rule

RULE_KEYS = (
    "code",
    "name",
    "type",
    "tokens",
    "patterns",
    "swap",
    "message",
    "description",
    "severity",
    "category",
    "ignore-case",
    "scope",
)
TYPES = ("existence", "substitution")
SCOPES = ("view", "text")
TYPE_KEYS = {"existence": ("tokens", "patterns"), "substitution": ("swap",)}
PLACEHOLDERS = {"existence": ("match",), "substitution": ("match", "right")}

DEFAULT_MESSAGES = {
    "existence": T("发现“{match}”", "found '{match}'"),
    "substitution": T("应使用“{right}”，而非“{match}”", "use '{right}' instead of '{match}'"),
}
DEFAULT_DESCRIPTIONS = {
    "existence": T("配置文件中定义的存在性检查", "existence check defined in the configuration file"),
    "substitution": T("配置文件中定义的替换检查", "substitution check defined in the configuration file"),
}


@dataclass
class CustomRuleSpec:
    """A declarative rule as parsed from the configuration file."""

    code: str
    name: str
    type: str
    message: Text
    description: Text
    severity: Severity
    category: str
    ignore_case: bool
    scope: str
    path: str  # the configuration file that declares it
    pos: Pos  # of the rule's mapping
    code_pos: Pos
    name_pos: Pos
    tokens: list[str] = field(default_factory=list)
    patterns: list[str] = field(default_factory=list)
    swap: dict[str, str] = field(default_factory=dict)


# --------------------------------------------------------------------------------------
# parsing


def _text_value(
    value: Any, pos: Pos, what: str, allowed_fields: tuple[str, ...], path: str, parent: Any, key: str
) -> Text:
    if isinstance(value, str):
        zh = en = value
        positions = {"zh": pos, "en": pos}
    elif isinstance(value, dict):
        for k in value:
            if k not in ("zh", "en"):
                raise key_pos(path, value, k).error(
                    Text(f"“{what}” 下只能有 zh 和 en，不能有 “{k}”", f"'{what}' takes only 'zh' and 'en', not '{k}'")
                )
        given = {lang: value[lang] for lang in ("zh", "en") if value.get(lang) is not None}
        if not given:
            raise pos.error(Text(f"“{what}” 至少要有 zh 或 en", f"'{what}' needs 'zh' or 'en'"))
        for lang, v in given.items():
            if not isinstance(v, str):
                raise bad_type(value_pos(path, value, lang), f"{what}.{lang}", T("字符串", "a string"), v)
        zh = given["zh"] if "zh" in given else given["en"]
        en = given["en"] if "en" in given else given["zh"]
        positions = {
            "zh": value_pos(path, value, "zh") if "zh" in value else pos,
            "en": value_pos(path, value, "en") if "en" in value else pos,
        }
    else:
        raise bad_type(pos, what, T("字符串，或 {zh: …, en: …}", "a string, or {zh: …, en: …}"), value)
    for lang, text in (("zh", zh), ("en", en)):
        if not text.strip():
            raise positions[lang].error(Text(f"“{what}” 不能为空", f"'{what}' must not be empty"))
        try:
            parsed = [(f, spec, conv) for _, f, spec, conv in string.Formatter().parse(text) if f is not None]
        except ValueError as exc:
            raise positions[lang].error(
                Text(
                    f"“{what}” 格式有误：{exc}（字面花括号请写成 {{{{ 和 }}}}）",
                    f"malformed '{what}': {exc} (write literal braces as {{{{ and }}}})",
                )
            ) from None
        for f, format_spec, conversion in parsed:
            if format_spec or conversion:
                # A format spec such as {match:999999999} pads to any width (gigabytes
                # of memory), and !r/!s/!a change what is shown: only plain fields.
                shown = (
                    "{"
                    + f
                    + (f"!{conversion}" if conversion else "")
                    + (f":{format_spec}" if format_spec else "")
                    + "}"
                )
                raise positions[lang].error(
                    Text(
                        f"“{what}” 中的 “{shown}” 不允许：占位符只能写成 {{name}} 形式，不能带格式说明或转换",
                        f"'{shown}' is not allowed in '{what}': placeholders are plain {{name}} fields, "
                        "without a format spec or conversion",
                    )
                )
            if f not in allowed_fields:
                allowed = ", ".join("{" + a + "}" for a in allowed_fields) or "-"
                raise positions[lang].error(
                    Text(
                        f"“{what}” 中的占位符 “{{{f}}}” 未知；可用：{allowed}",
                        f"unknown placeholder '{{{f}}}' in '{what}'; allowed: {allowed}",
                    )
                )
    return Text(zh, en)


def _bool(value: Any, pos: Pos, what: str) -> bool:
    if not isinstance(value, bool):
        raise bad_type(pos, what, T("布尔值（true/false）", "a boolean (true/false)"), value)
    return value


def _choice(value: Any, pos: Pos, what: str, allowed: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value.strip().lower() not in allowed:
        shown = value if isinstance(value, str) else repr(value)
        raise pos.error(
            Text(
                f"“{what}” 的值 “{shown}” 无效{did_you_mean(str(value), allowed).zh}；可用：{'、'.join(allowed)}",
                f"invalid value '{shown}' for '{what}'{did_you_mean(str(value), allowed).en}; allowed: {', '.join(allowed)}",
            )
        )
    return value.strip().lower()


def _str_list(path: str, parent: Any, key: str, what: str) -> list[tuple[str, Pos]]:
    value = parent[key]
    vpos = value_pos(path, parent, key)
    if isinstance(value, str):
        items = [(value, vpos)]
    elif isinstance(value, list):
        items = [(v, item_pos(path, value, i)) for i, v in enumerate(value)]
    else:
        raise bad_type(vpos, what, T("字符串列表", "a list of strings"), value)
    out = []
    for v, p in items:
        if isinstance(v, bool) or not isinstance(v, (str, int, float)) or not str(v):
            raise bad_type(p, what, T("非空字符串", "a non-empty string"), v)
        out.append((str(v), p))
    return out


def _normalise(literal: str) -> str:
    from reportlint.document.normalize import build_view

    return build_view(literal).text


def parse_custom_rules(path: str, data: Any, key: str) -> list[CustomRuleSpec]:
    value = data[key]
    if value is None:
        return []
    if not isinstance(value, list):
        raise bad_type(value_pos(path, data, key), key, T("规则列表", "a list of rules"), value)
    specs: list[CustomRuleSpec] = []
    seen_codes: dict[str, Pos] = {}
    seen_names: dict[str, Pos] = {}
    for i, item in enumerate(value):
        ipos = item_pos(path, value, i)
        where = f"{key}[{i}]"
        if not isinstance(item, dict):
            raise bad_type(ipos, where, T("映射（code、name、type …）", "a mapping (code, name, type …)"), item)
        spec = parse_custom_rule(path, item, where, ipos)
        if spec.code in seen_codes:
            raise spec.code_pos.error(
                Text(
                    f"自定义规则代码 {spec.code} 重复（第 {seen_codes[spec.code].line} 行已定义）",
                    f"custom rule code {spec.code} is defined twice (first on line {seen_codes[spec.code].line})",
                )
            )
        if spec.name in seen_names:
            raise spec.name_pos.error(
                Text(
                    f"自定义规则名称 {spec.name} 重复（第 {seen_names[spec.name].line} 行已定义）",
                    f"custom rule name {spec.name} is defined twice (first on line {seen_names[spec.name].line})",
                )
            )
        seen_codes[spec.code] = spec.code_pos
        seen_names[spec.name] = spec.name_pos
        specs.append(spec)
    return specs


def parse_custom_rule(path: str, item: Any, where: str, ipos: Pos) -> CustomRuleSpec:
    for k in item:
        if k not in RULE_KEYS:
            raise key_pos(path, item, k).error(
                Text(
                    f"自定义规则中未知的项 “{k}”{did_you_mean(str(k), RULE_KEYS).zh}；可用：{'、'.join(RULE_KEYS)}",
                    f"unknown key '{k}' in a custom rule{did_you_mean(str(k), RULE_KEYS).en}; allowed: {', '.join(RULE_KEYS)}",
                )
            )
    for required in ("code", "name", "type", "category"):
        if required not in item or item[required] is None:
            raise ipos.error(Text(f"{where}：自定义规则缺少 “{required}”", f"{where}: custom rule needs '{required}'"))

    code_pos = value_pos(path, item, "code")
    code = item["code"]
    if not isinstance(code, str) or not CODE_RE.match(code.strip()):
        raise code_pos.error(
            Text(
                f"自定义规则代码 “{code}” 无效；格式应为 2–8 个大写字母加 3–4 位数字，如 ORG001",
                f"invalid custom rule code '{code}'; use 2–8 capital letters and 3–4 digits, e.g. ORG001",
            )
        )
    code = code.strip()
    if BUILTIN_CODE_RE.match(code):
        raise code_pos.error(
            Text(
                f"自定义规则代码 {code} 与内置规则的代码格式（RL+三位数字）冲突，请换一个前缀，如 ORG001",
                f"custom rule code {code} uses the built-in form RL + three digits; pick another prefix, e.g. ORG001",
            )
        )
    name_pos = value_pos(path, item, "name")
    name = item["name"]
    if not isinstance(name, str) or not NAME_RE.match(name.strip()):
        raise name_pos.error(
            Text(
                f"自定义规则名称 “{name}” 无效；应为小写字母、数字和连字符（kebab-case），如 no-draft-mark",
                f"invalid custom rule name '{name}'; use kebab-case (lowercase letters, digits, hyphens), e.g. no-draft-mark",
            )
        )
    name = name.strip()
    where = f"{code}"
    kind = _choice(item["type"], value_pos(path, item, "type"), f"{where}.type", TYPES)
    category = _choice(item["category"], value_pos(path, item, "category"), f"{where}.category", CATEGORIES)

    for k in ("tokens", "patterns", "swap"):
        if k in item and k not in TYPE_KEYS[kind]:
            raise key_pos(path, item, k).error(
                Text(
                    f"{where}：“{k}” 不适用于 type: {kind}（可用：{'、'.join(TYPE_KEYS[kind])}）",
                    f"{where}: '{k}' does not apply to type: {kind} (use {', '.join(TYPE_KEYS[kind])})",
                )
            )

    severity = Severity.WARNING
    if item.get("severity") is not None:
        sev = parse_severity_value(item["severity"], value_pos(path, item, "severity"), f"{where}.severity")
        if sev is None:
            raise value_pos(path, item, "severity").error(
                Text(
                    f"{where}.severity 只能是 error、warning 或 info（要关闭规则，请在顶层 severity 或 ignore 中设置）",
                    f"{where}.severity must be error, warning or info (to turn the rule off use the top-level severity or ignore)",
                )
            )
        severity = sev
    ignore_case = (
        _bool(item["ignore-case"], value_pos(path, item, "ignore-case"), f"{where}.ignore-case")
        if item.get("ignore-case") is not None
        else False
    )
    scope = (
        _choice(item["scope"], value_pos(path, item, "scope"), f"{where}.scope", SCOPES)
        if item.get("scope") is not None
        else "view"
    )

    message = DEFAULT_MESSAGES[kind]
    if item.get("message") is not None:
        message = _text_value(
            item["message"],
            value_pos(path, item, "message"),
            f"{where}.message",
            PLACEHOLDERS[kind],
            path,
            item,
            "message",
        )
    description = DEFAULT_DESCRIPTIONS[kind]
    if item.get("description") is not None:
        description = _text_value(
            item["description"],
            value_pos(path, item, "description"),
            f"{where}.description",
            (),
            path,
            item,
            "description",
        )

    spec = CustomRuleSpec(
        code=code,
        name=name,
        type=kind,
        message=message,
        description=description,
        severity=severity,
        category=category,
        ignore_case=ignore_case,
        scope=scope,
        path=path,
        pos=ipos,
        code_pos=code_pos,
        name_pos=name_pos,
    )
    if kind == "existence":
        if item.get("tokens") is not None:
            for tok, p in _str_list(path, item, "tokens", f"{where}.tokens"):
                norm = _normalise(tok) if scope == "view" else tok
                if not norm:
                    raise p.error(
                        Text(
                            f"{where}.tokens：“{tok}” 规范化后为空", f"{where}.tokens: '{tok}' is empty once normalised"
                        )
                    )
                spec.tokens.append(norm)
        if item.get("patterns") is not None:
            for pat, p in _str_list(path, item, "patterns", f"{where}.patterns"):
                try:
                    linear_regex.check_pattern(pat, ignore_case)
                except linear_regex.PatternError as exc:
                    raise _regex_error(p, where, pat, str(exc)) from None
                except linear_regex.EngineMissing:  # pragma: no cover - google-re2 is a dependency
                    raise p.error(
                        Text(
                            f"{where}.patterns：正则表达式需要安装 google-re2",
                            f"{where}.patterns: regular expressions need google-re2 installed",
                        )
                    ) from None
                spec.patterns.append(pat)
        if not spec.tokens and not spec.patterns:
            raise ipos.error(
                Text(
                    f"{where}：type: existence 需要非空的 tokens 或 patterns",
                    f"{where}: type: existence needs non-empty 'tokens' or 'patterns'",
                )
            )
    else:
        swap = item.get("swap")
        spos = value_pos(path, item, "swap") if "swap" in item else ipos
        if not isinstance(swap, dict) or not swap:
            raise (spos if "swap" in item else ipos).error(
                Text(
                    f"{where}：type: substitution 需要非空的 swap 映射（错误写法: 正确写法）",
                    f"{where}: type: substitution needs a non-empty 'swap' mapping (wrong: right)",
                )
            )
        for wrong in swap:
            kp = key_pos(path, swap, wrong)
            right = swap[wrong]
            if isinstance(wrong, bool) or not isinstance(wrong, (str, int)) or not str(wrong):
                raise bad_type(kp, f"{where}.swap", T("非空字符串", "a non-empty string"), wrong)
            if isinstance(right, bool) or not isinstance(right, (str, int)):
                raise bad_type(value_pos(path, swap, wrong), f"{where}.swap.{wrong}", T("字符串", "a string"), right)
            wrong_s, right_s = str(wrong), str(right)
            if wrong_s == right_s:
                raise kp.error(
                    Text(f"{where}.swap：“{wrong_s}” 替换为自身", f"{where}.swap: '{wrong_s}' is swapped for itself")
                )
            key = _normalise(wrong_s) if scope == "view" else wrong_s
            if not key:
                raise kp.error(
                    Text(
                        f"{where}.swap：“{wrong_s}” 规范化后为空", f"{where}.swap: '{wrong_s}' is empty once normalised"
                    )
                )
            spec.swap[key] = right_s
    return spec


def _regex_error(pos: Pos, where: str, pattern: str, problem: str) -> ConfigError:
    return ConfigError(
        Text(
            f"{where}.patterns：正则表达式 “{pattern}” 无效或无法以线性时间匹配（不支持反向引用和环视）：{problem}",
            f"{where}.patterns: invalid regular expression '{pattern}', or one that cannot run in linear time "
            f"(back-references and look-around are not supported): {problem}",
        ),
        path=pos.path,
        line=pos.line,
        column=pos.column,
    )


# --------------------------------------------------------------------------------------
# the rule classes


class DeclarativeRule(Rule):
    """Base class of rules built from ``custom-rules:`` (not registered itself)."""

    spec: ClassVar[CustomRuleSpec]
    regex: ClassVar[linear_regex.LinearRegex]

    def _haystack(self, doc) -> tuple[str, Any]:
        if self.spec.scope == "view":
            return doc.view.text, doc.view.to_source
        return doc.text, lambda a, b: (a, b)

    def check(self, doc) -> Iterable[Diagnostic]:  # pragma: no cover - overridden
        raise NotImplementedError


class ExistenceRule(DeclarativeRule):
    def check(self, doc) -> Iterable[Diagnostic]:
        hay, to_source = self._haystack(doc)
        for m in self.regex.finditer(hay):
            if m.end() == m.start():
                continue
            a, b = to_source(m.start(), m.end())
            written = doc.text[a:b]
            yield self.report(doc, (a, b), "match", match=written, data={"match": written})


class SubstitutionRule(DeclarativeRule):
    lookup: ClassVar[dict[str, str]]  # swap key (casefolded when ignore-case) → right
    matchable: ClassVar[dict[str, str]]  # right → right as it appears in the haystack (normalised for view)

    def _key(self, s: str) -> str:
        return s.casefold() if self.spec.ignore_case else s

    def _already_right(self, hay: str, start: int, wrong: str, right: str) -> bool:
        """True when the match sits inside an occurrence of the right text (wrong ⊂ right)."""
        r = self.matchable.get(right, right)
        rk, wk = self._key(r), self._key(wrong)
        i = rk.find(wk)
        while i != -1:
            s = start - i
            if s >= 0 and self._key(hay[s : s + len(r)]) == rk:
                return True
            i = rk.find(wk, i + 1)
        return False

    def check(self, doc) -> Iterable[Diagnostic]:
        hay, to_source = self._haystack(doc)
        for m in self.regex.finditer(hay):
            if m.end() == m.start():
                continue
            right = self.lookup.get(self._key(m.group(0)))
            if right is None:  # pragma: no cover - the regex only matches swap keys
                continue
            if self._already_right(hay, m.start(), m.group(0), right):
                continue
            a, b = to_source(m.start(), m.end())
            written = doc.text[a:b]
            fix = Fix(
                description=T("将“{m}”改为“{r}”", "replace '{m}' with '{r}'").format(m=written, r=right),
                edits=(Edit(a, b, right),),
            )
            yield self.report(
                doc, (a, b), "match", fix=fix, match=written, right=right, data={"match": written, "right": right}
            )


def _class_name(code: str) -> str:
    return f"Custom{code}"


def build_rule_class(spec: CustomRuleSpec) -> type[Rule]:
    """A real :class:`Rule` subclass for ``spec``."""
    if spec.type == "existence":
        alternatives = [linear_regex.escape(t) for t in sorted(set(spec.tokens), key=pattern_store.longest_first)]
        alternatives += [f"(?:{linear_regex.translate(p)})" for p in spec.patterns]
        base: type[DeclarativeRule] = ExistenceRule
        extra: dict[str, Any] = {}
    else:
        keys = sorted(spec.swap, key=pattern_store.longest_first)
        alternatives = [linear_regex.escape(k) for k in keys]
        base = SubstitutionRule
        extra = {
            "lookup": {(k.casefold() if spec.ignore_case else k): v for k, v in spec.swap.items()},
            "matchable": {v: (_normalise(v) if spec.scope == "view" else v) for v in spec.swap.values()},
        }
    # One RE2 program for the whole rule: linear in the text whatever the patterns
    # (and whatever the number of literal tokens), leftmost-first like Python's re.
    regex = linear_regex.compile_linear("|".join(alternatives), spec.ignore_case, translated=True)
    summary = spec.description
    doc = f"{summary.en}\n\nDeclared in {spec.path} (custom-rules, type: {spec.type}).\n"
    attrs: dict[str, Any] = {
        "__doc__": doc,
        "__module__": __name__,
        "__qualname__": _class_name(spec.code),
        "code": spec.code,
        "name": spec.name,
        "category": spec.category,
        "severity": spec.severity,
        "options": {},
        "summary_zh": summary.zh,
        "rationale_zh": f"在配置文件 {spec.path} 中声明（custom-rules，type: {spec.type}）。",
        "messages": {"match": spec.message},
        "spec": spec,
        "regex": regex,
        "declared_in": spec.path,
        **extra,
    }
    return type(_class_name(spec.code), (base,), attrs)
