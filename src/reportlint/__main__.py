"""The ``reportlint`` command's entry point (the console script and ``python -m reportlint``).

It answers what needs no command-line framework before one is imported:
``reportlint --version``, which editors, pre-commit and scripts run to learn whether
and which reportlint is installed, is printed from ``reportlint.__version__`` without
importing typer, rich, the rules or the plugins. Everything else goes to
:func:`reportlint.cli.main`, which parses the command line with typer (and answers
``--version`` given together with other options the same way).
"""

from __future__ import annotations

import atexit
import gc
import os
import sys

from reportlint import __version__

# `reportlint.run.client.forward(argv) -> int | None`: a check handed to a running server.
SERVER_CLIENT = "reportlint.run.client"
# The variable that names the server (= reportlint.run.client.SERVER_ENV; tests/cli): unset,
# empty or 0, the client has nothing to do and is not imported.
SERVER_ENV = "REPORTLINT_SERVER"


def main() -> None:
    args = sys.argv[1:]
    if args == ["--version"]:
        sys.stdout.write(f"reportlint {__version__}\n")
        sys.stdout.flush()
        return
    if args[:1] == ["check"]:
        # Start-up makes some 40,000 objects that live as long as the process (modules,
        # classes, compiled patterns): the garbage collector's passes over them while
        # they are made free nothing and cost ~8% of a one-file check. The check turns
        # it back on before the first file (reportlint.cli._start_up_over).
        gc.disable()
        # Exit handlers run last registered first: registered before any other, this one
        # runs after every other (the pattern store's save …). One registered before
        # this process got here (coverage, a sitecustomize) would be skipped: then the
        # ordinary shutdown is kept. (`_ncallbacks`: CPython's count; elsewhere, kept too.)
        registered = getattr(atexit, "_ncallbacks", None)
        if registered is not None and registered() == 0:
            atexit.register(_end_without_teardown)
        # -- `reportlint server` hand-off -------------------------------------------------
        # A check is handed to a running `reportlint server` when one is configured; the
        # client answers None when there is none (or it cannot be reached) and the check
        # runs in this process.
        if os.environ.get(SERVER_ENV, "").strip() not in ("", "0"):
            import importlib

            try:
                client = importlib.import_module(SERVER_CLIENT)
            except ModuleNotFoundError as exc:  # a build without the client: every check runs here
                if exc.name != SERVER_CLIENT:
                    raise
            else:
                code = client.forward(args)
                if code is not None:
                    sys.exit(code)
    from reportlint.cli import main as run_cli

    try:
        run_cli()
    except SystemExit as exc:
        _exit_status.append(exc.code)
        raise
    _exit_status.append(0)


# The status `reportlint check` ended with, for _end_without_teardown.
_exit_status: list[object] = []


def _end_without_teardown() -> None:
    """End a check's process as soon as its last exit handler has run.

    After the exit handlers, CPython tears the interpreter down — it frees every module,
    class and object one by one: 10–15 ms of a cold check, for memory the operating
    system takes back at once anyway. Once the output is flushed, nothing is left to do
    in this process: every file reportlint writes (results, caches, --output-file,
    annotated copies) is written and closed before the command returns, and the other
    exit handlers (the pattern store's save, multiprocessing's clean-up) have run. So
    the status is handed to ``os._exit``. Anything unusual — no status recorded (an
    exception escaped), a status that is not a number, a stream that cannot be
    flushed — leaves the ordinary shutdown to say and do what it does.
    """
    if len(_exit_status) != 1:
        return
    status = _exit_status[0]
    if status is None:
        status = 0
    if not isinstance(status, int) or isinstance(status, bool) or not 0 <= status <= 255:
        return
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except Exception:  # e.g. a closed pipe: the ordinary shutdown reports it as it always has
        return
    os._exit(status)


if __name__ == "__main__":
    main()
