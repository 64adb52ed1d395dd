"""Simplified text is not handed to opencc: the table of characters opencc's ``t2s``
can change (document/t2s_triggers.py) decides, and it must be exact for the installed
opencc, so that skipping the conversion never changes a view."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from reportlint.document import normalize, t2s_triggers

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def _script():
    spec = importlib.util.spec_from_file_location("update_t2s_triggers", ROOT / "scripts" / "update_t2s_triggers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_table_is_made_from_the_installed_dictionaries():
    # Otherwise every text goes to opencc (correct, only slower): regenerate the table.
    table = normalize._convertible()
    assert table is not None and table[1] == frozenset(t2s_triggers.CHARACTERS)


def test_every_entry_that_changes_text_is_found_by_the_table():
    script = _script()
    share = script.opencc_share()
    tool = share.parents[1] / "bin" / "opencc_dict"
    if not tool.exists():
        pytest.skip("opencc_dict is not installed with this opencc")
    for name in script.dictionaries(share):
        for key, value in script.entries(share, name, tool):
            if key != value:
                # the key written alone, and inside Simplified text
                assert not normalize._unchanged_by_opencc(key), f"{name}: {key} → {value}"
                assert not normalize._unchanged_by_opencc(f"年度报告{key}工作"), f"{name}: {key} → {value}"


@pytest.mark.parametrize(
    "text",
    [
        "常熟市科學技術局2021年政府信息公開工作年度報告",  # Traditional characters
        "对申请人的答覆",  # 覆 changes only inside the phrase 答覆
        "简体文本，一个繁体字：們",
        "藉此机会",  # a phrase: 藉 alone is left as it is
    ],
)
def test_text_with_a_convertible_character_is_converted_as_opencc_converts_it(text):
    assert normalize.to_simplified(text) == normalize._t2s().convert(text) != text


def test_a_character_that_only_a_phrase_changes_does_not_need_opencc():
    assert normalize._unchanged_by_opencc("覆盖全县的政务公开专区")
    assert normalize._t2s().convert("覆盖全县的政务公开专区") == "覆盖全县的政务公开专区"


def test_every_real_report_reads_the_same_as_with_opencc():
    for path in sorted(FIXTURES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert normalize.to_simplified(text) == normalize._t2s().convert(text), path.name


def test_a_simplified_report_never_loads_opencc():
    code = (
        "import sys; from pathlib import Path; from reportlint.document.normalize import build_view; "
        f"v = build_view(Path({str(FIXTURES / 'pingtan-gov-2021.txt')!r}).read_text(encoding='utf-8')); "
        "print(v.script_changed, 'opencc' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]
