"""The whole-site benchmark: libraries of 16, 64, 256 and 1,024 distinct documents (corpus.py)
built end to end (scripts/build.py, then mkdocs build), with, per size, generation and MkDocs
time, site and offline-zip bytes, the bytes of one clause page and peak memory; the 256-document
library against a plain mkdocs-material build of the same seed files, in the same run; and search
in the largest library, in Chromium."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .common import (
    PYTHON,
    WORK,
    BenchError,
    Results,
    Timing,
    busy,
    clear,
    command_text,
    median,
    mkdocs_config,
    shown,
    timed,
    tree_bytes,
)
from .corpus import library

#: The seed's clause page, present in every library: the Opinions' address in a library built
#: without the seed's registry (from its kind, date and title), or the one the registry keeps.
CLAUSE_PAGES = (
    "opinions-2025-08-15-tui-dong-cheng-shi-gao-zhi-liang-fa-zhan/part-4.html",
    "opinions-2025-08-15/part-4.html",
)
CLAUSE_PAGE = CLAUSE_PAGES[0]


def clause_page(site: Path) -> str:
    return next((page for page in CLAUSE_PAGES if (site / page).exists()), CLAUSE_PAGE)


ZIP = "download/policy-docs-offline.zip"
COMPARED = 256  # the size built against the plain mkdocs-material build
GOAL_SECONDS = 120  # the largest library, end to end
EXTRAPOLATED = 10_000


class Library:
    """A library of `size` documents under build-out/bench/library-<size>/: seeds/, docs/, site/."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.dir = WORK / f"library-{size}"
        self.seeds, self.docs, self.site = self.dir / "seeds", self.dir / "docs", self.dir / "site"
        self.registry = self.dir / "permalinks.json"
        self.config = mkdocs_config(self.dir, self.docs, self.site)
        self.generate = [
            PYTHON, "scripts/build.py", "--seeds", self.seeds, "--docs", self.docs, "--registry", self.registry,
        ]  # fmt: skip
        self.mkdocs = [PYTHON.parent / "mkdocs", "build", "--strict", "-q", "-f", self.config]
        self.fresh = clear(self.docs, self.site, self.registry)

    def write(self) -> dict[str, str]:
        """Write the seed files (only those that changed); returns their texts by name."""
        files = library(self.size)
        self.seeds.mkdir(parents=True, exist_ok=True)
        for path in self.seeds.glob("*.txt"):
            if path.name not in files:
                path.unlink()
        for name, data in files.items():
            target = self.seeds / name
            if not target.exists() or target.read_bytes() != data:
                target.write_bytes(data)
        return {name: data.decode("utf-8") for name, data in files.items()}

    def commands(self) -> str:
        clean = f"rm -rf {shown(self.docs)} {shown(self.site)} {shown(self.registry)}"
        return f"{clean} && {command_text(self.generate)} && {command_text(self.mkdocs)}"

    def documents(self) -> int:
        return sum(1 for path in (self.docs / "data").glob("*.json") if path.name != "index.json")


def measure(lib: Library, rounds: int) -> dict[str, Any]:
    """Build the library `rounds` times from nothing; medians, and the sizes of what it built."""
    gens: list[Timing] = []
    mks: list[Timing] = []
    for _ in range(rounds):
        gens.append(timed(lib.generate, before=lib.fresh, quiet=bool(gens)))
        mks.append(timed(lib.mkdocs, quiet=bool(mks)))
    page = lib.site / clause_page(lib.site)
    return {
        "documents": lib.documents(),
        "seed_files": len(list(lib.seeds.glob("*.txt"))),
        "text_bytes": sum(p.stat().st_size for p in lib.seeds.glob("*.txt")),
        "html_pages": sum(1 for _ in lib.site.rglob("*.html")),
        "generation_s": round(median([t.wall for t in gens]), 3),
        "mkdocs_s": round(median([t.wall for t in mks]), 3),
        "whole_s": round(median([g.wall + m.wall for g, m in zip(gens, mks, strict=True)]), 3),
        "cpu_s": round(median([g.cpu + m.cpu for g, m in zip(gens, mks, strict=True)]), 3),
        "site_bytes": tree_bytes(lib.site),
        "zip_bytes": (lib.site / ZIP).stat().st_size,
        "clause_page_bytes": page.stat().st_size if page.exists() else None,
        "peak_bytes": max(t.peak for t in gens + mks),
        "runs": {"generation": [round(t.wall, 3) for t in gens], "mkdocs": [round(t.wall, 3) for t in mks]},
    }


