"""Locked permalinks, end to end: scripts/build.py run on seeds in temporary folders.

A first build registers every published id; a build that would drop or move a registered id
fails and names it unless --update-registry is given; a moved id leaves a redirect; a removed
seed leaves "withdrawn" notices at its old addresses; new ids are registered without asking.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.register_assert_rewrite("browser_support")

from playwright.sync_api import expect  # noqa: E402

from browser_support import browser_context, build_site, site_base  # noqa: E402
from conftest import ROOT, SEED, run_build  # noqa: E402
from policydocs import registry as permalinks  # noqa: E402

pytest_plugins = ["browser_support"]

#: The seed's addresses in a new registry (the project's keeps those it published first).
DOC = "opinions-2025-08-15-tui-dong-cheng-shi-gao-zhi-liang-fa-zhan"
NEWS = "news-zhong-cheng-lv-zhi-dan-dang-jie-cheng-hui-gong"
PART_4, PART_3, PART_7 = (f"{DOC}/part-{n}.md" for n in (4, 3, 7))
ANCHOR = re.compile(r'\bid="([A-Za-z0-9_-]+)"|\{:?\s*#([A-Za-z0-9_-]+)')

#: A second, small document (web-copy layout: one paragraph per line).
OTHER_SEED = """\
测试机关关于登记永久链接的办法
（2024年3月1日）
为检验永久链接的登记，制定本办法。
一、总体要求
（一）登记每一个编号。构建时登记全部编号。
（二）不得悄悄删除编号。删除编号须明确同意。
"""


class Tree:
    """A seeds folder, a docs folder and a registry in one temporary folder."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.seeds = base / "seeds"
        self.docs = base / "docs"
        self.registry = base / "permalinks.json"
        self.seeds.mkdir()

    def build(self, *extra: str):  # type: ignore[no-untyped-def]
        return run_build("--seeds", str(self.seeds), "--docs", str(self.docs), "--registry", str(self.registry), *extra)

    def read_registry(self) -> dict:
        return json.loads(self.registry.read_text(encoding="utf-8"))

    def write_registry(self, data: dict) -> None:
        self.registry.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")

    def page(self, path: str) -> str:
        return (self.docs / path).read_text(encoding="utf-8")


@pytest.fixture
def tree(tmp_path: Path) -> Tree:
    """The real seed, built once: its ids are registered."""
    t = Tree(tmp_path)
    shutil.copy(SEED, t.seeds / SEED.name)
    result = t.build()
    assert result.returncode == 0, result.stderr
    return t


def anchors(markdown: str) -> set[str]:
    return {a or b for a, b in ANCHOR.findall(markdown)}


def without_clause_20(text: str) -> str:
    """The seed with clause （二十） removed; the page-jump marker that ended its last line now ends
    clause （十九）'s, so numbering stays valid and nothing else moves."""
    start = text.index("\n\n（二十）丰富城市精神文化生活。")
    end = text.index("（下转第六版）")
    return text[:start] + " " + text[end:]


def with_clause_21(text: str) -> str:
    """The seed with a clause （二十一） after （二十）, the page-jump marker still ending the last line."""
    last = "际需要完善城市文化设施。"
    assert text.count(last) == 1
    return text.replace(last, last + "\n\n（二十一）新增一条。用于检验新编号的登记。")


def test_first_build_registers_every_published_id(tree: Tree):
    registry = tree.read_registry()
    assert set(registry) == {DOC, NEWS}
    entry = registry[DOC]
    assert entry["status"] == "published"
    assert entry["seed"].endswith(SEED.name)
    assert entry["redirects"] == {}
    assert {"clause-8", "clause-8-p1", "clause-8-p1-s1"} <= set(entry["pages"][PART_4])
    assert "clause-20" in entry["pages"][PART_7]
    # Every id written into a document's pages is registered on that page (tooltip machinery aside).
    for slug in (DOC, NEWS):
        for page in sorted((tree.docs / slug).glob("*.md")):
            path = f"{slug}/{page.name}"
            ids = {i for i in anchors(page.read_text(encoding="utf-8")) if not i.startswith("def-")}
            assert ids, path
            assert ids <= set(registry[slug]["pages"][path]), (path, ids - set(registry[slug]["pages"][path]))


