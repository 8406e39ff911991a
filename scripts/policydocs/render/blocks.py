"""Markdown for model nodes: paragraphs with sentence anchors, headings, notes, pull quotes."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from ..model import Note, Paragraph, PullQuote, Sentence
from .escape import comment, h, md

#: Markdown for a sentence's text, with glossary terms linked (see render.terms).
Linker = Callable[[Sentence], str]


def no_links(sentence: Sentence) -> str:
    return md(sentence.text)


def paragraph(p: Paragraph, link: Linker = no_links) -> str:
    """One Markdown paragraph; each sentence a span with its id; the paragraph gets its own id."""
    sentences = "".join(f'<span class="s" id="{s.id}">{link(s)}</span>' for s in p.sentences)
    return f"{sentences}\n{{: #{p.id} .para }}"


def paragraphs(items: Sequence[Paragraph], link: Linker = no_links) -> list[str]:
    return [paragraph(p, link) for p in items]


def heading(level: int, text: str, anchor: str, classes: str = "") -> str:
    attrs = f"#{anchor}" + (f" .{classes}" if classes else "")
    return f"{'#' * level} {md(text)} {{ {attrs} }}"


PAGE_END = "编者注：来源版面至此结束，原文在此标有“{mark}”。本文件其余部分不在来源文本中，本站未收录。"
#: A page-end marker whose continuation was found and joined (continuation.py).
PAGE_END_JOINED = "编者注：原文在“{mark}”处转到另一版面，本站已把两个版面上的文字接排为一篇。"
PAGE_START_JOINED = "编者注：另一版面上的接续文字开头标有“{mark}”，已排在前文之后。"
#: A continuation whose beginning is not in the sources.
PAGE_START = "编者注：以下文字接续另一版面上的前文，原文在此标有“{mark}”。前文不在来源文本中，本站未收录。"


#: A web page's header where a site split the document, and e-paper navigation (chrome.py).
PAGINATION = "编者注：原网页在此分页，分页处重复的标题“{mark}”不属于正文。"
CHROME = "编者注：这是原网页或电子版的导航文字，不属于正文：“{mark}”。"


def note(n: Note, continued: bool = False) -> str:
    """An editorial note for a mark of the source; ``continued``: the text a page-jump marker
    points to is joined."""
    if n.kind in ("pagination", "chrome"):
        message = (PAGINATION if n.kind == "pagination" else CHROME).format(mark=" ".join(n.source_text.split("\n")))
    elif n.kind == "page-start":
        message = (PAGE_START_JOINED if continued else PAGE_START).format(mark=n.source_text)
    else:
        message = (PAGE_END_JOINED if continued else PAGE_END).format(mark=n.source_text)
    return f'<div class="editorial-note" id="{h(n.id)}" role="note">\n<p>{h(message)}</p>\n</div>'


def pull_quote(q: PullQuote, targets: Sequence[tuple[str, str]]) -> str:
    """A pull quote; targets are (href, label) of the paragraphs it repeats."""
    links = "、".join(f'<a href="{h(href)}">{h(label)}</a>' for href, label in targets)
    return (
        f'<figure class="pull-quote" id="{h(q.id)}">\n'
        f"<blockquote><p>{h(q.text)}</p></blockquote>\n"
        f"<figcaption>版面摘录，原文见{links}</figcaption>\n"
        "</figure>"
    )


def front_matter(title: str, extra: str = "") -> str:
    """YAML front matter; the theme prints page titles as HTML, so the title is escaped."""
    return f"---\ntitle: {json.dumps(h(title), ensure_ascii=False)}\n{extra}---\n"


def source_comment(paths: Sequence[str]) -> str:
    return comment(f"本页由 scripts/build.py 从 {', '.join(paths)} 生成，请勿手工修改。Generated: do not edit.")
