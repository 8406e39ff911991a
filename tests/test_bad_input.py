"""Bad seeds stop the build (scripts/build.py, run as a reader runs it) with ``path:line: error: …``,
exit status 1, no traceback, and the previous output left as it was. A seed whose structure is
not recognised is still published, as plain paragraphs, with a warning.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT, run_build

BUILD_ARGS = ("--seeds", "seeds", "--docs", "docs", "--registry", "permalinks.json")

#: A small policy document, numbered correctly; the bad cases below are variations of it.
GOOD = """关于推进城市社区服务的实施意见
（2025年6月1日）

为推进城市社区服务体系建设，现提出如下意见。

一、总体要求

（一）指导思想。坚持以人民为中心，完善社区服务。

（二）基本原则。坚持政府主导，坚持多方参与。

二、重点任务

（三）完善服务设施。补齐社区服务设施短板。

（四）丰富服务内容。发展社区养老托育服务。

（五）创新服务方式。推进社区服务数字化。
"""


def build(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_build(*args, cwd=cwd)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def previous_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """docs/ and a registry built from a good seed: the output a bad build must leave alone."""
    base = tmp_path_factory.mktemp("previous")
    (base / "seeds").mkdir()
    (base / "seeds" / "good.txt").write_text(GOOD, encoding="utf-8")
    result = build(base, *BUILD_ARGS)
    assert result.returncode == 0, result.stderr
    assert (base / "docs" / "data").is_dir() and (base / "permalinks.json").is_file()
    return base


@dataclass(frozen=True)
class Run:
    result: subprocess.CompletedProcess[str]
    output_before: tuple[dict[str, bytes], bytes]
    output_after: tuple[dict[str, bytes], bytes]


def bad_seeds() -> dict[str, bytes]:
    """Each case: the bytes of seeds/good.txt (bad, but for the last case)."""
    skipping = GOOD.replace("（四）丰富服务内容。发展社区养老托育服务。\n\n", "")
    return {
        "not-utf8": "一、总体要求\n\n".encode() + "城市是现代化建设的重要载体。\n".encode("gbk"),
        "empty": b"",
        "blank-lines": b"\n  \n\t\n",
        "nul-bytes": GOOD.encode("utf-8").replace("（二）".encode(), b"\x00\x00\x01\x02", 1),
        "image": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        "repeats": GOOD.replace("（五）", "（四）").encode("utf-8"),
        "skips": skipping.encode("utf-8"),
        "part-skips": GOOD.replace("二、重点任务", "三、重点任务").encode("utf-8"),
        "good": GOOD.encode("utf-8"),
        # issue 6: encodings, line ends and size
        "gb18030": GOOD.encode("gb18030"),
        "bom": b"\xef\xbb\xbf" + GOOD.encode("utf-8"),
        "crlf": GOOD.replace("\n", "\r\n").encode("utf-8"),
        "bom-cr": b"\xef\xbb\xbf" + GOOD.replace("\n", "\r").encode("utf-8"),
        "ten-mb": GOOD.encode("utf-8") * (10 * 1024 * 1024 // len(GOOD.encode("utf-8")) + 1),
    }


@pytest.fixture(scope="module")
def runs(previous_output: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """Every case built at once (in parallel: a build takes most of a second to start)."""
    started = {}
    for name, data in bad_seeds().items():
        workspace = tmp_path_factory.mktemp(name)
        shutil.copytree(previous_output / "docs", workspace / "docs")
        shutil.copy(previous_output / "permalinks.json", workspace / "permalinks.json")
        (workspace / "seeds").mkdir()
        (workspace / "seeds" / "good.txt").write_bytes(data)
        before = snapshot(workspace / "docs"), (workspace / "permalinks.json").read_bytes()
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "scripts" / "build.py"), *BUILD_ARGS],
            cwd=workspace,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "SITE_URL": ""},
        )
        started[name] = (workspace, before, process)
    out = {}
    for name, (workspace, before, process) in started.items():
        stdout, stderr = process.communicate(timeout=120)
        result = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
        after = snapshot(workspace / "docs"), (workspace / "permalinks.json").read_bytes()
        out[name] = Run(result, before, after)
    return out


def failed(run: Run) -> subprocess.CompletedProcess[str]:
    assert run.output_after == run.output_before, "a failed build changed the previous output"
    assert run.result.returncode == 1, run.result.stderr
    assert "Traceback" not in run.result.stderr and "Traceback" not in run.result.stdout
    return run.result


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    return text.count("\n", 0, index) + 1


def the_error(result: subprocess.CompletedProcess[str]) -> tuple[int, str]:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    match = re.fullmatch(r"seeds/good\.txt:(\d+): error: (.+)", lines[0])
    assert match, lines[0]
    return int(match[1]), match[2]


def test_not_utf8(runs) -> None:
    line, message = the_error(failed(runs["not-utf8"]))
    assert line == 3
    assert "UTF-8" in message


def test_empty(runs) -> None:
    line, message = the_error(failed(runs["empty"]))
    assert line == 1 and "empty" in message


def test_only_blank_lines_is_empty(runs) -> None:
    line, message = the_error(failed(runs["blank-lines"]))
    assert line == 1 and "empty" in message


def test_binary_with_nul_bytes(runs) -> None:
    line, message = the_error(failed(runs["nul-bytes"]))
    assert line == line_of(GOOD, "（二）")
    assert "binary" in message and "U+0000" in message


def test_binary_image_bytes(runs) -> None:
    line, message = the_error(failed(runs["image"]))
    assert line == 1 and ("UTF-8" in message or "binary" in message)


def test_numbering_repeats(runs) -> None:
    text = GOOD.replace("（五）", "（四）")
    line, message = the_error(failed(runs["repeats"]))
    assert line == line_of(text, "（四）", 2)
    assert "repeats" in message and "（四）" in message and f"line {line_of(text, '（四）')}" in message


def test_numbering_skips(runs) -> None:
    text = bad_seeds()["skips"].decode("utf-8")
    assert "（三）" in text and "（四）" not in text
    line, message = the_error(failed(runs["skips"]))
    assert line == line_of(text, "（五）")
    assert "skips" in message and "（五）" in message and "（三）" in message


def test_part_numbering_skips(runs) -> None:
    line, message = the_error(failed(runs["part-skips"]))
    assert line == line_of(GOOD, "二、重点任务")
    assert "skips" in message


def test_the_good_seed_in_the_same_place_builds(runs) -> None:
    """Guards the cases above: the same workspace and seed name build when the seed is good."""
    result = runs["good"].result
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr


def test_unrecognised_structure_publishes_plain_paragraphs_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    text = (
        "今年以来，市文化馆举办各类公益培训两百余场，吸引市民踊跃参加。\n\n"
        "培训内容涵盖书法、绘画、舞蹈和声乐等多个门类，受到各年龄段市民欢迎。\n\n"
        "下一步，市文化馆将继续扩大公益培训覆盖面。\n"
    )
    (tmp_path / "seeds" / "plain.txt").write_text(text, encoding="utf-8")
    result = build(
        tmp_path, "--seeds", "seeds", "--docs", "docs", "--registry", "permalinks.json", "--json", "model.json"
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert re.search(r"^seeds/plain\.txt:1: warning: structure not recognised", result.stderr, re.M)
    (page,) = json.loads((tmp_path / "model.json").read_text(encoding="utf-8"))
    (item,) = page["items"]
    assert item["sections"] == [] and item["headline"] is None
    texts = ["".join(s["text"] for s in p["sentences"]) for p in item["lead"]]
    assert texts == [t for t in text.split("\n") if t]
    assert (tmp_path / "docs" / "data" / f"{item['slug']}.json").is_file()


def test_a_second_title_for_a_titled_document_is_an_error_on_its_line() -> None:
    """A title over a date line that no document can take stops the build (it used to vanish)."""
    from policydocs.diagnostics import InputError
    from policydocs.pipeline import read_page

    text = (
        "关于推进城市社区服务的意见\n（2025年6月1日）\n\n"
        + GOOD.split("\n", 2)[2]
        + "\n另一个文件的标题\n（2025年7月1日）\n"
    )
    with pytest.raises(InputError) as failure:
        read_page(text.encode("utf-8"), "seeds/two-titles.txt")
    (diagnostic,) = failure.value.diagnostics
    assert (diagnostic.path, diagnostic.line, diagnostic.level) == (
        "seeds/two-titles.txt",
        line_of(text, "另一个"),
        "error",
    )
    assert "另一个文件的标题" in diagnostic.message


# --- issue 6: encodings, line ends and size --------------------------------------------------


def test_gb18030_is_refused_with_its_encoding_named(runs) -> None:
    """Not decoded on a guess (a wrong guess would publish garbled text no check could catch): the
    error names the encoding the file reads as, and the command that converts it."""
    line, message = the_error(failed(runs["gb18030"]))
    assert line == 1
    assert "not UTF-8" in message and "GB18030" in message and "iconv -f GB18030 -t UTF-8" in message


def published_data(run: Run) -> dict[str, bytes]:
    docs, _ = run.output_after
    return {name: data for name, data in docs.items() if name.startswith("data/") and name.endswith(".json")}


@pytest.mark.parametrize("case", ["bom", "crlf", "bom-cr"])
def test_byte_order_mark_and_crlf_or_cr_line_ends_read_like_the_plain_file(runs, case: str) -> None:
    result = runs[case].result
    assert result.returncode == 0, result.stderr
    assert "seeds/good.txt" not in result.stderr  # no diagnostic about the seed
    good = published_data(runs["good"])
    assert good and published_data(runs[case]) == good  # the same model, line for line
    assert runs[case].output_after[1] == runs["good"].output_after[1]  # and the same permalinks


def test_a_ten_megabyte_file_is_refused_with_the_size_limit(runs) -> None:
    """A seed over 2 MB (the longest laws are about 0.3 MB) is refused before it is decoded."""
    from policydocs.source import MAX_BYTES

    size = len(bad_seeds()["ten-mb"])
    assert size >= 10 * 1024 * 1024
    line, message = the_error(failed(runs["ten-mb"]))
    assert line == 1
    assert f"{size} bytes" in message and f"limit of {MAX_BYTES} bytes" in message and "split" in message


def test_a_file_just_under_the_size_limit_is_read() -> None:
    from policydocs.source import MAX_BYTES, read_lines

    line = "城市社区服务体系建设。\n".encode()
    data = line * (MAX_BYTES // len(line))
    assert len(data) <= MAX_BYTES
    assert len(read_lines(data, "seeds/big.txt")) == MAX_BYTES // len(line)
