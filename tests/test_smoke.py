"""The seed parses into one policy document and one news report, and the site builds."""

from policydocs.model import Article, Document


def test_seed_has_a_document_and_a_report(seed_result):
    kinds = [type(item) for item in seed_result.page.items]
    assert kinds == [Document, Article]


def test_site_builds_pages_for_every_part(built_site):
    pages = sorted(p.name for p in (built_site / "opinions-2025-08-15").glob("part-*.html"))
    assert pages == [f"part-{n}.html" for n in range(1, 8)]
