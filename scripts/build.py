#!/usr/bin/env python3
"""Generate the site's Markdown from the seeds: the only part of the project that touches files.
It reads the inputs, calls the pure pipeline (policydocs.pipeline.generate) and writes what it gives.

    python scripts/build.py                      # seeds/ -> docs/
    python scripts/build.py --seeds DIR --docs DIR
    python scripts/build.py --json model.json    # also dump the model
    python scripts/build.py --update-registry    # accept dropped or moved permalinks on purpose
    python scripts/build.py --one-page-below 0  # a page per part for every document, short or long
    python scripts/build.py --glossary-candidates

Everything is computed in memory first; docs/ is only written when the whole build succeeded,
and files whose content did not change are not rewritten.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from policydocs import registry as permalinks
from policydocs.diagnostics import Diagnostic, InputError
from policydocs.glossary import Glossary, candidates, glossary_from_data, pypinyin_readings, read_glossary_yaml
from policydocs.model import to_data
from policydocs.pipeline import generate, read_pages
from policydocs.render.urls import ONE_PAGE_BELOW, Settings

ROOT = Path(__file__).resolve().parent.parent
ASSETS = Path(__file__).resolve().parent / "policydocs" / "assets"
MANIFEST = ".generated"
DEFAULT_SITE_URL = "https://policy-docs.github.io/policy-docs/"


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _mkdocs_yaml(text: str) -> dict:
    """mkdocs.yml read without importing MkDocs: ``!ENV [NAME, default]`` gives the default
    (site_url() has looked at the environment first), other tags their plain value."""

    class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser where installed
        pass

    def env_default(loader: yaml.SafeLoader, node: yaml.Node) -> object:
        if isinstance(node, yaml.SequenceNode):
            values = loader.construct_sequence(node)
            return values[-1] if len(values) > 1 else None
        return None

    Loader.add_constructor("!ENV", env_default)
    Loader.add_multi_constructor("!", lambda loader, suffix, node: loader.construct_scalar(node))
    data = yaml.load(text, Loader=Loader)
    return data if isinstance(data, dict) else {}


def site_url(explicit: str | None) -> str:
    """--site-url, else $SITE_URL, else mkdocs.yml's default: the same value MkDocs will use."""
    if explicit:
        return explicit
    if os.environ.get("SITE_URL"):
        return os.environ["SITE_URL"]
    config = ROOT / "mkdocs.yml"
    if config.exists():
        value = _mkdocs_yaml(config.read_text(encoding="utf-8")).get("site_url")
        if value:
            return str(value)
    return DEFAULT_SITE_URL


def read_assets() -> dict[str, bytes]:
    return {
        str(path.relative_to(ASSETS)).replace(os.sep, "/"): path.read_bytes()
        for path in sorted(ASSETS.rglob("*"))
        if path.is_file()
    }


def read_bench(path: Path | None) -> dict | None:
    """The latest figures of scripts/bench.py (data/bench.json), if there are any."""
    if path is None or not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise InputError(Diagnostic(display_path(path), 1, "error", f"not valid JSON: {exc}")) from None
    return data if isinstance(data, dict) else None


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_file(path, data)


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except FileNotFoundError:
        return False


