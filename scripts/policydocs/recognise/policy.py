"""Recognise the structure of a policy document's body by named, ordered rules: preamble, parts,
clauses, closing paragraphs (the ``policy-body`` rule of rules.py runs them). Rules, in order:

1. ``law-articles``         a text numbering articles 第N条 is a law: its provisions are articles, and
                            their (一)(二) items stay inside the article as paragraphs.
2. ``part-heading``         a one-line block 一、总体要求 (or 第一章 总则, or a heading in two halves or
                            with 、 and quotation marks, up to 60 characters, with no sentence in it)
                            is a part (a chapter) heading.
3. ``run-in-part-heading``  in a text with no part headings on lines of their own, paragraphs numbered
                            一、二、… from 一 whose first sentence is short (一、扩大服务供给。各地要…)
                            are parts: the sentence is the title, the rest the part's first paragraph.
4. ``parts-and-clauses``    a block opening with a clause label （一） (an article's 第一条) starts a
                            provision; the blocks after a heading or a provision, up to the next one,
                            are its text; the blocks before any are the preamble.
5. ``clause-numbering``     numbers run on by one: parts (chapters), and provisions through the
                            document (``clause-N``) or, when the first provision of every later part
                            is （一） again, from 1 in each part (``part-M-clause-N``); in text continued
                            from another page, from the first number it holds. A skip is reported
                            at the line that reads like the missing number when there is one (numbering.py).
6. ``clause-heading-line``  a clause's heading is the first sentence after its label; a heading alone
                            on its line with no full stop (（二）工作原则) is the whole line.
7. ``closing-paragraphs``   unheaded paragraphs after the last clause that open with a closing formula
                            speak for the whole document, not for that clause (see _closing).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import NamedTuple

from .. import ids, patterns
from ..diagnostics import InputError
from ..layout import Block
from ..model import Clause, Field, Paragraph, Part
from ..source import LText
from . import numbering
from .numbering import Numbered
from .paragraphs import cover, field, paragraphs, sentence


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


class Provision(NamedTuple):
    """A clause or an article as the rules have it so far."""

    match: re.Match[str]  # its label, at the start of its first block
    block: Block  # its first block
    rest: LText  # the first block after the label (and after the heading, once rule 6 ran)
    more: tuple[LText, ...] = ()  # the blocks after the first
    heading: LText | None = None  # rule 6

    def texts(self) -> list[LText]:
        """Its paragraphs' texts."""
        return ([self.rest.strip()] if self.rest.text.strip() else []) + list(self.more)

    def numbered(self) -> Numbered:
        return Numbered(patterns.chinese_number(self.match["num"]), self.match["label"], self.block.span.first)


class Division(NamedTuple):
    """A part or a chapter: its heading, its own paragraphs' texts and its provisions."""

    match: re.Match[str]
    block: Block
    texts: tuple[LText, ...] = ()
    provisions: tuple[Provision, ...] = ()


class Body(NamedTuple):
    """A document's body as the rules have it so far: each rule reads what the rules before it filled in."""

    path: str
    blocks: tuple[Block, ...]
    continued: bool = False  # the text continues a document printed on another page
    pattern: re.Pattern[str] = patterns.CLAUSE_START  # rule 1: how a provision's label reads
    headings: Mapping[int, re.Match[str]] = MappingProxyType({})  # rules 2-3: block index -> part heading
    preamble: tuple[LText, ...] = ()  # rule 4
    loose: tuple[Provision, ...] = ()  # rule 4: provisions before any part
    divisions: tuple[Division, ...] = ()  # rule 4
    restart: bool = False  # rule 5: numbering restarts in each part
    closing: tuple[LText, ...] = ()  # rule 7

    @property
    def kind(self) -> str:
        return "article" if self.pattern is patterns.ARTICLE_START else "clause"

    @property
    def provisions(self) -> list[Provision]:
        return list(self.loose) + [p for d in self.divisions for p in d.provisions]


Rule = Callable[[Body], Body]


def law_articles(body: Body) -> Body:
    return body._replace(pattern=provision_pattern(body.blocks))


def part_heading(body: Body) -> Body:
    found = {index: match for index, block in enumerate(body.blocks) if (match := is_division(block))}
    return body._replace(headings=MappingProxyType(found))


def run_in_part_heading(body: Body) -> Body:
    """In a document with no part headings on lines of their own, paragraphs numbered 一、二、…
    whose first sentence is short (一、扩大服务供给。各地要…) are parts: the first sentence is the
    part's title, the rest its first paragraph. It takes two or more, from 一."""
    if any(is_division(block) for block in body.blocks):
        return body
    found = {i: m for i, block in enumerate(body.blocks) if (m := patterns.RUN_IN_PART.match(block.text))}
    if len(found) < 2 or patterns.chinese_number(next(iter(found.values()))["num"]) != 1:
        return body
    return body._replace(headings=MappingProxyType({**body.headings, **found}))


