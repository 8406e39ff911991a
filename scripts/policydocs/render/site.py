"""Assemble every generated file of the site: Markdown pages, data, sources, navigation."""

from __future__ import annotations

import json
from dataclasses import replace

import yaml

from ..glossary import Glossary, TermIndex, index_terms, scoped_sentences
from ..model import Article, Document, Page, to_compact_json
from ..parallel import Mapper, serial_map
from ..related import related_passages
from ..search_index import Shard, document_shard, glossary_shard, map_files, shard_path, shard_script
from . import bench_page, home, news_page, policy_pages
from .context import Context
from .escape import h
from .glossary_page import PAGE as GLOSSARY_PAGE
from .glossary_page import glossary_page
from .terms import definitions_block, item_first_hits, make_linker
from .urls import Settings, full_page, overview_page, part_page

Files = dict[str, bytes]


def passage_order(item: Document | Article) -> list[str]:
    """Anchors of an item's citable passages in reading order (as the glossary index names them)."""
    return list(dict.fromkeys(anchor for anchor, _, _ in scoped_sentences(item)))


def _item_pages(ctx: Context, item: Document | Article) -> dict[str, str]:
    if isinstance(item, Article):
        return {overview_page(item): news_page.page(ctx, item)}
    pages = {overview_page(item): policy_pages.overview(ctx, item)}
    for part in item.parts:
        pages[part_page(item, part.id)] = policy_pages.part(ctx, item, part)
    pages[full_page(item)] = policy_pages.full_text(item)
    return pages


def _item_files(
    ctx: Context, glossary: Glossary | None, index: TermIndex | None, number: int, item: Document | Article
) -> tuple[Files, Shard, frozenset[str]]:
    """Everything one item gives the site: its pages, its data, its search shard (numbered), and
    the shard without its sections and the shard's characters, for the search map."""
    if glossary is not None and index is not None:
        ctx = replace(ctx, link=make_linker(item_first_hits(item, index), glossary, "../"))
    files: Files = {}
    for path, text in _item_pages(ctx, item).items():
        if glossary is not None:
            text += definitions_block(text, glossary)
        files[path] = text.encode("utf-8")
    files[f"data/{item.slug}.json"] = to_compact_json(item).encode("utf-8")
    shard = document_shard(item)
    files[shard_path(number)], chars = shard_script(number, shard)
    return files, replace(shard, sections=()), chars


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


#: libyaml's emitter where PyYAML has it (same output as safe_dump, several times faster).
_YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def render_site(
    settings: Settings,
    pages: list[Page],
    sources: dict[str, bytes],
    assets: dict[str, bytes],
    glossary: Glossary | None = None,
    term_index: TermIndex | None = None,
    bench: dict[str, object] | None = None,
    mapper: Mapper = serial_map,
) -> Files:
    """Every file to write under docs/, by path; nothing here touches the filesystem. Each item
    is rendered on its own (`mapper` may spread the items over processes)."""
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
        order = [(item.slug, anchor) for item in items.values() for anchor in passage_order(item)]
        ctx = Context(
            settings,
            items,
            related=related_passages(index, order),
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
    made = mapper(lambda pair: _item_files(ctx, glossary, index, *pair), numbered)
    for item_files, _, _ in made:
        out.update(item_files)
    out[".nav.yml"] = (
        "# Generated by scripts/build.py: do not edit.\n"
        + yaml.dump(nav, Dumper=_YAML_DUMPER, allow_unicode=True, sort_keys=False)
    ).encode("utf-8")
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
        out["sources/" + path.split("/")[-1]] = data
    out.update({f"assets/{name}": data for name, data in assets.items()})
    return out
