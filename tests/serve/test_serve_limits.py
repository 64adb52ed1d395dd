"""Time limits and concurrency: a check past its limit is stopped and reported while the
server keeps answering; 20 uploads at once all complete with the right findings."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from serve_helpers import FIXTURES, check_done, cli_findings, upload, wait_done, where

# ~15 MB of a real report over and over: tens of seconds of checking, under the CLI's size limit
BIG = (FIXTURES / "pingtan-gov-2016.txt").read_bytes() * 1000
CHANGJI = (FIXTURES / "changji-kjj-2021.txt").read_bytes()


def test_a_file_past_the_time_limit_is_reported_and_the_others_checked(make_client, tmp_root: Path) -> None:
    # the CLI's own per-file limit (--time-limit): the big file stops, the small one does not
    with make_client(time_limit_seconds=5) as client:
        job = check_done(client, [("big.txt", BIG), ("changji.txt", CHANGJI)])
        big, txt = job["files"]
        assert big["status"] == "error"
        assert big["error"].startswith("检查超过每个文件的时间上限（5 秒），已停止检查此文件")
        assert txt["status"] == "done" and txt["counts"] == {"error": 1, "warning": 2, "info": 0}
    assert os.listdir(tmp_root) == []


def test_a_check_past_the_wall_clock_is_killed_while_the_server_answers(make_client, tmp_root: Path) -> None:
    # no margin over the per-file limit: the subprocess itself is killed (its process group)
    with make_client(time_limit_seconds=0.3, wall_clock_margin_seconds=0, workers=1) as client:
        response = upload(client, [("big.txt", BIG)], lang="en")
        assert response.status_code == 202
        # while it runs (or is being killed), the server answers
        assert client.get("/api/options").status_code == 200
        assert client.get(response.json()["url"]).json()["state"] in ("queued", "running", "done")
        job = wait_done(client, response.json()["url"])
        (big,) = job["files"]
        assert big["status"] == "error"
        assert big["error"] == "the check took longer than the time limit (0.3 s) and was stopped"
        assert client.get("/api/options").status_code == 200
    assert os.listdir(tmp_root) == []


def test_twenty_concurrent_uploads_all_complete_with_the_right_findings(client, tmp_path: Path) -> None:
    reports = ["changji-kjj-2021.txt", "pingtan-gov-2023.txt", "shuyang-gov-2025.txt", "zhangjiakou-kjj-2010.txt"]
    expected = {name: where(cli_findings(tmp_path, name, (FIXTURES / name).read_bytes())) for name in reports}
    results: dict[int, dict] = {}
    failures: list[BaseException] = []

    def one(k: int) -> None:
        name = reports[k % len(reports)]
        try:
            results[k] = check_done(client, [(name, (FIXTURES / name).read_bytes())])
        except BaseException as exc:  # reported by the main thread
            failures.append(exc)

    threads = [threading.Thread(target=one, args=(k,)) for k in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures, failures
    assert len(results) == 20 and len({job["id"] for job in results.values()}) == 20
    for k, job in results.items():
        (entry,) = job["files"]
        name = reports[k % len(reports)]
        assert entry["name"] == name and entry["status"] == "done"
        assert where(entry["findings"]) == expected[name], name


def test_deleting_a_running_job_stops_its_check_and_removes_its_files(client, tmp_root: Path) -> None:
    response = upload(client, [("big.txt", BIG)])
    url = response.json()["url"]
    deadline = time.monotonic() + 60
    while client.get(url).json()["files"][0]["status"] != "running":
        assert time.monotonic() < deadline, "the check never started"
        time.sleep(0.02)
    assert len(os.listdir(tmp_root)) == 1  # its uploads, while it runs
    assert _processes_in(tmp_root)  # the check's subprocess, in the job's folder
    assert client.delete(url).status_code == 204
    assert client.get(url).status_code == 404
    while os.listdir(tmp_root) or _processes_in(tmp_root):  # its subprocesses killed, its directory removed
        assert time.monotonic() < deadline, (os.listdir(tmp_root), _processes_in(tmp_root))
        time.sleep(0.02)
    assert client.get("/api/options").status_code == 200


def _processes_in(folder: Path) -> list[str]:
    """The processes whose working directory is under ``folder`` (Linux's /proc)."""
    found = []
    for cwd in Path("/proc").glob("[0-9]*/cwd"):
        try:
            if os.readlink(cwd).startswith(str(folder)):
                found.append(cwd.parent.name)
        except OSError:
            pass
    return found
