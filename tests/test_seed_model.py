"""The seed's model, checked against the seed text read by eye.

Line numbers and texts below were taken from reading seeds/000_934e3267210eb057.txt, not from
the parser's output.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from policydocs.model import (
    Article,
    Clause,
    Document,
    Field,
    Note,
    Paragraph,
    Part,
    PullQuote,
    Section,
    Sentence,
    to_compact_json,
    to_data,
)
from policydocs.patterns import squeeze
from policydocs.source import Span

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_934e3267210eb057.txt"
SEED_LINES = SEED.read_text(encoding="utf-8").split("\n")
ASCII_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CONTAINER_ID = re.compile(r"^(?:part|clause|section)-\d+$")

PART_TITLES = [
    "总体要求",
    "优化现代化城市体系",
    "培育壮大城市发展新动能",
    "营造高品质城市生活空间",
    "推动城市发展绿色低碳转型",
    "增强城市安全韧性",
    "促进城市文化繁荣发展",
]
#: part number -> its clauses' numbers (（一）…（二十） run through the whole document)
PART_CLAUSES = {
    1: [],
    2: [1, 2, 3],
    3: [4, 5, 6, 7],
    4: [8, 9, 10],
    5: [11, 12, 13],
    6: [14, 15, 16, 17],
    7: [18, 19, 20],
}
CLAUSE_HEADINGS = [
    "稳妥有序推动城市群一体化和都市圈同城化发展。",
    "增强超大特大城市综合竞争力。",
    "提高中小城市和县城承载能力。",
    "因城施策增强城市发展动力。",
    "激活城市存量资源潜力。",
    "建立可持续的城市建设运营投融资体系。",
    "提升城市对外开放合作水平。",
    "系统推进“好房子”和完整社区建设。",
    "完善城市基础设施。",
    "提升公共服务优质均衡水平。",
    "推进生产领域节能降碳。",
    "践行绿色低碳生活方式。",
    "加强城市生态环境治理。",
    "加强房屋和市政基础设施安全管理。",
    "强化重点行业领域安全生产管理。",
    "提高城市公共卫生防控救治水平。",
    "增强城市综合防灾减灾救灾能力。",
    "推动城市历史文化保护利用传承。",
    "塑造城市特色风貌。",
    "丰富城市精神文化生活。",
]
CLAUSE_LABELS = [
    "（一）",
    "（二）",
    "（三）",
    "（四）",
    "（五）",
    "（六）",
    "（七）",
    "（八）",
    "（九）",
    "（十）",
    "（十一）",
    "（十二）",
    "（十三）",
    "（十四）",
    "（十五）",
    "（十六）",
    "（十七）",
    "（十八）",
    "（十九）",
    "（二十）",
]
SECTION_HEADS = [
    ("思政品牌深入人心", "培育100多个思政引领品牌", 292),
    ("“点线面”管理体制更加高效", "实现对16条主导产业链匹配覆盖", 328),
    ("深化产改隆起人才高地", "推广改革成果80多项", 366),
    ("服务职工更加精准暖心", "创新建设“五型”共享职工之家", 416),
]
#: first source line of each paragraph of each section (blank-separated, plus the restored break at 422)
SECTION_PARAGRAPH_LINES = [
    [295, 299, 304, 310, 318],
    [331, 334, 341, 346, 355],
    [369, 373, 387, 396, 405, 411],
    [419, 422, 434, 440, 447, 456, 462, 472],
]


def window(span: Span) -> str:
    """The seed's lines first..last, whitespace removed."""
    return squeeze("".join(SEED_LINES[span.first - 1 : span.last]))


@pytest.fixture(scope="module")
def document(seed_result) -> Document:
    item = seed_result.page.items[0]
    assert isinstance(item, Document)
    return item


@pytest.fixture(scope="module")
def report(seed_result) -> Article:
    item = seed_result.page.items[1]
    assert isinstance(item, Article)
    return item


# --- the policy document -------------------------------------------------------------------


def test_page_holds_one_document_then_one_report(seed_result) -> None:
    assert [type(item) for item in seed_result.page.items] == [Document, Article]
    assert seed_result.diagnostics == ()


def test_title_and_date_printed_after_the_report_belong_to_the_document(document: Document) -> None:
    assert document.title == Field("中共中央 国务院关于推动城市高质量发展的意见", Span(document.span.path, 494, 494))
    assert document.date == Field("（2025年8月15日）", Span(document.span.path, 495, 495))
    assert document.iso_date == "2025-08-15"
    # kind, date and short title; the published site keeps opinions-2025-08-15 (data/permalinks.json)
    assert document.slug == "opinions-2025-08-15-tui-dong-cheng-shi-gao-zhi-liang-fa-zhan"


