"""Paths in the machine formats: relative to the repository root (or --sarif-root) with
"/", valid percent-encoded URIs, absolute file: URIs outside the root — for Windows
paths (backslashes, drive letters, UNC shares, Chinese names) as for POSIX ones."""

import json
import os
import shutil
from pathlib import Path, PurePosixPath, PureWindowsPath
from urllib.parse import quote, unquote, urlsplit

import pytest

from reportlint.core.diagnostics import Diagnostic, Location, Severity
from reportlint.core.i18n import T
from reportlint.core.results import FileResult
from reportlint.output import get
from reportlint.output.paths import (
    Locator,
    file_uri,
    path_uri,
    repository_root,
    root_relative,
)
from reportlint.output.sarif import build_log

W = PureWindowsPath
P = PurePosixPath
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NIANBAO = quote("年报")  # %E5%B9%B4%E6%8A%A5


# -- the pure conversion, Windows flavour -------------------------------------------------


def test_windows_relative_path_with_backslashes_inside_the_root():
    cwd = W(r"C:\Users\张三\仓库")
    assert path_uri(W(r"报告\2023\年报.docx"), cwd, cwd) == (f"{quote('报告')}/2023/{NIANBAO}.docx", True)
    assert root_relative(W(r"报告\2023\年报.docx"), cwd, cwd) == "报告/2023/年报.docx"


def test_windows_root_above_the_working_directory():
    root = W(r"D:\政务公开")
    cwd = W(r"D:\政务公开\2024")
    assert root_relative(W(r"科技局\年报.txt"), cwd, root) == "2024/科技局/年报.txt"
    assert root_relative(W(r"..\2023\年报.txt"), cwd, root) == "2023/年报.txt"  # ".." is lexical


def test_windows_absolute_path_inside_the_root_and_case_insensitive():
    root = W(r"C:\Repo")
    assert path_uri(W(r"c:\repo\Reports\a b#1.txt"), W(r"C:\elsewhere"), root) == ("Reports/a%20b%231.txt", True)


def test_windows_path_outside_the_root_is_an_absolute_file_uri():
    root = W(r"C:\Repo")
    uri, relative = path_uri(W(r"E:\共享\年报 2023.docx"), root, root)
    assert not relative
    assert uri == f"file:///E:/{quote('共享')}/{NIANBAO}%202023.docx"
    parts = urlsplit(uri)
    assert parts.scheme == "file" and parts.netloc == "" and unquote(parts.path) == "/E:/共享/年报 2023.docx"
    assert uri == W(r"E:\共享\年报 2023.docx").as_uri()  # what pathlib itself gives


def test_windows_dotdot_above_the_root_leaves_it():
    uri, relative = path_uri(W(r"..\..\..\外部.txt"), W(r"C:\a"), W(r"C:\a"))
    assert (uri, relative) == (f"file:///C:/{quote('外部')}.txt", False)


def test_windows_root_relative_path_takes_the_drive_of_the_working_directory():
    uri, relative = path_uri(W(r"\公开\年报.txt"), W(r"D:\work"), W(r"D:\work"))
    assert (uri, relative) == (f"file:///D:/{quote('公开')}/{NIANBAO}.txt", False)


def test_unc_share_is_a_file_uri_with_a_host():
    uri, relative = path_uri(W(r"\\fileserver\公开\年报.docx"), W(r"C:\Repo"), W(r"C:\Repo"))
    assert not relative
    assert uri == f"file://fileserver/{quote('公开')}/{NIANBAO}.docx"
    assert uri == W(r"\\fileserver\公开\年报.docx").as_uri()


def test_file_uri_of_a_windows_root_ends_in_a_folder():
    assert file_uri(W("C:/")) == "file:///C:/"
    assert file_uri(W(r"C:\仓库")) == f"file:///C:/{quote('仓库')}"


# -- POSIX flavour ------------------------------------------------------------------------


