"""Copied narrative (reportlint.analysis.copied_text): from last year's report (RL522,
the record's copied_from_last_year) and the signature that finds copies across agencies;
two Documents in, no file read. Variants of the real fixtures are built here."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reportlint.analysis.copied_text import (
    SIGNATURE_LENGTH,
    copied_narrative,
    estimated_share,
    mask,
    narrative_signature,
    repeated_from_last_year,
    shingles,
    signature_text,
)
from reportlint.document.build import build_document
from reportlint.document.extracted import Extracted
from reportlint.document.origin import OriginMap

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def doc_of(text: str, name: str = "report.txt"):
    return build_document(Extracted(path=name, kind="text", text=text, origins=OriginMap(text)))


def test_mask_years_and_numbers():
    assert mask("2021年共受理申请12件，二〇二一年答复两件") == mask("2022年共受理申请7件，二〇二二年答复三件")
    assert mask("共受理申请12件") != mask("共办结申请12件")


def test_a_re_dated_report_is_all_copied():
    last = (FIXTURES / "changji-kjj-2021.txt").read_text(encoding="utf-8")
    this = last.replace("2021", "2022").replace("2020", "2021")
    result = copied_narrative(doc_of(this), doc_of(last), 15, ())
    assert result.total > 5 and result.copied == result.total
    assert result.share == 1
    assert result.first is not None and "2022" in result.first.text  # this year's sentence


def test_another_agencys_report_is_not_copied():
    a = (FIXTURES / "changji-kjj-2021.txt").read_text(encoding="utf-8")
    b = (FIXTURES / "changshu-kjj-2021.txt").read_text(encoding="utf-8")
    result = copied_narrative(doc_of(b), doc_of(a), 15, ())
    assert result.total > 5
    assert result.share < 0.5


def test_boilerplate_is_left_out():
    last = (FIXTURES / "changji-kjj-2021.txt").read_text(encoding="utf-8")
    every = copied_narrative(doc_of(last), doc_of(last), 15, ())
    # a boilerplate marker every sentence contains leaves nothing to compare
    none = copied_narrative(doc_of(last), doc_of(last), 15, ("",))
    assert every.total > 0 and none.total == 0 and none.share == 0


# -- repeated_from_last_year: the record's figure, per section and in total ---------------


def read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def re_dated(text: str) -> str:
    """Last year's report as this year's: every year moved on by one."""
    return re.sub(r"20\d\d", lambda m: str(int(m.group()) + 1), text)


def test_last_years_report_re_dated_is_repeated_in_every_section():
    last = doc_of(read("changji-kjj-2021.txt"))
    this = doc_of(re_dated(read("changji-kjj-2021.txt")))
    total, sections = repeated_from_last_year(this, last)
    assert total > 0.9
    assert set(sections) <= {s.key for s in this.sections}
    assert {"overview", "problems"} <= set(sections)
    assert all(share > 0.9 for share in sections.values())


def test_figures_changed_are_still_repeated():
    """与往年雷同: a sentence that differs from last year's only by its figures counts."""
    text = read("changji-kjj-2021.txt")
    this = re.sub(r"\d+", lambda m: str(int(m.group()) * 3 + 7), text)
    total, _ = repeated_from_last_year(doc_of(this), doc_of(text))
    assert total > 0.9


def test_an_unrelated_last_year_is_hardly_repeated():
    total, sections = repeated_from_last_year(
        doc_of(read("changji-kjj-2021.txt")), doc_of(read("changshu-kjj-2021.txt"))
    )
    assert total < 0.2
    assert all(share < 0.5 for share in sections.values())


def test_one_section_rewritten_is_told_apart():
    """The share per section: the overview rewritten, the rest last year's."""
    text = read("changji-kjj-2021.txt")
    last = doc_of(text)
    overview = last.section("overview")
    assert overview is not None
    new_body = "\n2022年，本局重新梳理主动公开目录，新增科技项目公示专栏，按月更新并接受社会监督。\n"
    this = doc_of(re_dated(text[: overview.body_span[0]] + new_body + text[overview.body_span[1] :]))
    total, sections = repeated_from_last_year(this, last)
    assert sections["overview"] == 0
    assert sections["problems"] > 0.9
    assert 0.5 < total < 1  # by characters: the new overview is one sentence


