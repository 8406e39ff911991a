"""Helpers the model tests share: the source text held in a model's data, models compared
without their spans, and golden files that print a diff and the command that updates them."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

#: Keys of the model's data whose strings are not source text.
NOT_TEXT = {"type", "id", "slug", "path", "kind", "paragraph_ids", "number", "first", "last", "item"}


def source_strings(value: Any, key: str | None = None) -> Iterator[str]:
    """Every string of source text in the model's JSON data (walked here, not by fidelity.py)."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from source_strings(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from source_strings(v, key)
    elif isinstance(value, str) and key not in NOT_TEXT:
        yield value


def without_spans(value: Any) -> Any:
    """The model's data without source positions, to compare two layouts of the same text."""
    if isinstance(value, dict):
        return {k: without_spans(v) for k, v in value.items() if k not in ("span", "path")}
    if isinstance(value, list):
        return [without_spans(v) for v in value]
    return value


def check_golden(actual: str, golden: Path, shown: str, now: str, what: str, update_command: str) -> None:
    """Compare with a golden file (rewritten when UPDATE_GOLDEN=1); on a mismatch fail with a
    unified diff and the command that updates the file."""
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8") if golden.exists() else ""
    if actual == expected:
        return
    diff = "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True), actual.splitlines(keepends=True), fromfile=shown, tofile=now, n=3
        )
    )
    cut = diff if len(diff) < 20000 else diff[:20000] + "\n… (diff cut)\n"
    pytest.fail(
        f"{what}:\n{cut}\nIf the change is intended, update it with:\n    {update_command}\n",
        pytrace=False,
    )


def read_error(text: str, path: str = "seeds/copy.txt") -> tuple[int, str]:
    """The line and message of the one error reading text as a seed gives (it must give one)."""
    from policydocs.diagnostics import InputError
    from policydocs.pipeline import read_page

    with pytest.raises(InputError) as caught:
        read_page(text.encode("utf-8"), path)
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.level == "error" and diagnostic.path == path
    return diagnostic.line, diagnostic.message
