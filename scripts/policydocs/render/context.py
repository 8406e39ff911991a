"""What every page renderer needs: settings, the documents, term links and related passages."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Item
from ..related import MAX_RELATED, Passage, RelatedLink
from . import blocks
from .blocks import Linker, no_links
from .escape import h
from .labels import Labels, anchor_label, full_label
from .urls import Settings, html_path, overview_page, relative


@dataclass(frozen=True)
class Context:
    """What every page renderer needs (see the module's docstring)."""

    settings: Settings
    items: dict[str, Item]
    link: Linker = no_links
    related: dict[Passage, tuple[RelatedLink, ...]] = field(default_factory=dict)
    term_names: dict[str, str] = field(default_factory=dict)  # glossary entry id -> term
    #: (slug, id) -> the page showing that node (urls.node_pages)
    pages: dict[tuple[str, str], str] = field(default_factory=dict, compare=False, repr=False)
    #: (slug, id) -> its label (labels.node_labels)
    labels: Labels = field(default_factory=dict, compare=False, repr=False)

    def page_of(self, item: Item, anchor: str) -> str:
        """The page showing a node; the item's overview for its own anchors (top, front-matter …)."""
        return self.pages.get((item.slug, anchor)) or overview_page(item)

    def pull_quotes(self, page: str, item: Item, anchors: set[str]) -> list[str]:
        """The item's pull quotes whose first repeated passage is one of these anchors."""
        out = []
        for quote in item.pull_quotes:
            if quote.paragraph_ids and quote.paragraph_ids[0] in anchors:
                targets = [
                    (self._href(page, item, anchor), anchor_label(self.labels, item, anchor))
                    for anchor in quote.paragraph_ids
                ]
                out.append(blocks.pull_quote(quote, targets))
        return out

    def _href(self, page: str, item: Item, anchor: str) -> str:
        target = self.page_of(item, anchor)
        return f"#{anchor}" if target == page else html_path(relative(page, target)) + f"#{anchor}"

    def related_after(self, page: str, slug: str, anchors: list[str]) -> str:
        """One block of related passages for several paragraphs read together (a lead, a
        preamble), shown after the last of them, not between them; each target once."""
        seen: dict[tuple[str, str], RelatedLink] = {}
        for anchor in anchors:
            for link in self.related.get((slug, anchor), ()):
                seen.setdefault((link.slug, link.anchor), link)
        return self.related_block(page, slug, anchors[0], tuple(seen.values())[:MAX_RELATED]) if anchors else ""

    def related_block(self, page: str, slug: str, anchor: str, found: tuple[RelatedLink, ...] | None = None) -> str:
        """Links to the passages sharing most key terms with this one (none: nothing shown)."""
        links = self.related.get((slug, anchor), ()) if found is None else found
        if not links:
            return ""
        entries = []
        for link in links:
            item = self.items[link.slug]
            href = self._href(page, item, link.anchor)
            label = full_label(self.labels, item, link.anchor, slug)
            terms = "、".join(self.term_names.get(t, t) for t in link.shared[:3])
            entries.append(
                f'<li><a href="{h(href)}">{h(label)}</a><span class="related-terms">（{h(terms)}）</span></li>'
            )
        return (
            f'<nav class="related" aria-label="相关内容" data-search-exclude>\n<p class="related-title">相关内容</p>\n'
            f"<ul>{''.join(entries)}</ul>\n</nav>"
        )