def test_preamble_is_one_paragraph(document: Document) -> None:
    assert len(document.preamble) == 1
    preamble = document.preamble[0]
    assert preamble.id == "preamble-p1"
    assert preamble.text.startswith("城市是现代化建设的重要载体、人民幸福生活的重要空间。")
    assert preamble.text.endswith("推动城市高质量发展，现提出如下意见。")
    assert (preamble.span.first, preamble.span.last) == (1, 6)


def test_seven_parts_with_their_titles(document: Document) -> None:
    assert [(p.id, p.kind, p.number, p.title) for p in document.parts] == [
        (f"part-{n}", "part", n, title) for n, title in enumerate(PART_TITLES, 1)
    ]
    assert [p.label for p in document.parts] == ["一、", "二、", "三、", "四、", "五、", "六、", "七、"]
    assert [p.span.first for p in document.parts] == [8, 37, 77, 124, 167, 198, 242]


def test_part_one_has_three_paragraphs_and_no_clauses(document: Document) -> None:
    part = document.parts[0]
    assert part.clauses == ()
    assert [p.id for p in part.paragraphs] == ["part-1-p1", "part-1-p2", "part-1-p3"]
    starts = [p.text[:6] for p in part.paragraphs]
    assert starts == ["坚持以习近平", "工作中要做到", "主要目标是："]
    assert part.paragraphs[0].text.endswith("走出一条中国特色城市现代化新路子。")
    assert "到2035年，现代化人民城市基本建成。" in part.paragraphs[2].text
    assert [(p.span.first, p.span.last) for p in part.paragraphs] == [(10, 22), (24, 28), (30, 35)]


def test_twenty_clauses_numbered_through_the_document(document: Document) -> None:
    assert document.clauses == ()
    for part in document.parts:
        assert [c.number for c in part.clauses] == PART_CLAUSES[part.number]
    clauses = [c for part in document.parts for c in part.clauses]
    assert [c.id for c in clauses] == [f"clause-{n}" for n in range(1, 21)]
    assert [c.label for c in clauses] == CLAUSE_LABELS
    assert all(c.kind == "clause" for c in clauses)


def test_each_clause_heading_is_its_first_sentence(document: Document) -> None:
    clauses = document.all_clauses
    assert [c.heading.text if c.heading else None for c in clauses] == CLAUSE_HEADINGS
    assert [c.heading.id if c.heading else None for c in clauses] == [f"clause-{n}-h" for n in range(1, 21)]
    eight = clauses[7]
    assert eight.heading is not None and eight.heading.text == "系统推进“好房子”和完整社区建设。"
    assert eight.paragraphs[0].text.startswith("加快构建房地产发展新模式")


def test_clause_bodies_join_the_breaks_of_the_page(document: Document) -> None:
    by_id = {c.id: "".join(p.text for p in c.paragraphs) for c in document.all_clauses}
    assert "创新财政金融政策工具，吸引和规范社会资金参与" in by_id["clause-6"]  # blank line at 107
    assert "统筹利用地上地下空间，加强“平急两用”公共基础设施建设" in by_id["clause-17"]  # blank at 236
    assert "促进优质医疗资源扩容下沉和区域均衡布局" in by_id["clause-10"]  # blank at 161
    assert "以危险化学品、特种设备、建筑施工、城镇燃气" in by_id["clause-15"]  # blank at 215
    assert "全球可持续发展城市奖（上海奖）影响力。" in by_id["clause-7"]


def test_page_end_marker_becomes_a_note_not_clause_text(document: Document) -> None:
    assert document.notes == (Note("note-1", "page-end", "（下转第六版）", Span(document.span.path, 270, 270)),)
    last = document.parts[-1].clauses[-1]
    assert last.id == "clause-20"
    text = "".join(p.text for p in last.paragraphs)
    assert "下转" not in text and "第六版" not in text
    assert text.endswith("根据实际需要完善城市文化设施。")


def test_document_has_no_pull_quotes(document: Document) -> None:
    assert document.pull_quotes == ()


# --- the news report -----------------------------------------------------------------------


def test_headline_deck_and_byline_printed_after_the_body(report: Article) -> None:
    path = report.span.path
    assert report.headline == Field("忠诚履职担当 竭诚惠工暖心", Span(path, 481, 481))
    assert report.byline == Field("钟嘉琳", Span(path, 476, 476))
    assert report.deck is not None
    assert report.deck.text == (
        "五年来，全市各级工会组织聚力服务大局、服务职工，培育出100多个思政引领品牌，"
        "推广产改成果80多项，“五型”共享职工之家覆盖职工50多万人——"
    )
    assert (report.deck.span.first, report.deck.span.last) == (478, 479)
    assert report.slug.startswith("news-") and report.slug.isascii()


