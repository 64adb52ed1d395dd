"""Command line: ``reportlint check|parse|rules|rule|init|config|server|serve``.

Exit status: 0 = no error-level finding, 1 = at least one, 2 = usage, configuration,
input or internal error. Nothing here prints a traceback unless ``--debug``.
"""

from __future__ import annotations

import gc
import io
import os
import sys
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Any

import typer

from reportlint import __version__
from reportlint.core.errors import ConfigError, ReportlintError, UsageError
from reportlint.core.i18n import DEFAULT_LANG, T, Text

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
LANG_ENV = "REPORTLINT_LANG"


class Lang(str, Enum):
    zh = "zh"
    en = "en"


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"
    html = "html"
    jsonl = "jsonl"
    csv = "csv"
    csv_records = "csv-records"
    junit = "junit"
    gitlab = "gitlab"
    xlsx = "xlsx"


class ParseFormat(str, Enum):
    text = "text"
    json = "json"


APP_SETTINGS: dict[str, Any] = {
    "name": "reportlint",
    "help": "政府信息公开工作年度报告检查工具 / Linter for government information-disclosure annual reports.",
    "add_completion": False,
    "no_args_is_help": True,
    "rich_markup_mode": None,
    "pretty_exceptions_enable": False,
}
app = typer.Typer(**APP_SETTINGS)


def _version(value: bool) -> None:
    if value:
        print(f"reportlint {__version__}")
        raise typer.Exit(EXIT_CLEAN)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="显示版本 / Show version."),
) -> None:
    """政府信息公开工作年度报告检查工具 / Linter for government information-disclosure annual reports."""


def _lang(value: Lang | None) -> str:
    if value is not None:
        return value.value
    env = os.environ.get(LANG_ENV, DEFAULT_LANG)
    return "en" if env.lower().startswith("en") else "zh"


def _fail(exc: ReportlintError, lang: str) -> None:
    from reportlint.output import terminal_safe

    # File names and messages may carry ESC sequences or undecodable bytes: escaped.
    print(f"reportlint: {terminal_safe(exc.render(lang))}", file=sys.stderr)


@contextmanager
def _exit_on_error(lang: str, path: str | None = None):
    """One line on stderr and exit status 2 for any ReportlintError in the block."""
    try:
        yield
    except ReportlintError as exc:
        if exc.path is None:
            exc.path = path
        _fail(exc, lang)
        raise typer.Exit(EXIT_ERROR) from None


def _color(no_color: bool, output_file: str | None, stream) -> bool:
    from reportlint.output.console import color_wanted

    return color_wanted(stream, no_color=no_color, to_file=bool(output_file))


# Formats read by programs: UTF-8 on stdout whatever the console's code page.
MACHINE_FORMATS = frozenset({"json", "jsonl", "sarif", "github", "html", "csv", "csv-records", "junit", "gitlab"})
# Formats whose output is bytes (a zip), never text: to a file, or to stdout that is not a terminal.
BINARY_FORMATS = frozenset({"xlsx"})


def _machine_stdout(fmt: str) -> None:
    if fmt in MACHINE_FORMATS:
        from reportlint.output.console import use_utf8_stdout

        use_utf8_stdout()


def _emit(text: str | bytes, output_file: str | None) -> None:
    if isinstance(text, bytes):
        _emit_bytes(text, output_file)
    elif output_file:
        from reportlint.core.atomic import write_output

        write_output(output_file, text)
    else:
        _write_stdout(text)


def _emit_bytes(data: bytes, output_file: str | None) -> None:
    """A binary output (``--format xlsx``): atomically to the file, else to stdout's
    bytes (never a terminal: refused before any work, :func:`_check_binary_target`)."""
    if output_file:
        from reportlint.core.atomic import write_output_bytes

        write_output_bytes(output_file, data)
        return
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        from reportlint.run.client import silence_stdout

        silence_stdout()
    except OSError as exc:
        from reportlint.core.atomic import OutputError, os_error_text
        from reportlint.run.client import silence_stdout

        silence_stdout()
        why = os_error_text(exc)
        raise OutputError(T("无法写入标准输出：" + why.zh, "cannot write to standard output: " + why.en)) from None


def _check_binary_target(fmt: str, output_file: str | None) -> None:
    """A workbook is bytes: refuse to pour it onto a terminal, before any work."""
    if fmt in BINARY_FORMATS and not output_file and sys.stdout.isatty():
        raise UsageError(
            T(
                "--format {f} 输出的是二进制文件，请用 -o 文件名.{f} 写入文件（或重定向到文件）",
                "--format {f} writes a binary file: give -o FILE.{f} (or redirect stdout to a file)",
            ).format(f=fmt)
        )


