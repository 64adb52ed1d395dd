"""Automatic list numbers of .odt paragraphs (``一、`` ``（一）`` ``1.`` …).

Like Word, an OpenDocument file stores a numbered paragraph as its bare text inside
``text:list``/``text:list-item``; the number is drawn from the list style
(``text:list-level-style-number``: ``style:num-format``, ``style:num-prefix``,
``style:num-suffix``, ``text:start-value``, ``text:display-levels``). Reports number
their section headings this way, so the reader renders the number as the office
does. Counters belong to a list style; a list restarts them unless it says
``text:continue-numbering="true"`` or ``text:continue-list``. Headings outside a
list (``text:h`` with ``text:outline-level``) are numbered by the document's outline
style when it has a number format. Bullets are not rendered.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from reportlint.readers._docx_numbering import format_number

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
MAX_LEVEL = 10

# ODF num-format → the Word format names format_number knows.
_FORMATS = {
    "1": "decimal",
    "a": "lowerLetter",
    "A": "upperLetter",
    "i": "lowerRoman",
    "I": "upperRoman",
    "": "none",
    "一, 二, 三, ...": "chineseCounting",
    "壹, 贰, 叁, ...": "chineseLegalSimplified",
    "①, ②, ③, ...": "decimalEnclosedCircle",
    "⑴, ⑵, ⑶, ...": "decimalEnclosedParen",
    "⒈, ⒉, ⒊, ...": "decimalEnclosedFullstop",
    "甲, 乙, 丙, ...": "ideographTraditional",
    "子, 丑, 寅, ...": "ideographZodiac",
    "１, ２, ３, ...": "decimalFullWidth",
    "〇, 一, 二, ...": "ideographDigital",
}


OUTLINE = "\0outline"  # the key of the document's heading numbering (text:outline-style)


class _Level:
    def __init__(self, el: ET.Element):
        self.numbered = el.tag in (TEXT + "list-level-style-number", TEXT + "outline-level-style")
        # An outline level without a format is not numbered (headings stay as written).
        default = "" if el.tag == TEXT + "outline-level-style" else "1"
        self.fmt = _FORMATS.get(el.get(STYLE + "num-format", default).strip(), "decimal")
        self.prefix = el.get(STYLE + "num-prefix", "")
        self.suffix = el.get(STYLE + "num-suffix", "")
        try:
            self.start = int(el.get(TEXT + "start-value", 1))
            self.display = min(max(int(el.get(TEXT + "display-levels", 1)), 1), MAX_LEVEL)
        except ValueError:
            self.start, self.display = 1, 1


class OdfNumbering:
    def __init__(self, *roots: ET.Element | None):
        self.styles: dict[str, dict[int, _Level]] = {}
        for root in roots:
            if root is None:
                continue
            styles = [(style.get(STYLE + "name"), style) for style in root.iter(TEXT + "list-style")]
            styles += [(OUTLINE, style) for style in root.iter(TEXT + "outline-style")]
            for name, style in styles:
                if not name:
                    continue
                levels = {}
                for el in style:
                    try:
                        level = int(el.get(TEXT + "level", 0))
                    except ValueError:
                        continue
                    if 1 <= level <= MAX_LEVEL:
                        levels[level] = _Level(el)
                self.styles[name] = levels
        self.counters: dict[str, list[int]] = {}

    def start_list(self, style: str | None, level: int, continues: bool) -> None:
        """A ``text:list`` at ``level`` (1-based) begins: restart its counters unless it continues."""
        if style is None or level != 1 or continues:
            return
        self.counters.pop(style, None)

    def number(self, style: str | None, level: int, start_override: int | None = None) -> str:
        """The rendered number of the next item at ``level`` of list style ``style``."""
        levels = self.styles.get(style or "")
        if not levels or level not in levels or not levels[level].numbered:
            return ""
        spec = levels[level]
        counters = self.counters.setdefault(style or "", [0] * (MAX_LEVEL + 1))
        if start_override is not None:
            counters[level] = start_override
        elif counters[level] == 0:
            counters[level] = spec.start
        else:
            counters[level] += 1
        for deeper in range(level + 1, MAX_LEVEL + 1):
            counters[deeper] = 0
        parts = []
        for k in range(max(level - spec.display + 1, 1), level + 1):
            above = levels.get(k)
            value = counters[k] or (above.start if above else 1)
            parts.append(format_number(value, above.fmt if above else "decimal"))
        body = ".".join(parts)
        if spec.fmt == "none":
            body = ""
        return f"{spec.prefix}{body}{spec.suffix}" if (body or spec.prefix or spec.suffix) else ""
