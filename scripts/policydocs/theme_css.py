"""The theme's style sheets without the rules this site can never use. Pure functions over text.

A style rule is dropped when every selector of its list needs a class, an id or an attribute value
(``[data-md-color-primary=red]``) that occurs nowhere in the site's pages, scripts and own style
sheet (``used`` makes that set of words; it is a superset, so a class that a script adds at run
time is kept). Selectors inside ``:not()``, ``:is()`` and other functions need nothing, and a list
is kept or dropped whole: taking one selector out could make a list valid that the browser
ignored before. Then custom properties (``--md-…``) that nothing reads through ``var()`` any
more, and nothing in the pages or scripts names, are dropped, with rules and ``@media`` or
``@supports`` blocks left empty. Other at-rules (``@charset``, ``@font-face``, ``@keyframes``,
``@page``) are kept as they are.

Input that cannot be read (a block or string left open, a ``}`` too many) raises ``CssError``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

#: At-rules holding rules, which are pruned inside; every other block is kept whole.
GROUPING = frozenset({"@media", "@supports", "@container", "@layer", "@document", "@scope"})
WORD = re.compile(r"-?[A-Za-z_][\w-]*")
#: Where a script joins strings, `md-tag--${name}` or "md-tag--"+name, and the word before.
JOIN = re.compile(r"\$\{|\+")
PREFIX = {
    "${": re.compile(r"(?<![\w-])[A-Za-z_][\w-]*[-_]$"),
    "+": re.compile(r"""(?<![\w-])([A-Za-z_][\w-]*[-_])["'`][ \t]*$"""),
}
PROPERTY_NAME = re.compile(r"--[A-Za-z_][\w-]*")
VAR_USE = re.compile(r"var\(\s*(--[\w-]+)")
CLASS_OR_ID = re.compile(r"[.#](-?[A-Za-z_][\w-]*)")
ATTRIBUTE = re.compile(r"\[([^\]]*)\]")
ATTRIBUTE_VALUE = re.compile(r"""\s*([\w-]+)\s*~?=\s*(["']?)(-?[A-Za-z_][\w-]*)\2\s*""")
#: Attributes whose values come only from the markup: the palette's (its script copies them from
#: the palette's inputs). A selector on one needs the attribute with that value in a page.
MARKUP_ATTRIBUTES = ("data-md-color-scheme", "data-md-color-primary", "data-md-color-accent")
MARKUP_VALUE = re.compile(r"""(data-md-color-(?:scheme|primary|accent))=["']([^"'\n]*)["']""")
COMMENT = re.compile(r"/\*.*?\*/", re.S)
#: What can hide a separator: strings, brackets, escapes and comments.
GUARDED = re.compile(r"""["'()\[\]\\]|/\*""")
INNER_BRACKETS = re.compile(r"\([^()]*\)")
SPACE = re.compile(r"(?:\s|/\*.*?\*/)*", re.S)
#: Strings, comments and escapes, skipped whole; a quote or /* alone is a string or comment never closed.
SKIPPED = r"""\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|/\*.*?\*/|\\.|["']|/\*"""


class CssError(ValueError):
    """A style sheet cannot be read; ``offset`` is where reading stopped."""

    def __init__(self, message: str, offset: int, sheet: str = "") -> None:
        super().__init__(f"{sheet}: " * bool(sheet) + f"offset {offset}: {message}")
        self.message, self.offset, self.sheet = message, offset, sheet


@dataclass(frozen=True)
class Raw:
    """Text kept as it is: white space, a comment, a statement, an at-rule other than a group."""

    text: str


@dataclass(frozen=True)
class Rule:
    prelude: str
    body: str


@dataclass(frozen=True)
class Group:
    prelude: str
    children: tuple[Node, ...]


Node = Raw | Rule | Group


@dataclass(frozen=True)
class Usage:
    """What the site can match: every word of its pages and scripts (and the palette's attributes
    with their values, as name=value), and prefixes scripts complete."""

    words: frozenset[str]
    prefixes: tuple[str, ...]
    properties: frozenset[str]

    def has(self, word: str) -> bool:
        """Whether a word needed by a selector is there (a name=value only as it is in a page)."""
        return word in self.words or ("=" not in word and word.startswith(self.prefixes))