def test_unchanged_rebuild_keeps_the_registry(tree: Tree):
    before = tree.registry.read_bytes()
    result = tree.build()
    assert result.returncode == 0, result.stderr
    assert tree.registry.read_bytes() == before


def test_dropping_a_clause_fails_naming_it_unless_accepted(tree: Tree):
    seed = tree.seeds / SEED.name
    seed.write_text(without_clause_20(seed.read_text(encoding="utf-8")), encoding="utf-8")
    registry_before = tree.registry.read_bytes()
    page_before = tree.page(PART_7)
    docs_before = {p: p.read_bytes() for p in tree.docs.rglob("*") if p.is_file()}
    folders_before = {p for p in tree.docs.rglob("*") if p.is_dir()}

    result = tree.build()
    assert result.returncode == 1
    # the pages made before the registry check are gone again: no temporary file, no new folder
    assert {p: p.read_bytes() for p in tree.docs.rglob("*") if p.is_file()} == docs_before
    assert {p for p in tree.docs.rglob("*") if p.is_dir()} == folders_before
    assert "--update-registry" in result.stderr
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    # one message for the clause (not one per paragraph or sentence of it), at the line where it
    # stood: the line after clause （十九）, the provision before it
    lines = seed.read_text(encoding="utf-8").splitlines()
    stood = next(n for n, line in enumerate(lines, 1) if "随意更改老地名" in line) + 1
    assert errors == [
        f"{seed}:{stood}: error: permalink {DOC}/part-7.html#clause-20 would be dropped:"
        " clause-20 is no longer published (run scripts/build.py --update-registry to accept)"
    ], result.stderr
    # Nothing was written: neither the pages nor the registry.
    assert tree.page(PART_7) == page_before
    assert tree.registry.read_bytes() == registry_before

    result = tree.build("--update-registry")
    assert result.returncode == 0, result.stderr
    pages = tree.read_registry()[DOC]["pages"]
    assert not any(i == "clause-20" or i.startswith("clause-20-") for ids in pages.values() for i in ids)
    assert "clause-19" in pages[PART_7]
    assert "clause-20" not in anchors(tree.page(PART_7))
    # Accepted once, the next plain build passes.
    assert tree.build().returncode == 0


def test_new_ids_are_registered_without_asking(tree: Tree):
    seed = tree.seeds / SEED.name
    seed.write_text(with_clause_21(seed.read_text(encoding="utf-8")), encoding="utf-8")
    result = tree.build()
    assert result.returncode == 0, result.stderr
    assert {"clause-20", "clause-21", "clause-21-p1"} <= set(tree.read_registry()[DOC]["pages"][PART_7])


def move_registered_id(tree: Tree, anchor: str, to_page: str) -> None:
    """Pretend an id was published on another page before."""
    data = tree.read_registry()
    pages = data[DOC]["pages"]
    for ids in pages.values():
        if anchor in ids:
            ids.remove(anchor)
    pages.setdefault(to_page, []).append(anchor)
    tree.write_registry(data)


def moved_map(markdown: str) -> dict[str, str]:
    match = re.search(r'data-moved="([^"]*)"', markdown)
    assert match, "no redirect map in the page"
    return json.loads(html.unescape(match[1]))


def test_moving_an_id_fails_unless_accepted_then_leaves_a_redirect(tree: Tree):
    move_registered_id(tree, "clause-8", PART_3)
    result = tree.build()
    assert result.returncode == 1
    part_3, part_4 = (page.replace(".md", ".html") for page in (PART_3, PART_4))
    assert f"{part_3}#clause-8 would move to {part_4}" in result.stderr, result.stderr
    assert "data-moved" not in tree.page(PART_3)

    result = tree.build("--update-registry")
    assert result.returncode == 0, result.stderr
    assert moved_map(tree.page(PART_3)) == {"clause-8": f"../{DOC}/part-4.html"}
    assert tree.read_registry()[DOC]["redirects"] == {PART_3: {"clause-8": PART_4}}
    assert "clause-8" in tree.read_registry()[DOC]["pages"][PART_4]

    # The redirect stays on later builds that are not asked to update anything.
    result = tree.build()
    assert result.returncode == 0, result.stderr
    assert moved_map(tree.page(PART_3)) == {"clause-8": f"../{DOC}/part-4.html"}
    # the page was written anew with its redirect: no temporary copy of it is left
    assert not list(tree.docs.rglob(".tmp-*"))


