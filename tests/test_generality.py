"""The same code reads other shapes of text: a clean web copy of a policy document (one paragraph
per line, no column breaks) and a law-shaped text (第一章 …, 第一条 …), as a web copy and set in
newspaper columns. The fixtures in tests/fixtures/generality/ are made up for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from model_support import without_spans
from policydocs import fidelity
from policydocs.model import Document, to_data
from policydocs.pipeline import read_page
from policydocs.source import read_lines

GENERALITY = Path(__file__).resolve().parent / "fixtures" / "generality"


def load(name: str) -> tuple[str, Document]:
    data = (GENERALITY / name).read_bytes()
    result = read_page(data, f"tests/fixtures/generality/{name}")
    assert result.diagnostics == ()
    missing, extra = fidelity.missing_and_extra(read_lines(data, name), result.page)
    assert not missing and not extra
    assert len(result.page.items) == 1
    item = result.page.items[0]
    assert isinstance(item, Document)
    return data.decode("utf-8"), item


# --- a web copy of a policy document -------------------------------------------------------


@pytest.fixture(scope="module")
def web() -> tuple[str, Document]:
    return load("web-policy.txt")


def test_web_copy_title_date_and_slug(web) -> None:
    _, doc = web
    assert doc.title is not None and doc.title.text == "国务院办公厅关于推进城市社区服务体系建设的指导意见"
    assert doc.date is not None and doc.date.text == "（2024年5月20日）"
    assert (doc.title.span.first, doc.date.span.first) == (1, 2)
    assert doc.slug == "guidelines-2024-05-20-tui-jin-cheng-shi-she-qu-fu-wu-ti-xi"


def test_web_copy_every_line_is_a_paragraph(web) -> None:
    _, doc = web
    # the addressee line (各省…：) is front matter, not a paragraph of the preamble
    assert doc.addressee is not None and doc.addressee.text.startswith("各省、自治区、直")
    assert (doc.addressee.id, doc.addressee.span.first) == ("front-1", 3)
    assert [p.text[:8] for p in doc.preamble] == ["城市社区是城市居"]
    assert [(p.span.first, p.span.last) for p in doc.preamble] == [(4, 4)]
    assert doc.preamble[0].text.endswith("经国务院同意，现提出如下意见。")  # the 　　 indent is gone
    assert [s.text[:4] for s in doc.preamble[0].sentences] == ["城市社区", "近年来，", "为进一步"]


def test_web_copy_parts_and_clauses(web) -> None:
    _, doc = web
    assert [(p.id, p.label, p.title) for p in doc.parts] == [
        ("part-1", "一、", "总体要求"),
        ("part-2", "二、", "重点任务"),
        ("part-3", "三、", "保障措施"),
    ]
    assert [[c.id for c in p.clauses] for p in doc.parts] == [
        ["clause-1", "clause-2"],
        ["clause-3", "clause-4", "clause-5"],
        ["clause-6", "clause-7"],
    ]
    headings = [c.heading.text if c.heading else None for c in doc.all_clauses]
    assert headings == [
        "指导思想。",
        "基本原则。",
        "完善社区服务设施。",
        "丰富社区服务内容。",
        "创新社区服务方式。",
        "加强组织领导。",
        "强化资金保障。",
    ]
    assert [c.label for c in doc.all_clauses][:2] == ["（一）", "（二）"]
    part3 = doc.parts[2]
    assert [p.text[:8] for p in part3.paragraphs] == ["各地区各部门要把"]  # before its first clause
    assert all(len(c.paragraphs) == 1 for c in doc.all_clauses)
    assert doc.all_clauses[1].paragraphs[0].text.startswith("坚持政府主导")
    assert doc.all_clauses[1].paragraphs[0].text.endswith("根据城市规模和社区特点分类推进。")


# --- a law-shaped text ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def law() -> tuple[str, Document]:
    return load("law.txt")


def test_law_chapters_and_articles(law) -> None:
    _, doc = law
    assert doc.title is not None and doc.title.text == "某市城市社区服务条例"
    assert doc.date is None
    assert doc.slug.startswith("regulations-") and doc.slug.isascii()
    assert doc.preamble == ()
    assert [(p.id, p.kind, p.label, p.title) for p in doc.parts] == [
        ("chapter-1", "chapter", "第一章", "总则"),
        ("chapter-2", "chapter", "第二章", "服务设施"),
        ("chapter-3", "chapter", "第三章", "附则"),
    ]
    assert [[c.id for c in p.clauses] for p in doc.parts] == [
        ["article-1", "article-2", "article-3"],
        ["article-4", "article-5"],
        ["article-6"],
    ]
    articles = doc.all_clauses
    assert all(a.kind == "article" and a.heading is None for a in articles)
    assert [a.label for a in articles] == ["第一条", "第二条", "第三条", "第四条", "第五条", "第六条"]
    assert articles[0].paragraphs[0].text.startswith("为了规范城市社区服务")  # label and 　 are not text


def test_law_items_stay_inside_their_article(law) -> None:
    _, doc = law
    second = doc.all_clauses[1]
    assert [p.id for p in second.paragraphs] == ["article-2-p1", "article-2-p2", "article-2-p3", "article-2-p4"]
    assert [p.text[:3] for p in second.paragraphs[1:]] == ["（一）", "（二）", "（三）"]
    assert (second.span.first, second.span.last) == (4, 7)
    fifth = doc.all_clauses[4]
    assert [p.text[:4] for p in fifth.paragraphs] == ["任何单位", "确需改变"]


def test_law_set_in_newspaper_columns_gives_the_same_model(law) -> None:
    """law-column.txt is law.txt set 18 characters wide, items without blank lines between them
    and a column break (blank line) inside 第四条."""
    _, doc = law
    text, column_doc = load("law-column.txt")
    assert "\n\n设社区服务设施" in text and "服务：\n（一）" in text
    assert without_spans(to_data(column_doc)) == without_spans(to_data(doc))
    assert column_doc.all_clauses[3].paragraphs[0].text.startswith("新建住宅区应当按照规划配套建设社区服务设施")
