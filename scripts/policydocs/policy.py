"""Recognise the structure of a policy document: preamble, parts, clauses."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import ids, patterns
from .diagnostics import Diagnostic, InputError, error
from .layout import Block
from .model import Clause, Document, Field, Part
from .paragraphs import cover, paragraphs, sentence
from .source import LText


def is_division(block: Block) -> re.Match[str] | None:
    if len(block.lines) != 1:
        return None
    return patterns.PART_HEADING.match(block.text) or patterns.CHAPTER_HEADING.match(block.text)


def provision_pattern(blocks: list[Block]) -> re.Pattern[str]:
    """Law-shaped texts number articles 第N条; their （一） items stay inside the article."""
    if any(patterns.ARTICLE_START.match(b.text) for b in blocks):
        return patterns.ARTICLE_START
    return patterns.CLAUSE_START


def looks_like_policy(blocks: list[Block]) -> bool:
    provisions = provision_pattern(blocks)
    return any(is_division(b) for b in blocks) or sum(1 for b in blocks if provisions.match(b.text)) >= 2


@dataclass
class _Provision:
    match: re.Match[str]
    texts: list[LText] = field(default_factory=list)


@dataclass
class _Division:
    match: re.Match[str]
    block: Block
    texts: list[LText] = field(default_factory=list)
    provisions: list[_Provision] = field(default_factory=list)


def _check_sequence(path: str, what: str, found: list[tuple[int, str, int]], restart: bool) -> None:
    """found: (number, label, line). Numbers must run 1, 2, 3 … (restarting per part if restart)."""
    expected, previous = 1, None
    seen: dict[int, int] = {}
    for number, label, line in found:
        if restart and number == 1:
            expected, seen = 1, {}
        if number != expected:
            if number in seen:
                raise error(path, line, f"{what} numbering repeats: {label} again (first on line {seen[number]})")
            after = f" after {previous}" if previous else ""
            raise error(path, line, f"{what} numbering skips: found {label}{after}, expected number {expected}")
        seen[number] = line
        expected, previous = number + 1, label


def build_document(blocks: list[Block], path: str) -> tuple[Document, list[Diagnostic]]:
    """The body of a policy document; title, date, notes and quotes are added by the caller."""
    provisions = provision_pattern(blocks)
    kind = "article" if provisions is patterns.ARTICLE_START else "clause"
    preamble: list[LText] = []
    loose: list[_Provision] = []
    divisions: list[_Division] = []
    for block in blocks:
        division = is_division(block)
        provision = provisions.match(block.text)
        if division:
            divisions.append(_Division(division, block))
        elif provision:
            (divisions[-1].provisions if divisions else loose).append(_Provision(provision, [block.ltext]))
        elif divisions and divisions[-1].provisions:
            divisions[-1].provisions[-1].texts.append(block.ltext)
        elif divisions:
            divisions[-1].texts.append(block.ltext)
        elif loose:
            loose[-1].texts.append(block.ltext)
        else:
            preamble.append(block.ltext)

    found = [(patterns.chinese_number(d.match["num"]), d.match[0][:8], d.block.span.first) for d in divisions]
    _check_sequence(path, "part", found, False)
    restart = _restarts(divisions)
    all_provisions = loose + [p for d in divisions for p in d.provisions]
    _check_sequence(
        path,
        kind,
        [(patterns.chinese_number(p.match["num"]), p.match["label"], p.texts[0].span.first) for p in all_provisions],
        restart,
    )

    clauses = tuple(_clause(p, kind, None) for p in loose)
    parts = []
    for division in divisions:
        part_kind = "chapter" if division.match.re is patterns.CHAPTER_HEADING else "part"
        number = patterns.chinese_number(division.match["num"])
        part_id = ids.division(part_kind, number)
        line = division.block.ltext
        title_start = division.match.start("title")
        label = line.slice(0, title_start).text.strip()
        part_clauses = tuple(_clause(p, kind, part_id if restart else None) for p in division.provisions)
        spans = [line.span] + [t.span for t in division.texts] + [c.span for c in part_clauses]
        parts.append(
            Part(
                part_id,
                part_kind,
                number,
                label,
                division.match["title"].strip(),
                paragraphs(division.texts, part_id),
                part_clauses,
                cover(spans),
            )
        )
    spans = [b.span for b in blocks]
    document = Document(
        slug="",
        title=None,
        date=None,
        preamble=paragraphs(preamble, "preamble"),
        parts=tuple(parts),
        clauses=clauses,
        notes=(),
        pull_quotes=(),
        span=cover(spans),
    )
    return document, []


def _restarts(divisions: list[_Division]) -> bool:
    """Numbering restarts in each part when a later part's first provision is 1 again."""
    firsts = [d.provisions[0] for d in divisions if d.provisions]
    return len(firsts) > 1 and all(patterns.chinese_number(p.match["num"]) == 1 for p in firsts)


def _clause(provision: _Provision, kind: str, part_id: str | None) -> Clause:
    number = patterns.chinese_number(provision.match["num"])
    clause_id = ids.provision(kind, number, part_id)
    first = provision.texts[0]
    label_end = provision.match.end()
    label = first.slice(0, provision.match.end("label")).text
    rest = first.slice(label_end)
    heading = None
    texts = list(provision.texts[1:])
    if kind == "clause":
        bounds = patterns.split_sentences(rest.text)
        if bounds:
            heading = sentence(rest.slice(*bounds[0]), ids.heading(clause_id))
            rest = rest.slice(bounds[0][1])
    if rest.text.strip():
        texts.insert(0, rest.strip())
    spans = [t.span for t in provision.texts]
    return Clause(clause_id, kind, number, label, heading, paragraphs(texts, clause_id), cover(spans))  # type: ignore[arg-type]


def title_and_date(lines: list[LText]) -> tuple[Field | None, Field | None]:
    """A title block: title lines, maybe over several lines, then maybe a date line."""
    date = None
    if lines and patterns.DATE_LINE.match(lines[-1].text):
        date = Field(lines[-1].text, lines[-1].span)
        lines = lines[:-1]
    if not lines:
        return None, date
    title_text = "".join(line.text for line in lines)
    return Field(title_text, cover([line.span for line in lines])), date


__all__ = ["InputError", "build_document", "looks_like_policy", "title_and_date"]
