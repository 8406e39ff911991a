"""The glossary: entries from data/glossary.yml, and where each term occurs in the documents.

Terms are found with one pattern built as a tree of the terms' shared prefixes, which at any
position prefers the longest term, so a term inside a longer term is never matched on its own.
Each item's sentences are searched in one go (page_hits).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from itertools import accumulate
from typing import Any, NamedTuple

from . import ids
from .diagnostics import Diagnostic, InputError, error
from .model import Clause, Item, Page, Part, Sentence
from .source import Span
from .walk import units

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Entry(NamedTuple):
    """One glossary entry, with the line it starts on in the glossary file."""

    id: str
    term: str
    pinyin: str
    english: str
    definition: str
    related: tuple[str, ...]
    source: str | None
    line: int
    plain_pinyin: str = ""  # without tones, for sorting

    @property
    def sort_key(self) -> tuple[str, str]:
        return self.plain_pinyin, self.term


class Glossary(NamedTuple):
    """The entries, sorted by pinyin, and the file they came from."""

    entries: tuple[Entry, ...]
    path: str

    def by_term(self) -> dict[str, Entry]:
        return {e.term: e for e in self.entries}

    def pattern(self) -> re.Pattern[str] | None:
        """Any term, the longest where terms start alike: the terms as a tree of shared prefixes
        (城市(?:更新|体检)…), so that a position is tried once per letter, not once per term."""
        return re.compile(_prefix_tree([e.term for e in self.entries])) if self.entries else None


def _prefix_tree(terms: list[str]) -> str:
    """A pattern matching exactly these terms, preferring the longest at any position: the
    continuations of a shared prefix come before the prefix alone, which is made optional."""
    ends, branches = False, {}
    for term in terms:
        if term:
            branches.setdefault(term[0], []).append(term[1:])
        else:
            ends = True
    if not branches:
        return ""
    parts = [re.escape(first) + _prefix_tree(rest) for first, rest in sorted(branches.items())]
    alternatives = "|".join(parts)  # each part is a letter and a group: no | at its top level
    if ends:
        return f"(?:{alternatives})?"
    return alternatives if len(parts) == 1 else f"(?:{alternatives})"


#: A term's readings: pinyin with tone marks, and without them (for sorting).
Readings = Callable[[str], tuple[str, str]]


def pypinyin_readings(term: str) -> tuple[str, str]:
    """Readings from pypinyin (imported here: its dictionaries take a while to load, and the
    build keeps the readings of known terms in a cache, data/pinyin.json)."""
    from pypinyin import Style, lazy_pinyin

    tone = " ".join(lazy_pinyin(term, style=Style.TONE, errors="default"))
    plain = " ".join(lazy_pinyin(term, style=Style.NORMAL, errors="default")).lower()
    return tone, plain


def read_glossary_yaml(data: bytes, path: str) -> tuple[list[Any], list[int]]:
    """The entries as parsed from the file, and the line each starts on; errors name the file and
    line. (PyYAML is imported here: a build that finds the parse in its cache need not load it.)"""
    import yaml

    try:  # libyaml's parser where installed: the node tree (for lines) and the data in one pass
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(data.decode("utf-8"))
        try:
            nodes = loader.get_single_node()
            raw = loader.construct_document(nodes) if nodes is not None else None
        finally:
            loader.dispose()
    except (yaml.YAMLError, UnicodeDecodeError):
        try:  # the pure-Python parser words the error and finds its line
            nodes = yaml.compose(data.decode("utf-8"))
            raw = yaml.safe_load(data.decode("utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            mark = getattr(exc, "problem_mark", None)
            raise error(path, (mark.line + 1) if mark else 1, f"glossary is not valid YAML: {exc}") from None
    if not isinstance(raw, list):
        raise error(path, 1, "glossary must be a list of entries")
    return raw, [node.start_mark.line + 1 for node in nodes.value] if nodes is not None else []


def load_glossary(data: bytes, path: str, readings: Readings = pypinyin_readings) -> Glossary:
    """Parse and check the glossary file; errors name the file and line."""
    raw, lines = read_glossary_yaml(data, path)
    return glossary_from_data(raw, lines, path, readings)


def glossary_from_data(raw: list[Any], lines: list[int], path: str, readings: Readings = pypinyin_readings) -> Glossary:
    """Check the parsed entries (each with its line) and make the glossary. A ``pinyin`` given in
    an entry overrides the generated one."""
    entries, seen_ids, seen_terms = [], set(), set()
    for item, line in zip(raw, lines):
        missing = [k for k in ("id", "term", "english", "definition") if not isinstance(item, dict) or not item.get(k)]
        if missing:
            raise error(path, line, f"glossary entry lacks {', '.join(missing)}")
        if not ID_RE.match(item["id"]):
            raise error(path, line, f"glossary id {item['id']!r} must be lowercase ASCII words joined by hyphens")
        if item["id"] in seen_ids or item["term"] in seen_terms:
            raise error(path, line, f"glossary entry {item['id']} ({item['term']}) is defined twice")
        seen_ids.add(item["id"])
        seen_terms.add(item["term"])
        tone, plain = readings(item["term"])
        entries.append(
            Entry(
                item["id"],
                item["term"],
                item.get("pinyin") or tone,
                item["english"],
                item["definition"],
                tuple(item.get("related") or ()),
                item.get("source"),
                line,
                plain,
            )
        )
    for entry in entries:
        for other in entry.related:
            if other not in seen_terms:
                raise error(path, entry.line, f"glossary entry {entry.id}: related term {other} is not an entry")
    return Glossary(tuple(sorted(entries, key=lambda e: e.sort_key)), path)


class Hit(NamedTuple):
    """A term found in a sentence: [start, end) of the sentence text."""

    entry_id: str
    start: int
    end: int


class Place(NamedTuple):
    """Where a term occurs: an item, the anchor to link (clause, paragraph, section) and a sentence."""

    slug: str
    anchor: str
    sentence: Sentence
    in_heading: bool


def scoped_sentences(item: Item) -> Iterator[tuple[str, Sentence, bool]]:
    """(anchor, sentence, in_heading) for every sentence, in reading order (walk.units); the anchor
    is the smallest citable unit: a clause or a section, else the paragraph."""
    for unit in units(item):
        node = unit.node
        if isinstance(node, Part):
            yield (
                unit.anchor,
                Sentence(ids.heading(node.id), node.title, Span(node.span.path, node.span.first, node.span.first)),
                True,
            )
        elif isinstance(node, Clause) and node.heading:
            yield unit.anchor, node.heading, True
        for paragraph in unit.paragraphs:
            scope = unit.anchor if unit.kind in ("clause", "section") else paragraph.id
            for sentence in paragraph.sentences:
                yield scope, sentence, False


class TermIndex(NamedTuple):
    """Hits per sentence, and places per entry id, from one pass over all documents. (Sentences are
    keys, not their ids: every document has a preamble-p1-s1.)"""

    hits: dict[Sentence, tuple[Hit, ...]]
    places: dict[str, tuple[Place, ...]]


#: Per item of a page, the hits of each sentence that has any, by its position in scoped_sentences.
PageHits = list[dict[int, tuple[Hit, ...]]]


def page_hits(page: Page, pattern: re.Pattern[str] | None, ids: dict[str, str]) -> PageHits:
    """The terms in one page (pattern: Glossary.pattern(); ids: term -> entry id). Each item's
    sentences are searched in one go, joined by newlines: no term holds one, so no match crosses
    from one sentence into the next, and each sentence is matched as it would be on its own."""
    out: PageHits = []
    for item in page.items:
        found: dict[int, list[Hit]] = {}
        if pattern is not None:
            texts = [sentence.text for _, sentence, _ in scoped_sentences(item)]
            starts = list(accumulate((len(text) + 1 for text in texts), initial=0))
            for match in pattern.finditer("\n".join(texts)):
                position = bisect_right(starts, match.start()) - 1
                offset = starts[position]
                found.setdefault(position, []).append(Hit(ids[match[0]], match.start() - offset, match.end() - offset))
        out.append({position: tuple(hits) for position, hits in found.items()})
    return out


def index_terms(pages: list[Page], glossary: Glossary) -> TermIndex:
    """Hits and places of every term in every sentence, in document order."""
    pattern, ids = glossary.pattern(), {e.term: e.id for e in glossary.entries}
    found = [page_hits(page, pattern, ids) for page in pages]
    hits: dict[Sentence, tuple[Hit, ...]] = {}
    places: dict[str, list[Place]] = {e.id: [] for e in glossary.entries}
    for page, page_found in zip(pages, found):
        for item, item_found in zip(page.items, page_found):
            if not item_found:
                continue
            for position, (anchor, sentence, in_heading) in enumerate(scoped_sentences(item)):
                sentence_hits = item_found.get(position)
                if sentence_hits:
                    hits[sentence] = sentence_hits
                    for hit in sentence_hits:
                        places[hit.entry_id].append(Place(item.slug, anchor, sentence, in_heading))
    return TermIndex(hits, {k: tuple(v) for k, v in places.items()})


def unused_entries(index: TermIndex, glossary: Glossary) -> list[Diagnostic]:
    """A warning for each entry that occurs in no document (an error with --strict)."""
    return [
        Diagnostic(glossary.path, e.line, "warning", f"glossary term {e.term} ({e.id}) occurs in no document")
        for e in glossary.entries
        if not index.places[e.id]
    ]


#: Quoted phrases, and runs of four or more Chinese characters (compiled when candidates are asked for).
QUOTED = r"“([^“”，。；、]{2,12})”"
RUN = r"[\u4e00-\u9fff]{4,}"
#: Names of initiatives and bodies: a word ending in one of these, the run before it cut after a
#: function character or a verb that governs it (实施城市更新行动 -> 城市更新行动).
NAME_ENDS = r"工程|行动|计划|体|圈"
NAME = rf"[\u4e00-\u9fff]+?(?:{NAME_ENDS})(?![\u4e00-\u9fff])"
NAME_CHARS = range(3, 15)
GOVERNING = re.compile(
    r"^.*(?:[的和与及或等了是在对为把被其之并也而以于从向由将]|实施|推进|推动|开展|建设|建立|健全|完善|加强|深入|"
    r"打造|构建|发展|落实|提升|支持|紧跟|覆盖|实行|培育|壮大|组织|鼓励|引导|探索|创建|启动)"
)
#: Abbreviated compounds built on numbers: 一函两书, 一带一路, 五型 (with its noun), 平急两用.
_DIGIT, _NOT_DIGIT = "[一二两三四五六七八九十]", r"[^\W\d一二两三四五六七八九十和与及的届]"
NUMBERED = rf"{_DIGIT}{_NOT_DIGIT}{{1,2}}{_DIGIT}{_NOT_DIGIT}{{1,2}}"
#: A short form named as such: 简称“产改”, （以下简称医联体）.
SHORT_FORM = r"简称[“\"]?([\u4e00-\u9fff]{2,8})"
KINDS = {"short form": 0, "quoted": 1, "name": 2, "numbered": 3, "repeated": 4}


def candidates(pages: list[Page], glossary: Glossary) -> list[tuple[str, int, str, str]]:
    """Terms the text suggests that the glossary lacks, with why: short forms named as such
    (简称“X”), quoted terms, names of initiatives and bodies (…工程, …行动, …计划, …体, …圈),
    abbreviated compounds on numbers (一函两书), and 4–6 character sequences repeated at least
    three times. (term, count, where first seen as path:line, kind), the most telling kinds first."""
    known = glossary.by_term()
    patterns = {
        "short form": re.compile(SHORT_FORM),
        "quoted": re.compile(QUOTED),
        "name": re.compile(NAME),
        "numbered": re.compile(NUMBERED),
    }
    run_pattern = re.compile(RUN)
    counts: Counter[str] = Counter()
    first: dict[str, str] = {}
    kind: dict[str, str] = {}
    for page in pages:
        for item in page.items:
            for _, sentence, _ in scoped_sentences(item):
                found: list[tuple[str, str]] = []
                for name, pattern in patterns.items():
                    for match in pattern.finditer(sentence.text):
                        term = match[1] if pattern.groups else match[0]
                        if name == "name":
                            term = GOVERNING.sub("", term)
                            if len(term) not in NAME_CHARS:
                                continue
                        found.append((term, name))
                for run in run_pattern.findall(sentence.text):
                    found += [(run[i : i + n], "repeated") for n in (4, 5, 6) for i in range(len(run) - n + 1)]
                for term, name in found:
                    counts[term] += 1
                    first.setdefault(term, f"{sentence.span.path}:{sentence.span.first}")
                    if KINDS[name] < KINDS.get(kind.get(term, "repeated"), 9):
                        kind[term] = name
    out = []
    for term, count in counts.items():
        if any(term in k or k in term for k in known):
            continue
        if kind.get(term, "repeated") != "repeated" or count >= 3:
            out.append((term, count, first[term], kind.get(term, "repeated")))
    return sorted(out, key=lambda row: (KINDS[row[3]], -row[1], row[0]))[:200]


__all__ = [
    "Entry",
    "Glossary",
    "InputError",
    "candidates",
    "glossary_from_data",
    "index_terms",
    "load_glossary",
    "read_glossary_yaml",
    "unused_entries",
]
