"""The Starlette app of ``reportlint serve``: the routes of docs/serve.md.

Every message a user reads is in the request's language (``lang`` in the query or the
form, else the server's ``--lang``); every error body is ``{"error": "<message>"}``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import AsyncIterator
from functools import cache
from importlib import resources
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from reportlint import __version__
from reportlint.core.diagnostics import CATEGORIES
from reportlint.core.i18n import LANGS, T, Text
from reportlint.output.rule_docs import CATEGORY_NAMES
from reportlint.serve import access, messages
from reportlint.serve.headers import SecurityHeaders, content_disposition, media_type, report_csp
from reportlint.serve.jobs import Job, JobRegistry
from reportlint.serve.pipeline import CheckOptions
from reportlint.serve.runner import CheckRunner
from reportlint.serve.settings import ServeSettings
from reportlint.serve.uploads import (
    UPLOAD_SUFFIXES,
    BodyTooLarge,
    UploadRefused,
    UploadWriter,
    human_size,
    limited_receive,
    make_dirs,
)

KIND_NAMES = {
    "department": T("部门", "department"),
    "government": T("人民政府", "government"),
    "township": T("乡镇（街道）", "township"),
}
YEARS = (2000, 2100)
MAX_FORM_FIELDS = 50  # year, kind, lang and the rule categories: a few
MAX_FIELD_BYTES = 64 * 1024  # one option's value


def _lang(value: str | None, default: str) -> str:
    return value if value in LANGS else default


def error(status: int, message: Text, lang: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message.get(lang)}, status_code=status, headers=headers)


class TokenGate:
    """ASGI middleware: with a token configured, every route but ``/static/*`` needs
    it (cookie or ``Authorization: Bearer``); ``/?token=T`` sets the cookie."""

    def __init__(self, app: Any, settings: ServeSettings):
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        token = self.settings.token
        if scope["type"] != "http" or token is None or not access.needs_token(scope["path"]):
            await self.app(scope, receive, send)
            return
        if access.token_matches(access.presented_token(scope), token):
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        lang = _lang(request.query_params.get("lang"), self.settings.lang)
        if scope["path"] == "/" and access.token_matches(access.query_token(scope), token):
            # the address printed at start-up: the token goes into a cookie, out of the address bar
            target = "/?lang=" + lang if "lang" in request.query_params else "/"
            response: Response = RedirectResponse(target, status_code=303)
            response.set_cookie(access.TOKEN_COOKIE, token, httponly=True, samesite="strict", path="/")
        else:
            response = error(401, messages.UNAUTHORIZED, lang, headers={"WWW-Authenticate": "Bearer"})
        await response(scope, receive, send)


@cache
def _registry():
    from reportlint.plugins.manager import load_registry

    return load_registry()


def create_app(settings: ServeSettings | None = None) -> Starlette:
    """The app; ``settings`` default to those of ``reportlint serve`` with no options."""
    settings = settings or ServeSettings()
    runner = CheckRunner(settings.python, settings.workers)
    jobs = JobRegistry(settings, runner)

    def lang_of(request: Request, default: str | None = None) -> str:
        return _lang(request.query_params.get("lang"), default or settings.lang)

    async def page(request: Request) -> Response:
        from reportlint.serve.page import render_page  # the page engineer's module

        return Response(render_page(lang_of(request), settings.limits()), media_type="text/html; charset=utf-8")

    async def options(request: Request) -> Response:
        lang = lang_of(request)
        return JSONResponse(
            {
                "version": __version__,
                "lang": lang,
                "categories": [{"key": c, "name": CATEGORY_NAMES[c].get(lang)} for c in CATEGORIES],
                "kinds": [{"key": k, "name": v.get(lang)} for k, v in KIND_NAMES.items()],
                "limits": settings.limits(),
                "formats": list(UPLOAD_SUFFIXES),
            }
        )

    async def create_job(request: Request) -> Response:
        lang = lang_of(request)
        if not access.same_origin(request):
            return error(403, messages.CROSS_ORIGIN, lang)
        if jobs.full():
            return error(503, messages.BUSY, lang, headers={"Retry-After": "60"})
        too_large = messages.UPLOAD_TOO_LARGE.format(size=human_size(settings.max_upload_bytes))
        if not request.headers.get("content-type", "").lower().startswith("multipart/form-data"):
            return error(400, messages.NOT_MULTIPART, lang)
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > settings.max_upload_bytes:
            return error(413, too_large, lang, headers={"Connection": "close"})
        bounded = Request(request.scope, limited_receive(request.receive, settings.max_upload_bytes))
        try:
            form = await bounded.form(
                max_files=settings.max_files + 1, max_fields=MAX_FORM_FIELDS, max_part_size=MAX_FIELD_BYTES
            )
        except BodyTooLarge:
            return error(413, too_large, lang, headers={"Connection": "close"})
        except HTTPException as exc:  # the multipart parser's limits and complaints
            if "Too many files" in str(exc.detail):
                return error(413, messages.TOO_MANY_FILES.format(n=settings.max_files), lang)
            return error(400, messages.BAD_FORM.format(why=str(exc.detail)), lang)
        try:
            return await _start_job(form, lang)
        except UploadRefused as exc:
            return error(exc.status, exc.message, _lang(_field(form, "lang"), lang))
        finally:
            await form.close()

    async def _start_job(form: FormData, lang: str) -> Response:
        check_options = parse_options(form, lang)
        lang = check_options.lang
        uploads = [f for f in form.getlist("files") if _chosen(f)]
        if not uploads:
            raise UploadRefused(400, messages.NO_FILE)
        if len(uploads) > settings.max_files:
            raise UploadRefused(413, messages.TOO_MANY_FILES.format(n=settings.max_files))
        previous = form.get("previous")
        if settings.tmp_root is not None:
            os.makedirs(settings.tmp_root, 0o700, exist_ok=True)
        job_dir = tempfile.mkdtemp(prefix="reportlint-serve-", dir=settings.tmp_root)  # mode 0700
        try:
            writer = UploadWriter(job_dir, settings)
            previous_file = await run_in_threadpool(_save, writer, uploads, previous)
            if all(f.skipped for f in writer.files):  # a damaged .zip is listed with its error
                raise UploadRefused(415, messages.NO_SUPPORTED_FILE.format(formats=" ".join(UPLOAD_SUFFIXES)))
        except BaseException:
            shutil.rmtree(job_dir, ignore_errors=True)
            raise
        job = jobs.start(job_dir, writer.files, check_options, previous_file)
        return JSONResponse({"id": job.id, "url": f"/api/jobs/{job.id}"}, status_code=202)

    def _job(request: Request) -> Job:
        job = jobs.get(request.path_params["job_id"])
        if job is None:
            raise HTTPException(404, "job")
        return job

    async def job_state(request: Request) -> Response:
        job = _job(request)
        return JSONResponse(job.to_json(lang_of(request, job.lang)))

    async def delete_job(request: Request) -> Response:
        if not jobs.delete(request.path_params["job_id"]):
            raise HTTPException(404, "job")
        return Response(status_code=204)

    def _download(data: bytes | None, filename: str, inline: bool = False, report: bool = False) -> Response:
        if data is None:
            raise HTTPException(404, "job")
        headers = {"Content-Disposition": content_disposition(filename, inline=inline)}
        if report:
            headers.update({"Content-Security-Policy": report_csp(), "X-Frame-Options": "SAMEORIGIN"})
        return Response(data, media_type=media_type(os.path.splitext(filename)[1]), headers=headers)

    def _file(request: Request):
        job = _job(request)
        f = job.file(request.path_params["index"])
        if f is None:
            raise HTTPException(404, "job")
        return job, f

    async def file_report(request: Request) -> Response:
        _, f = _file(request)
        stem = os.path.splitext(f.saved.name.rsplit("/", 1)[-1])[0]
        return _download(f.outcome.report, stem + ".html", inline=True, report=True)

    async def file_annotated(request: Request) -> Response:
        job, f = _file(request)
        name = copy_name(f.saved.name, messages.ANNOTATED_SUFFIX.get(job.lang), f.outcome.annotated_suffix)
        return _download(f.outcome.annotated, name)

    async def file_fixed(request: Request) -> Response:
        job, f = _file(request)
        name = copy_name(f.saved.name, messages.FIXED_SUFFIX.get(job.lang), f.outcome.fixed_suffix)
        return _download(f.outcome.fixed, name)

    async def job_xlsx(request: Request) -> Response:
        job = _job(request)
        return _download(job.xlsx, messages.XLSX_NAME.get(job.lang))

    async def job_html(request: Request) -> Response:
        job = _job(request)
        return _download(job.html, messages.HTML_NAME.get(job.lang), report=True)

    async def rule_doc(request: Request) -> Response:
        lang = lang_of(request)
        code = request.path_params["code"]
        registry = await run_in_threadpool(_registry)
        rule = registry.lookup(code)
        if rule is None:
            return error(404, messages.NO_SUCH_RULE.format(c=code[:100]), lang)
        doc = rule.doc()
        return JSONResponse(
            {
                "code": rule.code,
                "name": rule.name,
                "category": rule.category,
                "category_name": CATEGORY_NAMES[rule.category].get(lang) if rule.category in CATEGORY_NAMES else None,
                "severity": rule.severity.value,
                "summary": doc.summary.get(lang),
                "explanation": doc.rationale.get(lang),
                "bad": doc.bad,
                "good": doc.good,
            }
        )

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        lang = lang_of(request)
        if exc.status_code == 404:
            message = messages.NOT_FOUND if request.url.path.startswith("/api/jobs/") else messages.NO_SUCH_PAGE
            return error(404, message, lang)
        if exc.status_code == 405:
            return error(405, messages.METHOD_NOT_ALLOWED, lang)
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code)

    async def internal_error(request: Request, exc: Exception) -> Response:
        return error(500, messages.INTERNAL, lang_of(request))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        await jobs.close()

    job_path = "/api/jobs/{job_id:str}"
    routes = [
        Route("/", page, methods=["GET"]),
        Mount("/static", app=StaticFiles(directory=_static_dir(), check_dir=False), name="static"),
        Route("/api/options", options, methods=["GET"]),
        Route("/api/jobs", create_job, methods=["POST"]),
        Route(job_path, job_state, methods=["GET"]),
        Route(job_path, delete_job, methods=["DELETE"]),
        Route(job_path + "/findings.xlsx", job_xlsx, methods=["GET"]),
        Route(job_path + "/report.html", job_html, methods=["GET"]),
        Route(job_path + "/files/{index:int}/report.html", file_report, methods=["GET"]),
        Route(job_path + "/files/{index:int}/annotated", file_annotated, methods=["GET"]),
        Route(job_path + "/files/{index:int}/fixed", file_fixed, methods=["GET"]),
        Route("/api/rules/{code:str}", rule_doc, methods=["GET"]),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={HTTPException: http_error, Exception: internal_error},
        lifespan=lifespan,
    )
    app.state.jobs = jobs
    app.state.settings = settings
    app.add_middleware(TokenGate, settings=settings)
    app.add_middleware(SecurityHeaders)
    return app


def copy_name(uploaded: str, mark: str, suffix: str) -> str:
    """``原名.docx`` → ``原名（批注）.docx``; a copy in another format keeps the
    original extension in its name (``草稿.doc`` → ``草稿.doc（批注）.docx``, as the
    CLI's ``草稿.doc.reportlint.docx``), so copies of one report's formats differ."""
    base = uploaded.rsplit("/", 1)[-1]
    stem, ext = os.path.splitext(base)
    return (stem if ext.lower() == suffix.lower() else base) + mark + suffix


def _static_dir() -> str:
    return str(resources.files("reportlint.serve").joinpath("static"))


def _field(form: FormData, name: str) -> str | None:
    value = form.get(name)
    return value if isinstance(value, str) else None


def _chosen(value: Any) -> bool:
    """A file part of the form (a browser sends an empty one with no name when no file was chosen)."""
    return isinstance(value, UploadFile) and bool(value.filename or value.size)


def _save(writer: UploadWriter, uploads: list[Any], previous: Any) -> tuple[str, str] | None:
    make_dirs(writer.job_dir)
    for upload in uploads:
        upload.file.seek(0)
        writer.add(upload.filename, upload.file)
    if _chosen(previous):
        previous.file.seek(0)
        return writer.add_previous(previous.filename, previous.file)
    return None


def parse_options(form: FormData, lang: str) -> CheckOptions:
    """The form's ``year``, ``kind``, ``rules`` and ``lang``: a bad value refuses the upload (400)."""
    chosen_lang = _field(form, "lang")
    if chosen_lang:
        if chosen_lang not in LANGS:
            raise UploadRefused(400, messages.BAD_LANG.format(v=chosen_lang[:20]))
        lang = chosen_lang
    year = None
    year_text = (_field(form, "year") or "").strip()
    if year_text:
        if not (year_text.isdigit() and YEARS[0] <= int(year_text) <= YEARS[1]):
            raise UploadRefused(400, messages.BAD_YEAR.format(v=year_text[:20]))
        year = int(year_text)
    kind = (_field(form, "kind") or "").strip() or None
    if kind is not None and kind not in KIND_NAMES:
        raise UploadRefused(400, messages.BAD_KIND.format(v=kind[:40]))
    rules: list[str] = []
    for value in form.getlist("rules"):
        for category in (value if isinstance(value, str) else "").split(","):
            category = category.strip()
            if not category:
                continue
            if category not in CATEGORIES:
                raise UploadRefused(400, messages.BAD_RULES.format(v=category[:40], known="、".join(CATEGORIES)))
            if category not in rules:
                rules.append(category)
    return CheckOptions(lang=lang, year=year, kind=kind, rules=tuple(rules))
