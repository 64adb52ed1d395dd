"""Bilingual text: Simplified Chinese by default, English with ``--lang en``.

Rules and errors never hold a single string; they hold a :class:`Text` with both
languages, and the output layer picks one. Templates use ``str.format`` fields.
"""

from __future__ import annotations

from dataclasses import dataclass  # not core.lazy_dataclass: the pattern store it uses needs this module
from typing import Any

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"


@dataclass(frozen=True)
class Text:
    """A user-visible text in both languages."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def format(self, **params: Any) -> Text:
        return Text(self.zh.format(**params), self.en.format(**params))


def T(zh: str, en: str) -> Text:
    """Shorthand constructor used throughout rule modules."""
    return Text(zh, en)