def _write_stdout(text: str, flush: bool = True) -> None:
    """Write to stdout; a full disk behind a redirection is one clear error."""
    try:
        sys.stdout.write(text)
        if flush:
            sys.stdout.flush()
    except BrokenPipeError:  # `reportlint … | head`: the reader has all it wants
        from reportlint.run.client import silence_stdout

        silence_stdout()
    except OSError as exc:
        from reportlint.core.atomic import OutputError, os_error_text
        from reportlint.run.client import silence_stdout

        silence_stdout()
        why = os_error_text(exc)
        raise OutputError(T("无法写入标准输出：" + why.zh, "cannot write to standard output: " + why.en)) from None


def _parse_size(value: str | None) -> int | None:
    from reportlint.config.schema import parse_size

    if value is None:
        return None
    size = parse_size(value)
    if size is None:
        raise UsageError(
            T("--max-file-size 的值无效：{v}（例如 20MB）", "invalid --max-file-size: {v} (e.g. 20MB)").format(v=value)
        )
    return size


@app.command()
def check(
    paths: list[str] = typer.Argument(None, help="报告文件或目录；- 表示标准输入 / Files or folders; - for stdin."),
    config: str | None = typer.Option(None, "--config", help="配置文件（不再向上查找）/ Config file (no discovery)."),
    output_format: OutputFormat = typer.Option(OutputFormat.text, "--format", "-f", help="输出格式 / Output format."),
    output_file: str | None = typer.Option(None, "--output-file", "-o", help="写入文件 / Write output to a file."),
    lang: Lang | None = typer.Option(None, "--lang", help="消息语言 / Message language (zh, en)."),
    select: list[str] | None = typer.Option(None, "--select", help="只启用这些规则 / Enable only these rules."),
    extend_select: list[str] | None = typer.Option(None, "--extend-select", help="再启用 / Enable in addition."),
    ignore: list[str] | None = typer.Option(None, "--ignore", help="停用这些规则 / Disable these rules."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="有错误也以 0 退出 / Exit 0 even with errors."),
    no_color: bool = typer.Option(False, "--no-color", help="不使用颜色 / Plain output."),
    no_plugins: bool = typer.Option(False, "--no-plugins", help="不加载第三方插件 / Skip third-party plugins."),
    stdin_filename: str | None = typer.Option(None, "--stdin-filename", help="标准输入的文件名 / Name for stdin."),
    baseline: str | None = typer.Option(None, "--baseline", help="基线文件 / Baseline file."),
    write_baseline: bool = typer.Option(False, "--write-baseline", help="写入基线 / Write the baseline."),
    fix: bool = typer.Option(
        False,
        "--fix",
        help="自动修复安全问题（.txt/.md 直接改，.docx 作为修订）/ Apply safe fixes (.docx: as tracked changes).",
    ),
    diff: bool = typer.Option(False, "--diff", help="只显示修复差异 / Show fixes as a diff, write nothing."),
    statistics: bool = typer.Option(False, "--statistics", help="按规则计数 / Counts per rule."),
    max_file_size: str | None = typer.Option(None, "--max-file-size", help="文件大小上限 / Size limit, e.g. 20MB."),
    debug: bool = typer.Option(False, "--debug", help="出错时显示调用栈 / Tracebacks on internal errors."),
    jobs: int | None = typer.Option(
        None,
        "--jobs",
        "-j",
        min=1,
        help="并行进程数（默认：文件多时用全部核心）/ Worker processes (default: all cores for many files).",
    ),
    no_cache: bool = typer.Option(False, "--no-cache", help="不使用结果缓存 / Do not use the result cache."),
    cache_dir: str | None = typer.Option(
        None,
        "--cache-dir",
        help="缓存所在目录（默认当前目录）/ Where .reportlint_cache/ lives (default: current folder).",
    ),
    previous: str | None = typer.Option(
        None, "--previous", help="上一年度的报告，用于跨年核对 / Last year's report, for the cross-year checks."
    ),
    time_limit: str | None = typer.Option(
        None,
        "--time-limit",
        help="每个文件的检查时间上限（秒，默认 60，0 不限）/ Per-file time limit in seconds (default 60, 0: none).",
    ),
    memory_limit: str | None = typer.Option(
        None,
        "--memory-limit",
        help="每个文件的内存上限（默认 2GB，0 不限）/ Per-file memory limit (default 2GB, 0: none).",
    ),
    force_report: bool = typer.Option(
        False,
        "--force-report",
        help="不像年度报告的文件也按报告检查 / Check files that do not look like reports anyway.",
    ),
    sarif_root: str | None = typer.Option(
        None,
        "--sarif-root",
        help="SARIF 中路径相对的目录（默认：仓库根目录）/ Folder SARIF paths are relative to (default: the repository root).",
    ),
    annotate: bool = typer.Option(
        False,
        "--annotate",
        help="写出带批注的副本（Word 批注 / PDF 注释）/ Write a copy with every finding as a comment (Word, PDF).",
    ),
    annotate_output: str | None = typer.Option(
        None,
        "--annotate-output",
        help="批注副本的路径（多个文件时为目录）/ Where the copy goes (a folder for several files).",
    ),
    in_place: bool = typer.Option(
        False,
        "--in-place",
        help="与 --fix 一起：把 .docx 的修订直接写入原文件 / With --fix: tracked changes into the .docx itself.",
    ),
    show_records: bool = typer.Option(
        False,
        "--show-records",
        help="文本输出末尾列出每份报告的概况（机关、年度、日期、问题数）/ Text output: a table of every report "
        "(agency, year, date, findings) after the findings.",
    ),
    roster: str | None = typer.Option(
        None,
        "--roster",
        help="应报送单位名单（CSV：单位名称、类别、上级、地区、文件）：列出缺报、重报、年度不符、名单外的报告 / "
        "Roster CSV of the agencies expected to report: lists missing, duplicate, other-year and unknown reports.",
    ),
    audit_year: int | None = typer.Option(
        None,
        "--year",
        min=1990,
        max=2100,
        help="与 --roster 一起：核对哪一年度的报告（默认：多数报告的年度）/ With --roster: the year audited "
        "(default: the year most reports are for).",
    ),
    scoring: str | None = typer.Option(
        None,
        "--scoring",
        help="评分方案：随附方案名（suqian、quanzhou-licheng）或 YAML 文件 / Scoring profile: a shipped name or a YAML file.",
    ),
    hierarchy: bool = typer.Option(
        False,
        "--hierarchy",
        help="与 --roster 一起：按名单的“上级”列，核对上级报告的数字（默认表三“本年新收”总计）不小于下级之和 / "
        "With --roster: check each parent's figures (default: table 3, received this year, total) against "
        "the sum of the bodies the roster's parent column puts under it.",
    ),
    file_names: str | None = typer.Option(
        None,
        "--file-names",
        help="显示名称对照（JSON 对象，或两列 CSV：命令行中的路径、显示的名称）：各种输出、记录和错误信息中以该名称代替路径；"
        "缓存、--annotate、--fix 和上一年度报告的查找仍用真实路径；SARIF 的 artifactLocation 仍为路径（URI），名称在其 "
        "properties.name 中 / Names to show (a JSON object, or a 2-column CSV: path as given, name): every output "
        "format, the records and the error lines show the name instead of the path; the cache, --annotate, --fix "
        "and the search for last year's report use the real paths; SARIF keeps the path in artifactLocation (a "
        "URI) and puts the name in its properties.name.",
    ),
) -> None:
    """检查报告 / Check reports."""
    language = _lang(lang)
    try:
        code = _check(
            paths or [],
            config,
            output_format.value,
            output_file,
            language,
            select,
            extend_select,
            ignore,
            exit_zero,
            no_color,
            no_plugins,
            stdin_filename,
            baseline,
            write_baseline,
            fix,
            diff,
            statistics,
            _parse_size(max_file_size),
            debug,
            previous,
            jobs,
            no_cache,
            cache_dir,
            time_limit,
            memory_limit,
            force_report,
            sarif_root=sarif_root,
            annotate=(annotate, annotate_output, in_place),
            show_records=show_records,
            audit_options=(roster, audit_year, scoring),
            hierarchy=hierarchy,
            file_names=file_names,
        )
    except ReportlintError as exc:
        _fail(exc, language)
        code = EXIT_ERROR
    raise typer.Exit(code)