def test_without_last_years_report_there_is_no_figure():
    assert repeated_from_last_year(doc_of(read("changji-kjj-2021.txt")), None) is None


# -- narrative_signature: across agencies --------------------------------------------------


def other_agency_copy(text: str) -> str:
    """Another agency's report built from this text: its name, place and figures changed."""
    text = text.replace("昌吉州科学技术局", "常熟市科学技术局").replace("州科学技术局", "市科学技术局")
    text = text.replace("昌吉州", "常熟市")
    return re.sub(r"\d+", lambda m: str(int(m.group()) * 2 + 1), text)


def test_another_agencys_copy_has_nearly_the_same_signature():
    original = narrative_signature(doc_of(read("changji-kjj-2021.txt")))
    copy = narrative_signature(doc_of(other_agency_copy(read("changji-kjj-2021.txt"))))
    assert original is not None and copy is not None
    assert len(original) == SIGNATURE_LENGTH
    assert estimated_share(original, copy) > 0.8


def test_two_different_reports_have_different_signatures():
    names = ["changji-kjj-2021.txt", "changshu-kjj-2021.txt", "taierzhuang-kjj-2021.txt", "shuyang-gov-2025.txt"]
    signatures = [narrative_signature(doc_of(read(n))) for n in names]
    for i, a in enumerate(signatures):
        for b in signatures[i + 1 :]:
            assert a is not None and b is not None
            assert estimated_share(a, b) < 0.3


def exact_share(a, b) -> float:
    """The share the signature estimates, computed from the shingle sets themselves:
    the share of the shorter narrative's shingles found in the other's."""
    x, y = set(shingles(signature_text(a))), set(shingles(signature_text(b)))
    return len(x & y) / min(len(x), len(y))


def narrative_by_section(doc) -> dict[str, int]:
    """Characters of narrative per section key, as the signature reads it."""
    from reportlint.analysis.copied_text import _copy_settings, _eligible, section_at

    starts = sorted((doc.view.to_view(s.heading_span[0]), s.key) for s in doc.sections)
    out: dict[str, int] = {}
    for sentence, masked in _eligible(doc, *_copy_settings()):
        key = section_at(starts, sentence.start)
        if key is not None:
            out[key] = out.get(key, 0) + len(masked)
    return out


@pytest.mark.parametrize(
    "name, donor_name",
    [
        ("taierzhuang-kjj-2021.txt", "changzhou-kjj-2021.txt"),
        ("changzhou-kjj-2021.txt", "taierzhuang-kjj-2021.txt"),
        ("changji-kjj-2021.txt", "changshu-kjj-2021.txt"),
    ],
)
def test_half_the_sections_replaced_share_about_half(name, donor_name):
    """Whole sections holding about half of the narrative replaced by another report's
    same sections: about half shared, however long the other report's sections are."""
    text, other = read(name), read(donor_name)
    doc, donor = doc_of(text), doc_of(other)
    bodies = {s.key: other[s.body_span[0] : s.body_span[1]] for s in donor.sections}
    sizes = {k: n for k, n in narrative_by_section(doc).items() if k in bodies}
    half = sum(sizes.values()) / 2
    keys = list(sizes)
    chosen = min(
        (frozenset(k for i, k in enumerate(keys) if mask_bits >> i & 1) for mask_bits in range(1, 1 << len(keys))),
        key=lambda subset: abs(sum(sizes[k] for k in subset) - half),
    )
    # (reports whose narrative is mostly one section cannot be halved this way)
    assert 0.4 <= sum(sizes[k] for k in chosen) / sum(sizes.values()) <= 0.6
    replaced = text
    for s in sorted(doc.sections, key=lambda s: -s.body_span[0]):  # from the end: spans stay valid
        if s.key in chosen:
            replaced = replaced[: s.body_span[0]] + bodies[s.key] + replaced[s.body_span[1] :]
    variant = doc_of(replaced)
    a, b = narrative_signature(doc), narrative_signature(variant)
    assert a is not None and b is not None
    assert abs(estimated_share(a, b) - 0.5) <= 0.15, sorted(chosen)
    assert abs(estimated_share(a, b) - exact_share(doc, variant)) < 0.1


