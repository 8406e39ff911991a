"""Recognise a file's items by named, ordered rules: the blocks of a repaired page -> documents
and news reports, with ids and spans, and warnings.

Each rule is a pure function from a ``Reading`` (what the rules before it have found) to the next;
``Draft`` is an item as the rules have it so far, and each item's node is made once, from its
draft, when the rules are done (``item``). Rules, in order:

1. ``epaper-chrome``          e-paper or web page navigation at the top or bottom of the file is set
                              apart (chrome.split_chrome); rule 16 makes it editorial notes.
2. ``pagination-header``      a title repeated with a page number (…的意见(3)) where a site split the
                              document is set apart (chrome.split_pagination); rule 16 places it.
3. ``split-pages``            a file holding two newspaper pages, the second opening with （上接第一版）,
                              is read as two pages (page.split_pages): one draft a page.
4. ``furniture-after-body``   blocks printed after a page's body that are a title and date, a headline,
                              a deck, a byline or a pull quote are set apart (furniture.py); a page
                              ending in back matter (a signature and date …) has none, but for a date
                              line set apart by a blank line from the title over it.
5. ``page-jump-notes``        a page-end marker (（下转第六版）) ends a run of text and a page-start
                              marker (（上接第一版）) opens one (page.split_segments): each run is a
                              draft, and each marker an editorial note of it, numbered through the file.
6. ``document-title``         a run splits before each document title (page.split_units): one draft an
                              item; the first keeps the page-start note, the last the page-end note.
7. ``contents``               an untitled draft that is a table of contents of the document after it
                              (chrome.is_contents) is that document's first front matter.
8. ``policy-or-news``         a draft opening with a title, or with parts or clauses, is a policy
                              document; any other is a news report.
9. ``front-matter``           a document's title lines, date line and front matter (matter.split_front).
10. ``back-matter``           a document's back matter (matter.back_start), never folded into its body.
11. ``policy-body``           a document's body: preamble, parts, clauses and closing paragraphs, with
                              their numbering checked, by the rules of policy.RULES (policy.py).
12. ``news-body``             a report's headline and byline over its text, its lead and sections (news.py).
13. ``title-after-body``      a title (and date) printed after the body goes to the first document of its
                              page with no title; it is an error when every document has one. Its date
                              is the document's; a date line the document had already (at its top) is
                              kept, a ``date`` line of its front matter. A date line printed alone after
                              the body is the date of that document (else of the page's last one) when
                              it has none, else kept the same way.
14. ``headline-after-body``   a headline, deck or byline printed after the body goes to the first report
                              of its page that has none, else to a report of its own.
15. ``pull-quotes``           each pull quote links to the body units it repeats and joins their item
                              (none: kept, unlinked and with a warning, by the page's last item).
16. ``chrome-notes``          the chrome (rule 1) becomes notes of the first and last items, and each
                              pagination header (rule 2) a note of the item it falls in.
17. ``issued-with``           a notice and the document it issues are linked both ways (issued.py).
18. ``structure-not-recognised`` a report with neither a headline nor sections gets a warning: it is
                              published as a plain document of paragraphs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from .. import patterns
from ..diagnostics import Diagnostic, error
from ..layout import Block
from ..model import Article, Clause, Document, DocumentLink, Field, Item, Matter, Note, Page, PullQuote
from ..source import Span, concat
from ..walk import units
from . import chrome, matter
from .furniture import Furniture, QuoteTargets, split_furniture, title_apart
from .issued import issued_links
from .news import NewsBody, read_article
from .page import opening_marker, split_pages, split_segments, split_units
from .paragraphs import cover, field
from .policy import RULES as BODY_RULES
from .policy import PolicyBody, looks_like_policy, read_body, title_and_date
from .policy import Rule as BodyRule


class Draft(NamedTuple):
    """An item as the rules have it so far."""

    page: int  # the page of the file it is printed on (rule 3)
    segment: int  # the run of text between page-jump markers it is read from (rule 5)
    blocks: tuple[Block, ...]  # what is still to be read as its body
    span: Span  # every line it holds so far
    titled: bool = False  # it opens with a document title (rule 6)
    policy: bool = False  # a policy document, else a news report (rule 8)
    front_matter: tuple[Matter, ...] = ()  # rules 7, 9
    title: Field | None = None  # rules 9, 13
    date: Field | None = None  # rules 9, 13
    back_matter: tuple[Matter, ...] = ()  # rule 10
    body: PolicyBody | NewsBody | None = None  # rules 11, 12
    headline: Field | None = None  # rules 12, 14
    deck: Field | None = None  # rule 14
    byline: Field | None = None  # rules 12, 14
    pull_quotes: tuple[PullQuote, ...] = ()  # rule 15
    notes: tuple[Note, ...] = ()  # rules 5, 16
    links: tuple[DocumentLink, ...] = ()  # rule 17


class Reading(NamedTuple):
    """A file as the rules have it so far: each rule reads what the rules before it filled in."""

    path: str
    blocks: tuple[Block, ...]  # the file's text; without its chrome and headers after rules 1-2
    chrome: tuple[tuple[Block, ...], tuple[Block, ...]] = ((), ())  # rule 1: at the top, at the bottom
    headers: tuple[Block, ...] = ()  # rule 2
    # rule 3, one a page (None: the file is one page); split by rules 5-6, joined by 7, added to by 14-15
    drafts: tuple[Draft, ...] | None = None
    furniture: tuple[Furniture, ...] = ()  # rule 4, placed by rules 13-15
    diagnostics: tuple[Diagnostic, ...] = ()  # rules 15, 18


Rule = Callable[[Reading], Reading]


def _span(blocks: Sequence[Block], *more: Span) -> Span:
    return cover([block.span for block in blocks] + list(more))


def _drafts(reading: Reading) -> tuple[Draft, ...]:
    """The drafts so far; before rule 3, the whole file as one page."""
    if reading.drafts is not None:
        return reading.drafts
    return (Draft(0, 0, reading.blocks, _span(reading.blocks)),) if reading.blocks else ()


def _each(test: Callable[[Draft], bool], rule: Callable[[Reading, Draft], Draft]) -> Rule:
    """A rule that reads each draft passing the test on its own."""

    def run(reading: Reading) -> Reading:
        drafts = tuple(rule(reading, draft) if test(draft) else draft for draft in _drafts(reading))
        return reading._replace(drafts=drafts)

    return run


def _is_policy(draft: Draft) -> bool:
    return draft.policy


def _is_news(draft: Draft) -> bool:
    return not draft.policy


# --- rules 1-8: where the items are ---------------------------------------------------------


def epaper_chrome(reading: Reading) -> Reading:
    blocks, top, bottom = chrome.split_chrome(reading.blocks)
    return reading._replace(blocks=blocks, chrome=(top, bottom))


def pagination_header(reading: Reading) -> Reading:
    blocks, headers = chrome.split_pagination(reading.blocks)
    return reading._replace(blocks=blocks, headers=headers)


def one_draft_a_page(reading: Reading) -> Reading:
    found = enumerate(split_pages(reading.blocks))
    drafts = tuple(Draft(number, 0, page, _span(page)) for number, page in found if page)
    return reading._replace(drafts=drafts)


def furniture_after_body(reading: Reading) -> Reading:
    drafts, found = [], list(reading.furniture)
    for draft in _drafts(reading):
        start = matter.back_start(draft.blocks)
        if not draft.blocks or (start < len(draft.blocks) and not title_apart(draft.blocks, start)):
            drafts.append(draft)  # back matter ends the page (not a date under a title): no furniture after it
            continue
        zone, furniture = split_furniture(draft.blocks, draft.page)
        body = draft.blocks[:zone]
        drafts.append(draft._replace(blocks=body, span=_span(body) if body else draft.span))
        found.extend(furniture)
    return reading._replace(drafts=tuple(drafts), furniture=tuple(found))


def page_jump_notes(reading: Reading) -> Reading:
    drafts: list[Draft] = []
    count = 0
    for draft in _drafts(reading):
        for segment, marker in split_segments(list(draft.blocks)):
            opening, segment = opening_marker(segment)
            notes = []
            for kind, mark in (("page-start", opening), ("page-end", marker)):
                if mark is not None:
                    count += 1
                    notes.append(Note(f"note-{count}", kind, mark.text, mark.span))  # type: ignore[arg-type]
            blocks = tuple(segment)
            span = _span(blocks, *[note.span for note in notes])
            drafts.append(draft._replace(segment=len(drafts), blocks=blocks, span=span, notes=tuple(notes)))
    return reading._replace(drafts=tuple(drafts))


def document_title(reading: Reading) -> Reading:
    drafts: list[Draft] = []
    for draft in _drafts(reading):
        units = split_units(list(draft.blocks))
        for number, (blocks, titled) in enumerate(units):
            notes = tuple(
                note
                for note in draft.notes
                if (note.kind == "page-start" and number == 0) or (note.kind == "page-end" and number == len(units) - 1)
            )
            span = _span(blocks, *[note.span for note in notes])
            drafts.append(draft._replace(blocks=tuple(blocks), span=span, titled=titled, notes=notes))
    return reading._replace(drafts=tuple(drafts))


def contents(reading: Reading) -> Reading:
    drafts: list[Draft] = []
    for draft in _drafts(reading):
        before = drafts[-1] if drafts else None
        if (
            before is not None
            and before.segment == draft.segment
            and not before.titled
            and chrome.is_contents(before.blocks, draft.blocks)
        ):
            lines = [("contents", line) for block in before.blocks for line in block.lines]
            drafts[-1] = draft._replace(
                front_matter=matter.front_matter(lines) + draft.front_matter,
                span=before.span.cover(draft.span),
                notes=before.notes + draft.notes,
            )
        else:
            drafts.append(draft)
    return reading._replace(drafts=tuple(drafts))


def policy_or_news(reading: Reading, draft: Draft) -> Draft:
    return draft._replace(policy=draft.titled or looks_like_policy(draft.blocks))


# --- rules 9-12: what each item says ----------------------------------------------------------


def front_matter(reading: Reading, draft: Draft) -> Draft:
    front = matter.split_front(draft.blocks)
    return draft._replace(
        blocks=draft.blocks[front.end :],
        title=field(*front.title) if front.title else None,
        date=field(front.date) if front.date else None,
        front_matter=draft.front_matter + matter.front_matter(front.matter, len(draft.front_matter)),
    )


def back_matter(reading: Reading, draft: Draft) -> Draft:
    start = matter.back_start(draft.blocks)
    return draft._replace(blocks=draft.blocks[:start], back_matter=matter.back_matter(draft.blocks[start:]))


def policy_body(body_rules: Sequence[tuple[str, BodyRule]] = BODY_RULES) -> Rule:
    """Rule 11, reading each document's body by the rules of policy.RULES (or others given)."""

    def rule(reading: Reading, draft: Draft) -> Draft:
        # text after （上接第一版） with no title continues a document: its numbering goes on from there
        continued = not draft.titled and any(note.kind == "page-start" for note in draft.notes)
        return draft._replace(blocks=(), body=read_body(draft.blocks, reading.path, continued, body_rules))

    return _each(_is_policy, rule)


