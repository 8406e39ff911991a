"""Document addresses (slugs) from the document's identity: ASCII, readable, never a hash.

- A document with a document number is addressed by it, as it is cited: 国发〔2024〕3号 ->
  ``guofa-2024-3``, 国办发〔2023〕12号 -> ``guobanfa-2023-12``, an order 国务院令第777号 ->
  ``guowuyuanling-777`` (also when the order's number is given in the note under the title:
  （…某市人民政府令第九号公布） -> ``moushirenminzhengfuling-9``). The issuer's abbreviation is
  romanised as one word.
- Any other document by its kind, date and a short romanised title: ``opinions-2025-08-15-`` and
  the pinyin of the title's core (the title without issuer, 关于, genre word and bracketed
  qualifier), one syllable a word, at most TITLE_CHARS characters. A plan issued by a notice on
  the same page, with no date of its own, takes the notice's date. With no date: kind and title.
- A news report by the date the page gives (a full date, 2024年5月20日, in its byline, deck or
  first paragraph) and its romanised headline: ``news-2024-05-20-…``; ``news-…`` with no date
  (the seed's report says only 昨日).

Addresses already published stay: the registry's (seed, title) -> slug is kept whatever the rules
say now. Two documents that would share an address: the first keeps it; the second gets its short
title appended (where the address did not hold it), then -2, -3 …
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from functools import lru_cache, partial

from .model import Article, Document, Item, Matter, Page
from .patterns import CN_DIGITS, chinese_number

GENRES = (
    ("指导意见", "guidelines"), ("实施意见", "opinions"), ("意见", "opinions"), ("通知", "notice"),
    ("决定", "decision"), ("实施方案", "plan"), ("方案", "plan"), ("办法", "measures"),
    ("规定", "provisions"), ("条例", "regulations"), ("规划", "plan"), ("纲要", "outline"),
    ("措施", "measures"), ("法", "law"), ("决议", "resolution"), ("公告", "announcement"),
)  # fmt: skip

#: (seed path, title) -> slug, as published before (from the permalink registry).
Known = dict[tuple[str, str], str]

#: Chinese characters of a title's core romanised in an address (letters and digits come too).
TITLE_CHARS = 10

#: 国发〔2024〕3号: issuer's abbreviation, year in brackets, number.
BRACKET_NUMBER = re.compile(
    r"^(?P<org>[\u4e00-\u9fff]{1,16})[〔［\[【（(](?P<year>\d{4})[〕］\]】）)]第?(?P<n>\d{1,5})号$"
)
#: 国务院令第777号, 某市人民政府令第九号: an order's number, in a line of its own or in a note,
#: where the issuer follows a date or 通过/批准 (…2024年7月1日某市人民政府令第九号公布).
ORDER_NUMBER = re.compile(
    r"(?:^|(?<=[^\u4e00-\u9fff])|(?<=日)|(?<=通过)|(?<=批准))"
    rf"(?P<org>(?![年月日号])[\u4e00-\u9fff]{{1,12}}?令)第(?P<n>\d{{1,5}}|[{CN_DIGITS}]{{1,8}})号"
)
#: A full date inside running text (a byline, a lead).
FULL_DATE = re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日")


def title_key(item: Item) -> str:
    """What names a document for the registry: its title, headline, or first paragraph."""
    if isinstance(item, Document):
        if item.title:
            return item.title.text
        return item.preamble[0].text if item.preamble else item.span.path
    if item.headline:
        return item.headline.text
    return item.lead[0].text if item.lead else item.span.path


def naming_text(item: Item) -> str:
    """What an address romanises: the title or headline; for a document printed without one (a
    page continuing a document printed elsewhere), its first heading or paragraph."""
    if isinstance(item, Document) and not item.title:
        for part in item.parts:
            return part.display_title
        for clause in item.all_clauses:
            return clause.heading.text if clause.heading else "".join(p.text for p in clause.paragraphs[:1])
    return title_key(item)


@lru_cache(maxsize=4096)
def syllables(text: str) -> tuple[str, ...]:
    """ASCII words of a text: the toneless pinyin of each Chinese character (ü as v), runs of
    ASCII letters and digits lowercased; everything else separates. (pypinyin is imported here:
    only a document that has no address yet needs it.)"""
    words: list[str] = []
    for run in re.findall(r"[\u3400-\u9fff]+|[A-Za-z0-9]+", text):
        if run.isascii():
            words.append(run.lower())
            continue
        from pypinyin import Style, lazy_pinyin

        words += [w for w in (re.sub(r"[^a-z0-9]", "", s.lower()) for s in lazy_pinyin(run, style=Style.NORMAL)) if w]
    return tuple(words)


def _genre(title: str) -> tuple[str, str]:
    """(kind, the genre word as printed) of a title; ("document", "") when it ends in none."""
    bare = _without_qualifier(title)
    return next(((name, suffix) for suffix, name in GENRES if bare.endswith(suffix)), ("document", ""))


def _without_qualifier(title: str) -> str:
    """A title without a bracketed qualifier at its end: 办法（试行） -> 办法."""
    return re.sub(r"[（(][^（）()]{1,12}[）)]$", "", title)


def title_core(title: str) -> str:
    """What a title is about: without the issuer and 关于, the genre word and 的 before it, a
    bracketed qualifier, spaces and punctuation (中共中央 国务院关于推动城市高质量发展的意见 ->
    推动城市高质量发展). A notice issuing 《X》 is about X."""
    text = _without_qualifier("".join(title.split()))
    _, suffix = _genre(text)
    if suffix:
        text = re.sub(r"的$", "", text[: -len(suffix)])
    issued = re.search(r"印发《(?P<inner>[^《》]+)》", text) or re.search(r"关于印发(?P<inner>.+)$", text)
    if issued:
        return title_core(issued["inner"])
    if "关于" in text:
        text = text.split("关于", 1)[1]
    return re.sub(r"的$", "", text)


def short_title(text: str) -> str:
    """The romanised core of a title or headline: pinyin syllables joined by hyphens."""
    core = re.sub(r"[^\u3400-\u9fffA-Za-z0-9]", "", title_core(text) or text)
    kept, chinese = [], 0
    for char in core:  # TITLE_CHARS Chinese characters, and the letters and digits among or after them
        if not char.isascii():
            if chinese == TITLE_CHARS:
                break
            chinese += 1
        kept.append(char)
    return "-".join(syllables("".join(kept)))


def number_address(document: Document) -> str | None:
    """guofa-2024-3 from the document number line; guowuyuanling-777 from an order's number in the
    number line, the note under the title, or a date line that names it."""
    lines = [
        *document.front_matter,
        *([Matter("", "title-note", document.date.text, document.date.span)] if document.date else []),
    ]
    for line in lines:
        if line.kind == "number":
            match = BRACKET_NUMBER.match("".join(line.text.split()))
            if match:
                return "-".join(("".join(syllables(match["org"])), match["year"], str(int(match["n"]))))
        if line.kind in ("number", "title-note"):
            match = ORDER_NUMBER.search("".join(line.text.split()))
            if match:
                return "".join(syllables(match["org"])) + f"-{chinese_number(match['n'])}"
    return None


def news_date(article: Article) -> str | None:
    """A full date the page gives for a report: in its byline, deck or first lead paragraph."""
    texts = [f.text for f in (article.byline, article.deck) if f] + [p.text for p in article.lead[:1]]
    if not article.lead and article.sections:  # a dateline read as the first section's head
        first = article.sections[0]
        texts += [first.title.text] + [p.text for p in first.paragraphs[:1]]
    for text in texts:
        for match in FULL_DATE.finditer(text):
            y, m, d = int(match["y"]), int(match["m"]), int(match["d"])
            if 1 <= m <= 12 and 1 <= d <= 31:
                return f"{y:04d}-{m:02d}-{d:02d}"
    return None


def candidate(item: Item, page: Page | None = None) -> str:
    """An item's address by the rules above (before collisions are resolved)."""
    if isinstance(item, Document):
        number = number_address(item)
        if number:
            return number
        title = item.title.text if item.title else ""
        kind, _ = _genre(title)
        date = item.iso_date
        for link in item.links if date is None and page is not None else ():
            issuer = page.items[link.item] if link.kind == "issued-by" and link.item < len(page.items) else None
            if isinstance(issuer, Document) and issuer.iso_date:
                date = issuer.iso_date
        return _joined(kind, date, short_title(naming_text(item)))
    return _joined("news", news_date(item), short_title(naming_text(item)))


