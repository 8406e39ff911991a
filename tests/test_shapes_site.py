"""The shape fixtures published: the seed and every fixture of tests/fixtures/shapes built into one
site (scripts/build.py, then MkDocs in strict mode), and what their pages show."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from browser_support import build_site
from conftest import ROOT, run_build
from policydocs.model import Document
from policydocs.pipeline import read_pages
from policydocs.render.site import render_site
from policydocs.render.urls import Settings
from test_shapes import NAMES, SHAPES, S, read, seed_path

# --- the site ------------------------------------------------------------------------------


def build_shapes(base: Path, *options: str) -> Any:
    """docs/ under base, built by scripts/build.py from the seed and every shape fixture (with the
    seed's registry, and `options`); the finished build, which must have succeeded."""
    (base / "seeds").mkdir()
    for path in [ROOT / "seeds" / "000_934e3267210eb057.txt", *sorted(SHAPES.glob("*.txt"))]:
        shutil.copy(path, base / "seeds" / path.name)
    shutil.copy(ROOT / "data" / "permalinks.json", base / "permalinks.json")
    result = run_build("--seeds", "seeds", "--docs", "docs", "--registry", "permalinks.json", *options, cwd=base)
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def shapes_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """docs/ built by scripts/build.py from the seed and every shape fixture, then site/ by MkDocs
    (strict): the Markdown of front matter, back matter and closing paragraphs is valid. Every
    document gets a page per part (--one-page-below 0), as a long one does; the fixtures are short,
    and test_one_page.py checks them on one page, as they are published by default."""
    base = tmp_path_factory.mktemp("shapes-site")
    result = build_shapes(base, "--one-page-below", "0")
    assert "Traceback" not in result.stderr and "dropped" not in result.stderr
    build_site(base / "docs", base / "site")
    return base


def test_every_document_has_its_own_slug_and_pages(shapes_site: Path) -> None:
    registry = json.loads((shapes_site / "permalinks.json").read_text(encoding="utf-8"))
    seeds = [(seed_path(name), (SHAPES / f"{name}.txt").read_bytes()) for name in NAMES]
    pages, _ = read_pages(seeds)  # jump-from.txt continues the document of jump-markers.txt
    items = sum(len(page.items) for page in pages) + 2  # and the seed's document and report
    assert items == sum(len(read(name).items) for name in NAMES) + 1
    published = {slug: entry for slug, entry in registry.items() if entry["status"] == "published"}
    assert len(published) == items  # one slug each: none shared (the report's digest address moved)
    for slug, entry in published.items():
        assert (shapes_site / "site" / slug / "index.html").is_file(), slug
        assert entry["status"] == "published" and entry["pages"][f"{slug}/index.md"]
    seed_entry = json.loads((ROOT / "data" / "permalinks.json").read_text(encoding="utf-8"))
    for slug, entry in seed_entry.items():
        assert registry[slug] == entry  # the seed's registry entries are unchanged


def test_front_matter_back_matter_and_closing_are_on_the_overview(shapes_site: Path) -> None:
    html = (shapes_site / "site" / "mouminfa-2025-7" / "index.html").read_text(encoding="utf-8")
    assert 'id="front-matter"' in html and 'id="front-1"' in html and "某民发〔2025〕7号" in html
    assert 'id="back-matter"' in html and 'id="back-6"' in html and "（来源：某市民政局网站）" in html
    assert "附件：1．社区服务质量提升行动任务清单" in html
    overview = (
        shapes_site / "site" / "opinions-2025-05-08-jia-qiang-cheng-shi-she-qu-gong-zuo-zhe-dui" / "index.html"
    ).read_text(encoding="utf-8")
    assert 'id="closing"' in overview and 'id="closing-p2"' in overview
    assert "本意见自印发之日起施行。" in overview
    part = (
        shapes_site / "site" / "opinions-2025-05-08-jia-qiang-cheng-shi-she-qu-gong-zuo-zhe-dui" / "part-4.html"
    ).read_text(encoding="utf-8")
    assert "本意见自印发之日起施行" not in part  # not in the last part, nor its last clause
    full = (shapes_site / "docs" / "mouminfa-2025-7" / "full.md").read_text(encoding="utf-8")
    assert "（此件公开发布）" in full and 'id="back-1"' not in full  # shown, but its ids are the overview's


def test_linked_documents_link_to_each_other(shapes_site: Path) -> None:
    plan_slug = "plan-2025-06-30-mou-shi-cheng-shi-she-qu-qian-ru-shi-fu"
    notice = (shapes_site / "site" / "mouzhengbanfa-2025-21" / "index.html").read_text(encoding="utf-8")
    plan = (shapes_site / "site" / plan_slug / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'印发的文件：<a href="\.\./{plan_slug}/index\.html">', notice)
    assert re.search(r'印发通知：<a href="\.\./mouzhengbanfa-2025-21/index\.html">', plan)


def test_letter_spaced_chapter_titles_are_shown_without_the_spacing(shapes_site: Path) -> None:
    chapter = (
        shapes_site / "site" / "regulations-2023-11-28-mou-shi-she-qu-ju-jia-yang-lao-fu-wu" / "chapter-1.html"
    ).read_text(encoding="utf-8")
    assert f"第一章{S}总则" in chapter and f"总{S}{S}则" not in chapter
    nav = (shapes_site / "docs" / ".nav.json").read_text(encoding="utf-8")
    assert f"第三章{S}附则" in nav


def test_term_links_of_one_document_never_land_in_another(shapes_site: Path) -> None:
    """Every document has a preamble-p1-s1: a glossary term found there links in its own document only."""
    import yaml

    terms = {e["id"]: e["term"] for e in yaml.safe_load((ROOT / "data" / "glossary.yml").read_text(encoding="utf-8"))}
    found = 0
    for page in (shapes_site / "docs").glob("*/*.md"):
        for entry_id, text in re.findall(
            r'data-term="([a-z0-9-]+)"[^>]*>([^<]*)</a>', page.read_text(encoding="utf-8")
        ):
            assert text == terms[entry_id], (page, entry_id, text)
            found += 1
    assert found > 20


def test_each_page_defines_exactly_the_terms_it_links(shapes_site: Path) -> None:
    """The tooltips under a page (terms.page_terms, taken from the model) are those of its term
    links (read back from the page here): none missing, none unused."""
    pages_with_links = 0
    for page in sorted((shapes_site / "docs").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        linked = set(re.findall(r'data-term="([a-z0-9-]+)"', text))
        defined = re.findall(r'<span class="term-def" id="def-([a-z0-9-]+)"', text)
        assert len(defined) == len(set(defined)), page
        assert set(defined) == linked, (page, sorted(linked ^ set(defined)))
        pages_with_links += bool(linked)
    assert pages_with_links > 10


def test_front_and_back_matter_are_escaped() -> None:
    text = (
        "某市关于<script>alert(1)</script>工作的通知\n"
        "某政发〔2025〕1号\n"
        "各区人民政府，**市政府各部门**：\n"
        "为做好有关工作，现通知如下。\n"
        "一、加强领导。各区要[加强](javascript:alert(1))组织领导。\n"
        "二、抓好落实。各区要抓好落实。\n"
        "附件：<img src=x onerror=alert(1)>\n"
        "某市人民政府{#x}\n"
        "2025年1月6日\n"
    )
    pages, _ = read_pages([("seeds/markup.txt", text.encode("utf-8"))])
    (document,) = pages[0].items
    assert isinstance(document, Document)
    assert [m.kind for m in document.back_matter] == ["attachment", "signature", "date"]
    files = render_site(Settings("https://example.org/", one_page_below=0), pages, {}, {})
    overview = files[f"{document.slug}/index.md"].decode("utf-8")
    full = files[f"{document.slug}/full.md"].decode("utf-8")
    for page in (overview, full):
        assert "<script>" not in page and "<img" not in page and "{#x}" not in page
        assert "&lt;img src=x onerror=alert(1)&gt;" in page and "某市人民政府&#123;#x}" in page
    assert "**市政府各部门**" in overview  # literal: inside raw HTML, Markdown is not read
