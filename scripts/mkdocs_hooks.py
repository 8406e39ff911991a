"""MkDocs hooks: the one place where the build is tweaked. The navigation is generated with the
pages by scripts/build.py (docs/.nav.yml) and loaded here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


def on_config(config: Any) -> Any:
    nav_file = Path(config["docs_dir"]) / ".nav.yml"
    if not nav_file.exists():
        raise SystemExit(f"{nav_file}:1: error: no generated navigation; run `python scripts/build.py` first")
    config["nav"] = yaml.safe_load(nav_file.read_text(encoding="utf-8"))
    return config
