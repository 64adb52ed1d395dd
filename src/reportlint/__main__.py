"""The ``reportlint`` command's entry point (the console script and ``python -m reportlint``).

It answers what needs no command-line framework before one is imported:
``reportlint --version``, which editors, pre-commit and scripts run to learn whether
and which reportlint is installed, is printed from ``reportlint.__version__`` without
importing typer, rich, the rules or the plugins. Everything else goes to
:func:`reportlint.cli.main`, which parses the command line with typer (and answers
``--version`` given together with other options the same way).
"""

from __future__ import annotations

import gc
import sys

from reportlint import __version__

# `reportlint.run.client.forward(argv) -> int | None`: a check handed to a running server.
SERVER_CLIENT = "reportlint.run.client"


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
        # -- `reportlint server` hand-off -------------------------------------------------
        # A check is handed to a running `reportlint server` when one is configured; the
        # client answers None when there is none (or it cannot be reached) and the check
        # runs in this process.
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

    run_cli()


if __name__ == "__main__":
    main()