#: A provision being read: its label, its first block, the texts of the blocks after it.
_Open = tuple[re.Match[str], Block, list[LText]]


def parts_and_clauses(body: Body) -> Body:
    preamble: list[LText] = []
    loose: list[_Open] = []
    divisions: list[tuple[Division, list[LText], list[_Open]]] = []  # (heading, its texts, its provisions)
    for index, block in enumerate(body.blocks):
        heading = body.headings.get(index)
        label = body.pattern.match(block.text)
        if heading:
            texts = [block.ltext.slice(heading.end("title")).strip()] if heading.re is patterns.RUN_IN_PART else []
            divisions.append((Division(heading, block), texts, []))
        elif label:
            (divisions[-1][2] if divisions else loose).append((label, block, []))
        elif divisions and divisions[-1][2]:
            divisions[-1][2][-1][2].append(block.ltext)
        elif divisions:
            divisions[-1][1].append(block.ltext)
        elif loose:
            loose[-1][2].append(block.ltext)
        else:
            preamble.append(block.ltext)

    def provisions(found: list[_Open]) -> tuple[Provision, ...]:
        return tuple(
            Provision(label, block, block.ltext.slice(label.end()), tuple(more)) for label, block, more in found
        )

    return body._replace(
        preamble=tuple(preamble),
        loose=provisions(loose),
        divisions=tuple(d._replace(texts=tuple(t), provisions=provisions(p)) for d, t, p in divisions),
    )


def _start(found: list[Numbered], continued: bool) -> int:
    """Where numbering starts: at 1, or, in text continued from another page, where it goes on."""
    return found[0].number if continued and found else 1


def _restarts(divisions: Sequence[Division], after_loose: bool = False) -> bool:
    """Numbering restarts in each part when a later part's first provision is 1 again (or, in text
    continued from another page, after_loose, the first part's: the clauses before it went on
    from the other page's last part)."""
    firsts = [d.provisions[0] for d in divisions if d.provisions]
    return len(firsts) > (0 if after_loose else 1) and all(patterns.chinese_number(p.match["num"]) == 1 for p in firsts)


def clause_numbering(body: Body) -> Body:
    path, blocks, continued, divisions = body.path, list(body.blocks), body.continued, body.divisions
    found = [Numbered(patterns.chinese_number(d.match["num"]), d.match[0][:8], d.block.span.first) for d in divisions]
    chapters = any(d.match.re is patterns.CHAPTER_HEADING for d in divisions)
    numbering.check(path, "chapter" if chapters else "part", found, blocks, _start(found, continued))
    restart = _restarts(divisions, continued and bool(body.loose))
    if restart:
        loose_found = [p.numbered() for p in body.loose]
        numbering.check(path, body.kind, loose_found, blocks, _start(loose_found, continued))
        for division in divisions:
            numbering.check(path, body.kind, [p.numbered() for p in division.provisions], blocks)
    else:
        provisions_found = [p.numbered() for p in body.provisions]
        numbering.check(path, body.kind, provisions_found, blocks, _start(provisions_found, continued))
    return body._replace(restart=restart)


def _with_heading(provision: Provision) -> Provision:
    """A clause's heading is the first sentence after its label (（八）系统推进“好房子”和完整社区
    建设。); a heading alone on its line with no full stop (（二）工作原则) is the whole line, and
    the body is in the lines and paragraphs after it."""
    head_line = provision.block.lines[0]
    rest = provision.rest.slice(len(provision.rest.text) - len(provision.rest.text.lstrip()))
    if len(provision.block.lines) > 1 and not patterns.LINE_END.search(head_line.text):
        heading_end = len(head_line.text) - provision.match.end()
        return provision._replace(heading=rest.slice(0, heading_end), rest=rest.slice(heading_end))
    bounds = patterns.split_sentences(rest.text)
    if bounds:
        return provision._replace(heading=rest.slice(*bounds[0]), rest=rest.slice(bounds[0][1]))
    return provision._replace(rest=rest)


def clause_heading_line(body: Body) -> Body:
    if body.kind != "clause":
        return body  # a law's article has no heading
    return body._replace(
        loose=tuple(_with_heading(p) for p in body.loose),
        divisions=tuple(d._replace(provisions=tuple(_with_heading(p) for p in d.provisions)) for d in body.divisions),
    )