def _audit_options(audit_options, loader, paths) -> tuple[str | None, int | None, str | None]:
    """``--roster``, ``--year`` and the scoring profile (``--scoring``, else ``scoring:``
    of the configuration for the first path), read and checked before any report is:
    a bad roster or profile stops the run at once (exit 2), not after the batch."""
    roster_path, year, profile = audit_options
    if year is not None and roster_path is None:
        raise UsageError(T("--year 需要同时给出 --roster 名单", "--year needs --roster FILE"))
    configured = None
    if profile is None:
        configured = loader.for_file(paths[0] if paths[0] != "-" else None).scoring
        profile = configured[0] if configured is not None else None
    if roster_path is not None:
        from reportlint.audit.roster import read_roster

        read_roster(roster_path)
    if profile is not None:
        from reportlint.audit.scoring import load_profile

        try:
            load_profile(profile)
        except ConfigError as exc:
            if configured is None or exc.line is not None:
                raise
            # no such profile or file: say where the configuration names it
            pos = configured[1]
            message = exc.message
            if exc.path and exc.path != "--scoring":
                message = Text(f"{message.zh}（{exc.path}）", f"{message.en} ({exc.path})")
            raise ConfigError(message, path=pos.path, line=pos.line, column=pos.column) from None
    return roster_path, year, profile


