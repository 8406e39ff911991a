"""Fidelity: every non-whitespace character of the source is in the model exactly once.

For the seed, and, as a hypothesis property, for generated column-broken texts: random Chinese
paragraphs set at a random column width (by display width, punctuation hanging at line ends as
typesetters do), random blank lines at column breaks, stray leading spaces, optional headings, and
optionally the parts and clauses of a policy document.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from model_support import source_strings
from policydocs import fidelity, layout, patterns, pipeline
from policydocs.diagnostics import InputError
from policydocs.model import Article, Document, Page, to_data
from policydocs.patterns import squeeze
from policydocs.pipeline import read_page
from policydocs.recognise import excerpts
from policydocs.source import display_width, read_lines

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_934e3267210eb057.txt"


def chars(texts: Iterator[str] | list[str]) -> Counter[str]:
    return Counter(c for text in texts for c in text if not c.isspace())


def body_in_reading_order(page: Page) -> str:
    """The body text (no furniture printed elsewhere on the page, no pull quotes, no notes)."""
    out: list[str] = []
    for item in page.items:
        if isinstance(item, Document):
            out.extend(p.text for p in item.preamble)
            for clause in item.clauses:
                out.append(clause.label + (clause.heading.text if clause.heading else ""))
                out.extend(p.text for p in clause.paragraphs)
            for part in item.parts:
                out.append(part.label + part.title)
                out.extend(p.text for p in part.paragraphs)
                for clause in part.clauses:
                    out.append(clause.label + (clause.heading.text if clause.heading else ""))
                    out.extend(p.text for p in clause.paragraphs)
        else:
            out.extend(p.text for p in item.lead)
            for section in item.sections:
                out.append(section.title.text + (section.subtitle.text if section.subtitle else ""))
                out.extend(p.text for p in section.paragraphs)
    return squeeze("".join(out))


def is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(c in it for c in short)


# --- the seed ------------------------------------------------------------------------------


def test_seed_characters_are_accounted_for_exactly_once(seed_result) -> None:
    lines = read_lines(SEED.read_bytes(), "seed.txt")
    missing, extra = fidelity.missing_and_extra(lines, seed_result.page)
    assert (missing, extra) == (Counter(), Counter())
    source = chars(SEED.read_text(encoding="utf-8").split("\n"))
    assert chars(list(source_strings(to_data(seed_result.page)))) == source
    assert chars(list(fidelity.model_texts(seed_result.page))) == source
    assert sum(source.values()) > 8000


def test_seed_body_keeps_the_order_of_the_page(seed_result) -> None:
    body = body_in_reading_order(seed_result.page)
    assert is_subsequence(body, squeeze(SEED.read_text(encoding="utf-8")))
    # the report's body is lines 272-474; everything after (byline, deck, quotes, title) is furniture
    report_lines = squeeze("".join(SEED.read_text(encoding="utf-8").split("\n")[271:474]))
    assert report_lines in body


def test_fidelity_notices_a_lost_paragraph_and_a_duplicated_one(seed_result) -> None:
    lines = read_lines(SEED.read_bytes(), "seed.txt")
    document, report = seed_result.page.items
    part = document.parts[0]
    dropped = dataclasses.replace(part, paragraphs=part.paragraphs[1:])
    lossy = dataclasses.replace(document, parts=(dropped, *document.parts[1:]))
    missing, extra = fidelity.missing_and_extra(lines, Page(seed_result.page.path, (lossy, report)))
    assert missing == chars([part.paragraphs[0].text]) and not extra
    doubled = dataclasses.replace(part, paragraphs=part.paragraphs + part.paragraphs[:1])
    twice = dataclasses.replace(document, parts=(doubled, *document.parts[1:]))
    missing, extra = fidelity.missing_and_extra(lines, Page(seed_result.page.path, (twice, report)))
    assert extra == chars([part.paragraphs[0].text]) and not missing


def test_fidelity_notices_text_out_of_order(seed_result) -> None:
    """Counting characters misses text put in the wrong order: the order is checked too."""
    lines = read_lines(SEED.read_bytes(), "seed.txt")
    document, report = seed_result.page.items
    assert fidelity.first_out_of_order(lines, seed_result.page) is None
    part = document.parts[0]
    first, second = part.paragraphs[0], part.paragraphs[1]
    swapped = dataclasses.replace(part, paragraphs=(second, first, *part.paragraphs[2:]))
    page = Page(seed_result.page.path, (dataclasses.replace(document, parts=(swapped, *document.parts[1:])), report))
    assert fidelity.missing_and_extra(lines, page) == (Counter(), Counter())
    assert fidelity.first_out_of_order(lines, page) == first.span.first
    # a sentence whose line is wrong (its text in another place than the model says)
    sentence = first.sentences[0]
    moved = dataclasses.replace(sentence, span=dataclasses.replace(sentence.span, first=second.span.first + 1))
    wrong = dataclasses.replace(first, sentences=(moved, *first.sentences[1:]))
    lying = dataclasses.replace(part, paragraphs=(wrong, *part.paragraphs[1:]))
    page = Page(seed_result.page.path, (dataclasses.replace(document, parts=(lying, *document.parts[1:])), report))
    assert fidelity.first_out_of_order(lines, page) is not None


def test_pipeline_stops_when_a_stage_misorders_text(monkeypatch) -> None:
    real = pipeline.recognise

    def misordered(blocks, path):  # type: ignore[no-untyped-def]
        result = real(blocks, path)
        document, *rest = result.page.items
        part = document.parts[0]
        swapped = dataclasses.replace(part, paragraphs=part.paragraphs[::-1])
        document = dataclasses.replace(document, parts=(swapped, *document.parts[1:]))
        return dataclasses.replace(result, page=Page(result.page.path, (document, *rest)))

    monkeypatch.setattr(pipeline, "recognise", misordered)
    with pytest.raises(InputError, match="out of the source's order"):
        read_page(SEED.read_bytes(), "seed.txt")


def test_pipeline_stops_when_a_stage_loses_text(monkeypatch) -> None:
    real = pipeline.repair
    monkeypatch.setattr(pipeline, "repair", lambda lines: real(lines)[:-1])
    with pytest.raises(InputError, match="internal: characters lost"):
        read_page(SEED.read_bytes(), "seed.txt")


# --- generated column-broken texts ---------------------------------------------------------

#: Common characters; no Chinese numerals or 第, so numbering only comes from the generator.
HAN = (
    "城市发展建设推进完善加强服务体系工作职工会社区管理创新文化安全生态绿色交通住房教育医疗资源"
    "产业科技人才政策资金保障居民群众基层治理组织活动项目机制规划改造提升优化公共设施环境质量"
)
CLOSERS = "，、；：。！？”’）》"


#: A number with its measure word, as in 80多项, 246家.
number = st.builds("{}{}".format, st.integers(1, 9999), st.sampled_from(["个", "项", "家", "名", "万", "多项", "余人"]))
#: A clause: characters, sometimes with a number inside.
clause = st.builds(
    "{}{}{}".format,
    st.text(HAN, min_size=1, max_size=8),
    st.one_of(st.just(""), st.just(""), number),
    st.text(HAN, max_size=6),
)


@st.composite
def sentence(draw: st.DrawFn, max_clauses: int = 4) -> str:
    clauses = draw(st.lists(clause, min_size=1, max_size=max_clauses))
    seps = draw(st.lists(st.sampled_from("，，，、；"), min_size=len(clauses) - 1, max_size=len(clauses) - 1))
    return "".join(c + s for c, s in zip(clauses, [*seps, "。"]))


paragraph = st.lists(sentence(), min_size=1, max_size=4).map("".join)
heading = st.text(HAN, min_size=2, max_size=8)


def wrap(text: str, width: int) -> list[str]:
    """Set text in a column `width` cells wide: closing punctuation hangs, numbers stay whole."""
    tokens: list[str] = []
    for c in text:
        if tokens and c.isdigit() and tokens[-1][-1].isdigit():
            tokens[-1] += c
        else:
            tokens.append(c)
    lines: list[str] = []
    current, used = "", 0
    for tok in tokens:
        w = display_width(tok)
        if current and used + w > width and tok not in CLOSERS:
            lines.append(current)
            current, used = "", 0
        current += tok
        used += w
    lines.append(current)
    return lines


@dataclasses.dataclass(frozen=True)
class Generated:
    width: int
    units: tuple[tuple[str, str], ...]  # (kind, text): kind "head" (one line) or "para" (column-set)
    text: str


@st.composite
def news_units(draw: st.DrawFn) -> list[tuple[str, str]]:
    units: list[tuple[str, str]] = []
    for i in range(draw(st.integers(1, 6))):
        if i > 0 and draw(st.integers(0, 3)) == 0:
            units.append(("head", draw(heading)))
        units.append(("para", draw(paragraph)))
    return units


@st.composite
def policy_units(draw: st.DrawFn) -> list[tuple[str, str]]:
    """A preamble, parts 一、二、… and clauses （一）（二）… numbered through the document."""
    units: list[tuple[str, str]] = [("para", draw(paragraph))]
    clause = 0
    for part in range(1, draw(st.integers(1, 3)) + 1):
        units.append(("head", patterns.to_chinese_number(part) + "、" + draw(heading)))
        if draw(st.booleans()):
            units.extend(("para", p) for p in draw(st.lists(paragraph, min_size=1, max_size=2)))
            continue
        for _ in range(draw(st.integers(1, 3))):
            clause += 1
            label = f"（{patterns.to_chinese_number(clause)}）"
            units.append(("para", label + draw(sentence(max_clauses=2)) + draw(paragraph)))
    return units


@st.composite
def column_text(draw: st.DrawFn, unambiguous: bool = False) -> Generated:
    """Units set in a column; blank lines at random column breaks (``unambiguous``: only where a
    reader could tell them from paragraph breaks: not after a sentence end, and not closing two or
    more unpunctuated lines, which read as a two-line heading)."""
    width = draw(st.integers(20, 60))
    units = draw(st.one_of(news_units(), policy_units()))
    lines: list[str] = []
    for kind, text in units:
        if lines:
            lines.extend([""] * draw(st.integers(1, 2)))
        if kind == "head":
            lines.append(text)
            continue
        column = wrap(text, width)
        since_blank: list[str] = []
        for index, line in enumerate(column):
            indent = draw(st.sampled_from(["", "", "", " ", "\u3000\u3000"]))
            lines.append(indent + line)
            since_blank.append(line)
            if index < len(column) - 1 and draw(st.integers(0, 4)) == 0:
                heading_like = len(since_blank) > 1 and not any(patterns.is_prose(t) for t in since_blank)
                if not unambiguous or not (patterns.ends_sentence(line) or heading_like):
                    lines.append("")
                    since_blank = []
    return Generated(width, tuple(units), "\n".join(lines) + "\n")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(column_text())
def test_generated_text_loses_and_invents_nothing(generated: Generated) -> None:
    result = read_page(generated.text.encode("utf-8"), "generated.txt")
    page = result.page
    assert chars(list(source_strings(to_data(page)))) == chars(generated.text.split("\n"))
    assert is_subsequence(body_in_reading_order(page), squeeze(generated.text))


def _flatten(page: Page) -> list[tuple[str, str]]:
    """The model read back as the generator's units."""
    out: list[tuple[str, str]] = []
    for item in page.items:
        if isinstance(item, Document):
            out.extend(("para", p.text) for p in item.preamble)
            for part in item.parts:
                out.append(("head", part.label + part.title))
                out.extend(("para", p.text) for p in part.paragraphs)
                for clause in part.clauses:
                    first = clause.label + (clause.heading.text if clause.heading else "")
                    paragraphs = [p.text for p in clause.paragraphs]
                    out.append(("para", first + (paragraphs[0] if paragraphs else "")))
                    out.extend(("para", p) for p in paragraphs[1:])
        else:
            assert isinstance(item, Article)
            if item.headline:
                out.append(("head", item.headline.text))
            out.extend(("para", p.text) for p in item.lead)
            for section in item.sections:
                out.append(("head", section.title.text))
                out.extend(("para", p.text) for p in section.paragraphs)
    return out


