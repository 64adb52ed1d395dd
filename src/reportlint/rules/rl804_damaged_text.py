"""RL804 damaged-text."""

from __future__ import annotations

import re

from reportlint.diagnostics import Severity
from reportlint.i18n import T
from reportlint.rule import Rule
from reportlint.rules._text import to_text

REPLACEMENT = re.compile("\ufffd+")
MASKED = re.compile(r"[*＊]{3,}")
CJK = re.compile(r"[\u3400-\u9fff]")
WINDOW = 6


def _rarity(ch: str) -> int:
    """0 for common characters; 1 for GB2312 level-2 or characters outside GB2312.

    Text encoded in UTF-8 and decoded as GBK turns into runs of rare characters
    (UTF-8 lead bytes E4–E9 land in GB2312's level-2 rows).
    """
    if not CJK.match(ch):
        return 0
    try:
        raw = ch.encode("gb2312")
    except UnicodeEncodeError:
        return 1
    return 1 if raw[0] >= 0xD8 else 0


def _signals(view: str, i: int) -> set[str]:
    ch = view[i]
    prev = view[i - 1] if i else ""
    nxt = view[i + 1] if i + 1 < len(view) else ""
    kinds = set()
    if _rarity(ch):
        kinds.add("rare")
    if ch == "?" and (CJK.match(prev or " ") or CJK.match(nxt or " ")) and nxt in "!\"'" + "":
        kinds.add("qmark")
    if ch.isascii() and ch.isalpha() and CJK.match(prev or " ") and CJK.match(nxt or " "):
        kinds.add("latin")
    return kinds


def mojibake_runs(view: str) -> list[tuple[int, int]]:
    """Windows where decoding damage is likely: ≥3 signals of ≥2 different kinds."""
    flags = [_signals(view, i) if not view[i].isspace() else set() for i in range(len(view))]
    runs: list[tuple[int, int]] = []
    for i in range(len(view)):
        window = flags[i : i + WINDOW]
        count = sum(len(k) for k in window)
        kinds = set().union(*window) if window else set()
        if count >= 3 and len(kinds) >= 2:
            s = i + next(j for j, k in enumerate(window) if k)
            e = i + max(j for j, k in enumerate(window) if k) + 1
            if runs and s <= runs[-1][1]:
                runs[-1] = (runs[-1][0], max(e, runs[-1][1]))
            else:
                runs.append((s, e))
    return runs


class DamagedText(Rule):
    """Text damaged by encoding errors or masking.

    When a page is saved in one encoding and read in another, characters turn into
    strings of rare characters and question marks (``“六?!奔訌娬甙l布解讀`` was
    ``“六保”加强政策发布解读``), or into the replacement character ``�``. Some sites
    also mask words as ``***``. The reader cannot know what was meant, so the
    original wording must be restored from the agency's own document.

    Bad:
        我局不断围绕“六稳”“六?!奔訌娬甙l布解讀,以科技项目指南发布……
    Good:
        我局不断围绕“六稳”“六保”加强政策发布解读，以科技项目指南发布……
    """

    code = "RL804"
    name = "damaged-text"
    category = "artifact"
    severity = Severity.ERROR
    summary_zh = "文字因编码错误或屏蔽而损坏（乱码、�、***）。"
    rationale_zh = (
        "网页以一种编码保存、却按另一种编码读取时，文字会变成一串生僻字和问号"
        "（“六?!奔訌娬甙l布解讀”原为“六保”加强政策发布解读），或变成替换字符“�”。"
        "有的网站还把词语屏蔽成“***”。读者无法知道原意，必须从机关的原始文件恢复原文。"
    )
    messages = {
        "mojibake": T(
            "疑似乱码“{text}”（编码错误）；请从原始文件恢复这段文字",
            "suspected mojibake '{text}' (encoding damage); restore the text from the original document",
        ),
        "replacement": T(
            "替换字符“�”：这里的文字在转换编码时丢失；请从原始文件恢复",
            "replacement character '�': text was lost in an encoding conversion; restore it from the original",
        ),
        "masked": T(
            "文字被屏蔽为“{text}”；请恢复原文",
            "text masked as '{text}'; restore the original wording",
        ),
    }

    def check(self, doc):
        view = doc.view.text
        for s, e in mojibake_runs(view):
            span = to_text(doc, s, e)
            # Quote what the user sees, with one character of context on each side.
            shown = doc.text[max(0, span[0] - 1) : span[1] + 1]
            yield self.report(doc, span, "mojibake", text=shown)
        for m in REPLACEMENT.finditer(doc.text):
            yield self.report(doc, m.span(), "replacement")
        for m in MASKED.finditer(doc.text):
            yield self.report(doc, m.span(), "masked", text=m.group())
