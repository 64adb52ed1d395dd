"""Uploads: .zip folders, the limits (size, count, zip bombs), unsupported and hostile
files, and uploaded names that never reach the disk."""

from __future__ import annotations

import io
import os
from pathlib import Path

from serve_helpers import FIXTURES, check_done, draft_with_findings, upload, where, zip_of

from reportlint.serve.settings import ServeSettings
from reportlint.serve.uploads import UploadWriter, make_dirs

CHANGJI = (FIXTURES / "changji-kjj-2021.txt").read_bytes()
PINGTAN = (FIXTURES / "pingtan-gov-2023.txt").read_bytes()


def _multipart(parts: list[tuple[str, str, bytes]], boundary: str = "reportlint-test-boundary") -> bytes:
    body = b""
    for field, filename, data in parts:
        body += (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n"
            ).encode()
            + data
            + b"\r\n"
        )
    return body + f"--{boundary}--\r\n".encode()


def test_a_zip_of_a_folder_lists_each_entry_by_its_path_in_the_zip(client) -> None:
    archive = zip_of(
        {
            "年报/2024/草稿.docx": draft_with_findings(),
            "年报/昌吉.txt": CHANGJI,
            "年报/工具/setup.exe": b"MZ\x90\x00",
            "年报/inner.zip": zip_of({"a.txt": CHANGJI}),
            "年报/.DS_Store": b"\x00",
        }
    )
    job = check_done(client, [("reports.zip", archive)])
    listed = {f["name"]: f for f in job["files"]}
    assert list(listed) == [
        "年报/2024/草稿.docx",
        "年报/昌吉.txt",
        "年报/工具/setup.exe",
        "年报/inner.zip",
        "年报/.DS_Store",
    ]
    assert listed["年报/2024/草稿.docx"]["status"] == "done"
    assert {"RL701", "RL801"} <= {f["code"] for f in listed["年报/2024/草稿.docx"]["findings"]}
    assert listed["年报/昌吉.txt"]["counts"] == {"error": 1, "warning": 2, "info": 0}
    assert listed["年报/工具/setup.exe"]["status"] == "skipped"
    assert listed["年报/工具/setup.exe"]["error"] == "不支持的格式（.exe），未检查"
    assert listed["年报/inner.zip"]["status"] == "skipped"
    assert listed["年报/inner.zip"]["error"] == "压缩包中的压缩包不会展开，未检查"
    assert listed["年报/.DS_Store"]["status"] == "skipped"
    assert job["total"] == job["done"] == 2


def test_a_zip_bomb_is_refused(client, tmp_root: Path) -> None:
    bomb = zip_of({"report.docx": b"\0" * (20 * 1024 * 1024)})  # ~20 KB for 20 MB
    response = upload(client, [("bomb.zip", bomb), ("changji.txt", CHANGJI)])
    assert response.status_code == 413
    assert (
        response.json()["error"] == "压缩包 bomb.zip 中的 report.docx 压缩比异常（超过 100 倍），疑为“压缩炸弹”，未展开"
    )
    assert os.listdir(tmp_root) == []  # the directory of the refused upload is gone


def test_a_zip_that_expands_past_the_limit_is_refused(make_client) -> None:
    with make_client(max_unzipped_bytes=len(CHANGJI) * 2) as client:
        archive = zip_of({f"r{i}.txt": CHANGJI for i in range(3)})
        response = upload(client, [("big.zip", archive)], lang="en")
        assert response.status_code == 413
        assert response.json()["error"].startswith("the archives expand to too much")


def test_a_zip_with_too_many_entries_is_refused(make_client) -> None:
    with make_client(max_zip_entries=10) as client:
        archive = zip_of({f"notes/{i}.txt": b"x" for i in range(11)})
        response = upload(client, [("many.zip", archive)])
        assert response.status_code == 413
        assert response.json()["error"] == "压缩包 many.zip 中的条目太多（超过 10 个），未展开"


