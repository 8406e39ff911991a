"""Search as readers use it: Chromium types each query of the sets (tests/search_queries.py) into
the header's search box of the built site, opened from disk (file://) and over http, and reads the
result list. Prints first-result and top-5 hit rates; fails below 100 %. The exact set covers both
documents: single words, phrases, two-word queries, provision jumps, pinyin and words found
nowhere; the forgiving sets: words that stand apart in the text, traditional characters, and
queries typed through an input method or pasted."""

from __future__ import annotations

from typing import Any, NamedTuple

import pytest

from search_queries import APART, INPUT_METHOD, OPINIONS, PASTED, QUERIES, REPORT, TRADITIONAL, Forgiving

pytest_plugins = ["browser_support"]
pytestmark = pytest.mark.browser
PLACEHOLDER = "键入以开始搜索"


def test_query_set_is_large_and_covers_both_documents():
    assert len(QUERIES) >= 60
    assert sum(1 for _, e in QUERIES if e and e.startswith(OPINIONS)) >= 25
    assert sum(1 for _, e in QUERIES if e and e.startswith(REPORT)) >= 15


def site_path(href: str, base: str) -> str:
    """site path#anchor of a result link, without the ?h= highlight parameter."""
    assert href.startswith(base), href
    path, _, fragment = href[len(base) :].partition("#")
    return path.split("?")[0] + (f"#{fragment}" if fragment else "")


def _results(page, query: str, base: str) -> list[str]:
    """Result locations in the order shown, without the page headers the theme adds (score 0)."""
    box = page.locator("input.md-search__input")
    meta = "document.querySelector('.md-search-result__meta').textContent.trim()"
    box.fill("")
    box.press("End")  # the theme reads the query on key up, as after an IME commits a word
    page.wait_for_function(f"{meta} === {PLACEHOLDER!r}")
    box.fill(query)
    box.press("End")
    page.wait_for_function(f"{meta} !== {PLACEHOLDER!r}")
    links = page.eval_on_selector_all(
        "li.md-search-result__item a.md-search-result__link",
        """els => els.map(a => [a.href, a.querySelector('article').dataset.mdScore])""",
    )
    return [site_path(href, base) for href, score in links if float(score) > 0]


def test_search_query_set(site_url: str, browser_page, capsys):
    page = browser_page
    page.goto(site_url + "index.html")
    page.keyboard.press("/")
    first_hits = top5_hits = 0
    failures = []
    for query, expected in QUERIES:
        results = _results(page, query, site_url)
        meta = page.inner_text(".md-search-result__meta")
        if expected is None:
            ok = not results and "没有" in meta
            first_hits += ok
            top5_hits += ok
            if not ok:
                failures.append(f"{query!r}: expected nothing, got {results[:3]} ({meta})")
            continue
        first = results[0] if results else None
        first_hits += first == expected
        top5_hits += expected in results[:5]
        if first != expected:
            failures.append(f"{query!r}: first {first}, expected {expected}; top 5 {results[:5]}")
    total = len(QUERIES)
    scheme = site_url.split(":")[0]
    with capsys.disabled():  # the rates are shown even when the test passes
        rates = f"first result {first_hits / total:.0%}, top 5 {top5_hits / total:.0%}"
        print(f"\nsearch ({scheme}): {total} queries; {rates}")
    assert not failures, "\n".join(failures)


def test_a_result_opens_the_clause_with_the_match_highlighted(site_url: str, browser_page):
    page = browser_page
    page.goto(site_url + "index.html")
    page.keyboard.press("/")
    results = _results(page, "城中村", site_url)
    assert results[0] == OPINIONS + "part-4.html#clause-8"
    page.locator("li.md-search-result__item a.md-search-result__link", has_text="系统推进").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("#clause-8")
    assert "h=" in page.url
    marked = page.locator("mark[data-md-highlight]")
    marked.first.wait_for()
    assert marked.first.inner_text() == "城中村"
    assert page.evaluate("document.querySelector('mark[data-md-highlight]').closest('.para').id") == "clause-8-p1"


class Shown(NamedTuple):
    """A result as listed: where it leads, its score, whether it names a word as missing (a word
    that stands apart), and the runs it marks."""

    location: str
    score: float
    apart: bool
    marks: list[str]


