"""``--fix`` on hostile files, through the CLI (each run in a subprocess with a timeout)."""

from __future__ import annotations

import codecs
import os
import shutil
import subprocess
import sys

import pytest

TIMEOUT = 120
# "。。" is a doubled full stop: RL805 deletes one, a fix whose edit is known exactly.
REPORT = "标题。。\n正文第一行\n第二行。\n"
FIXED = "标题。\n正文第一行\n第二行。\n"


def run(*args, cwd=None):
    env = dict(os.environ, NO_COLOR="1", REPORTLINT_LANG="en", REPORTLINT_NO_CACHE="1")
    proc = subprocess.run(
        [sys.executable, "-m", "reportlint", "check", "--select", "RL805", "--no-cache", *args],
        capture_output=True,
        timeout=TIMEOUT,
        env=env,
        cwd=cwd,
    )
    proc.out = proc.stdout.decode("utf-8", "replace")
    proc.err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in proc.err and "internal error" not in proc.err, proc.err
    return proc


@pytest.mark.parametrize(
    "bom,codec",
    [
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF8, "utf-8"),
    ],
)
def test_fix_keeps_byte_order_and_bom(tmp_path, bom, codec):
    p = tmp_path / "r.txt"
    p.write_bytes(bom + REPORT.encode(codec))
    r = run("--fix", str(p))
    assert r.returncode in (0, 1), r.err
    assert p.read_bytes() == bom + FIXED.encode(codec)


def test_fix_keeps_damaged_bytes(tmp_path):
    p = tmp_path / "r.txt"
    body = "政府信息公开工作年度报告正文内容" * 10
    data = REPORT.encode() + body.encode() + b"\xff\xfe" + body.encode() + b"\xe4\xb8\n"
    p.write_bytes(data)
    r = run("--fix", str(p))
    assert r.returncode in (0, 1), r.err
    assert p.read_bytes() == data.replace("。。".encode(), "。".encode(), 1)


def test_fix_keeps_mixed_line_ends(tmp_path):
    p = tmp_path / "r.txt"
    data = "标题。。\r\n正文\n第二行\r\n第三行\r末行".encode()
    p.write_bytes(data)
    r = run("--fix", str(p))
    assert r.returncode in (0, 1), r.err
    assert p.read_bytes() == "标题。\r\n正文\n第二行\r\n第三行\r末行".encode()


def test_fix_gbk_stays_gbk(tmp_path):
    p = tmp_path / "r.txt"
    p.write_bytes(REPORT.encode("gbk"))
    r = run("--fix", str(p))
    assert r.returncode in (0, 1), r.err
    assert p.read_bytes() == FIXED.encode("gbk")


def test_fix_refuses_a_read_only_file(tmp_path):
    p = tmp_path / "r.txt"
    p.write_bytes(REPORT.encode())
    p.chmod(0o444)
    other = tmp_path / "s.txt"
    other.write_bytes(REPORT.encode())
    r = run("--fix", str(p), str(other))
    assert r.returncode == 2
    assert "read-only" in r.err and "r.txt" in r.err
    assert p.read_bytes() == REPORT.encode()
    assert os.stat(p).st_mode & 0o777 == 0o444
    assert other.read_bytes() == FIXED.encode()  # the other file is still fixed


def test_fix_read_only_message_in_chinese(tmp_path):
    p = tmp_path / "r.txt"
    p.write_bytes(REPORT.encode())
    p.chmod(0o444)
    r = run("--fix", "--lang", "zh", str(p))
    assert r.returncode == 2 and "只读" in r.err


def test_fix_through_a_symlink_fixes_the_target(tmp_path):
    target = tmp_path / "real.txt"
    target.write_bytes(REPORT.encode())
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    r = run("--fix", str(link))
    assert r.returncode in (0, 1), r.err
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes() == FIXED.encode()


def test_fix_keeps_hard_links(tmp_path):
    p = tmp_path / "r.txt"
    p.write_bytes(REPORT.encode())
    twin = tmp_path / "twin.txt"
    os.link(p, twin)
    inode = os.stat(p).st_ino
    r = run("--fix", str(p))
    assert r.returncode in (0, 1), r.err
    assert os.stat(p).st_ino == inode and os.stat(twin).st_ino == inode
    assert twin.read_bytes() == FIXED.encode()
    assert not [x for x in os.listdir(tmp_path) if x.startswith(".")]  # no backup left behind


def test_fix_keeps_mode_and_owner(tmp_path):
    p = tmp_path / "r.txt"
    p.write_bytes(REPORT.encode())
    p.chmod(0o640)
    owner = None
    if os.geteuid() == 0:
        owner = (65534, 65534)
        os.chown(p, *owner)
    r = run("--fix", str(p))
    assert r.returncode in (0, 1), r.err
    st = os.stat(p)
    assert st.st_mode & 0o7777 == 0o640
    if owner:
        assert (st.st_uid, st.st_gid) == owner
    assert p.read_bytes() == FIXED.encode()


def test_second_fix_changes_nothing_on_the_corpus(tmp_path, fixtures):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for f in sorted(fixtures.glob("*.txt")) + sorted(fixtures.glob("*.md")):
        shutil.copy(f, corpus / f.name)
    env = dict(os.environ, NO_COLOR="1", REPORTLINT_LANG="en")
    cmd = [sys.executable, "-m", "reportlint", "check", "--no-cache", "--fix", str(corpus)]
    subprocess.run(cmd, capture_output=True, timeout=TIMEOUT * 3, env=env)
    once = {p.name: p.read_bytes() for p in corpus.iterdir()}
    second = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT * 3, env=env)
    assert b"Traceback" not in second.stderr
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == once
    assert b"fixed" not in second.stdout.splitlines()[-1]


def test_fix_with_thousands_of_fixes_finishes(tmp_path):
    p = tmp_path / "r.txt"
    lines = ["标题"] + [f"第{i}段正文内容。。" for i in range(3000)]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = run("--fix", str(p))  # the subprocess timeout is the bound
    assert r.returncode in (0, 1), r.err
    assert "。。" not in p.read_text(encoding="utf-8")


def test_fix_does_not_follow_into_a_changed_file(tmp_path):
    # The fixer re-reads the file and refuses when it no longer is what was checked.
    from reportlint.core.diagnostics import Edit
    from reportlint.readers import read
    from reportlint.run import fixer

    p = tmp_path / "r.txt"
    p.write_bytes(REPORT.encode())
    extracted = read(str(p))
    p.write_bytes("别的内容\n".encode())
    with pytest.raises(fixer.FixError):
        fixer.write_fixed(extracted, FIXED, [Edit(2, 3, "")])
    assert p.read_bytes() == "别的内容\n".encode()
