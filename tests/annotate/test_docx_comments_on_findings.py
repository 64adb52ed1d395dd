"""--annotate on real Word documents: every finding is one comment on its own text.

The Huai'an 2024 draft gets defects put into its XML (a table-3 number changed so a
sum fails, a placeholder ``XX``, a stale year); the blank 2021 template has its own
(empty tables, template instructions). For each finding the test checks the comment's
author and text and that its range covers exactly the finding's span (or, for a
finding on an empty cell or a whole line, that cell or line) — and that nothing else of
the package changed.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import docx_helpers as h
import pytest

from reportlint.annotate import annotate_file, comment_paragraphs, default_output_path
from reportlint.annotate.docx import annotate_docx_bytes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DRAFT = FIXTURES / "drafts" / "huaian-draft-2024.docx"
TEMPLATE = FIXTURES / "template-2021-blank.docx"
ALLOWED_TO_CHANGE = {"word/document.xml", "word/comments.xml", "[Content_Types].xml", "word/_rels/document.xml.rels"}


@pytest.fixture
def draft_with_defects(tmp_path: Path) -> Path:
    path = tmp_path / "淮安2024年报.docx"
    h.replace_in_document(
        DRAFT,
        path,
        [
            ("1288", "1289"),  # table 3: 予以公开 of 自然人 no longer adds up
            ("规范审查程序", "规范XX审查程序"),  # a placeholder left in the text
            ("（一）主动公开情况。2024年", "（一）主动公开情况。2023年"),  # a stale year (the year before)
        ],
    )
    return path


def check_annotated(source: Path, force_report: bool = False) -> tuple[list, bytes]:
    """Annotate ``source`` and check every finding's comment; returns the findings and
    the copy's bytes."""
    diags = h.lint(source, force_report=force_report)
    assert diags, "the document must have findings for the test to mean anything"
    out = annotate_file(str(source), diags, None, "zh")
    assert out.path == default_output_path(str(source), "docx")
    data = Path(out.path).read_bytes()
    original = source.read_bytes()
    extracted = h.read_text(original)

    ranges = h.comment_ranges(data)
    notes = h.comments(data)
    assert len(ranges) == len(notes) == len(diags)
    assert sorted(h.comment_references(data)) == sorted(ranges)
    # comments are numbered in the order of the findings
    for diag, cid in zip(diags, sorted(notes, key=int)):
        note = notes[cid]
        assert note["author"] == "reportlint" and note["initials"] == "RL"
        assert note["text"] == "\n".join(comment_paragraphs(diag, "zh"))
        assert diag.code in note["text"] and diag.name in note["text"]
        assert h.norm(ranges[cid]) == h.expected_anchor(extracted, diag), (diag.code, diag.location)

    # the document reads the same and gives the same findings
    assert h.read_text(data).text == extracted.text
    copy = source.with_name("copy-" + source.name)
    copy.write_bytes(data)
    assert h.findings_key(h.lint(copy, force_report=force_report)) == h.findings_key(diags)

    # only the parts that hold comments changed; every other member's stored bytes are kept
    before, after = h.raw_members(original), h.raw_members(data)
    assert set(before) <= set(after) and set(after) - set(before) <= ALLOWED_TO_CHANGE
    changed = {name for name in before if before[name] != after[name]}
    assert changed <= ALLOWED_TO_CHANGE
    assert source.read_bytes() == original  # the input is never touched
    return diags, data


def test_draft_with_defects_every_finding_is_a_comment_on_its_text(draft_with_defects: Path) -> None:
    diags, data = check_annotated(draft_with_defects)
    codes = {d.code for d in diags}
    assert {"RL401", "RL701"} <= codes, codes  # the sum and the placeholder
    assert "RL605" in codes, codes  # the stale year
    ranges = h.comment_ranges(data)
    placeholder = next(d for d in diags if d.code == "RL701")
    cid = sorted(ranges, key=int)[diags.index(placeholder)]
    assert ranges[cid] == "XX"
    # the placeholder was split out of its run, the pieces keep the run's look
    xml = h.member(data, "word/document.xml").decode("utf-8")
    assert "规范</w:t>" in xml and ">XX</w:t>" in xml and ">审查程序。</w:t>" in xml


def test_blank_template_findings_on_cells_and_instructions(tmp_path: Path) -> None:
    source = tmp_path / "template.docx"
    shutil.copy(TEMPLATE, source)
    diags, data = check_annotated(source)
    assert any(d.location.cell is not None for d in diags)
    texts = set(h.comment_ranges(data).values())
    assert "（文字描述）" in texts


def test_english_comments_with_lang_en(draft_with_defects: Path) -> None:
    diags = h.lint(draft_with_defects)
    data, _ = annotate_docx_bytes(
        draft_with_defects.read_bytes(),
        str(draft_with_defects),
        h.read_text(draft_with_defects.read_bytes()).text,
        diags,
        "en",
        now=datetime(2025, 3, 1, 8, 30, tzinfo=UTC),
    )
    notes = h.comments(data)
    for diag, cid in zip(diags, sorted(notes, key=int)):
        assert notes[cid]["text"].startswith(diag.message.en)
        assert notes[cid]["date"] == "2025-03-01T08:30:00Z"


def test_a_document_without_findings_is_copied_unchanged(tmp_path: Path) -> None:
    source = tmp_path / "clean.docx"
    shutil.copy(DRAFT, source)
    out = annotate_file(str(source), [], str(tmp_path / "out.docx"), "zh")
    assert Path(out.path).read_bytes() == source.read_bytes()


def test_a_file_changed_since_the_check_is_refused(draft_with_defects: Path) -> None:
    from reportlint.core.errors import InputError

    data = draft_with_defects.read_bytes()
    diags = h.lint(draft_with_defects)
    stale_text = h.read_text(data).text.replace("XX", "YY")
    with pytest.raises(InputError) as info:
        annotate_docx_bytes(data, str(draft_with_defects), stale_text, diags, "zh")
    assert info.value.path == str(draft_with_defects)
    assert "文件在检查后已被修改" in info.value.render("zh")
