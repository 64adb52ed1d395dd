"""``reportlint server``: a long-lived process that answers ``reportlint check`` over a
local socket, without the start-up a new process pays (imports, the rule registry,
rule data, compiled patterns — some 300–500 ms against a few ms of lint work).

**What it keeps warm, what it reads again.** The server loads the rule registry once
(with and without plugins), builds typer's command once, and runs a check of a
built-in sample in every output format before it listens, so every module, rule data
file and compiled pattern a check needs is in memory. Everything else is read per
request, as a check run directly reads it: the files, ``.reportlint.yaml`` (it may
change between two requests), the result cache, last year's reports. A request
from another installation (reportlint's version or folder, ``sys.path``) is refused,
and so is every request once a folder of ``sys.path`` has changed since start-up (a
distribution installed, upgraded or removed there): the client then runs the check
itself, so a plugin is never missed; restart the server to have it loaded.

**The same code path, the same bytes.** A request carries the check's arguments, the
client's working directory, environment, umask, terminal sizes and a description
of its standard streams (terminal or not, encoding, buffering). The server runs the
very function the ``reportlint`` command runs (:func:`reportlint.cli.main`, handed in
by the CLI) with ``sys.argv``, ``os.environ``, the working directory and the standard
streams set to the client's, so behaviour cannot drift: the client writes back the
bytes in the order they were written, byte-identical to a check run in the client's
process (``tests/run/test_server.py`` compares them). Standard input is fetched
from the client only when the check reads it (``-``). Files the check writes
(``--output-file``, ``--fix``, ``--annotate``, the cache, a baseline) are written
there too, against the client's working directory with its umask.

**One process per request.** Where ``os.fork`` exists, each connection is answered by
a child forked from the warm server and gone after it: no state of one request (a
module-level memo, a changed environment, a crash in a C extension, a runaway
allocation) can reach the next or the server itself. One child waits on standby,
its pages already its own (it checks the sample once: the first check in a fresh
fork pays ~10 ms of copy-on-write faults), and the next is prepared only while no
check is under way; a client arriving meanwhile gets a child at once, up to one busy
child per core — further clients wait in the backlog. The
per-file limits of :mod:`reportlint.run.limits` hold inside a child exactly as in a
check run directly (the interval timer in its main thread; PDF and Word files in
worker processes under the memory cap). Reading a request has a time limit
(:data:`REQUEST_TIMEOUT`); waiting for standard input, the per-file one. Ctrl-C at
the server's terminal stops the server; checks under way are finished. Without fork
(Windows) requests are answered one at a time in the server process itself, with
that state saved and restored around each and what the run, config and output
layers remember of files and folders forgotten after each.

**Where it listens, who may talk to it.** A Unix socket, ``server.sock`` in a per-user
folder (:func:`reportlint.run.client.default_address`: ``$XDG_RUNTIME_DIR/reportlint``
or ``~/.cache/reportlint``) created 0700, the socket itself 0600; on Linux the server
also checks each peer's user id. Where there are no Unix sockets (Windows), it
listens on 127.0.0.1 TCP and writes ``<port> <token>`` (a random 256-bit token) into
``server.tcp`` in that folder, readable by its user only; client and server each prove
they know the token (an HMAC of the other's nonce) before anything else is read. The protocol is described in
:mod:`reportlint.run.client`.
"""

from __future__ import annotations

import functools
import gc
import hmac
import io
import os
import signal
import socket
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

from reportlint.core.errors import UsageError
from reportlint.core.i18n import T
from reportlint.run import client
from reportlint.run.limits import DEFAULT_TIME_LIMIT

REQUEST_TIMEOUT = 10.0  # seconds for a client to send its request (it sends it at once)
STDIN_TIMEOUT = DEFAULT_TIME_LIMIT  # standard input is a file: the per-file time limit
RESPONSE_TIMEOUT = 60.0  # seconds for a client to take the answer
POLL_SECONDS = 1.0  # how often an idle server looks at the clock and its children
BACKLOG = 64
NEWLINE = None if os.name == "nt" else "\n"  # what Python gives sys.stdout on this platform

