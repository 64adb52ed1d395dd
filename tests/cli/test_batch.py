"""Batch runs: worker processes, deterministic order, the result cache."""

import json
import pickle
import shutil

from reportlint.core.errors import InputError
from reportlint.core.i18n import T


def test_errors_survive_the_trip_between_processes():
    err = InputError(T("坏文件", "bad file"), "a.docx", 3, 4)
    back = pickle.loads(pickle.dumps(err))
    assert (back.message, back.path, back.line, back.column) == (err.message, "a.docx", 3, 4)


def test_parallel_output_equals_serial_output(cli, corpus_copy):
    (corpus_copy / "garbage.docx").write_bytes(b"\x00\x01 not a zip")
    serial = cli("check", "-j", "1", "--no-cache", "--format", "json", str(corpus_copy))
    parallel = cli("check", "-j", "2", "--no-cache", "--format", "json", str(corpus_copy))
    assert serial.returncode == parallel.returncode == 2
    assert json.loads(serial.out) == json.loads(parallel.out)
    assert len(json.loads(serial.out)) > 20
    assert "garbage.docx" in parallel.err and "Traceback" not in parallel.err
    jsonl = cli("check", "-j", "2", "--no-cache", "--format", "jsonl", str(corpus_copy))
    rows = [json.loads(l) for l in jsonl.out.splitlines()]
    paths = [row["path"] for row in rows if "type" not in row]
    assert paths == sorted(paths, key=lambda p: sorted(set(paths)).index(p))  # grouped, in file order
    records = [row["path"] for row in rows if row.get("type") == "report"]  # then one record per file
    assert records == list(dict.fromkeys(records)) and set(paths) <= set(records)


def test_cache_hits_give_identical_results_and_follow_changes(cli, tmp_path, fixtures):
    work = tmp_path / "reports"
    work.mkdir()
    for name in ("changji-kjj-2021.txt", "zhangjiakou-kjj-2010.txt", "huaian-gov-2024.pdf"):
        shutil.copy(fixtures / name, work / name)
    cold = cli("check", "--format", "json", str(work), cwd=tmp_path)
    assert (tmp_path / ".reportlint_cache" / ".gitignore").exists()
    warm = cli("check", "--format", "json", str(work), cwd=tmp_path)
    assert json.loads(cold.out) == json.loads(warm.out)
    # Edit one report: its result changes, the cache does not hide it.
    with open(work / "changji-kjj-2021.txt", "a", encoding="utf-8") as fh:
        fh.write("\n补充说明。。\n")  # the file ends without a newline: start a line of its own
    edited = cli("check", "--format", "json", str(work), cwd=tmp_path)

    def codes_of(out):
        items = json.loads(out)
        return sorted(d["code"] for d in items if "code" in d and d["path"].endswith("changji-kjj-2021.txt"))

    assert "RL805" not in codes_of(cold.out)
    assert "RL805" in codes_of(edited.out)
    # A different configuration is a different key.
    selected = cli("check", "--select", "RL805", "--format", "json", str(work), cwd=tmp_path)
    assert {d["code"] for d in json.loads(selected.out) if "code" in d} == {"RL805"}
    # English messages come from the same cache entry.
    en = cli("check", "--lang", "en", "--format", "json", str(work), cwd=tmp_path)
    assert any("delete" in d["message"] for d in json.loads(en.out) if "code" in d)
