"""What a reader downloads, measured in Debian's Chromium: a first visit to a clause page, a first
search, and how long a search takes to answer; and what the built site ships."""

from __future__ import annotations

import argparse
from pathlib import Path
from statistics import median
from typing import Any

from browser_support import serve, slow_down
from conftest import CHROMIUM, CHROMIUM_ARGS

from .common import Results, project_config, run, shown, tree_bytes  # (puts tests/ on the path)
from .seed import Seed, shown_rel

CLAUSE_PAGE = "opinions-2025-08-15/part-4.html#clause-8"
SEARCH_WORD = "城中村"
#: Queries timed after the first search (the index is loaded by then).
LATENCY_QUERIES = ("城市更新", "养老服务", "社区", "安全韧性", "第八条")


#: Fresh browsers (empty caches) whose first search is timed, each way (see browse).
FIRST_RUNS = 9
#: Latency added to every request (Chromium's network emulation), as from a distant host: the
#: first search is also timed so, in LATENCY_RUNS fresh browsers.
LATENCY_MS = 40
LATENCY_RUNS = 3


def answer_time(page: Any, query: str, *, opening: bool = False) -> float:
    """Milliseconds from the query's input (the search box answers its input event as a key release)
    to the result count being written; the observer is in place before the query is typed, and a
    query left unanswered for 20 s counts as 20 s rather than stopping the benchmark. With
    `opening`, the box is focused in the same turn as the query arrives: nothing could load before."""
    box = page.locator("input.md-search__input")
    if not opening:
        box.fill("")
        box.press("End")
    page.wait_for_function("document.querySelector('.md-search-result__meta').textContent.trim() === '键入以开始搜索'")
    return page.evaluate(
        """([query, opening]) => new Promise(resolve => {
            const meta = document.querySelector('.md-search-result__meta');
            const input = document.querySelector('input.md-search__input');
            const start = performance.now();
            const done = (_, observer) => { observer.disconnect(); resolve(performance.now() - start); };
            new MutationObserver(done).observe(meta, {childList: true, characterData: true, subtree: true});
            setTimeout(() => resolve(performance.now() - start), 20000);
            if (opening) input.focus();
            input.value = query;
            input.dispatchEvent(new Event('input', {bubbles: true}));
            input.dispatchEvent(new KeyboardEvent('keyup', {key: 'End', bubbles: true}));
        })""",
        [query, opening],
    )


