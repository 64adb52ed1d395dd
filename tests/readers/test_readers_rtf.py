"""The .rtf reader: text and real grids from RTF the tests write (\\cell/\\row tables
with merged cells, Chinese as \\uN and as GBK bytes), and one clear bilingual message
for files it cannot read."""

from __future__ import annotations

from readers_helpers import CJK, assert_one_clear_message, grid_shape, run_check

from reportlint.readers import read

HEADER = (
    r"{\rtf1\ansi\ansicpg936\deff0"
    r"{\fonttbl{\f0\fnil\fcharset134 \'cb\'ce\'cc\'e5;}{\f1\froman\fcharset0 Times New Roman;}}"
    r"{\colortbl;\red0\green0\blue0;}"
    r"{\stylesheet{\s0 Normal;}}"
    r"{\info{\title \'b2\'bb\'b6\'c1}{\author x}}"
)


def u(text: str) -> str:
    """``text`` as RTF \\uN escapes with a one-character fallback."""
    out = []
    for ch in text:
        if ord(ch) < 128 and ch not in "\\{}":
            out.append(ch)
        else:
            code = ord(ch)
            out.append(f"\\u{code - 65536 if code > 32767 else code}?")
    return "".join(out)


def gbk(text: str) -> str:
    """``text`` as \\'hh bytes in GBK (what Word writes with \\fcharset134)."""
    return "".join(f"\\'{b:02x}" if b > 127 else chr(b) for b in text.encode("gbk"))


def rtf(body: str) -> bytes:
    return (HEADER + body + "}").encode("ascii")


def row(cells: list[tuple[str, int, str]]) -> str:
    """One table row: (text, right edge in twips, merge control words) per cell."""
    defs = "".join(f"{merge}\\cellx{edge}" for _, edge, merge in cells)
    content = "".join(f"\\pard\\intbl {u(text)}\\cell " for text, _, _ in cells)
    return f"\\trowd\\trleft0{defs}{content}\\row "


def test_text_in_both_encodings_and_skipped_destinations(tmp_path):
    body = (
        r"\pard\plain\f0 " + gbk("某某局2024年政府信息公开工作年度报告") + r"\par "
        r"\pard " + u("一、总体情况") + r"\par "
        r"\pard " + u("主动公开") + r"\tab 10" + u("条") + r"\line " + u("第二行") + r"\par "
        r"\pard {\*\bkmkstart x}" + u("见") + r'{\field{\*\fldinst HYPERLINK "http://x"}{\fldrslt ' + u("链接") + r"}}"
        r"{\footnote " + u("脚注不读") + r"}{\pict\pngblip 89504e47}" + u("完") + r"\par "
        r"\pard{\uc2 \u25991\'3f\'3f}" + u("字") + r"{\v " + u("隐藏") + r"}{\deleted " + u("删除") + r"}\par "
        r"\pard a\{b\}c\\d\~e\par "
        r"\pard {\listtext\f0 " + gbk("一、") + r"\tab}" + u("总体情况") + r"\par "
        r"\pard {\listtext 1.\tab}" + u("第一项") + r"\par "
    )
    path = tmp_path / "r.rtf"
    path.write_bytes(rtf(body))
    ex = read(str(path))
    assert ex.kind == "rtf"
    assert ex.text.split("\n") == [
        "某某局2024年政府信息公开工作年度报告",
        "一、总体情况",
        "主动公开\t10条",
        "第二行",
        "见链接完",
        "文字",
        "a{b}c\\d\u00a0e",
        "一、总体情况",
        "1.第一项",
    ]
    loc = ex.origins.locate(ex.text.index("见链接"))
    assert (loc.line, loc.paragraph) == (5, 4)


