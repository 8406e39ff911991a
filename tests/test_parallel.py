"""Work spread over processes gives what a serial run gives: the same results in the same order,
the same first error, and a byte-identical docs/ folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import SEED, run_build
from policydocs.diagnostics import Diagnostic, InputError
from policydocs.parallel import MIN_ITEMS, process_map, serial_map
from test_reproducible import differences, tree

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")


def square_or_fail(number: int) -> tuple[int, int]:
    if number in (7, 11):
        raise InputError(Diagnostic(f"seeds/{number}.txt", number, "error", f"bad {number}"))
    return number, number * number


def worker_pid(_: int) -> int:
    return os.getpid()


def test_results_come_back_in_input_order():
    numbers = list(range(40, 0, -1))
    assert process_map(2)(lambda n: (n, n * n), numbers) == serial_map(lambda n: (n, n * n), numbers)


def test_the_work_runs_in_other_processes():
    pids = process_map(2)(worker_pid, list(range(4 * MIN_ITEMS)))
    assert os.getpid() not in pids


def test_too_few_items_stay_in_this_process():
    assert process_map(2)(worker_pid, list(range(MIN_ITEMS - 1))) == [os.getpid()] * (MIN_ITEMS - 1)


def test_one_job_is_the_serial_map():
    assert process_map(1) is serial_map


def test_the_first_bad_item_in_input_order_is_raised_with_its_diagnostics():
    with pytest.raises(InputError) as serial:
        serial_map(square_or_fail, list(range(20)))
    with pytest.raises(InputError) as parallel:
        process_map(2)(square_or_fail, list(range(20)))
    assert parallel.value.diagnostics == serial.value.diagnostics
    assert [str(d) for d in parallel.value.diagnostics] == ["seeds/7.txt:7: error: bad 7"]


def corpus(folder: Path, size: int) -> Path:
    """The seed under distinct titles and headlines: `size` documents of two items each."""
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for number in range(1, size + 1):
        variant = text.replace("关于推动城市", f"关于推动第{number}批城市").replace("竭诚惠工暖心", f"惠工暖心{number}")
        (folder / f"{number:03d}.txt").write_text(variant, encoding="utf-8")
    return folder


def test_a_build_with_two_workers_equals_a_build_with_one(tmp_path: Path):
    seeds = corpus(tmp_path / "seeds", 2 * MIN_ITEMS)
    trees = {}
    for jobs in ("1", "2"):
        docs, registry = tmp_path / f"docs-{jobs}", tmp_path / f"permalinks-{jobs}.json"
        result = run_build("--seeds", str(seeds), "--docs", str(docs), "--registry", str(registry), "--jobs", jobs)
        assert result.returncode == 0, result.stderr
        trees[jobs] = tree(docs)
    assert len(trees["1"]) > 10 * MIN_ITEMS
    assert differences(trees["1"], trees["2"]) == []


def test_a_bad_seed_among_many_fails_the_parallel_build_with_its_line(tmp_path: Path):
    seeds = corpus(tmp_path / "seeds", 2 * MIN_ITEMS)
    (seeds / "005.txt").write_bytes("第一行\n".encode("gb18030") + "政策文件".encode("gb18030"))
    docs, registry = tmp_path / "docs", tmp_path / "permalinks.json"
    result = run_build("--seeds", str(seeds), "--docs", str(docs), "--registry", str(registry), "--jobs", "2")
    assert result.returncode == 1
    assert "005.txt:" in result.stderr and "error" in result.stderr
    assert not docs.exists()