RunCli = Callable[[], Any]


def serve(
    run_cli: RunCli,
    socket_path: str | None = None,
    idle_minutes: float = 0,
    verbose: bool = False,
    lang: str = "zh",
) -> int:
    """Listen until Ctrl-C (or SIGTERM, or ``idle_minutes`` without a request)."""
    tcp = client.windows_path() or not hasattr(socket, "AF_UNIX")
    fork = hasattr(os, "fork") and not client.windows_path()
    address = os.path.abspath(socket_path) if socket_path else client.default_address()
    endpoint = Endpoint(address, tcp, private_folder=socket_path is None)
    try:
        endpoint.open()
    except OSError as exc:  # a folder it may not create, a path too long for a socket…
        raise UsageError(
            T("无法在 {a} 监听：{e}", "cannot listen on {a}: {e}").format(a=address, e=exc.strerror or exc)
        ) from None
    try:
        _keep_warm()
        _warm_up(run_cli)
        gc.freeze()  # what start-up built is never collected: forked children leave its pages shared
        hint = "1" if socket_path is None else address
        print(
            T(
                "reportlint server：正在监听 {a}（设置环境变量 REPORTLINT_SERVER={h}，reportlint check 即交由它执行）",
                "reportlint server: listening on {a} (set REPORTLINT_SERVER={h} for reportlint check to use it)",
            )
            .format(a=address, h=hint)
            .get(lang),
            file=sys.stderr,
            flush=True,
        )
        server = Server(run_cli, endpoint, fork=fork, idle_seconds=idle_minutes * 60, verbose=verbose)
        for signum in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
            if signum is not None:
                signal.signal(signum, _stop)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    finally:
        endpoint.close()
    print(T("reportlint server：已停止", "reportlint server: stopped").get(lang), file=sys.stderr)
    return 0


def _stop(signum, frame) -> None:
    raise KeyboardInterrupt


# -- where it listens ------------------------------------------------------------------------
class Endpoint:
    """The listening socket: a Unix socket (0600) or, on the Windows path, 127.0.0.1
    TCP with a token file (0600) at ``address``."""

    def __init__(self, address: str, tcp: bool, private_folder: bool):
        self.address = address
        self.tcp = tcp
        self.private_folder = private_folder
        self.listener: socket.socket | None = None
        self.token = b""
        self._created: tuple[int, int] | None = None  # (device, inode) of the file we made

    def open(self) -> None:
        folder = os.path.dirname(self.address)
        if self.private_folder:
            _make_private_folder(folder)
        if _listened_on(self.address):
            raise UsageError(
                T("已有 reportlint server 在 {a} 监听", "a reportlint server is already listening on {a}").format(
                    a=self.address
                )
            )
        self._remove_stale()
        if self.tcp:
            self._open_tcp()
        else:
            self._open_unix()

    def _remove_stale(self) -> None:
        """A socket or token file left by a server that is gone; anything else at that
        path is not ours to remove."""
        import stat

        try:
            st = os.lstat(self.address)
        except FileNotFoundError:
            return
        ours = stat.S_ISSOCK(st.st_mode) if not self.tcp else stat.S_ISREG(st.st_mode) and _is_token_file(self.address)
        if not ours:
            raise UsageError(
                T(
                    "{a} 已存在且不是 reportlint server 的套接字", "{a} exists and is not a reportlint server's socket"
                ).format(a=self.address)
            )
        os.unlink(self.address)

    def _open_unix(self) -> None:
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        previous = os.umask(0o177)  # created 0600: never, even for a moment, open to others
        try:
            listener.bind(self.address)
        finally:
            os.umask(previous)
        listener.listen(BACKLOG)
        self.listener = listener
        st = os.stat(self.address)
        self._created = (st.st_dev, st.st_ino)

    def _open_tcp(self) -> None:
        import secrets

        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.bind(("127.0.0.1", 0))
        listener.listen(BACKLOG)
        self.listener = listener
        self.token = secrets.token_hex(32).encode()
        port = listener.getsockname()[1]
        partial = f"{self.address}.{os.getpid()}.tmp"
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(b"%d %s\n" % (port, self.token))
        os.replace(partial, self.address)
        st = os.stat(self.address)
        self._created = (st.st_dev, st.st_ino)

    def authenticate(self, conn: socket.socket) -> bool:
        """Whether the peer is this user's: its user id (Linux) or the token (TCP)."""
        if self.tcp:
            try:
                nonce = client.receive_bytes(conn, 64)
                mine = os.urandom(16)
                client.send_bytes(conn, client.token_proof(self.token, b"server", nonce) + mine)
                proof = client.receive_bytes(conn, 64)
            except (OSError, EOFError, ValueError):
                return False
            return hmac.compare_digest(proof, client.token_proof(self.token, b"client", mine))
        if hasattr(socket, "SO_PEERCRED"):
            import struct

            creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
            _, uid, _ = struct.unpack("3i", creds)
            return uid == os.getuid()
        return True  # the 0700 folder and the 0600 socket keep others out

    def close(self) -> None:
        if self.listener is not None:
            self.listener.close()
            self.listener = None
        try:
            st = os.stat(self.address)
            if self._created == (st.st_dev, st.st_ino):  # not a newer server's
                os.unlink(self.address)
        except OSError:
            pass


