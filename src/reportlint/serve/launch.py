"""Starting the server for ``reportlint serve``: the socket, the token, uvicorn."""

from __future__ import annotations

import ipaddress
import secrets
import socket
import sys
from typing import TextIO

from reportlint.core.i18n import Text
from reportlint.serve import messages
from reportlint.serve.settings import ServeSettings

EXIT_OK, EXIT_ERROR = 0, 2


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def new_token() -> str:
    return secrets.token_urlsafe(24)


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (port 0: a free one, named by the URL printed)."""
    family, kind, proto, _, address = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock


def url_of(host: str, port: int, token: str | None) -> str:
    shown = f"[{host.strip('[]')}]" if ":" in host else host
    return f"http://{shown}:{port}/" + (f"?token={token}" if token else "")


def say(stream: TextIO, text: str) -> None:
    print(text, file=stream, flush=True)


def serve(settings: ServeSettings, host: str, port: int, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Run until interrupted; the exit status."""
    import uvicorn

    from reportlint.serve.app import create_app

    lang = settings.lang
    if not is_loopback(host):
        say(err, messages.NON_LOOPBACK_WARNING.format(host=host).get(lang))
    try:
        sock = bind(host, port)
    except (OSError, UnicodeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        say(err, "reportlint: " + messages.CANNOT_LISTEN.format(host=host, port=port, why=why).get(lang))
        return EXIT_ERROR
    bound_port = sock.getsockname()[1]
    config = uvicorn.Config(
        create_app(settings),
        log_level="warning",
        access_log=False,  # a request line carries ?token=…: nothing of a request is logged
        server_header=False,
        lifespan="on",
        timeout_graceful_shutdown=5,
    )
    server = uvicorn.Server(config)
    say(out, f"reportlint serve: {url_of(host, bound_port, settings.token)}")
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
    return EXIT_OK


def missing_extra() -> Text | None:
    """The message when ``reportlint[serve]`` is not installed, else None."""
    from importlib.util import find_spec

    # python-multipart is the module python_multipart (multipart in its older releases)
    parser = find_spec("python_multipart") or find_spec("multipart")
    if parser is None or find_spec("starlette") is None or find_spec("uvicorn") is None:
        return messages.MISSING_EXTRA
    return None


def parse_seconds(value: str, option: str) -> float:
    """``60`` / ``60s`` / ``0`` (no limit) → seconds."""
    from reportlint.core.errors import UsageError

    try:
        seconds = float(value.strip().lower().removesuffix("s"))
        if not 0 <= seconds < float("inf"):
            raise ValueError
    except ValueError:
        raise UsageError(messages.BAD_SECONDS.format(opt=option, v=value)) from None
    return seconds


def parse_bytes(value: str, option: str, zero_allowed: bool = False) -> int:
    """``100MB`` / ``1GB`` / ``1048576`` → bytes; ``0`` (no limit) when allowed."""
    from reportlint.config.schema import parse_size
    from reportlint.core.errors import UsageError

    if zero_allowed and value.strip().upper().rstrip("KMGIB ") in ("0", "0.0"):
        return 0
    size = parse_size(value)
    if size is None:
        raise UsageError(messages.BAD_SIZE.format(opt=option, v=value))
    return size
