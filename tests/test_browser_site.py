"""The built site in Debian's Chromium, opened from disk (file://) and from a local server:
navigation to clause （八）, its permalink and cite box, copying, search, glossary tooltips,
screenshots, and no request outside the site folder."""

from __future__ import annotations

import html
import re
import struct
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

pytest.register_assert_rewrite("browser_support")

from playwright.sync_api import Page, expect  # noqa: E402

from browser_support import DESKTOP, PHONE, browser_context, page_errors, site_base  # noqa: E402
from conftest import ARTIFACTS  # noqa: E402

pytest_plugins = ["browser_support"]

DOC = "opinions-2025-08-15"
DOC_TITLE = "中共中央 国务院关于推动城市高质量发展的意见"
PART_4 = "四、营造高品质城市生活空间"
CLAUSE_8 = "（八）系统推进“好房子”和完整社区建设。"
GBT_HEAD = "中共中央, 国务院. 中共中央 国务院关于推动城市高质量发展的意见[EB/OL]."
PERMALINK = re.compile(rf"^https?://\S+/{DOC}/part-4\.html#clause-8$")
DATE = re.compile(r"\[\d{4}-\d{2}-\d{2}\]")

pytestmark = pytest.mark.browser


def cite_rows(page: Page, anchor: str) -> dict[str, str]:
    """Label -> shown text of each row of a cite box (永久链接, GB/T 7714, Markdown, 来源)."""
    return page.evaluate(
        """anchor => {
            const box = document.querySelector(`details.cite-box[data-anchor="${anchor}"]`);
            const rows = {};
            box.querySelectorAll("dt").forEach(dt => {
                const dd = dt.nextElementSibling;
                const code = dd.querySelector("code.cite-text");
                rows[dt.textContent.trim()] = (code || dd).textContent.trim();
            });
            return rows;
        }""",
        anchor,
    )