def _read_as_web_copy(text: str) -> bool:
    """Whether the layout's rule line-per-paragraph takes the text for a web copy. It can where the
    count above does not: a numbered line as wide as the paragraphs, （一）业业业业，业建, may be
    a heading in two halves there, not a line stopping inside a sentence."""
    through = [name for name, _ in layout.RULES].index("line-per-paragraph") + 1
    return bool(layout.repair(read_lines(text.encode("utf-8"), "generated.txt"), layout.RULES[:through]))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(column_text(unambiguous=True))
def test_generated_text_gives_back_its_paragraphs_and_headings(generated: Generated) -> None:
    """Where the layout is not ambiguous, the model has exactly the generated paragraphs and heads.

    Excluded as ambiguous: texts that read as well as a web copy (few lines stop inside a sentence),
    a blank line after a line ending a sentence (a column break or a paragraph break?) or after two
    unpunctuated lines (a two-line heading?), headings nearly as wide as the column (a heading or a
    line cut off by a column break?), and a last paragraph repeating earlier text (a pull quote).
    """
    heads = {t for kind, t in generated.units if kind == "head"}
    lines = [line.strip() for line in generated.text.split("\n") if line.strip() and line.strip() not in heads]
    stopping = [line for line in lines if patterns.is_prose(line) and not patterns.LINE_END.search(line)]
    assume(len(stopping) > 0.2 * len(lines) and not _read_as_web_copy(generated.text))
    assume(all(display_width(t) < generated.width - 6 for kind, t in generated.units if kind == "head"))
    body = "".join(t for _, t in generated.units[:-1])
    assume(excerpts.find_runs(generated.units[-1][1], body) is None)
    result = read_page(generated.text.encode("utf-8"), "generated.txt")
    assert _flatten(result.page) == list(generated.units)


