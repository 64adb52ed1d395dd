"""Rule documentation for people: ``reportlint rules`` and ``reportlint rule CODE``."""

from __future__ import annotations

import json

from reportlint.core.i18n import T

HEADERS = {
    "code": T("代码", "Code"),
    "name": T("名称", "Name"),
    "category": T("类别", "Category"),
    "severity": T("默认级别", "Default severity"),
    "enabled": T("启用", "Enabled"),
    "summary": T("说明", "Summary"),
}
CATEGORY_NAMES = {
    "structure": T("结构", "structure"),
    "template": T("模板", "template"),
    "table": T("表格", "table"),
    "arithmetic": T("勾稽关系", "arithmetic"),
    "consistency": T("一致性", "consistency"),
    "period": T("统计期限与日期", "period"),
    "placeholder": T("占位符", "placeholder"),
    "artifact": T("残留与损坏", "artifact"),
    "script": T("繁简字体", "script"),
}
SEVERITY_NAMES = {"error": T("错误", "error"), "warning": T("警告", "warning"), "info": T("提示", "info")}


def _enabled_codes(settings) -> set[str]:
    try:
        return {r.code for r in settings.rules_for("report.txt")}
    except Exception:  # a settings object without per-file rules: treat all as enabled
        return set()


def render_rule_list(registry, settings, fmt: str, lang: str) -> str:
    enabled = _enabled_codes(settings)
    rows = []
    for code, rule in registry.rules.items():
        rows.append(
            {
                "code": code,
                "name": rule.name,
                "category": rule.category,
                "severity": rule.severity.value,
                "enabled": code in enabled,
                "summary": rule.doc().summary.get(lang),
                "plugin": registry.origin.get(code, ""),
            }
        )
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    yes, no = ("是", "否") if lang == "zh" else ("yes", "no")
    lines = ["\t".join(HEADERS[k].get(lang) for k in ("code", "name", "category", "severity", "enabled", "summary"))]
    for r in rows:
        lines.append(
            "\t".join(
                [
                    r["code"],
                    r["name"],
                    CATEGORY_NAMES[r["category"]].get(lang),
                    SEVERITY_NAMES[r["severity"]].get(lang),
                    yes if r["enabled"] else no,
                    r["summary"],
                ]
            )
        )
    return "\n".join(lines) + "\n"


def render_rule_doc(rule, lang: str) -> str:
    doc = rule.doc()
    t = lambda zh, en: zh if lang == "zh" else en
    out = [
        f"{rule.code} {rule.name}",
        "",
        doc.summary.get(lang),
        "",
        f"{t('类别', 'Category')}: {CATEGORY_NAMES[rule.category].get(lang)} ({rule.category})",
        f"{t('默认级别', 'Default severity')}: {SEVERITY_NAMES[rule.severity.value].get(lang)}",
    ]
    if rule.options:
        out.append(f"{t('选项', 'Options')}:")
        for k, v in rule.options.items():
            out.append(f"  {k}: {json.dumps(v, ensure_ascii=False)}")
    out += ["", f"{t('为什么', 'Why')}:", doc.rationale.get(lang)]
    if doc.bad:
        out += ["", f"{t('错误示例', 'Bad')}:", _indent(doc.bad)]
    if doc.good:
        out += ["", f"{t('正确示例', 'Good')}:", _indent(doc.good)]
    return "\n".join(out) + "\n"


def _indent(block: str) -> str:
    return "\n".join("    " + line for line in block.splitlines())