def browse(site: Path, base: str, clause_page: str = CLAUSE_PAGE, *, timed: bool = True) -> dict[str, Any]:
    """Bytes a fresh Chromium downloads for a first visit to a clause page, then for opening the
    search box and a first search. With `timed`, also how long the first search takes to answer,
    in FIRST_RUNS more fresh browsers each way (typed once what opening the box loads is loaded,
    as a reader types a word after opening it; typed as the box opens) and in LATENCY_RUNS with
    LATENCY_MS added to every request, typed after opening; and later searches, in the first
    browser. Requests are not followed while a search is timed (see unwatched; the latency is
    set through a DevTools session that asks for no network events)."""
    from urllib.parse import unquote, urlsplit

    from playwright.sync_api import sync_playwright

    def body_size(url: str, reported: int) -> int:
        if reported > 0 or not url.startswith(base):
            return max(reported, 0)
        path = site / unquote(urlsplit(url).path).lstrip("/")
        return path.stat().st_size if path.is_file() else 0

    log: list[dict[str, Any]] = []
    in_flight: set[Any] = set()

    def finished(request: Any) -> None:
        in_flight.discard(request)
        try:
            sizes = request.sizes()
        except Exception:  # a request without sizes counts by its file
            sizes = {}
        log.append(
            {
                "url": request.url,
                "body": body_size(request.url, int(sizes.get("responseBodySize") or 0)),
                "headers": int(sizes.get("responseHeadersSize") or 0),
            }
        )

    def started(request: Any) -> None:
        in_flight.add(request)

    def failed(request: Any) -> None:
        in_flight.discard(request)

    def watch(context: Any, on: bool = True) -> None:
        """Starts (or stops) following a browser's requests: in flight, and their bytes."""
        follow = context.on if on else context.remove_listener
        follow("request", started)
        follow("requestfinished", finished)
        follow("requestfailed", failed)

    def visit(browser: Any, latency: int = 0) -> Any:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        watch(context)
        page = context.new_page()
        if latency:
            slow_down(page, latency)
        page.goto(base + clause_page, wait_until="networkidle")
        settle(page)
        return page

    def settle(page: Any) -> None:
        """Waits until what the page asked for has come: for 300 ms no request in flight (10 s at
        most; a page's load state, once reached, does not wait for later requests)."""
        quiet = 0
        for _ in range(100):
            page.wait_for_timeout(100)
            quiet = 0 if in_flight else quiet + 1
            if quiet == 3:
                break

    def open_box(page: Any) -> None:
        """Opens the search box and waits for what it loads: a reader types a word after opening it."""
        page.locator("input.md-search__input").click()
        settle(page)

    def close(page: Any) -> None:
        """Closes the page's browser (what it loads from then on is not counted)."""
        page.context.close()
        in_flight.clear()  # a request cut short by the closing reports neither end

    def unwatched(page: Any, opening: bool = False) -> float:
        """The first search's time, in a browser whose requests are no longer followed: the
        listeners make the driver and Python work at each request, on the cores Chromium uses (at
        1,024 documents, 51.5 against 43.7 ms without them, median of 9 interleaved; Chromium
        launched without DevTools at all: 39.6 against 41.4 ms driven without listeners). What
        was loaded before the query, they followed."""
        watch(page.context, on=False)
        time = answer_time(page, SEARCH_WORD, opening=opening)
        close(page)
        return time

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        version = browser.version
        page = visit(browser)
        visited = list(log)
        open_box(page)
        opened = log[len(visited) :]
        # The word arrives whole, as an input method commits it. This browser counts bytes, and
        # the fresh ones below time the answer; this one's time says what following costs.
        watched = answer_time(page, SEARCH_WORD)
        found = True
        try:
            page.locator(".md-search-result__list a").first.wait_for(state="visible", timeout=20000)
        except Exception:  # reported as a missed goal
            found = False
        settle(page)
        results = page.locator(".md-search-result__list a").count() if found else 0
        searched = log[len(visited) :]
        timing = found and timed
        # each query three times: the first loads its buckets and shards, the others find them
        # loaded; timed with the bytes counted, no longer followed (see unwatched)
        watch(page.context, on=False)
        answers = [answer_time(page, query) for query in LATENCY_QUERIES * 3] if timing else []
        close(page)
        firsts: list[float] = []
        at_once: list[float] = []
        for n in range(FIRST_RUNS * 2 if timing else 0):
            page = visit(browser)
            if n % 2:
                open_box(page)
                firsts.append(unwatched(page))
            else:
                at_once.append(unwatched(page, opening=True))
        distant: list[float] = []
        for _ in range(LATENCY_RUNS if timing else 0):
            page = visit(browser, LATENCY_MS)
            open_box(page)
            distant.append(unwatched(page))
        browser.close()

    def total(entries: list[dict[str, Any]]) -> int:
        return sum(e["body"] for e in entries)

    def biggest(entries: list[dict[str, Any]]) -> list[list[Any]]:
        top = sorted(entries, key=lambda e: -e["body"])[:5]
        return [[e["url"].removeprefix(base), e["body"]] for e in top]

    outside = [e["url"] for e in log if not e["url"].startswith((base, "data:", "blob:"))]
    return {
        "chromium": version,
        "visit_bytes": total(visited),
        "visit_requests": len(visited),
        "visit_largest": biggest(visited),
        "open_bytes": total(opened),
        "open_requests": len(opened),
        "search_bytes": total(searched),
        "search_requests": len(searched),
        "search_largest": biggest(searched),
        "search_found": found,
        "search_results": results,
        "outside": outside,
        "first_ms": round(median(firsts), 1) if firsts else None,
        "first_watched_ms": round(watched, 1),
        "first_runs_ms": [round(t, 1) for t in firsts],
        "first_at_once_ms": round(median(at_once), 1) if at_once else None,
        "first_at_once_runs_ms": [round(t, 1) for t in at_once],
        "first_distant_ms": round(median(distant), 1) if distant else None,
        "first_distant_runs_ms": [round(t, 1) for t in distant],
        "answer_ms": [round(t, 1) for t in answers],
    }


