"""References inside the text (policydocs/references.py): one test per form, the rendered links,
and a property test that no link points at an id that does not exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run_build
from policydocs.model import Document
from policydocs.patterns import to_chinese_number
from policydocs.pipeline import read_pages
from policydocs.references import Reference, item_references, library
from policydocs.registry import node_lines

#: A local regulation written for these tests: every form of reference to its own provisions, a
#: document of the library by its short title, and a law outside the library.
LAW = """某市城市更新条例
（2025年1月10日某市人民代表大会常务委员会通过）
第一条　为了推进城市更新，根据《中华人民共和国城乡规划法》和《关于深入推进城市更新的指导意见》，\
结合本市实际，制定本条例。
第二条　城市更新应当遵循规划引领的原则。
城市更新项目应当编制实施方案。
前款规定的实施方案应当公开征求意见。
第三条　依照本条例第二条第二款编制的实施方案，由区人民政府审批。
本条第一款规定以外的项目，依照本条例第九十九条办理。
第四条　违反本条例第三条规定的，依照《中华人民共和国城乡规划法》第三十条处理。
"""
#: Guidelines in the Opinions' shape, citing a clause of their own and an article of the law above.
GUIDELINES = """中共中央办公厅 国务院办公厅关于深入推进城市更新的指导意见
（2025年5月2日）
为深入推进城市更新，提出如下意见。
一、总体要求
（一）指导思想。坚持人民城市理念。
（二）工作原则。落实第（一）条的要求，依照《某市城市更新条例》第二条执行。
"""


@pytest.fixture(scope="module")
def library_pages():
    pages, _ = read_pages([("seeds/a_law.txt", LAW.encode("utf-8")), ("seeds/b.txt", GUIDELINES.encode("utf-8"))])
    law, guidelines = (page.items[0] for page in pages)
    assert isinstance(law, Document) and isinstance(guidelines, Document)
    return law, guidelines


def found(document: Document, items: list[Document]) -> list[tuple[str, str | None, str | None, str | None]]:
    """(text, slug, anchor, title) of every reference of a document, in reading order."""
    refs = item_references(document, library(items))
    out = []
    for sentence, sentence_refs in refs.items():
        for ref in sentence_refs:
            out.append((sentence.text[ref.start : ref.end], ref.slug, ref.anchor, ref.title))
    return out


def test_article_of_the_same_document(library_pages):
    law, guidelines = library_pages
    refs = found(law, [law, guidelines])
    assert ("本条例第三条", law.slug, "article-3", None) in refs


def test_article_and_paragraph(library_pages):
    law, guidelines = library_pages
    assert ("本条例第二条第二款", law.slug, "article-2-p2", None) in found(law, [law, guidelines])


def test_previous_paragraph(library_pages):
    law, guidelines = library_pages
    assert ("前款", law.slug, "article-2-p2", None) in found(law, [law, guidelines])  # said in article-2-p3


def test_paragraph_of_this_article(library_pages):
    law, guidelines = library_pages
    assert ("本条第一款", law.slug, "article-3-p1", None) in found(law, [law, guidelines])  # said in article-3-p2


def test_clause_of_the_same_document(library_pages):
    law, guidelines = library_pages
    assert ("第（一）条", guidelines.slug, "clause-1", None) in found(guidelines, [law, guidelines])


def test_a_document_of_the_library_by_its_short_title(library_pages):
    law, guidelines = library_pages
    title = "关于深入推进城市更新的指导意见"
    assert (f"《{title}》", guidelines.slug, None, title) in found(law, [law, guidelines])


def test_an_article_of_another_document_of_the_library(library_pages):
    law, guidelines = library_pages
    assert ("《某市城市更新条例》第二条", law.slug, "article-2", "某市城市更新条例") in found(
        guidelines, [law, guidelines]
    )


def test_a_document_outside_the_library_is_a_citation_by_its_title(library_pages):
    law, guidelines = library_pages
    refs = found(law, [law, guidelines])
    title = "中华人民共和国城乡规划法"
    assert (f"《{title}》", None, None, title) in refs
    assert (f"《{title}》第三十条", None, None, title) in refs
    # and it links once the library holds a document of that title
    alone = found(law, [law])
    assert ("《关于深入推进城市更新的指导意见》", None, None, "关于深入推进城市更新的指导意见") in alone


def test_a_provision_that_is_not_there_stays_text(library_pages):
    law, guidelines = library_pages
    assert not [ref for ref in found(law, [law, guidelines]) if "九十九" in ref[0]]


def test_the_references_are_rendered_as_links_and_citations(tmp_path: Path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a_law.txt").write_text(LAW, encoding="utf-8")
    (seeds / "b.txt").write_text(GUIDELINES, encoding="utf-8")
    docs = tmp_path / "docs"
    result = run_build("--seeds", str(seeds), "--docs", str(docs), "--registry", str(tmp_path / "r.json"))
    assert result.returncode == 0, result.stderr
    pages = {str(p.relative_to(docs)): p.read_text(encoding="utf-8") for p in docs.rglob("*.md")}
    links = [
        (page, href, text)
        for page, text_ in pages.items()
        for href, text in re.findall(r'<a class="ref" href="([^"]+)">([^<]+)</a>', text_)
    ]
    assert len(links) == 7, links
    for page, href, _ in links:  # every link leads to a page that has the anchor
        target, _, anchor = href.partition("#")
        target_md = str((Path(page).parent / target).as_posix()).replace(".html", ".md")
        target_md = re.sub(r"^[^/]+/\.\./", "", target_md)
        assert target_md in pages, (href, target_md)
        if anchor:
            assert f'id="{anchor}"' in pages[target_md] or f"#{anchor}" in pages[target_md], href
    cites = re.findall(r'<cite class="ref-cite" data-title="([^"]+)">', "".join(pages.values()))
    assert cites == ["中华人民共和国城乡规划法"] * 2


FORMS = st.sampled_from(["本条例第{n}条", "第{n}条", "本条例第{n}条第{k}款", "本条第{k}款", "前款", "第（{n}）条"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(FORMS, st.integers(1, 12), st.integers(1, 4)), min_size=1, max_size=6))
def test_no_reference_points_at_an_id_that_does_not_exist(library_pages, forms) -> None:
    """References of every form, to provisions that may or may not be there, inserted into the
    law and the guidelines: whatever resolves names an id its document publishes."""
    phrase = "，".join(form.format(n=to_chinese_number(n), k=to_chinese_number(k)) for form, n, k in forms)
    law_text = LAW.replace("由区人民政府审批。", f"由区人民政府审批，并依照{phrase}办理。")
    guide_text = GUIDELINES.replace("坚持人民城市理念。", f"坚持人民城市理念，依照{phrase}执行。")
    pages, _ = read_pages([("seeds/a.txt", law_text.encode("utf-8")), ("seeds/b.txt", guide_text.encode("utf-8"))])
    items = [page.items[0] for page in pages]
    ids = {item.slug: set(node_lines(item)) for item in items}
    lib = library(items)
    for item in items:
        for refs in item_references(item, lib).values():
            for ref in refs:
                assert isinstance(ref, Reference)
                if ref.slug is not None:
                    assert ref.slug in ids
                    assert ref.anchor is None or ref.anchor in ids[ref.slug], ref
