"""The .ofd reader (GB/T 33190): text in reading order from OFD packages the tests
write, tables recovered from positions, and one clear message for files it cannot read."""

from __future__ import annotations

import io
import itertools
import zipfile
from pathlib import Path

import pytest
from readers_helpers import CJK, assert_one_clear_refusal, run_check

from reportlint.readers import read

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'


def text_object(x: float, y: float, text: str, size: float = 3.5, ident: int = 1) -> str:
    """One TextObject whose single TextCode starts at (x, y) on the page (millimetres)."""
    deltas = " ".join([str(size)] * (len(text) - 1))
    return (
        f'<ofd:TextObject ID="{ident}" Boundary="{x} {y - size} {size * len(text) + 1} {size * 1.5}" '
        f'Font="1" Size="{size}"><ofd:TextCode X="0" Y="{size}" DeltaX="{deltas}">{text}</ofd:TextCode>'
        "</ofd:TextObject>"
    )


def ofd(pages: list[list[tuple[float, float, str]]], encrypted: bool = False, extra_pages: int = 0) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        enc = "<ofd:Encryptions>Encryptions.xml</ofd:Encryptions>" if encrypted else ""
        z.writestr(
            "OFD.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {NS} Version="1.0" DocType="OFD"><ofd:DocBody>'
            f"<ofd:DocInfo><ofd:DocID>x</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>{enc}"
            "</ofd:DocBody></ofd:OFD>",
        )
        page_refs = "".join(
            f'<ofd:Page ID="{i + 10}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages) + extra_pages)
        )
        z.writestr(
            "Doc_0/Document.xml",
            f"<ofd:Document {NS}><ofd:CommonData><ofd:MaxUnitID>1</ofd:MaxUnitID></ofd:CommonData>"
            f"<ofd:Pages>{page_refs}</ofd:Pages></ofd:Document>",
        )
        for i, runs in enumerate(pages):
            objects = "".join(text_object(x, y, t, ident=k + 1) for k, (x, y, t) in enumerate(runs))
            z.writestr(
                f"Doc_0/Pages/Page_{i}/Content.xml",
                f'<ofd:Page {NS}><ofd:Content><ofd:Layer ID="1"><ofd:PageBlock ID="2">{objects}</ofd:PageBlock>'
                "</ofd:Layer></ofd:Content></ofd:Page>",
            )
    return out.getvalue()


def test_text_in_reading_order_with_pages(tmp_path):
    # Written out of order on purpose: the reader orders by position, not by XML order.
    page1 = [
        (20, 60, "第二段在下面"),
        (20, 30, "某某局2024年政府信息公开工作年度报告"),
        (20, 45, "左列"),
        (80, 45, "右列"),
        (100, 280, "- 1 -"),  # a page number at the foot of the page
    ]
    page2 = [(20, 30, "第二页的内容")]
    path = tmp_path / "r.ofd"
    path.write_bytes(ofd([page1, page2]))
    ex = read(str(path))
    assert ex.kind == "ofd"
    assert ex.text.split("\n") == ["某某局2024年政府信息公开工作年度报告", "左列  右列", "第二段在下面", "第二页的内容"]
    assert ex.origins.locate(ex.text.index("第二页")).page == 2
    assert ex.origins.locate(ex.text.index("右列")).page == 1


