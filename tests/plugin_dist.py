"""A third-party plugin laid out the way pip installs one, for the plugin tests.

``install_plugin`` writes a module and a ``*.dist-info`` folder whose
``entry_points.txt`` names it in the ``reportlint`` group — what
``importlib.metadata`` finds on ``sys.path``. The module writes a marker file next
to itself when it is imported (``IMPORTED-<folder name>``), so a test can tell
whether code in a folder ever ran.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

PLUGIN_MODULE = textwrap.dedent(
    '''
    import os
    from pathlib import Path

    from reportlint.core.diagnostics import Severity
    from reportlint.core.i18n import T
    from reportlint.plugins import hookimpl
    from reportlint.rules.base import Rule

    # Proof that this file ran: a marker next to it.
    Path(__file__).with_name("IMPORTED-" + os.path.basename(os.path.dirname(os.path.abspath(__file__)))).write_text("ran")


    class MissingSeal(Rule):
        """The report must say it carries the agency's seal.

        An agency's local policy, as a plugin.

        Bad:
            （无盖章说明）
        Good:
            （盖章）
        """

        code = "ACME001"
        name = "missing-seal"
        category = "structure"
        severity = Severity.ERROR
        summary_zh = "报告缺少盖章说明。"
        rationale_zh = "本单位要求。"
        messages = {"seal": T("缺少“（盖章）”字样", "no '（盖章）' note")}

        def check(self, doc):
            if "盖章" not in doc.view.text:
                yield self.report(doc, None, "seal")


    @hookimpl
    def reportlint_register_rules():
        return [MissingSeal]
    '''
)


def install_plugin(
    folder: Path,
    module: str = "acme_rules",
    body: str = PLUGIN_MODULE,
    entry_point: str = "acme",
    distribution: str | None = None,
    version: str = "1.0",
) -> Path:
    """Write ``module`` and its dist-info (entry point ``entry_point = module``) into ``folder``."""
    dist_name = distribution or module
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{module}.py").write_text(body, encoding="utf-8")
    dist = folder / f"{dist_name.replace('-', '_')}-{version}.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist_name}\nVersion: {version}\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text(f"[reportlint]\n{entry_point} = {module}\n", encoding="utf-8")
    return folder
