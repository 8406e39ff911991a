"""An independent crawler walks the built site: LinkChecker (from PyPI), started at
file://…/index.html, with its anchor check on (tests/linkcheckerrc). Any broken link or missing
anchor fails the test, which prints what LinkChecker found."""

from __future__ import annotations

import contextlib
import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

CONFIG = Path(__file__).with_name("linkcheckerrc")
#: A page added to each crawl, with a link to an anchor it lacks: the anchor check must report it.
CANARY = "linkcheck-canary.html"


@dataclass(frozen=True)
class Crawl:
    base: str  # file:// URL of the crawled folder, ending in /
    rows: list[dict[str, str]]  # one per URL checked (the config logs every URL, not only failures)
    returncode: int
    stderr: str

    def short(self, url: str) -> str:
        return url.replace(self.base, "")

    def broken(self) -> list[str]:
        return [self._describe(r, r["result"]) for r in self.rows if r["valid"] != "True"]

    def warnings(self) -> list[str]:
        return [self._describe(r, r["warningstring"]) for r in self.rows if r["warningstring"].strip()]

    def anchored(self) -> int:
        return sum("#" in r["url"] for r in self.rows)

    def _describe(self, row: dict[str, str], what: str) -> str:
        where = f"{self.short(row['parentname'])}, line {row['line']}" if row["parentname"] else "the start URL"
        return f"{self.short(row['url'])} (in {where}): {' '.join(what.split())}"

    def report(self) -> str:
        found = [*(f"broken: {b}" for b in self.broken()), *(f"warning: {w}" for w in self.warnings())]
        head = (
            f"LinkChecker checked {len(self.rows)} URLs ({self.anchored()} with an anchor), "
            f"exit status {self.returncode}"
        )
        return "\n".join([head, *found])


def _readable(root: Path) -> None:
    for path in [root, *root.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)


def _distributions(name: str, seen: set[str]) -> set[str]:
    """A distribution and those it requires (extras left out), by normalised name."""
    key = re.sub(r"[-_.]+", "-", name).lower()
    if key in seen:
        return seen
    seen.add(key)
    for requirement in metadata.requires(key) or []:
        if "extra ==" not in requirement:
            _distributions(re.split(r"[\s;<>=!~\[(]", requirement, maxsplit=1)[0], seen)
    return seen


def _copy_linkchecker(target: Path) -> None:
    """LinkChecker's package and what it requires, copied where any user can read them."""
    for name in sorted(_distributions("linkchecker", set())):
        dist = metadata.distribution(name)
        tops = {Path(str(f)).parts[0] for f in dist.files or [] if not str(f).startswith("..")}
        for top in sorted(t for t in tops if not t.endswith(".dist-info") and t != "__pycache__"):
            source = Path(str(dist.locate_file(top)))
            if source.is_dir():
                shutil.copytree(source, target / top, ignore=shutil.ignore_patterns("__pycache__"))
            elif source.suffix == ".py":
                shutil.copy(source, target / top)


@contextlib.contextmanager
def readable_copy(folder: Path) -> Iterator[tuple[Path, Path]]:
    """A copy of folder, and of LinkChecker with what it requires, that any user can read.
    LinkChecker run as root drops to user nobody before it loads its plugins (the anchor check
    among them): from a checkout in a folder nobody may enter, it would load none and say nothing."""
    with tempfile.TemporaryDirectory(prefix="linkcheck-") as tmp:
        copy, packages = Path(tmp) / "site", Path(tmp) / "packages"
        shutil.copytree(folder, copy)
        (copy / CANARY).write_text(
            '<html><body><p id="here">x</p><a href="#here">ok</a> <a href="#not-here">no</a></body></html>',
            encoding="utf-8",
        )
        packages.mkdir()
        _copy_linkchecker(packages)
        _readable(Path(tmp))
        yield copy, packages


def crawl(site: Path) -> Crawl:
    """LinkChecker from site/index.html, its CSV log (every URL checked) read from standard output.
    A page of our own (CANARY), crawled too and left out of the result, proves the anchor check ran."""
    with readable_copy(site) as (copy, packages):
        start, canary = (copy / "index.html").as_uri(), (copy / CANARY).as_uri()
        result = subprocess.run(
            [sys.executable, "-m", "linkcheck", "--config", str(CONFIG), "--output", "csv/utf-8", start, canary],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=300,
            check=False,
            cwd=packages,
            env={**os.environ, "PYTHONPATH": str(packages)},
        )
    lines = [line for line in result.stdout.splitlines() if not line.startswith("# ")]  # LinkChecker's comments
    records = [row for row in csv.reader(lines, delimiter=";") if row]
    assert records, f"LinkChecker logged nothing (exit status {result.returncode}):\n{result.stderr}"
    header, *data = records
    assert "url" in header and "warningstring" in header, f"unexpected CSV columns: {header}"
    rows = [dict(zip(header, row)) for row in data]
    ours = [row for row in rows if CANARY in row["url"]]
    assert any(row["url"].endswith("#not-here") and row["warningstring"].strip() for row in ours), (
        f"LinkChecker's anchor check is not active:\n{result.stderr}"
    )
    kept = [row for row in rows if CANARY not in row["url"]]
    code = (
        0
        if result.returncode == 1 and not any(r["valid"] != "True" or r["warningstring"].strip() for r in kept)
        else result.returncode
    )
    return Crawl(start.rsplit("/", 1)[0] + "/", kept, code, result.stderr)


def test_linkchecker_finds_no_broken_link_or_missing_anchor(built_site):
    result = crawl(built_site)
    print(result.report())
    assert result.returncode in (0, 1), f"LinkChecker failed to run:\n{result.stderr}"
    assert not result.broken() and not result.warnings(), result.report()
    assert result.returncode == 0, f"LinkChecker reported a problem the log does not show:\n{result.stderr}"
    # The crawl reached the whole site: every page, the assets, and links to anchors.
    assert len(result.rows) > 100, result.report()
    assert result.anchored() > 50, result.report()
    pages = {result.short(r["url"]) for r in result.rows}
    for page in ["glossary.html", "opinions-2025-08-15/part-4.html", "opinions-2025-08-15/full.html"]:
        assert page in pages, f"{page} was never reached"


def test_linkchecker_reports_broken_links_and_missing_anchors(tmp_path):
    """The crawler as configured does see a missing page and a missing anchor (so the test above can fail)."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<html><body><h1 id="top">x</h1><a href="b.html#yes">ok</a> <a href="b.html#nope">anchor</a> '
        '<a href="gone.html">page</a> <a href="#top">top</a></body></html>',
        encoding="utf-8",
    )
    (site / "b.html").write_text('<html><body><p id="yes">y</p></body></html>', encoding="utf-8")
    result = crawl(site)
    assert result.returncode == 1, result.report()
    assert [b.split(" ")[0] for b in result.broken()] == ["gone.html"], result.report()
    assert [w.split(" ")[0] for w in result.warnings()] == ["b.html#nope"], result.report()
