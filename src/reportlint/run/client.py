"""Hand a ``reportlint check`` to a running ``reportlint server`` (see :mod:`reportlint.run.server`).

:func:`forward` is the first thing the ``reportlint`` command does for a ``check``,
before typer or any rule is imported. It answers ``None`` — run the check in this
process — unless ``REPORTLINT_SERVER`` names a server that answers: ``1`` for the
default address (:func:`default_address`), else the path of a server's socket (or, on
Windows, of its token file). Then it sends the check to the server, writes the
server's stdout and stderr bytes to this process's own, in the order they were
written, and answers the exit status. A server that is not there, is not this
user's, runs another reportlint installation or refuses the request costs nothing:
the check runs here, as if no server were configured.

This module is imported on every ``reportlint check``, so it imports nothing but
built-in modules that cost no time: the C layer of :mod:`socket` (``_socket``; the
Python wrapper pulls in ``enum`` and ``selectors``, some 15 ms) and :mod:`marshal` for
the messages (built in, no import cost, unlike :mod:`json` and the ``re`` it imports).
:mod:`marshal` must never read data from an untrusted source, so neither end reads a
message before it knows the other is the same user: a Unix socket lives in a folder
only its owner can enter, the client checks the socket's owner and (Linux) both ends
the peer's user id; over TCP both ends prove they know the token of the server's
token file (readable by its owner only) before anything else, without sending it.

Protocol (version :data:`PROTOCOL`): each message is a 4-byte big-endian length and
that many bytes, a :func:`marshal.dumps` dict (over TCP it is preceded by the token
proofs of :func:`_prove_token`: raw bytes).

1. client → server: ``{"reportlint": PROTOCOL, "op": "check", "version", "package",
   "path", "argv", "prog", "cwd", "env", "umask", "stdin", "stdout", "stderr",
   "terminal"}`` (see :func:`_request`); ``op: "status"`` asks only for the server's
   ``{"status": {...}}``.
2. server → client, at most once: ``{"need": "stdin"}`` when the check reads standard
   input (``-``); client → server: ``{"stdin": bytes}``.
3. server → client: ``{"exit": int, "output": [(1 | 2, bytes), …]}``, or
   ``{"refused": reason}`` (run it yourself), or ``{"error": reason}`` for a request
   that is not one.
"""

from __future__ import annotations

import io
import os
import stat
import sys

SERVER_ENV = "REPORTLINT_SERVER"
# Forces the Windows path of the server anywhere — TCP on 127.0.0.1 with a token file,
# every request in the server process — to test it (like REPORTLINT_START_METHOD=spawn).
WINDOWS_PATH_ENV = "REPORTLINT_SERVER_WINDOWS"
PROTOCOL = 1
SOCKET_NAME = "server.sock"
TOKEN_FILE_NAME = "server.tcp"  # "<port> <token>" of a TCP server, readable by its user only
FOLDER_NAME = "reportlint"
MAX_REQUEST_BYTES = 64 << 20  # argv and environment; pre-commit passes thousands of paths
MAX_STDIN_BYTES = 1 << 30
MAX_RESPONSE_BYTES = (1 << 32) - 1  # what the 4-byte length can say
CONNECT_TIMEOUT = 2.0  # seconds; a local socket answers at once or not at all
UNIX_PATH_MAX = 100  # sun_path holds 104 (macOS) or 108 (Linux) bytes with the NUL


def windows_path() -> bool:
    """Whether the server takes the Windows path (TCP + token file, no fork)."""
    return os.name == "nt" or os.environ.get(WINDOWS_PATH_ENV, "") not in ("", "0")


def user_folder() -> str:
    """The per-user folder of the default address: ``$XDG_RUNTIME_DIR/reportlint``
    (a per-user tmpfs, 0700, on Linux), else ``reportlint/`` in the user's cache
    folder (``%LOCALAPPDATA%`` on Windows), else ``/tmp/reportlint-<uid>`` when that
    path is too long for a Unix socket. The server creates it 0700."""
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA") or os.path.expanduser("~")
    elif runtime and os.path.isabs(runtime) and os.path.isdir(runtime):
        base = runtime
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, FOLDER_NAME)
    if not windows_path() and len(os.fsencode(os.path.join(folder, SOCKET_NAME))) > UNIX_PATH_MAX:
        folder = os.path.join("/tmp", f"{FOLDER_NAME}-{os.getuid()}")
    return folder


def default_address() -> str:
    """Where ``reportlint server`` listens unless given ``--socket``, and what
    ``REPORTLINT_SERVER=1`` connects to."""
    return os.path.join(user_folder(), TOKEN_FILE_NAME if windows_path() else SOCKET_NAME)


