#!/usr/bin/env python3
"""Benchmarks: what a build costs, how it grows, what a reader downloads.

    make bench                                  # everything (a few minutes); writes data/bench.json
    python scripts/bench.py --only build        # one group: build, growth, incremental, downloads, zensical
    python scripts/bench.py --runs 3 --no-write # quicker, and leave data/bench.json alone
    python scripts/bench.py --profile 256       # cProfile of generating the 256-document corpus

Each time is the median of several runs. The runs of one group are interleaved (generation,
MkDocs build, baseline build, Zensical build, then again), so ratios hold on a noisy machine; a
ratio is the median of the ratios of each round. Everything is built under build-out/bench/
(ignored by git), which stays after the run so that every printed command can be rerun as is.
Sizes use 1 KB = 1000 bytes and 1 MB = 1,000,000 bytes.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import itertools
import json
import os
import platform
import re
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from policydocs.render.bench_page import format_value  # noqa: E402

sys.path.insert(0, str(ROOT / "tests"))
from browser_support import serve  # noqa: E402  (the tests' local server)
from conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (Debian's Chromium, as the tests launch it)

WORK = ROOT / "build-out" / "bench"
RESULTS = ROOT / "data" / "bench.json"
BIN = Path(sys.executable).parent
PYTHON = Path(sys.executable)
MKDOCS = BIN / "mkdocs"
ZENSICAL_VENV = ROOT / ".venv-zensical"
ZENSICAL = ZENSICAL_VENV / "bin" / "zensical"

#: The seed's title and headline, changed in every variant of the growth corpora.
TITLE = "中共中央 国务院关于推动城市高质量发展的意见"
HEADLINE = "忠诚履职担当 竭诚惠工暖心"
#: The edit made to one seed of the 16-document corpus (no glossary term is touched).
EDIT = ("城市是现代化建设的重要载体", "城市是现代化建设的重要依托")
CLAUSE_PAGE = "opinions-2025-08-15/part-4.html#clause-8"
SEARCH_WORD = "城中村"
GROUPS = ("build", "growth", "incremental", "downloads", "zensical")
PART_HEADING = re.compile(r"^[一二三四五六七八九十]+、\S+$")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


class BenchError(Exception):
    pass


# Commands, shown relative to the repository so that they can be pasted.


def shown(path: Path | str) -> str:
    path = Path(path)
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def command_text(cmd: list[Any]) -> str:
    return shlex.join(shown(c) if isinstance(c, Path) else str(c) for c in cmd)


def run(cmd: list[Any], *, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(c) for c in cmd], cwd=cwd, env=ENV, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BenchError(f"{command_text(cmd)} failed ({result.returncode}):\n{result.stderr[-3000:]}")
    return result


def timed(cmd: list[Any], *, before: Callable[[], None] | None = None) -> tuple[float, float]:
    """Wall-clock seconds of one run, and its CPU seconds (user and system, of the child process)."""
    if before is not None:
        before()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    run(cmd)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, (after.ru_utime - usage.ru_utime) + (after.ru_stime - usage.ru_stime)


def median(values: list[float]) -> float:
    return statistics.median(values)


def clear(*paths: Path) -> Callable[[], None]:
    def remove() -> None:
        for path in paths:
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()

    return remove


def tree_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


# Results.


class Results:
    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self.notes: list[str] = []
        self.note_groups: list[str] = []  # the group of each note, so that a partial run replaces its own
        self.extra: dict[str, Any] = {}
        self.growth: list[dict[str, Any]] = []
        self.group = "build"

    def note(self, text: str) -> None:
        self.notes.append(text)
        self.note_groups.append(self.group)

    def add(
        self,
        id: str,
        label: str,
        label_zh: str,
        value: Any,
        unit: str | None,
        command: str,
        goal: str | None = None,
        passed: bool | None = None,
    ) -> None:
        if isinstance(value, float):
            value = round(value, 4)
        row = {"id": id, "group": self.group, "label": label, "label_zh": label_zh, "value": value, "unit": unit}
        row.update({"goal": goal, "pass": passed, "command": command})
        self.rows.append(row)
        mark = "" if passed is None else (" ok" if passed else " MISSED")
        print(f"  {label}: {format_value(value, unit)}{(' (goal ' + goal + ')') if goal else ''}{mark}", flush=True)


# Workspaces.


def seed_files() -> list[Path]:
    files = sorted((ROOT / "seeds").glob("*.txt"))
    if not files:
        raise BenchError("seeds/: no seed files")
    return files


def the_seed() -> Path:
    for path in seed_files():
        text = path.read_text(encoding="utf-8")
        if TITLE in text and HEADLINE in text:
            return path
    raise BenchError(f"no seed holds both {TITLE} and {HEADLINE}: the growth corpora cannot be made")


def mkdocs_config(folder: Path, docs: Path, site: Path) -> Path:
    """The project's mkdocs.yml, inherited, with docs_dir and site_dir in the workspace."""
    config = folder / "mkdocs.yml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(
        f"# Made by scripts/bench.py: the project's configuration with its own folders.\n"
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        f"docs_dir: {docs}\nsite_dir: {site}\nhooks:\n  - {ROOT / 'scripts' / 'mkdocs_hooks.py'}\n",
        encoding="utf-8",
    )
    return config


