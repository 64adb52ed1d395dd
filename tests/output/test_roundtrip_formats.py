"""The same report as .txt, as a web page and as a Word file parses to the same tables.

The test renders a real corpus text into HTML (<table> per block of pipe rows) and
into .docx (python-docx tables), with distinct numbers in every cell so that a value
shifted into the wrong column cannot go unnoticed.
"""

import html as htmllib
import itertools
import re
from pathlib import Path

import pytest

from reportlint.document.build import build_document
from reportlint.document.tables import to_json
from reportlint.readers import read

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def numbered_changji() -> str:
    """Changji's report with every table zero replaced by a distinct number."""
    text = (FIXTURES / "changji-kjj-2021.txt").read_text(encoding="utf-8")
    counter = itertools.count(1)
    return re.sub(r"(?<=\| )0(?= \|)|(?<=\| )0$", lambda _m: str(next(counter)), text, flags=re.M)


def blocks(text: str):
    """("p", line) or ("table", [[cell, …], …]) in order; blank lines dropped."""
    table = []
    for line in text.split("\n"):
        if "|" in line:
            table.append([c.strip() for c in line.rstrip().rstrip("|").split("|")])
            continue
        if table:
            yield "table", table
            table = []
        if line.strip():
            yield "p", line.strip()
    if table:
        yield "table", table


def as_html(text: str) -> str:
    body = []
    for kind, content in blocks(text):
        if kind == "p":
            body.append(f"<p>{htmllib.escape(content)}</p>")
        else:
            rows = "".join("<tr>" + "".join(f"<td>{htmllib.escape(c)}</td>" for c in row) + "</tr>" for row in content)
            body.append(f"<table border=1>{rows}</table>")
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>年报</title></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>"
    )


def as_docx(text: str, path: Path) -> None:
    docx = pytest.importorskip("docx")  # python-docx builds the file; reportlint reads it with the stdlib
    d = docx.Document()
    for kind, content in blocks(text):
        if kind == "p":
            d.add_paragraph(content)
        else:
            width = max(len(r) for r in content)
            t = d.add_table(rows=len(content), cols=width)
            for i, row in enumerate(content):
                for j, cell in enumerate(row):
                    t.cell(i, j).text = cell
    d.save(str(path))


def tables_without_lines(doc):
    data = to_json(doc)
    for t in data.values():
        if t is None:
            continue
        t.pop("line", None)
        for r in t.get("rows", []):
            r.pop("line", None)
    return data


@pytest.fixture(scope="module")
def text_tables(tmp_path_factory):
    p = tmp_path_factory.mktemp("rt") / "changji.txt"
    p.write_text(numbered_changji(), encoding="utf-8")
    doc = build_document(read(str(p)))
    data = tables_without_lines(doc)
    # The fixture must really be a full test: all three tables, non-zero values.
    assert all(data[k] is not None for k in ("table2", "table3", "table4"))
    first_row = data["table3"]["rows"][0]["values"]
    assert len(first_row) == 7 and len(set(first_row)) == 7 and None not in first_row
    assert len({v for r in data["table3"]["rows"] for v in r["values"]}) > 100
    return data


def test_html_parses_to_the_same_tables(tmp_path, text_tables):
    p = tmp_path / "changji.html"
    p.write_text(as_html(numbered_changji()), encoding="utf-8")
    assert tables_without_lines(build_document(read(str(p)))) == text_tables


def test_docx_parses_to_the_same_tables(tmp_path, text_tables):
    p = tmp_path / "changji.docx"
    as_docx(numbered_changji(), p)
    assert tables_without_lines(build_document(read(str(p)))) == text_tables
