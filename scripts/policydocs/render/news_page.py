"""The page of a news report: headline, deck, byline, lead, sections and pull quotes."""

from __future__ import annotations

from ..model import Article
from . import blocks
from .cite import cite_box, cite_data
from .context import Context
from .escape import h, md
from .urls import overview_page, relative, source_link


def page(ctx: Context, article: Article) -> str:
    settings, link = ctx.settings, ctx.link
    path = overview_page(article)
    title = article.name
    source = source_link(path, article.span.path)
    out = [
        blocks.front_matter(title),
        blocks.source_comment([article.span.path]),
        f"# {md(title)} {{ #top }}",
    ]
    if article.deck:
        out.append(f'<p class="deck">{h(article.deck.text)}</p>')
    if article.byline:
        out.append(f'<p class="byline"><span class="byline-label">署名</span> {h(article.byline.text)}</p>')
    out.append(cite_box(settings, article, path, "top", None, article.span, source))
    out.extend(blocks.paragraphs(article.lead, link))
    out.extend(ctx.pull_quotes(path, article, {p.id for p in article.lead}))
    out.append(ctx.related_after(path, article.slug, [p.id for p in article.lead]))
    for section in article.sections:
        out.append(blocks.heading(2, section.title.text, section.id, "section"))
        if section.subtitle:
            out.append(f'<p class="section-subtitle">{h(section.subtitle.text)}</p>')
        out.append(cite_box(settings, article, path, section.id, f"第{section.number}节", section.span, source))
        out.extend(blocks.paragraphs(section.paragraphs, link))
        out.extend(ctx.pull_quotes(path, article, {p.id for p in section.paragraphs}))
        out.append(ctx.related_block(path, article.slug, section.id))
    for n in article.notes:
        out.append(blocks.note(n))
    out.append(f"[结构化数据（JSON）]({relative(path, f'data/{article.slug}.json')})")
    out.append(cite_data(article))
    return "\n\n".join(x for x in out if x) + "\n"