def news_body(reading: Reading, draft: Draft) -> Draft:
    headline, byline, body = read_article(draft.blocks)
    return draft._replace(blocks=(), headline=headline, byline=byline, body=body)


# --- rules 13-18: what is printed apart from the items, and what ties them --------------------


def _first(drafts: Sequence[Draft], page: int, accept: Callable[[Draft], bool]) -> int | None:
    return next((i for i, draft in enumerate(drafts) if draft.page == page and accept(draft)), None)


def _page_end(drafts: Sequence[Draft], page: int) -> int:
    """Where a draft added to a page goes: after the page's last draft."""
    return sum(1 for draft in drafts if draft.page <= page)


def _report(page: int, block: Block) -> Draft:
    """A report made of furniture alone (its page has no report for it)."""
    return Draft(page, -1, (), block.span)


def title_after_body(reading: Reading) -> Reading:
    drafts = list(_drafts(reading))
    for piece in reading.furniture:
        if piece.kind != "title":
            continue
        block = piece.blocks[0]  # (a blank line may part the title from its date)
        title, date = title_and_date([line for piece_block in piece.blocks for line in piece_block.lines])
        index = _first(drafts, piece.page, lambda d: d.policy and d.title is None)
        if index is None and title is None:  # a date line alone: the date of the page's last document
            index = next((i for i in reversed(range(_page_end(drafts, piece.page))) if drafts[i].policy), None)
        if index is None:
            raise error(reading.path, block.span.first, _no_document(drafts, piece.page, block))
        draft = drafts[index]
        kept, front = matter.two_dates(draft.date, draft.front_matter, date, bool(title))
        span = draft.span.cover(block.span).cover(piece.blocks[-1].span)
        drafts[index] = draft._replace(title=title or draft.title, date=kept, front_matter=front, span=span)
    return reading._replace(drafts=tuple(drafts))


