"""The search box follows what it holds, however the text got there: committed by an input method
(with the mouse: no key is released), or pasted (no key-up either). Chromium's DevTools protocol
drives an input method (Input.imeSetComposition, then Input.insertText commits) and a paste (the
paste command of a key press whose key is never released), from disk and over http. Also: a page
loads nothing of the index; opening the search box does."""

from __future__ import annotations

from typing import Any

import pytest

from browser_support import browser_context, quiet
from search_queries import INPUT_METHOD, PASTED
from test_search import PLACEHOLDER, site_path

pytest_plugins = ["browser_support"]
pytestmark = pytest.mark.browser

META = "document.querySelector('.md-search-result__meta').textContent.trim()"
FIRST = "li.md-search-result__item a.md-search-result__link"
SCORED = "els => els.map(a => [a.href, a.querySelector('article').dataset.mdScore])"


#: True once results are listed and none is one of the pinyin being composed: the runs a result
#: marks (its h= parameter) hold no Latin letter.
NOT_PINYIN = """([first, text]) => {
    if (document.querySelector('input.md-search__input').value !== text) return false;
    const scored = Array.from(document.querySelectorAll(first))
        .filter(a => parseFloat(a.querySelector('article').dataset.mdScore) > 0);
    return scored.length > 0 && scored.every(a => !/[a-z]/i.test(new URL(a.href).searchParams.get('h') || ''));
}"""


def first_result(page: Any, base: str, expected_text: str) -> str:
    """The first result once the list shows the results of the text now in the box (the text
    holds no Latin letter, so the results of the pinyin composed before it are told apart)."""
    page.wait_for_function(NOT_PINYIN, arg=[FIRST, expected_text])
    links = page.eval_on_selector_all(FIRST, SCORED)
    return next(site_path(href, base) for href, score in links if float(score) > 0)


def clear_box(page: Any) -> None:
    box = page.locator("input.md-search__input")
    box.fill("")
    page.wait_for_function(f"{META} === {PLACEHOLDER!r}")
    box.focus()


@pytest.fixture
def search_page(site_url: str, chromium: Any):
    context = chromium.new_context(
        viewport={"width": 1280, "height": 900}, locale="zh-CN", permissions=["clipboard-read", "clipboard-write"]
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(site_url + "index.html")
    page.keyboard.press("/")
    yield page, context.new_cdp_session(page)
    context.close()


def test_words_committed_by_an_input_method_are_searched(site_url: str, search_page):
    page, cdp = search_page
    for pinyin, committed, expected in INPUT_METHOD:
        clear_box(page)
        for end in range(1, len(pinyin) + 1):  # the pinyin as the input method composes it
            cdp.send("Input.imeSetComposition", {"text": pinyin[:end], "selectionStart": end, "selectionEnd": end})
        cdp.send("Input.insertText", {"text": committed})  # chosen with the mouse: no key event
        assert first_result(page, site_url, committed) == expected, (pinyin, committed)


def test_pasted_text_is_searched(site_url: str, search_page):
    page, cdp = search_page
    for text, expected in PASTED:
        clear_box(page)
        page.evaluate("text => navigator.clipboard.writeText(text)", text)
        # the paste command, as from the context menu: no key is released
        cdp.send("Input.dispatchKeyEvent", {"type": "rawKeyDown", "commands": ["paste"], "key": "v", "modifiers": 2})
        assert first_result(page, site_url, text) == expected, text


def test_a_page_loads_nothing_of_the_index_and_opening_the_search_box_loads_it(site_url: str, chromium: Any):
    """The seed has no postings: opening the box loads the map, its scripts and every shard, so
    that the first query loads nothing more."""
    with browser_context(chromium, site_url, clipboard=False) as (context, log):
        loaded = log.urls
        page = context.new_page()
        page.goto(site_url + "index.html", wait_until="networkidle")
        scripts = ("search-apart.js", "search-rank.js")  # loaded with the map

        def index() -> list[str]:
            return sorted(u.split("/search/")[1] for u in loaded if "/search/" in u and "search_index" not in u)

        assert not index() and not [url for url in loaded if url.endswith(scripts)]
        page.keyboard.press("/")
        quiet(page, loaded)
        opened = index()
        assert opened[0] == "map.js" and opened[1:] and all(u.startswith("shards/") for u in opened[1:])
        assert all(any(url.endswith(script) for url in loaded) for script in scripts)
        page.locator("input.md-search__input").fill("城市體檢")
        assert first_result(page, site_url, "城市體檢").endswith("#clause-8")
        assert index() == opened
    log.assert_inside()
