#!/usr/bin/env python3
"""Benchmarks: what a build costs, how it grows with the library, what a reader downloads.

    make bench                                   # everything (a few minutes); writes data/bench.json
    python scripts/bench.py --only library       # one group: build, library, incremental, downloads, zensical
    python scripts/bench.py --library-sizes 16,64 --no-write   # quicker, and leave data/bench.json alone
    python scripts/bench.py --profile 256        # cProfile of generating the 256-document library
    python scripts/bench.py --only navigation    # the navigation measured five ways at 256 documents

Groups (modules in scripts/benchkit/): `build` (seed.py) builds the seed against a plain
mkdocs-material build of the same text; `library` (library.py) builds libraries of 16, 64, 256 and
1,024 distinct documents (corpus.py) end to end, and searches the largest in Chromium;
`incremental` (seed.py) counts what a second build or an edit rewrites; `downloads` (browser.py)
measures what a reader downloads. Every command is printed as it runs; everything is built under
build-out/bench/ (ignored by git), which stays, so that each command can be rerun as printed.
Sizes use 1 KB = 1000 bytes and 1 MB = 1,000,000 bytes.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchkit.browser import group_downloads
from benchkit.common import PYTHON, RESULTS, WORK, BenchError, Results, machine, run, shown, table
from benchkit.library import Library, group_library
from benchkit.navigation import group_navigation
from benchkit.seed import group_build, group_incremental

GROUPS = ("build", "library", "incremental", "downloads", "zensical", "navigation")
#: What `make bench` runs: all but the navigation compared five ways (about a minute more).
DEFAULT = GROUPS[:-1]


def library_table(rows: list[dict]) -> str:
    """The library figures, a row per size (for the README)."""
    lines = [
        "| documents | generation | MkDocs | whole build | (CPU) | site | offline zip | clause page | peak memory |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        page = f"{r['clause_page_bytes'] / 1000:.1f} KB" if r.get("clause_page_bytes") else "—"
        lines.append(
            f"| {r['documents']:,} | {r['generation_s']:.2f} s | {r['mkdocs_s']:.2f} s"
            f" | {r['whole_s']:.2f} s | {r['cpu_s']:.1f} s"
            f" | {r['site_bytes'] / 1e6:.1f} MB | {r['zip_bytes'] / 1e6:.1f} MB | {page}"
            f" | {r['peak_bytes'] / 1e6:.0f} MB |"
        )
    return "\n".join(lines)


def profile(size: int) -> None:
    lib = Library(size)
    lib.write()
    lib.fresh()
    out = WORK / f"profile-{size}.prof"
    run([PYTHON, "-m", "cProfile", "-o", out, *lib.generate[1:]])
    import pstats

    stats = pstats.Stats(str(out))
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(40)
    print(f"profile: {shown(out)}  (python -m pstats {shown(out)})")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help=f"comma-separated groups to run: {', '.join(GROUPS)}")
    parser.add_argument("--runs", type=int, default=7, help="timed runs per figure on the seed (default 7)")
    parser.add_argument(
        "--library-runs", type=int, default=3, help="builds per library of up to 256 documents (default 3; 1,024: one)"
    )
    parser.add_argument("--library-sizes", default="16,64,256,1024", help="library sizes (default 16,64,256,1024)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave data/bench.json as it is")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measurements")
    parser.add_argument("--no-install", action="store_true", help="do not create .venv-zensical when missing")
    parser.add_argument(
        "--profile", type=int, metavar="N", help="profile generating a library of N documents, then stop"
    )
    args = parser.parse_args(argv)
    args.groups = tuple(g.strip() for g in args.only.split(",")) if args.only else DEFAULT
    unknown = set(args.groups) - set(GROUPS)
    if unknown:
        parser.error(f"unknown group(s): {', '.join(sorted(unknown))}")
    args.library_sizes = [int(s) for s in args.library_sizes.split(",")]
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    WORK.mkdir(parents=True, exist_ok=True)
    if args.profile:
        profile(args.profile)
        return 0
    results = Results()
    started = time.perf_counter()
    # Python caches the bytecode of what it imports, unless PYTHONDONTWRITEBYTECODE is set (as on
    # some CI machines): compile ours once, so that every timed run starts as a reader's second run.
    run([PYTHON, "-m", "compileall", "-q", "scripts"])
    try:
        for group, function in (
            ("build", group_build),
            ("library", group_library),
            ("incremental", group_incremental),
            ("downloads", group_downloads),
            ("navigation", group_navigation),
        ):
            if group in args.groups or (group == "build" and args.groups == ("zensical",)):
                results.group = group
                print(f"{group} …", flush=True)
                function(results, args)
    except BenchError as failure:
        print(f"bench: error: {failure}", file=sys.stderr)
        return 1
    rows = results.rows
    if args.groups == ("zensical",):  # the seed builds ran alongside, for the comparison only
        rows = [r for r in rows if r["group"] == "zensical"]
        notes = [(g, n) for g, n in zip(results.note_groups, results.notes) if g == "zensical"]
        results.note_groups, results.notes = [g for g, _ in notes], [n for _, n in notes]
    print()
    print(table(rows))
    if results.library:
        print()
        print(library_table(results.library))
    for note in results.notes:
        print(f"\n- {note}")
    print(f"\n(bench ran {time.perf_counter() - started:.0f} s)")
    if not args.no_write:
        data = {
            "date": datetime.date.today().isoformat(),
            "machine": machine(results),
            "runs": {"seed": args.runs, "library": args.library_runs},
            "rows": rows,
            "library": results.library,
            "notes": results.notes,
            "details": {**results.extra, "note_groups": results.note_groups},
        }
        if set(args.groups) != set(DEFAULT) and RESULTS.exists():
            # A partial run updates its own rows and keeps the others.
            old = json.loads(RESULTS.read_text(encoding="utf-8"))
            new = {r["id"]: r for r in rows}
            kept = [new.pop(r.get("id"), r) for r in old.get("rows", [])]
            data["rows"] = kept + list(new.values())
            data["library"] = data["library"] or old.get("library", [])
            data["machine"] = {**old.get("machine", {}), **{k: v for k, v in data["machine"].items() if v}}
            data["details"] = {**old.get("details", {}), **results.extra}
            ran = {r["group"] for r in rows} | set(results.note_groups)
            old_groups = old.get("details", {}).get("note_groups") or []
            kept_notes = [
                (g, n) for g, n in zip(old_groups, old.get("notes", [])) if g not in ran
            ]  # notes of groups not run this time
            data["notes"] = [n for _, n in kept_notes] + results.notes
            data["details"]["note_groups"] = [g for g, _ in kept_notes] + results.note_groups
        RESULTS.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{shown(RESULTS)}: written; `make site` adds it to the site as bench.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
