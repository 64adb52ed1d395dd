"""``reportlint check --annotate`` / ``--fix`` on Word documents, through the command line."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx_helpers as h

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DRAFT = FIXTURES / "drafts" / "huaian-draft-2024.docx"
DEBRIS = ("<w:body>", "<w:body><w:p><w:r><w:t>打印本页 关闭窗口</w:t></w:r></w:p>")


def _debris_draft(tmp_path: Path) -> Path:
    path = tmp_path / "draft.docx"
    h.replace_in_document(DRAFT, path, [DEBRIS, ("规范审查程序", "规范XX审查程序")])
    return path


def test_annotate_writes_the_copy_beside_the_input(tmp_path: Path, cli) -> None:
    source = _debris_draft(tmp_path)
    before = source.read_bytes()
    proc = cli("check", str(source), "--annotate")
    assert proc.returncode == 1, proc.err  # findings with errors
    copy = tmp_path / "draft.reportlint.docx"
    assert copy.is_file()
    assert f"已写入 {copy}（2 条批注，0 处修订）" in proc.err
    assert len(h.comments(copy.read_bytes())) == 2
    assert source.read_bytes() == before
    assert "Traceback" not in proc.err


def test_annotate_output_and_english(tmp_path: Path, cli) -> None:
    source = _debris_draft(tmp_path)
    target = tmp_path / "review" / "for-review.docx"
    target.parent.mkdir()
    proc = cli("check", str(source), "--annotate", "--annotate-output", str(target), "--lang", "en")
    assert f"wrote {target} (2 comments, 0 tracked changes)" in proc.err
    notes = h.comments(target.read_bytes())
    assert any(n["text"].startswith("Leftover placeholder") or "placeholder" in n["text"] for n in notes.values())


def test_several_files_need_a_folder_for_annotate_output(tmp_path: Path, cli) -> None:
    one = _debris_draft(tmp_path)
    two = tmp_path / "two.docx"
    shutil.copy(one, two)
    proc = cli("check", str(one), str(two), "--annotate", "--annotate-output", str(tmp_path / "x.docx"))
    assert proc.returncode == 2
    assert proc.err.strip().splitlines() == [
        f"reportlint: 检查多个文件时，--annotate-output 必须是已存在的目录：{tmp_path / 'x.docx'}"
    ]
    assert not list(tmp_path.glob("*.reportlint.docx"))
    folder = tmp_path / "out"
    folder.mkdir()
    proc = cli("check", str(one), str(two), "--annotate", "--annotate-output", str(folder))
    assert sorted(p.name for p in folder.iterdir()) == ["draft.reportlint.docx", "two.reportlint.docx"]


def test_fix_on_a_docx_is_no_longer_silent(tmp_path: Path, cli) -> None:
    source = _debris_draft(tmp_path)
    before = source.read_bytes()
    proc = cli("check", str(source), "--fix")
    copy = tmp_path / "draft.reportlint.docx"
    assert f"已写入 {copy}（2 条批注，1 处修订）" in proc.err, proc.err
    assert source.read_bytes() == before  # by default the fixes go into the copy
    data = copy.read_bytes()
    assert h.read_text(h.accept_all(data)).text == h.read_text(DRAFT.read_bytes()).text.replace(
        "规范审查程序", "规范XX审查程序"
    )
    # the fixed finding is not reported as open any more; the placeholder is
    assert "RL801" not in proc.out and "RL701" in proc.out


def test_fix_in_place_changes_the_document_itself(tmp_path: Path, cli) -> None:
    source = _debris_draft(tmp_path)
    proc = cli("check", str(source), "--fix", "--in-place")
    assert f"已写入 {source}（0 条批注，1 处修订）" in proc.err, proc.err
    assert not list(tmp_path.glob("*.reportlint.*"))
    data = source.read_bytes()
    assert "word/comments.xml" not in h.raw_members(data)
    assert "打印本页" not in h.read_text(h.accept_all(data)).text


def test_diff_on_a_docx_shows_the_text_change_and_writes_nothing(tmp_path: Path, cli) -> None:
    source = _debris_draft(tmp_path)
    before = source.read_bytes()
    proc = cli("check", str(source), "--diff")
    assert "-打印本页 关闭窗口" in proc.out
    assert source.read_bytes() == before and not list(tmp_path.glob("*.reportlint.*"))


def test_in_place_needs_fix(tmp_path: Path, cli) -> None:
    source = _debris_draft(tmp_path)
    proc = cli("check", str(source), "--in-place")
    assert proc.returncode == 2
    assert proc.err.strip() == "reportlint: --in-place 需要与 --fix 一起使用"


def test_annotate_on_plain_text_says_why_there_is_no_copy(tmp_path: Path, cli) -> None:
    source = tmp_path / "r.txt"
    shutil.copy(FIXTURES / "changji-kjj-2021.txt", source)
    proc = cli("check", str(source), "--annotate")
    assert f"未生成批注副本：{source} 不是 Word、WPS 或 PDF 文档" in proc.err
    assert not list(tmp_path.glob("*.reportlint.*"))
    assert "Traceback" not in proc.err


def test_a_damaged_docx_gives_one_message_and_no_copy(tmp_path: Path, cli) -> None:
    source = tmp_path / "bad.docx"
    source.write_bytes(DRAFT.read_bytes()[:2000])
    proc = cli("check", str(source), "--annotate")
    assert proc.returncode == 2
    assert len(proc.err.strip().splitlines()) == 1 and str(source) in proc.err
    assert not list(tmp_path.glob("*.reportlint.*"))


def test_copies_met_again_in_a_folder_are_checked_but_not_copied(tmp_path: Path, cli) -> None:
    _debris_draft(tmp_path)
    cli("check", str(tmp_path), "--annotate")
    proc = cli("check", str(tmp_path), "--annotate")
    copy = tmp_path / "draft.reportlint.docx"
    assert f"未生成批注副本：{copy} 本身是 reportlint 的批注副本" in proc.err
    assert sorted(p.name for p in tmp_path.glob("*.docx")) == ["draft.docx", "draft.reportlint.docx"]


def test_standard_input_has_no_copy(tmp_path: Path, cli) -> None:
    data = _debris_draft(tmp_path).read_bytes()
    proc = cli("check", "-", "--stdin-filename", "draft.docx", "--annotate", input_bytes=data, cwd=tmp_path)
    assert "未生成批注副本：标准输入没有可复制的文件" in proc.err
    assert "RL701" in proc.out
    assert not list(tmp_path.glob("*.reportlint.*"))