def test_posix_paths():
    root = P("/srv/repo")
    assert path_uri(P("reports/年报.txt"), P("/srv/repo/sub"), root) == (f"sub/reports/{NIANBAO}.txt", True)
    assert path_uri(P("/tmp/外部/r.txt"), root, root) == (f"file:///tmp/{quote('外部')}/r.txt", False)
    # A backslash is an ordinary character of a POSIX name: encoded, not a separator.
    assert path_uri(P("a\\b.txt"), root, root) == ("a%5Cb.txt", True)


def test_posix_name_that_is_not_utf8_keeps_its_bytes():
    name = os.fsdecode(b"bad\xff.txt")
    assert path_uri(P(name), P("/r"), P("/r")) == ("bad%FF.txt", True)


# -- the run's root ------------------------------------------------------------------------


def test_repository_root_is_found_above_the_working_directory(tmp_path):
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    sub = tmp_path / "repo" / "reports" / "2024"
    sub.mkdir(parents=True)
    assert repository_root(str(sub)) == str(tmp_path / "repo")
    assert repository_root(str(tmp_path / "repo")) == str(tmp_path / "repo")


def test_locator_uses_the_repository_root(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    sub = tmp_path / "公开" / "2024"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    repository_root.cache_clear()
    loc = Locator()
    assert loc.root == tmp_path
    assert loc.uri("年报.txt") == (f"{quote('公开')}/2024/{NIANBAO}.txt", True)
    assert loc.root_uri == tmp_path.as_uri() + "/"
    assert loc.display("年报.txt") == "公开/2024/年报.txt"


def test_locator_follows_symlinks_to_the_same_folder(tmp_path, monkeypatch):
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    try:
        link.symlink_to(real, target_is_directory=True)
    except OSError:
        pytest.skip("no symlinks here")
    monkeypatch.chdir(real)
    loc = Locator(str(real))
    assert loc.uri(str(link / "年报.txt")) == (f"{NIANBAO}.txt", True)


def _diag():
    return Diagnostic(
        "RL101", "title-format", "structure", Severity.INFO, T("无标题", "no title"), Location(1, 1, 1, 2)
    )


def test_sarif_root_option_in_build_log(tmp_path, monkeypatch):
    root = tmp_path / "仓库"
    (root / "报告").mkdir(parents=True)
    monkeypatch.chdir(root / "报告")
    outside = tmp_path / "外部" / "年报.txt"
    log = build_log([FileResult("年报.txt", [_diag()]), FileResult(str(outside), [_diag()])], lang="zh", root=str(root))
    run = log["runs"][0]
    locs = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    assert {"uri": f"{quote('报告')}/{NIANBAO}.txt", "uriBaseId": "%SRCROOT%"} in locs
    assert {"uri": outside.as_uri()} in locs
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == root.as_uri() + "/"


# -- end to end ----------------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path):
    """A repository with reports in a Chinese-named sub-folder, and a report outside it."""
    root = tmp_path / "仓库"
    (root / ".git").mkdir(parents=True)
    reports = root / "政务公开" / "2023"
    reports.mkdir(parents=True)
    shutil.copy(FIXTURES / "zhangjiakou-kjj-2010.txt", reports / "年报 #1.txt")
    outside = tmp_path / "外部"
    outside.mkdir()
    shutil.copy(FIXTURES / "zhangjiakou-kjj-2010.txt", outside / "年报.txt")
    return root, reports, outside / "年报.txt"


def _sarif_uris(out: str):
    run = json.loads(out)["runs"][0]
    locs = {
        json.dumps(r["locations"][0]["physicalLocation"]["artifactLocation"], ensure_ascii=False)
        for r in run["results"]
    }
    return [json.loads(x) for x in sorted(locs)], run["originalUriBaseIds"]["%SRCROOT%"]["uri"]


def test_sarif_uris_relative_to_the_repository_root_from_a_sub_folder(cli, repo):
    root, reports, outside = repo
    r = cli("check", "--select", "RL805", "--format", "sarif", "年报 #1.txt", str(outside), cwd=reports)
    assert r.returncode in (0, 1), r.err
    locs, base = _sarif_uris(r.out)
    assert base == root.as_uri() + "/"
    assert {"uri": f"{quote('政务公开')}/2023/{NIANBAO}%20%231.txt", "uriBaseId": "%SRCROOT%"} in locs
    assert {"uri": outside.as_uri()} in locs  # outside the repository: absolute, still a valid URI
    for loc in locs:
        assert " " not in loc["uri"] and "#" not in loc["uri"]


def test_sarif_root_option_end_to_end(cli, repo):
    _root, reports, _outside = repo
    r = cli(
        "check",
        "--select",
        "RL805",
        "--format",
        "sarif",
        "--sarif-root",
        str(reports.parent),
        "年报 #1.txt",
        cwd=reports,
    )
    assert r.returncode in (0, 1), r.err
    locs, base = _sarif_uris(r.out)
    assert base == reports.parent.as_uri() + "/"
    assert locs == [{"uri": f"2023/{NIANBAO}%20%231.txt", "uriBaseId": "%SRCROOT%"}]


def test_sarif_root_that_does_not_exist_is_one_clear_error(cli, repo):
    root, reports, _ = repo
    r = cli("check", "--format", "sarif", "--sarif-root", str(root / "没有"), "年报 #1.txt", cwd=reports)
    assert r.returncode == 2
    assert "--sarif-root" in r.err and "没有" in r.err and "Traceback" not in r.err
    assert r.out == ""
    en = cli("check", "--lang", "en", "--sarif-root", str(root / "没有"), "年报 #1.txt", cwd=reports)
    assert en.returncode == 2 and "no such folder" in en.err


def test_paths_in_every_format(cli, repo):
    """The Chinese name with a space and # reads correctly in each format."""
    _root, reports, outside = repo
    args = ["check", "--select", "RL805", "年报 #1.txt", str(outside)]
    text = cli(*args, cwd=reports).out
    assert "年报 #1.txt:" in text and f"{outside}:" in text
    items = json.loads(cli(*args, "--format", "json", cwd=reports).out)
    assert {i["path"] for i in items} == {"年报 #1.txt", str(outside)}
    lines = [json.loads(x) for x in cli(*args, "--format", "jsonl", cwd=reports).out.splitlines() if x.strip()]
    assert {i["path"] for i in lines} == {"年报 #1.txt", str(outside)}
    github = cli(*args, "--format", "github", cwd=reports).out
    # Relative to the repository root, "/" separators; outside it: the absolute path.
    assert "file=政务公开/2023/年报 #1.txt%2C" not in github
    assert "file=政务公开/2023/年报 #1.txt," in github
    assert f"file={outside.as_posix()}," in github
    html = cli(*args, "--format", "html", cwd=reports).out
    assert "年报 #1.txt" in html


def test_github_display_of_windows_style_paths(monkeypatch, tmp_path):
    """GitHub annotations: "/" separators; a name with a backslash on POSIX stays itself."""
    monkeypatch.chdir(tmp_path)
    repository_root.cache_clear()
    out = []

    class Sink:
        def write(self, s):
            out.append(s)

    get("github").render([FileResult("子目录\\年报.txt", [_diag()])], lang="zh", out=Sink())
    assert "file=子目录\\年报.txt," in "".join(out)


def test_windows_shaped_names_in_each_formatter(tmp_path, monkeypatch):
    """A path written the Windows way reaches json/jsonl/text exactly as given, and SARIF
    as a valid URI (on POSIX a backslash is part of the name: %5C)."""
    import io

    monkeypatch.chdir(tmp_path)
    repository_root.cache_clear()
    name = "报告\\2023\\年报•.txt"
    results = [FileResult(name, [_diag()])]

    def render(fmt):
        out = io.StringIO()
        get(fmt).render(results, registry=None, lang="zh", out=out, color=False)
        return out.getvalue()

    assert json.loads(render("json"))[0]["path"] == name
    assert json.loads(render("jsonl").splitlines()[0])["path"] == name
    assert name + ":1:1:" in render("text")
    uri = json.loads(render("sarif"))["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri == {"uri": quote(name), "uriBaseId": "%SRCROOT%"} and "\\" not in uri["uri"]
    assert unquote(uri["uri"]) == name