def _hierarchy_settings(hierarchy, roster_path, loader, paths) -> tuple[list[str] | None, str | None] | None:
    """``--hierarchy``: the figures and mode (``hierarchy:`` of the configuration for the
    first path), checked before any report is read. The parents come from the roster's
    parent column only: without a roster, or with one that names no parent, there is
    nothing to compare (exit 2)."""
    if not hierarchy:
        return None
    if roster_path is None:
        raise UsageError(
            T(
                "--hierarchy 需要同时给出 --roster 名单：上级与下级的关系来自名单的“上级”列",
                "--hierarchy needs --roster FILE: which bodies a report summarises comes from the roster's parent column",
            )
        )
    from reportlint.audit.hierarchy import require_parents
    from reportlint.audit.roster import read_roster

    require_parents(read_roster(roster_path), roster_path)
    return loader.for_file(paths[0] if paths[0] != "-" else None).hierarchy


def _check(
    paths,
    config,
    fmt,
    output_file,
    lang,
    select,
    extend_select,
    ignore,
    exit_zero,
    no_color,
    no_plugins,
    stdin_filename,
    baseline_path,
    write_baseline,
    fix,
    diff,
    statistics,
    max_file_size,
    debug,
    previous=None,
    jobs=None,
    no_cache=False,
    cache_dir=None,
    time_limit=None,
    memory_limit=None,
    force_report=False,
    sarif_root=None,
    annotate=(False, None, False),
    show_records=False,
    audit_options=(None, None, None),
    hierarchy=False,
    file_names=None,
) -> int:
    from reportlint import output
    from reportlint.audit.summary import build_summary
    from reportlint.config import ConfigLoader
    from reportlint.core.records import ReportRecord
    from reportlint.plugins.manager import load_registry
    from reportlint.run import batch, discovery, records
    from reportlint.run.engine import LintOptions

    if not paths:
        raise UsageError(T("请给出要检查的文件或目录", "give the files or folders to check"))
    if write_baseline and not baseline_path:
        raise UsageError(T("--write-baseline 需要同时给出 --baseline 文件", "--write-baseline needs --baseline FILE"))
    names = None
    if file_names is not None:  # read before any work: a bad file stops the run (exit 2)
        from reportlint.run.file_names import load as load_file_names

        loaded = load_file_names(file_names)
        names = None if write_baseline else loaded  # a baseline keeps the real paths
    registry = load_registry(no_plugins)
    loader = ConfigLoader(config, select=_split(select), extend_select=_split(extend_select), ignore=_split(ignore))
    if sarif_root is not None and not os.path.isdir(sarif_root):
        raise UsageError(
            T("--sarif-root 指定的目录不存在：{p}", "--sarif-root: no such folder: {p}").format(p=sarif_root)
        )
    if os.environ.get(batch.START_METHOD_ENV):
        batch.start_method()  # a wrong value is refused before any work (it imports multiprocessing)
    if previous is not None and not os.path.isfile(previous):
        raise UsageError(
            T("--previous 指定的上一年度报告不存在：{p}", "--previous: no such report file: {p}").format(p=previous)
        )
    options = LintOptions(
        fix=fix or diff,
        diff=diff,
        debug=debug,
        max_file_size=max_file_size,
        previous=previous,
        collect_tables=(fmt == "html"),
        force_report=force_report,
    )
    batch.apply_limits(options, time_limit, memory_limit)
    spec = batch.BatchSpec(
        config=config,
        select=_split(select),
        extend_select=_split(extend_select),
        ignore=_split(ignore),
        no_plugins=no_plugins,
        options=options,
        cache_root=None if (no_cache or fix or diff or os.environ.get("REPORTLINT_NO_CACHE")) else (cache_dir or "."),
    )
    checker = batch.Checker(spec, registry, loader)
    roster_path, audit_year, profile = _audit_options(audit_options, loader, paths)
    hierarchy_settings = _hierarchy_settings(hierarchy, roster_path, loader, paths)
    # `near-duplicates:` of the configuration for the first path, as `scoring:`
    near_duplicates = loader.for_file(paths[0] if paths[0] != "-" else None).near_duplicates

    input_failed = False
    files, errors = discovery.expand([p for p in paths if p != "-"])
    # Exclusion applies to explicitly named files too (pre-commit passes them one by one).
    files = [f for f in files if not checker.linter.is_excluded(f)]
    errors = [e for e in errors if not (e.path and os.path.isfile(e.path) and checker.linter.is_excluded(e.path))]
    _check_outputs(output_file, baseline_path if write_baseline else None, files, config, previous, baseline_path)
    _check_binary_target(fmt, output_file)
    annotator = _annotator(annotate, fix, diff, lang, len(files) + ("-" in paths), max_file_size)
    _start_up_over()
    results_iter = batch.run(spec, files, jobs or batch.default_jobs(len(files)), checker)
    if "-" in paths:
        stdin_result = checker.check_data(stdin_filename or "stdin.txt", sys.stdin.buffer.read())
        if annotator is not None:
            annotator.stdin = stdin_result  # no file to copy
        results_iter = _chain([stdin_result], results_iter)
    # Paths that gave no file to check (a FIFO, a format that cannot be read, an empty
    # folder) are results too: every output format lists them as not checked.
    results_iter = _chain(discovery.not_checked_results(errors), results_iter)
    if _show_progress(fmt, output_file, len(files)):
        results_iter = _with_progress(results_iter, len(files), lang)

    base = None
    if baseline_path and not write_baseline:
        from reportlint.run.baseline import Baseline

        base = Baseline(baseline_path)
    formatter = output.get(fmt)
    if not output_file:
        _machine_stdout(fmt)
    color = _color(no_color, output_file, sys.stdout)
    # Formats written file by file as results arrive: a batch over thousands of
    # reports then holds none of them (text, SARIF and --statistics need them all).
    streaming = fmt in ("json", "jsonl", "html") and not write_baseline and not statistics
    any_errors = False
    results = []
    batch_records: list[ReportRecord] = []  # one small record per file, even when streaming
    compact = records.Compactor()  # ten thousand records share their repeated strings and dicts
    sink = None
    if streaming and isinstance(formatter, output.StreamingFormatter):
        out = _open_output(output_file)
        sink = formatter.start(out.stream, lang=lang, registry=registry)
    try:
        for r in results_iter:
            if annotator is not None:
                annotator.handle(r)
            if base is not None:
                base.filter(r)
            if names is not None:  # the result is final: only now shown under its name
                r = names.rename(r, paths=fmt != "sarif")
            if r.error is not None:
                input_failed = True
                # always on stderr: one line per bad file (under its name, SARIF too)
                _fail(names.error(r.error) if names is not None and fmt == "sarif" else r.error, lang)
            # Every file is a row of the audit; its counts are of the findings reported.
            record = records.ensure_record(r)
            if base is not None:
                records.recount(record, r.diagnostics)
            batch_records.append(compact(record))
            any_errors = any_errors or r.has_errors
            if sink is not None:
                sink.add(r)  # the HTML page shows the tables the result carries
            else:
                results.append(r)

    except BaseException:
        if sink is not None:
            out.abort()  # no half-written --output-file
        raise

    if write_baseline:
        from reportlint.run import baseline

        n = baseline.write(baseline_path, [r for r in results if r.error is None])
        from reportlint.output import terminal_safe

        baseline_path = terminal_safe(baseline_path)
        print(
            T("已写入基线 {p}（{n} 个问题）", "baseline written to {p} ({n} findings)")
            .format(p=baseline_path, n=n)
            .get(lang),
            file=sys.stderr,
        )
        return EXIT_ERROR if input_failed else EXIT_CLEAN

    if diff and options.diffs:
        from reportlint.output import terminal_safe_lines

        _write_stdout(terminal_safe_lines("".join(options.diffs)))
    audit = build_summary(
        batch_records,
        roster_path=roster_path,
        profile=profile,
        year=audit_year,
        near_duplicate_threshold=near_duplicates,
        hierarchy=hierarchy_settings,
        # (with a scoring profile the pairs are searched whatever the format: it may deduct for them)
        near_duplicates=fmt not in _FORMATS_WITHOUT_NEAR_DUPLICATES,
    )
    if sink is not None:
        try:
            sink.finish(audit)
        except BaseException:
            out.abort()
            raise
        out.commit()
    else:
        buffer: Any = io.BytesIO() if fmt in BINARY_FORMATS else io.StringIO()
        extra: dict[str, Any] = {}  # options only this format has
        if fmt == "text":
            # Written to a file, text is UTF-8 (atomic.OutputFile); on stdout, the console's encoding.
            # Files not checked are on stderr; an --output-file records them too (issue 13).
            extra = {
                "show_errors": bool(output_file),
                "encoding": None if output_file else getattr(sys.stdout, "encoding", None),
                "show_records": show_records,
            }
        elif fmt in ("sarif", "gitlab"):
            extra = {"root": sarif_root}
            if fmt == "sarif" and names is not None:
                extra["names"] = names.name
        formatter.render(
            results, registry=registry, lang=lang, out=buffer, color=color, statistics=statistics, audit=audit, **extra
        )
        _emit(buffer.getvalue(), output_file)

    if input_failed:
        return EXIT_ERROR
    if exit_zero:
        return EXIT_CLEAN
    return EXIT_FINDINGS if any_errors else EXIT_CLEAN