def closing_paragraphs(body: Body) -> Body:
    """Unheaded paragraphs after the last clause that speak for the whole document are taken out
    of that clause (or part).

    Evidence: the paragraph opens with a closing formula, and the clause (or part) keeps a body of
    its own before it. Formulas: the document naming itself (本意见自印发之日起施行, 本办法由…负责
    解释) or, after a clause, addressing all who carry it out (各地区各部门要…, 请…认真贯彻执行).
    In a part with no clauses only the first kind counts: 各地区各部门要… is the usual body of a
    part such as 组织实施. The paragraphs after the first such paragraph are closing too. A law's
    articles (第N条) are left alone: a paragraph after the last article is a 款 of it.
    """
    if body.kind != "clause":
        return body
    divisions = list(body.divisions)
    if divisions and not divisions[-1].provisions:
        texts = divisions[-1].texts
        cut = _first_formula(texts, 1, address=False)
        divisions[-1] = divisions[-1]._replace(texts=texts[:cut])
        return body._replace(divisions=tuple(divisions), closing=texts[cut:])
    last = divisions[-1].provisions if divisions else body.loose
    if not last:
        return body
    texts = last[-1].texts()
    cut = _first_formula(texts, 1, address=True)
    kept = last[-1]._replace(more=last[-1].more[: cut - (len(texts) - len(last[-1].more))])
    if divisions:
        divisions[-1] = divisions[-1]._replace(provisions=last[:-1] + (kept,))
        return body._replace(divisions=tuple(divisions), closing=tuple(texts[cut:]))
    return body._replace(loose=last[:-1] + (kept,), closing=tuple(texts[cut:]))


def _first_formula(texts: Sequence[LText], start: int, address: bool) -> int:
    for index in range(start, len(texts)):
        text = texts[index].text
        if patterns.SELF_REFERENCE.match(text) or (address and patterns.ADDRESS_FORMULA.match(text)):
            return index
    return len(texts)


#: The rules, in the order they run (see the module's docstring).
RULES: tuple[tuple[str, Rule], ...] = (
    ("law-articles", law_articles),
    ("part-heading", part_heading),
    ("run-in-part-heading", run_in_part_heading),
    ("parts-and-clauses", parts_and_clauses),
    ("clause-numbering", clause_numbering),
    ("clause-heading-line", clause_heading_line),
    ("closing-paragraphs", closing_paragraphs),
)


class PolicyBody(NamedTuple):
    """The body of a policy document, between its front and its back matter (the fields of
    model.Document that hold it)."""

    preamble: tuple[Paragraph, ...]
    parts: tuple[Part, ...]
    clauses: tuple[Clause, ...]  # clauses outside any part
    closing: tuple[Paragraph, ...]


def read_body(
    blocks: Sequence[Block], path: str, continued: bool = False, rules: Sequence[tuple[str, Rule]] = RULES
) -> PolicyBody:
    """Run the rules in order over a document's body; its parts, clauses and paragraphs, each made once."""
    body = Body(path, tuple(blocks), continued)
    for _, rule in rules:
        body = rule(body)
    clauses = tuple(_clause(p, body.kind, None) for p in body.loose)
    parts = []
    for division in body.divisions:
        part_kind = "chapter" if division.match.re is patterns.CHAPTER_HEADING else "part"
        number = patterns.chinese_number(division.match["num"])
        part_id = ids.division(part_kind, number)
        line = division.block.ltext
        label = line.slice(0, division.match.start("title")).text.strip()
        if division.match.re is patterns.RUN_IN_PART:
            line = line.slice(0, division.match.end("title"))
        part_clauses = tuple(_clause(p, body.kind, part_id if body.restart else None) for p in division.provisions)
        spans = [line.span] + [t.span for t in division.texts] + [c.span for c in part_clauses]
        title = division.match["title"].strip()
        own = paragraphs(list(division.texts), part_id)
        parts.append(Part(part_id, part_kind, number, label, title, own, part_clauses, cover(spans)))  # type: ignore[arg-type]
    return PolicyBody(
        paragraphs(list(body.preamble), "preamble"), tuple(parts), clauses, paragraphs(list(body.closing), ids.CLOSING)
    )


def _clause(provision: Provision, kind: str, part_id: str | None) -> Clause:
    number = patterns.chinese_number(provision.match["num"])
    clause_id = ids.provision(kind, number, part_id)
    label = provision.block.ltext.slice(0, provision.match.end("label"))
    heading = sentence(provision.heading, ids.heading(clause_id)) if provision.heading is not None else None
    texts = provision.texts()
    spans = [label.span] + ([provision.heading.span] if provision.heading is not None else [])
    spans += [t.span for t in texts]
    return Clause(clause_id, kind, number, label.text, heading, paragraphs(texts, clause_id), cover(spans))  # type: ignore[arg-type]


def title_and_date(lines: list[LText]) -> tuple[Field | None, Field | None]:
    """A title block: title lines, maybe over several lines, then maybe a date line."""
    date = None
    if lines and patterns.DATE_LINE.match(lines[-1].text):
        date = field(lines[-1])
        lines = lines[:-1]
    if not lines:
        return None, date
    return field(*lines), date


__all__ = ["RULES", "InputError", "PolicyBody", "looks_like_policy", "read_body", "title_and_date"]