def _listened_on(address: str) -> bool:
    """Whether something listens at ``address`` (a socket, or the port of a token
    file): then a server is running there, however long it takes to answer — only a
    connection refused says the file was left by a server that is gone."""
    import stat

    try:
        if stat.S_ISSOCK(os.stat(address).st_mode):
            target: Any = address
            family = socket.AF_UNIX
        else:
            target = ("127.0.0.1", client.read_token_file(address)[0])
            family = socket.AF_INET
    except (OSError, ValueError, IndexError):
        return False
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.settimeout(client.CONNECT_TIMEOUT)
        try:
            probe.connect(target)
        except (ConnectionRefusedError, FileNotFoundError):
            return False
        except OSError:
            return True  # it did not refuse: something is there
    return True


def _make_private_folder(folder: str) -> None:
    """The per-user folder of the default address, 0700 and this user's."""
    os.makedirs(folder, mode=0o700, exist_ok=True)
    if not hasattr(os, "getuid"):
        return  # Windows: %LOCALAPPDATA% is the user's own
    st = os.lstat(folder)
    import stat

    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid():
        raise UsageError(
            T(
                "{f} 不是当前用户自己的目录，不在其中监听", "{f} is not a folder of this user's; not listening there"
            ).format(f=folder)
        )
    if st.st_mode & 0o077:
        os.chmod(folder, 0o700)


def _is_token_file(path: str) -> bool:
    try:
        client.read_token_file(path)
    except (OSError, ValueError, IndexError):
        return False
    return True


