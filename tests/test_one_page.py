"""A short document on one page: below urls.ONE_PAGE_BELOW characters, a document's overview shows
every part and clause and no part pages or print page are made; ids stay those of the numbering,
and every link, cite box, search entry and navigation entry follows the page (urls.node_pages). A
document published before with part pages and now merged keeps its old addresses: the registry
redirects each of them, anchors included, to the one page."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

pytest.register_assert_rewrite("browser_support")

from browser_support import browser_context, build_site, site_base  # noqa: E402
from conftest import run_build  # noqa: E402
from policydocs.model import Document  # noqa: E402
from policydocs.pipeline import read_pages  # noqa: E402
from policydocs.render.site import render_site  # noqa: E402
from policydocs.render.urls import ONE_PAGE_BELOW, Settings, on_one_page  # noqa: E402
from policydocs.walk import paragraphs_of  # noqa: E402
from test_accessibility import AXE, BLOCKING, axe_report, run_axe  # noqa: E402
from test_links import crawl  # noqa: E402
from test_shapes_site import build_shapes  # noqa: E402

pytest_plugins = ["browser_support"]

#: A short notice written for this test: two parts, three clauses, a closing paragraph.
SHORT = """\
测试机关关于合并短文件页面的通知
（2024年3月1日）
为检验短文件的单页发布，现通知如下。
一、总体要求
（一）合并页面。短文件的各部分在一页上显示。
（二）保留编号。条款编号不因合并而改变。
二、保障措施
（三）保留旧址。已发布的旧地址仍然通向条款。
各单位要认真贯彻执行。
"""
SLUG = "notice-2024-03-01-he-bing-duan-wen-jian-ye-mian"
URL = "https://example.org/"


def short_site(limit: int = ONE_PAGE_BELOW) -> dict[str, bytes]:
    pages, _ = read_pages([("seeds/short.txt", SHORT.encode("utf-8"))])
    assert [item.slug for item in pages[0].items] == [SLUG]
    return render_site(Settings(URL, one_page_below=limit), pages, {}, {})


def test_a_short_document_is_one_page_with_every_part_and_clause() -> None:
    files = short_site()
    assert sorted(path for path in files if path.startswith(f"{SLUG}/")) == [f"{SLUG}/index.md"]
    page = files[f"{SLUG}/index.md"].decode("utf-8")
    for anchor in ("top", "part-1", "part-2", "clause-1", "clause-2", "clause-3", "clause-3-p1-s1", "closing"):
        assert f"#{anchor}" in page or f'id="{anchor}"' in page, anchor
    assert "## 一、总体要求 { #part-1 .part }" in page and "### （三）保留旧址。 { #clause-3 .clause }" in page
    assert f"{URL}{SLUG}/index.html#clause-3" in page  # the cite box's permalink: the page it is on
    assert "full.md" not in page and "part-1.md" not in page  # no print page, no part pages to link to
    nav = json.loads(files[".nav.json"])
    assert nav["documents"][SLUG]["pages"] == [["全文", f"{SLUG}/index.md"]]
    shard = next(
        data.decode("utf-8")
        for path, data in files.items()
        if path.startswith("search/") and SLUG in data.decode("utf-8")
    )
    assert f"{SLUG}/index.html#clause-3" in shard and "part-2.html" not in shard


def test_a_page_per_part_when_the_threshold_is_zero() -> None:
    files = short_site(limit=0)
    pages = sorted(path for path in files if path.startswith(f"{SLUG}/"))
    assert pages == [f"{SLUG}/{name}.md" for name in ("full", "index", "part-1", "part-2")]
    assert "# 二、保障措施 { #part-2 .part }" in files[f"{SLUG}/part-2.md"].decode("utf-8")


def test_the_seeds_opinions_keep_their_part_pages(seed_result) -> None:  # type: ignore[no-untyped-def]
    """The Opinions were published with a page per part: they stay above the threshold."""
    opinions, report = seed_result.page.items
    assert isinstance(opinions, Document)
    assert sum(len(p.text) for p in paragraphs_of(opinions)) >= ONE_PAGE_BELOW
    assert not on_one_page(opinions) and on_one_page(report)


def moved_map(markdown: str) -> dict[str, str]:
    match = re.search(r'data-moved="([^"]*)"', markdown)
    assert match, "no redirect map in the page"
    return json.loads(html.unescape(match[1]))


@pytest.fixture(scope="module")
def merged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The short notice published first with a page per part (--one-page-below 0), then built with
    the default threshold: refused until accepted with --update-registry."""
    base = tmp_path_factory.mktemp("merged")
    (base / "seeds").mkdir()
    (base / "seeds" / "short.txt").write_text(SHORT, encoding="utf-8")
    args = ("--seeds", "seeds", "--docs", "docs", "--registry", "permalinks.json")
    first = run_build(*args, "--one-page-below", "0", cwd=base)
    assert first.returncode == 0, first.stderr
    registered = json.loads((base / "permalinks.json").read_text(encoding="utf-8"))[SLUG]["pages"]
    assert "clause-1" in registered[f"{SLUG}/part-1.md"] and "full-top" in registered[f"{SLUG}/full.md"]
    refused = run_build(*args, cwd=base)
    assert refused.returncode == 1
    assert f"{SLUG}/part-1.html#clause-1 would move to {SLUG}/index.html" in refused.stderr, refused.stderr
    accepted = run_build(*args, "--update-registry", cwd=base)
    assert accepted.returncode == 0, accepted.stderr
    return base


@pytest.fixture(scope="module")
def merged_site(merged: Path) -> Path:
    """The merged library's site (mkdocs build)."""
    return build_site(merged / "docs", merged / "site")


