"""--fix on a .docx: the safe fixes as tracked changes (修订), the same as for text.

Real text reports with fixable findings (web-page debris lines, export debris, heading
and table-label wording, section numbering, pinyin readings) are turned into .docx
files, one paragraph per line, each paragraph cut into several runs of alternating
bold/plain text so that fixes fall across run boundaries. The test accepts every
tracked change of the --fix copy on the XML (drop w:del, unwrap w:ins, merge a
paragraph whose mark is deleted) and compares the text reportlint reads from it with
``--fix`` applied to the same report as plain text.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import docx_helpers as h
import pytest
from lxml import etree

from reportlint.annotate import annotate_file
from reportlint.run import fixer

# Reports whose safe fixes are the same as text and as .docx (RL802 export-debris
# looks at plain text only, so changzhou, pingtan-2016 and taierzhuang are not here).
REPORTS = [
    "changji-kjj-2021.txt",  # RL801 web-page debris lines at the end
    "changshu-kjj-2021.txt",  # RL202 label wording, RL105 heading wording
    "pingtan-gov-2021.txt",  # RL801 debris, one on the last line (its newline before it)
    "zhangjiakou-kjj-2010.txt",  # RL805 doubled punctuation inside a run, RL801
    "shanghai-kewei-2024.md",  # RL103 section numbers replaced
]
W = h.W
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def as_docx(text: str, path: Path, cut: int = 7) -> None:
    d = docx.Document()
    body = d.element.body
    for p in list(body.iterchildren(W + "p")):
        body.remove(p)
    for line in text.split("\n"):
        p = d.add_paragraph()
        for k in range(0, len(line), cut):
            run = p.add_run(line[k : k + cut])
            run.bold = (k // cut) % 2 == 1
    d.save(str(path))


@pytest.mark.parametrize("name", REPORTS)
def test_accepting_every_tracked_change_gives_the_text_fix(tmp_path: Path, name: str) -> None:
    source_txt = tmp_path / name
    shutil.copy(FIXTURES / name, source_txt)
    text = h.readers.read(str(source_txt)).text
    txt_diags = h.lint(source_txt, fix=True)
    txt_edits = fixer.collect_edits(txt_diags)
    assert txt_edits, "the report must have safe fixes for the test to mean anything"
    expected = fixer.apply_edits(text, txt_edits)

    source = tmp_path / "report.docx"
    as_docx(text, source)
    original = source.read_bytes()
    assert h.read_text(original).text == text
    diags = h.lint(source, fix=True)
    edits = fixer.collect_edits(diags)
    assert edits == txt_edits  # the same safe fixes as for the text

    out = annotate_file(str(source), diags, None, "zh", edits=edits)
    assert out.edits == edits  # every one written as a tracked change
    data = Path(out.path).read_bytes()
    assert source.read_bytes() == original

    # before accepting, the document still reads as it was (deletions are not text,
    # insertions are); after accepting, as --fix on the text
    root = etree.fromstring(h.member(data, "word/document.xml"))
    for change in [*root.iter(W + "ins"), *root.iter(W + "del")]:
        assert change.get(W + "author") == "reportlint" and change.get(W + "date")
    accepted = h.read_text(h.accept_all(data)).text
    assert accepted == expected
    # each finding also has its comment
    assert len(h.comments(data)) == len(diags)


def test_debris_put_into_the_real_draft_is_deleted_as_a_tracked_change(tmp_path: Path) -> None:
    draft = FIXTURES / "drafts" / "huaian-draft-2024.docx"
    source = tmp_path / "draft.docx"
    h.replace_in_document(
        draft,
        source,
        [("<w:body>", "<w:body><w:p><w:r><w:t>打印本页 关闭窗口</w:t></w:r></w:p>")],
    )
    diags = h.lint(source, fix=True)
    edits = fixer.collect_edits(diags)
    assert [d.code for d in diags if d.fix] == ["RL801"]
    out = annotate_file(str(source), diags, None, "zh", edits=edits)
    assert out.edits == edits
    data = Path(out.path).read_bytes()
    assert h.read_text(h.accept_all(data)).text == h.read_text(draft.read_bytes()).text


def test_fix_in_place_writes_only_tracked_changes(tmp_path: Path) -> None:
    source_txt = tmp_path / "r.txt"
    shutil.copy(FIXTURES / "changji-kjj-2021.txt", source_txt)
    text = h.readers.read(str(source_txt)).text
    source = tmp_path / "report.docx"
    as_docx(text, source)
    diags = h.lint(source, fix=True)
    edits = fixer.collect_edits(diags)
    out = annotate_file(str(source), diags, None, "zh", edits=edits, in_place=True, comments=False)
    assert out.path == str(source) and out.edits == edits
    data = source.read_bytes()
    assert "word/comments.xml" not in h.raw_members(data)
    assert h.read_text(h.accept_all(data)).text == fixer.apply_edits(text, edits)
    assert not list(tmp_path.glob("*.reportlint.*"))


def test_a_fix_on_a_list_number_is_left_as_a_comment(tmp_path: Path) -> None:
    """An edit of text Word draws itself (an automatic list number) cannot be a tracked
    change of the text: it is not written, and its finding keeps its comment."""
    from reportlint.annotate.docx import annotate_docx_bytes
    from reportlint.core.diagnostics import Edit

    d = docx.Document()
    d.add_paragraph("第一项", style="List Number")
    path = tmp_path / "n.docx"
    d.save(str(path))
    data = path.read_bytes()
    text = h.read_text(data).text
    assert text.startswith("1.") and text.endswith("第一项")
    out, applied = annotate_docx_bytes(data, str(path), text, [], "zh", [Edit(0, 2, "一、")])
    assert applied == [] and out == data