# -- answering -------------------------------------------------------------------------------
class Server:
    """Answers the connections of an open :class:`Endpoint` until stopped."""

    def __init__(self, run_cli: RunCli, endpoint: Endpoint, fork: bool, idle_seconds: float, verbose: bool):
        self.run_cli = run_cli
        self.endpoint = endpoint
        self.fork = fork
        self.idle_seconds = idle_seconds
        self.verbose = verbose
        self._notify = -1  # the write end of the children's notice pipe
        self.max_children = max(1, os.cpu_count() or 1)
        self.started = time.time()
        self.pid = os.getpid()
        import reportlint

        self.package = os.path.realpath(os.path.dirname(os.path.abspath(reportlint.__file__ or "")))
        self.path = sys.path[1:]
        self.installed = installation_stamp(self.path)

    def serve_forever(self) -> None:
        if self.fork:
            self._serve_with_children()
        else:
            self._serve_in_process()

    def _serve_in_process(self) -> None:
        listener = self.endpoint.listener
        assert listener is not None
        listener.settimeout(POLL_SECONDS)
        last = time.monotonic()
        while not (self.idle_seconds and time.monotonic() - last >= self.idle_seconds):
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            with conn:
                self.answer(conn)
            _forget_run_state()
            last = time.monotonic()

    def _serve_with_children(self) -> None:
        """One child per connection, forked from this warm process.

        While nothing is being checked, one child waits on standby with its pages
        already its own: it has checked the sample once, since the first check in a
        fresh fork pays ~10 ms of copy-on-write faults. The next standby is forked
        only once no check is under way, so preparing it never takes CPU from a
        client waiting for an answer; a client that connects while every standby is
        taken gets a child of its own at once (without the sample check), up to one
        busy child per core — further clients wait in the backlog. The children say
        on a pipe when they take a connection and when they are done with it."""
        import select

        listener = self.endpoint.listener
        assert listener is not None
        notices, self._notify = os.pipe()
        standby: int | None = None
        busy: set[int] = set()
        last = time.monotonic()
        try:
            while True:
                for pid in self._reaped():
                    busy.discard(pid)
                    if pid == standby:  # died before it took a connection
                        standby = None
                if standby is None and not busy:
                    standby = self._fork_child(notices, touch=True)
                if self.idle_seconds and not busy and time.monotonic() - last >= self.idle_seconds:
                    return
                watched = [notices]
                if standby is None and len(busy) < self.max_children:
                    watched.append(listener.fileno())  # a client waiting with no child to take it
                ready, _, _ = select.select(watched, [], [], POLL_SECONDS)
                if listener.fileno() in ready:
                    standby = self._fork_child(notices, touch=False)
                if notices not in ready:
                    continue
                for line in os.read(notices, 4096).decode().split():
                    kind, pid = line[0], int(line[1:])
                    if kind == "a":  # took a connection: no longer on standby
                        busy.add(pid)
                        if pid == standby:
                            standby = None
                    else:  # done with it
                        busy.discard(pid)
                    last = time.monotonic()
        finally:
            if standby is not None:  # waiting in accept(): nothing of a request is lost
                try:
                    os.kill(standby, signal.SIGTERM)
                except ProcessLookupError:
                    pass
            os.close(notices)

    def _fork_child(self, notices: int, touch: bool) -> int:
        """A child that takes one connection, answers it and exits; ``touch``: check
        the sample first (a standby)."""
        pid = os.fork()
        if pid:
            return pid
        status = 0
        try:
            # Ctrl-C at the server's terminal stops the server; a check under way is finished.
            # SIGTERM (the server stopping its standby) ends it with its temporary folder removed.
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, _stop)
            os.close(notices)
            if touch:
                _touch_pages(self.run_cli)
            listener = self.endpoint.listener
            assert listener is not None
            listener.settimeout(None)
            conn, _ = listener.accept()
            listener.close()
            self._tell("a")
            with conn:
                self.answer(conn)
            self._tell("d")
        except BaseException:
            status = 1
            if self.verbose:
                import traceback

                os.write(2, traceback.format_exc().encode("utf-8", "backslashreplace"))
        finally:
            os._exit(status)  # no atexit handlers, no flush of the server's own buffers

    def _tell(self, kind: str) -> None:
        os.write(self._notify, f"{kind}{os.getpid()}\n".encode())  # one write below PIPE_BUF: atomic

    def _reaped(self) -> list[int]:
        """The children that have exited since the last call."""
        out: list[int] = []
        while True:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return out
            if pid == 0:
                return out
            out.append(pid)

    def answer(self, conn: socket.socket) -> None:
        """Read one request from ``conn`` and answer it."""
        conn.settimeout(REQUEST_TIMEOUT)
        if not self.endpoint.authenticate(conn):
            return
        try:
            request = client.receive(conn, client.MAX_REQUEST_BYTES)
        except (OSError, EOFError):
            return  # gone, or too slow to send a request
        except (ValueError, TypeError) as exc:
            self._reply(conn, {"error": f"not a request: {exc}"})
            return
        if request.get("reportlint") != client.PROTOCOL:
            self._reply(
                conn, {"refused": f"protocol {request.get('reportlint')!r}, this server speaks {client.PROTOCOL}"}
            )
            return
        if request.get("op") == "status":
            self._reply(conn, {"status": self.status()})
            return
        problem = request_problem(request)
        if problem is not None:
            self._reply(conn, {"error": problem})
            return
        refusal = self._refusal(request)
        if refusal is not None:
            if self.verbose:
                os.write(2, f"reportlint server: refused: {refusal}\n".encode("utf-8", "backslashreplace"))
            self._reply(conn, {"refused": refusal})
            return
        started, cpu = time.perf_counter(), time.process_time()

        def fetch_stdin() -> bytes:
            conn.settimeout(STDIN_TIMEOUT)
            client.send(conn, {"need": "stdin"})
            reply = client.receive(conn, client.MAX_STDIN_BYTES)
            data = reply.get("stdin")
            if not isinstance(data, bytes):
                raise OSError("the client sent no standard input")
            return data

        code, output = run_check(self.run_cli, request, fetch_stdin)
        if self.verbose:
            took = (time.perf_counter() - started) * 1000
            cpu = (time.process_time() - cpu) * 1000
            line = " ".join(request["argv"])
            line = line if len(line) <= 200 else line[:199] + "…"
            log = f"reportlint server: {line} → {code} ({took:.0f} ms, {cpu:.0f} ms CPU)\n"
            os.write(2, log.encode("utf-8", "backslashreplace"))
        self._reply(conn, {"exit": code, "output": output})

    def _reply(self, conn: socket.socket, message: dict) -> None:
        try:
            conn.settimeout(RESPONSE_TIMEOUT)
            client.send(conn, message)
        except OSError:
            pass  # the client went away: nothing to tell anyone

    def _refusal(self, request: dict) -> str | None:
        """Why this server must not run the request (the client then runs it itself)."""
        from reportlint import __version__

        package = os.path.realpath(request["package"])
        if request["version"] != __version__ or package != self.package:
            return f"this server runs reportlint {__version__} from {self.package}"
        if request["path"] != self.path:
            return "another sys.path (PYTHONPATH, site): other plugins may be installed there"
        if installation_stamp(self.path) != self.installed:
            return "packages were installed, upgraded or removed since this server started: restart it"
        if not os.path.isdir(request["cwd"]):
            return "the working directory is not there"
        return None

    def status(self) -> dict:
        from reportlint import __version__

        return {
            "pid": self.pid,
            "version": __version__,
            "package": self.package,
            "started": self.started,
            "fork": self.fork,
        }


