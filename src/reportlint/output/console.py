"""The process's standard streams and terminal, set up for any console — above all a
Chinese-locale Windows one, whose encoding (GBK / cp936) has no emoji, no U+2022 and
no rare CJK characters, and whose older versions do not understand ANSI colour codes.

* :func:`configure_stdio` (once, at start-up): stdout and stderr degrade what their
  encoding cannot represent into visible ``\\uXXXX`` escapes instead of raising
  ``UnicodeEncodeError`` half-way through a report.
* :func:`use_utf8_stdout` (before writing a machine format): JSON, JSONL, SARIF,
  GitHub commands and HTML are UTF-8 with ``\\n`` line ends on stdout, whatever the
  console's encoding — the same bytes ``--output-file`` writes.
* :func:`color_wanted`: colour only for a terminal that shows it; never with
  ``NO_COLOR``, ``TERM=dumb``, a pipe or a file; on Windows only where the console
  interprets ANSI sequences (virtual-terminal mode could be switched on).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import TextIO

# What a stream does with a character its encoding lacks: a readable escape (a file
# name stays identifiable), never an exception.
DEGRADE_ERRORS = "backslashreplace"


def _reconfigure(stream: TextIO | None, **kwargs) -> None:
    reconfigure = getattr(stream, "reconfigure", None)
    if stream is None or reconfigure is None:  # None under pythonw, or a replaced stream (tests, IDEs)
        return
    try:
        stream.flush()
        reconfigure(**kwargs)
    except (ValueError, OSError, AttributeError, LookupError):
        pass


def configure_stdio() -> None:
    """stdout and stderr never raise on a character their encoding cannot encode."""
    for stream in (sys.stdout, sys.stderr):
        _reconfigure(stream, errors=DEGRADE_ERRORS)


def use_utf8_stdout() -> None:
    """stdout as UTF-8 with ``\\n`` newlines, for machine-readable output.

    On a Windows console Python writes through the console's wide-character API, which
    takes UTF-8 itself; to a pipe or a file the bytes are what every JSON/SARIF reader
    expects, not the ANSI code page."""
    _reconfigure(sys.stdout, encoding="utf-8", errors=DEGRADE_ERRORS, newline="\n")


def color_wanted(
    stream,
    *,
    no_color: bool = False,
    to_file: bool = False,
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
) -> bool:
    """Whether output to ``stream`` gets ANSI colour.

    ``NO_COLOR`` (any non-empty value, https://no-color.org), ``--no-color``, an output
    file and ``TERM=dumb`` switch it off; ``FORCE_COLOR`` switches it on (for CI logs that
    render colour); otherwise only a terminal gets it — and on Windows only a console
    that interprets ANSI sequences, so an old console never shows raw escape codes."""
    env = os.environ if environ is None else environ
    if no_color or to_file or env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    if env.get("TERM", "").lower() == "dumb":
        return False
    try:
        if not stream.isatty():
            return False
    except (AttributeError, ValueError, OSError):
        return False
    if (platform or sys.platform) == "win32":
        return enable_windows_ansi(stream)
    return True


def enable_windows_ansi(stream) -> bool:
    """Switch the Windows console behind ``stream`` to virtual-terminal mode (ANSI
    sequences interpreted) if it is not already; False where it cannot be (consoles
    before Windows 10, redirected handles) — colour is then left off."""
    if sys.platform != "win32":  # no such console elsewhere (and mypy checks the rest as Windows-only)
        return False
    try:
        import ctypes
        from ctypes import wintypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        import msvcrt

        handle = msvcrt.get_osfhandle(stream.fileno())
        mode = wintypes.DWORD()
        if not kernel32.GetConsoleMode(handle, ctypes.byref(mode)):
            return False
        enable_vt = 0x0004  # ENABLE_VIRTUAL_TERMINAL_PROCESSING
        if mode.value & enable_vt:
            return True
        return bool(kernel32.SetConsoleMode(handle, mode.value | enable_vt))
    except Exception:
        return False
