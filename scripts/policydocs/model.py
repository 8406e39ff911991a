"""The document model: frozen dataclasses, each node with its id and source span.

Ids come from numbering and position only (see ids.py); they never change with wording.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any, Literal

from .source import Span


@dataclass(frozen=True)
class Field:
    """A line of metadata (title, date, byline, deck, headline) with its source."""

    text: str
    span: Span


@dataclass(frozen=True)
class Sentence:
    """A sentence of a paragraph; its id extends the paragraph's (clause-8-p1-s2)."""

    id: str
    text: str
    span: Span


@dataclass(frozen=True)
class Paragraph:
    """A paragraph: its sentences, which make up its text, and the lines it came from."""

    id: str
    sentences: tuple[Sentence, ...]
    span: Span

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.sentences)


@dataclass(frozen=True)
class Clause:
    """A numbered provision: （八） of the Opinions (kind clause) or 第八条 of a law (kind article)."""

    id: str
    kind: Literal["clause", "article"]
    number: int
    label: str
    heading: Sentence | None
    paragraphs: tuple[Paragraph, ...]
    span: Span


@dataclass(frozen=True)
class Part:
    """A numbered division: 一、总体要求 (kind part) or 第一章 总则 (kind chapter)."""

    id: str
    kind: Literal["part", "chapter"]
    number: int
    label: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    clauses: tuple[Clause, ...]
    span: Span

    @property
    def display_title(self) -> str:
        """The title as shown: a letter-spaced title (总　　则, kept so in ``title``) reads 总则."""
        from .patterns import unspaced

        return unspaced(self.title)

    @property
    def heading(self) -> str:
        """The heading as shown: 一、总体要求; a chapter's with a space, 第一章　总则."""
        return self.label + ("\u3000" if self.kind == "chapter" else "") + self.display_title


@dataclass(frozen=True)
class Matter:
    """A line of a document's front or back matter, kept as printed, with its role.

    Front matter, between the title and the body (ids ``front-K``): ``number`` (国发〔2019〕5号),
    ``addressee`` (各省、自治区、直辖市人民政府…：), ``title-note`` (a note in parentheses under the
    title: （试行）, （2019年3月15日…通过）), ``label`` (附件1 over the title of an attached document),
    ``contents`` (a line of a table of contents printed before the title) and ``date`` (a date line
    apart from the document's date, such as one at the top of a document whose title and date are
    printed after its body, which are its own).
    Back matter, after the body (ids ``back-K``): ``signature`` (国务院办公厅), ``date`` (2024年5月20日),
    ``publication`` (（此件公开发布）), ``source`` (（来源：新华社）) and ``attachment`` (附件1：…).
    """

    id: str
    kind: Literal[
        "number",
        "addressee",
        "title-note",
        "label",
        "contents",
        "signature",
        "date",
        "publication",
        "source",
        "attachment",
    ]
    text: str
    span: Span


@dataclass(frozen=True)
class DocumentLink:
    """A document of the same page this one is tied to: a notice (通知) ``issues`` the plan it
    prints after itself, and the plan is ``issued-by`` the notice. ``item`` is the other document's
    index in the page; ``slug`` its slug (set with the slugs)."""

    kind: Literal["issues", "issued-by"]
    item: int
    slug: str


@dataclass(frozen=True)
class Note:
    """An editorial note made from a mark of the source (the mark's text is kept): ``page-end``
    where the text goes on on another page (（下转第六版）), ``page-start`` where it comes from one
    (（上接第一版）), ``pagination`` a web page's header repeated where a site split the document
    (…的意见(3)), ``chrome`` e-paper navigation around it (版面概览, 上一版/下一版); see chrome.py."""

    id: str
    kind: Literal["page-end", "page-start", "pagination", "chrome"]
    source_text: str
    span: Span


@dataclass(frozen=True)
class PullQuote:
    """A boxed excerpt that repeats body text; linked to the paragraphs it repeats."""

    id: str
    text: str
    paragraph_ids: tuple[str, ...]
    span: Span


