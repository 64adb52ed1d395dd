"""``reportlint server``: one check answered over the local socket.

What is measured, on ``examples/changji-kjj-2021.txt`` (a real 9 KB text report with
findings), ``check --no-cache`` (no result cache: the report is linted every time),
text output, the package's ``.pyc`` compiled, the compiled-pattern store warm:

* ``server.round_trip`` — a persistent client (this process) has a running ``reportlint
  server`` check the report: wall time from connecting to the last byte of the
  answer, one new connection per check as the ``reportlint`` command makes it
  (median of N, after a few uncounted ones). Target of issue 16: ≤ 30 ms.
* ``server.warm_check`` — for reference: the same check run in this process by the
  same code the server runs (``reportlint.cli.main`` with the streams redirected),
  warm, no socket, no fork: what the lint work and the CLI cost by themselves.
* ``server.check_via_server`` — a whole process, ``reportlint check`` (the console
  script's code, :data:`CONSOLE_SCRIPT`) with ``REPORTLINT_SERVER`` set: the
  interpreter, the client, the round trip, the output;
* ``server.check_direct`` — the same command with no server: a cold check;
* ``floor.python`` — ``python -c pass``, the floor of any process.
  These three run interleaved (A B C A B C …), medians of N.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import ROOT, Run, compile_package, emit, figure, measure, python_env

REPORT = ROOT / "examples" / "changji-kjj-2021.txt"
ARGV = ["check", "--no-cache", REPORT.name]
# What pip's `reportlint` launcher runs ([project.scripts]); `python -m reportlint` would
# add runpy's imports (~10 ms), which an installed command does not pay.
CONSOLE_SCRIPT = "import sys; from reportlint.__main__ import main; sys.argv[0] = 'reportlint'; sys.exit(main())"


def start_server(folder: Path) -> tuple[subprocess.Popen, str]:
    from reportlint.run import client

    address = str(folder / "s.sock")
    proc = subprocess.Popen(
        [sys.executable, "-m", "reportlint", "server", "--socket", address],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=python_env(),
    )
    deadline = time.monotonic() + 120
    while client.status(address) is None:
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("reportlint server did not start")
        time.sleep(0.05)
    return proc, address


def children_cpu_ms(pid: int) -> float | None:
    """CPU time (user + sys) of the reaped children of process ``pid`` — the server's
    request children — from /proc (Linux); None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[13]) + int(fields[14])) * 1000 / ticks  # cutime, cstime


def round_trips(address: str, folder: Path, n: int) -> list[float]:
    from reportlint.run import client

    previous = os.getcwd()
    os.chdir(folder)  # the request carries the working directory, as the command's does
    try:
        times = []
        for i in range(n + 3):
            start = time.perf_counter()
            answer = client.exchange(address, ARGV, lambda: b"")
            took = (time.perf_counter() - start) * 1000
            if answer is None or answer[0] != 1:
                raise RuntimeError(f"unexpected answer: {answer!r}")
            if i >= 3:  # the first ones find no standby child ready yet
                times.append(took)
            time.sleep(0.05)  # as an editor would: the next check is not already queued
        return times
    finally:
        os.chdir(previous)


def warm_checks(folder: Path, n: int) -> list[float]:
    from reportlint import cli
    from reportlint.run import server

    server._keep_warm()
    server._warm_up(cli.main)
    request = server._local_request(ARGV, str(folder), python_env())
    times = []
    for i in range(n + 3):
        start = time.perf_counter()
        code, _ = server.run_check(cli.main, request, lambda: b"")
        if code != 1:
            raise RuntimeError(f"unexpected exit status {code}")
        if i >= 3:
            times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON (benchmarks/README.md)")
    parser.add_argument("--quick", action="store_true", help="few runs: a smoke test, not figures")
    parser.add_argument("-n", type=int, default=None, help="measurements per figure")
    args = parser.parse_args()
    n = args.n or (3 if args.quick else 21)
    compile_package()
    folder = Path(tempfile.mkdtemp(prefix="bench-server-"))
    shutil.copy(REPORT, folder / REPORT.name)
    proc, address = start_server(folder)
    try:
        round_trips(address, folder, 1)
        time.sleep(1.5)  # the server reaps its children at least once a second
        cpu_before = children_cpu_ms(proc.pid)
        trips = round_trips(address, folder, n * 2)
        time.sleep(1.5)
        cpu_after = children_cpu_ms(proc.pid)
        # Each check: its child, and the standby forked in its place checking the sample.
        cpu_per_check = (cpu_after - cpu_before) / (len(trips) + 3) if cpu_before is not None and cpu_after else None
        env = python_env()
        via = python_env(REPORTLINT_SERVER=address)
        command = [sys.executable, "-c", CONSOLE_SCRIPT, *ARGV]
        samples = measure(
            {
                "via": Run(command, env=via, cwd=folder),
                "direct": Run(command, env=env, cwd=folder),
                "floor": Run([sys.executable, "-c", "pass"], env=env),
            },
            n,
        )
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(30)
    warm = warm_checks(folder, n * 2)
    shutil.rmtree(folder, ignore_errors=True)

    floor = samples["floor"].median
    common = {"cache": "none", "pyc": "compiled"}
    via, direct = samples["via"], samples["direct"]
    figures = [
        figure(
            "server.round_trip",
            f"check of one 9 KB report (--no-cache, text) by a running reportlint server, from a persistent "
            f"client: connect, request, answer; {len(trips)} checks",
            statistics.median(trips),
            "ms",
            "<= 30",
            n=len(trips),
            process="warm process",
            min=round(min(trips), 1),
            max=round(max(trips), 1),
            **common,
        ),
        *(
            [
                figure(
                    "server.cpu_per_check",
                    "the server's CPU time per check of the round trips above: the child that answered it and the "
                    "standby forked in its place, which checks the built-in sample once (/proc: reaped children)",
                    cpu_per_check,
                    "ms",
                    None,
                    n=len(trips) + 3,
                    process="warm process",
                    **common,
                )
            ]
            if cpu_per_check is not None
            else []
        ),
        figure(
            "server.warm_check",
            "the same check in one warm process by the code the server runs (cli.main, streams redirected), "
            "no socket, no fork: the lint work and the CLI alone",
            statistics.median(warm),
            "ms",
            None,
            n=len(warm),
            process="warm process",
            min=round(min(warm), 1),
            max=round(max(warm), 1),
            **common,
        ),
        figure(
            "server.check_via_server",
            "reportlint check --no-cache <report> (the console script) with REPORTLINT_SERVER set: a whole "
            "process (interpreter, client, round trip, output)",
            via.median,
            "ms",
            None,
            via,
            process="cold process",
            note=f"{via.median / floor:.2f}× python -c pass, {direct.median / via.median:.1f}× faster than the "
            "direct cold check, both of the same run",
            **common,
        ),
        figure(
            "server.check_direct",
            "the same command without a server: a cold check (empty cache, pattern store warm)",
            direct.median,
            "ms",
            None,
            direct,
            process="cold process",
            note=f"{direct.median / floor:.2f}× python -c pass of the same run",
            **common,
        ),
        figure(
            "server.floor_python",
            "python -c pass, measured interleaved with the two above",
            floor,
            "ms",
            None,
            samples["floor"],
            process="cold process",
            cache="n/a",
            pyc="n/a",
        ),
    ]
    emit(figures, args.json)


if __name__ == "__main__":
    main()
