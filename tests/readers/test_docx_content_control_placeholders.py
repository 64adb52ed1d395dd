"""Word content controls that still show their placeholder (``w:showingPlcHdr``): the
reader notes the prompt's place in the text, and RL701 reports it whatever it says."""

from __future__ import annotations

import pytest

from reportlint.config import ConfigLoader
from reportlint.plugins.manager import load_registry
from reportlint.readers import read
from reportlint.run.engine import Linter

docx = pytest.importorskip("docx")  # python-docx: only used to *build* test files
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls  # noqa: E402


def _sdt_run(text: str, showing: bool) -> str:
    flag = "<w:showingPlcHdr/>" if showing else ""
    return (
        f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="单位"/>{flag}</w:sdtPr>'
        f"<w:sdtContent><w:r><w:t>{text}</w:t></w:r></w:sdtContent></w:sdt>"
    )


def _report(tmp_path, prompts):
    d = docx.Document()
    d.add_paragraph("沭阳县科学技术局2021年政府信息公开工作年度报告")
    for before, text, showing in prompts:
        p = d.add_paragraph(before)
        p._p.append(parse_xml(_sdt_run(text, showing)))
    path = tmp_path / "controls.docx"
    d.save(str(path))
    return path


def test_unfilled_controls_are_noted_where_their_prompt_stands(tmp_path):
    path = _report(
        tmp_path,
        [
            ("编制单位：", "请输入单位名称", True),
            ("联系人：", "张三", False),  # filled in: no note
            ("日期：", "请输入单位名称", True),  # the same prompt again: its own place
        ],
    )
    e = read(str(path))
    notes = [(n.kind, e.text[n.start : n.end], n.detail) for n in e.notes]
    assert notes == [("content-control-placeholder", "请输入单位名称", "请输入单位名称")] * 2
    lines = [e.text[: n.start].count("\n") + 1 for n in e.notes]
    assert lines == [2, 4]


def test_rl701_reports_each_unfilled_control_once(tmp_path):
    path = _report(
        tmp_path,
        [
            ("编制单位：", "请输入单位名称", True),
            ("发布日期：", "单击或点击此处输入日期。", True),
            ("联系人：", "张三", False),
        ],
    )
    result = Linter(load_registry(no_plugins=True), ConfigLoader(None, isolated=True)).lint_path(str(path))
    found = [(d.location.line, d.location.column, d.message.zh) for d in result.diagnostics if d.code == "RL701"]
    assert found == [
        (2, 6, "Word 内容控件仍显示占位提示“请输入单位名称”，没有填写；请点击该控件填写实际内容"),
        # found by its words: one finding, not two
        (3, 6, "残留占位文字“单击或点击此处输入日期。”（Word 内容控件占位文字）；请替换为实际内容"),
    ]
