"""Browser-test support: a local HTTP server for a built site, a fresh browser context per test
whose every request is recorded (requests leaving the site folder are blocked), and mkdocs builds
of docs folders made in temporary folders. The browser itself is conftest's session-wide
``chromium`` (Debian's /usr/bin/chromium).

Test modules load the fixtures with ``pytest_plugins = ["browser_support"]``.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
#: Schemes that never leave the browser.
LOCAL_SCHEMES = ("data:", "blob:", "about:")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class SiteServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser closed while a file was on its way is no error of the site; others are."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 (a free port) in a thread; yields the base URL ending in /."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = SiteServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def build_site(docs: Path, site: Path, *, strict: bool = True) -> Path:
    """mkdocs build of a docs folder with the project's mkdocs.yml (as conftest's built_site does)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from conftest import ROOT

    build(load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(site), strict=strict))
    return site


def build_library_site(base: Path, size: int) -> Path:
    """The benchmark's library of `size` documents (benchkit.corpus), generated into base/docs by
    scripts/build.py with a registry of its own, then built into base/site."""
    from benchkit.corpus import library
    from conftest import run_build

    seeds = base / "seeds"
    seeds.mkdir()
    for name, data in library(size).items():
        (seeds / name).write_bytes(data)
    result = run_build("--seeds", str(seeds), "--docs", str(base / "docs"), "--registry", str(base / "permalinks.json"))
    assert result.returncode == 0, result.stderr
    return build_site(base / "docs", base / "site")


def site_base(site: Path) -> str:
    """file:// URL of a site folder, ending in /."""
    return site.resolve().as_uri() + "/"


class RequestLog:
    """Every request of a browser context; requests outside ``base`` are recorded and aborted."""

    def __init__(self, context: Any, base: str) -> None:
        self.base = base
        self.urls: list[str] = []
        self.blocked: list[str] = []
        context.on("request", lambda request: self.urls.append(request.url))
        context.route("**/*", self._route)

    def inside(self, url: str) -> bool:
        return url.startswith(self.base) or url.startswith(LOCAL_SCHEMES)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if self.inside(url):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("blockedbyclient")

    def outside(self) -> list[str]:
        return sorted({u for u in self.urls + self.blocked if not self.inside(u)})

    def assert_inside(self) -> None:
        assert self.urls, "no request was recorded at all: the log is not attached"
        assert self.outside() == [], f"requests outside the site folder {self.base}: {self.outside()}"


@contextlib.contextmanager
def browser_context(
    browser: Any, base: str, *, viewport: dict[str, int] = DESKTOP, clipboard: bool = True, **options: Any
) -> Iterator[tuple[Any, RequestLog]]:
    """A fresh context (own storage, own clipboard permission) whose requests are logged."""
    if clipboard:
        options["permissions"] = ["clipboard-read", "clipboard-write"]
    context = browser.new_context(viewport=viewport, locale="zh-CN", **options)
    context.set_default_timeout(10_000)
    log = RequestLog(context, base)
    try:
        yield context, log
    finally:
        context.close()


def quiet(page: Any, started: list[str]) -> None:
    """Waits until no request has started for 300 ms (`started`: a list a context's "request"
    event appends to)."""
    count = -1
    while count != len(started):
        count = len(started)
        page.wait_for_timeout(300)


def slow_down(page: Any, latency_ms: int) -> None:
    """Adds latency_ms to every request of the page and of its workers (Chromium's network
    emulation), as from a distant host."""
    network = page.context.new_cdp_session(page)  # without Network.enable: no events to pass on
    conditions = {"offline": False, "latency": latency_ms, "downloadThroughput": -1, "uploadThroughput": -1}
    network.send("Network.emulateNetworkConditions", conditions)


def page_errors(page: Any) -> list[str]:
    """Collects uncaught script errors of a page (a list that fills as the page runs)."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.fixture(scope="session")
def browser(request: pytest.FixtureRequest) -> Any:
    """Debian's Chromium, shared with every browser test of the session (conftest's ``chromium``)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make chromium)")
    return request.getfixturevalue("chromium")


@pytest.fixture(scope="session")
def http_site(built_site: Path) -> Iterator[str]:
    """The built site over http://127.0.0.1:<port>/."""
    with serve(built_site) as base:
        yield base


@pytest.fixture(params=["file", "http"])
def site_url(request: pytest.FixtureRequest, built_site: Path) -> str:
    """Base URL of the built site, opened from disk and from a local server."""
    if request.param == "file":
        return site_base(built_site)
    return request.getfixturevalue("http_site")