def per_document(rows: dict[int, dict[str, Any]], key: str, small: int, large: int) -> float:
    return (rows[large][key] - rows[small][key]) / max(rows[large]["documents"] - rows[small]["documents"], 1)


def group_library(results: Results, args: argparse.Namespace) -> None:
    from .seed import make_baseline

    sizes = sorted(args.library_sizes)
    rows: dict[int, dict[str, Any]] = {}
    baseline_runs: list[float] = []
    baseline_cpu: list[float] = []
    wall = cpu = 0.0
    for size in sizes:
        lib = Library(size)
        texts = lib.write()
        print(f"  library of {size} documents ({len(texts)} seed files):", flush=True)
        rounds = args.library_runs if size <= COMPARED else 1
        if size == COMPARED:
            _, baseline, pages = make_baseline(f"baseline-{size}", texts, prune=True)
            measured: list[dict[str, Any]] = []
            for _ in range(rounds):  # ours and the plain build alternate, so that a ratio holds on a busy machine
                measured.append(measure(lib, 1))
                plain = timed(baseline, before=clear(baseline[-1].parent / "site"), quiet=True)
                baseline_runs.append(plain.wall)
                baseline_cpu.append(plain.cpu)
            row = measured[-1] | {
                key: round(median([m[key] for m in measured]), 3)
                for key in ("generation_s", "mkdocs_s", "whole_s", "cpu_s")
            }
            row["runs"] = {key: [t for m in measured for t in m["runs"][key]] for key in ("generation", "mkdocs")}
            row["baseline_s"] = round(median(baseline_runs), 3)
            row["baseline_pages"] = pages
            row["baseline_command"] = command_text(baseline)
            row["ratios"] = [round(m["whole_s"] / b, 3) for m, b in zip(measured, baseline_runs, strict=True)]
            row["baseline_cpu_s"] = round(median(baseline_cpu), 3)
            row["cpu_ratios"] = [round(m["cpu_s"] / b, 3) for m, b in zip(measured, baseline_cpu, strict=True)]
        else:
            row = measure(lib, rounds)
        if row["documents"] != size:
            raise BenchError(f"{shown(lib.docs)}: {row['documents']} documents built, {size} meant")
        row["command"] = lib.commands()
        rows[size] = row
        wall, cpu = wall + row["whole_s"], cpu + row["cpu_s"]
        print(
            f"    {size} documents: generation {row['generation_s']:.2f} s, MkDocs {row['mkdocs_s']:.2f} s,"
            f" site {row['site_bytes'] / 1e6:.1f} MB, zip {row['zip_bytes'] / 1e6:.1f} MB,"
            f" clause page {(row['clause_page_bytes'] or 0) / 1000:.1f} KB, peak {row['peak_bytes'] / 1e6:.0f} MB",
            flush=True,
        )
    busy(results, "the library builds", wall, cpu)
    if sizes:
        big = rows[sizes[-1]]
        parts = composition(Library(sizes[-1]).site)
        results.extra["library_composition"] = parts
        share = ", ".join(f"{name} {size / big['documents'] / 1000:.0f} KB" for name, size in parts.items())
        results.note(f"At {big['documents']:,} documents the site holds, per document: {share}.")
    results.library = [{"size": size, **row} for size, row in rows.items()]
    goals(results, rows, sizes)
    if not args.no_browser and sizes:
        search_in(results, Library(sizes[-1]))


