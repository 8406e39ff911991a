"""Documents continued on another page: the ``continued-on`` rule.

A newspaper prints the start of a long document on one page, stops at a page-end marker
(（下转第六版）) and goes on on another page, which opens with a marker naming where the text
comes from (（上接第一版）) and continues with the next part or clause (八、…, （二十一）…). Each
page is read on its own (recognise.py): the continuation is a document with no title whose first
note is that marker and whose numbering goes on from where the other page stopped.

join_continuations, run over all pages once each has been read and before slugs are given, joins
each continuation to the document it continues: the document that stops at a page-end marker and
whose last part and clause are the ones just before the continuation's first. The pages may come
in any order, and both may be in one file. The joined document keeps its page, slug and every id
it had; the continuation's parts and clauses keep their ids, which come from their numbers
(``part-8``, ``clause-21``), and text before its first heading is more paragraphs of the last
clause (or, when the page stopped inside a sentence, the rest of that sentence and paragraph).
Both markers stay, as editorial notes. Nodes holding lines of both pages have a span over both
files (source.Spans). A date line read on the continued page is the joined document's date when
it has none, else kept as printed, a ``date`` line of its front matter.

A continuation whose document is not there is published as it is, a fragment, with a warning
saying what it waits for; it is never taken for a document whose numbering starts at 八.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from .. import ids, patterns
from ..diagnostics import Diagnostic, error
from ..fidelity import characters, model_texts
from ..model import Clause, Document, Item, Matter, Page, Paragraph, PullQuote, Sentence
from ..source import Span, joined
from . import matter

JUMP_NOTES = ("page-end", "page-start")


def is_continuation(item: Item) -> bool:
    """A document read from text that opens with a marker such as （上接第一版）, with no title."""
    if not isinstance(item, Document) or item.title is not None or not item.notes:
        return False
    first = item.notes[0]
    return first.kind == "page-start" and first.span == Span(item.span.path, item.span.first, first.span.last)


def is_open(item: Item) -> bool:
    """A document whose text stops at a page-end marker (（下转第六版）) and has not been continued."""
    jumps = [note for note in item.notes if note.kind in JUMP_NOTES] if isinstance(item, Document) else []
    return bool(jumps) and jumps[-1].kind == "page-end"


def _restarts(document: Document) -> bool:
    return any(clause.id.startswith("part-") for part in document.parts for clause in part.clauses)


def _last_clause(document: Document) -> Clause | None:
    if document.parts:
        return document.parts[-1].clauses[-1] if document.parts[-1].clauses else None
    return document.clauses[-1] if document.clauses else None


def _first_clause(document: Document) -> Clause | None:
    if document.clauses:
        return document.clauses[0]
    return next((part.clauses[0] for part in document.parts if part.clauses), None)


def fits(base: Document, continuation: Document) -> bool:
    """The continuation's first part and clause are the ones after the base's last."""
    if continuation.parts:
        last_part = base.parts[-1].number if base.parts else 0
        if continuation.parts[0].number != last_part + 1:
            return False
        if base.parts and continuation.parts[0].kind != base.parts[-1].kind:
            return False
    first = _first_clause(continuation)
    if first is None:
        return bool(continuation.parts) or bool(_last_clause(base) or base.parts)
    clauses = base.all_clauses
    if clauses and clauses[0].kind != first.kind:
        return False
    in_new_part = not continuation.clauses
    if in_new_part and _restarts(base):
        return first.number == 1
    if in_new_part and base.parts:
        previous = max((c.number for c in clauses), default=0)
    else:
        last = _last_clause(base)
        previous = last.number if last is not None else 0
    return first.number == previous + 1


def waiting_for(continuation: Document) -> str:
    """What the continuation's document must end with, in words (for the warning)."""
    wants = []
    if continuation.parts:
        number = continuation.parts[0].number - 1
        wants.append(f"part {patterns.to_chinese_number(number)}、" if number else "its preamble")
    first = _first_clause(continuation)
    if first is not None and first.number > 1:
        label = patterns.to_chinese_number(first.number - 1)
        wants.append(f"第{label}条" if first.kind == "article" else f"（{label}）")
    return " and ".join(wants) or "the text before it"