def test_lead_paragraphs(report: Article) -> None:
    assert [p.id for p in report.lead] == ["lead-p1", "lead-p2"]
    assert report.lead[0].text.startswith("昨日，烟台市工会第二十次代表大会开幕。")
    assert report.lead[0].text.endswith("为烟台迈入万亿城市贡献了工会智慧和力量。")
    assert report.lead[1].text.startswith("五年来，各级工会广泛开展“繁星工程”品牌创建活动")
    assert [(p.span.first, p.span.last) for p in report.lead] == [(272, 277), (279, 290)]


def test_four_sections_under_two_line_heads(report: Article) -> None:
    assert [s.id for s in report.sections] == ["section-1", "section-2", "section-3", "section-4"]
    assert [(s.title.text, s.subtitle.text if s.subtitle else None, s.title.span.first) for s in report.sections] == [
        (title, subtitle, line) for title, subtitle, line in SECTION_HEADS
    ]
    for section, (_, _, line) in zip(report.sections, SECTION_HEADS):
        assert section.subtitle is not None and section.subtitle.span.first == line + 1


def test_section_paragraphs_start_where_the_page_starts_them(report: Article) -> None:
    got = [[p.span.first for p in s.paragraphs] for s in report.sections]
    assert got == SECTION_PARAGRAPH_LINES
    for section in report.sections:
        assert [p.id for p in section.paragraphs] == [
            f"{section.id}-p{k}" for k in range(1, len(section.paragraphs) + 1)
        ]


def test_lost_paragraph_break_in_section_four_is_restored(report: Article) -> None:
    first, second = report.sections[3].paragraphs[:2]
    assert first.text == "五年来，各级工会始终坚持聚焦主责主业，服务职工群众的举措更加精准暖心。"
    assert "聚焦主责主业，服务职工群众" in first.text  # joined over the blank line at 420
    assert second.text.startswith("健全源头参与、排查预警等机制，确保百人以上企业")  # joined over 423
    assert (first.span.last, second.span.first) == (421, 422)


def test_report_body_joins_breaks_and_keeps_inner_spaces(report: Article) -> None:
    texts = {p.id: p.text for s in report.sections for p in s.paragraphs}
    assert "“我从一线来 登台展风采”等活动，带动基层开展文化体育活动万余场" in texts["section-1-p5"]
    assert "在“‘中国—中亚五国’职工谈”主题座谈会上作典型发言" in texts["section-2-p5"]
    assert "与重大项目建设推进中心、工信、住建等部门" in texts["section-3-p3"]
    assert "广泛开展“协商+调解”提质增效行动" in texts["section-4-p3"]
    assert "助力提升“仙境海岸 品重烟台”美誉度。" in texts["section-4-p8"]


def test_pull_quotes_are_excerpts_linked_to_the_paragraphs_they_repeat(report: Article) -> None:
    quotes = report.pull_quotes
    assert [q.id for q in quotes] == ["quote-1", "quote-2", "quote-3"]
    assert [q.paragraph_ids for q in quotes] == [
        ("section-4-p2",),
        ("section-2-p5", "section-3-p2"),  # joins paragraphs of two sections
        ("section-3-p5", "section-3-p6"),
    ]
    assert [(q.span.first, q.span.last) for q in quotes] == [(483, 492), (497, 505), (507, 514)]
    assert quotes[0].text.startswith("健全源头参与") and quotes[0].text.endswith("职工满意度达98%以上。")
    assert quotes[1].text.startswith("直属工会勇于争先、多点开花，获得省级以上奖励380多项。推广改革成果80多项")
    assert "业园 270家" in quotes[2].text  # the stray space of the box is kept in the quote's text
    assert quotes[2].text.endswith("创业创新大赛一等奖。")


def test_pull_quote_text_repeats_its_paragraphs(report: Article) -> None:
    paragraphs = {p.id: squeeze(p.text) for p in _all_paragraphs(report)}
    for quote in report.pull_quotes:
        linked = "".join(paragraphs[pid] for pid in quote.paragraph_ids)
        for sentence in re.split(r"(?<=。)", squeeze(quote.text)):
            if len(sentence) >= 12:
                core = sentence.rstrip("。")[:-1]  # a quote may end a sentence where the paragraph goes on
                assert core in linked, (quote.id, sentence)


def test_pull_quotes_are_not_body_text(report: Article) -> None:
    assert all(p.span.last <= 474 for p in _all_paragraphs(report))
    assert sum(len(s.paragraphs) for s in report.sections) == 24


# --- ids and spans of every node -----------------------------------------------------------


def _all_paragraphs(item: Document | Article) -> list[Paragraph]:
    if isinstance(item, Article):
        return list(item.lead) + [p for s in item.sections for p in s.paragraphs]
    out = list(item.preamble)
    for part in item.parts:
        out.extend(part.paragraphs)
        for clause in part.clauses:
            out.extend(clause.paragraphs)
    return out