def _no_document(drafts: Sequence[Draft], page: int, block: Block) -> str:
    """Why a title (or date line) printed after the body could not be given to a document."""
    titled = [d.title for d in drafts if d.page == page and d.policy and d.title is not None]
    if not titled:
        what = "title" if len(block.lines) > 1 or not patterns.DATE_LINE.match(block.text) else "date line"
        return f"{what} {block.lines[0].text} printed after the body, but no document was read on the page to take it"
    return (
        f"title {block.lines[0].text} printed after the body, but every document on the page has a title "
        f"already (the first, {titled[0].text}, at line {titled[0].span.first}): cannot tell which it belongs to"
    )


def headline_after_body(reading: Reading) -> Reading:
    drafts = list(_drafts(reading))
    for piece in reading.furniture:
        if piece.kind not in ("headline", "deck", "byline"):
            continue
        block, name = piece.blocks[0], piece.kind
        index = _first(drafts, piece.page, lambda d, name=name: not d.policy and getattr(d, name) is None)
        if index is None:
            index = _page_end(drafts, piece.page)
            drafts.insert(index, _report(piece.page, block))
        draft = drafts[index]
        value = Field(block.text, block.span)
        drafts[index] = draft._replace(**{name: value, "span": draft.span.cover(block.span)})
    return reading._replace(drafts=tuple(drafts))


