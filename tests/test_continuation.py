"""A document continued on another page (issue 12): the seed's Opinions stop at （下转第六版）;
tests/fixtures/continuation/page-6.txt is page 6, written for these tests in the style of the
seed (invented text: the rest of clause （二十）, parts 八 and 九, clauses （二十一）–（二十三）). It is
kept out of seeds/, so the seed's own site stays as it is.

Read together, in either order or as one file, they make one document: parts 一–九, clauses 1–23
in order, the jump markers kept as editorial notes, every permalink of clauses 1–20 unchanged.
Page 6 alone is a fragment, published with a warning saying what it waits for.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_build
from model_support import check_golden, source_strings, without_spans
from policydocs import fidelity
from policydocs.model import Document, Page, to_data, to_json
from policydocs.pipeline import read_page, read_pages
from policydocs.recognise.continuation import fits, is_continuation, join_continuations
from policydocs.source import Span, Spans

HERE = Path(__file__).resolve().parent / "fixtures" / "continuation"
SEED = "seeds/000_934e3267210eb057.txt"
PAGE6 = "seeds/006_page6.txt"
UPDATE_COMMAND = "UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_continuation.py"
#: The Opinions' address when read with no registry (the project's keeps opinions-2025-08-15).
FRESH = "opinions-2025-08-15-tui-dong-cheng-shi-gao-zhi-liang-fa-zhan"


def seed_bytes() -> bytes:
    return (ROOT / SEED).read_bytes()


def page6_bytes() -> bytes:
    return (HERE / "page-6.txt").read_bytes()


def opinions(pages: list[Page]) -> Document:
    (document,) = [i for p in pages for i in p.items if isinstance(i, Document)]
    return document


def tail(document: Document) -> dict:
    """What the continuation changed: parts 七–九 and the notes (the golden file's content)."""
    return {"parts": to_data(document.parts[6:]), "notes": to_data(document.notes), "span": to_data(document.span)}


@pytest.fixture(scope="module")
def joined() -> tuple[list[Page], list]:
    return read_pages([(SEED, seed_bytes()), (PAGE6, page6_bytes())])


def test_page_6_read_alone_is_a_continuation_numbered_on_from_part_8() -> None:
    result = read_page(page6_bytes(), PAGE6)
    (fragment,) = result.page.items
    assert isinstance(fragment, Document) and is_continuation(fragment)
    assert fragment.title is None
    assert [(n.kind, n.source_text) for n in fragment.notes] == [("page-start", "（上接第一版）")]
    assert [(p.id, p.label) for p in fragment.parts] == [("part-8", "八、"), ("part-9", "九、")]
    assert [c.id for c in fragment.all_clauses] == ["clause-21", "clause-22", "clause-23"]
    assert [p.text[:6] for p in fragment.preamble] == ["推动图书馆、"]  # the rest of （二十）


def test_page_6_alone_is_a_fragment_with_a_warning_saying_what_it_waits_for() -> None:
    pages, warnings = read_pages([(PAGE6, page6_bytes())])
    (fragment,) = pages[0].items
    assert isinstance(fragment, Document) and [p.id for p in fragment.parts] == ["part-8", "part-9"]
    (warning,) = warnings
    assert (warning.path, warning.line, warning.level) == (PAGE6, 1, "warning")
    assert "（上接第一版）" in warning.message and "fragment" in warning.message
    assert "part 七、 and （二十）" in warning.message  # what it waits for


def test_two_seeds_make_one_document_with_parts_1_to_9_and_clauses_1_to_23(joined) -> None:  # type: ignore[no-untyped-def]
    pages, warnings = joined
    assert warnings == []
    assert pages[1].items == ()  # page 6 held only the continuation
    doc = opinions(pages)
    assert doc.slug == FRESH
    assert [p.id for p in doc.parts] == [f"part-{n}" for n in range(1, 10)]
    assert [c.id for c in doc.all_clauses] == [f"clause-{n}" for n in range(1, 24)]
    assert [c.number for c in doc.all_clauses] == list(range(1, 24))
    assert [c.id for c in doc.parts[6].clauses] == ["clause-18", "clause-19", "clause-20"]
    assert [c.id for c in doc.parts[7].clauses] == ["clause-21", "clause-22"]
    # the rest of （二十） on page 6 is its second paragraph
    twenty = doc.parts[6].clauses[-1]
    assert [p.id for p in twenty.paragraphs] == ["clause-20-p1", "clause-20-p2"]
    assert twenty.paragraphs[1].text.startswith("推动图书馆、博物馆")
    assert twenty.paragraphs[1].sentences[0].id == "clause-20-p2-s1"


def test_the_joined_document_keeps_both_markers_as_notes(joined) -> None:  # type: ignore[no-untyped-def]
    doc = opinions(joined[0])
    assert [(n.id, n.kind, n.source_text, n.span) for n in doc.notes] == [
        ("note-1", "page-end", "（下转第六版）", Span(SEED, 270, 270)),
        ("note-2", "page-start", "（上接第一版）", Span(PAGE6, 1, 1)),
    ]


def test_spans_of_the_joined_document_name_both_files(joined) -> None:  # type: ignore[no-untyped-def]
    doc = opinions(joined[0])
    assert isinstance(doc.span, Spans) and [s.path for s in doc.span.each] == [SEED, PAGE6]
    twenty = doc.parts[6].clauses[-1]
    assert twenty.span == Spans(SEED, 265, 270, (Span(PAGE6, 3, 5),))
    assert str(twenty.span) == f"{SEED}:265-270, {PAGE6}:3-5"
    assert doc.parts[7].span == Span(PAGE6, 7, 21)
    assert doc.parts[8].clauses[0].span == Span(PAGE6, 25, 32)


def test_every_character_of_both_seeds_is_in_the_document_once(joined) -> None:  # type: ignore[no-untyped-def]
    pages, _ = joined
    source = fidelity.characters(seed_bytes().decode("utf-8").split("\n") + page6_bytes().decode("utf-8").split("\n"))
    assert fidelity.characters([t for p in pages for t in fidelity.model_texts(p)]) == source
    assert fidelity.characters(list(source_strings([to_data(p) for p in pages]))) == source


def test_the_joined_tail_matches_the_expected_file(joined) -> None:  # type: ignore[no-untyped-def]
    text = json.dumps(tail(opinions(joined[0])), ensure_ascii=False, indent=1) + "\n"
    check_golden(
        text,
        HERE / "joined-tail.expected.json",
        "tests/fixtures/continuation/joined-tail.expected.json",
        "parts 七–九 and notes (now)",
        "the joined document's parts 七–九 differ from the expected file",
        UPDATE_COMMAND,
    )


def test_page_6_alone_matches_the_expected_file() -> None:
    check_golden(
        to_json(read_page(page6_bytes(), "tests/fixtures/continuation/page-6.txt").page),
        HERE / "page-6.expected.json",
        "tests/fixtures/continuation/page-6.expected.json",
        "model of page-6.txt (now)",
        "the model of page-6.txt differs from the expected file",
        UPDATE_COMMAND,
    )


def test_the_other_order_gives_the_same_document(joined) -> None:  # type: ignore[no-untyped-def]
    """Page 6 read first (its file sorts first): the continuation waits for its document."""
    pages, warnings = read_pages([("seeds/0.txt", page6_bytes()), (SEED, seed_bytes())])
    assert warnings == [] and pages[0].items == ()
    first_order = to_data(opinions(joined[0]))
    other_order = to_data(opinions(pages))
    assert json.dumps(other_order).replace("seeds/0.txt", PAGE6) == json.dumps(first_order)


def test_one_file_holding_both_pages_gives_the_same_document(joined) -> None:  # type: ignore[no-untyped-def]
    both = seed_bytes() + page6_bytes()
    pages, warnings = read_pages([("seeds/both.txt", both)])
    assert warnings == []
    document, report = pages[0].items
    assert isinstance(document, Document) and document.slug == FRESH
    assert report.kind == "news"  # the report between the two pages stays a report of its own
    assert without_spans(to_data(document)) == without_spans(to_data(opinions(joined[0])))
    assert [n.span.first for n in document.notes] == [270, 517]


def test_a_continuation_whose_numbering_does_not_follow_is_not_joined() -> None:
    shifted = page6_bytes().decode("utf-8").replace("八、", "十、").replace("九、", "十一、").encode("utf-8")
    pages, warnings = read_pages([(SEED, seed_bytes()), (PAGE6, shifted)])
    assert len(pages[1].items) == 1 and is_continuation(pages[1].items[0])
    assert [p.id for p in opinions(pages[:1]).parts][-1] == "part-7"
    (warning,) = warnings
    assert "part 九、" in warning.message


def test_fits_compares_the_numbers_on_both_sides(joined) -> None:  # type: ignore[no-untyped-def]
    base = read_page(seed_bytes(), SEED).page.items[0]
    fragment = read_page(page6_bytes(), PAGE6).page.items[0]
    assert isinstance(base, Document) and isinstance(fragment, Document)
    assert fits(base, fragment)
    assert not fits(fragment, base)
    (alone,), _ = join_continuations([Page(PAGE6, (fragment,))])
    assert alone.items == (fragment,)  # nothing to join it to: left as it was


# --- the site ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def joined_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("joined-site")
    (base / "seeds").mkdir()
    shutil.copy(ROOT / SEED, base / SEED)
    shutil.copy(HERE / "page-6.txt", base / PAGE6)
    shutil.copy(ROOT / "data" / "permalinks.json", base / "permalinks.json")
    result = run_build("--seeds", "seeds", "--docs", "docs", "--registry", "permalinks.json", cwd=base)
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(
        str(ROOT / "mkdocs.yml"), docs_dir=str(base / "docs"), site_dir=str(base / "site"), strict=True
    )
    build(config)
    return base


def test_every_permalink_published_for_the_seed_stays_where_it_was(joined_site: Path) -> None:
    before = json.loads((ROOT / "data" / "permalinks.json").read_text(encoding="utf-8"))
    after = json.loads((joined_site / "permalinks.json").read_text(encoding="utf-8"))
    assert set(after) == set(before)  # no new document: page 6 joined the Opinions
    for slug, entry in before.items():
        for page, registered in entry["pages"].items():
            assert set(registered) <= set(after[slug]["pages"][page]), page
        assert after[slug]["redirects"] == {}
    pages = after["opinions-2025-08-15"]["pages"]
    assert {"clause-21", "clause-22"} <= set(pages["opinions-2025-08-15/part-8.md"])
    assert "clause-23" in pages["opinions-2025-08-15/part-9.md"]
    assert "clause-20-p2" in pages["opinions-2025-08-15/part-7.md"]


def test_the_jump_notes_are_shown_where_the_text_goes_on(joined_site: Path) -> None:
    part7 = (joined_site / "docs" / "opinions-2025-08-15" / "part-7.md").read_text(encoding="utf-8")
    p1, end, start, p2 = (
        part7.index("{: #clause-20-p1"),
        part7.index('id="note-1"'),
        part7.index('id="note-2"'),
        part7.index("{: #clause-20-p2"),
    )
    assert p1 < end < start < p2  # between the two paragraphs of （二十）
    assert "原文在“（下转第六版）”处转到另一版面，本站已把两个版面上的文字接排为一篇" in part7
    assert "接续文字开头标有“（上接第一版）”，已排在前文之后" in part7
    assert "本站未收录" not in part7
    assert f"来源：{SEED} 第265–270行；{PAGE6} 第3–5行" in part7
    part8 = (joined_site / "docs" / "opinions-2025-08-15" / "part-8.md").read_text(encoding="utf-8")
    assert "../sources/006_page6.txt" in part8 and f"来源：{PAGE6} 第9–14行" in part8
    # glossary terms are found in the joined text too (they were looked for again after the join)
    assert 'data-term="urban-renewal"' in part8
    glossary = (joined_site / "docs" / "glossary.md").read_text(encoding="utf-8")
    assert "opinions-2025-08-15/part-8.html#clause-22" in glossary
    library = (joined_site / "docs" / "library.md").read_text(encoding="utf-8")  # the list of documents
    assert "来源版面只载有其前半部分" not in library and "中共中央 国务院关于推动城市高质量发展的意见" in library
    site = joined_site / "site" / "opinions-2025-08-15"
    assert 'id="clause-23"' in (site / "part-9.html").read_text(encoding="utf-8")
    overview = (site / "index.html").read_text(encoding="utf-8")
    assert "九、加强组织实施" in overview and "（二十三）强化组织保障。" in overview  # the contents


def test_page_6_published_first_then_joined_when_its_document_is_added(tmp_path: Path) -> None:
    """The other order in time: page 6 alone is published as a fragment; once the seed is added,
    the fragment's pages redirect to the same ids in the joined document, with no error."""
    (tmp_path / "seeds").mkdir()
    shutil.copy(HERE / "page-6.txt", tmp_path / PAGE6)
    args = ("--seeds", "seeds", "--docs", "docs", "--registry", "permalinks.json")
    first = run_build(*args, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert f"{PAGE6}:1: warning: this text continues a document from another page" in first.stderr
    before = json.loads((tmp_path / "permalinks.json").read_text(encoding="utf-8"))
    ((fragment, entry),) = before.items()
    assert fragment.startswith("document-") and entry["seed"] == PAGE6
    assert "clause-21" in entry["pages"][f"{fragment}/index.md"]  # a short fragment: on one page
    assert list(entry["pages"]) == [f"{fragment}/index.md"]
    overview = (tmp_path / "docs" / fragment / "index.md").read_text(encoding="utf-8")
    assert "# 另一版面所载文件的接续部分（自八、提高城市治理现代化水平起）" in overview
    assert "前文不在来源文本中，本站未收录" in overview  # the page-start note, its document not found
    library = (tmp_path / "docs" / "library.md").read_text(encoding="utf-8")
    assert f'{fragment}/index.html">' in library and "只是另一版面上一篇文件的后半部分" in library

    shutil.copy(ROOT / SEED, tmp_path / SEED)
    second = run_build(*args, cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    assert "warning: this text continues" not in second.stderr
    after = json.loads((tmp_path / "permalinks.json").read_text(encoding="utf-8"))
    assert after[fragment]["status"] == "joined" and after[fragment]["into"] == FRESH
    moved = after[fragment]["redirects"][f"{fragment}/index.md"]
    assert moved["clause-21"] == moved["part-8"] == f"{FRESH}/part-8.md"  # the joined document has part pages
    assert moved["top"] == f"{FRESH}/index.md"
    stub = (tmp_path / "docs" / fragment / "index.md").read_text(encoding="utf-8")
    assert "本页已迁移" in stub and f"../{FRESH}/part-8.html" in stub
    seed_entry = json.loads((ROOT / "data" / "permalinks.json").read_text(encoding="utf-8"))["opinions-2025-08-15"]
    for page, registered in seed_entry["pages"].items():
        fresh_page = page.replace("opinions-2025-08-15/", f"{FRESH}/")  # a new registry: a new address
        assert set(registered) <= set(after[FRESH]["pages"][fresh_page])
    third = run_build(*args, cwd=tmp_path)
    assert third.returncode == 0 and "0 written, 0 removed" in third.stderr


def test_clauses_before_the_first_part_heading_join_the_last_part() -> None:
    """Page 6 set differently: （二十一） before 八、 belongs to part 七."""
    text = page6_bytes().decode("utf-8")
    text = text.replace("八、提高城市治理现代化水平\n\n（二十一）", "（二十一）")
    text = text.replace("（二十二）", "八、提高城市治理现代化水平\n\n（二十二）")
    pages, warnings = read_pages([(SEED, seed_bytes()), (PAGE6, text.encode("utf-8"))])
    assert warnings == []
    doc = opinions(pages)
    assert [[c.id for c in p.clauses] for p in doc.parts[6:]] == [
        ["clause-18", "clause-19", "clause-20", "clause-21"],
        ["clause-22"],
        ["clause-23"],
    ]
    assert isinstance(doc.parts[6].span, Spans) and doc.parts[6].span.more[0].path == PAGE6


def test_a_continuation_of_numbering_that_restarts_in_each_part() -> None:
    """Clause ids qualified by their part (part-2-clause-2) stay so across the pages."""
    lines = (ROOT / "tests" / "fixtures" / "shapes" / "clause-numbering-restarts.txt").read_text(encoding="utf-8")
    first, rest = lines.split("　　（二）强化资金")
    page1 = first + "（下转第二版）\n"
    page2 = "（上接第一版）\n　　（二）强化资金" + rest
    alone = read_page(page2.encode("utf-8"), "seeds/b.txt").page.items[0]
    assert isinstance(alone, Document) and [c.id for c in alone.clauses] == ["clause-2"]  # numbered on from 2
    pages, warnings = read_pages([("seeds/b.txt", page2.encode("utf-8")), ("seeds/a.txt", page1.encode("utf-8"))])
    assert warnings == [] and pages[0].items == ()
    doc = opinions(pages)
    assert [[c.id for c in p.clauses] for p in doc.parts] == [
        ["part-1-clause-1", "part-1-clause-2", "part-1-clause-3"],
        ["part-2-clause-1", "part-2-clause-2"],
        ["part-3-clause-1"],
    ]
    moved = doc.parts[1].clauses[1]
    assert moved.heading is not None and moved.heading.id == "part-2-clause-2-h"
    assert [p.id for p in moved.paragraphs] == ["part-2-clause-2-p1"]
    assert moved.paragraphs[0].sentences[0].id == "part-2-clause-2-p1-s1"


def test_a_sentence_cut_by_the_page_end_is_one_sentence_again() -> None:
    """The page stops inside a sentence (…根据实际需要（下转第六版）) and page 6 goes on with its rest."""
    seed = seed_bytes().decode("utf-8").replace("际需要完善城市文化设施。 （下转第六版）", "际需要 （下转第六版）")
    page6 = (
        page6_bytes()
        .decode("utf-8")
        .replace("（上接第一版）\n\n推动图书馆", "（上接第一版）\n\n完善城市文化设施。推动图书馆")
    )
    alone = read_page(seed.encode("utf-8"), SEED).page.items[0]
    assert isinstance(alone, Document)
    cut = alone.parts[6].clauses[-1].paragraphs[-1]
    assert cut.sentences[-1].text == "创新拓展新型公共文化空间，根据实际需要"
    pages, warnings = read_pages([(SEED, seed.encode("utf-8")), (PAGE6, page6.encode("utf-8"))])
    assert warnings == []
    twenty = opinions(pages).parts[6].clauses[-1]
    assert [p.id for p in twenty.paragraphs] == ["clause-20-p1"]  # one paragraph again
    (paragraph,) = twenty.paragraphs
    ids_now = [s.id for s in paragraph.sentences]
    assert ids_now == [s.id for s in cut.sentences] + [f"clause-20-p1-s{len(cut.sentences) + 1}"]
    whole = paragraph.sentences[len(cut.sentences) - 1]
    assert whole.id == cut.sentences[-1].id and whole.text == "创新拓展新型公共文化空间，根据实际需要完善城市文化设施。"
    assert whole.span == Spans(SEED, 269, 270, (Span(PAGE6, 3, 3),))
    assert paragraph.text.endswith("让市民就近享受文化服务。")


def test_a_date_line_on_the_continued_page_is_kept_in_the_joined_document() -> None:
    """Page 2 prints a date line after （上接第一版）: read alone it is the continuation's date; joined
    to a document with a date of its own, it is kept as printed, a date line of the front matter."""
    clause1, clause2 = (
        "（一）坚持居民需求导向。社区服务从居民最关心的事做起。",
        "（二）补齐服务设施短板。新建小区配建服务用房。",
    )
    page1 = "\n\n".join(["关于加强社区服务的意见\n（2024年5月20日）", "一、总体要求", clause1, "（下转第二版）"])
    page2 = "\n\n".join(["（上接第一版）", "（2024年5月21日）", "二、主要任务", clause2])
    alone = read_page(page2.encode("utf-8"), "seeds/b.txt").page.items[0]
    assert isinstance(alone, Document) and alone.date is not None and alone.date.text == "（2024年5月21日）"
    pages, warnings = read_pages([("seeds/a.txt", page1.encode("utf-8")), ("seeds/b.txt", page2.encode("utf-8"))])
    assert warnings == [] and pages[1].items == ()
    document = opinions(pages)
    assert document.date is not None and document.date.text == "（2024年5月20日）"
    assert [(m.id, m.kind, m.text, m.span) for m in document.front_matter] == [
        ("front-1", "date", "（2024年5月21日）", Span("seeds/b.txt", 3, 3))
    ]
    source = fidelity.characters([page1, page2])
    assert fidelity.characters(fidelity.model_texts(Page("", (document,)))) == source
