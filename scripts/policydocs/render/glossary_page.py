"""The glossary page (术语表): entries by pinyin under letter headings, with every occurrence."""

from __future__ import annotations

from itertools import groupby
from urllib.parse import quote

from ..glossary import Glossary, TermIndex
from ..model import Item, Page
from .escape import h, md
from .labels import Labels, full_label
from .urls import html_path, overview_page

PAGE = "glossary.md"


Where = dict[tuple[str, str], str]  # (slug, id) -> the page showing that node (urls.node_pages)
#: Passages listed under a term; a term found in more is searched for instead. Listing every one
#: grows the page with the library: at 1,024 documents one term had 940 (the page: 1.7 MB).
LISTED = 10


def _occurrence_links(passages: list[tuple[str, str]], items: dict[str, Item], where: Where, labels: Labels) -> str:
    """Links to the first LISTED passages (slug, anchor) holding a term."""
    links = []
    for slug, anchor in passages[:LISTED]:
        item = items[slug]
        target = html_path(where.get((slug, anchor)) or overview_page(item))
        links.append(f'<a href="{h(target)}#{h(anchor)}">{h(full_label(labels, item, anchor))}</a>')
    return "、".join(links)


def glossary_page(glossary: Glossary, index: TermIndex, pages: list[Page], where: Where, labels: Labels) -> str:
    """where: (slug, id) -> the page showing that node (urls.node_pages); labels: its label (labels.node_labels)."""
    items = {item.slug: item for page in pages for item in page.items}
    out = [
        "---\ntitle: 术语表\n---\n",
        "<!-- 本页由 scripts/build.py 从 data/glossary.yml 生成，请勿手工修改。Generated: do not edit. -->",
        "# 术语表",
        "按汉语拼音排序。释义由本站编写，说明文件中的用法和该词的一般含义；“出处”列出该词在文件中出现的每一处。",
    ]
    for letter, group in groupby(glossary.entries, key=lambda e: e.sort_key[0][:1].upper() or "#"):
        anchor = f"letter-{letter.lower()}" if letter.isalpha() else "letter-other"
        out.append(f"## {md(letter if letter.isalpha() else '0–9')} {{ #{anchor} }}")
        for entry in group:
            out.append(f"### {md(entry.term)} {{ #{entry.id} .term-entry }}")
            lines = [
                f'<p class="term-meta"><span class="pinyin" lang="zh-Latn-pinyin">{h(entry.pinyin)}</span>'
                f' · <span lang="en">{h(entry.english)}</span></p>',
                f'<p class="term-definition">{h(entry.definition)}</p>',
            ]
            if entry.related:
                by_term = glossary.by_term()
                related = "、".join(f'<a href="#{by_term[t].id}">{h(t)}</a>' for t in entry.related if t in by_term)
                lines.append(f'<p class="term-related">相关术语：{related}</p>')
            places = index.places.get(entry.id, ())
            if places:
                passages = list(dict.fromkeys((place.slug, place.anchor) for place in places))
                listed = _occurrence_links(passages, items, where, labels)
                if len(passages) > LISTED:  # the search box opens with the term (the theme reads ?q=)
                    listed += f'等{len(passages)}处（<a href="?q={h(quote(entry.term, safe=""))}">检索全部</a>）'
                lines.append(f'<p class="term-places">出处：{listed}</p>')
                first = next((p for p in places if not p.in_heading), places[0])
                lines.append(f'<p class="term-first">首见：<q>{h(first.sentence.text)}</q></p>')
            if entry.source:
                lines.append(f'<p class="term-source">释义依据：{h(entry.source)}</p>')
            out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"
