"""``reportlint server``: a check through the server is the check run directly, byte for
byte; a server that is gone or refuses costs nothing; bad requests do not harm it.

Each test compares a real ``python -m reportlint check`` through the server (the
``reportlint`` command hands a check to :func:`reportlint.run.client.forward` first)
with the same command run directly; the server's ``--verbose`` log proves that the
first one really went through the server.
"""

from __future__ import annotations

import marshal
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from reportlint.run import client

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
WITH_FINDINGS = "changji-kjj-2021.txt"  # wrong table layout and more: exit status 1
CLEAN_ENOUGH = "pingtan-gov-2023.txt"

pytestmark = pytest.mark.skipif(
    not hasattr(socket, "AF_UNIX") or not hasattr(os, "fork"), reason="POSIX; the Windows path is simulated here"
)


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REPORTLINT_SERVER")}
    env.pop("FORCE_COLOR", None)
    env["NO_COLOR"] = "1"
    env.setdefault("REPORTLINT_LANG", "zh")
    env.update(extra)
    return env


def _reportlint(
    args, cwd, server: str | None = None, stdin: bytes = b"", merge: bool = False, umask: str | None = None, **env: str
):
    """``python -m reportlint <args>``: (exit status, stdout, stderr) — stderr folded
    into stdout with ``merge``, as pre-commit reads a hook's output; run under
    ``umask`` if given."""
    if server is not None:
        env["REPORTLINT_SERVER"] = server
    command = [sys.executable, "-m", "reportlint", *args]
    if umask is not None:
        command = ["sh", "-c", f'umask {umask} && exec "$@"', "sh", *command]
    proc = subprocess.run(
        command,
        input=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT if merge else subprocess.PIPE,
        cwd=cwd,
        env=_env(**env),
        timeout=180,
    )
    return proc.returncode, proc.stdout, proc.stderr


