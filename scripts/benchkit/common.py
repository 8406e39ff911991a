"""What every benchmark group shares: paths, running and timing commands (wall clock, CPU and
peak memory), the results table, and the machine's description."""

from __future__ import annotations

import contextlib
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent.parent

from policydocs.render.bench_page import format_value  # noqa: E402  (the path is set in __init__)

WORK = ROOT / "build-out" / "bench"
RESULTS = ROOT / "data" / "bench.json"
PYTHON = Path(sys.executable)
MKDOCS = PYTHON.parent / "mkdocs"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


class BenchError(Exception):
    pass


def shown(path: Path | str) -> str:
    """A path as printed in commands: relative to the repository, so that they can be pasted."""
    path = Path(path)
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def command_text(cmd: list[Any]) -> str:
    return shlex.join(shown(c) if isinstance(c, Path) else str(c) for c in cmd)


def run(cmd: list[Any], *, quiet: bool = False) -> subprocess.CompletedProcess[str]:
    if not quiet:
        print(f"    $ {command_text(cmd)}", flush=True)
    result = subprocess.run([str(c) for c in cmd], cwd=ROOT, env=ENV, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BenchError(f"{command_text(cmd)} failed ({result.returncode}):\n{result.stderr[-3000:]}")
    return result


class Timing(NamedTuple):
    wall: float  # seconds
    cpu: float  # user + system seconds of the command and the processes it waited for
    peak: int  # bytes: the largest resident set of the command or any process it waited for


def timed(cmd: list[Any], *, before: Callable[[], None] | None = None, quiet: bool = False) -> Timing:
    """Run a command once, printing it; its wall-clock and CPU seconds and peak memory (wait4)."""
    if before is not None:
        before()
    if not quiet:
        print(f"    $ {command_text(cmd)}", flush=True)
    start = time.perf_counter()
    with subprocess.Popen(
        [str(c) for c in cmd], cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    ) as process:
        assert process.stderr is not None
        errors = process.stderr.read()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - start
    if process.returncode != 0:
        tail = errors.decode("utf-8", "replace")[-3000:]
        raise BenchError(f"{command_text(cmd)} failed ({process.returncode}):\n{tail}")
    return Timing(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024)


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


def project_config() -> dict[str, Any]:
    """The project's mkdocs.yml, as read."""
    from mkdocs.utils.yaml import yaml_load

    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as stream:
        return yaml_load(stream)


def mkdocs_config(folder: Path, docs: Path, site: Path, features: list[str] | None = None) -> Path:
    """The project's mkdocs.yml, inherited, with docs_dir and site_dir in the workspace (and the
    paths MkDocs reads relative to the configuration file made absolute: the hooks, the theme's
    overrides); with `features`, the theme's features (the list replaces the inherited one whole)."""
    config = folder / "mkdocs.yml"
    config.parent.mkdir(parents=True, exist_ok=True)
    listed = "".join(f"    - {feature}\n" for feature in features or [])
    config.write_text(
        f"# Made by scripts/bench.py: the project's configuration with its own folders.\n"
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        f"docs_dir: {docs}\nsite_dir: {site}\nhooks:\n  - {ROOT / 'scripts' / 'mkdocs_hooks.py'}\n"
        f"theme:\n  name: material\n  custom_dir: {ROOT / 'overrides'}\n"
        + (f"  features:\n{listed}" if features else ""),
        encoding="utf-8",
    )
    return config


class Results:
    """Rows of figures (each with the command that gives it), notes, and details for bench.json."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self.notes: list[str] = []
        self.note_groups: list[str] = []  # the group of each note, so that a partial run replaces its own
        self.extra: dict[str, Any] = {}
        self.library: list[dict[str, Any]] = []
        self.group = "build"

    def note(self, text: str) -> None:
        self.notes.append(text)
        self.note_groups.append(self.group)
        print(f"  note: {text}", flush=True)

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


def busy(results: Results, what: str, wall: float, cpu: float) -> None:
    """A note when the machine was busy: wall-clock time well above the CPU time of the runs
    (the builds run one process, or two workers on two cores)."""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    if cpu and wall / cpu > 1.3:
        results.note(
            f"The machine was busy during {what}: wall-clock time was {wall / cpu:.1f}× the CPU time"
            f" (load average {load:.1f}; figures are wall-clock, CPU seconds are in data/bench.json)."
        )


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
    for key in ("chromium", "zensical_version"):
        if results.extra.get(key):
            info[key.split("_")[0]] = results.extra[key]
    return info


def table(rows: list[dict[str, Any]]) -> str:
    lines = ["| Figure | Value | Goal | Met | Command |", "|---|---|---|---|---|"]
    for row in rows:
        met = "" if row["pass"] is None else ("yes" if row["pass"] else "**no**")
        command = row["command"].replace("|", "\\|")
        value = format_value(row["value"], row["unit"])
        lines.append(f"| {row['label']} | {value} | {row['goal'] or ''} | {met} | `{command}` |")
    return "\n".join(lines)