@dataclass(frozen=True, kw_only=True)
class Document:
    """A policy document, in reading order: title (maybe printed over two lines), date line, front
    matter, preamble, parts with clauses (or clauses outside any part), closing paragraphs, back
    matter. ``closing`` holds unheaded paragraphs after the last clause that speak for the whole
    document (本意见自印发之日起施行。, 各地区各部门要…; ids ``closing-pK``); ``links`` ties a notice
    to the plan it issues (see recognise/issued.py)."""

    slug: str
    title: Field | None
    date: Field | None
    front_matter: tuple[Matter, ...] = ()
    preamble: tuple[Paragraph, ...]
    parts: tuple[Part, ...]
    clauses: tuple[Clause, ...]  # clauses outside any part
    closing: tuple[Paragraph, ...] = ()
    back_matter: tuple[Matter, ...] = ()
    links: tuple[DocumentLink, ...] = ()
    notes: tuple[Note, ...]
    pull_quotes: tuple[PullQuote, ...]
    span: Span
    kind: Literal["policy"] = "policy"

    @property
    def name(self) -> str:
        """What the site calls it: its title, else its address."""
        return self.title.text if self.title else self.slug

    @property
    def all_clauses(self) -> tuple[Clause, ...]:
        return self.clauses + tuple(c for part in self.parts for c in part.clauses)

    def matter(self, kind: str) -> Matter | None:
        """The first line of front or back matter of this kind."""
        return next((m for m in self.front_matter + self.back_matter if m.kind == kind), None)

    @property
    def number(self) -> Matter | None:
        """The document number line (国发〔2019〕5号)."""
        return self.matter("number")

    @property
    def addressee(self) -> Matter | None:
        return self.matter("addressee")

    @property
    def title_note(self) -> Matter | None:
        return self.matter("title-note")

    @cached_property  # asked by every cite box of the document
    def iso_date(self) -> str | None:
        """The date line under the title; else the date signed in the back matter; else a date
        opening the note under the title (a law's （2019年3月15日…通过）)."""
        from .patterns import iso_date

        if self.date:
            return iso_date(self.date.text)
        for kind in ("date", "title-note"):
            for line in self.front_matter + self.back_matter:
                date = iso_date(line.text) if line.kind == kind else None
                if date:
                    return date
        return None


@dataclass(frozen=True)
class Section:
    """A news section under a head of a title line and an optional subtitle line."""

    id: str
    number: int
    title: Field
    subtitle: Field | None
    paragraphs: tuple[Paragraph, ...]
    span: Span


@dataclass(frozen=True)
class Article:
    """A news report: headline, deck, byline, lead paragraphs and sections."""

    slug: str
    headline: Field | None
    deck: Field | None
    byline: Field | None
    lead: tuple[Paragraph, ...]
    sections: tuple[Section, ...]
    notes: tuple[Note, ...]
    pull_quotes: tuple[PullQuote, ...]
    span: Span
    kind: Literal["news"] = "news"

    @property
    def name(self) -> str:
        """What the site calls it: its headline, else its address."""
        return self.headline.text if self.headline else self.slug


Item = Document | Article


@dataclass(frozen=True)
class Page:
    """Everything read from one seed file."""

    path: str
    items: tuple[Item, ...]


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(cls))


def _is_dataclass_instance(value: Any) -> bool:
    return hasattr(type(value), "__dataclass_fields__") and not isinstance(value, type)


def to_data(value: Any) -> Any:
    """Plain JSON-ready data; each dataclass becomes a mapping with a "type" key."""
    if _is_dataclass_instance(value):
        data: dict[str, Any] = {"type": type(value).__name__}
        for name in _field_names(type(value)):
            data[name] = to_data(getattr(value, name))
        return data
    if isinstance(value, tuple | list):
        return [to_data(v) for v in value]
    return value


def _as_mapping(value: Any) -> dict[str, Any]:
    """What to_data makes of one dataclass, one level deep (the encoder walks the rest)."""
    if not _is_dataclass_instance(value):
        raise TypeError(f"not JSON data: {type(value).__name__}")
    data: dict[str, Any] = {"type": type(value).__name__}
    for name in _field_names(type(value)):
        data[name] = getattr(value, name)
    return data


def to_compact_json(value: Any) -> str:
    """``json.dumps(to_data(value), ensure_ascii=False, separators=(",", ":"))``: the data files of
    the site, written by the C encoder (no indentation, for speed and size)."""
    return json.dumps(value, default=_as_mapping, ensure_ascii=False, separators=(",", ":"))


def to_json(value: Any) -> str:
    """The model as indented JSON (golden files, --json), with a newline."""
    return json.dumps(to_data(value), ensure_ascii=False, indent=1) + "\n"
