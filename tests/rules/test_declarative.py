"""Declarative (Vale-style) rules from ``custom-rules:``."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from reportlint.config import DeclarativeRule, load_config
from reportlint.core.diagnostics import Severity
from reportlint.core.errors import ConfigError
from reportlint.document.build import build_document
from reportlint.plugins.manager import Registry
from reportlint.readers import read
from reportlint.rules.base import Rule, validate_rule_class

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "changji-kjj-2021.txt"


def registry() -> Registry:
    reg = Registry()

    class Missing(Rule):  # made up: an XT code can never clash with a built-in rule
        """Missing section.

        Why.
        """

        code = "XT101"
        name = "missing-section"
        category = "structure"

        def check(self, doc):
            return iter(())

    reg.add(Missing, "builtin", builtin=False)
    return reg


def write_config(root: Path, text: str) -> str:
    p = root / ".reportlint.yaml"
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return str(p)


def resolved_for(root: Path, text: str):
    return load_config(write_config(root, text)).resolve(registry())


def run(root: Path, text: str, doc, code: str | None = None):
    resolved = resolved_for(root, text)
    rules = [r for r in resolved.rules_for(doc.path) if code is None or r.code == code]
    return [d for r in rules for d in r.check(doc)]


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def apply_fixes(text: str, diags) -> str:
    edits = sorted((e for d in diags if d.fix for e in d.fix.edits), key=lambda e: e.start, reverse=True)
    for e in edits:
        text = text[: e.start] + e.text + text[e.end :]
    return text


@pytest.fixture(scope="module")
def doc():
    return build_document(read(str(FIXTURE)))


def make_doc(tmp_path: Path, text: str, name: str = "report.txt"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return build_document(read(str(p)))


# --------------------------------------------------------------------------------------
# existence


def test_existence_tokens_on_a_real_document(tmp_path, doc):
    diags = run(
        tmp_path,
        """\
        custom-rules:
          - code: ORG001
            name: phone-number
            type: existence
            tokens: ["0994-"]
            message: {zh: "发现电话号码前缀“{match}”", en: "phone prefix '{match}'"}
            severity: info
            category: consistency
        """,
        doc,
    )
    starts = [m.start() for m in re.finditer("0994-", doc.text)]
    assert len(diags) == len(starts) == 3
    for d, start in zip(diags, starts):
        assert d.code == "ORG001" and d.name == "phone-number" and d.category == "consistency"
        assert d.severity is Severity.INFO
        assert (d.location.line, d.location.column) == line_col(doc.text, start)
        assert (d.location.end_line, d.location.end_column) == (d.location.line, d.location.column + 5)
        assert d.message.zh == "发现电话号码前缀“0994-”" and d.message.en == "phone prefix '0994-'"
        assert d.fix is None and d.path == doc.path
        assert d.data["match"] == "0994-"
    assert (diags[0].location.line, diags[0].location.column) == (3, 256)


def test_existence_patterns_and_tokens_together(tmp_path, doc):
    diags = run(
        tmp_path,
        r"""
        custom-rules:
          - code: ORG002
            name: phone-or-fax
            type: existence
            tokens: [传真]
            patterns: ['0994-\d{7}']
            message: "“{match}”"
            category: artifact
        """,
        doc,
    )
    expected = sorted(
        [(m.start(), m.group(0)) for m in re.finditer(r"0994-\d{7}", doc.text)]
        + [(m.start(), m.group(0)) for m in re.finditer("传真", doc.text)]
    )
    got = sorted((d.data["match"], d.location.line, d.location.column) for d in diags)
    assert got == sorted((m, *line_col(doc.text, s)) for s, m in expected)
    assert {d.data["match"] for d in diags} >= {"0994-2345627", "传真"}
    assert all(d.severity is Severity.WARNING for d in diags)  # default severity


def test_existence_view_scope_normalises_tokens_and_text(tmp_path):
    # Traditional script and full-width punctuation in the document, Simplified /
    # full-width token in the rule: the normalised view matches them all.
    d = make_doc(tmp_path, "第一行\n本機關的聯繫電話：１２３\n另一行 联系电话:456\n")
    text = """\
    custom-rules:
      - code: ORG003
        name: contact-phone
        type: existence
        tokens: ["联系电话："]
        category: consistency
    """
    diags = run(tmp_path, text, d)
    assert [(x.location.line, x.location.column, x.data["match"]) for x in diags] == [
        (2, 5, "聯繫電話："),
        (3, 5, "联系电话:"),
    ]
    assert diags[0].message.en == "found '聯繫電話：'"  # default message uses the text as written
    # scope: text matches the characters exactly as written
    raw = run(tmp_path, text.replace("category: consistency", "category: consistency\n        scope: text"), d)
    assert raw == []
    raw = run(
        tmp_path,
        text.replace('["联系电话："]', '["聯繫電話："]').replace(
            "category: consistency", "category: consistency\n        scope: text"
        ),
        d,
    )
    assert [(x.location.line, x.location.column) for x in raw] == [(2, 5)]


def test_existence_ignore_case(tmp_path):
    d = make_doc(tmp_path, "见 HTTP://example.gov.cn 与 http://x.cn\n")
    base = """\
    custom-rules:
      - code: ORG004
        name: plain-http
        type: existence
        patterns: ['http://']
        category: artifact
    """
    assert len(run(tmp_path, base, d)) == 1
    diags = run(tmp_path, base + "    ignore-case: true\n", d)
    assert [(x.location.column, x.data["match"]) for x in diags] == [(3, "HTTP://"), (27, "http://")]


def test_existence_skips_empty_matches(tmp_path):
    d = make_doc(tmp_path, "abc\n")
    diags = run(
        tmp_path,
        """\
        custom-rules:
          - {code: ORG005, name: maybe-x, type: existence, patterns: ['x*'], category: artifact}
        """,
        d,
    )
    assert diags == []


# --------------------------------------------------------------------------------------
# substitution


def test_substitution_with_fix_on_a_real_document(tmp_path, doc):
    diags = run(
        tmp_path,
        """\
        custom-rules:
          - code: ORG010
            name: full-agency-name
            type: substitution
            swap:
              昌吉州科学技术局: 昌吉回族自治州科学技术局
            message:
              zh: 应写作“{right}”，而非“{match}”
              en: write '{right}', not '{match}'
            severity: error
            category: consistency
        """,
        doc,
    )
    # the page's navigation links after the report (上一篇/下一篇) are not report text: not read
    page = doc.meta.page_spans
    starts = [
        m.start() for m in re.finditer("昌吉州科学技术局", doc.text) if not any(s <= m.start() < e for s, e in page)
    ]
    assert len(diags) == len(starts) == 13
    first = diags[0]
    assert first.severity is Severity.ERROR
    assert first.message.zh == "应写作“昌吉回族自治州科学技术局”，而非“昌吉州科学技术局”"
    assert first.message.en == "write '昌吉回族自治州科学技术局', not '昌吉州科学技术局'"
    assert (first.location.line, first.location.column) == (2, 1)  # the file starts with a blank line
    for d, start in zip(diags, starts):
        assert (d.location.line, d.location.column) == line_col(doc.text, start)
        (edit,) = d.fix.edits
        assert (edit.start, edit.end, edit.text) == (start, start + 8, "昌吉回族自治州科学技术局")
        assert d.fix.description.en == "replace '昌吉州科学技术局' with '昌吉回族自治州科学技术局'"
        assert d.data["right"] == "昌吉回族自治州科学技术局"
    fixed = apply_fixes(doc.text, diags)
    assert fixed.count("昌吉州科学技术局") == 2  # in the two navigation links only
    assert fixed.count("昌吉回族自治州科学技术局") == 13
    # the fix is idempotent: the fixed text reports nothing
    again = run(tmp_path, (tmp_path / ".reportlint.yaml").read_text(encoding="utf-8"), make_doc(tmp_path, fixed))
    assert again == []


def test_substitution_does_not_report_inside_the_right_form(tmp_path, doc):
    text = """\
    custom-rules:
      - code: ORG011
        name: regulation-name
        type: substitution
        swap: {信息公开条例: 政府信息公开条例}
        category: template
    """
    # the fixture always writes the full name
    assert doc.text.count("政府信息公开条例") == doc.text.count("信息公开条例") == 4
    assert run(tmp_path, text, doc) == []
    d = make_doc(tmp_path, "依据《政府信息公开条例》和《信息公开条例》。\n")
    diags = run(tmp_path, text, d)
    assert [(x.location.line, x.location.column, x.data["match"]) for x in diags] == [(1, 15, "信息公开条例")]
    assert diags[0].message.zh == "应使用“政府信息公开条例”，而非“信息公开条例”"
    assert apply_fixes(d.text, diags) == "依据《政府信息公开条例》和《政府信息公开条例》。\n"


def test_substitution_view_scope_fixes_the_original_characters(tmp_path):
    d = make_doc(tmp_path, "本機關依申請公開\n")
    diags = run(
        tmp_path,
        """\
        custom-rules:
          - code: ORG012
            name: wording
            type: substitution
            swap: {依申请公开: 依申请公开政府信息}
            category: template
        """,
        d,
    )
    assert len(diags) == 1
    assert diags[0].data["match"] == "依申請公開"
    assert apply_fixes(d.text, diags) == "本機關依申请公开政府信息\n"


def test_substitution_longest_key_first_and_ignore_case(tmp_path):
    d = make_doc(tmp_path, "Email 与 E-Mail 和 e-mail\n")
    diags = run(
        tmp_path,
        """\
        custom-rules:
          - code: ORG013
            name: email-spelling
            type: substitution
            swap: {e-mail: 电子邮箱, email: 电子邮箱}
            ignore-case: true
            category: consistency
        """,
        d,
    )
    assert [x.data["match"] for x in diags] == ["Email", "E-Mail", "e-mail"]
    assert apply_fixes(d.text, diags) == "电子邮箱 与 电子邮箱 和 电子邮箱\n"


# --------------------------------------------------------------------------------------
# the rule classes and selection


def test_custom_rules_are_real_rules(tmp_path):
    resolved = resolved_for(
        tmp_path,
        """\
        custom-rules:
          - code: ORG020
            name: draft-mark
            type: existence
            tokens: [征求意见稿]
            description: {zh: 不得保留草稿标记, en: No draft marks}
            category: artifact
        """,
    )
    cls = resolved.custom_rules["ORG020"]
    assert issubclass(cls, Rule) and issubclass(cls, DeclarativeRule)
    assert validate_rule_class(cls, builtin=False) == []
    assert resolved.rules["ORG020"] is cls
    assert cls.doc().summary.zh == "不得保留草稿标记" and cls.doc().summary.en == "No draft marks"
    assert resolved.origin("ORG020").startswith("custom-rules (")
    assert "ORG020" in resolved.enabled


def test_custom_rules_respect_selection_and_severity(tmp_path):
    rules = textwrap.dedent(
        """\
        custom-rules:
          - {code: ORG030, name: one, type: existence, tokens: [a], category: artifact}
          - {code: ORG031, name: two, type: existence, tokens: [b], category: table}
        """
    )
    assert resolved_for(tmp_path, rules).enabled == ["ORG030", "ORG031", "XT101"]
    # declaring a rule selects it, even with a narrow select in the same file …
    assert resolved_for(tmp_path, "select: [XT101]\n" + rules).enabled == ["ORG030", "ORG031", "XT101"]
    # … but ignore, prefixes, categories and severity work as for any rule
    assert resolved_for(tmp_path, "ignore: [ORG030]\n" + rules).enabled == ["ORG031", "XT101"]
    assert resolved_for(tmp_path, "ignore: [ORG]\n" + rules).enabled == ["XT101"]
    assert resolved_for(tmp_path, "ignore: [table]\n" + rules).enabled == ["ORG030", "XT101"]
    assert resolved_for(tmp_path, "ignore: [two]\n" + rules).enabled == ["ORG030", "XT101"]
    r = resolved_for(tmp_path, "severity: {ORG03: error, ORG031: off}\n" + rules)
    assert r.enabled == ["ORG030", "XT101"] and r.severities["ORG030"] is Severity.ERROR


def test_child_select_resets_base_custom_rules(tmp_path):
    (tmp_path / "base.yaml").write_text(
        "custom-rules:\n  - {code: ORG040, name: base-rule, type: existence, tokens: [a], category: artifact}\n",
        encoding="utf-8",
    )
    assert resolved_for(tmp_path, "extend: base.yaml\n").enabled == ["ORG040", "XT101"]
    assert resolved_for(tmp_path, "extend: base.yaml\nselect: [XT101]\n").enabled == ["XT101"]
    # a child redefines the rule
    r = resolved_for(
        tmp_path,
        "extend: base.yaml\ncustom-rules:\n  - {code: ORG040, name: base-rule, type: existence, tokens: [b], category: table}\n",
    )
    assert r.rules["ORG040"].category == "table"


# --------------------------------------------------------------------------------------
# errors


def rule_yaml(**fields) -> str:
    base = {"code": "ORG001", "name": "my-rule", "type": "existence", "tokens": "[x]", "category": "artifact"}
    base.update(fields)
    lines = ["custom-rules:"]
    first = True
    for k, v in base.items():
        if v is None:
            continue
        lines.append(("  - " if first else "    ") + f"{k}: {v}")
        first = False
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "fields, where, needle",
    [
        ({"code": "org1"}, (2, 11), "invalid custom rule code"),
        ({"code": "RL123"}, (2, 11), "built-in form"),
        ({"name": "My_Rule"}, (3, 11), "kebab-case"),
        ({"type": "occurrence"}, (4, 11), "existence, substitution"),
        ({"category": "style"}, (6, 15), "allowed: structure"),
        ({"category": None}, (2, 5), "needs 'category'"),
        ({"tokens": None}, (2, 5), "needs non-empty 'tokens' or 'patterns'"),
        ({"tokens": "[]"}, (2, 5), "needs non-empty 'tokens' or 'patterns'"),
        ({"tokens": "{a: b}"}, (5, 13), "list of strings"),
        ({"swap": "{a: b}"}, (7, 5), "does not apply to type: existence"),
        ({"type": "substitution", "tokens": None}, (2, 5), "non-empty 'swap'"),
        ({"type": "substitution", "tokens": None, "swap": "[a]"}, (6, 11), "non-empty 'swap'"),
        ({"type": "substitution", "tokens": None, "swap": "{a: a}"}, (6, 12), "swapped for itself"),
        ({"type": "substitution", "tokens": None, "swap": "{a: [b]}"}, (6, 15), "a string"),
        ({"severity": "fatal"}, (7, 15), "invalid severity"),
        ({"severity": "'off'"}, (7, 15), "must be error, warning or info"),
        ({"scope": "page"}, (7, 12), "view, text"),
        ({"ignore-case": "yes"}, (7, 18), "boolean"),
        ({"message": "'{mtch}'"}, (7, 14), "unknown placeholder '{mtch}'"),
        ({"message": "'use {right}'"}, (7, 14), "unknown placeholder '{right}'"),
        ({"message": "'bad {'"}, (7, 14), "malformed"),
        ({"message": "{zh: 好, fr: bon}"}, (7, 22), "only 'zh' and 'en'"),
        ({"message": "{zh: 好, en: 3}"}, (7, 26), "a string"),
        ({"message": "7"}, (7, 14), "a string, or {zh"),
        ({"level": "x"}, (7, 5), "unknown key 'level'"),
        ({"swpa": "x"}, (7, 5), "did you mean 'swap'"),
    ],
)
def test_custom_rule_errors(fields, where, needle, tmp_path):
    with pytest.raises(ConfigError) as e:
        load_config(write_config(tmp_path, rule_yaml(**fields)))
    error = e.value
    assert (error.line, error.column) == where, (error.message.en, rule_yaml(**fields))
    assert needle in error.message.en
    assert error.message.zh != error.message.en


def test_bad_regex_points_at_the_pattern(tmp_path):
    with pytest.raises(ConfigError) as e:
        load_config(
            write_config(
                tmp_path,
                """\
                custom-rules:
                  - code: ORG001
                    name: broken
                    type: existence
                    patterns:
                      - 'ok'
                      - '第(\\d+稿'
                    category: artifact
                """,
            )
        )
    assert (e.value.line, e.value.column) == (7, 9)
    assert "invalid regular expression" in e.value.message.en and "正则表达式" in e.value.message.zh


def test_duplicate_code_and_name_in_one_file(tmp_path):
    two = "custom-rules:\n  - {code: ORG001, name: a, type: existence, tokens: [x], category: artifact}\n  - {code: %s, name: %s, type: existence, tokens: [y], category: artifact}\n"
    with pytest.raises(ConfigError) as e:
        load_config(write_config(tmp_path, two % ("ORG001", "b")))
    assert (e.value.line, e.value.column) == (3, 12) and "twice" in e.value.message.en
    with pytest.raises(ConfigError) as e:
        load_config(write_config(tmp_path, two % ("ORG002", "a")))
    assert (e.value.line, e.value.column) == (3, 26) and "twice" in e.value.message.en


def test_collision_with_registry(tmp_path):
    reg = registry()

    class Plugin(Rule):
        """Plugin rule.

        Why.
        """

        code = "ACME001"
        name = "acme-check"
        category = "artifact"

        def check(self, doc):
            return iter(())

    reg.add(Plugin, "acme", builtin=False)
    same_code = "select: [ALL]\ncustom-rules:\n  - {code: ACME001, name: mine, type: existence, tokens: [x], category: artifact}\n"
    with pytest.raises(ConfigError) as e:
        load_config(write_config(tmp_path, same_code)).resolve(reg)
    assert (e.value.line, e.value.column) == (3, 12) and "acme" in e.value.message.en
    same_name = (
        "custom-rules:\n  - {code: ORG001, name: missing-section, type: existence, tokens: [x], category: artifact}\n"
    )
    with pytest.raises(ConfigError) as e:
        load_config(write_config(tmp_path, same_name)).resolve(reg)
    assert (e.value.line, e.value.column) == (2, 26) and "XT101" in e.value.message.en


# --------------------------------------------------------------------------------------
# the linear-time engine (issue 11): Python's meaning, RE2's guarantee

SAMPLES = ["第\u3000３\u3000稿", "中文_ab 12", "a]b]", "x\ty\u00a0z", "ＡＢＣ abc", "2021年12月31日", "\u2028行"]


@pytest.mark.parametrize(
    "pattern",
    [
        r"\s+",
        r"\S+",
        r"\d+",
        r"\D+",
        r"\w+",
        r"\W+",
        r"[\s\d]+",
        r"[^\d\s]+",
        r"[]a]+",
        r"第\s*\d+\s*稿",
        r"(?i)abc",
        r"(?P<y>\d{4})年",
    ],
)
def test_translated_patterns_match_like_python_re(pattern):
    import re

    from reportlint.config.linear_regex import compile_linear

    linear = compile_linear(pattern)
    for text in SAMPLES:
        assert [m.span() for m in linear.finditer(text)] == [m.span() for m in re.finditer(pattern, text)], (
            pattern,
            text,
        )


def test_ignore_case_rule_uses_re2_case_folding(tmp_path):
    from reportlint.config.declarative import build_rule_class

    config = load_config(
        write_config(
            tmp_path,
            """\
            custom-rules:
              - {code: ORG001, name: draft, type: existence, patterns: ['draft\\s*\\d'], ignore-case: true, category: artifact}
            """,
        )
    )
    (spec,) = config.layers[0].custom_rules
    rule = build_rule_class(spec)
    assert [m.group(0) for m in rule.regex.finditer("DRAFT 2 and Draft\u30003")] == ["DRAFT 2", "Draft\u30003"]


_PATTERN_PIECES = [r"\s", r"\S", r"\d", r"\D", r"\w", r"\W", r"[\s\d]", r"[^\s]", "第", "稿", "a", r"[]a]", "."]
_TEXT_ALPHABET = "第稿a]b _\t\n\u3000\u00a0\u2028３3٣xＡ中-"


def test_translated_patterns_agree_with_python_re_on_random_input():
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from reportlint.config.linear_regex import compile_linear

    pieces = st.lists(st.sampled_from(_PATTERN_PIECES), min_size=1, max_size=4)
    quantifier = st.sampled_from(["", "+", "*", "?"])

    @settings(max_examples=300, deadline=None)
    @given(pieces, quantifier, st.text(alphabet=_TEXT_ALPHABET, max_size=30))
    def agree(parts, q, text):
        pattern = "".join(p + q for p in parts)
        got = [m.span() for m in compile_linear(pattern).finditer(text)]
        want = [m.span() for m in re.finditer(pattern, text)]
        assert got == want, (pattern, text)

    agree()