def clipboard(page: Page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


def test_clause_8_by_navigation_permalink_cite_and_copy(browser, site_url):
    with browser_context(browser, site_url) as (context, log):
        page = context.new_page()
        errors = page_errors(page)
        page.goto(site_url + "index.html")
        expect(page.locator("h1")).to_contain_text("政策文件读本")

        # The navigation: the library, the document there, then part 四 in the document's own
        # navigation (the site's navigation does not list every document's pages).
        nav = page.locator("nav.md-nav--primary")
        assert nav.get_by_role("link", name=PART_4, exact=True).count() == 0
        nav.get_by_role("link", name="文件库", exact=True).click()
        expect(page).to_have_url(site_url + "library.html")
        page.locator("table.library-table").get_by_role("link", name=DOC_TITLE, exact=True).click()
        expect(page).to_have_url(site_url + f"{DOC}/index.html")
        nav.get_by_role("link", name=PART_4, exact=True).click()
        expect(page).to_have_url(site_url + f"{DOC}/part-4.html")
        expect(page.locator("h1")).to_contain_text(PART_4)

        # The clause in the page's table of contents.
        toc = page.locator("nav.md-nav--secondary")
        toc.get_by_role("link", name=CLAUSE_8, exact=True).click()
        expect(page).to_have_url(site_url + f"{DOC}/part-4.html#clause-8")
        heading = page.locator("h2#clause-8")
        expect(heading).to_have_text(re.compile("^" + re.escape(CLAUSE_8)))
        expect(heading).to_be_in_viewport()
        header = page.locator("header.md-header").bounding_box()
        assert heading.bounding_box()["y"] >= header["y"] + header["height"] - 1, "heading hidden under the header"

        # The permalink (¶) of the clause, from a URL without the fragment.
        page.evaluate("history.replaceState(null, '', location.pathname)")
        expect(page).to_have_url(site_url + f"{DOC}/part-4.html")
        heading.hover()
        permalink = heading.locator("a.headerlink")
        expect(permalink).to_be_visible()
        permalink.click()
        expect(page).to_have_url(re.compile(rf"{DOC}/part-4\.html#clause-8$"))
        expect(heading).to_be_in_viewport()

        # The cite box: closed until asked for.
        box = page.locator('details.cite-box[data-anchor="clause-8"]')
        expect(box.locator("dl")).to_be_hidden()
        box.locator("summary").click()
        expect(box.locator("dl")).to_be_visible()
        rows = cite_rows(page, "clause-8")
        url = rows["永久链接"]
        assert PERMALINK.match(url), url
        gbt = rows["GB/T 7714"]
        assert gbt.startswith(GBT_HEAD), gbt
        assert "第（八）条" in gbt and url in gbt and "(2025-08-15)" in gbt
        assert DATE.search(gbt) and "引用日期" not in gbt, f"access date not filled in: {gbt}"
        assert rows["Markdown"] == f"[《{DOC_TITLE}》第（八）条]({url})"
        assert re.fullmatch(r"\S+\.txt 第\d+(–\d+)?行", rows["来源"]), rows["来源"]
        source = box.locator("dt:text-is('来源') + dd a").get_attribute("href")
        assert page.evaluate("href => new URL(href, location.href).href", source).startswith(site_url)

        # Each copy button puts its row's text on the clipboard.
        for label, button in zip(["永久链接", "GB/T 7714", "Markdown"], box.locator("button.cite-copy").all()):
            page.evaluate("navigator.clipboard.writeText('')")
            button.click()
            expect(button).to_have_text("已复制")
            assert clipboard(page) == rows[label], label
            expect(page.locator("#cite-status")).to_have_text("已复制到剪贴板")
        assert errors == []
    log.assert_inside()


FALLBACK = """
    window.__refused = 0;
    Clipboard.prototype.writeText = function () {
        window.__refused += 1;
        return Promise.reject(new DOMException("refused", "NotAllowedError"));
    };
"""


def test_copy_falls_back_when_the_clipboard_api_refuses(browser, site_url):
    """Pages opened from disk or in a non-secure context may not get the async clipboard API."""
    with browser_context(browser, site_url) as (context, log):
        context.add_init_script(FALLBACK)
        page = context.new_page()
        page.goto(site_url + f"{DOC}/part-4.html#clause-8")
        box = page.locator('details.cite-box[data-anchor="clause-8"]')
        box.locator("summary").click()
        gbt = cite_rows(page, "clause-8")["GB/T 7714"]
        button = box.locator("button.cite-copy").nth(1)
        button.click()
        expect(button).to_have_text("已复制")
        assert page.evaluate("window.__refused") == 1, "the clipboard API was not tried first"
        assert clipboard(page) == gbt
        expect(button).to_have_text("复制", timeout=5000)

        # When no way of copying works, the text is selected for the reader to copy by hand.
        page.evaluate("document.execCommand = () => false")
        button.click()
        expect(page.locator("#cite-status")).to_contain_text("无法自动复制")
        assert page.evaluate("getSelection().toString()") == gbt
        expect(button).to_have_text("复制")
    log.assert_inside()


def page_text(path: Path) -> str:
    """The text of an HTML page, tags removed."""
    return html.unescape(re.sub(r"<[^>]*>", "", path.read_text(encoding="utf-8")))


def result_path(href: str, base: str) -> str:
    assert href.startswith(base), f"search result outside the site: {href}"
    return urlsplit(href[len(base) :]).path


def test_search_finds_the_word_and_opens_its_clause(browser, site_url, built_site):
    """城中村, typed in the search box (from disk too): results come from pages that contain the
    word, the first from the Opinions; the result for clause （八） opens it with the word marked."""
    word = "城中村"
    with browser_context(browser, site_url) as (context, log):
        page = context.new_page()
        errors = page_errors(page)
        page.goto(site_url + "index.html")
        page.locator("input.md-search__input").click()
        # Chinese is typed through an input method; the key-up that follows starts the search.
        page.keyboard.type(word)
        page.keyboard.press("End")
        links = page.locator(".md-search-result__list a")
        expect(links.first).to_be_visible()
        # the results of the whole word: those of 城 and 城中, typed before it, may come first
        expect(page.locator(".md-search-result__item mark").first).to_have_text(word)
        hrefs = [link.get_attribute("href") for link in links.all()]
        assert result_path(hrefs[0], site_url).startswith(f"{DOC}/"), f"first result not in the Opinions: {hrefs}"
        for path in {result_path(href, site_url) for href in hrefs}:
            assert word in page_text(built_site / path), f"{path} is a result but does not contain {word}"
        clause = [h for h in hrefs if result_path(h, site_url) == f"{DOC}/part-4.html" and h.endswith("#clause-8")]
        assert clause, f"clause （八） is not among the results: {hrefs}"
        assert parse_qs(urlsplit(clause[0]).query).get("h") == [word], f"highlight is not the word: {clause[0]}"

        page.locator(f'.md-search-result__list a[href="{clause[0]}"]').click()
        expect(page).to_have_url(re.compile(rf"{DOC}/part-4\.html\?h=.*#clause-8$"))
        expect(page.locator("h2#clause-8")).to_be_in_viewport()
        expect(page.locator("#clause-8-p1 mark").first).to_have_text(word)
        assert errors == []
    log.assert_inside()


def test_search_shows_the_results_of_the_last_query(browser, site_url):
    """Queries sent one after another (城, 城中, 城中村) before any index shard is loaded: the list
    shows the results of the last one, not of an earlier query that finished later."""
    with browser_context(browser, site_url) as (context, log):
        page = context.new_page()
        page.goto(site_url + "index.html")
        page.locator("input.md-search__input").click()
        page.wait_for_timeout(300)  # the worker is set up; no query has loaded a shard yet
        page.evaluate(
            """() => {
                const input = document.querySelector("input.md-search__input");
                for (const value of ["城", "城中", "城中村"]) {
                    input.value = value;
                    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
                }
            }"""
        )
        clause = page.locator(f'.md-search-result__list a[href*="{DOC}/part-4.html"][href$="#clause-8"]')
        expect(clause.first).to_be_visible()
        page.wait_for_timeout(1000)  # a stale answer would arrive in this time
        hrefs = [link.get_attribute("href") for link in page.locator(".md-search-result__list a").all()]
        highlighted = {parse_qs(urlsplit(h).query).get("h", [""])[0] for h in hrefs} - {""}
        assert highlighted == {"城中村"}, hrefs
    log.assert_inside()


def test_glossary_term_tooltip_on_hover_and_focus(browser, site_url):
    with browser_context(browser, site_url) as (context, log):
        page = context.new_page()
        page.goto(site_url + f"{DOC}/part-4.html#clause-8")
        term = page.locator("#clause-8-p1 a.term").first
        term_id = term.get_attribute("data-term")
        assert term.get_attribute("aria-describedby") == f"def-{term_id}"
        definition = page.locator(f"#def-{term_id}").text_content()
        assert definition.startswith(term.text_content() + "："), definition
        tip = page.locator(".term-tooltip")

        term.hover()
        expect(tip).to_be_visible()
        expect(tip).to_have_text(definition)
        link_box, tip_box = term.bounding_box(), tip.bounding_box()
        assert tip_box["y"] >= link_box["y"] + link_box["height"] - 1, "tooltip not below the term"
        assert tip_box["x"] >= 0 and tip_box["x"] + tip_box["width"] <= DESKTOP["width"]
        page.mouse.move(5, DESKTOP["height"] - 5)
        expect(tip).to_be_hidden()

        # Keyboard: Tab from the clause's cite box summary reaches the first term; Escape hides.
        page.locator('details.cite-box[data-anchor="clause-8"] > summary').focus()
        page.keyboard.press("Tab")
        expect(term).to_be_focused()
        expect(tip).to_be_visible()
        expect(tip).to_have_text(definition)
        page.keyboard.press("Escape")
        expect(tip).to_be_hidden()

        word = term.text_content()
        term.click()
        expect(page).to_have_url(site_url + f"glossary.html#{term_id}")
        entry = page.locator(f"h3#{term_id}")
        expect(entry).to_be_in_viewport()
        expect(entry).to_contain_text(word)
    log.assert_inside()


def test_every_page_loads_without_requests_outside_the_site(browser, site_url, built_site):
    """Every HTML page of the site, loaded in turn: nothing is fetched from outside, no script fails."""
    # 404.html is served by a web server at any depth, so its links are absolute: not opened here.
    pages = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html") if p.name != "404.html")
    assert len(pages) > 10
    with browser_context(browser, site_url) as (context, log):
        page = context.new_page()
        errors = page_errors(page)
        for path in pages:
            page.goto(site_url + path)
            page.wait_for_load_state("load")
        assert errors == []
    log.assert_inside()
    assert not log.blocked


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("name,viewport", [("desktop", DESKTOP), ("phone", PHONE)])
def test_screenshots(browser, built_site, name, viewport):
    """Home page, clause （八） and its open cite box at desktop and phone widths, as artifacts."""
    ARTIFACTS.mkdir(exist_ok=True)
    base = site_base(built_site)
    shots = {
        "home": ARTIFACTS / f"home-{name}.png",
        "clause": ARTIFACTS / f"clause-8-{name}.png",
        "cite": ARTIFACTS / f"cite-box-{name}.png",
    }
    for shot in shots.values():
        shot.unlink(missing_ok=True)
    with browser_context(browser, base, viewport=viewport) as (context, log):
        page = context.new_page()
        page.goto(base + "index.html")
        page.screenshot(path=shots["home"])
        page.goto(base + f"{DOC}/part-4.html#clause-8")
        expect(page.locator("h2#clause-8")).to_be_in_viewport()
        page.screenshot(path=shots["clause"])
        box = page.locator('details.cite-box[data-anchor="clause-8"]')
        box.locator("summary").click()
        expect(box.locator("dl")).to_be_visible()
        page.locator("h2#clause-8").scroll_into_view_if_needed()
        page.screenshot(path=shots["cite"])

        # Reads on a phone: nothing wider than the screen, the cite box included.
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"page is {width}px wide on a {viewport['width']}px screen"
        right = box.bounding_box()["x"] + box.bounding_box()["width"]
        assert right <= viewport["width"], f"cite box overflows: right edge at {right}px"
    log.assert_inside()
    for shot in shots.values():
        assert png_size(shot) == (viewport["width"], viewport["height"]), shot


def test_request_log_sees_requests_outside_the_site(browser, built_site):
    """Sanity check of the request log itself: a request outside the site is seen and blocked."""
    base = site_base(built_site)
    with browser_context(browser, base) as (context, log):
        page = context.new_page()
        page.goto(base + "index.html")
        page.evaluate("fetch('https://example.com/x.js').catch(() => null)")
        page.wait_for_timeout(200)
    assert log.outside() == ["https://example.com/x.js"]
    assert log.urls[0] == base + "index.html"
