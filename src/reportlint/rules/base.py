"""The rule API.

A rule is a class with a stable ``code`` (``RL`` + three digits), a kebab-case
``name``, exactly one ``category``, a default ``severity``, ``options`` with
defaults, bilingual ``messages``, and documentation: the class docstring is the
English page (summary line, rationale, then ``Bad:`` and ``Good:`` example blocks),
``summary_zh`` and ``rationale_zh`` are the Chinese page. ``check`` receives the
:class:`~reportlint.document.model.Document` and yields diagnostics made with
:meth:`Rule.report`.

A rule reads nothing but the Document: it never opens a file, lists a folder or calls
a reader. What a rule needs beyond its own file it declares with the class attributes
below (the engine's part of the contract), and the engine provides it:

``needs_previous``
    The engine resolves last year's report before the rule runs — ``--previous``, else
    the rule's ``previous`` option (a path), else a search of the report's folder
    (:mod:`reportlint.run.previous_year`) — and puts it on ``doc.previous`` (None when
    there is none). Give such a rule the option ``previous`` (default ``""``) so that a
    configuration can name the file.
``checks_suppressions``
    The rule judges the ``reportlint-disable`` comments themselves. The engine does not
    call :meth:`Rule.check`; after it has applied the suppression comments to the other
    rules' findings it calls :meth:`Rule.check_suppressions` with the comments that
    suppressed nothing.
``screens_document``
    The rule decides whether the file is a report at all, before the others run. Its
    first finding, if any, is the file's only finding and no other rule runs
    (``--force-report`` or the ``force-report`` setting skips it).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterable
from typing import Any, ClassVar

from reportlint.core import pattern_store
from reportlint.core.diagnostics import CATEGORIES, CellRef, Diagnostic, Fix, Severity
from reportlint.core.i18n import Text
from reportlint.core.lazy_dataclass import dataclass
from reportlint.document.model import Document, Span

CODE_RE = pattern_store.compile(r"^[A-Z]{2,8}[0-9]{3,4}$")
BUILTIN_CODE_RE = pattern_store.compile(r"^RL[0-9]{3}$")
NAME_RE = pattern_store.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
# What a rule may ask of the engine (module docstring), each a class attribute, a bool.
ENGINE_CAPABILITIES = ("needs_previous", "checks_suppressions", "screens_document")


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    options: ClassVar[dict[str, Any]] = {}
    summary_zh: ClassVar[str] = ""
    rationale_zh: ClassVar[str] = ""
    messages: ClassVar[dict[str, Text]] = {}
    # Input kinds a rule applies to (None = all). E.g. inline-debris rules skip .docx.
    applies_to: ClassVar[tuple[str, ...] | None] = None
    # What the rule asks of the engine (see the module docstring).
    needs_previous: ClassVar[bool] = False
    checks_suppressions: ClassVar[bool] = False
    screens_document: ClassVar[bool] = False
    PREVIOUS_OPTION: ClassVar[str] = "previous"  # the option naming last year's report

    def __init__(self, options: dict[str, Any] | None = None, severity: Severity | None = None):
        merged = dict(self.options)
        merged.update(options or {})
        self.opts = merged
        self.effective_severity = severity or self.severity

    # -- what rules call -------------------------------------------------------------
    def report(
        self,
        doc: Document,
        span: Span | None,
        key: str,
        *,
        cell: CellRef | None = None,
        fix: Fix | None = None,
        severity: Severity | None = None,
        data: dict[str, Any] | None = None,
        **params: Any,
    ) -> Diagnostic:
        message = self.messages[key].format(**params)
        return Diagnostic(
            code=self.code,
            name=self.name,
            category=self.category,
            severity=severity or self.effective_severity,
            message=message,
            location=doc.locate(span, cell),
            fix=fix,
            path=doc.path,
            data=dict(data or {}, message_id=key),
        )

    def check(self, doc: Document) -> Iterable[Diagnostic]:  # pragma: no cover - abstract
        raise NotImplementedError

    def check_suppressions(self, doc: Document, unused: Iterable[Any]) -> Iterable[Diagnostic]:
        """Findings about suppression comments; called instead of :meth:`check` when the
        rule declares ``checks_suppressions``. ``unused`` are the comments
        (:class:`reportlint.run.suppress.Directive`) that suppressed no finding."""
        return ()

    # -- documentation ---------------------------------------------------------------
    @classmethod
    def doc(cls) -> RuleDoc:
        return RuleDoc.from_rule(cls)


@dataclass(frozen=True)
class RuleDoc:
    summary: Text
    rationale: Text
    bad: str
    good: str

    @classmethod
    def from_rule(cls, rule: type[Rule]) -> RuleDoc:
        raw = inspect.cleandoc(rule.__doc__ or "")
        parts = re.split(r"^(Bad|Good):\s*$", raw, flags=re.M)
        head = parts[0].strip()
        blocks = {parts[i]: inspect.cleandoc(parts[i + 1]) for i in range(1, len(parts) - 1, 2)}
        summary_en, _, rationale_en = head.partition("\n")
        return cls(
            summary=Text(rule.summary_zh or summary_en.strip(), summary_en.strip()),
            rationale=Text(rule.rationale_zh or rationale_en.strip(), rationale_en.strip()),
            bad=blocks.get("Bad", ""),
            good=blocks.get("Good", ""),
        )


def validate_rule_class(rule: type[Rule], builtin: bool) -> list[str]:
    """Problems with a rule class's declaration (empty list when it is well formed)."""
    problems = []
    code = getattr(rule, "code", None)
    if not isinstance(code, str) or not (BUILTIN_CODE_RE if builtin else CODE_RE).match(code):
        problems.append(f"bad code {code!r}")
    if not isinstance(getattr(rule, "name", None), str) or not NAME_RE.match(rule.name):
        problems.append(f"bad name {getattr(rule, 'name', None)!r}")
    if getattr(rule, "category", None) not in CATEGORIES:
        problems.append(f"bad category {getattr(rule, 'category', None)!r}")
    if not isinstance(getattr(rule, "severity", None), Severity):
        problems.append("severity must be a Severity")
    for capability in ENGINE_CAPABILITIES:
        if not isinstance(getattr(rule, capability, False), bool):
            problems.append(f"{capability} must be True or False")
    for key, msg in getattr(rule, "messages", {}).items():
        if not isinstance(msg, Text) or not msg.zh or not msg.en:
            problems.append(f"message {key!r} needs both zh and en")
    if builtin and not (rule.summary_zh and rule.rationale_zh and _has_examples(rule)):
        problems.append("documentation needs a summary, rationale (zh and en) and Bad:/Good: examples")
    return problems


def _has_examples(rule: type[Rule]) -> bool:
    """Whether the rule's docstring gives a Bad: and a Good: example. Asked of every
    built-in rule at every start: the answer is kept per docstring with the compiled
    patterns (core.pattern_store), where reading 60 docstrings cost milliseconds."""

    def read() -> bool:
        doc = rule.doc()
        return bool(doc.bad and doc.good)

    return pattern_store.remembered("rules.base.has_examples", rule.__doc__ or "", 0, read, lambda v: v is True)