def forward(argv: list[str]) -> int | None:
    """Run ``reportlint <argv>`` (``argv`` without the program name) in the server
    ``REPORTLINT_SERVER`` names and answer its exit status, after writing its output
    to this process's stdout and stderr; ``None``: run it in this process."""
    wanted = os.environ.get(SERVER_ENV, "").strip()
    if not wanted or wanted == "0" or argv[:1] != ["check"]:
        return None
    if sys.stdin is None or sys.stdout is None or sys.stderr is None:  # pythonw: nowhere to write to
        return None
    address = default_address() if wanted == "1" else os.path.abspath(wanted)
    stdin_taken: list[bytes] = []

    def read_stdin() -> bytes:
        stdin_taken.append(sys.stdin.buffer.read())
        return stdin_taken[-1]

    try:
        answer = exchange(address, argv, read_stdin)
    except KeyboardInterrupt:  # as the check itself says it (cli.main)
        print("reportlint: interrupted", file=sys.stderr)
        return 130
    if answer is None:
        if stdin_taken:  # read for a server that then went away: the check here reads it again
            sys.stdin = io.TextIOWrapper(
                io.BytesIO(stdin_taken[0]), encoding=sys.stdin.encoding, errors=sys.stdin.errors
            )
        return None
    code, output = answer
    _write_output(output)
    return code


def exchange(address: str, argv: list[str], read_stdin) -> tuple[int, list] | None:
    """Have the server at ``address`` run ``reportlint <argv>``: its exit status and
    output (``[(1 | 2, bytes), …]``, stdout and stderr in write order), or None when
    no server answered or it refused (another installation, a folder it cannot
    enter). ``read_stdin()`` gives standard input's bytes if the check reads it."""
    conn = connect(address)
    if conn is None:
        return None
    try:
        conn.settimeout(None)  # a check of many files takes as long as it takes
        send(conn, _request(argv))
        while True:
            reply = receive(conn, MAX_RESPONSE_BYTES)
            if reply.get("need") == "stdin":
                send(conn, {"stdin": read_stdin()})
            elif "exit" in reply:
                return int(reply["exit"]), list(reply["output"])
            else:  # refused, or an error
                return None
    except (OSError, ValueError, EOFError, TypeError, KeyError):  # gone, not a server, or a broken reply
        return None
    finally:
        conn.close()


def status(address: str) -> dict | None:
    """The server's ``{"pid", "version", "package", "started", "fork"}``, or None when
    nothing answers at ``address``."""
    conn = connect(address)
    if conn is None:
        return None
    try:
        send(conn, {"reportlint": PROTOCOL, "op": "status"})
        reply = receive(conn, MAX_REQUEST_BYTES)
    except (OSError, ValueError, EOFError, TypeError):
        return None
    finally:
        conn.close()
    answer = reply.get("status") if isinstance(reply, dict) else None
    return answer if isinstance(answer, dict) else None


def connect(address: str):
    """A connected socket to the server at ``address``, or None when there is none
    or it is not this user's."""
    import _socket

    try:
        st = os.stat(address)
    except OSError:
        return None
    if hasattr(os, "getuid") and st.st_uid != os.getuid():  # someone else's server: never talk to it
        return None
    if stat.S_ISSOCK(st.st_mode) and hasattr(_socket, "AF_UNIX"):
        conn = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
        target: str | tuple[str, int] = address
        token = None
    elif stat.S_ISREG(st.st_mode):  # a token file: {"port": …, "token": …} of a TCP server
        if hasattr(os, "getuid") and st.st_mode & 0o077:
            return None
        try:
            port, token = read_token_file(address)
        except (OSError, ValueError, IndexError):
            return None
        conn = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)
        target = ("127.0.0.1", port)
    else:
        return None
    try:
        conn.settimeout(CONNECT_TIMEOUT)
        conn.connect(target)
        if token is not None:
            if not _prove_token(conn, token):
                conn.close()  # whoever listens on that port does not know the token
                return None
        elif hasattr(_socket, "SO_PEERCRED") and _peer_uid(conn) != os.getuid():
            conn.close()  # the path was swapped for someone else's socket after the check above
            return None
    except (OSError, EOFError, ValueError):
        conn.close()
        return None
    return conn


def token_proof(token: bytes, side: bytes, nonce: bytes) -> bytes:
    """What one side sends to show it knows the token without sending it."""
    import hashlib
    import hmac

    return hmac.new(token, side + nonce, hashlib.sha256).digest()


def _prove_token(conn, token: bytes) -> bool:
    """Both ends show each other they know the token (TCP: any local process can
    listen on a port a server has left, or connect to one): the client sends a nonce,
    the server its proof and a nonce of its own, the client its proof."""
    import hmac

    nonce = os.urandom(16)
    send_bytes(conn, nonce)
    answer = receive_bytes(conn, 64)
    if len(answer) != 48 or not hmac.compare_digest(answer[:32], token_proof(token, b"server", nonce)):
        return False
    send_bytes(conn, token_proof(token, b"client", answer[32:]))
    return True


