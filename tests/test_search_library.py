"""Search in a library too large to load whole (the benchmark's corpus, 64 documents): a query
loads the bucket files of its own characters and the shards of its best sections only, and its
results are those of loading every shard, in the same order with the same scores. The same site
with its map saying "no buckets" (the worker then loads every shard and scores every section, as
it does for the seed) gives the results to compare with."""

from __future__ import annotations

import contextlib
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytest.register_assert_rewrite("browser_support")

from browser_support import browser_context, build_library_site, quiet, serve, site_base, slow_down  # noqa: E402
from test_search import PLACEHOLDER  # noqa: E402

pytest_plugins = ["browser_support"]
pytestmark = pytest.mark.browser

SIZE = 64
#: Common words (hundreds of sections), one character, words standing apart, traditional
#: characters, two words, a quoted phrase, a jump, pinyin, numbers, and words found nowhere.
QUERIES = [
    "城中村",
    "城市更新",
    "社区",
    "城",
    "养老服务",
    "停车位建设",
    "老旧厂房改造",
    "城市體檢",
    "城中村 危旧房",
    "“平急两用”",
    "第八条",
    "pingji liangyong",
    "12351",
    "火星基地",
]
META = "document.querySelector('.md-search-result__meta').textContent.trim()"
ROWS = """els => els.map(a => [a.href.split('?')[0] + '#' + a.href.split('#')[1],
    a.querySelector('article').dataset.mdScore])"""


@pytest.fixture(scope="module")
def library_sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The library's site, and a copy whose map has no buckets (every shard is loaded)."""
    base = tmp_path_factory.mktemp("search-library")
    site = build_library_site(base, SIZE)
    whole = base / "whole"
    shutil.copytree(site, whole)
    for name in ("map.js", "search_index.json", "search_index.js"):
        path = whole / "search" / name
        text, count = re.subn(r'"buckets":\d+', '"buckets":0', path.read_text(encoding="utf-8"))
        assert count == 1, name
        path.write_text(text, encoding="utf-8")
    return site, whole


def results(page: Any, query: str, settled: str | None = None) -> tuple[str, list[tuple[str, str]]]:
    """The result count line and the results (location, score) of a query; with `settled`, once
    the count line reads that (the first answer of a library with buckets holds a few results,
    the second all of them)."""
    box = page.locator("input.md-search__input")
    box.fill("")
    page.wait_for_function(f"{META} === {PLACEHOLDER!r}")
    box.fill(query)
    if settled is None:
        page.wait_for_function(f"{META} !== {PLACEHOLDER!r}")
    else:
        with contextlib.suppress(PlaywrightTimeout):  # else the results as they stand, for the assertion
            page.wait_for_function(f"{META} === {settled!r}")
    rows = page.eval_on_selector_all("li.md-search-result__item a.md-search-result__link", ROWS)
    return page.inner_text(".md-search-result__meta"), [(h, s) for h, s in rows if float(s) > 0]


