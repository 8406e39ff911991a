"""The model dump of ``scripts/build.py --json`` against a golden copy, and its publication as data.

tests/golden/seed-model.json is the seed's model as ``build.py --json`` writes it. When the model
changes on purpose, check the diff this test prints, then rewrite the golden copy with

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from model_support import check_golden

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden" / "seed-model.json"
UPDATE_COMMAND = "UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py"


@pytest.fixture(scope="module")
def dumped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed built into a temporary docs/ with --json; returns the temporary folder."""
    base = tmp_path_factory.mktemp("golden")
    shutil.copy(ROOT / "data" / "permalinks.json", base / "permalinks.json")
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "build.py"),
            "--seeds",
            "seeds",
            "--docs",
            str(base / "docs"),
            "--registry",
            str(base / "permalinks.json"),
            "--json",
            str(base / "model.json"),
        ],
        cwd=ROOT,  # seed paths in the model are relative to the project: seeds/000_….txt
        capture_output=True,
        text=True,
        env={**os.environ, "SITE_URL": ""},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return base


def test_model_dump_matches_the_golden_copy(dumped: Path) -> None:
    actual = (dumped / "model.json").read_text(encoding="utf-8")
    check_golden(
        actual,
        GOLDEN,
        "tests/golden/seed-model.json",
        "build.py --json (now)",
        "the seed's model differs from the golden copy",
        UPDATE_COMMAND,
    )


def test_golden_copy_is_the_seed_model(dumped: Path) -> None:
    """A few facts of the golden copy read from the seed by eye, so a wrong golden copy shows."""
    (page,) = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert page["path"] == "seeds/000_934e3267210eb057.txt"
    document, report = page["items"]
    assert (document["type"], document["slug"]) == ("Document", "opinions-2025-08-15")  # as first published
    assert document["title"]["text"] == "中共中央 国务院关于推动城市高质量发展的意见"
    assert [p["id"] for p in document["parts"]] == [f"part-{n}" for n in range(1, 8)]
    clauses = [c for p in document["parts"] for c in p["clauses"]]
    assert [c["id"] for c in clauses] == [f"clause-{n}" for n in range(1, 21)]
    assert clauses[7]["heading"]["text"] == "系统推进“好房子”和完整社区建设。"
    assert document["notes"][0]["source_text"] == "（下转第六版）"
    assert report["headline"]["text"] == "忠诚履职担当 竭诚惠工暖心"
    assert [s["id"] for s in report["sections"]] == ["section-1", "section-2", "section-3", "section-4"]
    assert [q["paragraph_ids"] for q in report["pull_quotes"]] == [
        ["section-4-p2"],
        ["section-2-p5", "section-3-p2"],
        ["section-3-p5", "section-3-p6"],
    ]


def test_model_is_published_with_the_site_as_data(dumped: Path) -> None:
    (page,) = json.loads((dumped / "model.json").read_text(encoding="utf-8"))
    data = dumped / "docs" / "data"
    for item in page["items"]:
        published = data / f"{item['slug']}.json"
        assert published.is_file(), sorted(p.name for p in data.iterdir())
        assert json.loads(published.read_text(encoding="utf-8")) == item
    index = json.loads((data / "index.json").read_text(encoding="utf-8"))
    assert [(entry["slug"], entry["kind"]) for entry in index] == [
        (item["slug"], item["kind"]) for item in page["items"]
    ]


def test_json_option_alone_does_not_need_the_docs_folder_to_exist(tmp_path: Path) -> None:
    """--json writes the file even into a new folder, next to a docs/ built from scratch."""
    (tmp_path / "seeds").mkdir()
    shutil.copy(ROOT / "seeds" / "000_934e3267210eb057.txt", tmp_path / "seeds")
    shutil.copy(ROOT / "data" / "permalinks.json", tmp_path / "permalinks.json")  # the published addresses
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build.py"), "--json", "out/model.json"]
        + ["--seeds", "seeds", "--docs", "docs", "--registry", "permalinks.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "SITE_URL": ""},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    dumped = json.loads((tmp_path / "out" / "model.json").read_text(encoding="utf-8"))
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert dumped == golden