def join_continuations(pages: Sequence[Page]) -> tuple[list[Page], list[Diagnostic]]:
    """Every continuation joined to the document it continues (see the module's docstring), and a
    warning for each continuation left on its own. Pages with no continuation are returned as
    they are (the same objects)."""
    items = [list(page.items) for page in pages]
    while (pair := _next_pair(pages, items)) is not None:
        (base_page, base_index), (page_index, index) = pair
        base, continuation = items[base_page][base_index], items[page_index][index]
        assert isinstance(base, Document) and isinstance(continuation, Document)
        items[base_page][base_index] = merge(base, continuation)
        items[page_index] = _without(items[page_index], index)
    warnings = []
    for page, page_items in zip(pages, items):
        for item in page_items:
            if is_continuation(item):
                assert isinstance(item, Document)
                marker = item.notes[0]
                warnings.append(
                    Diagnostic(
                        page.path,
                        marker.span.first,
                        "warning",
                        f"this text continues a document from another page ({marker.source_text}), but no"
                        f" document read stops at a page-end marker (such as （下转第六版）) after"
                        f" {waiting_for(item)}: published as a fragment until the page it continues is added",
                    )
                )
    out = [
        page if tuple(page_items) == page.items else dataclasses.replace(page, items=tuple(page_items))
        for page, page_items in zip(pages, items)
    ]
    return out, warnings


def _next_pair(pages: Sequence[Page], items: list[list[Item]]) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The first continuation (in page order) with exactly one document it fits, preferring an
    open document on its own page before it."""
    open_documents = [
        (p, i) for p, page_items in enumerate(items) for i, item in enumerate(page_items) if is_open(item)
    ]
    for p, page_items in enumerate(items):
        for i, item in enumerate(page_items):
            if not is_continuation(item):
                continue
            assert isinstance(item, Document)
            found = [
                (bp, bi)
                for bp, bi in open_documents
                if (bp, bi) != (p, i) and fits(items[bp][bi], item)  # type: ignore[arg-type]
            ]
            before = [(bp, bi) for bp, bi in found if bp == p and bi < i]
            if before:
                return before[-1], (p, i)
            if len(found) == 1:
                return found[0], (p, i)
    return None


def _without(page_items: list[Item], index: int) -> list[Item]:
    """The page's items without one: the links of the others (by position) follow."""
    out: list[Item] = []
    for item in page_items[:index] + page_items[index + 1 :]:
        if isinstance(item, Document) and item.links:
            links = tuple(
                dataclasses.replace(link, item=link.item - (link.item > index))
                for link in item.links
                if link.item != index
            )
            item = dataclasses.replace(item, links=links)
        out.append(item)
    return out


def joined_from(pages: Sequence[Page]) -> dict[str, set[str]]:
    """slug -> the seeds whose continuations each joined document took in (for the registry)."""
    out: dict[str, set[str]] = {}
    for page in pages:
        for item in page.items:
            if isinstance(item, Document) and not is_continuation(item):
                seeds = {note.span.path for note in item.notes if note.kind == "page-start"} - {page.path}
                if seeds:
                    out[item.slug] = seeds
    return out


# --- merging ---------------------------------------------------------------------------------


def _renumbered(paragraphs: Sequence[Paragraph], parent: str, start: int, moved: dict[str, str]) -> list[Paragraph]:
    """Paragraphs as paragraphs start, start + 1 … of parent; moved maps their old ids to the new."""
    out = []
    for k, paragraph in enumerate(paragraphs, start):
        new = ids.paragraph(parent, k)
        moved[paragraph.id] = new
        sentences = tuple(Sentence(ids.sentence(new, j), s.text, s.span) for j, s in enumerate(paragraph.sentences, 1))
        out.append(Paragraph(new, sentences, paragraph.span))
    return out


def _clause_as(clause: Clause, clause_id: str, moved: dict[str, str]) -> Clause:
    if clause.id == clause_id:
        return clause
    moved[clause.id] = clause_id
    heading = dataclasses.replace(clause.heading, id=ids.heading(clause_id)) if clause.heading else None
    paragraphs = tuple(_renumbered(clause.paragraphs, clause_id, 1, moved))
    return dataclasses.replace(clause, id=clause_id, heading=heading, paragraphs=paragraphs)


def _went_on(
    existing: Sequence[Paragraph], carried: Sequence[Paragraph], parent: str, moved: dict[str, str]
) -> tuple[Paragraph, ...]:
    """The paragraphs of a parent with those carried over from another page after them. When the
    page stopped inside a sentence (its last paragraph has no closing punctuation), the carried
    text's first paragraph is the rest of that paragraph, and its first sentence the rest of that
    sentence: they are one, keeping the ids they had (a span over both files)."""
    if existing and carried and existing[-1].sentences and not patterns.LINE_END.search(existing[-1].text):
        last, first = existing[-1], carried[0]
        cut = last.sentences[-1]
        whole = Sentence(cut.id, cut.text + first.sentences[0].text, joined([cut.span, first.sentences[0].span]))
        after = tuple(
            Sentence(ids.sentence(last.id, j), s.text, s.span)
            for j, s in enumerate(first.sentences[1:], len(last.sentences) + 1)
        )
        moved[first.id] = last.id
        spliced = Paragraph(last.id, (*last.sentences[:-1], whole, *after), joined([last.span, first.span]))
        return (*existing[:-1], spliced, *_renumbered(carried[1:], parent, len(existing) + 1, moved))
    return (*existing, *_renumbered(carried, parent, len(existing) + 1, moved))


