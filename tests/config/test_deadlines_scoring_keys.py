"""`deadlines:` and `scoring:` in .reportlint.yaml: parsed, merged, refused when wrong,
and the local deadline used alike by RL609 and the report's record."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from reportlint.analysis.years import deadline, local_deadline
from reportlint.config import ConfigLoader
from reportlint.core.errors import ConfigError
from reportlint.document.build import build_document
from reportlint.readers import read

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def load(root: Path, text: str, name: str = ".reportlint.yaml"):
    path = root / name
    path.write_text(text, encoding="utf-8")
    return ConfigLoader(str(path))._explicit


def test_deadlines_are_facts_merged_kind_by_kind(tmp_path):
    (tmp_path / "base.yaml").write_text('deadlines: {department: "01-25", government: "03-20"}\n', encoding="utf-8")
    config = load(tmp_path, 'extend: base.yaml\ndeadlines:\n  department: "1-28"\n  township: "02-01"\n')
    assert config.facts["deadlines"] == {"department": "01-28", "government": "03-20", "township": "02-01"}


@pytest.mark.parametrize(
    "value, piece",
    [
        ('{county: "02-20"}', "county"),  # a level, not a kind: refused with the way to do it
        ('{department: "13-01"}', "01-28"),
        ('{department: "02-30"}', "01-28"),
        ("{department: 128}", "01-28"),
        ('[department, "01-28"]', "映射"),
    ],
)
def test_bad_deadlines_are_one_error_at_the_value(tmp_path, value, piece):
    with pytest.raises(ConfigError) as info:
        load(tmp_path, f"deadlines: {value}\n")
    assert info.value.line == 1 and piece in info.value.message.zh
    if "county" in value:
        assert ".reportlint.yaml" in info.value.message.zh and "department" in info.value.message.en


def test_scoring_names_a_profile_or_a_path_relative_to_the_file(tmp_path):
    assert load(tmp_path, "scoring: suqian\n").scoring[0] == "suqian"
    sub = tmp_path / "office"
    sub.mkdir()
    found = load(sub, "scoring: profiles/ours.yaml\n").scoring[0]
    assert Path(found) == sub / "profiles" / "ours.yaml"
    with pytest.raises(ConfigError):
        load(tmp_path, "scoring: [suqian]\n")


def test_local_deadline_replaces_the_statutory_one_for_its_kind_only():
    extracted = read(str(FIXTURES / "taierzhuang-kjj-2021.txt"))
    statutory = deadline(build_document(extracted))
    doc = build_document(extracted, {"deadlines": {"department": "01-20", "government": "03-01"}})
    assert statutory is not None and statutory[1] == "department"
    assert deadline(doc) == (date(statutory[0].year, 1, 20), "department")
    assert local_deadline(doc) == (1, 20)
    # another kind's date leaves it alone
    other = build_document(extracted, {"deadlines": {"government": "03-01"}})
    assert deadline(other) == statutory and local_deadline(other) is None
    # a 2010 report keeps the 2008 Regulation's date
    old = build_document(read(str(FIXTURES / "zhangjiakou-kjj-2010.txt")), {"deadlines": {"department": "01-20"}})
    assert deadline(old) == (date(2011, 3, 31), "pre2019")


def _report(elements, path):
    return next(e for e in elements if e.get("type") == "report" and e["path"].endswith(path))


def test_late_under_a_local_deadline_rl609_and_the_record_agree(tmp_path, cli):
    shutil.copy(FIXTURES / "taierzhuang-kjj-2021.txt", tmp_path / "report.txt")
    # with the result cache: the second run must not reuse the first run's entry
    before = json.loads(cli("check", "report.txt", "--format", "json", cwd=tmp_path).out)
    record = _report(before, "report.txt")
    signed = date.fromisoformat(record["published_on"])
    assert record["late_days"] == 0 and not any(e.get("code") == "RL609" for e in before)

    local = date(signed.year, signed.month, signed.day - 5)  # five days before it was signed
    (tmp_path / ".reportlint.yaml").write_text(f'deadlines:\n  department: "{local:%m-%d}"\n', encoding="utf-8")
    after = json.loads(cli("check", "report.txt", "--format", "json", cwd=tmp_path).out)
    record = _report(after, "report.txt")
    assert record["due_on"] == local.isoformat() and record["late_days"] == 5
    late = [e for e in after if e.get("code") == "RL609"]
    assert len(late) == 1 and "本地规定的期限" in late[0]["message"]
    assert f"{local.year}年{local.month}月{local.day}日" in late[0]["message"]