def _linkable(draft: Draft) -> list[tuple[str, str]]:
    """(id, text) of the body units a pull quote may repeat: paragraphs, and clause headings (by clause id)."""
    found = []
    for unit in units(item(draft)):
        if isinstance(unit.node, Clause) and unit.node.heading:
            found.append((unit.anchor, unit.node.heading.text))
        found.extend((paragraph.id, paragraph.text) for paragraph in unit.paragraphs)
    return found


def pull_quotes(reading: Reading) -> Reading:
    drafts = list(_drafts(reading))
    diagnostics = list(reading.diagnostics)
    for page in sorted({piece.page for piece in reading.furniture if piece.kind == "quote"}):
        quotes = [piece for piece in reading.furniture if piece.kind == "quote" and piece.page == page]
        first = _page_end(drafts, page - 1)
        on_page = drafts[first : _page_end(drafts, page)]
        targets = QuoteTargets([_linkable(draft) for draft in on_page])
        for number, quote in enumerate(quotes, 1):
            ltext = concat([line for block in quote.blocks for line in block.lines])
            owner, linked = targets.links(ltext.text)
            if owner is None:
                if first == _page_end(drafts, page):  # no item on the page
                    drafts.insert(first, _report(page, quote.blocks[0]))
                owner = _page_end(drafts, page) - 1 - first
                diagnostics.append(
                    Diagnostic(
                        reading.path, ltext.span.first, "warning", "pull quote repeats no body paragraph: kept unlinked"
                    )
                )
            pull = PullQuote(f"quote-{number}", ltext.text, linked, ltext.span)
            draft = drafts[first + owner]
            drafts[first + owner] = draft._replace(
                pull_quotes=draft.pull_quotes + (pull,), span=draft.span.cover(pull.span)
            )
    return reading._replace(drafts=tuple(drafts), diagnostics=tuple(diagnostics))


