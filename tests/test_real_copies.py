"""Shapes of real copies that broke the build (issue 12), each in a fixture written for these tests
(tests/fixtures/shapes/<name>.txt, invented text; their expected models are checked, with the
other shapes', by test_shapes.py):

- part headings with a comma, clause headings with 、 and quotation marks (comma-headings, and the
  same text set in columns: -column);
- a copy with a paragraph a line whose paragraphs end in a note of the departments in charge
  （…负责） (department-notes, -column);
- and the numbering check's error when a heading was missed: it names the line that reads like the
  missing number and says why it was not taken.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from model_support import without_spans
from policydocs.diagnostics import InputError
from policydocs.model import Document, to_data
from policydocs.pipeline import read_page

SHAPES = Path(__file__).resolve().parent / "fixtures" / "shapes"


def read(name: str) -> Document:
    result = read_page((SHAPES / f"{name}.txt").read_bytes(), f"tests/fixtures/shapes/{name}.txt")
    assert result.diagnostics == (), [str(d) for d in result.diagnostics]
    (document,) = result.page.items
    assert isinstance(document, Document)
    return document


def text_of(name: str) -> str:
    return (SHAPES / f"{name}.txt").read_text(encoding="utf-8")


def failure(text: str) -> tuple[int, str]:
    with pytest.raises(InputError) as caught:
        read_page(text.encode("utf-8"), "seeds/copy.txt")
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.level == "error" and diagnostic.path == "seeds/copy.txt"
    return diagnostic.line, diagnostic.message


# --- headings with a comma, 、 and quotation marks -----------------------------------------


def test_part_headings_with_a_comma_are_parts() -> None:
    lines = text_of("comma-headings").split("\n")
    assert lines[5] == "二、深化体制机制改革，激发城市发展活力"  # line 6, as the issue quotes it
    doc = read("comma-headings")
    assert [(p.id, p.title) for p in doc.parts] == [
        ("part-1", "总体要求"),
        ("part-2", "深化体制机制改革，激发城市发展活力"),
        ("part-3", "推进“平急两用”设施建设，提升城市安全韧性"),
        ("part-4", "强化组织实施，确保各项任务落到实处"),
    ]
    assert [p.span.first for p in doc.parts] == [4, 6, 12, 15]
    assert [c.id for c in doc.all_clauses] == [f"clause-{n}" for n in range(1, 6)]
    assert [p.text[:6] for p in doc.parts[3].paragraphs] == ["各市要把城市"]  # a part of paragraphs


def test_a_clause_heading_with_quotation_marks_alone_on_its_line() -> None:
    third = read("comma-headings").parts[1].clauses[2]
    assert third.heading is not None
    assert third.heading.text == "推动“政府引导、市场运作、公众参与”的多元投入机制落地见效"
    assert [p.text[:6] for p in third.paragraphs] == ["鼓励社会资本", "引导居民出资"]
    assert (third.span.first, third.span.last) == (9, 11)


def test_comma_headings_set_in_columns_give_the_same_model() -> None:
    text = text_of("comma-headings-column")
    assert "\n\n二、深化体制机制改革，激发城市发展活力\n\n" in text
    assert without_spans(to_data(read("comma-headings-column"))) == without_spans(to_data(read("comma-headings")))


def test_a_comma_heading_as_wide_as_the_column_over_its_first_clause() -> None:
    """No blank line around the heading, and the heading as wide as the column (19 characters)."""
    text = (
        text_of("comma-headings-column").replace("\n\n二、深化", "\n二、深化").replace("活力\n\n（一）", "活力\n（一）")
    )
    doc = read_page(text.encode("utf-8"), "seeds/copy.txt").page.items[0]
    assert isinstance(doc, Document)
    assert [p.title for p in doc.parts][1] == "深化体制机制改革，激发城市发展活力"
    assert [c.id for c in doc.parts[1].clauses] == ["clause-1", "clause-2", "clause-3"]


# --- paragraphs closed by a note of the departments in charge -----------------------------


def test_paragraphs_ending_in_a_note_are_a_paragraph_a_line() -> None:
    doc = read("department-notes")
    clauses = doc.all_clauses
    assert [c.id for c in clauses] == [f"clause-{n}" for n in range(1, 9)]
    assert [c.span.first for c in clauses] == [5, 6, 7, 9, 10, 11, 13, 14]  # one line each
    assert [len(c.paragraphs) for c in clauses] == [1, 1, 1, 1, 1, 1, 1, 2]
    first = clauses[0].paragraphs[0]
    assert first.text.endswith("加大研发和品牌投入。（省发展改革委、省财政厅负责）")
    assert [s.text for s in first.sentences][-1] == "（省发展改革委、省财政厅负责）"  # kept, a sentence of its own
    assert clauses[2].paragraphs[0].text.endswith("（省住房城乡建设厅指导）")
    assert clauses[6].paragraphs[0].text.endswith("（省市场监管局牵头，各市人民政府负责落实，有关部门参与）")


def test_notes_split_over_column_lines_still_end_their_paragraphs() -> None:
    text = text_of("department-notes-column")
    assert "（省发展改革委、省财\n政厅负责）\n（二）" in text and "生活圈\n。（省住房城乡建设厅指导）" in text
    web, column = read("department-notes"), read("department-notes-column")
    assert without_spans(to_data(column)) == without_spans(to_data(web))


# --- the numbering check names the line it missed ------------------------------------------


def test_a_missed_part_heading_is_named_with_the_reason() -> None:
    text = text_of("comma-headings").replace("激发城市发展活力\n", "激发城市发展活力。\n")
    line, message = failure(text)
    assert line == 6  # the missed line, not the line where 三、 was found
    assert "part 二、 was not found" in message and "二、深化体制机制改革，激发城市发展活力。" in message
    assert "not taken as a part heading" in message and "it ends with “。”" in message
    assert "(line 12)" in message and "三、" in message
    assert "skips" not in message  # the text's numbering is regular: it is not blamed


def test_a_heading_with_a_sentence_in_it_is_named_with_the_reason() -> None:
    text = text_of("comma-headings").replace("改革，激发城市", "改革。激发城市")
    line, message = failure(text)
    assert line == 6 and "has one ending at “。” with text after it" in message


def test_a_clause_label_run_into_the_paragraph_before_it_is_named() -> None:
    text = text_of("comma-headings").replace("\n（二）创新土地", "另行规定。（二）创新土地")
    line, message = failure(text)
    assert line == 7  # （二） now stands on line 7, after the text of （一）
    assert "clause （二） was not found" in message and "follows other text on its line" in message
    assert "from （一） to （三）" in message


def test_a_clause_label_kept_in_the_paragraph_before_it_is_named_with_its_own_line() -> None:
    text = text_of("comma-headings-column").replace("工作闭环。\n（二）", "工作闭环，\n（二）")
    line, message = failure(text)
    assert line == 22 and text.split("\n")[21].startswith("（二）")  # the paragraph began on line 17
    assert "kept in one paragraph with the line before it" in message


def test_without_a_line_like_the_missing_number_the_skip_is_reported() -> None:
    text = text_of("comma-headings").replace("\n（二）创新土地", "\n（四）创新土地")
    line, message = failure(text)
    assert line == 8 and "skips: found （四） after （一）, expected number 2" in message
    assert "no line reading like （二）" in message