def goals(results: Results, rows: dict[int, dict[str, Any]], sizes: list[int]) -> None:
    only = "python scripts/bench.py --only library"
    small, large = sizes[0], sizes[-1]
    for size in sizes:
        row = rows[size]
        results.add(
            f"library_{size}_whole", f"Whole build, {size} documents (generation + MkDocs)",
            f"完整构建 {size} 份文件（生成 + MkDocs）", row["whole_s"], "s", row["command"],
            f"≤ {GOAL_SECONDS} s" if size == large and size >= 1024 else None,
            row["whole_s"] <= GOAL_SECONDS if size == large and size >= 1024 else None,
        )  # fmt: skip
    first, last = rows[small]["clause_page_bytes"], rows[large]["clause_page_bytes"]
    if first and last:
        results.add(
            "library_clause_page", f"Clause page at {large} documents / at {small}",
            f"条款页大小：{large} 份 / {small} 份", last / first, "ratio",
            f"stat -c %s {shown(Library(large).site / clause_page(Library(large).site))}", "≤ 1.2", last / first <= 1.2,
        )  # fmt: skip
    middle = COMPARED if COMPARED in rows and small < COMPARED < large else None
    if middle:
        for key, label, zh in (
            ("site_bytes", "Site bytes", "站点字节"),
            ("zip_bytes", "Offline zip bytes", "离线压缩包字节"),
            ("whole_s", "Whole-build time", "完整构建时间"),
            ("cpu_s", "Whole-build CPU time", "完整构建 CPU 时间"),
        ):
            ratio = per_document(rows, key, middle, large) / per_document(rows, key, small, middle)
            results.add(
                f"library_linear_{key}", f"{label} per document, {middle}→{large} over {small}→{middle}",
                f"每份文件的{zh}：{middle}→{large} / {small}→{middle}", ratio, "ratio", only,
                "≤ 1.25 (linear)", ratio <= 1.25,
            )  # fmt: skip
        margin = per_document(rows, "site_bytes", middle, large)
        projected = rows[large]["site_bytes"] + margin * (EXTRAPOLATED - rows[large]["documents"])
        results.add(
            "library_10000", f"Site of {EXTRAPOLATED:,} documents, extrapolated ({margin / 1000:.0f} KB a document)",
            f"外推 {EXTRAPOLATED} 份文件的站点大小（每份 {margin / 1000:.0f} KB）", projected, "bytes", only,
            "< 1 GB", projected < 1e9,
        )  # fmt: skip
    if COMPARED in rows:
        row = rows[COMPARED]
        ratio = median(row["ratios"])
        results.add(
            "library_baseline", f"Plain mkdocs-material, {COMPARED} documents split by hand, navigation.prune",
            f"基线：普通 mkdocs-material 项目（{COMPARED} 份文件，手工分页）", row["baseline_s"], "s",
            row["baseline_command"],
        )  # fmt: skip
        results.add(
            "library_vs_baseline", f"Our whole build / plain build, {COMPARED} documents",
            f"本站完整构建 / 基线（{COMPARED} 份）", ratio, "ratio", only, "≤ 1.5", ratio <= 1.5,
        )  # fmt: skip
        cpu = median(row["cpu_ratios"])
        results.add(
            "library_vs_baseline_cpu", f"The same in CPU seconds ({row['cpu_s']:.1f} s against"
            f" {row['baseline_cpu_s']:.1f} s)", f"同上，按 CPU 时间计（{COMPARED} 份）", cpu, "ratio", only,
            "≤ 1.5", cpu <= 1.5,
        )  # fmt: skip