def test_too_many_files_are_refused_with_413(make_client) -> None:
    with make_client(max_files=3) as client:
        four = [(f"r{i}.txt", CHANGJI) for i in range(4)]
        response = upload(client, four)
        assert response.status_code == 413
        assert response.json()["error"] == "文件太多：一次最多检查 3 个文件（含 .zip 中的文件）"
        # counted inside a .zip too
        response = upload(client, [("r.zip", zip_of(dict(four)))])
        assert response.status_code == 413


def test_an_upload_larger_than_the_limit_is_refused_with_413(make_client) -> None:
    limit = len(CHANGJI) * 3 // 2  # one file and its form, not two
    with make_client(max_upload_bytes=limit) as client:
        two = [("a.txt", CHANGJI), ("b.txt", CHANGJI)]
        response = upload(client, two)  # said by Content-Length: refused before reading
        assert response.status_code == 413
        assert response.json()["error"] == "上传的内容太大：一次最多 " + f"{limit / 1024:g}KB"
        # no Content-Length (chunked): refused on the bytes that arrive
        body = _multipart([("files", "a.txt", CHANGJI), ("files", "b.txt", CHANGJI)])
        chunks = (body[i : i + 4096] for i in range(0, len(body), 4096))
        response = client.post(
            "/api/jobs",
            content=chunks,
            headers={"content-type": "multipart/form-data; boundary=reportlint-test-boundary"},
        )
        assert "content-length" not in response.request.headers
        assert response.status_code == 413
        # within the limit, the same body is accepted
        assert upload(client, two[:1]).status_code == 202


def test_only_unsupported_files_give_415(client, tmp_root: Path) -> None:
    response = upload(client, [("setup.exe", b"MZ"), ("photo.png", b"\x89PNG")])
    assert response.status_code == 415
    assert response.json()["error"].startswith("没有可检查的文件：支持的格式为 .txt .md")
    response = upload(client, [("setup.exe", b"MZ")], lang="en")
    assert response.json()["error"].startswith("no file that can be checked: the formats read are .txt")
    assert os.listdir(tmp_root) == []


def test_bad_options_and_no_file_give_400(client) -> None:
    no_file = upload(client, [("", b"")])  # what a browser sends when no file was chosen
    assert no_file.status_code == 400
    assert no_file.json() == {"error": "请选择要检查的文件"}
    cases = {
        "year": ("1999", "年度无效：1999（应为 2000 到 2100 之间的年份）"),
        "kind": ("ministry", "机关类别无效：ministry（可选：department、government、township）"),
        "rules": ("spelling", "未知的规则类别：spelling（可选：structure、template"),
        "lang": ("fr", "语言无效：fr（可选：zh、en）"),
    }
    for field, (value, message) in cases.items():
        response = upload(client, [("a.txt", CHANGJI)], **{field: value})
        assert response.status_code == 400, field
        assert response.json()["error"].startswith(message), response.json()
    not_a_form = client.post("/api/jobs", json={"files": []})
    assert not_a_form.status_code == 400
    assert not_a_form.json() == {"error": "请用表单（multipart/form-data）上传文件"}


