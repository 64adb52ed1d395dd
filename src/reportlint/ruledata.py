"""Load the YAML data files that rules depend on (the top-level ``rules/`` folder).

In a wheel the folder is shipped as ``reportlint/ruledata``; in a source checkout
(editable install, tests) it is read from the repository's ``rules/`` folder.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any


def data_dir() -> Path:
    packaged = Path(__file__).with_name("ruledata")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


@lru_cache(maxsize=None)
def load(name: str) -> Any:
    """Parsed content of ``rules/<name>.yaml`` (cached; treat as read-only)."""
    from ruamel.yaml import YAML

    path = data_dir() / f"{name}.yaml"
    yaml = YAML(typ="safe", pure=True)
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh)
