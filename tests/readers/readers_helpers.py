"""What the tests of the .doc, .odt, .ofd and .rtf readers share: the CLI run on a
file, the one clear message it must print for a file it cannot read, and a grid as
plain tuples to compare."""

from __future__ import annotations

import re
import subprocess
import sys

CJK = re.compile(r"[\u4e00-\u9fff]")


def run_check(path, *args):
    """The CLI in a subprocess, bounded by a timeout: a hostile file must never hang it."""
    return subprocess.run(
        [sys.executable, "-m", "reportlint", "check", "--no-cache", *args, str(path)],
        capture_output=True,
        timeout=60,
        env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin", "REPORTLINT_NO_DATA_CACHE": "1"},
    )


def assert_one_clear_message(proc, path, *words):
    """Exit status 2, no traceback, and exactly one line naming ``path`` that holds
    every one of ``words``; returns that line."""
    assert proc.returncode == 2, proc
    err = proc.stderr.decode("utf-8")
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if str(path) in line]
    assert len(lines) == 1, err
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def assert_one_clear_refusal(proc, path, *words):
    """:func:`assert_one_clear_message`, and that line does not also claim the file is clean."""
    line = assert_one_clear_message(proc, path, *words)
    assert "未发现问题" not in line
    return line


def grid_shape(grid):
    return [[(c.text, c.rowspan, c.colspan, c.merged) for c in row] for row in grid.rows]
