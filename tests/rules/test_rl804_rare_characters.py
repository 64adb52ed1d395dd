"""RL804's class of rare characters, built from the gaps between GB2312's level-1
characters, is exactly U+3400–U+9FFF minus those 3,755 characters."""

from __future__ import annotations

from reportlint.rules.rl804_damaged_text import RARE


def _level1() -> set[str]:
    # Each two-byte code of rows B0–D7 decoded on its own (a few unassigned codes in D7 fail).
    chars = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def test_rare_is_every_cjk_character_outside_gb2312_level_1():
    level1 = _level1()
    assert len(level1) == 3755
    wrong = [
        f"U+{cp:04X}"
        for cp in range(0x3300, 0xA100)
        if (RARE.fullmatch(chr(cp)) is not None) != (0x3400 <= cp <= 0x9FFF and chr(cp) not in level1)
    ]
    assert wrong == []