def test_a_merged_document_leaves_redirects_at_its_old_pages(merged: Path) -> None:
    registry = json.loads((merged / "permalinks.json").read_text(encoding="utf-8"))[SLUG]
    assert list(registry["pages"]) == [f"{SLUG}/index.md"]
    assert registry["redirects"][f"{SLUG}/part-1.md"]["clause-1"] == f"{SLUG}/index.md"
    assert registry["redirects"][f"{SLUG}/full.md"]["full-top"] == f"{SLUG}/index.md"
    for name in ("part-1", "part-2", "full"):
        stub = (merged / "docs" / SLUG / f"{name}.md").read_text(encoding="utf-8")
        assert "本页已迁移" in stub, name
    assert moved_map((merged / "docs" / SLUG / "part-2.md").read_text(encoding="utf-8"))["clause-3"] == (
        f"../{SLUG}/index.html"
    )
    again = run_build("--seeds", "seeds", "--docs", "docs", "--registry", "permalinks.json", cwd=merged)
    assert again.returncode == 0 and "0 written, 0 removed" in again.stderr  # the redirects stay


@pytest.mark.browser
def test_old_part_pages_lead_to_the_clause_on_the_one_page(browser, merged_site: Path) -> None:  # type: ignore[no-untyped-def]
    base = site_base(merged_site)
    with browser_context(browser, base) as (context, log):
        page = context.new_page()
        page.goto(base + f"{SLUG}/part-2.html#clause-3")
        page.wait_for_url(re.compile(rf"{SLUG}/index\.html#clause-3$"))
        assert page.locator("h3#clause-3").is_visible()
        page.goto(base + f"{SLUG}/full.html")
        page.wait_for_url(re.compile(rf"{SLUG}/index\.html(#.*)?$"))
    log.assert_inside()


def test_the_one_page_is_itself_in_the_navigation(merged_site: Path) -> None:
    """Its navigation holds the page itself (opened into its contents), not a section of one page."""
    page = (merged_site / SLUG / "index.html").read_text(encoding="utf-8")
    primary = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', page, re.S)
    assert primary, "no navigation drawer"
    nested = re.findall(
        r'<li class="md-nav__item[^"]*--nested">.*?<span class="md-ellipsis">\s*([^<]*?)\s*</span>', primary[0], re.S
    )
    assert nested == ["关于本站"], nested  # the site's own section only
    assert '<a href="index.html" class="md-nav__link md-nav__link--active">' in primary[0]


@pytest.mark.browser
@pytest.mark.parametrize("palette", ["light", "dark"])
def test_the_one_page_passes_axe(browser, merged_site: Path, palette: str) -> None:  # type: ignore[no-untyped-def]
    """The page type the seed's site lacks (a document's parts and clauses on its overview, h2 and
    h3), audited as test_accessibility audits the others, with a cite box open."""
    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run `npm ci` (make test does)")
    base = site_base(merged_site)
    with browser_context(browser, base, color_scheme=palette) as (context, log):
        page = context.new_page()
        page.goto(base + f"{SLUG}/index.html")
        page.locator('details.cite-box[data-anchor="clause-3"] > summary').click()
        result = run_axe(page)
    blocking = [v for v in result["violations"] if v["impact"] in BLOCKING]
    assert result["passes"] > 10, "axe-core checked almost nothing: was it injected?"
    assert not blocking, axe_report(blocking)
    log.assert_inside()


def test_linkchecker_on_the_shapes_site_as_published_by_default(tmp_path: Path) -> None:
    """The seed and every shape fixture built with the default threshold (the fixtures are short:
    one page each, the Opinions a page per part), crawled by LinkChecker with its anchor check:
    every related passage, reference, glossary link and contents entry reaches its anchor."""
    build_shapes(tmp_path)
    site = build_site(tmp_path / "docs", tmp_path / "site")
    one_page = [p.parent.name for p in site.glob("*/index.html") if not (p.parent / "full.html").exists()]
    assert len(one_page) > 20 and (site / "opinions-2025-08-15" / "part-4.html").exists()
    found = crawl(site)
    print(found.report())
    assert not found.broken() and not found.warnings(), found.report()
    assert found.returncode == 0, found.stderr
    assert found.anchored() > 100, found.report()


PRINTED = """() => ({
    boxes: [...document.querySelectorAll("details.cite-box")].map(e => getComputedStyle(e).display),
    related: [...document.querySelectorAll("nav.related")].map(e => getComputedStyle(e).display),
    breaks: [...document.querySelectorAll("h2.part")].map(e => getComputedStyle(e).breakBefore),
})"""


@pytest.mark.browser
def test_the_one_page_prints_without_a_page_a_part(browser, merged_site: Path, built_site: Path) -> None:  # type: ignore[no-untyped-def]
    """Printed, the one page leaves out its cite boxes and related passages and runs its parts on;
    a long document's print page (full.html) still starts each part on a new page."""
    for folder, path, breaks in (
        (merged_site, f"{SLUG}/index.html", "auto"),
        (built_site, "opinions-2025-08-15/full.html", "page"),
    ):
        base = site_base(folder)
        with browser_context(browser, base) as (context, log):
            page = context.new_page()
            page.emulate_media(media="print")
            page.goto(base + path)
            printed = page.evaluate(PRINTED)
        log.assert_inside()
        assert printed["breaks"] and set(printed["breaks"]) == {breaks}, (path, printed)
        assert set(printed["boxes"]) <= {"none"} and set(printed["related"]) <= {"none"}, (path, printed)
        assert printed["boxes"] or path.endswith("full.html"), printed  # the one page has boxes to hide
