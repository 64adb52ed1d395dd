"""RL109 on variants of one people's government overview: which words show that the
report covers 工作考核、社会评议和责任追究结果情况, and where they must stand."""

from __future__ import annotations

import pytest

from reportlint.document.build import build_document
from reportlint.document.extracted import Extracted
from reportlint.document.origin import OriginMap
from reportlint.plugins.manager import load_registry
from reportlint.run.engine import Linter

REGISTRY = load_registry(no_plugins=True)


def rl109(overview_lines):
    text = (
        "\n".join(
            [
                "某市人民政府2023年政府信息公开工作年度报告",
                "一、总体情况",
                *overview_lines,
                "二、主动公开政府信息情况",
                "正文。",
            ]
        )
        + "\n"
    )
    doc = build_document(Extracted("t.txt", "text", text, OriginMap(text)), {"kind": "government", "year": 2023})
    found = Linter(REGISTRY, None).run_rules(doc, [REGISTRY.rules["RL109"](None)], doc.extracted)
    return [d.location.line for d in found if d.code == "RL109"]


PLATFORM = "（四）政府信息公开平台建设情况。按照管理标准定期检查新媒体账号，对空白栏目进行严格督查。"


@pytest.mark.parametrize(
    "supervision, reported",
    [
        ("（五）政府信息公开监督保障情况。建立政府网站日常监测机制。", True),  # monitoring only
        ("（五）政府信息公开监督保障情况。全年组织4次政府信息公开栏目全覆盖检查。", False),
        ("（五）政府信息公开监督保障情况。将政务公开纳入年度绩效考核。", False),
        ("（五）政府信息公开监督保障情况。全年未发生责任追究情况。", False),
        ("（五）政府信息公开监督保障情况。开展第三方评估。", False),
    ],
)
def test_inspection_counts_only_in_the_supervision_part(supervision, reported):
    # the 检查/督查 of websites in 平台建设 does not cover the topic; in 监督保障 it does
    assert rl109(["（一）主动公开情况。正文。", PLATFORM, supervision]) == ([2] if reported else [])


def test_inspection_counts_anywhere_without_a_supervision_part():
    assert rl109(["全年主动公开信息120条。", "按季度开展政务新媒体专项检查。"]) == []
    assert rl109(["全年主动公开信息120条。", "建立政府网站日常监测机制。"]) == [2]


def test_assessment_words_count_anywhere():
    assert rl109(["（一）主动公开情况。将政务公开纳入考核。", "（五）监督保障情况。建立日常监测机制。"]) == []
