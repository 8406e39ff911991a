"""A library of 200 documents (the benchmark's corpus: the seed, the shape fixtures and generated
documents) built end to end: no page carries other documents' pages in its navigation, the
library page lists every document with its kind, date, number and issuer, and, in Chromium, the
library page filters, sorts and groups, by mouse and by keyboard."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

pytest.register_assert_rewrite("browser_support")

from playwright.sync_api import expect  # noqa: E402

from benchkit.corpus import library  # noqa: E402
from browser_support import browser_context, build_library_site, page_errors, site_base  # noqa: E402
from conftest import ARTIFACTS  # noqa: E402
from policydocs.render.glossary_page import LISTED  # noqa: E402

pytest_plugins = ["browser_support"]

SIZE = 200
#: The seed's Opinions; built with no registry, its address is its kind, date and short title.
DOC_PREFIX = "opinions-2025-08-15"
SITE_PAGES = {"index.html", "library.html", "glossary.html", "cite.html", "bench.html"}


@pytest.fixture(scope="module")
def library_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_library_site(tmp_path_factory.mktemp("library"), SIZE)


class Links(HTMLParser):
    """Every href of a page, with whether it lies inside the primary navigation or a related block."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.found: list[tuple[str, str]] = []  # (where, href)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        if tag == "nav":
            where = "primary" if "md-nav--primary" in classes else "related" if "related" in classes else ""
            self.stack.append(where or (self.stack[-1] if self.stack else ""))
        if tag == "a" and values.get("href"):
            self.found.append((self.stack[-1] if self.stack else "", values["href"] or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self.stack:
            self.stack.pop()


def links_of(site: Path, page: str) -> list[tuple[str, str]]:
    """(where, site path) of every link of a page to another page of the site."""
    parser = Links()
    parser.feed((site / page).read_text(encoding="utf-8"))
    out = []
    for where, href in parser.found:
        if urlsplit(href).scheme or href.startswith("#"):
            continue
        out.append((where, urlsplit(urljoin(f"https://x/{page}", href)).path.lstrip("/")))
    return out


def test_the_library_has_every_document(library_site: Path) -> None:
    documents = [p for p in (library_site / "data").glob("*.json") if p.name != "index.json"]
    assert len(documents) == SIZE


def test_a_clause_page_carries_no_other_documents_part_links(library_site: Path) -> None:
    (clause_page,) = library_site.glob(f"{DOC_PREFIX}*/part-4.html")
    doc = clause_page.parent.name
    links = links_of(library_site, f"{doc}/part-4.html")
    nav = [path for where, path in links if where == "primary"]
    own = sorted({path for path in nav if path.startswith(f"{doc}/")})
    assert own == sorted([f"{doc}/index.html", f"{doc}/full.html"] + [f"{doc}/part-{n}.html" for n in range(1, 8)])
    assert set(nav) - set(own) <= SITE_PAGES, sorted(set(nav) - set(own) - SITE_PAGES)[:10]
    others = [(where, path) for where, path in links if "/" in path and not path.startswith((f"{doc}/", "sources/"))]
    # Other documents are reached only through related passages (a few per clause), never the navigation.
    assert {where for where, _ in others} <= {"related"}, others[:10]
    documents = {path.split("/")[0] for _, path in others}
    assert len(documents) < 40, f"{len(documents)} other documents linked from one page"


def test_every_page_of_a_generated_document_lists_its_own_pages(library_site: Path) -> None:
    """A short generated law is one page (urls.ONE_PAGE_BELOW), whose navigation holds itself and the
    site's pages; each page of the long Opinions lists the Opinions' pages."""
    short = next(p.name for p in sorted(library_site.glob("regulations-*")) if (p / "index.html").exists())
    assert sorted(p.name for p in (library_site / short).glob("*.html")) == ["index.html"]
    page = (library_site / short / "index.html").read_text(encoding="utf-8")
    assert 'id="chapter-2"' in page and 'id="article-1"' in page
    nav = {path for where, path in links_of(library_site, f"{short}/index.html") if where == "primary"}
    assert {path for path in nav if "/" in path} == {f"{short}/index.html"}
    (slug,) = (p.parent.name for p in library_site.glob(f"{DOC_PREFIX}*/part-4.html"))
    for page in sorted((library_site / slug).glob("*.html")):
        nav = {path for where, path in links_of(library_site, f"{slug}/{page.name}") if where == "primary"}
        if page.name == "full.html":
            # The print page (template print.html) has no navigation drawer: the other pages carry it.
            assert not nav and 'class="md-sidebar' not in page.read_text(encoding="utf-8")
            continue
        assert {path for path in nav if "/" in path} == {
            f"{slug}/{p.name}" for p in (library_site / slug).glob("*.html")
        }
        assert nav - {path for path in nav if "/" in path} <= SITE_PAGES


class NavEntries(HTMLParser):
    """The primary navigation's entries in order: (depth, label or href), depth 1 for the site's own
    list, 2 for what an entry holds, 3 for the open page's table of contents."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # navs open inside the primary navigation (1: the primary one)
        self.label = False
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        if tag == "nav" and (self.depth or "md-nav--primary" in classes):
            self.depth += 1
        elif self.depth and tag == "a" and values.get("href") and "md-nav__link" in classes:
            self.found.append((self.depth, values["href"] or ""))
        elif self.depth and tag == "label" and "md-nav__link" in classes:
            self.label = True

    def handle_data(self, data: str) -> None:
        if self.label and data.strip():
            self.found.append((self.depth, data.strip()))
            self.label = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self.depth:
            self.depth -= 1


def test_readers_pages_come_first_and_the_projects_own_under_about(library_site: Path) -> None:
    """The library, the glossary and how to cite at the top of the navigation, in that order; the
    benchmark page inside 关于本站, its last entry."""
    (clause_page,) = library_site.glob(f"{DOC_PREFIX}*/part-4.html")
    parser = NavEntries()
    parser.feed(clause_page.read_text(encoding="utf-8"))
    top = [entry.removeprefix("../") for depth, entry in parser.found if depth == 1]
    site = [entry for entry in top if entry in SITE_PAGES]
    assert site == ["index.html", "library.html", "glossary.html", "cite.html"], top
    assert top[-1] == "关于本站", top
    about = parser.found.index((1, "关于本站"))
    assert [entry for _, entry in parser.found[about + 1 :]] == ["../bench.html"]
    assert [depth for depth, _ in parser.found[about + 1 :]] == [2]


def test_related_passages_follow_the_passage_they_belong_to(built_site: Path) -> None:
    """In the seed's news report, related passages come after the lead and after each section,
    never between the paragraphs of either."""
    pages = [path.read_text(encoding="utf-8") for path in built_site.glob("news-*/index.html")]
    (html,) = [page for page in pages if 'id="lead-p1"' in page]  # not the redirect left at a moved address
    blocks = [m.start() for m in re.finditer(r'<nav class="related"', html)]
    assert blocks, "the report has no related passages to place"
    for block in blocks:
        before = re.findall(r'id="(lead|section-\d+)-p(\d+)"', html[:block])
        after = re.findall(r'id="(lead|section-\d+)-p(\d+)"', html[block:])
        assert not {scope for scope, _ in before} & {scope for scope, _ in after}, (before[-1:], after[:1])


def rows_of(site: Path) -> list[list[str]]:
    html = (site / "library.html").read_text(encoding="utf-8")
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body)
    cells = [re.findall(r"<td>(.*?)</td>", row) for row in rows]
    # a title's cell may hold a note under the link: the title is the link's text
    return [[re.sub(r"<[^>]+>", "", re.sub(r"<br>.*", "", cell)) for cell in row] for row in cells]


def test_the_library_page_lists_every_document_with_kind_date_number_and_issuer(library_site: Path) -> None:
    rows = rows_of(library_site)
    html = (library_site / "library.html").read_text(encoding="utf-8")
    assert len(rows) == SIZE
    dates = [row[2] for row in rows if row[2]]
    assert dates == sorted(dates, reverse=True), "newest first"
    by_title = {row[0]: row for row in rows}
    assert by_title["中共中央 国务院关于推动城市高质量发展的意见"][1:] == ["意见", "2025-08-15", "", "中共中央、国务院"]
    # the seed's page stops at （下转第六版）: the library says the text is only its first part
    assert re.search(r'高质量发展的意见</a><br><small class="library-note">来源版面只载有其前半部分</small>', html)
    assert by_title["某市社区居家养老服务条例"][1:3] == ["条例", "2023-11-28"]
    notice = by_title["某省人民政府办公厅关于进一步做好城市社区养老服务工作的通知"]
    assert notice[1:] == ["通知", "2024-09-03", "某政办发〔2024〕12号", "某省人民政府办公厅"]
    assert {row[1] for row in rows} >= {"意见", "通知", "条例", "新闻报道"}
    for href in re.findall(r'<td><a href="([^"]+)"', html):
        assert (library_site / href).is_file(), href


# --- in Chromium --------------------------------------------------------------------------------------


def shown_rows(page) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return page.evaluate(
        """() => [...document.querySelectorAll("table.library-table tbody tr:not(.library-group)")]
            .map(tr => [...tr.cells].map(td => td.textContent.trim()))"""
    )


@pytest.mark.browser
def test_library_filters_sort_and_group(browser, library_site: Path) -> None:
    base = site_base(library_site)
    with browser_context(browser, base) as (context, log):
        page = context.new_page()
        errors = page_errors(page)
        page.goto(base + "library.html")
        count = page.locator(".library-count")
        expect(count).to_have_text(f"共 {SIZE} 份文件")
        assert len(shown_rows(page)) == SIZE

        page.get_by_label("文种", exact=True).select_option("条例")
        expect(count).to_contain_text("显示")
        rows = shown_rows(page)
        assert rows and all(row[1] == "条例" for row in rows)
        assert count.text_content() == f"显示 {len(rows)} 份，共 {SIZE} 份文件"
        page.get_by_label("文种", exact=True).select_option("")

        page.get_by_label("关键词", exact=True).fill("养老")
        rows = shown_rows(page)
        assert rows and all("养老" in " ".join(row) for row in rows)
        assert len(rows) < SIZE
        page.get_by_label("关键词", exact=True).fill("")

        year = page.get_by_label("年份", exact=True).locator("option").nth(2).get_attribute("value")
        page.get_by_label("年份", exact=True).select_option(year)
        rows = shown_rows(page)
        assert rows and all(row[2].startswith(year) for row in rows)
        page.get_by_label("年份", exact=True).select_option("")

        # Sorting: by title, then the other way; the column head says so (aria-sort).
        head = page.locator('th[data-key="title"]')
        head.get_by_role("button").click()
        titles = [row[0] for row in shown_rows(page)]
        assert titles == sorted(titles) and head.get_attribute("aria-sort") == "ascending"
        head.get_by_role("button").click()
        titles = [row[0] for row in shown_rows(page)]
        assert titles == sorted(titles, reverse=True) and head.get_attribute("aria-sort") == "descending"
        assert page.locator('th[data-key="date"]').get_attribute("aria-sort") is None

        # Grouping by kind: a heading row per kind, whose counts add up to the library.
        page.get_by_label("分组", exact=True).select_option("kind")
        groups = page.locator("tr.library-group th").all_text_contents()
        kinds = [re.match(r"(.+)（(\d+) 份）$", g) for g in groups]
        assert all(kinds) and sum(int(m[2]) for m in kinds) == SIZE
        assert [m[1] for m in kinds] == sorted(m[1] for m in kinds)
        assert "意见" in [m[1] for m in kinds] and "新闻报道" in [m[1] for m in kinds]
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / "library-grouped.png")
        assert errors == []
        log.assert_inside()


@pytest.mark.browser
def test_library_by_keyboard_alone(browser, library_site: Path) -> None:
    base = site_base(library_site)
    with browser_context(browser, base) as (context, _):
        page = context.new_page()
        page.goto(base + "library.html")
        field = page.get_by_label("关键词", exact=True)
        for _ in range(40):  # the navigation no longer lists every document: the filters are a few Tabs away
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.name") == "q":
                break
        else:
            pytest.fail("Tab never reached the keyword field")
        page.keyboard.type("通知")
        rows = shown_rows(page)
        assert rows and all("通知" in " ".join(row) for row in rows)
        expect(field).to_be_focused()
        page.keyboard.press("Tab")  # the year
        page.keyboard.press("Tab")  # the issuer
        page.keyboard.press("Tab")  # the kind
        assert page.evaluate("document.activeElement.name") == "kind"
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Shift+Tab")
        expect(field).to_be_focused()
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        assert len(shown_rows(page)) == SIZE
        # The sort buttons in the column heads are reached by Tab and pressed with Enter.
        for _ in range(10):
            page.keyboard.press("Tab")
            if (
                page.evaluate(
                    "document.activeElement.closest('th') && document.activeElement.closest('th').dataset.key"
                )
                == "issuer"
            ):
                break
        else:
            pytest.fail("Tab never reached the issuer column's sort button")
        page.keyboard.press("Enter")
        issuers = [row[4] for row in shown_rows(page) if row[4]]
        assert issuers == sorted(issuers)
        assert page.locator('th[data-key="issuer"]').get_attribute("aria-sort") == "ascending"
        # Enter on a title opens the document.
        page.locator("table.library-table tbody a").first.focus()
        target = page.locator("table.library-table tbody a").first.get_attribute("href")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(re.escape(target.split("/")[0]) + r"/index\.html$"))


def test_the_corpus_is_reproducible_and_its_documents_distinct() -> None:
    first, again = library(90), library(90)
    assert first == again
    generated = [data for name, data in first.items() if name.startswith("100_")]
    assert len(generated) > 30 and len(set(generated)) == len(generated)
    titles = [data.decode("utf-8").splitlines()[0] for data in generated]
    assert len(set(titles)) >= 0.9 * len(titles)
    assert library(60).keys() <= library(90).keys()  # a larger library holds the smaller one's files


@pytest.mark.browser
def test_a_common_term_in_the_glossary_opens_the_search_for_all_its_passages(browser, library_site: Path) -> None:
    """The glossary lists the first ten passages of a term; the rest are one click away, in search."""
    base = site_base(library_site)
    with browser_context(browser, base) as (context, log):
        page = context.new_page()
        errors = page_errors(page)
        page.goto(base + "glossary.html")
        places = page.locator("p.term-places", has_text="检索全部").first
        expect(places.locator("a")).to_have_count(LISTED + 1)  # and 检索全部
        term = places.locator("xpath=preceding-sibling::h3[1]").inner_text().rstrip("¶").strip()
        places.get_by_role("link", name="检索全部").click()
        expect(page.locator("input.md-search__input")).to_have_value(term)
        expect(page.locator(".md-search-result__item").first).to_contain_text(term)
        assert not errors, errors
        log.assert_inside()
