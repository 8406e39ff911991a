"""The navigation measured five ways on one library (`--only navigation`; not in the default run,
it takes about a minute): every document's pages listed on every page, as the site did before;
the same with mkdocs-material's `navigation.prune`, `navigation.sections` or `navigation.indexes`;
each document's pages on its own pages only (the site's navigation, on_page_context in the hooks).
The same docs/ is built each time, with only docs/.nav.json (and the theme's features) changed."""

from __future__ import annotations

import argparse
import json
import shutil

from .common import MKDOCS, WORK, Results, clear, mkdocs_config, project_config, run, shown, timed, tree_bytes
from .library import Library, clause_page

SIZE = 256
#: The theme's navigation features tried, one at a time, on the navigation listing every document.
THEIRS = ("prune", "sections", "indexes")


def every_document(generated: dict) -> dict:
    """docs/.nav.json with every document's pages in the site's navigation, as before."""
    documents = [{d["title"]: [{label: path} for label, path in d["pages"]]} for d in generated["documents"].values()]
    nav = generated["nav"]
    return {"nav": nav[:2] + documents + nav[2:], "documents": {}}


def group_navigation(results: Results, args: argparse.Namespace) -> None:
    lib = Library(SIZE)
    if not (lib.docs / ".nav.json").exists():
        lib.write()
        run(lib.generate)
    folder = WORK / "navigation"
    clear(folder)()
    docs = folder / "docs"
    shutil.copytree(lib.docs, docs)
    ours = json.loads((docs / ".nav.json").read_text(encoding="utf-8"))
    every = every_document(ours)
    ways = (
        ("every", "every document's pages on every page", every, None),
        *((name, f"the same with navigation.{name}", every, f"navigation.{name}") for name in THEIRS),
        ("own", "each document's own pages", ours, None),
    )
    found = {}
    theirs = project_config()["theme"].get("features", [])
    for name, label, nav, feature in ways:
        (docs / ".nav.json").write_text(json.dumps(nav, ensure_ascii=False), encoding="utf-8")
        features = [*theirs, feature] if feature else None
        config = mkdocs_config(folder / name, docs, folder / name / "site", features)
        time = timed([MKDOCS, "build", "--strict", "-q", "-f", config])
        site = folder / name / "site"
        page = (site / clause_page(site)).stat().st_size
        found[name] = {"wall_s": round(time.wall, 3), "cpu_s": round(time.cpu, 3), "site_bytes": tree_bytes(site)}
        found[name]["clause_page_bytes"] = page
        command = f"python scripts/bench.py --only navigation  # {shown(config)}"
        results.add(
            f"navigation_{name}", f"MkDocs build, {SIZE} documents, {label}", f"{SIZE} 份文件的 MkDocs 构建（{name}）",
            time.wall, "s", command,
        )  # fmt: skip
        results.add(
            f"navigation_{name}_page", f"Clause page, {SIZE} documents, {label}", f"条款页大小（{name}）", page,
            "bytes", f"stat -c %s {shown(site / clause_page(site))}",
        )  # fmt: skip
    (docs / ".nav.json").write_text(json.dumps(ours, ensure_ascii=False), encoding="utf-8")
    results.extra["navigation"] = found
    results.note(
        "Navigation at 256 documents (MkDocs build, site, clause page): "
        + "; ".join(
            f"{name} {v['wall_s']:.1f} s, {v['site_bytes'] / 1e6:.0f} MB, {v['clause_page_bytes'] / 1000:.1f} KB"
            for name, v in found.items()
        )
        + "."
    )