def test_table_from_positions_split_over_two_pages(tmp_path):
    """The published report's table 2 laid out in columns, its rows split over two pages,
    is recovered from the text positions as from a PDF's text layer."""
    from reportlint.document.build import build_document

    rows = [
        ("第二十条第（一）项", None, None, None),
        ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
        ("规章", "1", "0", "11"),
        ("行政规范性文件", "8", "26", "66"),
        ("第二十条第（五）项", None, None, None),
        ("信息内容", "本年处理决定数量", None, None),
        ("行政许可", "447228", None, None),
        ("第二十条第（六）项", None, None, None),
        ("信息内容", "本年处理决定数量", None, None),
        ("行政处罚", "3985758", None, None),
        ("行政强制", "88283", None, None),
        ("第二十条第（八）项", None, None, None),
        ("信息内容", "本年收费金额（单位：万元）", None, None),
        ("行政事业性收费", "96171.6", None, None),
    ]
    head = [(20, 20, "某某市人民政府2024年政府信息公开工作年度报告"), (20, 30, "二、主动公开政府信息情况")]

    def lay(part, top):
        out = []
        for i, row in enumerate(part):
            for col, text in enumerate(row):
                if text:
                    out.append((20 + 45 * col, top + 8 * i, text))
        return out

    page1 = head + lay(rows[:6], 40)
    page2 = lay(rows[6:], 20) + [(20, 150, "三、收到和处理政府信息公开申请情况")]
    path = tmp_path / "t.ofd"
    path.write_bytes(ofd([page1, page2]))
    doc = build_document(read(str(path)))
    assert doc.tables["table2"].status == "read"
    from reportlint.document import tables

    got = tables.to_json(doc)["table2"]
    values = {r["key"]: r["values"] for r in got["rows"]}
    assert values == {
        "regulations": [1, 0, 11],
        "normative_documents": [8, 26, 66],
        "licensing": [447228],
        "penalty": [3985758],
        "enforcement": [88283],
        "fees": [96171.6],
    }
    # the rows on page 2 point at page 2
    assert doc.extracted.origins.locate(doc.extracted.text.index("3985758")).page == 2


def test_encrypted_ofd(tmp_path):
    path = tmp_path / "secret.ofd"
    path.write_bytes(ofd([[(20, 20, "内容")]], encrypted=True))
    assert_one_clear_refusal(run_check(path), path, ".ofd", "加密")


def test_image_only_ofd_says_what_to_do(tmp_path):
    path = tmp_path / "scan.ofd"
    path.write_bytes(ofd([[]]))
    line = assert_one_clear_refusal(run_check(path), path, ".ofd", "扫描", "Word/WPS")
    en = assert_one_clear_refusal(run_check(path, "--lang", "en"), path, ".ofd", "scanned")
    assert not CJK.search(en.replace(str(path), "")) and line != en


@pytest.mark.parametrize("how", ["not-zip", "no-entry", "cut"])
def test_damaged_ofd(tmp_path, how):
    path = tmp_path / f"{how}.ofd"
    if how == "not-zip":
        path.write_bytes(b"%PDF-1.4 not an ofd")
    elif how == "no-entry":
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as z:
            z.writestr("Doc_0/Document.xml", "<x/>")
        path.write_bytes(out.getvalue())
    else:
        path.write_bytes(ofd([[(20, 20, "内容")]])[:150])
    assert_one_clear_refusal(run_check(path), path, ".ofd")


def test_missing_page_part_and_hostile_deltas_are_bounded(tmp_path):
    path = tmp_path / "odd.ofd"
    data = ofd([[(20, 20, "某某局2024年政府信息公开工作年度报告")]], extra_pages=3)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as z:
        for info in src.infolist():
            content = src.read(info)
            if info.filename.endswith("Page_0/Content.xml"):
                content = content.replace(b'DeltaX="', b'DeltaX="g 999999999 3.5 ')
            z.writestr(info, content)
    path.write_bytes(out.getvalue())
    proc = run_check(path)
    assert "Traceback" not in proc.stderr.decode("utf-8")
    assert read(str(path)).text == "某某局2024年政府信息公开工作年度报告"