def test_removing_a_seed_leaves_withdrawn_notices(tmp_path: Path):
    tree = Tree(tmp_path)
    shutil.copy(SEED, tree.seeds / SEED.name)
    (tree.seeds / "001_other.txt").write_text(OTHER_SEED, encoding="utf-8")
    result = tree.build()
    assert result.returncode == 0, result.stderr
    registry = tree.read_registry()
    other = next(slug for slug in registry if slug not in (DOC, NEWS))  # a new document is registered
    old_pages = {slug: sorted(registry[slug]["pages"]) for slug in (DOC, NEWS)}
    assert f"{DOC}/part-4.md" in old_pages[DOC] and f"{NEWS}/index.md" in old_pages[NEWS]

    (tree.seeds / SEED.name).unlink()
    result = tree.build()
    assert result.returncode == 0, result.stderr
    registry = tree.read_registry()
    assert registry[DOC]["status"] == registry[NEWS]["status"] == "withdrawn"
    assert registry[other]["status"] == "published"
    titles = {DOC: "中共中央 国务院关于推动城市高质量发展的意见", NEWS: "忠诚履职担当 竭诚惠工暖心"}
    for slug, pages in old_pages.items():
        for path in pages:
            text = tree.page(path)
            assert "本文件已撤下" in text and f"{titles[slug]}的来源文件已从本站移除" in text, path
            assert "clause-8-p1" not in text and "search:\n  exclude: true" in text, path
    nav = tree.page(".nav.json")
    assert DOC not in nav and NEWS not in nav
    # Withdrawn stays withdrawn; the notices are not rewritten.
    again = tree.build()
    assert again.returncode == 0, again.stderr
    assert "0 written, 0 removed" in again.stderr


def test_withdrawn_pages_build_in_strict_mode(tmp_path: Path):
    """The notices must reach the published site: mkdocs build --strict accepts them."""
    tree = Tree(tmp_path)
    shutil.copy(SEED, tree.seeds / SEED.name)
    (tree.seeds / "001_other.txt").write_text(OTHER_SEED, encoding="utf-8")
    assert tree.build().returncode == 0
    (tree.seeds / SEED.name).unlink()
    assert tree.build().returncode == 0
    site = build_site(tree.docs, tmp_path / "site")
    page = (site / DOC / "part-4.html").read_text(encoding="utf-8")
    assert "本文件已撤下" in page


def move_to_a_lost_page(tree: Tree) -> None:
    """clause-8 registered on part 3, clause-9 on a part-9 page that the build no longer makes."""
    move_registered_id(tree, "clause-8", PART_3)
    move_registered_id(tree, "clause-9", f"{DOC}/part-9.md")
    result = tree.build("--update-registry")
    assert result.returncode == 0, result.stderr
    assert "本页已迁移" in tree.page(f"{DOC}/part-9.md")


def test_moved_page_stub_builds_in_strict_mode(tree: Tree, tmp_path: Path):
    move_to_a_lost_page(tree)
    site = build_site(tree.docs, tmp_path / "site")
    assert (site / DOC / "part-9.html").exists()


