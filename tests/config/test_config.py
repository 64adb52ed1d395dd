"""Configuration: discovery, extend, selection, severity, options, globs, facts, errors, starter."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from reportlint.config import (
    KEYS,
    Config,
    ConfigLoader,
    config_from_text,
    effective_settings,
    load_config,
    parse_size,
    starter_config,
)
from reportlint.config.globs import compile_glob, glob_matches
from reportlint.core.diagnostics import Severity
from reportlint.core.errors import ConfigError
from reportlint.plugins.manager import Registry
from reportlint.rules.base import Rule

# --------------------------------------------------------------------------------------
# a small registry: made-up rules with XT codes, which no built-in rule (RL + three
# digits) can ever have


def _rule(code: str, name: str, category: str, severity: Severity = Severity.WARNING, options=None, **extra):
    attrs = {
        "__doc__": f"Test rule {name}.\n\nWhy it matters.\n",
        "code": code,
        "name": name,
        "category": category,
        "severity": severity,
        "options": dict(options or {}),
        "check": lambda self, doc: iter(()),
        **extra,
    }
    return type(f"Rule{code}", (Rule,), attrs)


def make_registry() -> Registry:
    reg = Registry()
    for cls in (
        _rule("XT101", "missing-section", "structure", Severity.ERROR),
        _rule("XT102", "section-order", "structure"),
        _rule("XT110", "section-title", "structure"),
        _rule("XT201", "template-wording", "template", options={"strict": False}),
        _rule(
            "XT301",
            "table-sum",
            "arithmetic",
            Severity.ERROR,
            options={"tolerance": 0, "ratio": 0.5, "labels": [], "mode": "exact", "anything": None},
        ),
        _rule("XT701", "leftover-placeholder", "placeholder", options={"extra": []}),
        _rule("XT901", "traditional-script", "script", default_enabled=False),
    ):
        reg.add(cls, "builtin", builtin=False)
    return reg


ALL_DEFAULT = ["XT101", "XT102", "XT110", "XT201", "XT301", "XT701"]


@pytest.fixture
def reg() -> Registry:
    return make_registry()


def write(root: Path, rel: str, text: str = "") -> Path:
    p = root / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return p


def cfg(text: str, root: Path, name: str = ".reportlint.yaml") -> Config:
    return load_config(str(write(root, name, text)))


def err(exc_info) -> ConfigError:
    return exc_info.value


def same(a: str | None, b: Path) -> bool:
    return a is not None and os.path.abspath(a) == os.path.abspath(b)


# --------------------------------------------------------------------------------------
# discovery


def test_discovery_walks_up_from_the_file(tmp_path):
    conf = write(tmp_path, "proj/.reportlint.yaml", "select: [structure]\n")
    report = write(tmp_path, "proj/a/b/c/report.txt", "x")
    loader = ConfigLoader()
    config = loader.for_file(str(report))
    assert same(config.source, conf)
    # cached per directory: every directory on the way up knows the answer
    for d in ("proj/a/b/c", "proj/a/b", "proj/a", "proj"):
        assert loader._dirs[str(tmp_path / d)] == str(conf)
    assert loader.for_file(str(tmp_path / "proj/a/other.txt")) is config


def test_nearest_config_wins_and_yml_is_accepted(tmp_path):
    outer = write(tmp_path, "proj/.reportlint.yaml", "select: [ALL]\n")
    inner = write(tmp_path, "proj/sub/.reportlint.yml", "select: [table]\n")
    loader = ConfigLoader()
    assert same(loader.for_file(str(tmp_path / "proj/sub/deep/r.txt")).source, inner)
    assert same(loader.for_file(str(tmp_path / "proj/r.txt")).source, outer)


def test_yaml_preferred_over_yml_in_the_same_directory(tmp_path):
    yaml = write(tmp_path, "p/.reportlint.yaml", "")
    write(tmp_path, "p/.reportlint.yml", "")
    assert same(ConfigLoader().for_file(str(tmp_path / "p/r.txt")).source, yaml)


def test_no_config_found_gives_defaults(tmp_path, reg):
    report = write(tmp_path, "lonely/report.txt", "x")
    config = ConfigLoader().for_file(str(report))
    if config.source is not None:  # a stray config above the temp directory
        assert not os.path.abspath(config.source).startswith(str(tmp_path))
    else:
        resolved = config.resolve(reg)
        assert resolved.enabled == ALL_DEFAULT
        assert config.facts == {} and config.max_file_size is None and not config.is_excluded(str(report))


def test_explicit_config_overrides_discovery(tmp_path):
    write(tmp_path, "proj/.reportlint.yaml", "select: [structure]\n")
    explicit = write(tmp_path, "elsewhere/custom.yaml", "select: [table]\n")
    loader = ConfigLoader(str(explicit))
    assert same(loader.for_file(str(tmp_path / "proj/r.txt")).source, explicit)
    assert same(loader.for_file("-").source, explicit)


def test_explicit_config_missing(tmp_path):
    with pytest.raises(ConfigError) as e:
        ConfigLoader(str(tmp_path / "nope.yaml"))
    assert err(e).path.endswith("nope.yaml")


def test_isolated_ignores_files(tmp_path):
    write(tmp_path, "p/.reportlint.yaml", "select: [structure]\n")
    assert ConfigLoader(isolated=True).for_file(str(tmp_path / "p/r.txt")).source is None


def test_stdin_uses_working_directory(tmp_path, monkeypatch):
    conf = write(tmp_path, "w/.reportlint.yaml", "")
    monkeypatch.chdir(tmp_path / "w")
    assert same(ConfigLoader().for_file("-").source, conf)


# --------------------------------------------------------------------------------------
# extend


def test_extend_chain_merges(tmp_path, reg):
    write(
        tmp_path,
        "base.yaml",
        """\
        select: [structure]
        severity: {XT102: error}
        options: {XT301: {tolerance: 1, mode: loose}}
        report: {kind: government, year: 2020}
        exclude: ["old/**"]
        placeholders: [XX]
        max-file-size: 1MB
        """,
    )
    write(
        tmp_path,
        "team/mid.yaml",
        """\
        extend: ../base.yaml
        extend-select: [XT301]
        report: {year: 2021}
        placeholders: [待填写]
        """,
    )
    leaf = write(
        tmp_path,
        "team/proj/.reportlint.yaml",
        """\
        extend: ../mid.yaml
        ignore: [XT110]
        options: {table-sum: {tolerance: 2}}
        exclude: ["*.bak.txt"]
        """,
    )
    config = ConfigLoader().for_file(str(tmp_path / "team/proj/r.txt"))
    assert same(config.source, leaf)
    assert [os.path.basename(p) for p in config.sources] == [".reportlint.yaml", "mid.yaml", "base.yaml"]
    assert config.facts == {"kind": "government", "year": 2021}
    assert config.placeholders == ["XX", "待填写"]
    assert config.max_file_size == 1024 * 1024
    # base's exclude stays relative to base.yaml's directory
    assert config.is_excluded(str(tmp_path / "old/r.txt"))
    assert not config.is_excluded(str(tmp_path / "team/proj/old/r.txt"))
    assert config.is_excluded(str(tmp_path / "team/proj/r.bak.txt"))
    resolved = config.resolve(reg)
    assert resolved.enabled == ["XT101", "XT102", "XT301"]
    assert resolved.severities["XT102"] is Severity.ERROR
    assert resolved.options["XT301"] == {"tolerance": 2, "mode": "loose"}


def test_extend_child_select_resets(tmp_path, reg):
    write(tmp_path, "base.yaml", "select: [structure]\nignore: [XT102]\n")
    config = cfg("extend: base.yaml\nselect: [table, arithmetic]\n", tmp_path)
    assert config.resolve(reg).enabled == ["XT301"]


def test_extend_cycle_is_detected(tmp_path):
    write(tmp_path, "a.yaml", "extend: b.yaml\n")
    write(tmp_path, "b.yaml", "select: [ALL]\nextend: a.yaml\n")
    with pytest.raises(ConfigError) as e:
        load_config(str(tmp_path / "a.yaml"))
    error = err(e)
    assert error.path.endswith("b.yaml") and (error.line, error.column) == (2, 9)
    assert "cycle" in error.message.en and "循环" in error.message.zh


def test_extend_self_cycle(tmp_path):
    with pytest.raises(ConfigError) as e:
        cfg("extend: .reportlint.yaml\n", tmp_path)
    assert (err(e).line, err(e).column) == (1, 9)


def test_extend_missing_file(tmp_path):
    with pytest.raises(ConfigError) as e:
        cfg("select: [ALL]\nextend: nowhere/base.yaml\n", tmp_path)
    assert (err(e).line, err(e).column) == (2, 9)
    assert "nowhere" in err(e).message.en


def test_extend_error_in_base_points_at_base(tmp_path):
    write(tmp_path, "base.yaml", "select: [ALL]\nbogus: 1\n")
    with pytest.raises(ConfigError) as e:
        cfg("extend: base.yaml\n", tmp_path)
    assert err(e).path.endswith("base.yaml") and err(e).line == 2


# --------------------------------------------------------------------------------------
# selection


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", ALL_DEFAULT),
        ("select: [XT101]", ["XT101"]),
        ("select: [xt101]", ["XT101"]),
        ("select: [XT1]", ["XT101", "XT102", "XT110"]),
        ("select: [XT10]", ["XT101", "XT102"]),
        ("select: [missing-section, table-sum]", ["XT101", "XT301"]),
        ("select: [structure]", ["XT101", "XT102", "XT110"]),
        ("select: [ALL]", ALL_DEFAULT + ["XT901"]),
        ("select: XT301", ["XT301"]),
        ("extend-select: [XT901]", ALL_DEFAULT + ["XT901"]),
        ("ignore: [structure, placeholder]", ["XT201", "XT301"]),
        ("ignore: [XT1]", ["XT201", "XT301", "XT701"]),
        # more specific wins over less specific, whichever key it is in
        ("select: [ALL]\nignore: [XT1]\nextend-select: [XT101]", ["XT101", "XT201", "XT301", "XT701", "XT901"]),
        ("select: [structure]\nignore: [XT102]", ["XT101", "XT110"]),
        ("ignore: [structure]\nextend-select: [section-order]", ["XT102", "XT201", "XT301", "XT701"]),
        ("ignore: [XT1]\nextend-select: [XT10]", ["XT101", "XT102", "XT201", "XT301", "XT701"]),
        ("select: [XT10]\nignore: [XT1]", ["XT101", "XT102"]),
        ("select: [table-sum]\nignore: [ALL]", ["XT301"]),
        ("ignore: [ALL]", []),
        # same specificity: ignore wins
        ("select: [XT101, XT102]\nignore: [XT101]", ["XT102"]),
        ("select: [structure]\nignore: [structure]", []),
    ],
)
def test_selection(text, expected, tmp_path, reg):
    assert cfg(text + "\n", tmp_path).resolve(reg).enabled == expected


def test_rules_for_builds_instances(tmp_path, reg):
    resolved = cfg(
        "select: [XT301, XT201]\nseverity: {XT301: info}\noptions: {XT301: {tolerance: 3}}\n", tmp_path
    ).resolve(reg)
    rules = resolved.rules_for(str(tmp_path / "r.txt"))
    assert [r.code for r in rules] == ["XT201", "XT301"]
    xt301 = rules[1]
    assert xt301.effective_severity is Severity.INFO
    assert xt301.opts == {"tolerance": 3, "ratio": 0.5, "labels": [], "mode": "exact", "anything": None}
    assert rules[0].effective_severity is Severity.WARNING
    # fresh instances every call
    assert resolved.rules_for(str(tmp_path / "r.txt"))[0] is not rules[0]


def test_resolve_is_cached_per_registry(tmp_path, reg):
    config = cfg("select: [ALL]\n", tmp_path)
    assert config.resolve(reg) is config.resolve(reg)
    assert config.resolve(make_registry()) is not config.resolve(reg)


# --------------------------------------------------------------------------------------
# severity


def test_severity_overrides_and_precedence(tmp_path, reg):
    resolved = cfg(
        """\
        severity:
          XT102: info
          structure: error
          XT1: warning
          ALL: info
          template: ERROR
        """,
        tmp_path,
    ).resolve(reg)
    s = resolved.severities
    assert s["XT102"] is Severity.INFO  # code beats prefix beats category
    assert s["XT101"] is Severity.WARNING and s["XT110"] is Severity.WARNING  # prefix beats category
    assert s["XT201"] is Severity.ERROR  # category beats ALL
    assert s["XT301"] is Severity.INFO and s["XT701"] is Severity.INFO


def test_severity_off_disables(tmp_path, reg):
    resolved = cfg("severity: {XT101: off, placeholder: 'off', table-sum: Off}\n", tmp_path).resolve(reg)
    assert resolved.enabled == ["XT102", "XT110", "XT201"]
    assert resolved.why("XT101").key == "severity"
    assert resolved.why("XT101").pos.line == 1


def test_severity_off_can_be_overridden_by_more_specific(tmp_path, reg):
    resolved = cfg("severity: {structure: off, XT110: error}\n", tmp_path).resolve(reg)
    assert "XT110" in resolved.enabled and "XT101" not in resolved.enabled
    assert resolved.severities["XT110"] is Severity.ERROR


def test_severity_child_overrides_base(tmp_path, reg):
    write(tmp_path, "base.yaml", "severity: {XT101: info}\n")
    resolved = cfg("extend: base.yaml\nseverity: {structure: warning}\n", tmp_path).resolve(reg)
    assert resolved.severities["XT101"] is Severity.WARNING


# --------------------------------------------------------------------------------------
# options


def test_options_by_code_and_name(tmp_path, reg):
    resolved = cfg(
        """\
        options:
          table-sum: {tolerance: 2, ratio: 1, labels: [a, b], anything: {x: 1}}
          XT201:
            strict: true
          xt701: {extra: [XX年]}
        """,
        tmp_path,
    ).resolve(reg)
    assert resolved.options["XT301"] == {"tolerance": 2, "ratio": 1, "labels": ["a", "b"], "anything": {"x": 1}}
    assert resolved.options["XT201"] == {"strict": True}
    assert resolved.options_for("XT701") == {"extra": ["XX年"]}
    assert type(resolved.options["XT301"]["anything"]) is dict  # plain data, not ruamel nodes


def test_options_unknown_option(tmp_path, reg):
    with pytest.raises(ConfigError) as e:
        cfg("options:\n  XT301:\n    tolerence: 1\n", tmp_path).resolve(reg)
    error = err(e)
    assert (error.line, error.column) == (3, 5)
    assert "tolerence" in error.message.en and "did you mean 'tolerance'" in error.message.en
    assert "tolerance" in error.message.zh


def test_options_unknown_rule(tmp_path, reg):
    with pytest.raises(ConfigError) as e:
        cfg("options:\n  table-summ: {tolerance: 1}\n", tmp_path).resolve(reg)
    assert (err(e).line, err(e).column) == (2, 3)
    assert "did you mean 'table-sum'" in err(e).message.en


def test_options_rule_without_options(tmp_path, reg):
    with pytest.raises(ConfigError) as e:
        cfg("options: {XT101: {x: 1}}\n", tmp_path).resolve(reg)
    assert "none" in err(e).message.en


@pytest.mark.parametrize(
    "value, ok",
    [("1", True), ("1.5", False), ("yes-string", False), ("true", False), ("[1]", False), ("null", False)],
)
def test_options_type_checked_against_default(value, ok, tmp_path, reg):
    config = cfg(f"options:\n  XT301:\n    tolerance: {value}\n", tmp_path)
    if ok:
        config.resolve(reg)
    else:
        with pytest.raises(ConfigError) as e:
            config.resolve(reg)
        assert (err(e).line, err(e).column) == (3, 16)
        assert "integer" in err(e).message.en


def test_options_value_must_be_mapping(tmp_path, reg):
    with pytest.raises(ConfigError) as e:
        cfg("options:\n  XT301: 3\n", tmp_path)
    assert (err(e).line, err(e).column) == (2, 10)


# --------------------------------------------------------------------------------------
# per-file-ignores and exclude


def test_per_file_ignores(tmp_path, reg):
    root = tmp_path / "proj"
    config = cfg(
        """\
        per-file-ignores:
          "archive/**": [structure]
          "*.md": [XT301]
          "**/draft-*.txt": [placeholder, template-wording]
          "2019/report.txt": [ALL]
        """,
        root,
    )
    resolved = config.resolve(reg)
    codes = lambda rel: resolved.codes_for(str(root / rel))
    assert codes("r.txt") == ALL_DEFAULT
    assert codes("archive/2020/r.txt") == ["XT201", "XT301", "XT701"]
    assert codes("deep/notes.md") == ["XT101", "XT102", "XT110", "XT201", "XT701"]
    assert codes("draft-1.txt") == ["XT101", "XT102", "XT110", "XT301"]
    assert codes("a/b/draft-2.txt") == ["XT101", "XT102", "XT110", "XT301"]
    assert codes("2019/report.txt") == []
    assert codes("x/2019/report.txt") == ALL_DEFAULT  # anchored to the config's directory
    assert [r.code for r in resolved.rules_for(str(root / "archive/r.txt"))] == ["XT201", "XT301", "XT701"]
    settings = effective_settings(resolved, str(root / "archive/r.txt"))
    assert settings["disabled"]["XT101"]["reason"]["by"] == "per-file-ignores"
    assert settings["disabled"]["XT101"]["reason"]["selector"] == "archive/**"


def test_per_file_ignores_unknown_selector(tmp_path, reg):
    with pytest.raises(ConfigError) as e:
        cfg('per-file-ignores:\n  "*.md": [XT301, strcture]\n', tmp_path).resolve(reg)
    assert (err(e).line, err(e).column) == (2, 19)
    assert "did you mean 'structure'" in err(e).message.en


def test_exclude(tmp_path):
    root = tmp_path / "proj"
    config = cfg('exclude: ["drafts/**", "*.bak.txt", "build", "reports/old/*.txt", "tmp/"]\n', root)
    yes = [
        "drafts/r.txt",
        "drafts/a/b/r.txt",
        "a/r.bak.txt",
        "build/r.txt",
        "x/build/y/r.txt",
        "reports/old/r.txt",
        "tmp/r.txt",
    ]
    no = ["r.txt", "x/drafts/r.txt", "reports/old/2019/r.txt", "reports/r.txt", "r.bak.txt.docx", "tmp"]
    for rel in yes:
        assert config.is_excluded(str(root / rel)), rel
    for rel in no:
        assert not config.is_excluded(str(root / rel)), rel
    assert config.excluded_by(str(root / "drafts/r.txt"))[0] == "drafts/**"


def test_exclude_outside_config_directory_matches_names_only(tmp_path):
    explicit = write(tmp_path, "conf/custom.yaml", 'exclude: ["*.bak.txt", "drafts/**"]\n')
    config = ConfigLoader(str(explicit)).for_file(str(tmp_path / "other/r.bak.txt"))
    assert config.is_excluded(str(tmp_path / "other/r.bak.txt"))
    assert not config.is_excluded(str(tmp_path / "other/drafts/r.txt"))


def test_exclude_relative_paths_resolve_against_cwd(tmp_path, monkeypatch):
    config = cfg('exclude: ["drafts/**"]\n', tmp_path)
    monkeypatch.chdir(tmp_path)
    assert config.is_excluded("drafts/r.txt")
    assert config.is_excluded("./drafts/x/r.txt")


@pytest.mark.parametrize(
    "pattern, rel, expected",
    [
        ("*.txt", "a/b/c.txt", True),
        ("a/*.txt", "a/b/c.txt", False),
        ("a/**/*.txt", "a/c.txt", True),
        ("a/**/*.txt", "a/b/c/d.txt", True),
        ("**/c.txt", "c.txt", True),
        ("/c.txt", "c.txt", True),
        ("/c.txt", "a/c.txt", False),
        ("./a/c.txt", "a/c.txt", True),
        ("r?.txt", "r1.txt", True),
        ("r[0-9].txt", "r5.txt", True),
        ("r[!0-9].txt", "r5.txt", False),
        ("报告*.txt", "2021/报告-草稿.txt", True),
        ("a/**", "a/b/c.txt", True),
        ("a/**", "b/a.txt", False),
    ],
)
def test_glob_semantics(pattern, rel, expected, tmp_path):
    assert glob_matches(compile_glob(pattern), str(tmp_path), str(tmp_path / rel)) is expected


def test_bad_glob(tmp_path):
    with pytest.raises(ConfigError) as e:
        cfg('exclude:\n  - "ok/**"\n  - "bad[.txt"\n', tmp_path)
    assert (err(e).line, err(e).column) == (3, 5)


# --------------------------------------------------------------------------------------
# report facts, size, placeholders


def test_report_facts(tmp_path):
    config = cfg("report:\n  kind: Township\n  year: 2022\n  format: 2019\n  script: traditional\n", tmp_path)
    assert config.facts == {"kind": "township", "year": 2022, "format": "2019", "script": "traditional"}
    assert cfg("report: {format: pre-2019}\n", tmp_path).facts == {"format": "pre2019"}
    assert cfg("report: {format: '2021', year: '2021'}\n", tmp_path).facts == {"format": "2021", "year": 2021}


def test_report_facts_reach_build_document(tmp_path):
    from reportlint.document.build import build_document
    from reportlint.readers import read

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "changji-kjj-2021.txt"
    config = cfg("report: {kind: township, year: 2019}\n", tmp_path)
    doc = build_document(read(str(fixture)), facts=config.facts)
    assert doc.meta.kind == "township" and doc.meta.year == 2019 and doc.format == "2019"


@pytest.mark.parametrize(
    "text, where, needle",
    [
        ("report:\n  kind: ministry\n", (2, 9), "department, government, township"),
        ("report:\n  kind: departmnt\n", (2, 9), "did you mean 'department'"),
        ("report:\n  year: 1900\n", (2, 9), "out of range"),
        ("report:\n  year: twenty\n", (2, 9), "a year"),
        ("report:\n  format: 2020\n", (2, 11), "pre2019"),
        ("report:\n  script: cyrillic\n", (2, 11), "simplified"),
        ("report:\n  agency: x\n", (2, 3), "kind, year, format, script"),
        ("report: [1]\n", (1, 9), "mapping"),
    ],
)
def test_report_errors(text, where, needle, tmp_path):
    with pytest.raises(ConfigError) as e:
        cfg(text, tmp_path)
    assert (err(e).line, err(e).column) == where
    assert needle in err(e).message.en


@pytest.mark.parametrize(
    "value, size",
    [
        (1000, 1000),
        ("20MB", 20 * 1024 * 1024),
        ("512 KB", 512 * 1024),
        ("1.5m", 1572864),
        ("2GiB", 2 * 1024**3),
        ("77", 77),
        ("10b", 10),
    ],
)
def test_parse_size(value, size):
    assert parse_size(value) == size


def test_max_file_size(tmp_path):
    assert cfg("max-file-size: 20MB\n", tmp_path).max_file_size == 20 * 1024 * 1024
    for bad in ("20 furlongs", "0", "-5", "true", "[1]"):
        with pytest.raises(ConfigError) as e:
            cfg(f"select: [ALL]\nmax-file-size: {bad}\n", tmp_path)
        assert (err(e).line, err(e).column) == (2, 16), bad
        assert "max-file-size" in err(e).message.en


def test_placeholders(tmp_path):
    assert cfg("placeholders: [XX, '××', 待填写]\n", tmp_path).placeholders == ["XX", "××", "待填写"]
    assert cfg("placeholders: XX\n", tmp_path).placeholders == ["XX"]
    with pytest.raises(ConfigError) as e:
        cfg("placeholders: [XX, {a: 1}]\n", tmp_path)
    assert (err(e).line, err(e).column) == (1, 20)


# --------------------------------------------------------------------------------------
# errors with line and column


@pytest.mark.parametrize(
    "text, where, needle",
    [
        ("select: [XT101\nignore: [XT102]\n", (2, 7), "invalid YAML"),
        ("select: [ALL]\nselect: [XT101]\n", (2, 1), "duplicate key"),
        ("select: [ALL]\n\textend-select: []\n", (2, 1), "invalid YAML"),
        ("select: [ALL]\nextend_select: [XT101]\n", (2, 1), "did you mean 'extend-select'"),
        ("selct: [ALL]\n", (1, 1), "did you mean 'select'"),
        ("- select\n- ignore\n", (1, 1), "mapping"),
        ("just a string\n", (1, 1), "mapping"),
        ("select: 5\n", (1, 9), "list of rule selectors"),
        ("ignore: {XT101: x}\n", (1, 9), "list of rule selectors"),
        ("select:\n  - XT101\n  - [XT102]\n", (3, 5), "rule selector"),
        ("select: ['']\n", (1, 10), "must not be empty"),
        ("severity: [XT101]\n", (1, 11), "mapping"),
        ("severity:\n  XT101: fatal\n", (2, 10), "error, warning, info, off"),
        ("severity:\n  XT101: warn\n", (2, 10), "did you mean 'warning'"),
        ("severity:\n  XT101: 3\n", (2, 10), "invalid severity"),
        ("per-file-ignores: [a]\n", (1, 19), "mapping"),
        ("per-file-ignores:\n  '*.md': 7\n", (2, 11), "list of rule selectors"),
        ("exclude: 3\n", (1, 10), "glob"),
        ("extend: [a.yaml]\n", (1, 9), "path"),
        ("custom-rules: {a: 1}\n", (1, 15), "list of rules"),
    ],
)
def test_errors_point_at_line_and_column(text, where, needle, tmp_path):
    with pytest.raises(ConfigError) as e:
        cfg(text, tmp_path)
    error = err(e)
    assert error.path.endswith(".reportlint.yaml")
    assert (error.line, error.column) == where, error.message.en
    assert needle in error.message.en
    assert error.message.zh and error.message.zh != error.message.en
    rendered = error.render("en")
    assert f".reportlint.yaml:{where[0]}:{where[1]}: " in rendered


@pytest.mark.parametrize(
    "text, where, needle",
    [
        ("select: [XT101, XT999]\n", (1, 17), "unknown rule selector 'XT999'"),
        ("select: [XT5]\n", (1, 10), "unknown rule selector"),
        ("select: [R]\n", (1, 10), "unknown rule selector"),
        ("ignore:\n  - structure\n  - tabel\n", (3, 5), "did you mean 'table'"),
        ("extend-select: [missing-sectoin]\n", (1, 17), "did you mean 'missing-section'"),
        ("severity:\n  XT102: error\n  XT777: info\n", (3, 3), "'severity'"),
        ("ignore: [ORG001]\n", (1, 10), "unknown rule selector"),
    ],
)
def test_unknown_selectors(text, where, needle, tmp_path, reg):
    config = cfg(text, tmp_path)  # loads: selectors need the registry
    with pytest.raises(ConfigError) as e:
        config.resolve(reg)
    assert (err(e).line, err(e).column) == where
    assert needle in err(e).message.en
    assert "未知的规则选择器" in err(e).message.zh


def test_non_utf8_config(tmp_path):
    p = tmp_path / ".reportlint.yaml"
    p.write_bytes("select: [ALL]\n# 注释\n".encode("gbk"))
    with pytest.raises(ConfigError) as e:
        load_config(str(p))
    assert err(e).line == 2 and "UTF-8" in err(e).message.en


def test_empty_and_comment_only_files_are_defaults(tmp_path, reg):
    assert cfg("", tmp_path).resolve(reg).enabled == ALL_DEFAULT
    assert cfg("# nothing\n", tmp_path).resolve(reg).enabled == ALL_DEFAULT
    assert cfg("select:\nignore:\n", tmp_path).resolve(reg).enabled == []


def test_config_is_a_directory(tmp_path):
    (tmp_path / "d").mkdir()
    with pytest.raises(ConfigError):
        ConfigLoader(str(tmp_path / "d"))


# --------------------------------------------------------------------------------------
# effective settings


def test_effective_settings(tmp_path, reg):
    root = tmp_path / "p"
    write(root, "base.yaml", "report: {year: 2021}\n")
    config = cfg(
        """\
        extend: base.yaml
        select: [structure, table-sum]
        ignore: [XT110]
        severity: {XT102: off}
        options: {XT301: {tolerance: 1}}
        exclude: ["skip/**"]
        max-file-size: 1KB
        placeholders: [XX]
        """,
        root,
    )
    resolved = config.resolve(reg)
    s = effective_settings(resolved, str(root / "r.txt"))
    assert same(s["config"], root / ".reportlint.yaml")
    assert [os.path.basename(p) for p in s["extends"]] == ["base.yaml"]
    assert s["excluded"] is False
    assert s["report"] == {"year": 2021} and s["max-file-size"] == 1024 and s["placeholders"] == ["XX"]
    assert list(s["rules"]) == ["XT101", "XT301"]
    assert s["rules"]["XT301"] == {
        "name": "table-sum",
        "category": "arithmetic",
        "severity": "error",
        "options": {"tolerance": 1, "ratio": 0.5, "labels": [], "mode": "exact", "anything": None},
        "origin": "builtin",
    }
    d = s["disabled"]
    assert d["XT110"]["reason"] == {"by": "ignore", "selector": "XT110", "file": config.source, "line": 3}
    assert d["XT102"]["reason"]["by"] == "severity"
    assert d["XT201"]["reason"]["by"] == "select"
    assert d["XT901"]["reason"]["by"] == "select"
    s2 = resolved.effective_settings(str(root / "skip/r.txt"))
    assert s2["excluded"] is True and s2["excluded-by"]["pattern"] == "skip/**"
    import json

    json.dumps(s)  # plain data


def test_effective_settings_defaults(reg):
    s = effective_settings(Config().resolve(reg), "r.txt")
    assert s["config"] is None and s["extends"] == [] and list(s["rules"]) == ALL_DEFAULT
    assert s["disabled"] == {"XT901": {"name": "traditional-script", "reason": {"by": "not-default"}}}


# --------------------------------------------------------------------------------------
# starter config


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_starter_config_loads_and_shows_every_key(lang, tmp_path, reg):
    text = starter_config(lang)
    for key in KEYS:
        assert f"\n{key}:" in text or f"\n# {key}:" in text, key
    config = cfg(text, tmp_path)
    resolved = config.resolve(reg)
    assert resolved.enabled == ALL_DEFAULT + ["XT901"]  # select: [ALL]
    assert config.max_file_size == 20 * 1024 * 1024
    assert config.facts == {} and config.placeholders == [] and not resolved.custom_rules
    header = text.split("\n\n")[0]
    has_cjk = any("\u4e00" <= ch <= "\u9fff" for ch in header)
    assert has_cjk is (lang == "zh")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_starter_config_examples_load(lang, tmp_path, reg):
    text = starter_config(lang, reg, examples=True)
    config = cfg(text, tmp_path)
    resolved = config.resolve(reg)
    assert set(resolved.custom_rules) == {"ORG001", "ORG002"}
    assert config.facts == {
        "kind": "department",
        "year": 2021,
        "format": "2021",
        "script": "simplified",
        "deadlines": {"department": "01-28", "government": "03-20", "township": "01-31"},
    }
    assert config.scoring is not None and config.scoring[0] == "suqian"
    assert resolved.options["XT201"] == {"strict": False}  # first rule with options
    assert "ORG001" in resolved.enabled
    assert config.is_excluded(str(tmp_path / "drafts/x.txt"))
    # the registry's example appears commented in the normal starter too
    assert "#   XT201:" in starter_config(lang, reg)


def test_starter_config_with_real_registry_loads(tmp_path):
    from reportlint.plugins.manager import load_registry

    registry = load_registry(no_plugins=True)
    for lang in ("zh", "en"):
        cfg(starter_config(lang, registry), tmp_path).resolve(registry)
        cfg(starter_config(lang, registry, examples=True), tmp_path).resolve(registry)


def test_config_from_text(reg):
    assert config_from_text("select: [XT101]\n").resolve(reg).enabled == ["XT101"]


# --------------------------------------------------------------------------------------
# command-line overrides and placeholders reaching the rules


def test_command_line_overrides_apply_after_files(tmp_path, reg):
    write(tmp_path, "p/.reportlint.yaml", "select: [structure]\nseverity: {XT102: info}\n")
    report = str(tmp_path / "p/r.txt")
    assert ConfigLoader(extend_select=["XT301,XT701"]).resolve_for(report, reg).enabled == [
        "XT101",
        "XT102",
        "XT110",
        "XT301",
        "XT701",
    ]
    assert ConfigLoader(select=["XT102", "table-sum"]).resolve_for(report, reg).enabled == ["XT102", "XT301"]
    assert ConfigLoader(ignore=["XT1"], extend_select=["XT101"]).resolve_for(report, reg).enabled == ["XT101"]
    resolved = ConfigLoader(select=["XT102"]).resolve_for(report, reg)
    assert resolved.severities["XT102"] is Severity.INFO  # the file's severity still applies
    assert resolved.source is not None and same(resolved.source, tmp_path / "p/.reportlint.yaml")
    # also without any file
    assert ConfigLoader(isolated=True, select=["XT301"]).resolve_for(report, reg).enabled == ["XT301"]


def test_command_line_unknown_selector_is_a_usage_error(tmp_path, reg):
    from reportlint.core.errors import UsageError

    with pytest.raises(UsageError) as e:
        ConfigLoader(isolated=True, select=["XT101,XT999"]).resolve_for(str(tmp_path / "r.txt"), reg)
    assert "XT999" in e.value.message.en and "--select" in e.value.message.en
    assert e.value.path is None and e.value.line is None


def test_report_facts_method(tmp_path):
    config = cfg("report: {year: 2021}\n", tmp_path)
    assert config.report_facts() == {"year": 2021} == config.facts


def test_placeholders_reach_placeholder_rules(tmp_path, reg):
    resolved = cfg("placeholders: [待填写, XX]\noptions: {XT701: {extra: [XX, 某某]}}\n", tmp_path).resolve(reg)
    (xt701,) = [r for r in resolved.rules_for(str(tmp_path / "r.txt")) if r.code == "XT701"]
    assert xt701.opts["extra"] == ["XX", "某某", "待填写"]
    assert resolved.options_for("XT701")["extra"] == ["XX", "某某", "待填写"]
    # other rules are untouched
    (xt301,) = [r for r in resolved.rules_for(str(tmp_path / "r.txt")) if r.code == "XT301"]
    assert "extra" not in xt301.opts