class Seed:
    """The seed, generated into build-out/bench/seed/docs and built into .../site."""

    def __init__(self) -> None:
        self.dir = WORK / "seed"
        self.docs, self.site, self.registry = self.dir / "docs", self.dir / "site", self.dir / "permalinks.json"
        self.dir.mkdir(parents=True, exist_ok=True)
        if (ROOT / "data" / "permalinks.json").exists():  # the committed ids, as `make site` checks them
            shutil.copy(ROOT / "data" / "permalinks.json", self.registry)
        self.config = mkdocs_config(self.dir, self.docs, self.site)
        self.generate = [PYTHON, "scripts/build.py", "--docs", self.docs, "--registry", self.registry]
        self.mkdocs = [MKDOCS, "build", "--strict", "-q", "-f", self.config]


def make_baseline() -> tuple[Path, list[Any]]:
    """A plain mkdocs-material project: the seed split at its part headings, no structuring."""
    folder = WORK / "baseline"
    clear(folder)()
    docs = folder / "docs"
    docs.mkdir(parents=True)
    pages: list[tuple[str, list[str]]] = [("前言", [])]
    for path in seed_files():
        lines = path.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            alone = (i == 0 or not lines[i - 1].strip()) and (i + 1 == len(lines) or not lines[i + 1].strip())
            if alone and PART_HEADING.match(line.strip()):
                pages.append((line.strip(), []))
            else:
                pages[-1][1].append(line)
    for number, (title, lines) in enumerate(pages):
        name = "index.md" if number == 0 else f"part-{number}.md"
        (docs / name).write_text(f"# {title}\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text(
        "site_name: 政策文件（基线）\ntheme:\n  name: material\n  language: zh\nplugins:\n  - search\n",
        encoding="utf-8",
    )
    return folder, [MKDOCS, "build", "--strict", "-q", "-f", config]


def variant(text: str, number: int) -> str:
    """The seed with its own title and headline. The headline must stay narrower than the column,
    or the layout rules rightly join it to the next block: two characters give way to the number."""
    headline = HEADLINE.replace("竭诚", "") + str(number)
    return text.replace(TITLE, TITLE.replace("关于推动", f"关于推动第{number}批")).replace(HEADLINE, headline)


class Corpus:
    def __init__(self, size: int) -> None:
        self.size = size
        self.dir = WORK / f"corpus-{size}"
        self.seeds, self.docs, self.registry = self.dir / "seeds", self.dir / "docs", self.dir / "permalinks.json"
        text = the_seed().read_text(encoding="utf-8")
        self.seeds.mkdir(parents=True, exist_ok=True)
        wanted = {f"{n:04d}.txt": variant(text, n) for n in range(1, size + 1)}
        for path in self.seeds.glob("*.txt"):
            if path.name not in wanted:
                path.unlink()
        for name, content in wanted.items():
            target = self.seeds / name
            if not target.exists() or target.read_text(encoding="utf-8") != content:
                target.write_text(content, encoding="utf-8")
        self.bytes = sum(len(c.encode("utf-8")) for c in wanted.values())
        self.generate = [
            PYTHON, "scripts/build.py", "--seeds", self.seeds, "--docs", self.docs, "--registry", self.registry,
        ]  # fmt: skip
        self.fresh = clear(self.docs, self.registry)

    def command(self) -> str:
        folder = WORK / "growth-runs" / str(self.size)
        return f"rm -rf {shown(folder)} && sync && {command_text(self.generate_into(folder))}  # time the build alone"

    def generate_into(self, folder: Path) -> list[Any]:
        """The generation command, writing into a folder of its own (docs/ and the registry)."""
        return [
            PYTHON, "scripts/build.py", "--seeds", self.seeds, "--docs", folder / "docs",
            "--registry", folder / "permalinks.json",
        ]  # fmt: skip