def installation_stamp(path: list[str]) -> tuple:
    """When each folder of ``path`` last changed: installing, upgrading or removing a
    distribution adds or removes a ``*.dist-info`` in its folder, so a plugin the
    registry loaded at start-up is never taken for the one installed now."""
    stamp: list[tuple[str, int | None]] = []
    for entry in path:
        try:
            stamp.append((entry, os.stat(entry or os.curdir).st_mtime_ns))
        except OSError:
            stamp.append((entry, None))
    return tuple(stamp)


def request_problem(request: dict) -> str | None:
    """What is wrong with a check request, or None: every field is checked before any
    is used."""
    import codecs

    argv = request.get("argv")
    if not isinstance(argv, list) or argv[:1] != ["check"] or not all(isinstance(a, str) for a in argv):
        return "argv: a list of strings starting with 'check'"
    prog = request.get("prog")
    if not (
        isinstance(prog, (list, tuple))
        and len(prog) == 2
        and isinstance(prog[0], str)
        and (prog[1] is None or isinstance(prog[1], str))
    ):
        return "prog: [argv[0], __main__.__package__]"
    path = request.get("path")
    if not isinstance(path, list) or not all(isinstance(p, str) for p in path):
        return "path: a list of strings"
    for name in ("version", "package", "cwd"):
        if not isinstance(request.get(name), str):
            return f"{name}: a string"
    if not os.path.isabs(request["cwd"]):
        return "cwd: an absolute path"
    env = request.get("env")
    if not isinstance(env, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and k and "=" not in k[1:] and "\0" not in k + v
        for k, v in env.items()
    ):
        return "env: a dict of strings"
    umask = request.get("umask")
    if not isinstance(umask, int) or not 0 <= umask <= 0o777:
        return "umask: 0 to 0o777"
    for name in ("stdin", "stdout", "stderr"):
        desc = request.get(name)
        if not isinstance(desc, dict) or not isinstance(desc.get("tty"), bool):
            return f"{name}: a stream description"
        try:
            codecs.lookup(str(desc.get("encoding")))
            codecs.lookup_error(str(desc.get("errors")))
        except LookupError:
            return f"{name}: an encoding and an error handler Python knows"
        if name != "stdin":
            size = desc.get("buffer_size")
            if not (isinstance(desc.get("line_buffering"), bool) and isinstance(desc.get("write_through"), bool)):
                return f"{name}: line_buffering and write_through"
            if size is not None and not (isinstance(size, int) and 1 <= size <= 1 << 24):
                return f"{name}: buffer_size"
    terminal = request.get("terminal")
    if not isinstance(terminal, (list, tuple)) or len(terminal) != 3:
        return "terminal: three sizes or None"
    for size in terminal:
        if size is not None and not (
            isinstance(size, (list, tuple)) and len(size) == 2 and all(isinstance(n, int) and n >= 0 for n in size)
        ):
            return "terminal: (columns, lines) or None"
    return None