def used(texts: Iterable[str]) -> Usage:
    """The words, completed prefixes and custom property names in pages, scripts and style sheets.
    Nothing looked for spans lines, so a line that many pages share is read once."""
    text = "\n".join(dict.fromkeys(line for text in texts for line in text.splitlines()))
    words = set(WORD.findall(text))
    words.update(f"{name}={value}" for name, value in MARKUP_VALUE.findall(text))
    prefixes: set[str] = set()
    for join in JOIN.finditer(text):
        prefix = PREFIX[join.group()].search(text, max(join.start() - 100, 0), join.start())
        if prefix:
            prefixes.add(prefix.group(prefix.re.groups))
    return Usage(frozenset(words), tuple(sorted(prefixes)), frozenset(PROPERTY_NAME.findall(text)))


# Reading.


@functools.cache
def _marks_pattern(marks: str) -> re.Pattern[str]:
    return re.compile(f"{SKIPPED}|[{re.escape(marks)}]", re.S)


def _marks(css: str, start: int, end: int, marks: str) -> Iterator[tuple[int, str]]:
    """Where the characters of ``marks`` are between start and end, outside strings, comments and escapes."""
    for match in _marks_pattern(marks).finditer(css, start, end):
        mark = match.group()
        if mark in ("'", '"', "/*"):
            raise CssError("string never closed" if mark != "/*" else "comment never closed", match.start())
        if len(mark) == 1:
            yield match.start(), mark


def _find(css: str, start: int, end: int, stops: str) -> int:
    """The first of ``stops`` outside brackets between start and end; end if none."""
    depth = 0
    for at, mark in _marks(css, start, end, stops + "()[]"):
        if mark in "([":
            depth += 1
        elif mark in ")]":
            depth = max(depth - 1, 0)
        elif depth == 0:
            return at
    return end


def _block_end(css: str, open_at: int, end: int) -> int:
    """The index of the } closing the { at open_at."""
    depth = 0
    for at, mark in _marks(css, open_at, end, "{}"):
        if mark == "{":
            depth += 1
        elif mark == "}":
            depth -= 1
            if depth == 0:
                return at
    raise CssError("block never closed", open_at)


def parse(css: str, start: int = 0, end: int | None = None) -> tuple[Node, ...]:
    """The rules and at-rules of a style sheet (or of a block's inside, between start and end)."""
    end = len(css) if end is None else end
    nodes: list[Node] = []
    i = start
    while i < end:
        space = SPACE.match(css, i, end)
        if space and space.end() > i:
            nodes.append(Raw(space.group()))
            i = space.end()
            continue
        stop = _find(css, i, end, "{};")
        if stop == end:
            raise CssError("rule without a block", i)
        if css[stop] == "}":
            raise CssError("} without a block", stop)
        if css[stop] == ";":
            nodes.append(Raw(css[i : stop + 1]))
            i = stop + 1
            continue
        close = _block_end(css, stop, end)
        nodes.append(_node(css, i, stop, close))
        i = close + 1
    return tuple(nodes)


def _node(css: str, start: int, open_at: int, close: int) -> Node:
    prelude = css[start:open_at]
    if prelude.startswith("@"):
        name = WORD.match(prelude, 1)
        keyword = "@" + name.group(0).lower() if name else "@"
        if keyword in GROUPING:
            return Group(prelude, parse(css, open_at + 1, close))
        return Raw(css[start : close + 1])
    body = css[open_at + 1 : close]
    if "{" in body and _find(body, 0, len(body), "{") < len(body):  # nested rules: kept as they are
        return Raw(css[start : close + 1])
    return Rule(prelude, body)


def serialise(nodes: Iterable[Node]) -> str:
    parts: list[str] = []
    for node in nodes:
        if isinstance(node, Raw):
            parts.append(node.text)
        elif isinstance(node, Rule):
            parts.append(f"{node.prelude}{{{node.body}}}")
        else:
            parts.append(f"{node.prelude}{{{serialise(node.children)}}}")
    return "".join(parts)


# Selectors.


def _split(text: str, separator: str) -> list[str]:
    """Text split at a separator outside strings, comments and brackets."""
    if not GUARDED.search(text):
        return text.split(separator)
    parts: list[str] = []
    start = depth = 0
    for at, mark in _marks(text, 0, len(text), separator + "()[]"):
        if mark in "([":
            depth += 1
        elif mark in ")]":
            depth = max(depth - 1, 0)
        elif depth == 0:
            parts.append(text[start:at])
            start = at + 1
    parts.append(text[start:])
    return parts


def _outside_brackets(selector: str) -> str:
    """The selector with what is inside round brackets taken out: :not(.a) needs no class a."""
    while "(" in selector:
        inner = INNER_BRACKETS.sub("", selector)
        if inner == selector:  # a bracket never closed: what follows it is taken out too
            return selector[: selector.index("(")]
        selector = inner
    return selector


