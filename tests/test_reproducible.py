"""Reproducible builds: the same seeds give the same bytes, and a rebuild touches no file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.register_assert_rewrite("browser_support")

from browser_support import build_site  # noqa: E402
from conftest import ROOT, SEED, run_build  # noqa: E402

#: Written by MkDocs with the build date; everything else in site/ must be identical.
DATED = {"sitemap.xml", "sitemap.xml.gz"}


def tree(root: Path) -> dict[str, bytes]:
    """Every file under a folder (hidden ones included), by relative path."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(set(a) ^ set(b)) + sorted(name for name in set(a) & set(b) if a[name] != b[name])


def fresh_build(base: Path, seeds: Path = ROOT / "seeds", cwd: Path = ROOT) -> Path:
    """Build seeds into base/docs with a copy of the committed registry; returns the docs folder."""
    base.mkdir(parents=True)
    registry = base / "permalinks.json"
    shutil.copy(ROOT / "data" / "permalinks.json", registry)
    args = ["--seeds", str(seeds), "--docs", str(base / "docs"), "--registry", str(registry)]
    result = run_build(*args, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return base / "docs"


def test_two_fresh_builds_are_byte_identical(tmp_path: Path):
    first = fresh_build(tmp_path / "a")
    second = fresh_build(tmp_path / "b")
    files = tree(first)
    assert len(files) > 20 and ".generated" in files and ".nav.json" in files
    assert differences(files, tree(second)) == []
    assert (tmp_path / "a" / "permalinks.json").read_bytes() == (tmp_path / "b" / "permalinks.json").read_bytes()


def test_the_committed_registry_is_current(tmp_path: Path):
    """Building the committed seeds changes nothing in the committed registry."""
    fresh_build(tmp_path / "a")
    assert (tmp_path / "a" / "permalinks.json").read_bytes() == (ROOT / "data" / "permalinks.json").read_bytes()


def test_a_rebuild_into_the_same_folder_rewrites_nothing(tmp_path: Path):
    docs = fresh_build(tmp_path / "a")
    registry = tmp_path / "a" / "permalinks.json"
    paths = [p for p in sorted(docs.rglob("*")) if p.is_file()] + [registry]
    before = {p: (p.stat().st_mtime_ns, p.stat().st_ino) for p in paths}
    contents = tree(docs)
    result = run_build("--docs", str(docs), "--registry", str(registry))
    assert result.returncode == 0, result.stderr
    assert " 0 written, 0 removed" in result.stderr, result.stderr
    after = {p: (p.stat().st_mtime_ns, p.stat().st_ino) for p in paths}
    assert [str(p) for p in paths if before[p] != after[p]] == []
    assert tree(docs) == contents
    assert not list(docs.rglob(".tmp-*")), "temporary files left behind"


def test_a_rebuild_removes_only_what_it_made(tmp_path: Path):
    """A file the build did not make survives; a page the build no longer makes goes."""
    docs = fresh_build(tmp_path / "a")
    registry = tmp_path / "a" / "permalinks.json"
    mine = docs / "notes-by-hand.md"
    mine.write_text("# 手写\n", encoding="utf-8")
    kept = docs / "opinions-2025-08-15" / "part-4.md"
    (docs / ".generated").write_text(
        (docs / ".generated").read_text(encoding="utf-8") + "opinions-2025-08-15/old-page.md\n", encoding="utf-8"
    )
    (docs / "opinions-2025-08-15" / "old-page.md").write_text("old\n", encoding="utf-8")
    result = run_build("--docs", str(docs), "--registry", str(registry))
    assert result.returncode == 0, result.stderr
    assert mine.exists() and kept.exists()
    assert not (docs / "opinions-2025-08-15" / "old-page.md").exists()


def test_output_does_not_depend_on_the_working_directory(tmp_path: Path):
    """The same seeds built from another folder give the same pages (no local paths leak in)."""
    here = fresh_build(tmp_path / "a")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    there = fresh_build(tmp_path / "b", cwd=elsewhere)
    assert differences(tree(here), tree(there)) == []
    for name, data in tree(there).items():
        assert str(tmp_path).encode() not in data and str(ROOT).encode() not in data, name


def test_seed_folder_location_does_not_change_the_pages(tmp_path: Path):
    """A copy of seeds/ elsewhere publishes the same pages: provenance names the seed, not a local path."""
    seeds = tmp_path / "copy" / "seeds"
    seeds.mkdir(parents=True)
    shutil.copy(SEED, seeds / SEED.name)
    here = tree(fresh_build(tmp_path / "a"))
    there = tree(fresh_build(tmp_path / "b", seeds=seeds))
    assert differences(here, there) == []


def test_two_site_builds_are_byte_identical(tmp_path: Path):
    docs = fresh_build(tmp_path / "a")
    first = tree(build_site(docs, tmp_path / "site-1"))
    second = tree(build_site(docs, tmp_path / "site-2"))
    assert len(first) > 20
    assert [name for name in differences(first, second) if name not in DATED] == []


def test_writing_a_tree_keeps_what_is_the_same_and_removes_what_it_made_before(tmp_path: Path):
    from build import write_tree

    root = tmp_path / "docs"
    (root / "own").mkdir(parents=True)
    (root / "own" / "notes.txt").write_text("not made by the build", encoding="utf-8")
    first = {"a/b/x.md": b"x", "a/y.md": b"y", "z.md": b"z"}
    assert write_tree(root, first) == (3, 0)
    stamp = (root / "z.md").stat().st_mtime_ns
    many = {f"d{i % 3}/f{i}.md": str(i).encode() for i in range(300)} | {"z.md": b"z"}
    assert write_tree(root, many) == (300, 2)
    assert not (root / "a").exists()  # emptied folders go; the root and other folders stay
    assert (root / "own" / "notes.txt").exists()
    assert (root / "z.md").stat().st_mtime_ns == stamp
    assert {p.relative_to(root).as_posix() for p in root.rglob("*.md")} == set(many)
    assert all((root / name).read_bytes() == data for name, data in many.items())


def test_the_pipeline_is_one_pure_function_that_build_py_writes_out(tmp_path: Path, monkeypatch):
    """pipeline.generate gives the files build.py writes, from inputs handed to it, and writes no
    file itself: the build's only filesystem work is in scripts/build.py."""
    import builtins
    import json
    import os

    import build as build_script
    from policydocs.glossary import load_glossary
    from policydocs.pipeline import generate
    from policydocs.render.urls import Settings

    docs = fresh_build(tmp_path / "by-build-py")
    seeds = [(f"seeds/{SEED.name}", SEED.read_bytes())]
    glossary = load_glossary((ROOT / "data" / "glossary.yml").read_bytes(), "data/glossary.yml")
    registry = json.loads((ROOT / "data" / "permalinks.json").read_text(encoding="utf-8"))
    settings = Settings(site_url=build_script.site_url(None).rstrip("/") + "/")
    assets = build_script.read_assets()
    bench = build_script.read_bench(ROOT / "data" / "bench.json")

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError(f"the pipeline wrote a file: {args[:2]}")

    real_open = builtins.open

    def read_only_open(file, mode="r", *args, **kwargs):  # type: ignore[no-untyped-def]
        if any(flag in mode for flag in "wax+"):
            refuse(file, mode)
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", read_only_open)
    for name in ("replace", "rename", "remove", "unlink", "mkdir", "makedirs"):
        monkeypatch.setattr(os, name, refuse)
    built = generate(seeds, glossary, registry, settings, assets, bench)
    monkeypatch.undo()
    written = {name: data for name, data in tree(docs).items() if name != build_script.MANIFEST}
    assert differences(written, built.files) == []
    assert built.registry == registry