# Formats that show no near-duplicate pairs (findings only, or a row per file): the
# batch's search for them is skipped (reportlint.audit.summary.build_summary).
_FORMATS_WITHOUT_NEAR_DUPLICATES = frozenset({"github", "gitlab", "csv", "junit", "csv-records"})


def _start_up_over() -> None:
    """Turn the garbage collector back on if ``reportlint.__main__`` turned it off for
    the start-up; what the start-up made (modules, rule classes, patterns) is moved out
    of its reach (``gc.freeze``): it lives as long as the process, and a collection
    over it would only cost time (and in forked workers, copy its memory pages)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _annotator(annotate, fix, diff, lang, n_files, max_file_size):
    """The --annotate / .docx --fix step (reportlint.annotate.Session), or None."""
    wanted, output, in_place = annotate
    if not (wanted or fix or in_place or output is not None):
        return None  # Session.wanted's answer, without importing the annotate package
    from reportlint.annotate import Session
    from reportlint.output import terminal_safe

    if not Session.wanted(wanted, fix, in_place, output):
        return None
    return Session(
        wanted,
        output,
        fix,
        diff,
        in_place,
        lang,
        n_files,
        lambda text: print(terminal_safe(text), file=sys.stderr),
        max_file_size,
    )


def _check_outputs(output_file, new_baseline, files, config, previous, baseline_path) -> None:
    """Before any work: an output must not overwrite an input (the reports, their
    config, last year's report, the baseline read), nor go to a folder, a missing or
    read-only folder."""
    if not (output_file or new_baseline):
        return
    from reportlint.core.atomic import check_output_target

    inputs = [*files, *(p for p in (config, previous) if p)]
    if output_file:
        check_output_target(output_file, [*inputs, *([baseline_path] if baseline_path and not new_baseline else [])])
    if new_baseline:
        check_output_target(new_baseline, inputs, option="--baseline")


def _chain(first, rest):
    yield from first
    yield from rest


def _show_progress(fmt: str, output_file: str | None, n_files: int) -> bool:
    """A progress bar on stderr for long runs at a terminal — never mixed into
    machine-readable output on the same terminal, never in CI logs."""
    if n_files < 20 or not sys.stderr.isatty() or os.environ.get("CI"):
        return False
    return fmt in ("text", "html") or bool(output_file)


def _with_progress(results, total: int, lang: str):
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    label = "检查中" if lang == "zh" else "Checking"
    with Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(file=sys.stderr),
        transient=True,
    ) as progress:
        task = progress.add_task(label, total=total)
        for r in results:
            progress.advance(task)
            yield r


class _StdoutStream(io.TextIOBase):
    """sys.stdout for streaming formats, with write failures as one clear error."""

    def write(self, text: str) -> int:
        _write_stdout(text, flush=False)
        return len(text)

    def writable(self) -> bool:
        return True

    def flush(self) -> None:
        _write_stdout("")


class _StdoutOutput:
    """Streaming formats written to stdout (commit/abort as for an output file)."""

    def __init__(self):
        self.stream = _StdoutStream()

    def abort(self) -> None:
        pass

    def commit(self) -> None:
        _write_stdout("")


def _open_output(output_file: str | None):
    """Where a streaming format writes: stdout, or an output file that is put in place
    only when complete (never left half written; see atomic.OutputFile)."""
    if output_file:
        from reportlint.core.atomic import OutputFile

        return OutputFile(output_file)
    return _StdoutOutput()


def _split(values: list[str] | None) -> list[str] | None:
    """`--select A,B --select C` → [A, B, C] (None when the option was not given)."""
    if values is None:
        return None
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


@app.command()
def parse(
    path: str = typer.Argument(..., help="报告文件 / Report file."),
    output_format: ParseFormat = typer.Option(ParseFormat.text, "--format", "-f"),
    config: str | None = typer.Option(None, "--config"),
    lang: Lang | None = typer.Option(None, "--lang"),
) -> None:
    """显示解析结果（章节、表格、元信息）/ Show what was understood: meta, sections, tables."""
    language = _lang(lang)
    with _exit_on_error(language, path):
        from reportlint import readers
        from reportlint.config import ConfigLoader
        from reportlint.document.build import build_document
        from reportlint.output.parse_view import render_parse

        facts = ConfigLoader(config).for_file(path).report_facts()
        doc = build_document(readers.read(path), facts)
        _machine_stdout(output_format.value)
        sys.stdout.write(render_parse(doc, output_format.value, language))


@app.command("rules")
def list_rules(
    output_format: ParseFormat = typer.Option(ParseFormat.text, "--format", "-f"),
    config: str | None = typer.Option(None, "--config"),
    lang: Lang | None = typer.Option(None, "--lang"),
    no_plugins: bool = typer.Option(False, "--no-plugins"),
) -> None:
    """列出全部规则 / List all rules."""
    language = _lang(lang)
    with _exit_on_error(language):
        from reportlint.config import ConfigLoader
        from reportlint.output.rule_docs import render_rule_list
        from reportlint.plugins.manager import load_registry

        registry = load_registry(no_plugins)
        settings = ConfigLoader(config).for_file(os.path.join(os.getcwd(), "report.txt")).resolve(registry)
        _machine_stdout(output_format.value)
        sys.stdout.write(render_rule_list(registry, settings, output_format.value, language))


@app.command("rule")
def show_rule(
    code: str = typer.Argument(..., help="规则代码或名称 / Rule code or name."),
    lang: Lang | None = typer.Option(None, "--lang"),
    no_plugins: bool = typer.Option(False, "--no-plugins"),
) -> None:
    """显示规则说明 / Show a rule's documentation."""
    language = _lang(lang)
    with _exit_on_error(language):
        from reportlint.output.rule_docs import render_rule_doc
        from reportlint.plugins.manager import load_registry

        rule = load_registry(no_plugins).lookup(code)
        if rule is None:
            raise UsageError(
                T(
                    "未知的规则：{c}（reportlint rules 列出全部规则）", "unknown rule: {c} (see reportlint rules)"
                ).format(c=code)
            )
        sys.stdout.write(render_rule_doc(rule, language))


@app.command()
def init(
    path: str = typer.Argument(".reportlint.yaml", help="写入位置 / Where to write."),
    lang: Lang | None = typer.Option(None, "--lang"),
    force: bool = typer.Option(False, "--force", help="覆盖已有文件 / Overwrite."),
) -> None:
    """生成带注释的 .reportlint.yaml / Write a commented starter .reportlint.yaml."""
    language = _lang(lang)
    from reportlint.config import starter_config
    from reportlint.core.atomic import write_output
    from reportlint.output import terminal_safe

    if Path(path).exists() and not force:
        _fail(ConfigError(T("文件已存在（用 --force 覆盖）", "file exists (use --force to overwrite)"), path), language)
        raise typer.Exit(EXIT_ERROR)
    with _exit_on_error(language, path):
        write_output(path, starter_config(language))
    print(T("已写入 {p}", "wrote {p}").format(p=terminal_safe(path)).get(language))


@app.command("config")
def show_config(
    path: str = typer.Argument(..., help="报告文件 / A report file whose settings to show."),
    config: str | None = typer.Option(None, "--config"),
    lang: Lang | None = typer.Option(None, "--lang"),
    no_plugins: bool = typer.Option(False, "--no-plugins"),
) -> None:
    """显示对某文件生效的配置 / Show the effective configuration for a file."""
    language = _lang(lang)
    with _exit_on_error(language):
        import json

        from reportlint.config import ConfigLoader, effective_settings
        from reportlint.plugins.manager import load_registry

        settings = ConfigLoader(config).for_file(path).resolve(load_registry(no_plugins))
        _machine_stdout("json")
        print(json.dumps(effective_settings(settings, path), ensure_ascii=False, indent=2))


@app.command("server")
def run_server(
    socket_path: str | None = typer.Option(
        None,
        "--socket",
        help="监听的套接字（默认：用户自己的运行目录中）/ Socket to listen on (default: in a per-user folder).",
    ),
    idle_timeout: float = typer.Option(
        0,
        "--idle-timeout",
        min=0,
        help="空闲多少分钟后退出（0：不退出）/ Exit after this many idle minutes (0: never).",
    ),
    verbose: bool = typer.Option(False, "--verbose", help="每个请求在标准错误记一行 / One line per request on stderr."),
    lang: Lang | None = typer.Option(None, "--lang"),
) -> None:
    """常驻进程：设置 REPORTLINT_SERVER=1 后 reportlint check 交由它执行，免去启动开销 / A long-lived worker: with REPORTLINT_SERVER=1, reportlint check runs in it, without the start-up."""
    language = _lang(lang)
    with _exit_on_error(language):
        from reportlint.run.server import serve

        raise typer.Exit(serve(main, socket_path, idle_minutes=idle_timeout, verbose=verbose, lang=language))


@app.command("serve")
def run_web_page(
    host: str = typer.Option(
        "127.0.0.1", "--host", help="监听地址（默认仅本机）/ Address to listen on (default: this computer only)."
    ),
    port: int = typer.Option(
        8765, "--port", min=0, max=65535, help="端口（0：任选空闲端口）/ Port (0: any free port)."
    ),
    token: str | None = typer.Option(
        None,
        "--token",
        help="访问令牌（非本机地址时默认自动生成）/ Access token (generated by default for a non-loopback host).",
    ),
    workers: int | None = typer.Option(
        None, "--workers", min=1, help="同时检查的进程数（默认：CPU 核数）/ Checks at once (default: CPU count)."
    ),
    max_files: int = typer.Option(50, "--max-files", min=1, help="一次上传的文件数上限 / Files per upload."),
    max_upload_size: str = typer.Option("100MB", "--max-upload-size", help="一次上传的大小上限 / Upload size limit."),
    time_limit: str = typer.Option(
        "60", "--time-limit", help="每个文件的检查时间上限（秒，0 不限）/ Per-file time limit in seconds (0: none)."
    ),
    memory_limit: str = typer.Option(
        "1GB", "--memory-limit", help="每个文件的内存上限（0 不限）/ Per-file memory limit (0: none)."
    ),
    keep_minutes: float = typer.Option(
        30, "--keep-minutes", min=0, help="检查结果保留多少分钟 / Minutes the results are kept."
    ),
    lang: Lang | None = typer.Option(None, "--lang"),
) -> None:
    """在浏览器中检查报告的网页（需要 reportlint[serve]）/ A page to check reports in the browser (needs reportlint[serve])."""
    language = _lang(lang)
    from reportlint.serve.launch import missing_extra

    missing = missing_extra()
    if missing is not None:
        print(f"reportlint: {missing.get(language)}", file=sys.stderr)
        raise typer.Exit(EXIT_ERROR)
    with _exit_on_error(language):
        from reportlint.serve import launch
        from reportlint.serve.settings import ServeSettings

        if token is None and not launch.is_loopback(host):
            token = launch.new_token()
        settings = ServeSettings(
            token=token or None,
            workers=workers or os.cpu_count() or 1,
            max_files=max_files,
            max_upload_bytes=launch.parse_bytes(max_upload_size, "--max-upload-size"),
            time_limit_seconds=launch.parse_seconds(time_limit, "--time-limit"),
            memory_limit_bytes=launch.parse_bytes(memory_limit, "--memory-limit", zero_allowed=True),
            keep_minutes=keep_minutes,
            lang=language,
        )
        raise typer.Exit(launch.serve(settings, host, port))


def app_for(args: list[str]) -> typer.Typer:
    """The app that runs ``args``: one with only the command ``args`` start with, if any.

    Before it parses one argument, typer turns every registered command into a click
    command — each function's signature, its annotations evaluated, a parameter object
    per option — milliseconds a command, paid on every run for commands that do not run.
    A command line that starts with a command's name runs an app holding that command
    and the root callback only: the same parsing, help, usage and error messages for
    that command. Anything else (``--help``, no arguments, a mistyped command) runs the
    whole app, which lists or suggests every command.
    """
    if not args:
        return app
    for info in app.registered_commands:
        callback = info.callback
        # typer's own naming (typer.main.get_command_name) for a command given no name
        name = info.name or (callback.__name__.lower().replace("_", "-") if callback else None)
        if name == args[0]:
            only = typer.Typer(**APP_SETTINGS)
            only.registered_callback = app.registered_callback
            only.registered_commands = [info]
            return only
    return app


def main() -> None:
    from reportlint.output.console import configure_stdio

    configure_stdio()  # a GBK console or pipe degrades what it cannot show, never crashes
    try:
        app_for(sys.argv[1:])()
    except KeyboardInterrupt:
        print("reportlint: interrupted", file=sys.stderr)
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as exc:  # last resort: one line, exit 2, never a traceback
        if "--debug" in sys.argv:
            raise
        from reportlint.output import terminal_safe

        print(terminal_safe(f"reportlint: internal error: {type(exc).__name__}: {exc}"), file=sys.stderr)
        sys.exit(EXIT_ERROR)