class Server:
    """A ``reportlint server --verbose`` in a subprocess, its log in a file."""

    def __init__(self, folder: Path, address: Path | None = None, **env: str):
        self.log = folder / "server.log"
        self.address = str(address) if address is not None else None
        # An idle timeout: a test run killed before its clean-up leaves no server behind for long.
        args = [sys.executable, "-m", "reportlint", "server", "--verbose", "--idle-timeout", "5"]
        if address is not None:
            args += ["--socket", str(address)]
        self.env = _env(**env)
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=log, stderr=log, env=self.env)
        self.wait_ready()

    def wait_ready(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if b"listening" in self.log.read_bytes() or "监听".encode() in self.log.read_bytes():
                return
            if self.proc.poll() is not None:
                raise AssertionError(f"the server exited: {self.log.read_text()}")
            time.sleep(0.05)
        raise AssertionError(f"the server did not start: {self.log.read_text()}")

    def served(self) -> int:
        """How many checks the server has answered (its --verbose lines)."""
        return self.log.read_bytes().count(" → ".encode())

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(30)


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("reports")
    for name in (
        WITH_FINDINGS,
        CLEAN_ENOUGH,
        "shanghai-kewei-2024.md",
        "huaian-gov-2024.pdf",
        "template-2021-blank.docx",
    ):
        shutil.copy(FIXTURES / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("server")
    running = Server(folder, folder / "s.sock")
    yield running
    running.stop()


def _through_server(server: Server, args, cwd, **kw):
    before = server.served()
    result = _reportlint(args, cwd, server=server.address, **kw)
    assert server.served() == before + 1, "the check did not go through the server"
    return result


CASES = [
    pytest.param(["--no-cache", WITH_FINDINGS], id="text-findings"),
    pytest.param(["--no-cache", "--lang", "en", WITH_FINDINGS, CLEAN_ENOUGH], id="text-en-two-files"),
    pytest.param(["--no-cache", "-f", "json", WITH_FINDINGS], id="json"),
    pytest.param(["--no-cache", "-f", "sarif", WITH_FINDINGS, CLEAN_ENOUGH], id="sarif"),
    pytest.param(["--no-cache", "-f", "jsonl", "shanghai-kewei-2024.md"], id="jsonl-markdown"),
    pytest.param(["--no-cache", "-f", "github", WITH_FINDINGS], id="github"),
    pytest.param(["--no-cache", "--statistics", WITH_FINDINGS, "missing.txt"], id="statistics-and-a-missing-file"),
    pytest.param(
        ["--no-cache", "-f", "json", "huaian-gov-2024.pdf", "template-2021-blank.docx"], id="pdf-docx-in-workers"
    ),
    pytest.param(["--no-cache", "--select", "RL9999", WITH_FINDINGS], id="usage-error"),
    pytest.param(["--bogus-option"], id="click-usage-error"),
]


@pytest.mark.parametrize("args", CASES)
def test_output_is_byte_identical_to_a_direct_check(server, work, args):
    direct = _reportlint(["check", *args], work)
    served = _through_server(server, ["check", *args], work)
    assert served == direct
    assert direct[1] or direct[2]  # something to compare


def test_stdout_and_stderr_interleave_as_in_a_direct_check(server, work):
    args = ["check", "--no-cache", "-f", "jsonl", "missing.txt", WITH_FINDINGS, "nothing-here.txt"]
    direct = _reportlint(args, work, merge=True)
    assert direct[1].count(b"reportlint:") == 2
    assert _through_server(server, args, work, merge=True) == direct


def test_standard_input_is_fetched_when_the_check_reads_it(server, work):
    data = (FIXTURES / WITH_FINDINGS).read_bytes()
    args = ["check", "--no-cache", "-f", "json", "--stdin-filename", "report-2021.txt", "-"]
    direct = _reportlint(args, work, stdin=data)
    assert b"report-2021.txt" in direct[1]
    assert _through_server(server, args, work, stdin=data) == direct


def test_colour_and_terminal_width_come_from_the_client(server, work):
    args = ["check", "--no-cache", WITH_FINDINGS]
    env = {"NO_COLOR": "", "FORCE_COLOR": "1", "COLUMNS": "60"}
    direct = _reportlint(args, work, **env)
    assert b"\x1b[" in direct[1]
    assert _through_server(server, args, work, **env) == direct


def test_configuration_changes_between_requests_are_seen(server, tmp_path):
    shutil.copy(FIXTURES / WITH_FINDINGS, tmp_path / WITH_FINDINGS)
    args = ["check", "--no-cache", "-f", "json", WITH_FINDINGS]
    first = _through_server(server, args, tmp_path)
    assert b'"RL201"' in first[1]
    (tmp_path / ".reportlint.yaml").write_text("ignore: [RL201]\n", encoding="utf-8")
    second = _through_server(server, args, tmp_path)
    assert b'"RL201"' not in second[1]
    assert second == _reportlint(args, tmp_path)


def _last_years_report_appears(server: Server, folder: Path) -> None:
    """With the result cache on: a check, then last year's report added to the folder,
    then the same check — which must now compare the two (RL522: the text is last
    year's), as a direct check does."""
    folder.mkdir()
    shutil.copy(FIXTURES / WITH_FINDINGS, folder / WITH_FINDINGS)
    args = ["check", WITH_FINDINGS]
    assert b"RL522" not in _through_server(server, args, folder)[1]
    last_year = (FIXTURES / WITH_FINDINGS).read_text(encoding="utf-8").replace("2021", "2020")
    (folder / WITH_FINDINGS.replace("2021", "2020")).write_text(last_year, encoding="utf-8")
    served = _through_server(server, args, folder)
    assert b"RL522" in served[1]
    assert served == _reportlint(args, folder)


def _repository_root_appears(server: Server, folder: Path) -> None:
    """SARIF paths are relative to the repository root: a check, then ``.git`` made
    above the folder, then the same check — whose paths now start at the new root."""
    (folder / "sub").mkdir(parents=True)
    shutil.copy(FIXTURES / WITH_FINDINGS, folder / "sub" / WITH_FINDINGS)
    args = ["check", "--no-cache", "-f", "sarif", WITH_FINDINGS]
    assert f'"uri": "sub/{WITH_FINDINGS}"'.encode() not in _through_server(server, args, folder / "sub")[1]
    (folder / ".git").mkdir()
    served = _through_server(server, args, folder / "sub")
    assert f'"uri": "sub/{WITH_FINDINGS}"'.encode() in served[1]
    assert served == _reportlint(args, folder / "sub")


def test_what_one_request_saw_of_a_folder_is_not_taken_for_the_next(server, tmp_path):
    _last_years_report_appears(server, tmp_path / "reports")
    _repository_root_appears(server, tmp_path / "repository")


def test_files_written_by_the_check_land_in_the_clients_folder(server, tmp_path):
    shutil.copy(FIXTURES / WITH_FINDINGS, tmp_path / WITH_FINDINGS)
    args = ["check", "-f", "sarif", "-o", "out.sarif", WITH_FINDINGS]  # and the result cache, in ./
    code, _, _ = _through_server(server, args, tmp_path, umask="027")
    assert code == 1
    assert (tmp_path / ".reportlint_cache").is_dir()
    served = (tmp_path / "out.sarif").read_bytes(), stat.S_IMODE(os.stat(tmp_path / "out.sarif").st_mode)
    (tmp_path / "out.sarif").unlink()
    assert _reportlint(args, tmp_path, umask="027")[0] == 1
    assert served == ((tmp_path / "out.sarif").read_bytes(), stat.S_IMODE(os.stat(tmp_path / "out.sarif").st_mode))


def test_fix_edits_the_clients_file_as_a_direct_check_does(server, tmp_path):
    text = (FIXTURES / WITH_FINDINGS).read_text(encoding="utf-8").replace("进行总结。", "进行总结。。", 1)
    assert "进行总结。。" in text
    for name in ("served", "direct"):
        (tmp_path / name).mkdir()
        (tmp_path / name / WITH_FINDINGS).write_text(text, encoding="utf-8")
    args = ["check", "--fix", "--select", "RL805", WITH_FINDINGS]
    served = _through_server(server, args, tmp_path / "served")
    assert served == _reportlint(args, tmp_path / "direct")
    fixed = (tmp_path / "served" / WITH_FINDINGS).read_bytes()
    assert "进行总结。。".encode() not in fixed
    assert fixed == (tmp_path / "direct" / WITH_FINDINGS).read_bytes()


def test_plugins_installed_before_or_while_the_server_runs(tmp_path, work):
    """A plugin on the server's path is loaded once and its rule runs in the server; a
    plugin installed (or upgraded) while it runs makes it refuse, and the client runs
    the check itself — so the new plugin's rule is never missed."""
    from plugin_dist import PLUGIN_MODULE, install_plugin

    site = install_plugin(tmp_path / "site", distribution="acme-rules")
    env = {"PYTHONPATH": str(site)}
    running = Server(tmp_path, tmp_path / "s.sock", **env)
    try:
        args = ["check", "--no-cache", "-f", "json", "--extend-select", "ACME", WITH_FINDINGS]
        served = _through_server(running, args, work, **env)
        assert b'"ACME001"' in served[1]
        assert served == _reportlint(args, work, **env)
        newer = PLUGIN_MODULE.replace("ACME001", "ACME002").replace("missing-seal", "missing-seal-2")
        install_plugin(site, module="acme_more", body=newer, entry_point="acme-more", distribution="acme-more")
        before = running.served()
        direct = _reportlint(args, work, **env)
        assert b'"ACME002"' in direct[1]
        assert _reportlint(args, work, server=running.address, **env) == direct
        assert running.served() == before  # refused: run by the client
        assert b"refused: packages were installed" in running.log.read_bytes()
        # A client with another sys.path is refused too.
        other = {"PYTHONPATH": str(tmp_path)}
        assert _reportlint(args, work, server=running.address, **other) == _reportlint(args, work, **other)
        assert running.served() == before
    finally:
        running.stop()


def test_socket_is_private_to_its_user(server):
    mode = os.stat(server.address).st_mode
    assert stat.S_ISSOCK(mode)
    assert stat.S_IMODE(mode) == 0o600


def test_a_bad_request_gets_an_error_and_the_server_stays_up(server, work):
    def exchange(payload: bytes) -> dict:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(30)
            conn.connect(server.address)
            conn.sendall(len(payload).to_bytes(4, "big") + payload)
            return client.receive(conn, 1 << 20)

    assert "error" in exchange(b"\x00not marshal at all")
    assert "error" in exchange(marshal.dumps(["a", "list"]))
    good = client._request(["check", "--no-cache", WITH_FINDINGS])
    assert "error" in exchange(marshal.dumps({**good, "argv": ["init", "--force"]}))  # only checks
    assert "error" in exchange(marshal.dumps({**good, "env": {"A": 1}}))
    assert "error" in exchange(marshal.dumps({**good, "cwd": "relative/path"}))
    assert "error" in exchange(marshal.dumps({**good, "stdout": {**good["stdout"], "encoding": "no-such-codec"}}))
    assert "refused" in exchange(marshal.dumps({**good, "reportlint": 99}))
    assert "refused" in exchange(marshal.dumps({**good, "package": "/another/installation"}))
    # A message longer than any request, then a client that says nothing and leaves.
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.connect(server.address)
        conn.sendall((1 << 31).to_bytes(4, "big"))
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.connect(server.address)

    assert client.status(server.address) is not None
    direct = _reportlint(["check", "--no-cache", WITH_FINDINGS], work)
    assert _through_server(server, ["check", "--no-cache", WITH_FINDINGS], work) == direct


def test_the_check_runs_in_the_client_when_no_server_answers(tmp_path, work):
    args = ["check", "--no-cache", WITH_FINDINGS]
    direct = _reportlint(args, work)
    assert _reportlint(args, work, server=str(tmp_path / "nothing.sock")) == direct
    # A socket file left behind by a server that is gone.
    stale = tmp_path / "stale.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as left:
        left.bind(str(stale))
    assert stale.exists()
    assert _reportlint(args, work, server=str(stale)) == direct
    assert client.exchange(str(stale), args, lambda: b"") is None


def test_standard_input_read_for_a_server_that_went_away_is_read_again(tmp_path, work):
    """The server asks for standard input and dies before it answers: the check runs
    in the client, on the same input."""
    address = tmp_path / "dies.sock"
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(address))
    listener.listen(1)
    pid = os.fork()
    if pid == 0:  # a server that asks for standard input and then is gone
        try:
            conn, _ = listener.accept()
            client.receive(conn, client.MAX_REQUEST_BYTES)
            client.send(conn, {"need": "stdin"})
            client.receive(conn, client.MAX_STDIN_BYTES)
            conn.close()
        finally:
            os._exit(0)
    listener.close()
    data = (FIXTURES / WITH_FINDINGS).read_bytes()
    args = ["check", "--no-cache", "--stdin-filename", "r-2021.txt", "-"]
    try:
        assert _reportlint(args, work, server=str(address), stdin=data) == _reportlint(args, work, stdin=data)
    finally:
        os.waitpid(pid, 0)


def test_default_address_in_a_private_folder_and_one_server_per_address(tmp_path, work):
    runtime = Path(tempfile.mkdtemp(prefix="rl-", dir="/tmp"))  # short: a socket path has ~100 bytes
    env = {"XDG_RUNTIME_DIR": str(runtime)}
    try:
        running = Server(tmp_path, **env)
        try:
            folder = runtime / "reportlint"
            assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
            assert stat.S_IMODE(os.stat(folder / client.SOCKET_NAME).st_mode) == 0o600
            args = ["check", "--no-cache", WITH_FINDINGS]
            before = running.served()
            assert _reportlint(args, work, server="1", **env) == _reportlint(args, work)
            assert running.served() == before + 1
            second = subprocess.run(
                [sys.executable, "-m", "reportlint", "server"], capture_output=True, env=_env(**env), timeout=120
            )
            assert second.returncode == 2
            assert "已有 reportlint server" in second.stderr.decode()
        finally:
            running.stop()
        assert not (runtime / "reportlint" / client.SOCKET_NAME).exists()  # removed when it stops
    finally:
        shutil.rmtree(runtime)


def test_a_stale_socket_is_replaced_and_an_idle_server_stops_by_itself(tmp_path):
    address = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as left:  # a server killed with -9 leaves this
        left.bind(str(address))
    proc = subprocess.run(
        [sys.executable, "-m", "reportlint", "server", "--socket", str(address), "--idle-timeout", "0.02"],
        capture_output=True,
        env=_env(),
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert "已停止" in proc.stderr.decode()
    assert not address.exists()


def test_something_else_at_the_socket_path_is_left_alone(tmp_path):
    address = tmp_path / "notes.txt"
    address.write_text("mine", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "reportlint", "server", "--socket", str(address)],
        capture_output=True,
        env=_env(),
        timeout=180,
    )
    assert proc.returncode == 2
    assert address.read_text(encoding="utf-8") == "mine"


def test_a_tcp_listener_that_does_not_know_the_token_is_told_nothing(tmp_path):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    token_file = tmp_path / client.TOKEN_FILE_NAME
    token_file.write_bytes(b"%d %s\n" % (listener.getsockname()[1], b"ab" * 32))
    token_file.chmod(0o644)
    assert client.connect(str(token_file)) is None  # a token file others can read is no proof
    token_file.chmod(0o600)
    received: list[bytes] = []

    def impostor() -> None:
        conn, _ = listener.accept()
        with conn:
            client.receive_bytes(conn, 64)
            client.send_bytes(conn, os.urandom(48))  # not the proof
            received.append(conn.recv(1 << 16))

    thread = threading.Thread(target=impostor)
    thread.start()
    try:
        assert client.exchange(str(token_file), ["check", WITH_FINDINGS], lambda: b"") is None
    finally:
        thread.join(30)
        listener.close()
    assert received == [b""]  # not a byte of the request


def test_forward_answers_none_unless_a_server_is_configured(monkeypatch):
    monkeypatch.delenv("REPORTLINT_SERVER", raising=False)
    assert client.forward(["check", "x.txt"]) is None
    monkeypatch.setenv("REPORTLINT_SERVER", "/nonexistent/reportlint.sock")
    assert client.forward(["check", "x.txt"]) is None
    assert client.forward(["rules"]) is None  # only checks are handed over


def test_windows_path_tcp_with_a_token_and_requests_in_the_server_process(tmp_path, work):
    """REPORTLINT_SERVER_WINDOWS=1: 127.0.0.1 TCP with a 0600 token file, every request
    answered in the server process itself — what is remembered of one request's
    folder must not show in the next."""
    address = tmp_path / client.TOKEN_FILE_NAME
    running = Server(tmp_path, address, REPORTLINT_SERVER_WINDOWS="1")
    try:
        assert stat.S_ISREG(os.stat(address).st_mode)
        assert stat.S_IMODE(os.stat(address).st_mode) == 0o600
        status = client.status(str(address))
        assert status is not None and status["fork"] is False
        args = ["check", "--no-cache", "-f", "json", WITH_FINDINGS]
        assert _through_server(running, args, work) == _reportlint(args, work)
        # The same folder again after a change of its configuration, in the same process.
        folder = tmp_path / "changing"
        folder.mkdir()
        shutil.copy(FIXTURES / WITH_FINDINGS, folder / WITH_FINDINGS)
        assert b'"RL201"' in _through_server(running, args, folder)[1]
        (folder / ".reportlint.yaml").write_text("ignore: [RL201]\n", encoding="utf-8")
        assert _through_server(running, args, folder) == _reportlint(args, folder)
        _last_years_report_appears(running, tmp_path / "cross-year")
        _repository_root_appears(running, tmp_path / "repository")
        # Without the token nothing is read.
        port = int(address.read_bytes().split()[0])
        with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
            conn.sendall((16).to_bytes(4, "big") + os.urandom(16))
            proof = client.receive_bytes(conn, 64)  # the server shows it knows the token…
            assert len(proof) == 48
            wrong = client.token_proof(b"not the token", b"client", proof[32:])
            conn.sendall(len(wrong).to_bytes(4, "big") + wrong)  # …the client cannot
            status = marshal.dumps({"reportlint": client.PROTOCOL, "op": "status"})
            conn.sendall(len(status).to_bytes(4, "big") + status)
            try:
                answer = conn.recv(1)
            except ConnectionResetError:  # closed with the request unread
                answer = b""
            assert answer == b""  # no answer
        assert client.status(str(address)) is not None
    finally:
        running.stop()
    assert not address.exists()