def _joined(*parts: str | None) -> str:
    return "-".join(part for part in parts if part)


def assign_slugs(pages: list[Page], known: Known | None = None) -> list[Page]:
    """Slugs for every item, then the slugs of the documents each one links to.

    Published slugs (known) stay with their documents; a new document never takes a slug that is
    taken: it gets its short title appended, then a counter.
    """
    known = known or {}
    taken = set(known.values())
    mine = dict(known)
    out = []
    for page in pages:
        items: list[Item] = []
        for item in page.items:
            key = (page.path, title_key(item))
            slug = mine.get(key)
            if slug is None or slug in {i.slug for i in items}:
                slug = _free(candidate(item, page), partial(short_title, naming_text(item)), taken)
            taken.add(slug)
            mine[key] = slug
            items.append(dataclasses.replace(item, slug=slug))
        slugs = [item.slug for item in items]
        for index, item in enumerate(items):
            if isinstance(item, Document) and item.links:
                links = tuple(dataclasses.replace(link, slug=slugs[link.item]) for link in item.links)
                items[index] = dataclasses.replace(item, links=links)
        out.append(dataclasses.replace(page, items=tuple(items)))
    return out


def _free(base: str, short: Callable[[], str], taken: set[str]) -> str:
    """base if free; else base and the short title (when base does not end in it); else a counter."""
    if base not in taken:
        return base
    title = short()
    if title and not base.endswith(title):
        base = f"{base}-{title}"
        if base not in taken:
            return base
    counter = 2
    while f"{base}-{counter}" in taken:
        counter += 1
    return f"{base}-{counter}"