# -- one check, as the client's process would run it ----------------------------------------------
def run_check(run_cli: RunCli, request: dict, fetch_stdin: Callable[[], bytes]) -> tuple[int, list]:
    """Run ``run_cli`` with the client's arguments, environment, working directory,
    umask, terminal and standard streams; answer its exit status and its output as
    ``[(1 | 2, bytes), …]`` in the order it reached the streams."""
    output: list[list] = []
    saved = _ProcessState()
    try:
        try:
            _apply(request, output, fetch_stdin)
        except OSError as exc:  # the working directory went away in between
            return 2, [(2, f"reportlint: server: {exc}\n".encode())]
        try:
            run_cli()
            code = 0
        except SystemExit as exc:
            code = _exit_status(exc.code)
        # What the interpreter does at exit: flush stdout, then stderr.
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
    finally:
        saved.restore()
    return code, [(stream_id, bytes(data)) for stream_id, data in output]


def _exit_status(code: object) -> int:
    """What the interpreter makes of ``sys.exit(code)``."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF if os.name != "nt" else code
    print(code, file=sys.stderr)
    return 1


class _ProcessState:
    """What a request changes in this process, saved to be put back (in a forked
    child it dies with the child anyway)."""

    def __init__(self):
        self.argv = sys.argv
        self.streams = (sys.stdin, sys.stdout, sys.stderr)
        self.environ = dict(os.environ)
        try:
            self.cwd = os.getcwd()
        except OSError:  # the server's folder was removed under it: it needs none
            self.cwd = os.path.abspath(os.sep)
        self.umask = os.umask(0o022)
        os.umask(self.umask)
        self.terminal_size = os.get_terminal_size
        main = sys.modules.get("__main__")
        self.main_package = getattr(main, "__package__", None)

    def restore(self) -> None:
        sys.stdin, sys.stdout, sys.stderr = self.streams
        sys.argv = self.argv
        if os.environ != self.environ:
            os.environ.clear()
            os.environ.update(self.environ)
        os.chdir(self.cwd)
        os.umask(self.umask)
        os.get_terminal_size = self.terminal_size
        main = sys.modules.get("__main__")
        if main is not None:
            main.__package__ = self.main_package


def _apply(request: dict, output: list, fetch_stdin: Callable[[], bytes]) -> None:
    os.chdir(request["cwd"])
    os.umask(request["umask"])
    if os.environ != request["env"]:
        os.environ.clear()
        os.environ.update(request["env"])
    sys.argv = [request["prog"][0], *request["argv"]]
    main = sys.modules.get("__main__")
    if main is not None:  # click names the program after it (`python -m reportlint`)
        main.__package__ = request["prog"][1]
    sys.stdin = _input_stream(request["stdin"], fetch_stdin)
    sys.stdout = _output_stream(request["stdout"], 1, output)
    sys.stderr = _output_stream(request["stderr"], 2, output)
    os.get_terminal_size = _client_terminal(request["terminal"], os.get_terminal_size)


class _Recorder(io.RawIOBase):
    """The bytes written to one of the client's streams, kept in write order with the other's."""

    def __init__(self, stream_id: int, output: list, tty: bool):
        self.stream_id = stream_id
        self.output = output
        self.tty = tty

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return self.tty

    def write(self, data) -> int:
        chunk = bytes(data)
        if self.output and self.output[-1][0] == self.stream_id:
            self.output[-1][1] += chunk
        else:
            self.output.append([self.stream_id, bytearray(chunk)])
        return len(chunk)


class _ClientStdin(io.RawIOBase):
    """The client's standard input, asked for on the first read."""

    def __init__(self, fetch: Callable[[], bytes], tty: bool):
        self.fetch = fetch
        self.tty = tty
        self.data: memoryview | None = None
        self.pos = 0

    def readable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return self.tty

    def readinto(self, buffer) -> int:
        if self.data is None:
            self.data = memoryview(self.fetch())
        n = min(len(buffer), len(self.data) - self.pos)
        buffer[:n] = self.data[self.pos : self.pos + n]
        self.pos += n
        return n


