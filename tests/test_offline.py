"""The offline copy (site/download/policy-docs-offline.zip, packed by the hooks' on_post_build):
every file a reader opening the site from disk uses, deflated at level 9, without what a copy on
disk never uses; unpacked, it reads and searches in Chromium with no request leaving the folder."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

import pytest

pytest.register_assert_rewrite("browser_support")

from playwright.sync_api import expect  # noqa: E402

from browser_support import browser_context, site_base  # noqa: E402

pytest_plugins = ["browser_support"]

ZIP = Path("download") / "policy-docs-offline.zip"
DOC = "opinions-2025-08-15"
#: The seed's report moved from its digest address: a redirect page is left there.
MOVED = "news-1e6d6d37/index.html"


def entries(site: Path) -> dict[str, zipfile.ZipInfo]:
    with zipfile.ZipFile(site / ZIP) as archive:
        return {info.filename.removeprefix("policy-docs/"): info for info in archive.infolist()}


def test_the_zip_holds_the_site_without_what_a_copy_on_disk_never_uses(built_site: Path) -> None:
    held = set(entries(built_site))
    files = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()}
    left_out = files - held
    assert left_out == {ZIP.as_posix(), "sitemap.xml", "sitemap.xml.gz", "404.html", MOVED}, sorted(left_out)
    assert held <= files
    for page in ("index.html", f"{DOC}/part-4.html", f"{DOC}/full.html", "search/search_index.js", "glossary.html"):
        assert page in held, page


def test_every_entry_is_deflated_at_level_9(built_site: Path) -> None:
    with zipfile.ZipFile(built_site / ZIP) as archive:
        for info in archive.infolist():
            assert info.compress_type == zipfile.ZIP_DEFLATED, info.filename
            packer = zlib.compressobj(9, zlib.DEFLATED, -15)
            data = archive.read(info)
            assert info.compress_size == len(packer.compress(data) + packer.flush()), info.filename


@pytest.mark.browser
def test_the_unpacked_copy_reads_and_searches_from_disk(browser, built_site: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(built_site / ZIP) as archive:
        archive.extractall(tmp_path)
    copy = tmp_path / "policy-docs"
    base = site_base(copy)
    with browser_context(browser, base) as (context, log):
        page = context.new_page()
        page.goto(base + f"{DOC}/part-4.html#clause-8")
        expect(page.locator("h2#clause-8")).to_be_in_viewport()
        page.locator("input.md-search__input").click()
        page.keyboard.type("城中村")
        page.keyboard.press("End")
        expect(page.locator(f'.md-search-result__list a[href*="{DOC}/part-4.html"]').first).to_be_visible()
    log.assert_inside()