def _peer_uid(conn) -> int:
    """The user id of the process at the other end of a Unix socket (Linux: pid, uid, gid)."""
    import _socket

    creds = conn.getsockopt(_socket.SOL_SOCKET, _socket.SO_PEERCRED, 12)
    return int.from_bytes(creds[4:8], sys.byteorder)


def read_token_file(path: str) -> tuple[int, bytes]:
    """The port and token of a TCP server, written as ``<port> <token>``."""
    with open(path, "rb") as fh:
        lines = fh.read(4096).split()
    return int(lines[0]), lines[1]


def _request(argv: list[str]) -> dict:
    import reportlint

    mask = os.umask(0o077)  # the only way to read it; set back at once
    os.umask(mask)
    main = sys.modules.get("__main__")
    return {
        "reportlint": PROTOCOL,
        "op": "check",
        "version": reportlint.__version__,
        "package": os.path.dirname(os.path.abspath(reportlint.__file__ or "")),
        "argv": list(argv),
        "path": sys.path[1:],  # [0] is the script's folder; the rest decides which plugins there are
        # What click names the program in usage messages (sys.argv[0], python -m …).
        "prog": [sys.argv[0] if sys.argv else "reportlint", getattr(main, "__package__", None)],
        "cwd": os.getcwd(),
        "env": dict(os.environ),
        "umask": mask,
        "stdin": _describe(sys.stdin, reading=True),
        "stdout": _describe(sys.stdout),
        "stderr": _describe(sys.stderr),
        "terminal": [_terminal_size(fd) for fd in (0, 1, 2)],
    }


def _describe(stream, reading: bool = False) -> dict:
    """What the check would see of this process's stream: whether it is a terminal,
    its encoding, and how it buffers (where stdout and stderr go to the same place,
    their bytes interleave as in a check run here)."""
    buffer = getattr(stream, "buffer", None)
    raw = getattr(buffer, "raw", buffer)
    try:
        tty = bool(stream.isatty())
    except (OSError, ValueError, AttributeError):
        tty = False
    out = {
        "tty": tty,
        "encoding": getattr(stream, "encoding", None) or "utf-8",
        "errors": getattr(stream, "errors", None) or "strict",
    }
    if not reading:
        out["line_buffering"] = bool(getattr(stream, "line_buffering", False))
        out["write_through"] = bool(getattr(stream, "write_through", False))
        # A raw stream (python -u) has no buffer of its own; else its size, as io.open chose it.
        out["buffer_size"] = None if buffer is raw else int(getattr(raw, "_blksize", io.DEFAULT_BUFFER_SIZE))
    return out


def _terminal_size(fd: int) -> tuple[int, int] | None:
    try:
        size = os.get_terminal_size(fd)
    except (OSError, ValueError):
        return None
    return size.columns, size.lines


def _write_output(output: list) -> None:
    """The server's bytes onto this process's stdout (1) and stderr (2), in order."""
    stdout_open = True
    for stream_id, data in output:
        if stream_id == 1 and not stdout_open:
            continue
        target = sys.stdout if stream_id == 1 else sys.stderr
        try:
            target.flush()
            target.buffer.write(data)
            target.buffer.flush()
        except BrokenPipeError:  # `reportlint check … | head`: the reader has all it wants
            if stream_id == 1:
                stdout_open = False
                silence_stdout()
        except (OSError, ValueError, AttributeError):
            if stream_id == 1:
                stdout_open = False


def silence_stdout() -> None:
    # Python flushes stdout again at exit; a failed flush would print a traceback.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


# -- messages ------------------------------------------------------------------------------
def send(conn, message: dict) -> None:
    import marshal

    send_bytes(conn, marshal.dumps(message))


def receive(conn, limit: int) -> dict:
    """The next message; ValueError for one that is too long or not a dict."""
    import marshal

    message = marshal.loads(receive_bytes(conn, limit))
    if not isinstance(message, dict):
        raise ValueError("not a message")
    return message


def send_bytes(conn, data: bytes) -> None:
    header = len(data).to_bytes(4, "big")
    if len(data) < 1 << 16:  # one packet for the usual small message
        conn.sendall(header + data)
    else:  # no copy of a large one
        conn.sendall(header)
        conn.sendall(data)


def receive_bytes(conn, limit: int) -> bytes:
    size = int.from_bytes(_receive_exactly(conn, 4), "big")
    if size > limit:
        raise ValueError(f"message of {size} bytes (limit {limit})")
    return _receive_exactly(conn, size)


def _receive_exactly(conn, size: int) -> bytes:
    buffer = bytearray(size)
    view = memoryview(buffer)
    got = 0
    while got < size:
        n = conn.recv_into(view[got:])
        if n == 0:
            raise EOFError("connection closed")
        got += n
    return bytes(buffer)