# --- pages that used to lose text ----------------------------------------------------------

NOTICE = (
    "市文化馆今年举办各类公益培训两百余场，吸引市民踊跃参加。\n"
    "培训内容涵盖书法、绘画、舞蹈和声乐等多个门类。\n"
    "市文化馆\n"
    "（2025年6月1日）\n"
)


@pytest.mark.parametrize(
    "text",
    [
        NOTICE,  # a date line at the end of a page with no policy document: not a title, body text
        "（上接第一版）\n\n推动城市文化繁荣发展，加强历史文化名城保护，完善城乡历史文化保护传承体系。\n",
        "（下转第二版）\n推动城市文化繁荣发展，加强历史文化名城保护，完善城乡历史文化保护传承体系。\n",
    ],
    ids=["signed-notice", "continued-from-marker", "marker-before-any-text"],
)
def test_edge_pages_lose_nothing(text: str) -> None:
    result = read_page(text.encode("utf-8"), "edge.txt")
    assert chars(list(source_strings(to_data(result.page)))) == chars(text.split("\n"))
    assert is_subsequence(body_in_reading_order(result.page), squeeze(text))


def test_signed_notice_keeps_its_date_in_the_body() -> None:
    page = read_page(NOTICE.encode("utf-8"), "notice.txt").page
    (item,) = page.items
    assert isinstance(item, Article)
    assert body_in_reading_order(page).endswith("市文化馆（2025年6月1日）")


def test_pull_quote_repeating_a_clause_heading_links_to_the_clause() -> None:
    """A boxed excerpt of a clause's heading and first sentence (not only of paragraphs) is kept."""
    box = "\n系统推进“好房子”和完整社区建设。\n加快构建房地产发展新模式，更好满足群众刚性\n和多样化改善性住房需求。\n"
    text = SEED.read_text(encoding="utf-8") + box
    result = read_page(text.encode("utf-8"), "seed-and-box.txt")
    document, report = result.page.items
    assert [(q.id, q.text[:8], q.paragraph_ids) for q in document.pull_quotes] == [
        ("quote-4", "系统推进“好房子", ("clause-8", "clause-8-p1"))
    ]
    assert [q.id for q in report.pull_quotes] == ["quote-1", "quote-2", "quote-3"]
    assert chars(list(source_strings(to_data(result.page)))) == chars(text.split("\n"))