SHOWN = """els => els.map(a => {
    const article = a.querySelector('article');
    return [a.href, article.dataset.mdScore, Boolean(article.querySelector('.md-search-result__terms')),
            Array.from(article.querySelectorAll('mark')).map(m => m.textContent)];
})"""


def shown_results(page: Any, query: str, base: str) -> list[Shown]:
    """The results of a query filled into the box; no key is pressed: the box's input event is
    what starts the search."""
    box = page.locator("input.md-search__input")
    meta = "document.querySelector('.md-search-result__meta').textContent.trim()"
    box.fill("")
    page.wait_for_function(f"{meta} === {PLACEHOLDER!r}")
    box.fill(query)
    page.wait_for_function(f"{meta} !== {PLACEHOLDER!r}")
    rows = page.eval_on_selector_all("li.md-search-result__item a.md-search-result__link", SHOWN)
    return [Shown(site_path(h, base), float(s), apart, marks) for h, s, apart, marks in rows if float(s) > 0]


def _check(query: Forgiving, shown: list[Shown]) -> list[str]:
    """What is wrong with the results of a forgiving query (nothing: all is well)."""
    found = [r.location for r in shown]
    if query.expected is None:
        return [f"{query.query!r}: expected nothing, got {found[:3]}"] if found else []
    problems = []
    if not found or found[0] != query.expected_first:
        problems.append(f"{query.query!r}: first {found[:1]}, expected {query.expected_first}")
    if query.expected not in found[:5]:
        problems.append(f"{query.query!r}: {query.expected} not in the top 5 {found[:5]}")
    exact = [r.score for r in shown if not r.apart]
    apart = [r.score for r in shown if r.apart]
    if exact and apart and max(apart) >= min(exact):
        problems.append(f"{query.query!r}: a word standing apart ranks above an exact hit: {shown[:5]}")
    return problems


@pytest.mark.parametrize("kind", ["apart", "traditional"])
def test_forgiving_query_sets(site_url: str, browser_page, capsys, kind: str):
    queries = {"apart": APART, "traditional": TRADITIONAL}[kind]
    page = browser_page
    page.goto(site_url + "index.html")
    page.keyboard.press("/")
    failures, first_hits, top5_hits = [], 0, 0
    for query in queries:
        shown = shown_results(page, query.query, site_url)
        found = [r.location for r in shown]
        expected = query.expected
        first_hits += found[:1] == [query.expected_first] if expected else not found
        top5_hits += expected in found[:5] if expected else not found
        failures += _check(query, shown)
    with capsys.disabled():
        rates = f"first result {first_hits / len(queries):.0%}, top 5 {top5_hits / len(queries):.0%}"
        print(f"\nsearch, {kind} ({site_url.split(':')[0]}): {len(queries)} queries; {rates}")
    assert not failures, "\n".join(failures)


def test_forgiving_sets_are_large_enough():
    found = [q for q in APART + TRADITIONAL if q.expected]
    assert len(found) >= 30 and sum(1 for q in APART + TRADITIONAL if q.expected is None) >= 5
    assert len(INPUT_METHOD) + len(PASTED) >= 5


def test_a_word_standing_apart_is_marked_as_such(site_url: str, browser_page):
    """停车位建设: the clause holding 停车位 … 建设 is found, its pieces marked, and the word named as
    missing (the theme's line 缺少: <del>停车位建设</del>)."""
    page = browser_page
    page.goto(site_url + "index.html")
    page.keyboard.press("/")
    shown = shown_results(page, "停车位建设", site_url)
    assert shown[0].location == OPINIONS + "part-4.html#clause-9" and shown[0].apart
    assert shown[0].marks == ["停车位", "建设"]
    missing = page.locator(".md-search-result__terms del").first
    assert missing.inner_text() == "停车位建设"


def test_a_traditional_query_shows_and_highlights_the_text_as_printed(site_url: str, browser_page):
    page = browser_page
    page.goto(site_url + "index.html")
    page.keyboard.press("/")
    shown = shown_results(page, "城市體檢", site_url)
    assert shown[0].location == OPINIONS + "part-4.html#clause-8"
    assert not shown[0].apart and set(shown[0].marks) == {"城市体检"}
    page.locator("li.md-search-result__item a.md-search-result__link", has_text="系统推进").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("#clause-8")
    marked = page.locator("mark[data-md-highlight]")
    marked.first.wait_for()
    assert marked.first.inner_text() == "城市体检"
