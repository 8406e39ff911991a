#!/usr/bin/env python3
"""Search benchmark: index and folding-table size against the text they cover, how the index grows
with 100 documents, the hit rates of each query set (tests/search_queries.py) with each way the
worker can cut a word that stands apart into pieces, input-method and paste rates, and query
latency in Chromium. Prints figures; not run by the tests.

    python scripts/bench_search.py            # (make bench)
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

from policydocs.glossary import load_glossary  # noqa: E402
from policydocs.pipeline import read_pages  # noqa: E402
from policydocs.render.search_index import (  # noqa: E402
    BUCKET_DIR,
    JUMPS_DIR,
    MAP_PATH,
    META_PATH,
    SHARD_DIR,
    search_files,
    shards_of,
)

SEED = ROOT / "seeds" / "000_934e3267210eb057.txt"
TITLE = "中共中央 国务院关于推动城市高质量发展的意见"
HEADLINE = "忠诚履职担当 竭诚惠工暖心"
WORKER = Path("assets") / "javascripts" / "search-apart.js"
STRATEGY = 'var PIECES = "text";'
STRATEGIES = ("text", "words", "bigrams")
SCOPE = 'var SCOPE = "paragraph";'
SCOPES = ("paragraph", "sentence")
PLACEHOLDER = "键入以开始搜索"


def covered_bytes(pages, glossary) -> int:  # type: ignore[no-untyped-def]
    return sum(len((s.title + s.text).encode("utf-8")) for shard in shards_of(pages, glossary) for s in shard.sections)


def index_sizes(pages, glossary) -> tuple[int, int, int, int, int]:  # type: ignore[no-untyped-def]
    """Map (with the theme's settings file), shards, postings (bucket files), jump files and the
    folding table, in bytes."""
    files = search_files(pages, glossary)
    text = files[MAP_PATH].decode("utf-8")
    arguments = text[text.index("(") + 1 : text.rindex(")")]  # self.__policyMap(map,table);
    table = len(arguments[json.JSONDecoder().raw_decode(arguments)[1] + 1 :].encode("utf-8"))
    meta = len(files[META_PATH]) + len(files[MAP_PATH]) - table

    def under(folder: str) -> int:
        return sum(len(data) for path, data in files.items() if path.startswith(folder + "/"))

    return meta, under(SHARD_DIR), under(BUCKET_DIR), under(JUMPS_DIR), table


def variants(count: int) -> list[tuple[str, bytes]]:
    text = SEED.read_text(encoding="utf-8")
    out = []
    for n in range(count):
        body = text.replace(TITLE, TITLE.replace("意见", f"第{n + 1}号意见"))
        body = body.replace(HEADLINE, f"{HEADLINE}{n + 1}")
        out.append((f"seeds/variant-{n:03d}.txt", body.encode("utf-8")))
    return out


def open_search(browser: Any, site: Path) -> Any:
    context = browser.new_context(locale="zh-CN", permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto((site / "index.html").as_uri())
    page.keyboard.press("/")
    return page


def rates(browser: Any, site: Path) -> dict[str, tuple[int, int, int]]:
    """(first-result hits, top-5 hits, queries) for each query set."""
    from search_queries import APART, QUERIES, TRADITIONAL, Forgiving
    from test_search import shown_results

    page = open_search(browser, site)
    base = site.resolve().as_uri() + "/"
    sets = {"exact": [Forgiving(q, e) for q, e in QUERIES], "apart": APART, "traditional": TRADITIONAL}
    out = {}
    for kind, queries in sets.items():
        first = top5 = 0
        for query in queries:
            found = [r.location for r in shown_results(page, query.query, base)]
            first += found[:1] == [query.expected_first] if query.expected else not found
            top5 += query.expected in found[:5] if query.expected else not found
        out[kind] = (first, top5, len(queries))
    page.context.close()
    return out


def input_rates(browser: Any, site: Path) -> tuple[int, int]:
    """Queries committed by an input method or pasted whose clause comes first: (hits, queries)."""
    from search_queries import INPUT_METHOD, PASTED
    from test_search_input import clear_box, first_result

    page = open_search(browser, site)
    cdp = page.context.new_cdp_session(page)
    base = site.resolve().as_uri() + "/"
    hits = 0
    for pinyin, committed, expected in INPUT_METHOD:
        clear_box(page)
        for end in range(1, len(pinyin) + 1):
            cdp.send("Input.imeSetComposition", {"text": pinyin[:end], "selectionStart": end, "selectionEnd": end})
        cdp.send("Input.insertText", {"text": committed})
        hits += first_result(page, base, committed) == expected
    for text, expected in PASTED:
        clear_box(page)
        page.evaluate("text => navigator.clipboard.writeText(text)", text)
        cdp.send("Input.dispatchKeyEvent", {"type": "rawKeyDown", "commands": ["paste"], "key": "v", "modifiers": 2})
        hits += first_result(page, base, text) == expected
    page.context.close()
    return hits, len(INPUT_METHOD) + len(PASTED)


def latency(browser: Any, site: Path, queries: list[str]) -> list[float]:
    """Milliseconds from a change of the box (an input event) to the result list, each query 3 times."""
    page = open_search(browser, site)
    box = page.locator("input.md-search__input")
    meta = "document.querySelector('.md-search-result__meta')"
    times = []
    for query in queries * 3:
        box.fill("")
        page.wait_for_function(f"{meta}.textContent.trim() === {PLACEHOLDER!r}")
        elapsed = page.evaluate(
            """([query]) => new Promise(resolve => {
                const el = document.querySelector('.md-search-result__meta');
                const input = document.querySelector('input.md-search__input');
                const start = performance.now();
                const done = (_, observer) => { observer.disconnect(); resolve(performance.now() - start); };
                new MutationObserver(done).observe(el, {childList: true, characterData: true, subtree: true});
                input.value = query;
                input.dispatchEvent(new Event('input', {bubbles: true}));
            })""",
            [query],
        )
        times.append(elapsed)
    page.context.close()
    return times


def build(temp: Path, seeds: list[tuple[str, bytes]] | None = None) -> Path:
    """The site of the seed (or of these seeds) built in temp."""
    docs, site = temp / "docs", temp / "site"
    registry = temp / "permalinks.json"
    args = ["--docs", str(docs), "--registry", str(registry)]
    if seeds is None:
        registry.write_text((ROOT / "data" / "permalinks.json").read_text(encoding="utf-8"), encoding="utf-8")
    else:
        (temp / "seeds").mkdir()
        for name, data in seeds:
            (temp / "seeds" / Path(name).name).write_bytes(data)
        args += ["--seeds", str(temp / "seeds")]
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), *args], check=True, capture_output=True)
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    mkdocs_build(load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(site)))
    return site


def percent(hits: int, total: int) -> str:
    return f"{hits}/{total} ({hits / total:.0%})"


def main() -> int:
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM, CHROMIUM_ARGS
    from search_queries import APART, QUERIES, TRADITIONAL

    glossary = load_glossary((ROOT / "data" / "glossary.yml").read_bytes(), "data/glossary.yml")
    pages, _ = read_pages([(f"seeds/{SEED.name}", SEED.read_bytes())])
    covered = covered_bytes(pages, glossary)
    meta, shards, buckets, jumps, table = index_sizes(pages, glossary)
    print("search index for the seed (python scripts/bench_search.py)")
    print(f"  text covered (UTF-8)      {covered:>9,} B")
    print(f"  map (first query)         {meta:>9,} B")
    print(f"  shards (loaded on demand) {shards:>9,} B")
    print(f"  postings (bucket files)   {buckets:>9,} B  (none while the shards weigh at most 150 KB)")
    print(f"  jump files (第八条 …)     {jumps:>9,} B")
    ratio = (meta + shards + buckets) / covered
    print(f"  index / text              {ratio:>9.2f}  (goal ≤ 1.50; folding table apart)")
    print(f"  folding table (in map.js){table:>9,} B  (first query; traditional -> simplified, for these characters)")

    many, _ = read_pages(variants(100))
    covered100 = covered_bytes(many, glossary)
    meta100, shards100, buckets100, jumps100, table100 = index_sizes(many, glossary)
    print("100 documents (variants of the seed)")
    print(f"  text covered              {covered100:>9,} B")
    print(f"  map (first query)         {meta100:>9,} B")
    print(f"  all shards                {shards100:>9,} B  in {len(shards_of(many, glossary))} files")
    print(f"  postings (bucket files)   {buckets100:>9,} B  (a query loads the buckets of its characters)")
    print(f"  jump files                {jumps100:>9,} B")
    print(f"  folding table             {table100:>9,} B")

    with tempfile.TemporaryDirectory() as temp, sync_playwright() as playwright:
        site = build(Path(temp))
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        worker = site / WORKER
        shipped = worker.read_text(encoding="utf-8")
        assert STRATEGY in shipped and SCOPE in shipped, f"{WORKER} no longer says {STRATEGY} {SCOPE}"
        print("hit rates in Chromium, site opened from disk: first result / top 5, per query set, way of")
        print("cutting a word that stands apart into pieces (PIECES in search-apart.js) and where they must stand")
        print("(its SCOPE); the site ships text/paragraph")
        shipped_rates: dict[str, tuple[int, int, int]] = {}
        for strategy in STRATEGIES:
            for scope in SCOPES:
                changed = shipped.replace(STRATEGY, f'var PIECES = "{strategy}";')
                worker.write_text(changed.replace(SCOPE, f'var SCOPE = "{scope}";'), encoding="utf-8")
                measured = rates(browser, site)
                if (strategy, scope) == ("text", "paragraph"):
                    shipped_rates = measured
                for kind, (first, top5, total) in measured.items():
                    print(
                        f"  {strategy:<8} {scope:<10} {kind:<12} "
                        f"first {percent(first, total):<14} top 5 {percent(top5, total)}"
                    )
        worker.write_text(shipped, encoding="utf-8")
        hits, total = input_rates(browser, site)
        print(f"  input method and paste (first result)  {percent(hits, total)}")
        first = hits + sum(shipped_rates[kind][0] for kind in ("apart", "traditional"))
        top5 = hits + sum(shipped_rates[kind][1] for kind in ("apart", "traditional"))
        forgiving = total + sum(shipped_rates[kind][2] for kind in ("apart", "traditional"))
        print(f"  forgiving queries as shipped: first {percent(first, forgiving)}, top 5 {percent(top5, forgiving)}")
        queries = [q for q, _ in QUERIES] + [q.query for q in APART + TRADITIONAL]
        times = latency(browser, site, queries)
        (Path(temp) / "many").mkdir()
        times100 = latency(browser, build(Path(temp) / "many", variants(100)), queries)
        browser.close()
    print("query latency in Chromium, site opened from disk (from the box's input event to the result list;")
    print("the first query loads the map and shards; goal < 50 ms)")
    for label, measured in (("seed", times), ("100 documents", times100)):
        print(
            f"  {label:<14} median {statistics.median(measured):.1f} ms, "
            f"p95 {sorted(measured)[int(len(measured) * 0.95)]:.1f} ms, max {max(measured):.1f} ms"
            f" over {len(measured)} queries"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