def search_in(results: Results, lib: Library) -> None:
    """The first search in the largest library, over http in Chromium: bytes loaded and answer times."""
    from browser_support import serve

    from .browser import LATENCY_MS, LATENCY_QUERIES, SEARCH_WORD, browse

    page = clause_page(lib.site)
    if not (lib.site / page).exists():
        results.note(f"Search at {lib.size} documents: not measured ({page} is not in the library).")
        return
    with serve(lib.site) as base:
        seen = browse(lib.site, base, page + "#clause-8")
    results.extra["chromium"] = seen.pop("chromium")
    answers = seen.get("answer_ms") or []
    command = "python scripts/bench.py --only library"
    results.add(
        "library_search_bytes", f"First search for {SEARCH_WORD} at {lib.size} documents ({seen['search_requests']}"
        " requests)", f"{lib.size} 份文件时首次检索下载量", seen["search_bytes"] if seen["search_found"] else None,
        "bytes", command, "≤ 500 KB", bool(seen["search_found"]) and seen["search_bytes"] <= 500_000,
    )  # fmt: skip
    first = seen["first_ms"]  # None when the search found nothing: no browser was timed
    runs = len(seen["first_runs_ms"])
    results.add(
        "library_search_first_ms", f"First search for {SEARCH_WORD} at {lib.size} documents, typed after opening"
        f" the search box: answer (ms, median of {runs} fresh browsers)",
        f"{lib.size} 份文件时首次检索响应时间（打开检索框后输入；毫秒，{runs} 次中位数）", first, "ms", command,
        "< 50 ms", first is not None and first < 50,
    )  # fmt: skip
    at_once = seen["first_at_once_ms"]
    results.add(
        "library_search_first_at_once_ms", "The same, typed as the box opens (nothing loaded before it;"
        f" median of {len(seen['first_at_once_runs_ms'])})", "同上，打开检索框的同时输入（此前未加载任何索引）",
        at_once, "ms", command,
    )  # fmt: skip
    distant = seen["first_distant_ms"]
    results.add(
        "library_search_first_distant_ms", f"The same, typed after opening the box, with {LATENCY_MS} ms of latency"
        f" a request (Chromium's network emulation; median of {len(seen['first_distant_runs_ms'])})",
        f"同上，打开检索框后输入，每个请求延迟 {LATENCY_MS} 毫秒（Chromium 网络模拟）", distant, "ms", command,
    )  # fmt: skip
    value = median(answers) if answers else None
    results.add(
        "library_search_ms", f"Search answer at {lib.size} documents (median of {len(answers)} queries, ms)",
        f"{lib.size} 份文件时检索响应时间（毫秒，中位数）", value, "ms", command, "< 50 ms",
        value is not None and value < 50,
    )  # fmt: skip
    cold = answers[: len(LATENCY_QUERIES)]
    if cold:
        slowest = sorted(answers)[max(0, -(-len(answers) * 95 // 100) - 1)]
        results.note(
            f"Search at {lib.size} documents: opening the search box loads {seen['open_bytes'] / 1000:.1f} KB"
            f" ({seen['open_requests']} requests); the first query, typed after it, answers in"
            f" {', '.join(f'{t:.0f}' for t in seen['first_runs_ms'])} ms (fresh browsers;"
            f" {seen['first_watched_ms']:.0f} ms in the one that counts bytes, its requests followed), typed as the"
            " box opens in"
            f" {', '.join(f'{t:.0f}' for t in seen['first_at_once_runs_ms'])} ms; the {len(cold)} next queries,"
            f" each the first time (loading what it needs): {', '.join(f'{t:.0f}' for t in cold)} ms;"
            f" all {len(answers)}: median {value:.1f} ms, p95 {slowest:.1f} ms."
        )
    results.extra["library_search"] = seen


def composition(site: Path) -> dict[str, int]:
    """Bytes of a built site by what they are: documents' pages, the offline zip, data, search …"""
    named = {
        "download": "offline zip",
        "data": "data (JSON)",
        "sources": "sources",
        "search": "search",
        "assets": "assets",
    }
    out: dict[str, int] = {}
    for entry in site.iterdir():
        kind = named.get(entry.name) or ("documents' pages" if entry.is_dir() else "site pages")
        out[kind] = out.get(kind, 0) + (tree_bytes(entry) if entry.is_dir() else entry.stat().st_size)
    return dict(sorted(out.items(), key=lambda item: -item[1]))