def search_languages() -> set[str]:
    for plugin in project_config().get("plugins") or []:
        if isinstance(plugin, dict) and ("search" in plugin or "material/search" in plugin):
            options = plugin.get("search") or plugin.get("material/search") or {}
            lang = options.get("lang") or ["en"]
            return set([lang] if isinstance(lang, str) else lang)
    return {"en"}


def group_downloads(results: Results, args: argparse.Namespace) -> None:
    seed = Seed()
    run(seed.generate)
    run(seed.mkdocs)
    site = seed.site
    zip_path = site / "download" / "policy-docs-offline.zip"
    try:
        import playwright  # noqa: F401 - only to know whether the browser can be driven
    except ImportError:
        args.no_browser = True
    if Path(CHROMIUM).exists() and not args.no_browser:
        with serve(site) as base:
            seen = browse(site, base, timed=False)  # the seed's answer times: bench_search.py
        results.extra["chromium"] = seen.pop("chromium")
        results.add(
            "visit_bytes", f"First visit to {CLAUSE_PAGE} ({seen['visit_requests']} requests)",
            f"首次打开条款页（{seen['visit_requests']} 个请求）", seen["visit_bytes"], "bytes",
            "python scripts/bench.py --only downloads", "< 300 KB",
            seen["visit_bytes"] < 300_000,
        )  # fmt: skip
        results.add(
            "search_bytes", f"First search for {SEARCH_WORD} ({seen['search_requests']} requests,"
            f" {seen['search_results']} results)", f"首次检索“{SEARCH_WORD}”（{seen['search_requests']} 个请求，"
            f"{seen['search_results']} 条结果）", seen["search_bytes"] if seen["search_found"] else None, "bytes",
            "python scripts/bench.py --only downloads", None, None if seen["search_found"] else False,
        )  # fmt: skip
        results.add(
            "outside_requests", "Requests leaving the site (first visit and search)", "访问站外的请求数",
            len(seen["outside"]), "requests", "python scripts/bench.py --only downloads", "0", not seen["outside"],
        )  # fmt: skip
        results.extra["downloads"] = seen
        largest = ", ".join(f"{url} ({size / 1000:.1f} KB)" for url, size in seen["visit_largest"][:4])
        results.note(f"First visit to {CLAUSE_PAGE}: the largest downloads are {largest}.")
    else:
        results.note("Downloads in Chromium: not measured (no /usr/bin/chromium, no Playwright, or --no-browser).")
    results.add("site_bytes", "Site folder (all files, zip included)", "站点文件夹大小（含压缩包）",
                tree_bytes(site), "bytes", f"du -sb {shown(site)}")  # fmt: skip
    index = site / "search" / "search_index.json"
    results.add(
        "search_index_bytes", "Search index (search/search_index.json)", "检索索引大小",
        index.stat().st_size if index.exists() else None, "bytes", f"stat -c %s {shown(index)}",
    )  # fmt: skip
    search_dir = site / "search"
    if search_dir.is_dir():
        results.add("search_files_bytes", "All search files (search/)", "检索相关文件总大小",
                    tree_bytes(search_dir), "bytes", f"du -sb {shown(search_dir)}")  # fmt: skip
    results.add(
        "zip_bytes", "Offline zip (download/policy-docs-offline.zip)", "离线压缩包大小",
        zip_path.stat().st_size if zip_path.exists() else None, "bytes", f"stat -c %s {shown(zip_path)}",
        "< 1 MB", zip_path.exists() and zip_path.stat().st_size < 1_000_000,
    )  # fmt: skip
    maps = sorted(shown_rel(p, site) for p in site.rglob("*.map"))
    languages = search_languages()
    lunr = site / "assets" / "javascripts" / "lunr"
    unused = []
    if lunr.is_dir():
        for path in sorted(lunr.rglob("lunr.*.js")):
            code = path.name.split(".")[1]
            if code not in languages and code not in ("stemmer", "multi"):
                unused.append(shown_rel(path, site))
        if languages <= {"en"}:
            unused += [shown_rel(p, site) for p in sorted(lunr.rglob("*.js")) if shown_rel(p, site) not in unused]
    results.add(
        "unused_files", "Source maps and unused lunr language files shipped", "随站发布的 source map 和无用的语言文件",
        len(maps) + len(unused), "files",
        f"find {shown(site)} -name '*.map' -o -path '*/lunr/*' -name '*.js'", "0", not maps and not unused,
    )  # fmt: skip
    results.extra["unused_files"] = maps + unused