def _nodes(item: Document | Article) -> Iterator[tuple[str | None, str, Span]]:
    """(id, text, span) of every node of an item; containers give their own label/title text."""

    def paragraph(p: Paragraph) -> Iterator[tuple[str | None, str, Span]]:
        yield p.id, p.text, p.span
        for s in p.sentences:
            yield s.id, s.text, s.span

    def field(f: Field | None) -> Iterator[tuple[str | None, str, Span]]:
        if f is not None:
            yield None, f.text, f.span

    if isinstance(item, Document):
        yield from field(item.title)
        yield from field(item.date)
        for p in item.preamble:
            yield from paragraph(p)
        for part in item.parts:
            yield part.id, part.label + part.title, part.span
            for p in part.paragraphs:
                yield from paragraph(p)
            for clause in part.clauses:
                heading = clause.heading.text if clause.heading else ""
                yield clause.id, clause.label + heading, clause.span
                if clause.heading:
                    yield clause.heading.id, clause.heading.text, clause.heading.span
                for p in clause.paragraphs:
                    yield from paragraph(p)
    else:
        for f in (item.headline, item.deck, item.byline):
            yield from field(f)
        for p in item.lead:
            yield from paragraph(p)
        for section in item.sections:
            yield section.id, section.title.text, section.span
            yield from field(section.title)
            yield from field(section.subtitle)
            for p in section.paragraphs:
                yield from paragraph(p)
    for note in item.notes:
        yield note.id, note.source_text, note.span
    for quote in item.pull_quotes:
        yield quote.id, quote.text, quote.span


def test_every_id_is_ascii_and_unique_within_its_item(seed_result) -> None:
    for item in seed_result.page.items:
        ids = [node_id for node_id, _, _ in _nodes(item) if node_id is not None]
        assert ids and all(ASCII_ID.match(i) for i in ids), ids
        assert len(ids) == len(set(ids))
        assert ASCII_ID.match(item.slug)


def test_every_span_holds_its_text_and_starts_and_ends_with_it(seed_result) -> None:
    """Leaf text lies in the seed's lines first..last; containers start with their label/title."""
    for item in seed_result.page.items:
        for node_id, text, span in _nodes(item):
            assert span.path == seed_result.page.path
            assert 1 <= span.first <= span.last <= len(SEED_LINES)
            lines = window(span)
            assert squeeze(text) in lines, (node_id, text, span)
            if node_id is not None and CONTAINER_ID.match(node_id):
                assert squeeze(SEED_LINES[span.first - 1]).startswith(squeeze(text)[:4]), (node_id, span)
            elif span.first < span.last:
                # tight: dropping the first or the last line of the span loses part of the text
                assert squeeze(text) not in window(Span(span.path, span.first + 1, span.last)), (node_id, span)
                assert squeeze(text) not in window(Span(span.path, span.first, span.last - 1)), (node_id, span)


def test_containers_cover_their_children(seed_result) -> None:
    document, report = seed_result.page.items
    for part in document.parts:
        children = [p.span for p in part.paragraphs] + [c.span for c in part.clauses]
        assert all(part.span.first <= s.first and s.last <= part.span.last for s in children), part.id
        for clause in part.clauses:
            for p in clause.paragraphs:
                assert clause.span.first <= p.span.first and p.span.last <= clause.span.last, clause.id
    for section in report.sections:
        assert all(section.span.first <= p.span.first and p.span.last <= section.span.last for p in section.paragraphs)
    assert (report.span.first, report.span.last) == (272, 514)
    assert (document.span.first, document.span.last) == (1, 495)


def test_sentences_of_a_paragraph_make_up_the_paragraph(seed_result) -> None:
    for item in seed_result.page.items:
        for p in _all_paragraphs(item):
            assert "".join(s.text for s in p.sentences) == p.text
            assert [s.id for s in p.sentences] == [f"{p.id}-s{k}" for k in range(1, len(p.sentences) + 1)]
            assert all(s.text.endswith(("。", "？", "！", "”")) for s in p.sentences[:-1])


def test_model_is_frozen(seed_result) -> None:
    document = seed_result.page.items[0]
    with pytest.raises(AttributeError):
        document.slug = "x"  # type: ignore[misc]
    for cls in (Document, Article, Part, Clause, Section, Paragraph, Sentence, Note, PullQuote, Field):
        assert cls.__dataclass_params__.frozen  # type: ignore[attr-defined]


def test_the_compact_json_is_the_model_as_data(seed_result) -> None:
    """to_compact_json (the site's data files) writes what to_data makes of the model; what is
    not model data is refused, not written."""
    page = seed_result.page
    assert json.loads(to_compact_json(page)) == to_data(page)
    assert json.loads(to_compact_json(page.items[1]))["type"] == "Article"
    with pytest.raises(TypeError):
        to_compact_json({"not data": object()})
