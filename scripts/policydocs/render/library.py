"""The library (文件库): one page listing every document with its title, kind, date, document
number and issuer, and the navigation each document's pages carry of their own.

The list is a table that reads without scripts, newest first. assets/javascripts/library.js reads
the table itself (no JSON to fetch, so it works from file:// too) and adds a text filter, filters by
year, issuer and kind, sorting by any column (buttons in the column heads) and grouping rows under
headings by year, issuer or kind. Every value is escaped: it is data, never markup.
"""

from __future__ import annotations

from typing import NamedTuple

from ..model import Article, Document, Item, Page
from ..recognise.continuation import is_continuation, is_open
from ..slugs import GENRES
from .cite import authors, title_of
from .escape import h
from .urls import ONE_PAGE_BELOW, full_page, html_path, on_one_page, overview_page, part_page

PAGE = "library.md"
TITLE = "文件库"
SCRIPT = "assets/javascripts/library.js"
NEWS = "新闻报道"
OTHER = "其他"
#: A genre word of a title, as the library names it (指导意见 and 实施意见 are 意见).
KIND_NAMES = {"指导意见": "意见", "实施意见": "意见", "实施方案": "方案"}
COLUMNS = (("title", "标题"), ("kind", "文种"), ("date", "日期"), ("number", "发文字号"), ("issuer", "发文机关"))


class Entry(NamedTuple):
    """One row of the library."""

    slug: str
    title: str
    kind: str
    date: str  # ISO date, or ""
    number: str
    issuer: str
    page: str  # the Markdown page the title links to
    note: str = ""  # the text is only part of the document (its page stops, or it continues one)

    @property
    def year(self) -> str:
        return self.date[:4]


def kind_of(item: Item) -> str:
    """意见, 通知, 条例 … from the genre word ending a document's title; 新闻报道 for a report."""
    if isinstance(item, Article):
        return NEWS
    title = title_of(item).rstrip()
    while title.endswith(("）", ")")) and ("（" in title or "(" in title):  # 办法（试行） -> 办法
        title = title[: max(title.rfind("（"), title.rfind("("))].rstrip()
    word = next((suffix for suffix, _ in GENRES if title.endswith(suffix)), None)
    return KIND_NAMES.get(word, word) if word else OTHER


def issuer_of(item: Item) -> str:
    """The issuing bodies named in the title (中共中央、国务院), else the signature under the text."""
    if isinstance(item, Article):
        return ""
    names = authors(item)
    if names:
        return "、".join(names)
    signature = item.matter("signature")
    return signature.text if signature else ""


def entries(pages: list[Page]) -> list[Entry]:
    """Every item of the library, newest first (undated last), then by title."""
    rows = []
    for page in pages:
        for item in page.items:
            number = item.number.text if isinstance(item, Document) and item.number else ""
            date = item.iso_date if isinstance(item, Document) else None
            title, kind, issuer = title_of(item), kind_of(item), issuer_of(item)
            note = "来源版面只载有其前半部分" if is_open(item) else ""
            note += "只是另一版面上一篇文件的后半部分" if is_continuation(item) else ""
            rows.append(Entry(item.slug, title, kind, date or "", number, issuer, overview_page(item), note))
    rows.sort(key=lambda e: e.title)
    rows.sort(key=lambda e: e.date, reverse=True)
    return rows


def _options(name: str, label: str, values: list[str]) -> str:
    options = "".join(f'<option value="{h(v)}">{h(v)}</option>' for v in values)
    return (
        f'<div class="library-field"><label for="library-{h(name)}">{h(label)}</label>'
        f'<select id="library-{h(name)}" name="{h(name)}" data-filter="{h(name)}">'
        f'<option value="">全部</option>{options}</select></div>'
    )


def library_page(rows: list[Entry]) -> str:
    """The page's Markdown: the filter form and the table (raw HTML, every value escaped)."""
    years = sorted({e.year for e in rows if e.year}, reverse=True)
    kinds = sorted({e.kind for e in rows})
    issuers = sorted({name for e in rows for name in e.issuer.split("、") if name})
    form = [
        '<form class="library-filters" role="search" aria-label="筛选文件" hidden>',
        '<div class="library-field"><label for="library-q">关键词</label><input type="search" id="library-q"'
        ' name="q" data-filter="q" placeholder="标题、发文字号或机关" autocomplete="off"></div>',
        _options("year", "年份", years),
        _options("issuer", "发文机关", issuers),
        _options("kind", "文种", kinds),
        '<div class="library-field"><label for="library-group">分组</label><select id="library-group" name="group"'
        ' data-group><option value="">不分组</option><option value="year">按年份</option>'
        '<option value="issuer">按发文机关</option><option value="kind">按文种</option></select></div>',
        "</form>",
        f'<p class="library-count" role="status" aria-live="polite">共 {len(rows)} 份文件</p>',
    ]
    head = "".join(f'<th scope="col" data-key="{key}">{h(label)}</th>' for key, label in COLUMNS)
    body = []
    for e in rows:
        href = html_path(e.page)
        note = f'<br><small class="library-note">{h(e.note)}</small>' if e.note else ""
        body.append(
            f'<tr data-slug="{h(e.slug)}"><td><a href="{h(href)}">{h(e.title)}</a>{note}</td><td>{h(e.kind)}</td>'
            f"<td>{h(e.date)}</td><td>{h(e.number)}</td><td>{h(e.issuer)}</td></tr>"
        )
    table = (
        '<table class="library-table">\n<caption>收录的文件（按日期从新到旧）</caption>\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>"
    )
    return (
        "\n\n".join(
            [
                f"---\ntitle: {TITLE}\n---\n",
                "<!-- 本页由 scripts/build.py 生成，请勿手工修改。Generated: do not edit. -->",
                f"# {TITLE} {{ #top }}",
                "本站收录的全部政策文件和新闻报道。可按关键词、年份、发文机关和文种筛选，"
                "点击表头按该列排序，也可按年份、发文机关或文种分组。",
                "\n".join(form),
                table,
                f'<script src="{h(SCRIPT)}"></script>',
            ]
        )
        + "\n"
    )


def document_nav(item: Item, one_page_below: int = ONE_PAGE_BELOW) -> dict[str, object]:
    """The navigation a document's pages carry (the hooks read it from docs/.nav.json): its title
    and its pages, each as [label, Markdown path] (one page, 全文, for a short document: see
    urls.on_one_page). Labels are escaped: the theme writes them as they are."""
    if isinstance(item, Article):
        return {"title": h(title_of(item)), "pages": [["报道全文", overview_page(item)]]}
    if on_one_page(item, one_page_below):
        return {"title": h(title_of(item)), "pages": [["全文", overview_page(item)]]}
    pages = [["概览", overview_page(item)]]
    pages += [[h(part.heading), part_page(item, part.id)] for part in item.parts]
    pages.append(["全文（打印版）", full_page(item)])
    return {"title": h(title_of(item)), "pages": pages}
