"""Assemble every generated file of the site: Markdown pages, data, sources, navigation."""

from __future__ import annotations

import json
from dataclasses import replace
from functools import partial

from ..glossary import Glossary, TermIndex, index_terms, scoped_sentences
from ..model import Article, Document, Page, to_compact_json
from ..references import Library, Reference, item_references
from ..references import library as reference_library
from ..related import related_passages
from . import bench_page, home, library, news_page, policy_pages
from .context import Context
from .glossary_page import PAGE as GLOSSARY_PAGE
from .glossary_page import glossary_page
from .labels import node_labels
from .search_index import Shard, Unit, document_shard, glossary_shard, map_files, shard_path, shard_script
from .terms import definitions_block, item_first_hits, make_linker, page_terms
from .urls import Settings, full_page, html_path, node_pages, on_one_page, overview_page, part_page, source_file

Files = dict[str, bytes]


def passage_texts(items: list[Document | Article]) -> dict[tuple[str, str], str]:
    """(slug, anchor) -> the text of each citable passage (a clause's heading and body), in reading
    order; a heading alone (a part's title) is no passage."""
    texts: dict[tuple[str, str], list[str]] = {}
    bodies: set[tuple[str, str]] = set()
    for item in items:
        for anchor, sentence, in_heading in scoped_sentences(item):
            texts.setdefault((item.slug, anchor), []).append(sentence.text)
            if not in_heading:
                bodies.add((item.slug, anchor))
    return {passage: "".join(parts) for passage, parts in texts.items() if passage in bodies}


def _item_pages(ctx: Context, item: Document | Article) -> dict[str, str]:
    if isinstance(item, Article):
        return {overview_page(item): news_page.page(ctx, item)}
    pages = {overview_page(item): policy_pages.overview(ctx, item)}
    if on_one_page(item, ctx.settings.one_page_below):
        return pages
    for part in item.parts:
        pages[part_page(item, part.id)] = policy_pages.part(ctx, item, part)
    pages[full_page(item)] = policy_pages.full_text(item)
    return pages


def _reference_href(ctx: Context, ref: Reference) -> str:
    """Where a resolved reference leads, from an item's page (one folder deep)."""
    item = ctx.items[ref.slug or ""]
    page = ctx.page_of(item, ref.anchor) if ref.anchor else overview_page(item)
    return "../" + html_path(page) + (f"#{ref.anchor}" if ref.anchor else "")


def _item_files(
    ctx: Context,
    glossary: Glossary | None,
    index: TermIndex | None,
    lib: Library,
    number: int,
    item: Document | Article,
) -> tuple[Files, Shard, tuple[Unit, ...]]:
    """Everything one item gives the site: its pages, its data, its search shard (numbered), and
    the shard without its sections and what the search index records of them."""
    hits = item_first_hits(item, index) if glossary is not None and index is not None else {}
    refs = item_references(item, lib)
    if hits or refs:
        ctx = replace(ctx, link=make_linker(hits, glossary, "../", refs, partial(_reference_href, ctx)))
    terms = page_terms(item.slug, hits, refs, ctx.pages) if glossary is not None else {}
    files: Files = {}
    for path, text in _item_pages(ctx, item).items():
        if glossary is not None:
            text += definitions_block(terms.get(path, ()), glossary)
        files[path] = text.encode("utf-8")
    files[f"data/{item.slug}.json"] = to_compact_json(item).encode("utf-8")
    shard = document_shard(item, ctx.pages)
    files[shard_path(number)], units = shard_script(number, shard)
    return files, shard._replace(sections=()), units


#: The generated navigation the hooks read (see nav_file).
NAV_FILE = ".nav.json"


def site_nav(extra: list[dict[str, str]], about: list[dict[str, str]]) -> list[object]:
    """The navigation every page carries: for readers first (home, the library, the glossary, how
    to cite), then the site's own pages under 关于本站. It does not grow with the library: each
    document's pages are listed on that document's pages only (document_nav)."""
    nav: list[object] = [{"首页": "index.md"}, {library.TITLE: library.PAGE}, *extra, {"引用说明": "cite.md"}]
    if about:
        nav.append({"关于本站": about})
    return nav


def nav_file(nav: list[object], documents: dict[str, dict[str, object]]) -> str:
    """docs/.nav.json: the site's navigation (as mkdocs.yml's nav would hold it) and, by page, the
    navigation of the document it belongs to (its slug's entry in ``documents``)."""
    return json.dumps({"nav": nav, "documents": documents}, ensure_ascii=False, indent=1) + "\n"


def render_site(
    settings: Settings,
    pages: list[Page],
    sources: dict[str, bytes],
    assets: dict[str, bytes],
    glossary: Glossary | None = None,
    term_index: TermIndex | None = None,
    bench: dict[str, object] | None = None,
) -> Files:
    """Every file to write under docs/, by path; nothing here touches the filesystem."""
    items = {item.slug: item for page in pages for item in page.items}
    where, labels = node_pages(items.values(), settings.one_page_below), node_labels(items.values())
    files: dict[str, str] = {
        "index.md": home.home(settings, pages),
        library.PAGE: library.library_page(library.entries(pages)),
        "cite.md": home.cite_guide(settings, pages, where),
    }
    ctx = Context(settings, items, pages=where, labels=labels)
    extra_nav: list[dict[str, str]] = []
    about: list[dict[str, str]] = []
    index = None
    if glossary is not None:
        index = term_index or index_terms(pages, glossary)
        ctx = Context(
            settings,
            items,
            related=related_passages(passage_texts(list(items.values()))),
            term_names={e.id: e.term for e in glossary.entries},
            pages=where,
            labels=labels,
        )
        files[GLOSSARY_PAGE] = glossary_page(glossary, index, pages, where, labels)
        extra_nav.append({"术语表": GLOSSARY_PAGE})
    if bench is not None:
        files[bench_page.PAGE] = bench_page.bench_page(bench)
        about.append({bench_page.TITLE: bench_page.PAGE})
    nav = site_nav(extra_nav, about)
    out: Files = {path: text.encode("utf-8") for path, text in files.items()}
    numbered = list(enumerate(items.values()))
    lib = reference_library(list(items.values()))
    made = [_item_files(ctx, glossary, index, lib, number, item) for number, item in numbered]
    for item_files, _, _ in made:
        out.update(item_files)
    documents = {item.slug: library.document_nav(item, settings.one_page_below) for item in items.values()}
    out[NAV_FILE] = nav_file(nav, documents).encode("utf-8")
    index_rows = [{"slug": i.slug, "kind": i.kind, "source": p.path} for p in pages for i in p.items]
    # compact, as the items' data files are: no reader of the site needs it indented
    out["data/index.json"] = (json.dumps(index_rows, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    shards, units = [shard for _, shard, _ in made], [found for _, _, found in made]
    if glossary is not None:
        number, shard = len(shards), glossary_shard(glossary)
        out[shard_path(number)], found = shard_script(number, shard)
        shards.append(shard)
        units.append(found)
    shard_bytes = sum(len(out[shard_path(number)]) for number in range(len(shards)))
    out.update(map_files(shards, units, shard_bytes))
    for path, data in sources.items():
        out[source_file(path)] = data
    out.update({f"assets/{name}": data for name, data in assets.items()})
    return out
