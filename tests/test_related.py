"""Related passages (policydocs/related.py) on the seed: every clause of the Opinions gets related
clauses, ranked by the rare words two passages share, with those words shown, across documents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policydocs.model import Document
from policydocs.related import MAX_RELATED, RelatedLink, related_passages
from policydocs.render.site import passage_texts


@pytest.fixture(scope="module")
def seed(seed_result):
    items = list(seed_result.page.items)
    texts = passage_texts(items)
    return items, texts, related_passages(texts)


def clause_links(related, document: Document, number: int) -> list[RelatedLink]:
    return list(related[(document.slug, f"clause-{number}")])


def test_every_clause_of_the_opinions_has_a_related_clause(seed):
    items, _, related = seed
    document = next(item for item in items if isinstance(item, Document))
    assert len(document.all_clauses) == 20
    for clause in document.all_clauses:
        links = related[(document.slug, clause.id)]
        assert any(link.anchor.startswith("clause-") for link in links), clause.id


def test_the_lists_are_well_formed(seed):
    _, texts, related = seed
    for passage, links in related.items():
        assert len(links) <= MAX_RELATED
        assert passage not in [(link.slug, link.anchor) for link in links]
        assert [link.score for link in links] == sorted((link.score for link in links), reverse=True)
        for link in links:
            assert link.shared, (passage, link)
            for word in link.shared:  # the words shown are in both passages
                assert word in texts[passage] and word in texts[(link.slug, link.anchor)], (passage, link, word)


def test_a_reader_would_agree_with_the_first(seed):
    """（十四）房屋和市政基础设施安全 and （十五）安全生产 lead to each other on 安全; （九）基础设施
    leads to （十四） on 城市基础设施."""
    items, _, related = seed
    document = next(item for item in items if isinstance(item, Document))
    first = {n: clause_links(related, document, n)[0] for n in (9, 14, 15)}
    assert first[14].anchor == "clause-15" and "安全" in first[14].shared
    assert first[15].anchor == "clause-14" and "安全" in first[15].shared
    assert first[9].anchor == "clause-14" and any("基础设施" in word for word in first[9].shared)


def test_links_cross_documents_where_passages_share_words(seed):
    items, _, related = seed
    document = next(item for item in items if isinstance(item, Document))
    report = next(item for item in items if not isinstance(item, Document))
    across = [link for link in clause_links(related, document, 10) if link.slug == report.slug]
    assert across and any("新就业形态" in word for word in across[0].shared)


def test_a_heading_alone_is_no_passage(seed):
    items, texts, _ = seed
    document = next(item for item in items if isinstance(item, Document))
    assert (document.slug, "part-5") not in texts
    assert texts[(document.slug, "clause-14")].startswith("加强房屋和市政基础设施安全管理。")


def test_repeated_passages_are_scored_as_one():
    texts = {("a", "clause-1"): "加强城市地下管网建设改造。", ("b", "clause-1"): "加强城市地下管网建设改造。"}
    texts |= {("c", f"clause-{n}"): f"第{n}条讲别的事情，和管网无关的内容{n}。" for n in range(1, 4)}
    related = related_passages(texts)
    assert related[("a", "clause-1")][0][:2] == ("b", "clause-1")
    assert related[("b", "clause-1")][0][:2] == ("a", "clause-1")


def test_a_passage_sharing_no_key_word_has_no_related_passage():
    texts = {
        ("a", "clause-1"): "推进城市更新，完善基础设施建设，提升城市品质。",
        ("b", "clause-1"): "推进城市更新，完善基础设施建设，改善人居环境。",
        ("c", "clause-1"): "繁荣文学艺术创作，丰富群众精神文化生活。",
    }
    related = related_passages(texts)
    assert related[("c", "clause-1")] == ()
    assert [(link.slug, link.anchor) for link in related[("a", "clause-1")]] == [("b", "clause-1")]


def test_related_lists_are_rendered_at_the_end_of_each_clause(built_site: Path):
    page = (built_site / "opinions-2025-08-15" / "part-6.html").read_text(encoding="utf-8")
    clause = page[page.index('id="clause-14"') : page.index('id="clause-15"')]
    nav = re.search(r'<nav class="related".*?</nav>', clause, re.S)
    assert nav, "clause （十四） has no related list"
    assert re.search(r'href="#clause-15"', nav[0]), nav[0]  # on the same page
    assert "安全" in nav[0]
