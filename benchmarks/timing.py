"""Shared helpers of the benchmarks: whole-process timing, the import floor, the machine.

A *measurement* is one new process, started with ``subprocess`` and reaped with
``os.wait4``: wall time by ``time.perf_counter`` around it, CPU time (user + sys) and
peak resident memory from the kernel's accounting of that process and the children it
waited for. Figures are the median of several measurements after one warm-up run (the
warm-up fills the OS file cache and is not counted). Several commands compared with one
another run interleaved, A B C A B C …, so a slow moment of the shared machine falls on
all of them alike.

The *import floor* is what any process of this interface pays before reportlint does
anything: the interpreter, then typer, rich, pluggy, ruamel.yaml and opencc imported.
It is measured in the same run as the figures it is compared with.

Figures are handed around as dicts of the ``--json`` convention of benchmarks/README.md.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"

FLOOR_IMPORTS = "import typer, rich, pluggy, ruamel.yaml, opencc"


@dataclass
class Run:
    """One command to measure: its argv, environment and working folder.

    ``prepare`` is called before every measurement and may return a fresh Run (new
    temporary cache folders, for example); the Run it returns is the one measured.
    """

    argv: list[str]
    env: dict[str, str] | None = None
    cwd: Path | None = None
    prepare: Callable[[], Run] | None = None


@dataclass
class Sample:
    """The measurements of one command: wall and CPU milliseconds, peak RSS in MB."""

    wall_ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    exit_codes: set[int] = field(default_factory=set)

    @property
    def median(self) -> float:
        return statistics.median(self.wall_ms)

    @property
    def n(self) -> int:
        return len(self.wall_ms)

    def spread(self) -> dict[str, float]:
        return {"min": round(min(self.wall_ms), 1), "max": round(max(self.wall_ms), 1)}


def measure_once(run: Run) -> tuple[float, float, float, int]:
    """Wall ms, CPU ms, peak RSS MB and exit status of one process running ``run``."""
    if run.prepare is not None:
        run = run.prepare()
    start = time.perf_counter()
    proc = subprocess.Popen(
        run.argv, env=run.env, cwd=run.cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert proc.stderr is not None
    err = proc.stderr.read()  # read before reaping, so a chatty stderr cannot block the child
    _, status, usage = os.wait4(proc.pid, 0)
    wall = (time.perf_counter() - start) * 1000
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    if proc.returncode not in (0, 1):  # 1: findings; anything else: the figure would be a failure's
        raise RuntimeError(f"{' '.join(run.argv)} exited {proc.returncode}: {err.decode(errors='replace')[-500:]}")
    cpu = (usage.ru_utime + usage.ru_stime) * 1000
    rss = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return wall, cpu, rss, proc.returncode


def measure(runs: dict[str, Run], n: int, warmup: int = 1) -> dict[str, Sample]:
    """Each command ``n`` times, interleaved, after ``warmup`` uncounted rounds."""
    samples = {label: Sample() for label in runs}
    for round_no in range(warmup + n):
        for label, run in runs.items():
            wall, cpu, rss, code = measure_once(run)
            if round_no >= warmup:
                sample = samples[label]
                sample.wall_ms.append(wall)
                sample.cpu_ms.append(cpu)
                sample.rss_mb.append(rss)
                sample.exit_codes.add(code)
    return samples


def python_env(**extra: str) -> dict[str, str]:
    """The environment of a measured process: this one's, no colours, plus ``extra``."""
    env = dict(os.environ, NO_COLOR="1", TERM="dumb")
    env.pop("FORCE_COLOR", None)
    env.update(extra)
    return env


def floor_runs(python: str = sys.executable) -> dict[str, Run]:
    """The two floors: the bare interpreter, and the interpreter with the interface's imports."""
    env = python_env()
    return {
        "floor.python": Run([python, "-c", "pass"], env=env),
        "floor.imports": Run([python, "-c", FLOOR_IMPORTS], env=env),
    }


def floor_figures(samples: dict[str, Sample]) -> list[dict[str, Any]]:
    """The floors as figures (no target: they are what the other figures are compared with)."""
    what = {
        "floor.python": "python -c pass: the interpreter starting and stopping",
        "floor.imports": f'python -c "{FLOOR_IMPORTS}": the import floor of the interface',
    }
    return [
        figure(name, what[name], samples[name].median, "ms", None, samples[name], cache="n/a", process="cold process")
        for name in ("floor.python", "floor.imports")
        if name in samples
    ]


def figure(
    name: str,
    what: str,
    value: float,
    unit: str,
    target: str | None,
    sample: Sample | None = None,
    *,
    n: int | None = None,
    cache: str = "n/a",
    pyc: str = "compiled",
    process: str = "n/a",
    **extra: Any,
) -> dict[str, Any]:
    """A figure object of the ``--json`` convention."""
    out: dict[str, Any] = {
        "name": name,
        "what": what,
        "value": round(value, 2),
        "unit": unit,
        "target": target,
        "n": n if n is not None else (sample.n if sample else 1),
        "cache": cache,
        "pyc": pyc,
        "process": process,
    }
    if sample is not None and sample.n > 1:
        out.update(sample.spread())
    out.update({key: value for key, value in extra.items() if value is not None})
    return out


def target_met(value: float, target: str | None) -> bool | None:
    """Whether ``value`` meets ``target`` ("<= 150", ">= 10", …); None without a target."""
    if not target:
        return None
    op, _, number = target.partition(" ")
    bound = float(number)
    return {"<=": value <= bound, ">=": value >= bound, "<": value < bound, ">": value > bound}[op]


def compile_package() -> None:
    """Write the package's .pyc, as a wheel install does (PYTHONDONTWRITEBYTECODE stops Python doing it)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(SRC / "reportlint")], check=True)


def package_copy_without_pyc(into: Path) -> Path:
    """A copy of ``src/reportlint`` with no ``__pycache__``: the folder to put on PYTHONPATH.

    The rule data goes in as ``reportlint/data``, where a wheel ships it.
    """
    no_pyc = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(SRC / "reportlint", into / "reportlint", ignore=no_pyc)
    shutil.copytree(ROOT / "rules", into / "reportlint" / "data", ignore=no_pyc)
    return into


def reportlint_command(python: str = sys.executable) -> list[str]:
    """The installed ``reportlint`` script beside ``python``, else ``python -m reportlint``."""
    exe = shutil.which("reportlint", path=str(Path(python).parent))
    return [exe] if exe else [python, "-m", "reportlint"]


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def os_name() -> str:
    try:
        return platform.freedesktop_os_release()["PRETTY_NAME"]
    except (OSError, AttributeError, KeyError):
        return f"{platform.system()} {platform.release()}"


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    return {
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "os": os_name(),
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def emit(figures: Sequence[dict[str, Any]], as_json: bool) -> None:
    """Print figures: a JSON array on stdout with ``--json``, else one readable line each."""
    if as_json:
        json.dump(list(figures), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    for f in figures:
        met = target_met(f["value"], f["target"]) if "met" not in f else f["met"]
        verdict = "" if met is None else ("met" if met else "NOT MET")
        target = f"target {f['target']} {f['unit']}" if f["target"] else ""
        ratio = f"  {f['floor_ratio']:.2f}× floor" if "floor_ratio" in f else ""
        print(f"{f['name']:<28} {f['value']:>10.2f} {f['unit']:<10} n={f['n']:<3} {target:<22} {verdict:<8}{ratio}")
        print(f"    {f['what']} [cache {f['cache']}, .pyc {f['pyc']}, {f['process']}]")
        if f.get("note"):
            print(f"    {f['note']}")
