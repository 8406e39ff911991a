"""Assemble every generated file of the site: Markdown pages, data, sources, navigation."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import Any, NamedTuple

from ..glossary import Glossary, TermIndex, index_terms, scoped_sentences
from ..model import Article, Document, Page, to_compact_json
from ..parallel import Mapper, serial_map
from ..references import Library, Reference, item_references, library
from ..related import related_passages
from ..search_index import Shard, document_shard, glossary_shard, map_files, shard_path, shard_script
from . import bench_page, home, news_page, policy_pages
from .context import Context
from .escape import h
from .glossary_page import PAGE as GLOSSARY_PAGE
from .glossary_page import glossary_page
from .terms import definitions_block, item_first_hits, make_linker
from .urls import Settings, full_page, html_path, overview_page, part_page, source_file

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
    for part in item.parts:
        pages[part_page(item, part.id)] = policy_pages.part(ctx, item, part)
    pages[full_page(item)] = policy_pages.full_text(item)
    return pages


#: What a build may do with an item's files where they were made (say, write them out): what it
#: returns stands for them in the result.
Stage = Callable[[Files], dict[str, Any]]


class Staged(NamedTuple):
    """What a stage may return for a file it wrote out beside its target under a temporary name
    (temp is None where the target held these bytes already), with a page's ids. (Defined here,
    in a module, so that worker processes can send it back whatever the main script is.)"""

    temp: str | None
    ids: list[str] | None


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
    stage: Stage | None,
    number: int,
    item: Document | Article,
) -> tuple[dict[str, Any], Shard, frozenset[str]]:
    """Everything one item gives the site: its pages, its data, its search shard (numbered), and
    the shard without its sections and the shard's characters, for the search map."""
    hits = item_first_hits(item, index) if glossary is not None and index is not None else {}
    refs = item_references(item, lib)
    if hits or refs:
        ctx = replace(ctx, link=make_linker(hits, glossary, "../", refs, partial(_reference_href, ctx)))
    files: Files = {}
    for path, text in _item_pages(ctx, item).items():
        if glossary is not None:
            text += definitions_block(text, glossary)
        files[path] = text.encode("utf-8")
    files[f"data/{item.slug}.json"] = to_compact_json(item).encode("utf-8")
    shard = document_shard(item)
    files[shard_path(number)], chars = shard_script(number, shard)
    return (stage(files) if stage else files), shard._replace(sections=()), chars


def _nav(pages: list[Page], extra: list[dict[str, str]]) -> list[object]:
    nav: list[object] = [{"首页": "index.md"}]
    for page in pages:
        for item in page.items:
            if isinstance(item, Document):
                title = item.title.text if item.title else item.slug
                entries: list[object] = [{"概览": overview_page(item)}]
                entries += [{h(p.heading): part_page(item, p.id)} for p in item.parts]
                entries.append({"全文（打印版）": full_page(item)})
                nav.append({h(title): entries})
            else:
                headline = item.headline.text if item.headline else item.slug
                nav.append({h(headline): overview_page(item)})
    return nav + extra + [{"引用说明": "cite.md"}]


_NOT_YAML_PRINTABLE = re.compile("[\\x7f-\\x9f\\u2028\\u2029\\ufffe\\uffff]")


def nav_file(nav: list[object]) -> str:
    """docs/.nav.yml, which the hooks read with PyYAML: written as JSON, which YAML reads as it is,
    so that a build need not load PyYAML."""
    text = json.dumps(nav, ensure_ascii=False, indent=1)
    # JSON leaves these as they are; YAML refuses them (C1 controls, U+FFFE/U+FFFF) or reads them
    # as line breaks (U+0085, U+2028, U+2029): written as \u escapes, which both read alike
    text = _NOT_YAML_PRINTABLE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)
    return "# Generated by scripts/build.py: do not edit.\n" + text + "\n"


def render_site(
    settings: Settings,
    pages: list[Page],
    sources: dict[str, bytes],
    assets: dict[str, bytes],
    glossary: Glossary | None = None,
    term_index: TermIndex | None = None,
    bench: dict[str, object] | None = None,
    mapper: Mapper = serial_map,
    stage: Stage | None = None,
) -> Files:
    """Every file to write under docs/, by path; nothing here touches the filesystem. Each item
    is rendered on its own (`mapper` may spread the items over processes); `stage`, if given, is
    applied to each item's files where they were made, and its results stand for them."""
    files: dict[str, str] = {
        "index.md": home.home(settings, pages),
        "cite.md": home.cite_guide(settings, pages),
    }
    items = {item.slug: item for page in pages for item in page.items}
    ctx = Context(settings, items)
    extra_nav: list[dict[str, str]] = []
    index = None
    if glossary is not None:
        index = term_index or index_terms(pages, glossary)
        ctx = Context(
            settings,
            items,
            related=related_passages(passage_texts(list(items.values()))),
            term_names={e.id: e.term for e in glossary.entries},
        )
        files[GLOSSARY_PAGE] = glossary_page(glossary, index, pages)
        extra_nav.append({"术语表": GLOSSARY_PAGE})
    if bench is not None:
        files[bench_page.PAGE] = bench_page.bench_page(bench)
        extra_nav.append({bench_page.TITLE: bench_page.PAGE})
    if glossary is not None:
        for path, text in files.items():
            files[path] = text + definitions_block(text, glossary)
    nav = _nav(pages, extra_nav)
    out: Files = {path: text.encode("utf-8") for path, text in files.items()}
    numbered = list(enumerate(items.values()))
    lib = library(list(items.values()))
    made = mapper(lambda pair: _item_files(ctx, glossary, index, lib, stage, *pair), numbered)
    for item_files, _, _ in made:
        out.update(item_files)
    out[".nav.yml"] = nav_file(nav).encode("utf-8")
    index_rows = [{"slug": i.slug, "kind": i.kind, "source": p.path} for p in pages for i in p.items]
    out["data/index.json"] = (json.dumps(index_rows, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    shards, chars = [shard for _, shard, _ in made], [found for _, _, found in made]
    if glossary is not None:
        number, shard = len(shards), glossary_shard(glossary)
        out[shard_path(number)], found = shard_script(number, shard)
        shards.append(shard)
        chars.append(found)
    out.update(map_files(shards, chars))
    for path, data in sources.items():
        out[source_file(path)] = data
    out.update({f"assets/{name}": data for name, data in assets.items()})
    return out
