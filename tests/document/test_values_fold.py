"""document.values.fold: the fast path folds exactly as re's `\\s` and the fold table do."""

from __future__ import annotations

import re

from reportlint.document.values import _FOLD, fold, parse_value


def _reference(raw: str) -> str:
    return re.sub(r"\s+", "", raw.translate(_FOLD))


def test_every_whitespace_character_is_removed_as_re_removes_it():
    every = "".join(chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF)
    assert fold(every) == _reference(every)
    spaces = [ch for ch in every if re.fullmatch(r"\s", ch)]
    assert fold("1" + "".join(spaces) + "2") == "12"


def test_cells_as_reports_write_them():
    for raw in [
        "0",
        "3,119",
        " 96171.6 ",
        "２５１０００元",
        "＋３",
        "減 4",
        "— ",
        "\u3000无\u3000",
        "&nbsp;",
        "3 119",
        "",
    ]:
        assert fold(raw) == _reference(raw)
    assert parse_value("3 119").value == 3119
    assert parse_value("\u3000１２\u00a0").value == 12
    assert parse_value("減4", "change").value == -4