def needs(selector: str) -> set[str]:
    """The words an element (or its ancestors) must carry for the selector to match anything."""
    if "\\" in selector:  # an escaped name: not worth reading, the selector is kept
        return set()
    text = _outside_brackets(COMMENT.sub("", selector))
    words: set[str] = set()
    for inside in ATTRIBUTE.findall(text):
        value = ATTRIBUTE_VALUE.fullmatch(inside)
        if value and value.group(1) in MARKUP_ATTRIBUTES:
            words.add(f"{value.group(1)}={value.group(3)}")
        elif value:
            words.add(value.group(3))
    words.update(CLASS_OR_ID.findall(ATTRIBUTE.sub("[]", text)))
    return words


def can_match(prelude: str, usage: Usage) -> bool:
    """Whether some selector of the list can match: none of its words is missing from the site."""
    return any(all(usage.has(word) for word in needs(selector)) for selector in _split(prelude, ","))


def _empty(nodes: Iterable[Node]) -> bool:
    return all(isinstance(n, Raw) and not COMMENT.sub("", n.text).strip() for n in nodes)


def drop_rules(nodes: Iterable[Node], usage: Usage) -> tuple[Node, ...]:
    kept: list[Node] = []
    for node in nodes:
        if isinstance(node, Rule) and not can_match(node.prelude, usage):
            continue
        if isinstance(node, Group):
            children = drop_rules(node.children, usage)
            if _empty(children):
                continue
            node = Group(node.prelude, children)
        kept.append(node)
    return tuple(kept)


# Custom properties.


@functools.lru_cache(maxsize=4096)
def _declarations(body: str) -> tuple[tuple[str | None, str], ...]:
    """The declarations of a rule, each with its custom property name (None for other properties)."""
    found: list[tuple[str | None, str]] = []
    for text in _split(body, ";"):
        name = text.split(":", 1)[0].strip()
        found.append((name if name.startswith("--") else None, text))
    return tuple(found)


def _texts(nodes: Iterable[Node], plain: list[str], values: dict[str, list[str]]) -> None:
    """Sorts the text of the sheet: custom property declarations by name, everything else plain."""
    for node in nodes:
        if isinstance(node, Raw):
            plain.append(node.text)
        elif isinstance(node, Group):
            plain.append(node.prelude)
            _texts(node.children, plain, values)
        else:
            for name, text in _declarations(node.body):
                if name is None:
                    plain.append(text)
                else:
                    values.setdefault(name, []).append(text)


def read_properties(nodes: Iterable[Node], usage: Usage) -> set[str]:
    """Custom properties something reads: var() outside custom properties, names in pages and
    scripts, and var() in the values of properties read (until nothing more is found)."""
    plain: list[str] = []
    values: dict[str, list[str]] = {}
    _texts(nodes, plain, values)
    read = set(usage.properties) | set(VAR_USE.findall("\n".join(plain)))
    todo = list(read)
    while todo:
        for text in values.get(todo.pop(), []):
            for name in VAR_USE.findall(text):
                if name not in read:
                    read.add(name)
                    todo.append(name)
    return read


def drop_properties(nodes: Iterable[Node], read: set[str]) -> tuple[Node, ...]:
    kept: list[Node] = []
    for node in nodes:
        if isinstance(node, Rule):
            declarations = _declarations(node.body)
            wanted = [text for name, text in declarations if name is None or name in read]
            if len(wanted) < len(declarations):
                if not "".join(wanted).strip():
                    continue
                node = Rule(node.prelude, ";".join(wanted))
        elif isinstance(node, Group):
            children = drop_properties(node.children, read)
            if _empty(children):
                continue
            node = Group(node.prelude, children)
        kept.append(node)
    return tuple(kept)


def prune(sheets: Mapping[str, str], usage: Usage) -> dict[str, str]:
    """The style sheets, by name, without the rules and custom properties the site cannot use.
    Sheets that load together are pruned together: one may read custom properties another declares."""
    trees: dict[str, tuple[Node, ...]] = {}
    for name, css in sheets.items():
        try:
            trees[name] = drop_rules(parse(css), usage)
        except CssError as error:
            raise CssError(error.message, error.offset, name) from None
    read = read_properties([node for tree in trees.values() for node in tree], usage)
    return {name: serialise(drop_properties(tree, read)) for name, tree in trees.items()}
