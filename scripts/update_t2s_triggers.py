"""Regenerate ``src/reportlint/document/t2s_triggers.py``: what opencc's
Traditional → Simplified conversion (``t2s``) changes (characters and phrases).

``document/normalize.py`` converts every report's text to Simplified script with
opencc. Most reports are Simplified already, and importing and initialising opencc
costs more than the rest of the normalisation of a small report; so the text is first
searched for any character of this table, and opencc is asked only when one is there.

The table is exact, not a guess: opencc replaces text only where one of its
dictionaries has an entry whose key differs from its value and the key is in the text.
The table lists the characters that single-character entries change, and the keys of
the phrases that change none of those characters (``答覆`` → ``答复``; 覆 alone stays):
a text with none of the characters and none of the phrases holds no such key. They are
read from the dictionaries the ``t2s`` configuration uses, dumped to text with opencc's
own ``opencc_dict`` tool, with the sizes of the files read; at run time the table is
used only when the installed dictionaries have exactly those sizes (another opencc
version: every text is handed to opencc, as before).

Usage (from the repository root, with the development install)::

    .venv/bin/python scripts/update_t2s_triggers.py      # writes src/reportlint/document/t2s_triggers.py

``tests/document/test_t2s_triggers.py`` checks the table against the installed opencc.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "reportlint" / "document" / "t2s_triggers.py"
CONFIG = "t2s.json"


def opencc_share() -> Path:
    import opencc  # the development install's

    return Path(opencc.__file__).parent / "clib" / "share" / "opencc"


def dictionaries(share: Path) -> list[str]:
    """The dictionary files the ``t2s`` configuration reads, normalisation included."""
    config = json.loads((share / CONFIG).read_text(encoding="utf-8"))
    files: list[str] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            if node.get("type") == "ocd2" and "file" in node:
                files.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(config)
    return sorted(set(files))


def entries(share: Path, name: str, tool: Path) -> list[tuple[str, str]]:
    """(key, first value) of every entry of an ``.ocd2`` dictionary."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "dict.txt"
        subprocess.run([str(tool), "-i", str(share / name), "-o", str(out), "-f", "ocd2", "-t", "text"], check=True)
        rows = []
        for line in out.read_text(encoding="utf-8").splitlines():
            key, _, values = line.partition("\t")
            rows.append((key, values.split(" ")[0]))
        return rows


def changed(key: str, value: str) -> set[str]:
    """The characters of ``key`` that its entry changes (all of them when the lengths differ)."""
    if len(key) != len(value):
        return set(key)
    return {k for k, v in zip(key, value, strict=True) if k != v}


def tables(rows: list[tuple[str, str]]) -> tuple[set[str], dict[str, list[str]]]:
    """The characters single-character entries change, and the keys of the phrases that
    change none of those (``答覆`` → ``答复``: 覆 alone is left as it is), each under one
    character it changes (a text holding the phrase holds that character)."""
    entries = [(key, changed(key, value)) for key, value in rows if key != value]
    characters = set().union(*(chars for key, chars in entries if len(key) == 1))
    phrases: dict[str, list[str]] = {}
    for key, chars in entries:
        if len(key) > 1 and not chars & characters:
            phrases.setdefault(min(chars), []).append(key)
    return characters, {c: sorted(set(keys)) for c, keys in sorted(phrases.items())}


def main() -> int:
    share = opencc_share()
    tool = share.parents[1] / "bin" / "opencc_dict"
    if not tool.exists():
        print(f"opencc_dict not found at {tool}: cannot read the dictionaries", file=sys.stderr)
        return 1
    names = dictionaries(share)
    rows = [row for name in names for row in entries(share, name, tool)]
    chars, phrases = tables(rows)
    sizes = {name: (share / name).stat().st_size for name in [CONFIG, *names]}
    text = "".join(sorted(chars))
    lines = [text[i : i + 50] for i in range(0, len(text), 50)]
    body = "\n".join(f'    "{line}"' for line in lines)
    files = "\n".join(f'    "{name}": {size},' for name, size in sizes.items())
    keys = "\n".join(
        f'    "{c}": ("{ks[0]}",),'
        if len(ks) == 1
        else f'    "{c}": (\n' + "".join(f'        "{k}",\n' for k in ks) + "    ),"
        for c, ks in phrases.items()
    )
    OUT.write_text(
        '"""What opencc\'s ``t2s`` conversion changes: characters and phrases (GENERATED by\n'
        "scripts/update_t2s_triggers.py from the dictionaries of the installed opencc: do not\n"
        'edit; see the script for why the table is exact and when it is used)."""\n\n'
        f"# The files the table was made from and their sizes in bytes.\nDICTIONARIES = {{\n{files}\n}}\n\n"
        "# Characters that opencc changes wherever they stand.\n"
        f"CHARACTERS = (\n{body}\n)\n\n"
        "# Phrases that opencc changes although none of their characters is in CHARACTERS,\n"
        "# under a character of theirs that opencc changes in them.\n"
        f"PHRASES = {{\n{keys}\n}}\n",
        encoding="utf-8",
    )
    print(
        f"wrote {len(chars)} characters and {sum(map(len, phrases.values()))} phrases from {', '.join(names)} to {OUT}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
