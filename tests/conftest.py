"""Shared fixtures: the real seed, its model, and a site built from it in a temporary folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from policydocs.pipeline import read_page
from policydocs.recognise import Recognised

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_934e3267210eb057.txt"
SEED_PATH = "seeds/000_934e3267210eb057.txt"
#: MkDocs builds in the tests keep the theme's compiled templates outside the checkout (the hooks'
#: cache), so that a test run leaves the working tree as it found it.
os.environ.setdefault("POLICYDOCS_JINJA_CACHE", str(Path(tempfile.gettempdir()) / "policydocs-test-jinja"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def seed_result() -> Recognised:
    return read_page(SEED.read_bytes(), SEED_PATH)


def run_build(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run scripts/build.py as a reader would; returns the finished process. Unless the test names
    it, the pinyin cache is a temporary copy, so that no test writes into data/."""
    if "--pinyin-cache" not in args:
        cache = Path(tempfile.mkdtemp(prefix="pinyin-")) / "pinyin.json"
        shutil.copy(ROOT / "data" / "pinyin.json", cache)
        args = (*args, "--pinyin-cache", str(cache))
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build.py"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "SITE_URL": ""},
        check=False,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """docs/ and site/ built from the real seed in a temporary folder (the repo is not touched)."""
    base = tmp_path_factory.mktemp("built")
    docs, site, registry = base / "docs", base / "site", base / "permalinks.json"
    shutil.copy(ROOT / "data" / "permalinks.json", registry)
    result = run_build("--docs", str(docs), "--registry", str(registry))
    assert result.returncode == 0, result.stderr
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(site), strict=True)
    build(config)
    return site


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()