def test_the_estimate_follows_the_exact_share():
    pairs = [
        ("changji-kjj-2021.txt", "changzhou-kjj-2021.txt"),
        ("pingtan-gov-2016.txt", "pingtan-gov-2019.txt"),
        ("pingtan-gov-2021.txt", "pingtan-gov-2023.txt"),
    ]
    for x, y in pairs:
        a, b = doc_of(read(x)), doc_of(read(y))
        sa, sb = narrative_signature(a), narrative_signature(b)
        assert sa is not None and sb is not None
        assert abs(estimated_share(sa, sb) - exact_share(a, b)) < 0.1, (x, y)


def test_the_signature_is_the_same_in_every_process():
    """Signatures are cached with the results and compared across worker processes:
    no per-process hash seed may enter them."""
    here = str(Path(__file__).parent)
    script = (
        f"import sys, json; sys.path.insert(0, {here!r}); from test_copied_text import doc_of, read;"
        "from reportlint.analysis.copied_text import narrative_signature;"
        "print(json.dumps(narrative_signature(doc_of(read('changji-kjj-2021.txt')))))"
    )
    outputs = set()
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert json.loads(outputs.pop()) == narrative_signature(doc_of(read("changji-kjj-2021.txt")))


def test_the_agency_name_years_and_numbers_are_not_signed():
    text = signature_text(doc_of(read("changji-kjj-2021.txt")))
    assert "昌吉州科学技术局" not in text and "科学技术局" not in text
    assert not re.search(r"\d", text) and "，" not in text and "," not in text


def test_a_narrative_too_short_has_no_signature():
    doc = doc_of(
        "昌吉州科学技术局2022年度政府信息公开工作年度报告\n一、总体情况\n本年度认真落实政务公开各项要求，及时公开各类信息。\n"
    )
    assert narrative_signature(doc) is None


# -- through the CLI: the record's figure and RL522 -----------------------------------------


def test_cli_last_years_report_re_dated(tmp_path, cli):
    (tmp_path / "changji-2021.txt").write_text(read("changji-kjj-2021.txt"), encoding="utf-8")
    this = tmp_path / "changji-2022.txt"
    this.write_text(re_dated(read("changji-kjj-2021.txt")), encoding="utf-8")
    proc = cli("check", str(this), "--select", "RL522", "--format", "json", "--no-cache")
    out = json.loads(proc.out)
    findings = [e for e in out if e.get("code") == "RL522"]
    assert len(findings) == 1, out
    finding = findings[0]
    assert finding["data"]["share"] > 0.9
    assert finding["data"]["sections"]["overview"] > 0.9
    assert "雷同" in finding["message"] and "总体情况" in finding["message"]
    lines = this.read_text(encoding="utf-8").splitlines()
    assert lines[finding["line"] - 1].startswith("一、总体情况")  # at the first copied section's heading
    (record,) = [e for e in out if e.get("type") == "report"]
    assert record["copied_from_last_year"] > 0.9
    assert record["copied_sections"]["problems"] > 0.9
    assert Path(record["last_year_path"]).name == "changji-2021.txt"


def test_cli_an_unrelated_last_year(tmp_path, cli):
    last = tmp_path / "last.txt"  # another report, made last year's (years moved back by one)
    last.write_text(
        re.sub(r"20\d\d", lambda m: str(int(m.group()) - 1), read("changshu-kjj-2021.txt")), encoding="utf-8"
    )
    this = tmp_path / "this.txt"
    this.write_text(read("changji-kjj-2021.txt"), encoding="utf-8")
    proc = cli("check", str(this), "--previous", str(last), "--select", "RL522", "--format", "json", "--no-cache")
    out = json.loads(proc.out)
    assert [e for e in out if e.get("code") == "RL522"] == []
    (record,) = [e for e in out if e.get("type") == "report"]
    assert record["copied_from_last_year"] is not None and record["copied_from_last_year"] < 0.2
