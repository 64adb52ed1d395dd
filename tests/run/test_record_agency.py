"""The record's agency is the fullest form the report gives its own name: a title's
short name (``州科学技术局``) made whole by the signature's (``昌吉州科学技术局``), so a
roster with two prefectures' 科学技术局 is not ambiguous. Built from a real report of
tests/fixtures whose every mention of its agency but the signature is shortened."""

from __future__ import annotations

from pathlib import Path

from reportlint.audit.roster import coverage, read_roster
from reportlint.config import ConfigLoader
from reportlint.plugins.manager import load_registry
from reportlint.run.engine import Linter
from reportlint.run.records import ensure_record

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FULL, SHORT = "昌吉州科学技术局", "州科学技术局"


def _variant(tmp_path: Path, signature: str) -> Path:
    """The report with its agency shortened everywhere, its signature line then ``signature``."""
    lines = (FIXTURES / "changji-kjj-2021.txt").read_text(encoding="utf-8").split("\n")
    [signed] = [i for i, line in enumerate(lines) if line.strip() == FULL]
    lines = [line.replace(FULL, SHORT) for line in lines]
    lines[signed] = signature
    path = tmp_path / "report.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _record(path: Path):
    linter = Linter(load_registry(no_plugins=True), ConfigLoader(None, isolated=True))
    return ensure_record(linter.lint_path(str(path)))


def _roster(tmp_path: Path) -> str:
    path = tmp_path / "roster.csv"
    path.write_text(f"单位名称\n{FULL}\n伊犁州科学技术局\n", encoding="utf-8")
    return str(path)


def test_the_signature_gives_the_fuller_name(tmp_path):
    record = _record(_variant(tmp_path, FULL))
    assert record.agency == FULL
    assert record.agency_kind == "department"
    roster = _roster(tmp_path)
    found = coverage([record], read_roster(roster), roster, 2021)
    assert found.ambiguous == {} and record.roster_name == FULL


def test_a_short_name_alone_stays_short_and_ambiguous(tmp_path):
    record = _record(_variant(tmp_path, SHORT))
    assert record.agency == SHORT
    roster = _roster(tmp_path)
    found = coverage([record], read_roster(roster), roster, 2021)
    assert found.ambiguous == {record.path: [FULL, "伊犁州科学技术局"]}


def test_a_unit_signing_for_its_government_is_not_a_fuller_name(tmp_path):
    # an office signing the report (`昌吉州科学技术局办公室`) is another body: not taken
    record = _record(_variant(tmp_path, FULL + "办公室"))
    assert record.agency == SHORT


def _place_titled(tmp_path: Path, signature: str) -> Path:
    """A government's report whose title names the place only (`沐阳县`), signed ``signature``."""
    government = "沐阳县人民政府"
    lines = (FIXTURES / "shuyang-gov-2025.txt").read_text(encoding="utf-8").split("\n")
    assert government in lines[0] and lines[2] == government and lines[-1] != government
    signed = max(i for i, line in enumerate(lines) if line.strip() == government)
    lines[0] = lines[0].replace(government, "沐阳县")
    lines[2] = ""
    lines[signed] = signature
    path = tmp_path / "gov.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_a_title_naming_the_place_takes_the_governments_signature(tmp_path):
    record = _record(_place_titled(tmp_path, "沐阳县人民政府"))
    assert (record.agency, record.agency_kind) == ("沐阳县人民政府", "government")
    # the office signing for its government is another body: the title's name stays
    assert _record(_place_titled(tmp_path, "沐阳县人民政府办公室")).agency == "沐阳县"