def _output_stream(desc: dict, stream_id: int, output: list) -> io.TextIOWrapper:
    raw = _Recorder(stream_id, output, desc["tty"])
    size = desc["buffer_size"]
    buffer: Any = raw if size is None else io.BufferedWriter(raw, buffer_size=size)
    return io.TextIOWrapper(
        buffer,
        encoding=desc["encoding"],
        errors=desc["errors"],
        newline=NEWLINE,
        line_buffering=desc["line_buffering"],
        write_through=desc["write_through"],
    )


def _input_stream(desc: dict, fetch: Callable[[], bytes]) -> io.TextIOWrapper:
    raw = _ClientStdin(fetch, desc["tty"])
    return io.TextIOWrapper(io.BufferedReader(raw), encoding=desc["encoding"], errors=desc["errors"], newline=NEWLINE)


def _client_terminal(sizes: list, real: Callable[..., os.terminal_size]) -> Callable[..., os.terminal_size]:
    """``os.get_terminal_size`` answering for the client's descriptors 0, 1 and 2 (click,
    shutil and rich ask them), not for the server's."""

    def get_terminal_size(fd: int = 1) -> os.terminal_size:
        if fd in (0, 1, 2):
            size = sizes[fd]
            if size is None:
                raise OSError(25, "Inappropriate ioctl for device")  # ENOTTY, as for a pipe
            return os.terminal_size(tuple(size))
        return real(fd)

    return get_terminal_size


# -- what is kept warm, what is forgotten -------------------------------------------------------------
def _keep_warm() -> None:
    """Keep what a check rebuilds every time although it cannot change in a running
    server: typer's click command (built from the decorated functions at every call
    of the app, ~15 ms) and the rule registry (the plugins' entry points and every
    rule class validated, ~20 ms), once with plugins and once without."""
    import typer.main

    from reportlint.plugins import manager

    typer.main.get_command = functools.cache(typer.main.get_command)
    load = manager.load_registry
    registries: dict[bool, manager.Registry] = {}

    def load_registry(no_plugins: bool = False) -> manager.Registry:
        disabled = manager.plugins_disabled(no_plugins)
        if disabled not in registries:
            saved = os.environ.pop(manager.NO_PLUGINS_ENV, None)  # `disabled` says it all
            try:
                registries[disabled] = load(disabled)
            finally:
                if saved is not None:
                    os.environ[manager.NO_PLUGINS_ENV] = saved
        return registries[disabled]

    manager.load_registry = load_registry
    load_registry(False)
    load_registry(True)


