"""Search as readers use it: Chromium types each query of the set into the header's search box of
the built site, opened from disk (file://) and over http, and reads the result list. Prints first-result and top-5 hit
rates; fails below 100 %. The query set covers both documents: single words, phrases, two-word
queries, provision jumps, pinyin and words found nowhere."""

from __future__ import annotations

import pytest

OPINIONS = "opinions-2025-08-15/"
REPORT = "news-zhong-cheng-lv-zhi-dan-dang-jie-cheng-hui-gong/index.html"  # news-1e6d6d37 redirects here

#: (query, expected first result as site path#anchor, or None: nothing is found)
QUERIES: list[tuple[str, str | None]] = [
    # Words and phrases from the Opinions, typed without spaces.
    ("城中村", OPINIONS + "part-4.html#clause-8"),
    ("平急两用", OPINIONS + "part-6.html#clause-17"),
    ("两用", OPINIONS + "part-6.html#clause-17"),
    ("口袋公园", OPINIONS + "part-5.html#clause-13"),
    ("好房子", OPINIONS + "part-4.html#clause-8"),
    ("完整社区", OPINIONS + "part-4.html#clause-8"),
    ("城市体检", OPINIONS + "part-4.html#clause-8"),
    ("城市更新", OPINIONS + "part-4.html#clause-8"),
    ("新质生产力", OPINIONS + "part-3.html#clause-4"),
    ("银发经济", OPINIONS + "part-3.html#clause-4"),
    ("低空经济", OPINIONS + "part-3.html#clause-4"),
    ("创新财政金融政策工具", OPINIONS + "part-3.html#clause-6"),
    ("生命线安全工程", OPINIONS + "part-6.html#clause-14"),
    ("地下综合管廊", OPINIONS + "part-4.html#clause-9"),
    ("紧密型医联体", OPINIONS + "part-4.html#clause-10"),
    ("保障性住房", OPINIONS + "part-4.html#clause-10"),
    ("光盘行动", OPINIONS + "part-5.html#clause-12"),
    ("节水型城市", OPINIONS + "part-5.html#clause-12"),
    ("幸福河湖", OPINIONS + "part-5.html#clause-13"),
    ("预制板", OPINIONS + "part-6.html#clause-14"),
    ("群租房", OPINIONS + "part-6.html#clause-14"),
    ("巨灾", OPINIONS + "part-6.html#clause-17"),
    ("历史文化名城", OPINIONS + "part-7.html#clause-18"),
    ("老地名", OPINIONS + "part-7.html#clause-19"),
    ("核心价值观", OPINIONS + "part-7.html#clause-20"),
    ("双城经济圈", OPINIONS + "part-2.html#clause-1"),
    ("省域副中心城市", OPINIONS + "part-2.html#clause-2"),
    ("县域经济", OPINIONS + "part-2.html#clause-3"),
    ("5G", OPINIONS + "part-4.html#clause-9"),
    ("千兆光网", OPINIONS + "part-4.html#clause-9"),
    ("托幼一体", OPINIONS + "part-4.html#clause-10"),
    ("下转第六版", OPINIONS + "index.html#top"),
    ("2025年8月15日", OPINIONS + "index.html#top"),
    # Words and phrases from the report.
    ("12351", REPORT + "#section-4"),
    ("齐鲁工惠", REPORT + "#section-4"),
    ("塔基工程", REPORT + "#section-3"),
    ("点线面", REPORT + "#section-2"),
    ("繁星工程", REPORT + "#section-1"),
    ("红色公交", REPORT + "#section-1"),
    ("我从一线来 登台展风采", REPORT + "#section-1"),
    ("县级工会加强年", REPORT + "#section-2"),
    ("齐鲁大工匠", REPORT + "#section-3"),
    ("鲁菜师傅", REPORT + "#section-3"),
    ("法治体检", REPORT + "#section-4"),
    ("一函两书", REPORT + "#section-4"),
    ("协商+调解", REPORT + "#section-4"),
    ("海员之家", REPORT + "#section-4"),
    ("仙境海岸", REPORT + "#section-4"),
    ("工会妈妈小屋", REPORT + "#section-4"),
    ("钟嘉琳", REPORT + "#top"),
    ("竭诚惠工暖心", REPORT + "#top"),
    # Quoted phrases and two words with a space.
    ('"城中村"', OPINIONS + "part-4.html#clause-8"),
    ("“平急两用”", OPINIONS + "part-6.html#clause-17"),
    ("城中村 危旧房", OPINIONS + "part-4.html#clause-8"),
    ("口袋公园 绿道", OPINIONS + "part-5.html#clause-13"),
    ("12351 满意度", REPORT + "#section-4"),
    ("劳模 宣讲", REPORT + "#section-1"),
    # Jumps to a provision.
    ("第八条", OPINIONS + "part-4.html#clause-8"),
    ("（八）", OPINIONS + "part-4.html#clause-8"),
    ("第8条", OPINIONS + "part-4.html#clause-8"),
    ("8", OPINIONS + "part-4.html#clause-8"),
    ("第十七条", OPINIONS + "part-6.html#clause-17"),
    ("第二十条", OPINIONS + "part-7.html#clause-20"),
    ("第三部分", OPINIONS + "part-3.html#part-3"),
    ("第2节", REPORT + "#section-2"),
    # Glossary terms by pinyin.
    ("pingji liangyong", "glossary.html#dual-use-facilities"),
    ("pingjiliangyong", "glossary.html#dual-use-facilities"),
    ("chengzhongcun", "glossary.html#urban-villages"),
    ("koudai gongyuan", "glossary.html#pocket-parks"),
    ("yinfa jingji", "glossary.html#silver-economy"),
    # Found nowhere.
    ("火星基地", None),
    ("城中村 火星", None),
    ("zzzqqq", None),
]

pytest_plugins = ["browser_support"]
pytestmark = pytest.mark.browser
PLACEHOLDER = "键入以开始搜索"


def test_query_set_is_large_and_covers_both_documents():
    assert len(QUERIES) >= 60
    assert sum(1 for _, e in QUERIES if e and e.startswith(OPINIONS)) >= 25
    assert sum(1 for _, e in QUERIES if e and e.startswith(REPORT)) >= 15


def _site_path(href: str, base: str) -> str:
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
    return [_site_path(href, base) for href, score in links if float(score) > 0]


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