def _carried_into(node, carried: Sequence[Paragraph], moved: dict[str, str]):  # type: ignore[no-untyped-def]
    """A clause or part with the paragraphs carried over from another page after its own."""
    paragraphs = _went_on(node.paragraphs, carried, node.id, moved)
    return dataclasses.replace(
        node,
        paragraphs=paragraphs,
        span=joined([node.span] + [p.span for p in paragraphs[max(len(node.paragraphs) - 1, 0) :]]),
    )


def merge(base: Document, continuation: Document) -> Document:
    """The base document with the continuation's text after its own (see the module's docstring)."""
    moved: dict[str, str] = {}
    parts, clauses, preamble, closing = list(base.parts), list(base.clauses), list(base.preamble), list(base.closing)
    restart = _restarts(base)
    # text before the continuation's first heading goes on from where the base stopped
    carried = continuation.preamble
    if carried:
        if closing:
            closing = list(_went_on(closing, carried, ids.CLOSING, moved))
        elif parts and parts[-1].clauses:
            part = parts[-1]
            last = _carried_into(part.clauses[-1], carried, moved)
            clauses_now = part.clauses[:-1] + (last,)
            parts[-1] = dataclasses.replace(part, clauses=clauses_now, span=joined([part.span, last.span]))
        elif parts:
            parts[-1] = _carried_into(parts[-1], carried, moved)
        elif clauses:
            clauses[-1] = _carried_into(clauses[-1], carried, moved)
        else:
            preamble = list(_went_on(preamble, carried, "preamble", moved))
    # clauses before the continuation's first part heading belong to the base's last part
    loose = list(continuation.clauses)
    if loose and parts:
        part = parts[-1]
        kept = tuple(_clause_as(c, ids.provision(c.kind, c.number, part.id if restart else None), moved) for c in loose)
        parts[-1] = dataclasses.replace(part, clauses=part.clauses + kept, span=joined([part.span, *_spans(kept)]))
    else:
        clauses += loose
    for part in continuation.parts:
        part_clauses = tuple(
            _clause_as(c, ids.provision(c.kind, c.number, part.id if restart else None), moved) for c in part.clauses
        )
        parts.append(dataclasses.replace(part, clauses=part_clauses))
    if continuation.closing:
        closing += _renumbered(continuation.closing, ids.CLOSING, len(closing) + 1, moved)
    notes = base.notes + tuple(
        dataclasses.replace(note, id=f"note-{k}") for k, note in enumerate(continuation.notes, len(base.notes) + 1)
    )
    quotes = base.pull_quotes + tuple(
        PullQuote(f"quote-{k}", q.text, tuple(moved.get(i, i) for i in q.paragraph_ids), q.span)
        for k, q in enumerate(continuation.pull_quotes, len(base.pull_quotes) + 1)
    )
    # the continuation's date line, when the base has a date of its own, is kept as printed
    # (two_dates numbers the lines from 1; _matter numbers them again after the base's)
    date, front = matter.two_dates(base.date, continuation.front_matter, continuation.date, with_title=False)
    merged = dataclasses.replace(
        base,
        preamble=tuple(preamble),
        parts=tuple(parts),
        clauses=tuple(clauses),
        closing=tuple(closing),
        date=date,
        front_matter=base.front_matter + _matter(front, ids.front, len(base.front_matter)),
        back_matter=base.back_matter + _matter(continuation.back_matter, ids.back, len(base.back_matter)),
        notes=notes,
        pull_quotes=quotes,
        span=joined([base.span, continuation.span]),
    )
    _check_kept(base, continuation, merged)
    return merged


def _spans(nodes: Sequence[Clause | Paragraph]) -> list[Span]:
    return [node.span for node in nodes]


def _matter(lines: tuple[Matter, ...], make_id, after: int) -> tuple[Matter, ...]:  # type: ignore[no-untyped-def]
    return tuple(dataclasses.replace(line, id=make_id(k)) for k, line in enumerate(lines, after + 1))


def _check_kept(base: Document, continuation: Document, merged: Document) -> None:
    """Every character of both documents is in the joined one, once (the pages were each checked
    against their source already)."""
    before = characters(model_texts(Page("", (base, continuation))))
    after = characters(model_texts(Page("", (merged,))))
    if before != after:
        raise error(
            continuation.span.path,
            continuation.span.first,
            f"internal: joining the continuation lost {dict(before - after)} or invented {dict(after - before)}",
        )


__all__ = ["fits", "is_continuation", "is_open", "join_continuations", "joined_from", "merge"]