@pytest.mark.browser
def test_old_addresses_of_a_moved_id_lead_to_its_new_page(browser, tree: Tree, tmp_path: Path):
    """part-3.html#clause-8 (registered there before) and a page that no longer exists both redirect."""
    move_to_a_lost_page(tree)
    site = build_site(tree.docs, tmp_path / "site", strict=False)  # strictness: the test above
    base = site_base(site)
    with browser_context(browser, base) as (context, log):
        page = context.new_page()
        page.goto(base + f"{DOC}/part-3.html#clause-8")
        page.wait_for_url(re.compile(rf"{DOC}/part-4\.html#clause-8$"))
        page.goto(base + f"{DOC}/part-3.html#clause-5")  # still on part 3: no redirect
        page.wait_for_load_state("load")
        assert page.url.endswith(f"{DOC}/part-3.html#clause-5")
        page.evaluate("location.hash = '#clause-8'")  # the old permalink, in the same tab
        page.wait_for_url(re.compile(rf"{DOC}/part-4\.html#clause-8$"))
        expect(page.locator("h2#clause-8")).to_be_in_viewport()
        page.goto(base + f"{DOC}/part-9.html#clause-9")
        page.wait_for_url(re.compile(rf"{DOC}/part-4\.html#clause-9$"))
    log.assert_inside()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_trial_build_leaves_the_projects_data_and_docs_as_they_were(tmp_path: Path):
    """--seeds OTHER --docs ELSEWHERE, with no --registry or --pinyin-cache: the project's registry,
    pinyin cache and docs/ are neither read for the check nor written, byte for byte; the trial's
    own folder gets the pages."""
    project = ROOT / "data", ROOT / "docs"
    before = [snapshot(folder) for folder in project]
    seeds = tmp_path / "other-seeds"
    seeds.mkdir()
    (seeds / "001_other.txt").write_text(OTHER_SEED, encoding="utf-8")
    trial = tmp_path / "trial-docs"
    command = [sys.executable, str(ROOT / "scripts" / "build.py"), "--seeds", str(seeds), "--docs", str(trial)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert any(trial.glob("*/index.md")), "the trial build wrote no pages"
    assert [snapshot(folder) for folder in project] == before
    # naming a registry writes it, and the trial's documents are in it
    registry = tmp_path / "trial-permalinks.json"
    result = subprocess.run(
        command + ["--registry", str(registry)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert {entry["seed"] for entry in json.loads(registry.read_text(encoding="utf-8")).values()} == {
        "seeds/001_other.txt"
    }
    assert [snapshot(folder) for folder in project] == before


LEGACY_NEWS = "news-1e6d6d37"


def publish_news_under_its_digest(tree: Tree) -> dict:
    """Pretend the report was first published at the digest address of the first scheme."""
    data = tree.read_registry()
    entry = data.pop(NEWS)
    entry["pages"] = {path.replace(NEWS, LEGACY_NEWS): ids for path, ids in entry["pages"].items()}
    data[LEGACY_NEWS] = entry
    tree.write_registry(data)
    return entry


def test_a_digest_address_moves_to_a_readable_one_and_keeps_working(tree: Tree, tmp_path: Path):
    old = publish_news_under_its_digest(tree)
    result = tree.build()
    assert result.returncode == 0, result.stderr
    registry = tree.read_registry()
    assert registry[LEGACY_NEWS]["status"] == "moved" and registry[LEGACY_NEWS]["moved_to"] == NEWS
    assert registry[LEGACY_NEWS]["pages"] == old["pages"]  # what was published there stays registered
    assert registry[NEWS]["status"] == "published"
    stub = tree.page(f"{LEGACY_NEWS}/index.md")
    assert "本页已迁移" in stub
    ids = old["pages"][f"{LEGACY_NEWS}/index.md"]
    assert moved_map(stub) == {i: f"../{NEWS}/index.html" for i in ids}
    assert f"/{LEGACY_NEWS}/index.md" in tree.page(".not-in-nav")
    # the next build keeps the redirect and changes nothing
    again = tree.build()
    assert again.returncode == 0, again.stderr
    assert "0 written, 0 removed" in again.stderr
    # published addresses that are readable stay: the Opinions' is not moved
    assert registry[DOC]["status"] == "published" and DOC in tree.read_registry()
    site = build_site(tree.docs, tmp_path / "site")
    assert (site / LEGACY_NEWS / "index.html").is_file() and (site / NEWS / "index.html").is_file()


@pytest.mark.browser
def test_the_digest_address_of_the_report_leads_to_its_readable_one(browser, tree: Tree, tmp_path: Path):
    publish_news_under_its_digest(tree)
    assert tree.build().returncode == 0
    site = build_site(tree.docs, tmp_path / "site", strict=False)
    base = site_base(site)
    with browser_context(browser, base) as (context, log):
        page = context.new_page()
        page.goto(base + f"{LEGACY_NEWS}/index.html#section-2")
        page.wait_for_url(re.compile(rf"{NEWS}/index\.html#section-2$"))
        page.goto(base + f"{LEGACY_NEWS}/index.html")
        page.wait_for_url(re.compile(rf"{NEWS}/index\.html$"))
    log.assert_inside()


def test_legacy_addresses_are_told_from_readable_ones():
    assert permalinks.LEGACY.match("news-1e6d6d37")
    assert permalinks.LEGACY.match("guidelines-2024-05-20-3fa9c2")
    for readable in ("opinions-2025-08-15", "guofa-2024-3", NEWS, "notice-2024-05-20-ce-shi", "news-20240603"):
        assert not permalinks.LEGACY.match(readable), readable
