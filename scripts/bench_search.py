#!/usr/bin/env python3
"""Search benchmark: index size against the text it covers, query latency in Chromium, and how the
index grows with 100 documents. Prints figures; not run by the tests.

    python scripts/bench_search.py            # (make bench-search)
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

from policydocs.glossary import load_glossary  # noqa: E402
from policydocs.pipeline import read_pages  # noqa: E402
from policydocs.search_index import MAP_PATH, META_PATH, SHARD_DIR, search_files, shards_of  # noqa: E402

SEED = ROOT / "seeds" / "000_934e3267210eb057.txt"
TITLE = "中共中央 国务院关于推动城市高质量发展的意见"
HEADLINE = "忠诚履职担当 竭诚惠工暖心"


def covered_bytes(pages, glossary) -> int:  # type: ignore[no-untyped-def]
    return sum(len((s.title + s.text).encode("utf-8")) for shard in shards_of(pages, glossary) for s in shard.sections)


def index_sizes(pages, glossary) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    files = search_files(pages, glossary)
    meta = len(files[META_PATH]) + len(files[MAP_PATH])
    shards = sum(len(data) for path, data in files.items() if path.startswith(SHARD_DIR))
    return meta, shards


def variants(count: int) -> list[tuple[str, bytes]]:
    text = SEED.read_text(encoding="utf-8")
    out = []
    for n in range(count):
        body = text.replace(TITLE, TITLE.replace("意见", f"第{n + 1}号意见"))
        body = body.replace(HEADLINE, f"{HEADLINE}{n + 1}")
        out.append((f"seeds/variant-{n:03d}.txt", body.encode("utf-8")))
    return out


def latency(site: Path, queries: list[str]) -> list[float]:
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM, CHROMIUM_ARGS

    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto((site / "index.html").as_uri())
        page.keyboard.press("/")
        box = page.locator("input.md-search__input")
        meta = "document.querySelector('.md-search-result__meta')"
        for query in queries * 3:
            box.fill("")
            box.press("End")
            page.wait_for_function(f"{meta}.textContent.trim() === '键入以开始搜索'")
            box.fill(query)
            elapsed = page.evaluate(
                """([meta]) => new Promise(resolve => {
                    const el = document.querySelector(meta);
                    const input = document.querySelector('input.md-search__input');
                    const start = performance.now();
                    const done = (_, observer) => { observer.disconnect(); resolve(performance.now() - start); };
                    new MutationObserver(done).observe(el, {childList: true, characterData: true, subtree: true});
                    input.dispatchEvent(new KeyboardEvent('keyup', {key: 'End', bubbles: true}));
                })""",
                [".md-search-result__meta"],
            )
            times.append(elapsed)
        browser.close()
    return times


def main() -> int:
    from test_search import QUERIES

    glossary = load_glossary((ROOT / "data" / "glossary.yml").read_bytes(), "data/glossary.yml")
    pages, _ = read_pages([(f"seeds/{SEED.name}", SEED.read_bytes())])
    covered = covered_bytes(pages, glossary)
    meta, shards = index_sizes(pages, glossary)
    print("search index for the seed (python scripts/bench_search.py)")
    print(f"  text covered (UTF-8)      {covered:>9,} B")
    print(f"  map (first query)         {meta:>9,} B")
    print(f"  shards (loaded on demand) {shards:>9,} B")
    print(f"  index / text              {(meta + shards) / covered:>9.2f}  (goal ≤ 1.50)")

    many, _ = read_pages(variants(100))
    covered100 = covered_bytes(many, glossary)
    meta100, shards100 = index_sizes(many, glossary)
    print("100 documents (variants of the seed)")
    print(f"  text covered              {covered100:>9,} B")
    print(f"  map (first query)         {meta100:>9,} B  (goal: a query loads only shards holding its characters)")
    print(f"  all shards                {shards100:>9,} B  in {len(shards_of(many, glossary))} files")

    with tempfile.TemporaryDirectory() as temp:
        docs, site = Path(temp) / "docs", Path(temp) / "site"
        registry = Path(temp) / "permalinks.json"
        registry.write_text((ROOT / "data" / "permalinks.json").read_text(encoding="utf-8"), encoding="utf-8")
        subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "build.py"), "--docs", str(docs), "--registry", str(registry)],
            check=True,
            capture_output=True,
        )
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        build(load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(site)))
        shipped = (site / "search" / "search_index.json").stat().st_size
        times = latency(site, [q for q, _ in QUERIES])
    print("in Chromium, site opened from disk")
    print(f"  search_index.json shipped {shipped:>9,} B")
    print(
        f"  query latency             median {statistics.median(times):.1f} ms, "
        f"p95 {sorted(times)[int(len(times) * 0.95)]:.1f} ms, max {max(times):.1f} ms over {len(times)} queries"
        " (goal < 50 ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