# Filled with the rules' own vocabulary so that a check of it loads what a real report
# needs: the sections, the three statistical tables, the narrative.
WARM_UP_REPORT = """\
某某县科学技术局2021年度政府信息公开工作年度报告
本报告根据《中华人民共和国政府信息公开条例》要求编制。本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。
一、总体情况
2021年，本局主动公开政府信息12条，收到政府信息公开申请2件，均已按时答复。
二、主动公开政府信息情况
第二十条第（一）项 | | | |
信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
规章 | 0 | 0 | 0 |
规范性文件 | 1 | 0 | 3 |
第二十条第（八）项 | | |
信息内容 | 本年收费金额（单位：万元） | |
行政事业性收费 | 0 | |
三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 | | | | | | |
自然人 | 法人或其他组织 | 总计 | | | | | |
商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | | | |
一、本年新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
三、本年度办理结果 | （一）予以公开 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
（七）总计 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
四、政府信息公开行政复议、行政诉讼情况
行政复议 | 行政诉讼 | | | | | | | | | | | | | |
结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 | | | | | | | |
0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
五、存在的主要问题及改进情况
（一）存在的主要问题。公开内容不够全面。（二）改进情况。2022年将进一步完善。
六、其他需要报告的事项
本年度未收取信息处理费。
某某县科学技术局
2022年1月18日
"""


def _warm_up(run_cli: RunCli) -> None:
    """Check :data:`WARM_UP_REPORT` in every output format, coloured and plain, from a
    file and from standard input, with a configuration file — every module, data file
    and pattern a check loads lazily is then loaded — and forget what those checks
    remembered of their (temporary) folder."""
    import importlib

    from reportlint import readers
    from reportlint.config import starter_config

    data = WARM_UP_REPORT.encode()
    with tempfile.TemporaryDirectory(prefix="reportlint-server-") as folder:
        with open(os.path.join(folder, "warm-up-2021.txt"), "wb") as fh:
            fh.write(data)
        with open(os.path.join(folder, ".reportlint.yaml"), "w", encoding="utf-8") as fh:
            fh.write(starter_config("zh"))
        runs = [["--format", fmt, "warm-up-2021.txt"] for fmt in ("text", "json", "jsonl", "sarif", "github", "html")]
        runs += [["--statistics", "-"], ["--lang", "en", "warm-up-2021.txt"]]
        env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "REPORTLINT_NO_CACHE")}
        for i, args in enumerate(runs):
            request = _local_request(["check", "--no-cache", *args], folder, env, tty=i == 0)  # the first coloured
            run_check(run_cli, request, lambda: data)
    for module in sorted({module for module, _ in readers.READERS.values()}):
        importlib.import_module(module)  # their heavy libraries stay lazy: imported when such a file is read
    _forget_run_state()


def _local_request(argv: list[str], cwd: str, env: dict[str, str], tty: bool = False) -> dict:
    """A request of the server to itself: a check of the sample."""
    plain = {"tty": False, "encoding": "utf-8", "errors": "strict"}
    return {
        "argv": argv,
        "prog": ["reportlint", None],
        "cwd": cwd,
        "env": env,
        "umask": 0o077,
        "stdin": plain,
        "stdout": {**plain, "tty": tty, "line_buffering": tty, "write_through": False, "buffer_size": 8192},
        "stderr": {**plain, "line_buffering": True, "write_through": False, "buffer_size": 8192},
        "terminal": [None, (100, 40) if tty else None, None],
    }


def _touch_pages(run_cli: RunCli) -> None:
    """In a fresh child: a check of the sample from standard input, so that the pages
    every check writes to (reference counts of the modules, rules and data it uses)
    are copied now rather than while a client waits."""
    with tempfile.TemporaryDirectory(prefix="reportlint-server-") as folder:
        request = _local_request(["check", "--no-cache", "-"], folder, dict(os.environ))
        run_check(run_cli, request, WARM_UP_REPORT.encode)
    _forget_run_state()


def _forget_run_state() -> None:
    """Empty what the run, config and output layers remember between calls — memos of
    folders (a folder's report files, the repository root) and of settings — so
    nothing of one request's files is taken for another's. The rule data and compiled
    patterns (document, analysis, rules, core) stay."""
    from reportlint.run import batch

    layers = ("reportlint.run.", "reportlint.config.", "reportlint.output.", "reportlint.cli")
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith(layers):
            continue
        for value in list(vars(module).values()):
            clear = getattr(value, "cache_clear", None)
            if callable(clear) and getattr(value, "__module__", None) == name:
                clear()
    batch._inherited = None