def replace_file(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder, which must exist: a failed write leaves
    the old file as it was."""
    temp = path.with_name(f".tmp-{os.getpid()}-{path.name}")
    try:
        with os.fdopen(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644), "wb") as stream:
            os.fchmod(stream.fileno(), 0o644)  # whatever the umask: these files are published
            stream.write(data)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


class PinyinCache:
    """Readings of glossary terms, kept in data/pinyin.json so that a build need not load pypinyin's
    dictionaries; a term not in the cache is read with pypinyin and added."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.known: dict[str, list[str]] = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        self.changed = False

    def readings(self, term: str) -> tuple[str, str]:
        if term not in self.known:
            self.known[term] = list(pypinyin_readings(term))
            self.changed = True
        tone, plain = self.known[term]
        return tone, plain

    def save(self, terms: set[str]) -> None:
        """Keep the readings of these terms only; write the file if it changed."""
        kept = {term: self.known[term] for term in sorted(terms) if term in self.known}
        if self.changed or kept != self.known:
            text = json.dumps(kept, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
            write_atomic(self.path, text.encode("utf-8"))


def write_tree(root: Path, files: dict[str, bytes]) -> tuple[int, int]:
    """Write changed files only, remove files this build made last time and no longer makes."""
    changed = [name for name in sorted(files) if not _holds(root / name, files[name])]
    for folder in sorted({(root / name).parent for name in changed}):  # one mkdir per folder, for speed
        folder.mkdir(parents=True, exist_ok=True)
    for name in changed:
        replace_file(root / name, files[name])
    written = len(changed)
    manifest = root / MANIFEST
    removed = 0
    if manifest.exists():
        for name in manifest.read_text(encoding="utf-8").splitlines():
            if name and name not in files and (root / name).is_file():
                (root / name).unlink()
                removed += 1
    listing = ("\n".join(sorted(files)) + "\n").encode("utf-8")
    if not manifest.exists() or manifest.read_bytes() != listing:
        write_atomic(manifest, listing)
    for folder, _, names in os.walk(root, topdown=False):  # deepest first; file types from the listing, for speed
        if not names and folder != str(root) and not os.listdir(folder):
            os.rmdir(folder)
    return written, removed


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds", help="folder of seed .txt files")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help="folder to write Markdown into")
    parser.add_argument("--glossary", type=Path, default=ROOT / "data" / "glossary.yml")
    parser.add_argument(
        "--registry",
        type=Path,
        help="permalink registry to check and write (default: data/permalinks.json when building into the"
        " project's docs/; a build into another folder reads and writes none)",
    )
    parser.add_argument(
        "--pinyin-cache",
        type=Path,
        help="glossary readings (default: data/pinyin.json, written only by builds into the project's docs/)",
    )
    parser.add_argument("--json", type=Path, help="also write the model of every seed as JSON here")
    parser.add_argument("--bench", type=Path, default=ROOT / "data" / "bench.json", help="benchmark figures (bench.md)")
    parser.add_argument("--site-url", help="absolute URL of the published site (default: $SITE_URL or mkdocs.yml)")
    parser.add_argument(
        "--one-page-below",
        type=int,
        default=ONE_PAGE_BELOW,
        metavar="CHARS",
        help=f"publish a document shorter than this on one page (default {ONE_PAGE_BELOW}; 0: a page per part)",
    )
    parser.add_argument("--update-registry", action="store_true", help="accept dropped or moved permalinks")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("--glossary-candidates", action="store_true", help="list terms the glossary lacks, then stop")
    args = parser.parse_args(argv)
    return project_defaults(args)


def project_defaults(args: argparse.Namespace) -> argparse.Namespace:
    """A build into the project's docs/ keeps the project's registry and pinyin cache up to date. A
    trial build into another folder (--docs elsewhere) leaves data/ as it is: it checks and writes
    no registry unless --registry names one, and reads the pinyin cache without writing it."""
    project = args.docs.resolve() == (ROOT / "docs").resolve()
    if args.registry is None and project:
        args.registry = ROOT / "data" / "permalinks.json"
    args.save_pinyin = project or args.pinyin_cache is not None
    if args.pinyin_cache is None:
        args.pinyin_cache = ROOT / "data" / "pinyin.json"
    return args


def build(args: argparse.Namespace) -> list[Diagnostic]:
    seed_files = sorted(args.seeds.glob("*.txt")) if args.seeds.is_dir() else []
    if not seed_files:
        raise InputError(Diagnostic(display_path(args.seeds), 1, "error", "no seed files (*.txt) found"))
    # A seed's identity (registry, slugs, provenance) is seeds/<name>, wherever the folder lies;
    # diagnostics name the file as the user can open it.
    seeds = [(f"seeds/{path.name}", path.read_bytes()) for path in seed_files]
    args.shown_paths = {f"seeds/{path.name}": display_path(path) for path in seed_files}
    old = json.loads(args.registry.read_text(encoding="utf-8")) if args.registry and args.registry.exists() else {}
    cache = PinyinCache(args.pinyin_cache)
    glossary_path = display_path(args.glossary)
    raw, lines = read_glossary_yaml(args.glossary.read_bytes(), glossary_path)
    glossary: Glossary = glossary_from_data(raw, lines, glossary_path, cache.readings)
    if args.glossary_candidates:
        pages, warnings = read_pages(seeds, permalinks.known_slugs(old))
        for term, count, where, kind in candidates(pages, glossary):
            print(f"{where}: note: {term} ({count}×, {kind}) is not in the glossary")
        return warnings
    settings = Settings(site_url=site_url(args.site_url).rstrip("/") + "/", one_page_below=args.one_page_below)
    built = generate(
        seeds, glossary, old, settings, read_assets(), read_bench(args.bench), args.update_registry, args.strict
    )
    files = built.files
    if args.json:
        data = [to_data(page) for page in built.pages]
        write_atomic(args.json, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    written, removed = write_tree(args.docs, files)
    if args.save_pinyin:
        cache.save({entry.term for entry in glossary.entries})
    registry_text = permalinks.dumps(built.registry)
    if args.registry is not None and (
        not args.registry.exists() or args.registry.read_text(encoding="utf-8") != registry_text
    ):
        write_atomic(args.registry, registry_text.encode("utf-8"))
    print(
        f"{display_path(args.docs)}: note: {len(files)} files from {len(seeds)} seed(s);"
        f" {written} written, {removed} removed, {len(files) - written} unchanged",
        file=sys.stderr,
    )
    return built.warnings


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        warnings = build(args)
    except InputError as failure:
        for diagnostic in failure.diagnostics:
            print(shown(diagnostic, args), file=sys.stderr)
        return 1
    except OSError as failure:
        print(f"{failure.filename or '?'}:1: error: {failure.strerror}", file=sys.stderr)
        return 1
    for warning in warnings:
        print(shown(warning, args), file=sys.stderr)
    return 0


def shown(diagnostic: Diagnostic, args: argparse.Namespace) -> str:
    """A diagnostic naming the seed file as it lies on disk."""
    path = getattr(args, "shown_paths", {}).get(diagnostic.path, diagnostic.path)
    return str(Diagnostic(path, diagnostic.line, diagnostic.level, diagnostic.message))


if __name__ == "__main__":
    sys.exit(main())
