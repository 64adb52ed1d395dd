"""RL804 damaged-text."""

from __future__ import annotations

from reportlint.analysis.lines import to_text
from reportlint.core import pattern_store
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.core.match_starts import finder
from reportlint.document.page_meta import in_page
from reportlint.rules.base import Rule

# Each written to begin with its character (not with a repeat, `\ufffd+`): `re` then
# skips ahead to it in C instead of trying the pattern at every offset of the text.
REPLACEMENT = pattern_store.compile("\ufffd\ufffd*")
MASKED = pattern_store.compile(r"[*＊][*＊]{2,}")
WINDOW = 6


def _level1_hanzi() -> str:
    """The 3,755 common characters of GB2312 level 1 (lead bytes B0–D7), decoded in one
    call (a few unassigned codes at the end of row D7 are skipped)."""
    raw = bytes(b for lead in range(0xB0, 0xD8) for trail in range(0xA1, 0xFF) for b in (lead, trail))
    return raw.decode("gb2312", errors="ignore")


def _rare_hanzi_class() -> str:
    """A character class of every character of U+3400–U+9FFF not in level 1, as ranges:
    one class lets ``re`` skip ahead to the next candidate in C, where a lookahead
    excluding level 1 is tried at every offset."""
    # The gaps between the 3,755 common characters, walked in order (not the 27,000
    # code points one by one: that took milliseconds at every start).
    ranges: list[str] = []
    start = 0x3400  # the first code point of the current gap
    for cp in sorted({ord(ch) for ch in _level1_hanzi()} | {0xA000}):
        if cp > start:
            ranges.append(chr(start) if start == cp - 1 else f"{chr(start)}-{chr(cp - 1)}")
        start = max(start, cp + 1)
    return "[" + "".join(ranges) + "]"


# Text encoded in UTF-8 and decoded as GBK turns into runs of rare characters (UTF-8
# lead bytes E4–E9 land in GB2312's level-2 rows), stray "?" and single Latin letters.
# (Built once per machine, kept with the compiled patterns: ~4 ms of Python at every start.)
RARE = pattern_store.compile(
    pattern_store.remembered("rl804.rare_hanzi_class", "gb2312", 0, _rare_hanzi_class, lambda v: isinstance(v, str))
)
QMARK = pattern_store.compile(r"(?<=[\u3400-\u9fff])\?(?=[!\"']|$)")  # "六?!奔": a lost closing quote
# the letter first, its lookbehind after it: `re` skips ahead to letters by itself
LATIN = pattern_store.compile(r"[A-Za-z](?<=[\u3400-\u9fff][A-Za-z])(?=[\u3400-\u9fff])")
# GBK text read one byte out of step (`（一）主动公开` became `?。ㄒ唬┲鲃庸_`): the
# stray first byte shows as "?" before a full stop that opens the line, and the pairs
# land in GBK's rows of bopomofo and box-drawing pieces, between Chinese characters.
# The plain lines and corners a text table is drawn with are not counted.
_BOX = "\u2500-\u257f"
_PLAIN_BOX = "─│┌┐└┘├┤┬┴┼━┃┏┓┗┛┣┫┳┻╋═║╔╗╚╝╠╣╦╩╬"
ODD = pattern_store.compile(
    "[\u3105-\u312f]|(?<=[\u3105-\u312f\u3400-\u9fff])(?![" + _PLAIN_BOX + "])[" + _BOX + "]"
    "|(?![" + _PLAIN_BOX + "])[" + _BOX + "](?=[\u3105-\u312f\u3400-\u9fff])"
)
LEAD_QMARK = pattern_store.compile(r"(?m)^[ \t]*\?(?=[。、，])")
SIGNALS = (("rare", RARE), ("qmark", QMARK), ("latin", LATIN), ("odd", ODD), ("qmark", LEAD_QMARK))


def _signal_finders():
    # RARE is one character class, which ``re`` skips ahead to by itself; reading its
    # 6,000-character class off for ``finder`` would cost more than the search.
    return [(kind, pattern.finditer if pattern is RARE else finder(pattern)) for kind, pattern in SIGNALS]


def mojibake_runs(view: str) -> list[tuple[int, int]]:
    """Windows of six characters with ≥3 signals of ≥2 different kinds."""
    found = sorted((m.start(), kind) for kind, finditer in _signal_finders() for m in finditer(view))
    runs: list[tuple[int, int]] = []
    for i, (pos, _kind) in enumerate(found):
        j = i
        while j < len(found) and found[j][0] < pos + WINDOW:
            j += 1
        window = found[i:j]
        if len(window) >= 3 and len({k for _, k in window}) >= 2:
            s, e = pos, window[-1][0] + 1
            if runs and s <= runs[-1][1]:
                runs[-1] = (runs[-1][0], max(e, runs[-1][1]))
            else:
                runs.append((s, e))
    return runs


class DamagedText(Rule):
    """Text damaged by encoding errors or masking.

    When a page is saved in one encoding and read in another, characters turn into
    strings of rare characters and question marks (``“六?!奔訌娬甙l布解讀`` was
    ``“六保”加强政策发布解读``), into bopomofo and box-drawing pieces when GBK text is
    read one byte out of step (``?。ㄒ唬┲鲃庸_`` was ``（一）主动公开``), or into
    the replacement character ``�``. Some sites
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
        "（“六?!奔訌娬甙l布解讀”原为“六保”加强政策发布解读）；GBK 文字错开一个字节读取时，"
        "会变成注音符号和制表符碎片（“?。ㄒ唬┲鲃庸_”原为“（一）主动公开”）；或变成替换字符“�”。"
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
            shown = doc.text[max(0, span[0] - 1) : span[1] + 1].strip("\r\n")
            yield self.report(doc, span, "mojibake", text=shown)
        for m in REPLACEMENT.finditer(doc.text):
            if not in_page(doc, *m.span()):
                yield self.report(doc, m.span(), "replacement")
        for m in MASKED.finditer(doc.text):
            if not in_page(doc, *m.span()):  # the page's metadata is not report text
                yield self.report(doc, m.span(), "masked", text=m.group())