def chrome_notes(reading: Reading) -> Reading:
    drafts = list(_drafts(reading))
    if not drafts:
        return reading
    count = sum(len(draft.notes) for draft in drafts)
    top, bottom = reading.chrome
    placed: list[tuple[tuple[Block, ...], str, int | None]] = [(top, "chrome", 0)]
    placed += [((header,), "pagination", None) for header in reading.headers]
    placed.append((bottom, "chrome", -1))
    for group, kind, index in placed:
        if not group:
            continue
        count += 1
        note = chrome.note(group, kind, count)
        at = chrome.holder([d.span for d in drafts], group[0].span.first) if index is None else index
        draft = drafts[at]
        drafts[at] = draft._replace(notes=draft.notes + (note,), span=draft.span.cover(note.span))
    return reading._replace(drafts=tuple(drafts))


def issued_with(reading: Reading) -> Reading:
    drafts = _drafts(reading)
    links = issued_links([(d.title, d.back_matter) if d.policy else None for d in drafts])
    return reading._replace(drafts=tuple(d._replace(links=d.links + found) for d, found in zip(drafts, links)))


def _unstructured(draft: Draft) -> bool:
    """A report with no headline and no sections: plain paragraphs."""
    sections = draft.body.sections if isinstance(draft.body, NewsBody) else ()
    return not draft.policy and draft.headline is None and not sections


def structure_not_recognised(reading: Reading) -> Reading:
    found = [
        Diagnostic(
            reading.path,
            draft.span.first,
            "warning",
            "structure not recognised: published as a plain document of paragraphs",
        )
        for draft in _drafts(reading)
        if _unstructured(draft)
    ]
    return reading._replace(diagnostics=reading.diagnostics + tuple(found))


#: The rules, in the order they run (see the module's docstring).
RULES: tuple[tuple[str, Rule], ...] = (
    ("epaper-chrome", epaper_chrome),
    ("pagination-header", pagination_header),
    ("split-pages", one_draft_a_page),
    ("furniture-after-body", furniture_after_body),
    ("page-jump-notes", page_jump_notes),
    ("document-title", document_title),
    ("contents", contents),
    ("policy-or-news", _each(lambda draft: True, policy_or_news)),
    ("front-matter", _each(_is_policy, front_matter)),
    ("back-matter", _each(_is_policy, back_matter)),
    ("policy-body", policy_body()),
    ("news-body", _each(_is_news, news_body)),
    ("title-after-body", title_after_body),
    ("headline-after-body", headline_after_body),
    ("pull-quotes", pull_quotes),
    ("chrome-notes", chrome_notes),
    ("issued-with", issued_with),
    ("structure-not-recognised", structure_not_recognised),
)


def item(draft: Draft) -> Item:
    """The item a draft describes so far: made when the rules are done, and by _linkable to walk a
    draft's body part-way through them."""
    if draft.policy:
        body = draft.body if isinstance(draft.body, PolicyBody) else PolicyBody((), (), (), ())
        return Document(
            slug="",
            title=draft.title,
            date=draft.date,
            front_matter=draft.front_matter,
            preamble=body.preamble,
            parts=body.parts,
            clauses=body.clauses,
            closing=body.closing,
            back_matter=draft.back_matter,
            links=draft.links,
            notes=draft.notes,
            pull_quotes=draft.pull_quotes,
            span=draft.span,
        )
    news = draft.body if isinstance(draft.body, NewsBody) else NewsBody((), ())
    return Article(
        slug="",
        headline=draft.headline,
        deck=draft.deck,
        byline=draft.byline,
        lead=news.lead,
        sections=news.sections,
        notes=draft.notes,
        pull_quotes=draft.pull_quotes,
        span=draft.span,
    )


@dataclass(frozen=True)
class Recognised:
    page: Page
    diagnostics: tuple[Diagnostic, ...]


def recognise(blocks: tuple[Block, ...], path: str, rules: Sequence[tuple[str, Rule]] = RULES) -> Recognised:
    """Run the rules in order over a file's blocks; the items made from the drafts, and the warnings."""
    reading = Reading(path, blocks)
    for _, rule in rules:
        reading = rule(reading)
    return Recognised(Page(path, tuple(item(draft) for draft in _drafts(reading))), reading.diagnostics)


__all__ = ["RULES", "Draft", "Reading", "Recognised", "Rule", "item", "recognise"]