def test_table_with_merged_cells_is_a_real_grid(tmp_path):
    body = (
        r"\pard "
        + u("前文")
        + r"\par "
        + row([("项目", 2000, r"\clvmgf"), ("申请人情况", 6000, "")])  # spans two columns by its edges
        + row([("", 2000, r"\clvmrg"), ("自然人", 4000, ""), ("法人", 6000, "")])
        + row([("新收申请", 2000, ""), ("5", 4000, r"\clmgf"), ("", 6000, r"\clmrg")])
        + r"\pard "
        + u("后文")
        + r"\par "
    )
    path = tmp_path / "t.rtf"
    path.write_bytes(rtf(body))
    ex = read(str(path))
    assert len(ex.grids) == 1
    assert grid_shape(ex.grids[0]) == [
        [("项目", 2, 1, False), ("申请人情况", 1, 2, False), ("申请人情况", 1, 2, True)],
        [("项目", 2, 1, True), ("自然人", 1, 1, False), ("法人", 1, 1, False)],
        [("新收申请", 1, 1, False), ("5", 1, 2, False), ("5", 1, 2, True)],
    ]
    assert ex.text.split("\n") == ["前文", "项目 | 申请人情况 | ", " | 自然人 | 法人", "新收申请 | 5 | ", "后文"]
    gc = ex.grids[0].rows[1][1]
    assert ex.text[gc.start : gc.end] == "自然人"
    loc = ex.origins.locate(gc.start)
    assert (loc.cell.grid, loc.cell.grid_row, loc.cell.grid_column) == (1, 2, 2)


def test_two_tables_and_paragraphs_inside_a_cell(tmp_path):
    cell_with_two = (
        r"\trowd\cellx3000\cellx6000\pard\intbl "
        + u("第一段")
        + r"\par "
        + u("第二段")
        + r"\cell "
        + u("乙")
        + r"\cell \row "
    )
    body = cell_with_two + r"\pard " + u("中间") + r"\par " + row([("丙", 3000, "")])
    path = tmp_path / "two.rtf"
    path.write_bytes(rtf(body))
    ex = read(str(path))
    assert len(ex.grids) == 2
    assert ex.text.split("\n") == ["第一段 第二段 | 乙", "中间", "丙"]


def test_rtf_saved_as_doc_is_read_as_rtf(tmp_path):
    path = tmp_path / "really-rtf.doc"
    path.write_bytes(rtf(r"\pard " + u("内容") + r"\par "))
    ex = read(str(path))
    assert (ex.kind, ex.text) == ("rtf", "内容")


def test_not_rtf_and_truncated_say_what_to_do(tmp_path):
    bad = tmp_path / "bad.rtf"
    bad.write_bytes(b"plain text, not rtf")
    line = assert_one_clear_message(run_check(bad), bad, ".rtf", "另存为")
    assert "未发现问题" not in line
    en = assert_one_clear_message(run_check(bad, "--lang", "en"), bad, ".rtf", "Save As")
    assert not CJK.search(en.replace(str(bad), ""))

    cut = tmp_path / "cut.rtf"
    cut.write_bytes(rtf(r"\pard " + u("内容") + r"\par " + row([("甲", 2000, "")]))[:-40])
    assert_one_clear_message(run_check(cut), cut, "不完整", "另存为")


def test_hostile_rtf_is_bounded(tmp_path):
    deep = tmp_path / "deep.rtf"
    deep.write_bytes(b"{\\rtf1 " + b"{" * 200_000 + b"x" + b"}" * 200_001)
    assert_one_clear_message(run_check(deep), deep, "嵌套过深")

    huge_bin = tmp_path / "bin.rtf"
    huge_bin.write_bytes(rtf(r"\pard " + u("前") + r"{\bin999999999 }" + r"\par "))
    proc = run_check(huge_bin)
    assert "Traceback" not in proc.stderr.decode("utf-8")

    wide = tmp_path / "wide.rtf"
    wide.write_bytes(
        rtf(
            r"\trowd"
            + "".join(f"\\cellx{i * 10}" for i in range(1, 5000))
            + "\\pard\\intbl "
            + "x\\cell " * 5000
            + r"\row "
        )
    )
    proc = run_check(wide)
    assert proc.returncode in (0, 1, 2) and "Traceback" not in proc.stderr.decode("utf-8")