def test_a_hostile_file_among_good_ones_gets_an_error_and_the_others_their_findings(client) -> None:
    docx_bomb = zip_of({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<" + b" " * (8 * 1024 * 1024)})
    pdf = (FIXTURES / "hongze-gov-2023.pdf").read_bytes()
    hostile = [
        ("bomb.docx", docx_bomb),
        ("truncated.pdf", pdf[: len(pdf) // 3]),
        ("random.doc", os.urandom(4096)),
        ("empty.docx", b""),
    ]
    job = check_done(client, [("changji.txt", CHANGJI), *hostile, ("pingtan.txt", PINGTAN)])
    by_name = {f["name"]: f for f in job["files"]}
    for name, _ in hostile:
        assert by_name[name]["status"] == "error", by_name[name]
        assert by_name[name]["error"] and "Traceback" not in by_name[name]["error"]
        assert by_name[name]["findings"] == [] and by_name[name]["report"] is None
    assert by_name["changji.txt"]["counts"] == {"error": 1, "warning": 2, "info": 0}
    assert by_name["pingtan.txt"]["status"] == "done" and by_name["pingtan.txt"]["findings"]
    assert job["downloads"]["xlsx"] is not None


def test_uploaded_names_never_reach_the_disk(client, tmp_path: Path, tmp_root: Path) -> None:
    names = ["../../escape-up.txt", "/tmp/escape-abs.txt", "..\\..\\escape-win.txt", "a/../../escape-mid.txt"]
    archive = zip_of({"../../escape-zip.txt": CHANGJI, "/abs/escape-zipabs.txt": CHANGJI})
    job = check_done(client, [*((n, CHANGJI) for n in names), ("x.zip", archive)])
    shown = [f["name"] for f in job["files"]]
    assert shown == [
        "escape-up.txt",
        "escape-abs.txt",
        "escape-win.txt",
        "escape-mid.txt",
        "escape-zip.txt",
        "abs/escape-zipabs.txt",
    ]
    assert all(f["status"] == "done" for f in job["files"])
    assert not [p for p in tmp_path.parent.rglob("escape-*")]
    assert not [p for p in Path("/tmp").glob("escape-*")]
    assert os.listdir(tmp_root) == []


def test_on_disk_a_file_is_its_index_and_an_allowed_extension(tmp_path: Path) -> None:
    job_dir = tmp_path / "job"
    job_dir.mkdir()
    make_dirs(str(job_dir))
    writer = UploadWriter(str(job_dir), ServeSettings())
    writer.add("../../报告.DOCX", io.BytesIO(b"x"))
    writer.add("notes.exe", io.BytesIO(b"MZ"))
    writer.add("a.zip", io.BytesIO(zip_of({"../b/c.PDF": b"%PDF", "d.md": b"# d"})))
    assert writer.add_previous("/etc/去年.txt", io.BytesIO(b"x")) == ("prev/previous.txt", "去年.txt")
    on_disk = sorted(str(p.relative_to(job_dir)) for p in job_dir.rglob("*") if p.is_file())
    assert on_disk == ["in/001.docx", "in/003.pdf", "in/004.md", "prev/previous.txt"]
    assert [f.name for f in writer.files] == ["报告.DOCX", "notes.exe", "b/c.PDF", "d.md"]
    assert oct(os.stat(job_dir / "in" / "001.docx").st_mode & 0o777) == "0o600"


def test_a_damaged_zip_is_that_files_error(client) -> None:
    job = check_done(client, [("broken.zip", b"PK\x03\x04 not really"), ("changji.txt", CHANGJI)])
    broken, good = job["files"]
    assert broken["status"] == "error" and broken["error"] == "无法读取该压缩包（.zip 已损坏或不是 .zip 文件）"
    assert good["status"] == "done"


def test_findings_through_a_zip_match_a_direct_upload(client) -> None:
    direct = check_done(client, [("changji.txt", CHANGJI)])["files"][0]["findings"]
    zipped = check_done(client, [("c.zip", zip_of({"dir/changji.txt": CHANGJI}))])["files"][0]["findings"]
    assert direct and where(direct) == where(zipped)
    assert {f["path"] for f in zipped} == {"dir/changji.txt"}


def test_last_years_report_in_a_format_not_read_is_refused(client, tmp_root: Path) -> None:
    response = upload(client, [("changji.txt", CHANGJI)], previous=("去年.exe", b"MZ"))
    assert response.status_code == 415
    assert response.json()["error"].startswith("上一年度报告的格式无法检查：去年.exe（支持的格式为 .txt")
    assert os.listdir(tmp_root) == []