def open_search(chromium: Any, base: str, loaded: list[str] | None = None) -> Any:
    """A page of the site with the search box opened; with `loaded`, every request is appended
    to it, and the box's own loads are waited for."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.set_default_timeout(20_000)
    if loaded is not None:
        context.on("request", lambda request: loaded.append(request.url))
    page = context.new_page()
    page.goto(base + "index.html", wait_until="networkidle")  # the worker is loaded, and hears the box open
    page.keyboard.press("/")
    if loaded is not None:
        quiet(page, loaded)
    return page


def test_results_are_those_of_loading_every_shard(chromium: Any, library_sites: tuple[Path, Path]) -> None:
    site, whole = library_sites
    assert '"buckets":0' not in (site / "search" / "map.js").read_text(encoding="utf-8")
    reference = open_search(chromium, site_base(whole))
    expected = {query: results(reference, query) for query in QUERIES}
    reference.context.close()
    assert sum(1 for _, rows in expected.values() if len(rows) > 5) >= 6  # more than the first answer holds
    whole_base = site_base(whole)
    # from disk the index's files load as scripts; over http its data files are fetched
    with serve(site) as served:
        for base in (site_base(site), served):
            page = open_search(chromium, base)
            for query in QUERIES:
                meta, rows = expected[query]
                found_meta, found = results(page, query, settled=meta)
                assert found_meta == meta, (base, query)
                assert found == [(href.replace(whole_base, base), score) for href, score in rows], (base, query)
            page.context.close()


@pytest.fixture
def library_url(library_sites: tuple[Path, Path]) -> Iterator[str]:
    with serve(library_sites[0]) as base:
        yield base


def test_opening_the_search_box_loads_the_map_and_its_scripts_but_no_postings(chromium: Any, library_url: str) -> None:
    with browser_context(chromium, library_url, clipboard=False) as (context, log):
        page = context.new_page()
        loaded = log.urls
        kinds: dict[str, str] = {}
        context.on("request", lambda request: kinds.setdefault(request.url.split("/")[-1], request.resource_type))
        page.goto(library_url + "index.html", wait_until="networkidle")
        scripts = ("search-apart.js", "search-rank.js")
        assert not [u for u in loaded if ("/search/" in u and "search_index" not in u) or u.endswith(scripts)]
        page.keyboard.press("/")
        quiet(page, loaded)
        index = [url.split("/search/")[1] for url in loaded if "/search/" in url and "search_index" not in url]
        assert index == ["map.js"]
        assert all(any(url.endswith(script) for url in loaded) for script in scripts)
        # the map is data, fetched beside the scripts the worker imports one after the other
        assert kinds["map.js"] == "fetch" and kinds["search-rank.js"] != "fetch", kinds
    log.assert_inside()


#: A BroadcastChannel that cannot be made, as Firefox refuses one to a site that may not store data.
REFUSED_CHANNEL = "self.BroadcastChannel = function () { throw new DOMException('refused', 'SecurityError'); };\n"


def test_search_still_answers_when_the_browser_refuses_the_channel(chromium: Any, library_url: str) -> None:
    refused: list[str] = []

    def refused_in_the_worker(route: Any) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=REFUSED_CHANNEL + response.text())
        refused.append(route.request.url)

    with browser_context(chromium, library_url, clipboard=False) as (context, log):
        context.set_default_timeout(20_000)
        context.add_init_script(REFUSED_CHANNEL)
        context.route("**/search-worker.js", refused_in_the_worker)
        page = context.new_page()
        page.goto(library_url + "index.html", wait_until="networkidle")
        page.keyboard.press("/")
        quiet(page, log.urls)
        assert not [url for url in log.urls if url.endswith("/search/map.js")]  # opening the box told no one
        meta, rows = results(page, "社区")
        assert rows, meta
        assert refused, "the worker was not given the refusing channel"


def test_a_result_reached_by_keyboard_keeps_the_focus_when_more_results_come(chromium: Any, library_url: str) -> None:
    """The first answer lists five results and the second more: the list is redrawn between them.
    Requests are slowed (150 ms each) so that the reader's key comes between the two."""
    with browser_context(chromium, library_url, clipboard=False) as (context, log):
        context.set_default_timeout(20_000)
        page = context.new_page()
        slow_down(page, 150)
        page.goto(library_url + "index.html", wait_until="networkidle")
        page.keyboard.press("/")
        quiet(page, log.urls)
        page.locator("input.md-search__input").fill("社区")
        page.wait_for_function(f"{META} !== {PLACEHOLDER!r}")
        first_answer = page.inner_text(".md-search-result__meta")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        focused = page.evaluate("document.activeElement.getAttribute('href')")
        assert focused, "ArrowDown did not reach a result"
        page.wait_for_function(f"{META} !== {first_answer!r}")  # the second answer, more results
        assert page.evaluate("document.activeElement.getAttribute('href')") == focused


def test_a_query_loads_the_buckets_of_its_characters_and_a_few_shards(chromium: Any, library_url: str) -> None:
    loaded: list[str] = []
    page = open_search(chromium, library_url, loaded)
    assert any(url.endswith("/search/map.js") for url in loaded)  # opening the box loaded the map
    del loaded[:]
    kinds: dict[str, str] = {}
    page.context.on("request", lambda req: kinds.setdefault(req.url.split("/search/")[-1], req.resource_type))
    meta = results(page, "社区")[0]
    quiet(page, loaded)
    index = [url.split("/search/")[1] for url in loaded if "/search/" in url and "search_index" not in url]
    buckets = int(re.search(r'"buckets":(\d+)', page.evaluate("fetch('search/map.js').then(r => r.text())"))[1])
    assert buckets > 1
    assert "map.js" not in index
    # 社区's one pair starts with 社: its bucket is all the query needs of the index
    assert [u for u in index if u.startswith("index/")] == [f"index/{ord('社') % buckets}.js"], (meta, index)
    shards = [u for u in index if u.startswith("shards/")]
    assert shards and len(shards) <= 50 < SIZE
    # over http the data files are fetched side by side (importScripts loads one after another)
    assert {kinds[u] for u in index if u.startswith(("index/", "shards/"))} == {"fetch"}, kinds
    # traditional characters fetch the buckets of their simplified form only, as the query is folded
    del loaded[:]
    results(page, "城市體檢")
    quiet(page, loaded)
    fetched = {url.split("/search/")[1] for url in loaded if "/search/index/" in url}
    assert fetched and fetched <= {f"index/{ord(c) % buckets}.js" for c in "城市体"}, fetched
    page.context.close()
