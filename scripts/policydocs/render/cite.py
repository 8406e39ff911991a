"""Citations: GB/T 7714-2015 references, Markdown links, and the cite box shown beside a node."""

from __future__ import annotations

import re

from ..model import Article, Document, Item
from ..recognise.continuation import is_continuation
from ..source import Span, spans_of
from .escape import h
from .urls import Settings, absolute

#: A reader's access date, filled in by site.js when the page is shown (builds stay reproducible).
ACCESS_DATE = "引用日期"


def authors(item: Item) -> list[str]:
    """Issuing bodies named before 关于 in a title (中共中央 国务院关于… -> 中共中央, 国务院)."""
    if isinstance(item, Article):
        return [item.byline.text] if item.byline else []
    title = item.title.text if item.title else ""
    match = re.match(r"^(.+?)关于", title)
    if not match:
        return []
    return [name for name in re.split(r"[\s\u3000、，,]+", match[1]) if name]


def fragment_title(document: Document) -> str:
    """What a continuation whose document is not on the site is called: 接续部分 and where it starts."""
    if document.parts:
        start = document.parts[0].heading
    else:
        start = document.all_clauses[0].label if document.all_clauses else ""
    return f"另一版面所载文件的接续部分（自{start}起）" if start else "另一版面所载文件的接续部分"


def title_of(item: Item) -> str:
    if isinstance(item, Document) and item.title is None and is_continuation(item):
        return fragment_title(item)
    return item.name


def gbt7714_head(item: Item) -> str:
    """What every GB/T 7714 citation of an item begins with: 中共中央, 国务院. 题名[EB/OL]. (发布日期)[引用日期]."""
    names = authors(item)
    head = ", ".join(names) + ". " if names else ""
    date = f"({item.iso_date})" if isinstance(item, Document) and item.iso_date else ""
    return f"{head}{title_of(item)}[EB/OL]. {date}[{ACCESS_DATE}]."


def gbt7714(item: Item, url: str, locator: str | None = None) -> str:
    """中共中央, 国务院. 题名[EB/OL]. (发布日期)[引用日期]. URL. Locator (第（八）条) last."""
    text = f"{gbt7714_head(item)} {url}."
    return f"{text} {locator}." if locator else text


def markdown_link(item: Item, url: str, locator: str | None = None) -> str:
    label = f"《{title_of(item)}》" + (locator or "")
    label = label.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    return f"[{label}]({url})"


def provenance(span: Span) -> str:
    """path 第N–M行; for text continued on another page, each file's lines in reading order."""
    out = []
    for one in spans_of(span):
        lines = f"第{one.first}行" if one.first == one.last else f"第{one.first}–{one.last}行"
        out.append(f"{one.path} {lines}")
    return "；".join(out)


def cite_box(
    settings: Settings, item: Item, page: str, anchor: str, locator: str | None, span: Span, source_link: str
) -> str:
    """Raw HTML for one node's cite box; every value is escaped. The item's own box (no locator)
    holds its permalink, GB/T 7714 and Markdown citations; the box of a part, clause or section
    holds its permalink and its locator (data-locator), and site.js adds its GB/T 7714 and Markdown
    rows, made as gbt7714 and markdown_link make them, from the item's citation given once on the
    page (cite_data): the page does not repeat the title and the address thrice in every box. The
    copy buttons, which need a script, are added by site.js too."""
    url = absolute(settings, page, anchor)
    rows = [("永久链接", url)]
    if locator is None:
        rows += [("GB/T 7714", gbt7714(item, url)), ("Markdown", markdown_link(item, url))]
    data = "" if locator is None else f' data-locator="{h(locator)}"'
    out = [
        f'<details class="cite-box" data-anchor="{h(anchor)}"{data}>',
        f"<summary>引用{h(locator or '本文')}</summary>",
        "<dl>",
    ]
    for label, value in rows:
        out.append(f'<dt>{h(label)}</dt><dd><code class="cite-text">{h(value)}</code></dd>')
    out.append(f'<dt>来源</dt><dd><a href="{h(source_link)}">{h(provenance(span))}</a></dd>')
    out.append("</dl>")
    out.append("</details>")
    return "\n".join(out)


def cite_data(item: Item) -> str:
    """Once on a page with cite boxes of parts, clauses or sections: the item's citation, from which
    site.js makes their GB/T 7714 and Markdown rows (see cite_box)."""
    return f'<div class="cite-data" hidden data-gbt="{h(gbt7714_head(item))}" data-title="{h(title_of(item))}"></div>'
