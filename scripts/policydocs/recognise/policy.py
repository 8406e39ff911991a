"""Recognise the structure of a policy document's body: preamble, parts, clauses, closing paragraphs.

Rules (README.md): ``clause-numbering``, ``clause-heading-line``, ``run-in-part-heading`` and
``closing-paragraphs``. Laws number articles 第N条; their (一)(二) items stay inside the article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from .. import ids, patterns
from ..diagnostics import InputError
from ..layout import Block
from ..model import Clause, Field, Paragraph, Part
from ..source import LText
from . import numbering
from .numbering import Numbered
from .paragraphs import cover, paragraphs, sentence


def is_division(block: Block) -> re.Match[str] | None:
    if len(block.lines) != 1:
        return None
    text = block.text
    return (
        patterns.PART_HEADING.match(text)
        or patterns.CHAPTER_HEADING.match(text)
        or patterns.LONG_PART_HEADING.match(text)
    )


def provision_pattern(blocks: Sequence[Block]) -> re.Pattern[str]:
    """Law-shaped texts number articles 第N条; their （一） items stay inside the article."""
    if any(patterns.ARTICLE_START.match(b.text) for b in blocks):
        return patterns.ARTICLE_START
    return patterns.CLAUSE_START


def looks_like_policy(blocks: Sequence[Block]) -> bool:
    provisions = provision_pattern(blocks)
    return any(is_division(b) for b in blocks) or sum(1 for b in blocks if provisions.match(b.text)) >= 2


@dataclass
class _Provision:
    match: re.Match[str]
    blocks: list[Block] = field(default_factory=list)


@dataclass
class _Division:
    match: re.Match[str]
    block: Block
    texts: list[LText] = field(default_factory=list)
    provisions: list[_Provision] = field(default_factory=list)


@dataclass
class _Body:
    """A provision read: its label, heading, and body texts (paragraphs)."""

    label: str
    heading: LText | None
    texts: list[LText]
    label_span: LText


def _numbers(provisions: list[_Provision]) -> list[Numbered]:
    return [
        Numbered(patterns.chinese_number(p.match["num"]), p.match["label"], p.blocks[0].span.first) for p in provisions
    ]


class PolicyBody(NamedTuple):
    """The body of a policy document, between its front and its back matter (the fields of
    model.Document that hold it)."""

    preamble: tuple[Paragraph, ...]
    parts: tuple[Part, ...]
    clauses: tuple[Clause, ...]  # clauses outside any part
    closing: tuple[Paragraph, ...]


def read_body(blocks: Sequence[Block], path: str, continued: bool = False) -> PolicyBody:
    """The body of a policy document (its title, matter, notes and quotes are other rules' work).
    Rules ``part-heading``, ``run-in-part-heading``, ``clause-numbering``, ``clause-heading-line``
    and ``closing-paragraphs``."""
    blocks = list(blocks)
    provisions = provision_pattern(blocks)
    kind = "article" if provisions is patterns.ARTICLE_START else "clause"
    preamble: list[LText] = []
    loose: list[_Provision] = []
    divisions: list[_Division] = []
    run_in = _run_in_parts(blocks)
    for index, block in enumerate(blocks):
        division = is_division(block) or run_in.get(index)
        provision = provisions.match(block.text)
        if division:
            divisions.append(_Division(division, block))
            if division.re is patterns.RUN_IN_PART:
                rest = block.ltext.slice(division.end("title")).strip()
                divisions[-1].texts.append(rest)
        elif provision:
            (divisions[-1].provisions if divisions else loose).append(_Provision(provision, [block]))
        elif divisions and divisions[-1].provisions:
            divisions[-1].provisions[-1].blocks.append(block)
        elif divisions:
            divisions[-1].texts.append(block.ltext)
        elif loose:
            loose[-1].blocks.append(block)
        else:
            preamble.append(block.ltext)

    found = [Numbered(patterns.chinese_number(d.match["num"]), d.match[0][:8], d.block.span.first) for d in divisions]
    chapters = any(d.match.re is patterns.CHAPTER_HEADING for d in divisions)
    numbering.check(path, "chapter" if chapters else "part", found, blocks, _start(found, continued))
    # clause-numbering: through the document (clause-N), or from 1 again in each part (part-M-clause-N)
    restart = _restarts(divisions, continued and bool(loose))
    if restart:
        loose_found = _numbers(loose)
        numbering.check(path, kind, loose_found, blocks, _start(loose_found, continued))
        for division in divisions:
            numbering.check(path, kind, _numbers(division.provisions), blocks)
    else:
        provisions_found = _numbers(loose + [p for d in divisions for p in d.provisions])
        numbering.check(path, kind, provisions_found, blocks, _start(provisions_found, continued))

    bodies = {id(p): _body(p, kind) for p in loose + [p for d in divisions for p in d.provisions]}
    closing = _closing(divisions, loose, bodies, kind)

    clauses = tuple(_clause(p, bodies[id(p)], kind, None) for p in loose)
    parts = []
    for division in divisions:
        part_kind = "chapter" if division.match.re is patterns.CHAPTER_HEADING else "part"
        number = patterns.chinese_number(division.match["num"])
        part_id = ids.division(part_kind, number)
        line = division.block.ltext
        title_start = division.match.start("title")
        label = line.slice(0, title_start).text.strip()
        if division.match.re is patterns.RUN_IN_PART:
            line = line.slice(0, division.match.end("title"))
        part_clauses = tuple(_clause(p, bodies[id(p)], kind, part_id if restart else None) for p in division.provisions)
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
    return PolicyBody(paragraphs(preamble, "preamble"), tuple(parts), clauses, paragraphs(closing, ids.CLOSING))


def _start(found: list[Numbered], continued: bool) -> int:
    """Where numbering starts: at 1, or, in text continued from another page, where it goes on."""
    return found[0].number if continued and found else 1


def _run_in_parts(blocks: list[Block]) -> dict[int, re.Match[str]]:
    """``run-in-part-heading``: in a document with no part headings on lines of their own, paragraphs
    numbered 一、二、… whose first sentence is short (一、扩大服务供给。各地要…) are parts: the first
    sentence is the part's title, the rest its first paragraph. It takes two or more, from 一."""
    if any(is_division(block) for block in blocks):
        return {}
    found = {index: m for index, block in enumerate(blocks) if (m := patterns.RUN_IN_PART.match(block.text))}
    if len(found) < 2 or patterns.chinese_number(next(iter(found.values()))["num"]) != 1:
        return {}
    return found


def _restarts(divisions: list[_Division], after_loose: bool = False) -> bool:
    """Numbering restarts in each part when a later part's first provision is 1 again (or, in text
    continued from another page, after_loose, the first part's: the clauses before it went on
    from the other page's last part)."""
    firsts = [d.provisions[0] for d in divisions if d.provisions]
    return len(firsts) > (0 if after_loose else 1) and all(patterns.chinese_number(p.match["num"]) == 1 for p in firsts)


def _body(provision: _Provision, kind: str) -> _Body:
    """Label, heading and paragraphs of a provision.

    ``clause-heading-line``: a clause's heading is the first sentence after its label (（八）系统
    推进“好房子”和完整社区建设。); a heading alone on its line with no full stop (（二）工作原则)
    is the whole line, and the body is in the lines and paragraphs after it.
    """
    first_block = provision.blocks[0]
    first = first_block.ltext
    label = first.slice(0, provision.match.end("label"))
    texts = [b.ltext for b in provision.blocks[1:]]
    heading = None
    if kind == "clause":
        head_line = first_block.lines[0]
        rest = first.slice(provision.match.end())
        rest = rest.slice(len(rest.text) - len(rest.text.lstrip()))
        if len(first_block.lines) > 1 and not patterns.LINE_END.search(head_line.text):
            heading_end = len(head_line.text) - provision.match.end()
            heading = rest.slice(0, heading_end)
            rest = rest.slice(heading_end)
        else:
            bounds = patterns.split_sentences(rest.text)
            if bounds:
                heading = rest.slice(*bounds[0])
                rest = rest.slice(bounds[0][1])
    else:
        rest = first.slice(provision.match.end())
    if rest.text.strip():
        texts.insert(0, rest.strip())
    return _Body(label.text, heading, texts, label)


def _closing(divisions: list[_Division], loose: list[_Provision], bodies: dict[int, _Body], kind: str) -> list[LText]:
    """``closing-paragraphs``: unheaded paragraphs after the last clause that speak for the whole
    document are taken out of that clause (or part) and returned.

    Evidence: the paragraph opens with a closing formula, and the clause (or part) keeps a body of
    its own before it. Formulas: the document naming itself (本意见自印发之日起施行, 本办法由…负责
    解释) or, after a clause, addressing all who carry it out (各地区各部门要…, 请…认真贯彻执行).
    In a part with no clauses only the first kind counts: 各地区各部门要… is the usual body of a
    part such as 组织实施. The paragraphs after the first such paragraph are closing too. A law's
    articles (第N条) are left alone: a paragraph after the last article is a 款 of it.
    """
    if kind != "clause":
        return []
    last = divisions[-1].provisions if divisions else loose
    if divisions and not divisions[-1].provisions:
        texts = divisions[-1].texts
        cut = _first_formula(texts, 1, address=False)
    elif last:
        texts = bodies[id(last[-1])].texts
        cut = _first_formula(texts, 1, address=True)
    else:
        return []
    closing = texts[cut:]
    del texts[cut:]
    return closing


def _first_formula(texts: list[LText], start: int, address: bool) -> int:
    for index in range(start, len(texts)):
        text = texts[index].text
        if patterns.SELF_REFERENCE.match(text) or (address and patterns.ADDRESS_FORMULA.match(text)):
            return index
    return len(texts)


def _clause(provision: _Provision, body: _Body, kind: str, part_id: str | None) -> Clause:
    number = patterns.chinese_number(provision.match["num"])
    clause_id = ids.provision(kind, number, part_id)
    heading = sentence(body.heading, ids.heading(clause_id)) if body.heading is not None else None
    spans = [body.label_span.span] + ([body.heading.span] if body.heading is not None else [])
    spans += [t.span for t in body.texts]
    return Clause(clause_id, kind, number, body.label, heading, paragraphs(body.texts, clause_id), cover(spans))  # type: ignore[arg-type]


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


__all__ = ["InputError", "PolicyBody", "looks_like_policy", "read_body", "title_and_date"]
