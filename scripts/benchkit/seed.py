"""Benchmarks on the seed alone: the build against a plain mkdocs-material build of the same text
(and Zensical as a reference line), and what a second build, or an edit, rewrites."""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .common import (
    MKDOCS,
    PYTHON,
    ROOT,
    WORK,
    BenchError,
    Results,
    busy,
    clear,
    command_text,
    median,
    mkdocs_config,
    run,
    shown,
    timed,
    tree_bytes,
)
from .library import Library

ZENSICAL_VENV = ROOT / ".venv-zensical"
ZENSICAL = ZENSICAL_VENV / "bin" / "zensical"
#: The edit made to the seed in the 16-document library (no glossary term is touched).
EDIT = ("城市是现代化建设的重要载体", "城市是现代化建设的重要依托")
PART_HEADING = re.compile(r"^([一二三四五六七八九十]+、\S{1,18}|第[一二三四五六七八九十]+章[\s\u3000]*\S{1,18})$")


def seed_files() -> list[Path]:
    files = sorted((ROOT / "seeds").glob("*.txt"))
    if not files:
        raise BenchError("seeds/: no seed files")
    return files


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


def split_by_hand(texts: dict[str, str], docs: Path) -> int:
    """Markdown pages as a user of plain mkdocs-material would make them from seed files: each file
    cut at its part and chapter headings (lines standing alone), a page per part, in a folder per
    file. Returns the number of pages."""
    count = 0
    for name, text in texts.items():
        folder = docs / Path(name).stem if len(texts) > 1 else docs
        folder.mkdir(parents=True, exist_ok=True)
        pages: list[tuple[str, list[str]]] = [(Path(name).stem, [])]
        lines = text.splitlines()
        for i, line in enumerate(lines):
            before = i == 0 or not lines[i - 1].strip() or len(texts) > 1
            after = i + 1 == len(lines) or not lines[i + 1].strip() or len(texts) > 1
            if before and after and PART_HEADING.match(line.strip()):
                pages.append((line.strip(), []))
            else:
                pages[-1][1].append(line)
        for number, (title, body) in enumerate(pages):
            page = "index.md" if number == 0 else f"part-{number}.md"
            (folder / page).write_text(f"# {title}\n\n" + "\n".join(body) + "\n", encoding="utf-8")
            count += 1
    return count


def make_baseline(name: str, texts: dict[str, str], prune: bool = False) -> tuple[Path, list[Any], int]:
    """A plain mkdocs-material project of these seed texts (default search, no hooks): its folder,
    its build command and its number of pages."""
    folder = WORK / name
    clear(folder)()
    pages = split_by_hand(texts, folder / "docs")
    if len(texts) > 1:
        (folder / "docs" / "index.md").write_text("# 政策文件（基线）\n", encoding="utf-8")
    features = "  features:\n    - navigation.prune\n" if prune else ""
    config = folder / "mkdocs.yml"
    config.write_text(
        f"site_name: 政策文件（基线）\ntheme:\n  name: material\n  language: zh\n{features}plugins:\n  - search\n",
        encoding="utf-8",
    )
    return folder, [MKDOCS, "build", "--strict", "-q", "-f", config], pages


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
    texts = {path.name: path.read_text(encoding="utf-8") for path in seed_files()}
    baseline_dir, baseline, _ = make_baseline("baseline", texts)
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
                elapsed, spent, _ = timed(cmd, before=before, quiet=bool(round_))
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
        "python scripts/bench.py --only build",
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
    busy(results, "the seed builds", sum(median(times[k]) for k in ours), sum(median(cpu[k]) for k in ours))
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
    corpus = Library(16)
    corpus.write()
    run(corpus.generate)
    before = snapshot(corpus.docs)
    run(corpus.generate)
    unchanged_run = rewritten(before, snapshot(corpus.docs))
    target = corpus.seeds / "000_seed.txt"
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