def ofd_from_pdf(pdf_path: Path, rules: bool) -> bytes:
    """An OFD with the text of a real PDF at the positions where it stands: every word a
    TextObject, its characters' advances as DeltaX (what OFD exporters write), and with
    ``rules`` every ruling line of the page as a PathObject."""
    import pdfplumber

    mm = 25.4 / 72
    pages = []
    with pdfplumber.open(str(pdf_path)) as pdf:
        for page in pdf.pages:
            objects = []
            words = page.extract_words(x_tolerance=1.5, extra_attrs=["size"], return_chars=True)
            for k, w in enumerate(words, start=1):
                xs = [c["x0"] * mm for c in w["chars"]]
                size, y = w["size"] * mm, w["chars"][0]["bottom"] * mm
                deltas = " ".join(f"{b - a:.2f}" for a, b in itertools.pairwise(xs))
                text = w["text"].replace("&", "&amp;").replace("<", "&lt;")
                objects.append(
                    f'<ofd:TextObject ID="{k}" Boundary="{xs[0]:.2f} {y - size:.2f} 200 {size * 1.5:.2f}" '
                    f'Font="1" Size="{size:.2f}"><ofd:TextCode X="0" Y="{size:.2f}" DeltaX="{deltas}">{text}'
                    "</ofd:TextCode></ofd:TextObject>"
                )
            for e in page.edges if rules else ():
                x0, top = e["x0"] * mm, e["top"] * mm
                w, h = (e["x1"] - e["x0"]) * mm, (e["bottom"] - e["top"]) * mm
                path = f"M 0 0 L {w:.2f} 0" if e["orientation"] == "h" else f"M 0 0 L 0 {h:.2f}"
                objects.append(
                    f'<ofd:PathObject ID="{len(objects) + 1}" Boundary="{x0:.2f} {top:.2f} {max(w, 0.1):.2f} '
                    f'{max(h, 0.1):.2f}" LineWidth="0.25"><ofd:AbbreviatedData>{path}</ofd:AbbreviatedData>'
                    "</ofd:PathObject>"
                )
            pages.append("".join(objects))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "OFD.xml",
            f'<ofd:OFD {NS} Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocRoot>/Doc_0/Document.xml'
            "</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        )
        refs = "".join(f'<ofd:Page ID="{i + 100}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages)))
        z.writestr("Doc_0/Document.xml", f"<ofd:Document {NS}><ofd:Pages>{refs}</ofd:Pages></ofd:Document>")
        for i, objects in enumerate(pages):
            z.writestr(
                f"Doc_0/Pages/Page_{i}/Content.xml",
                f'<ofd:Page {NS}><ofd:Content><ofd:Layer ID="1">{objects}</ofd:Layer></ofd:Content></ofd:Page>',
            )
    return out.getvalue()


@pytest.mark.parametrize("rules", [True, False], ids=["with-rules", "text-only"])
def test_published_report_as_ofd_gives_the_published_tables(tmp_path, rules):
    """The published Huai'an report's text, placed where it stands on its six pages,
    read back from OFD: the same three tables as from the PDF — from the ruling lines
    as real grids when the page draws them, from the text positions when it does not."""
    from test_draft_formats import PUBLISHED, table_values

    path = tmp_path / "huaian-gov-2024.ofd"
    path.write_bytes(ofd_from_pdf(PUBLISHED, rules))
    assert table_values(path) == table_values(PUBLISHED)
    ex = read(str(path))
    assert ex.origins.locate(ex.text.index("六、其他需要报告的事项")).page == 6
    if rules:
        published = read(str(PUBLISHED))
        assert [(len(g.rows), len(g.rows[0])) for g in ex.grids] == [
            (len(g.rows), len(g.rows[0])) for g in published.grids
        ]
        cell = ex.grids[-1].rows[-1][0]
        loc = ex.origins.locate(cell.start)
        assert loc.cell is not None and loc.page == published.origins.locate(published.grids[-1].rows[-1][0].start).page


def test_published_report_as_ofd_checks_like_the_pdf(cli, tmp_path):
    import json

    from test_draft_formats import PUBLISHED

    path = tmp_path / "huaian-gov-2024.ofd"
    path.write_bytes(ofd_from_pdf(PUBLISHED, rules=True))

    def codes(p):
        proc = cli("check", "--format", "json", "--no-cache", str(p))
        assert "Traceback" not in proc.err
        return sorted((d["code"], d["severity"]) for d in json.loads(proc.out) if "type" not in d)

    got = codes(path)
    assert got == codes(PUBLISHED)
    assert [c for c in got if c[1] in ("error", "warning")] == []
