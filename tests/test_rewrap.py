"""Layout independence: the seed's text set again at another column width gives the same model.

The page is rebuilt from the seed's model in page order (by source line): every body paragraph,
deck and pull quote is set again in a column 15 or 28 characters wide (by display width, closing
punctuation hanging at the line end); headings, titles, bylines and date lines stay whole lines;
blank lines separate the units, a few more are put at column breaks inside paragraphs, and the
page-jump marker ends the last line of the page's text as in the print.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from model_support import without_spans
from policydocs.model import Document, Page, to_data
from policydocs.patterns import ends_sentence, squeeze
from policydocs.pipeline import read_page
from policydocs.source import display_width

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_934e3267210eb057.txt"
CLOSERS = "，、；：。！？”’）》"
#: every how many set paragraphs a blank line is put at a column break inside the paragraph
BREAK_EVERY = 9


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` cells; closers hang, —— and spaces never start or end a line."""
    lines: list[str] = []
    current, used = "", 0
    for char in text:
        w = display_width(char)
        breakable = char not in CLOSERS and char != " " and not current.endswith(" ")
        if current and used + w > width and breakable and not (char == "—" and current.endswith("—")):
            lines.append(current)
            current, used = "", 0
        current += char
        used += w
    lines.append(current)
    return lines


def units(page: Page) -> list[tuple[int, str, Any]]:
    """(first source line, kind, text) of everything printed on the page: "set" units are column
    text, "whole" units are lists of lines kept as they are, "marker" is a page-jump marker."""
    out: list[tuple[int, str, Any]] = []
    for item in page.items:
        if isinstance(item, Document):
            if item.title:
                lines = [item.title.text] + ([item.date.text] if item.date else [])
                out.append((item.title.span.first, "whole", lines))
            out.extend((p.span.first, "set", p.text) for p in item.preamble)
            for part in item.parts:
                out.append((part.span.first, "whole", [part.label + part.title]))
                out.extend((p.span.first, "set", p.text) for p in part.paragraphs)
                for clause in part.clauses:
                    texts = [p.text for p in clause.paragraphs]
                    first = clause.label + (clause.heading.text if clause.heading else "") + (texts[0] if texts else "")
                    out.append((clause.span.first, "set", first))
                    out.extend((p.span.first, "set", p.text) for p in clause.paragraphs[1:])
        else:
            if item.headline:
                out.append((item.headline.span.first, "whole", [item.headline.text]))
            if item.deck:
                out.append((item.deck.span.first, "set", item.deck.text))
            if item.byline:
                out.append((item.byline.span.first, "whole", [item.byline.text]))
            out.extend((p.span.first, "set", p.text) for p in item.lead)
            for section in item.sections:
                head = [section.title.text] + ([section.subtitle.text] if section.subtitle else [])
                out.append((section.title.span.first, "whole", head))
                out.extend((p.span.first, "set", p.text) for p in section.paragraphs)
        out.extend((note.span.first, "marker", note.source_text) for note in item.notes)
        out.extend((quote.span.first, "set", quote.text) for quote in item.pull_quotes)
    return sorted(out, key=lambda unit: unit[0])


def rebreak(page: Page, chars: int) -> tuple[str, int]:
    """The page set `chars` CJK characters wide; also returns how many blank lines went mid-paragraph."""
    width = 2 * chars
    lines: list[str] = []
    set_count = mid_breaks = 0
    for _, kind, content in units(page):
        if kind == "marker":
            lines[-1] += " " + content
            continue
        if lines:
            lines.append("")
        if kind == "whole":
            lines.extend(content)
            continue
        set_count += 1
        column = wrap(content, width)
        for index, line in enumerate(column):
            lines.append(line)
            middle = index == len(column) // 2 and index < len(column) - 1
            if set_count % BREAK_EVERY == 0 and middle and not ends_sentence(line):
                lines.append("")
                mid_breaks += 1
    return "\n".join(lines) + "\n", mid_breaks


@pytest.mark.parametrize("chars", [15, 28])
def test_rebroken_seed_gives_the_same_model(seed_result, chars: int) -> None:
    page = seed_result.page
    text, mid_breaks = rebreak(page, chars)
    # the new page really is set differently, and holds the same text
    lines = [line for line in text.split("\n") if line]
    full = [line for line in lines if 2 * chars - 2 <= display_width(line) <= 2 * chars + 4]
    too_wide = [line for line in lines if display_width(line) > 2 * chars + 4 and not line.endswith("版）")]
    assert len(full) > 0.6 * len(lines)
    assert set(too_wide) <= {"中共中央 国务院关于推动城市高质量发展的意见", "忠诚履职担当 竭诚惠工暖心"}
    assert mid_breaks >= 2
    assert sorted(squeeze(text)) == sorted(squeeze(SEED.read_text(encoding="utf-8")))

    rebuilt = read_page(text.encode("utf-8"), page.path)
    assert rebuilt.diagnostics == seed_result.diagnostics
    assert without_spans(to_data(rebuilt.page)) == without_spans(to_data(page))


def test_rebreaking_is_not_a_copy_of_the_seed(seed_result) -> None:
    """Guards the test above: at 15 characters hardly a line of the seed survives as a line."""
    text, _ = rebreak(seed_result.page, 15)
    seed_lines = {line.strip() for line in SEED.read_text(encoding="utf-8").split("\n") if len(line.strip()) > 16}
    assert len(seed_lines & set(text.split("\n"))) < 5


def test_a_different_model_is_noticed(seed_result) -> None:
    """Guards the comparison: dropping one blank line between two paragraphs changes the model."""
    text, _ = rebreak(seed_result.page, 28)
    start = text.index("工作中要做到")
    joined = text[: start - 1].rstrip("\n") + "\n" + text[start:]  # no blank line before it
    rebuilt = read_page(joined.encode("utf-8"), seed_result.page.path)
    part = next(p for p in rebuilt.page.items[0].parts if p.id == "part-1")
    # the previous paragraph's last line is short and ends 。: the break is restored, still 3 paragraphs
    assert len(part.paragraphs) == 3
    merged = text.replace("\n\n工作中要做到", "工作中要做到")  # glued onto the previous line: one paragraph
    rebuilt = read_page(merged.encode("utf-8"), seed_result.page.path)
    assert without_spans(to_data(rebuilt.page)) != without_spans(to_data(seed_result.page))
