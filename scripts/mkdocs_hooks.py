"""MkDocs hooks: the one place where the MkDocs build is tweaked.

- on_config: load the navigation generated with the pages by scripts/build.py (docs/.nav.yml).
- on_post_build: drop what readers never load (source maps, search stemmers for languages the
  site does not use), then pack the finished site into site/download/policy-docs-offline.zip for offline
  readers (entries sorted, fixed timestamps, so the same site gives the same zip).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import yaml

OFFLINE_ZIP = Path("download") / "policy-docs-offline.zip"
FIXED_TIME = (2020, 1, 1, 0, 0, 0)


def _search_languages(config: Any) -> set[str]:
    search = config["plugins"].get("material/search") or config["plugins"].get("search")
    lang = getattr(search, "config", {}).get("lang") if search else None
    return set(lang or ["en"])


def on_config(config: Any) -> Any:
    nav_file = Path(config["docs_dir"]) / ".nav.yml"
    if not nav_file.exists():
        raise SystemExit(f"{nav_file}:1: error: no generated navigation; run `python scripts/build.py` first")
    config["nav"] = yaml.safe_load(nav_file.read_text(encoding="utf-8"))
    return config


def on_post_build(config: Any) -> None:
    site = Path(config["site_dir"])
    for path in site.glob("assets/**/*.map"):
        path.unlink()
    lunr = site / "assets" / "javascripts" / "lunr"
    if lunr.is_dir() and _search_languages(config) <= {"en"}:
        for path in sorted(lunr.rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() else path.unlink()
        lunr.rmdir()
    target = site / OFFLINE_ZIP
    target.parent.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in site.rglob("*") if p.is_file() and p != target)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in files:
            info = zipfile.ZipInfo(f"policy-docs/{path.relative_to(site).as_posix()}", FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