# Groups.


def zensical_ready(results: Results, install: bool) -> bool:
    if ZENSICAL.exists():
        return True
    if not install:
        results.note("Zensical: not measured (no .venv-zensical and --no-install).")
        return False
    print("  installing zensical into .venv-zensical (once) …", flush=True)
    base = getattr(sys, "_base_executable", None) or shutil.which("python3") or sys.executable
    try:
        run([base, "-m", "venv", ZENSICAL_VENV])
        run([ZENSICAL_VENV / "bin" / "pip", "install", "--quiet", "--disable-pip-version-check", "zensical"])
    except BenchError as failure:
        results.note(f"Zensical: could not be installed: {str(failure).splitlines()[-1]}")
        return False
    return ZENSICAL.exists()


def zensical_config(seed: Seed) -> tuple[Path, list[Any]]:
    """The project's mkdocs.yml as Zensical reads it (no INHERIT), next to the seed's docs/ (Zensical
    wants docs_dir inside the folder of its configuration); the site goes to site-zensical/."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^docs_dir:.*$", f"docs_dir: {seed.docs.name}", text)
    text = re.sub(r"(?m)^site_dir:.*$", "site_dir: site-zensical", text)
    text = text.replace("- scripts/mkdocs_hooks.py", f"- {ROOT / 'scripts' / 'mkdocs_hooks.py'}")
    config = seed.dir / "zensical.yml"
    config.write_text(text, encoding="utf-8")
    return seed.dir / "site-zensical", [ZENSICAL, "build", "--clean", "-f", config]


def group_build(results: Results, args: argparse.Namespace) -> None:
    """Generation, MkDocs, the baseline and Zensical on the seed, interleaved."""
    seed = Seed()
    baseline_dir, baseline = make_baseline()
    tasks: dict[str, tuple[list[Any], Callable[[], None] | None]] = {
        "generate": (seed.generate, clear(seed.docs)),
        "mkdocs": (seed.mkdocs, None),
        "baseline": (baseline, None),
    }
    zensical = None
    if "zensical" in args.groups and zensical_ready(results, not args.no_install):
        zensical_site, zensical = zensical_config(seed)
        tasks["zensical"] = (zensical, None)
    times: dict[str, list[float]] = {name: [] for name in tasks}
    cpu: dict[str, list[float]] = {name: [] for name in tasks}
    failures: dict[str, str] = {}
    for round_ in range(args.runs + 1):  # round 0 warms caches and is not counted
        for name, (cmd, before) in tasks.items():
            if name in failures:
                continue
            try:
                elapsed, spent = timed(cmd, before=before)
            except BenchError as failure:
                if name != "zensical":
                    raise
                failures[name] = str(failure)
                continue
            if round_:
                times[name].append(elapsed)
                cpu[name].append(spent)
    gen, mk, base = median(times["generate"]), median(times["mkdocs"]), median(times["baseline"])
    gen_ratio = median([g / m for g, m in zip(times["generate"], times["mkdocs"])])
    base_ratio = median([(g + m) / b for g, m, b in zip(times["generate"], times["mkdocs"], times["baseline"])])
    generate_cmd = f"rm -rf {shown(seed.docs)} && {command_text(seed.generate)}"
    results.add("generate", "Generation (scripts/build.py, seed)", "生成 Markdown（种子）", gen, "s", generate_cmd)
    results.add("mkdocs", "mkdocs build --strict (seed)", "MkDocs 构建（种子）", mk, "s", command_text(seed.mkdocs))
    results.add(
        "generate_vs_mkdocs", "Generation / MkDocs build", "生成时间 / MkDocs 构建时间", gen_ratio, "ratio",
        "python scripts/bench.py --only build", "≤ 0.25", gen_ratio <= 0.25,
    )  # fmt: skip
    results.add(
        "baseline", "Baseline: plain mkdocs-material, seed split at part headings", "基线：普通 mkdocs-material 项目",
        base, "s", command_text(baseline),
    )  # fmt: skip
    results.add(
        "whole_vs_baseline", "Our whole build / baseline", "本站完整构建 / 基线", base_ratio, "ratio",
        "python scripts/bench.py --only build", "≤ 1.5", base_ratio <= 1.5,
    )  # fmt: skip
    results.extra["build"] = {name: [round(t, 4) for t in ts] for name, ts in times.items()}
    results.extra["build_cpu"] = {name: [round(t, 4) for t in ts] for name, ts in cpu.items()}
    cpu_gen = median([g / m for g, m in zip(cpu["generate"], cpu["mkdocs"])])
    cpu_base = median([(g + m) / b for g, m, b in zip(cpu["generate"], cpu["mkdocs"], cpu["baseline"])])
    results.note(
        f"In CPU time (user + system) the ratios are {cpu_gen:.2f} (generation / MkDocs) and {cpu_base:.2f}"
        f" (our whole build / baseline); generation took {median(cpu['generate']):.2f} s of CPU for the seed."
    )
    ours = ("generate", "mkdocs", "baseline")  # single-threaded Python; Zensical runs threads
    busy(results, "the seed builds", {k: times[k] for k in ours}, {k: cpu[k] for k in ours})
    results.extra["baseline_pages"] = len(list((baseline_dir / "docs").glob("*.md")))
    if zensical is not None:
        zensical_report(results, seed, zensical_site, zensical, times.get("zensical") or [], failures.get("zensical"))


def zensical_report(
    results: Results, seed: Seed, theirs: Path, cmd: list[Any], times: list[float], failure: str | None
) -> None:
    results.group = "zensical"
    version = run([ZENSICAL, "--version"]).stdout.strip().split()[-1]
    results.extra["zensical_version"] = version
    if failure or not times:
        reason = (failure or "no run").strip().splitlines()[-1]
        results.add("zensical", f"Zensical {version} build (seed)", "Zensical 构建（种子）", None, "s",
                    command_text(cmd))  # fmt: skip
        results.note(f"Zensical {version} failed to build the same docs/: {reason}")
        results.group = "build"
        return
    value = median(times)
    results.add("zensical", f"Zensical {version} build (seed, reference)", "Zensical 构建（种子，参考）", value, "s",
                command_text(cmd))  # fmt: skip
    ours = seed.site
    pages_ours = {shown_rel(p, ours) for p in ours.rglob("*.html")}
    pages_theirs = {shown_rel(p, theirs) for p in theirs.rglob("*.html")}
    index = (theirs / "index.html").read_text(encoding="utf-8") if (theirs / "index.html").exists() else ""
    nav_kept = "全文（打印版）" in index
    differences = [
        f"{len(pages_theirs)} HTML pages against MkDocs' {len(pages_ours)}"
        + (f" (missing: {', '.join(sorted(pages_ours - pages_theirs)[:5])})" if pages_ours - pages_theirs else "")
        + (f" (extra: {', '.join(sorted(pages_theirs - pages_ours)[:5])})" if pages_theirs - pages_ours else ""),
        "navigation from docs/.nav.yml" if nav_kept else "navigation generated from folder names (hooks do not run)",
        "offline zip made" if (theirs / "download").exists() else "no offline zip (the MkDocs hooks do not run)",
        f"site {tree_bytes(theirs) / 1e6:.2f} MB against {tree_bytes(ours) / 1e6:.2f} MB",
    ]
    search = sorted(shown_rel(p, theirs) for p in theirs.glob("search*"))
    if search:
        differences.append("search index in " + ", ".join(search))
    results.extra["zensical"] = {"version": version, "differences": differences}
    mkdocs_median = median(results.extra["build"]["mkdocs"])
    results.note(
        f"Zensical {version} builds the same docs/ in {value / mkdocs_median:.2f}× the time of the MkDocs build"
        " (a measurement only): " + "; ".join(differences) + "."
    )
    results.group = "build"


def shown_rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def busy(results: Results, what: str, times: dict[Any, list[float]], cpu: dict[Any, list[float]]) -> None:
    """A note when the machine was busy: wall-clock time well above the CPU time of the runs."""
    wall = sum(median(ts) for ts in times.values() if ts)
    spent = sum(median(ts) for ts in cpu.values() if ts)
    if spent and wall / spent > 1.3:
        results.note(
            f"The machine was busy during {what}: wall-clock time was {wall / spent:.1f}× the CPU time"
            " (figures are wall-clock; CPU seconds are in data/bench.json)."
        )


def group_growth(results: Results, args: argparse.Namespace) -> None:
    corpora = [Corpus(size) for size in args.sizes]
    times: dict[int, list[float]] = {c.size: [] for c in corpora}
    cpu: dict[int, list[float]] = {c.size: [] for c in corpora}
    # Each run writes into a new, empty folder, and all are removed after the last run. Removing
    # thousands of files just before a run would leave the kernel's work on them (journal, block
    # discards) to slow the next run's file creation: up to a second at 256 documents, none of it
    # the build's. A run still creates every file, as a first build does.
    runs = WORK / "growth-runs"
    shutil.rmtree(runs, ignore_errors=True)
    for round_ in range(args.growth_runs + 1):
        for corpus in corpora:
            elapsed, spent = timed(corpus.generate_into(runs / f"{corpus.size}-{round_}"))
            if round_:
                times[corpus.size].append(elapsed)
                cpu[corpus.size].append(spent)
    shutil.rmtree(runs, ignore_errors=True)
    busy(results, "the growth corpora", times, cpu)
    growth = []
    for corpus in corpora:
        seconds = median(times[corpus.size])
        growth.append({"documents": corpus.size, "bytes": corpus.bytes, "seconds": round(seconds, 4)})
        results.add(
            f"growth_{corpus.size}",
            f"Generation, {corpus.size} doc{'s' if corpus.size != 1 else ''} ({corpus.bytes / 1e6:.2f} MB of text)",
            f"生成 {corpus.size} 份文件（{corpus.bytes / 1e6:.2f} MB 文本）", seconds, "s", corpus.command(),
        )  # fmt: skip
    margins = []
    for small, large in itertools.pairwise(growth):
        extra_bytes, extra_time = large["bytes"] - small["bytes"], large["seconds"] - small["seconds"]
        margins.append((small["documents"], large["documents"], extra_bytes / max(extra_time, 1e-9) / 1e6))
    results.extra["growth_margins"] = [{"from": a, "to": b, "mb_per_s": round(r, 3)} for a, b, r in margins]
    if margins:
        a, b, rate = margins[-1]
        results.add(
            "growth_margin", f"At the margin ({a} → {b} documents)", f"边际速度（{a} → {b} 份）", rate, "MB/s",
            "python scripts/bench.py --only growth", "≥ 2 MB/s", rate >= 2,
        )  # fmt: skip
    if len(margins) >= 2:
        # Seconds per MB at the last margin against the one before it: 1 is linear.
        curvature = margins[-2][2] / margins[-1][2]
        (a0, b0, _), (a1, b1, _) = margins[-2], margins[-1]
        results.add(
            "growth_linearity", f"Cost per MB at {a1}→{b1} over cost per MB at {a0}→{b0}",
            "每 MB 成本之比（末段 / 前段，1 为线性）", curvature, "ratio",
            "python scripts/bench.py --only growth", "≤ 1.25 (linear)", curvature <= 1.25,
        )  # fmt: skip
    results.extra["growth_runs"] = {str(size): [round(t, 4) for t in ts] for size, ts in times.items()}
    results.extra["growth_cpu"] = {str(size): [round(t, 4) for t in ts] for size, ts in cpu.items()}
    if len(corpora) >= 2:
        (small, large), cpu_median = corpora[-2:], {size: median(ts) for size, ts in cpu.items()}
        rate = (large.bytes - small.bytes) / max(cpu_median[large.size] - cpu_median[small.size], 1e-9) / 1e6
        results.extra["growth_margin_cpu_mb_per_s"] = round(rate, 3)
        results.note(
            f"Counted in CPU time rather than wall-clock time, the margin {small.size} → {large.size} documents"
            f" is {rate:.2f} MB/s."
        )
    results.growth = growth


def snapshot(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}


def rewritten(before: dict[str, int], after: dict[str, int]) -> list[str]:
    return sorted(name for name, mtime in after.items() if before.get(name) != mtime)


def group_incremental(results: Results, args: argparse.Namespace) -> None:
    seed = Seed()
    run(seed.generate)
    before = snapshot(seed.docs)
    run(seed.generate)
    changed = rewritten(before, snapshot(seed.docs))
    markdown = [n for n in changed if n.endswith(".md")]
    results.add(
        "incremental_seed", "Second build of the seed: files rewritten", "种子第二次构建：重写的文件数", len(changed),
        "files", f"{command_text(seed.generate)}  # twice; compare mtimes", "0", not changed,
    )  # fmt: skip
    corpus = Corpus(16)
    run(corpus.generate)
    before = snapshot(corpus.docs)
    run(corpus.generate)
    unchanged_run = rewritten(before, snapshot(corpus.docs))
    target = sorted(corpus.seeds.glob("*.txt"))[7]
    original = target.read_text(encoding="utf-8")
    if EDIT[0] not in original:
        raise BenchError(f"{shown(target)}: the text to edit ({EDIT[0]}) is not there")
    before = snapshot(corpus.docs)
    try:
        target.write_text(original.replace(EDIT[0], EDIT[1], 1), encoding="utf-8")
        run(corpus.generate)
        after = snapshot(corpus.docs)
    finally:
        target.write_text(original, encoding="utf-8")
        run(corpus.generate)
    changed = rewritten(before, after)
    registry = json.loads(corpus.registry.read_text(encoding="utf-8"))
    slugs = {slug for slug, entry in registry.items() if Path(entry.get("seed", "")).name == target.name}
    slug_pattern = re.compile(
        r"(?<![\w-])(" + "|".join(map(re.escape, sorted(registry, key=len, reverse=True))) + r")(?![\w-])"
    )

    def mine(name: str) -> bool:
        """A file of the edited document: named after it, or naming it and no other document."""
        first, stem = name.split("/")[0], Path(name).stem
        if first in slugs or stem in slugs or name == f"sources/{target.name}":
            return True
        named = set(slug_pattern.findall((corpus.docs / name).read_text(encoding="utf-8", errors="replace")))
        return bool(named) and named <= slugs

    others = [n for n in changed if not mine(n)]
    own_files = [n for n in after if mine(n)]
    results.add(
        "incremental_corpus_same", "16 documents, second build: files rewritten", "16 份文件第二次构建：重写的文件数",
        len(unchanged_run), "files", f"{command_text(corpus.generate)}  # twice; compare mtimes", "0",
        not unchanged_run,
    )  # fmt: skip
    results.add(
        "incremental_one_seed", f"16 documents, one seed edited: its files rewritten (of {len(own_files)})",
        f"16 份文件中改动一份：重写该文件的文件数（共 {len(own_files)} 个）",
        len(changed) - len(others), "files", "python scripts/bench.py --only incremental",
    )  # fmt: skip
    results.add(
        "incremental_others", "16 documents, one seed edited: other files rewritten",
        "16 份文件中改动一份：重写的其他文件数", len(others), "files",
        "python scripts/bench.py --only incremental", "0", not others,
    )  # fmt: skip
    results.extra["incremental"] = {
        "seed_second_build_rewritten": changed_names(markdown),
        "edited_seed": shown(target),
        "edit": list(EDIT),
        "rewritten_own": [n for n in changed if mine(n)],
        "rewritten_other": others,
    }
    if others:
        results.note(f"Editing one seed of 16 also rewrote: {', '.join(others[:10])}.")


def changed_names(names: list[str]) -> list[str]:
    return names[:20]


def browse(site: Path, base: str) -> dict[str, Any]:
    """Bytes a fresh Chromium downloads for a first visit to a clause page, then for a first search."""
    from urllib.parse import unquote, urlsplit

    from playwright.sync_api import sync_playwright

    def body_size(url: str, reported: int) -> int:
        if reported > 0 or not url.startswith(base):
            return max(reported, 0)
        path = site / unquote(urlsplit(url).path).lstrip("/")
        return path.stat().st_size if path.is_file() else 0

    log: list[dict[str, Any]] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        version = browser.version
        context = browser.new_context(viewport={"width": 1280, "height": 900})

        def finished(request: Any) -> None:
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

        context.on("requestfinished", finished)
        page = context.new_page()
        page.goto(base + CLAUSE_PAGE, wait_until="networkidle")
        page.wait_for_timeout(500)
        page.wait_for_load_state("networkidle")
        visit = list(log)
        search = page.locator("input.md-search__input")
        search.click()
        page.keyboard.type(SEARCH_WORD)
        page.keyboard.press("End")  # typing Chinese goes through an input method; the key-up starts the search
        found = True
        try:
            page.locator(".md-search-result__list a").first.wait_for(state="visible", timeout=20000)
        except Exception:  # reported as a missed goal
            found = False
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        results = page.locator(".md-search-result__list a").count() if found else 0
        searched = log[len(visit) :]
        browser.close()

    def total(entries: list[dict[str, Any]]) -> int:
        return sum(e["body"] for e in entries)

    def biggest(entries: list[dict[str, Any]]) -> list[list[Any]]:
        top = sorted(entries, key=lambda e: -e["body"])[:5]
        return [[e["url"].removeprefix(base), e["body"]] for e in top]

    outside = [e["url"] for e in log if not e["url"].startswith((base, "data:", "blob:"))]
    return {
        "chromium": version,
        "visit_bytes": total(visit),
        "visit_requests": len(visit),
        "visit_largest": biggest(visit),
        "search_bytes": total(searched),
        "search_requests": len(searched),
        "search_largest": biggest(searched),
        "search_found": found,
        "search_results": results,
        "outside": outside,
    }


def search_languages() -> set[str]:
    from mkdocs.utils.yaml import yaml_load

    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as stream:
        config = yaml_load(stream)
    for plugin in config.get("plugins") or []:
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
            seen = browse(site, base)
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


def machine(results: Results) -> dict[str, Any]:
    cpu = platform.processor() or ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError, ValueError, IndexError):
        kb = int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0])
        memory = f"{kb / 1024 / 1024:.0f} GB"
    versions = {}
    for name in ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions[name] = metadata.version(name)
    info = {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": memory,
        "os": platform.platform(terse=True),
        "python": platform.python_version(),
        **versions,
    }
    if results.extra.get("chromium"):
        info["chromium"] = results.extra["chromium"]
    if results.extra.get("zensical_version"):
        info["zensical"] = results.extra["zensical_version"]
    return info


def table(rows: list[dict[str, Any]]) -> str:
    lines = ["| Figure | Value | Goal | Met | Command |", "|---|---|---|---|---|"]
    for row in rows:
        met = "" if row["pass"] is None else ("yes" if row["pass"] else "**no**")
        command = row["command"].replace("|", "\\|")
        value = format_value(row["value"], row["unit"])
        lines.append(f"| {row['label']} | {value} | {row['goal'] or ''} | {met} | `{command}` |")
    return "\n".join(lines)


def profile(size: int) -> None:
    corpus = Corpus(size)
    corpus.fresh()
    out = WORK / f"profile-{size}.prof"
    run([PYTHON, "-m", "cProfile", "-o", out, *corpus.generate[1:]])
    import pstats

    stats = pstats.Stats(str(out))
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(40)
    print(f"profile: {shown(out)}  (python -m pstats {shown(out)})")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help=f"comma-separated groups to run: {', '.join(GROUPS)}")
    parser.add_argument("--runs", type=int, default=7, help="timed runs per figure on the seed (default 7)")
    parser.add_argument("--growth-runs", type=int, default=3, help="timed runs per corpus size (default 3)")
    parser.add_argument("--sizes", default="1,16,64,256", help="corpus sizes in documents (default 1,16,64,256)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave data/bench.json as it is")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measurements")
    parser.add_argument("--no-install", action="store_true", help="do not create .venv-zensical when missing")
    parser.add_argument(
        "--profile", type=int, metavar="N", help="profile generating a corpus of N documents, then stop"
    )
    args = parser.parse_args(argv)
    args.groups = tuple(g.strip() for g in args.only.split(",")) if args.only else GROUPS
    unknown = set(args.groups) - set(GROUPS)
    if unknown:
        parser.error(f"unknown group(s): {', '.join(sorted(unknown))}")
    args.sizes = [int(s) for s in args.sizes.split(",")]
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
            ("growth", group_growth),
            ("incremental", group_incremental),
            ("downloads", group_downloads),
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
    for note in results.notes:
        print(f"\n- {note}")
    print(f"\n(bench ran {time.perf_counter() - started:.0f} s)")
    if not args.no_write:
        data = {
            "date": datetime.date.today().isoformat(),
            "machine": machine(results),
            "runs": {"seed": args.runs, "growth": args.growth_runs},
            "rows": rows,
            "growth": results.growth,
            "notes": results.notes,
            "details": {**results.extra, "note_groups": results.note_groups},
        }
        if set(args.groups) != set(GROUPS) and RESULTS.exists():
            # A partial run updates its own rows and keeps the others.
            old = json.loads(RESULTS.read_text(encoding="utf-8"))
            new = {r["id"]: r for r in rows}
            kept = [new.pop(r.get("id"), r) for r in old.get("rows", [])]
            data["rows"] = kept + list(new.values())
            data["growth"] = data["growth"] or old.get("growth", [])
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
