"""The text of a finding's comment (Word) or note (PDF), in the chosen language."""

from __future__ import annotations

from reportlint.core.diagnostics import Diagnostic, Severity
from reportlint.core.i18n import T

_SEVERITY = {
    Severity.ERROR: T("错误", "error"),
    Severity.WARNING: T("警告", "warning"),
    Severity.INFO: T("提示", "info"),
}


def comment_paragraphs(diag: Diagnostic, lang: str) -> list[str]:
    """The text of a finding's comment, one string per paragraph: the message, the fix
    when there is one, and the rule (severity, code, name)."""
    out = [diag.message.get(lang)]
    if diag.fix is not None:
        out.append(T("修改建议：{d}", "Fix: {d}").format(d=diag.fix.description.get(lang)).get(lang))
    out.append(
        T("{sev} {code} [{name}]（reportlint）", "{sev} {code} [{name}] (reportlint)")
        .format(sev=_SEVERITY[diag.severity].get(lang), code=diag.code, name=diag.name)
        .get(lang)
    )
    return out


def comment_text(diag: Diagnostic, lang: str) -> str:
    """:func:`comment_paragraphs` as one string (for notes that hold plain text)."""
    return "\n".join(comment_paragraphs(diag, lang))
