"""An independent crawler walks the built site: LinkChecker (from PyPI), started at
file://…/index.html, with its anchor check on (tests/linkcheckerrc). Any broken link or missing
anchor fails the test, which prints what LinkChecker found."""

from __future__ import annotations

import contextlib
import csv
import io
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

LINKCHECKER = Path(sys.executable).with_name("linkchecker")
CONFIG = Path(__file__).with_name("linkcheckerrc")


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


@contextlib.contextmanager
def readable_copy(folder: Path) -> Iterator[Path]:
    """A copy of folder that any user can read: LinkChecker run as root drops to user nobody,
    who cannot enter pytest's private temporary folders."""
    with tempfile.TemporaryDirectory(prefix="linkcheck-") as tmp:
        Path(tmp).chmod(0o755)
        copy = Path(tmp) / "site"
        shutil.copytree(folder, copy)
        for path in [copy, *copy.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        yield copy


def crawl(site: Path) -> Crawl:
    """LinkChecker from site/index.html, its CSV log (every URL checked) read from standard output."""
    assert LINKCHECKER.exists(), f"{LINKCHECKER} is missing: pip install -r requirements-dev.txt"
    with readable_copy(site) as copy:
        start = (copy / "index.html").as_uri()
        result = subprocess.run(
            [str(LINKCHECKER), "--config", str(CONFIG), "--output", "csv/utf-8", start],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=300,
            check=False,
        )
    records = [
        row for row in csv.reader(io.StringIO(result.stdout), delimiter=";") if row and not row[0].startswith("#")
    ]
    assert records, f"LinkChecker logged nothing (exit status {result.returncode}):\n{result.stderr}"
    header, *data = records
    assert "url" in header and "warningstring" in header, f"unexpected CSV columns: {header}"
    return Crawl(
        start.rsplit("/", 1)[0] + "/", [dict(zip(header, row)) for row in data], result.returncode, result.stderr
    )


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
