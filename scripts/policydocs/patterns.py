"""Shared text patterns: sentence ends, numbering, dates, page-jump markers."""

from __future__ import annotations

import itertools
import re

CN_DIGITS = "零〇一二三四五六七八九十百千两"
NUM = rf"[{CN_DIGITS}]+|\d+"

#: Characters after which a sentence may end, and closers that may follow them.
SENTENCE_END = re.compile(r"[。！？!?…]+[”’」』）)】》]*$")
#: Punctuation a paragraph or a list item of a web copy may end with (a sentence end, ； or ：).
LINE_END = re.compile(r"[。！？!?…；;：:]+[”’」』）)】》]*$")
#: Split points between sentences inside a paragraph.
SENTENCE_SPLIT = re.compile(r"(?<=[。！？!?])(?![。！？!?”’」』）)】》])|(?<=[。！？!?][”’」』）)】》])")
#: Punctuation that only running prose contains (headings, titles and bylines have none).
PROSE_PUNCT = re.compile(r"[，、；。！？：,;!?]")

PART_HEADING = re.compile(rf"^(?P<num>[{CN_DIGITS}]+)、(?P<title>[^，。；！？]{{1,40}})$")
CHAPTER_HEADING = re.compile(rf"^第(?P<num>{NUM})章\s*(?P<title>.{{0,40}})$")
CLAUSE_START = re.compile(rf"^(?P<label>（(?P<num>[{CN_DIGITS}]+)）)")
ARTICLE_START = re.compile(rf"^(?P<label>第(?P<num>{NUM})条)[\s\u3000]*")
#: A numbered heading or item: 一、 （一） (一) 第一章 1. ; a decimal such as 3.6万 is not a number label.
NUMBERED_START = re.compile(
    rf"^(?:[{CN_DIGITS}]+、|（[{CN_DIGITS}]+）|\([{CN_DIGITS}]+\)|第(?:{NUM})[章节条编]|\d+[.．、](?!\d))"
)
DATE_LINE = re.compile(r"^[（(](?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日[^（）()]{0,20}[）)]$")
JUMP_MARKER = re.compile(rf"[（(](?:下转|上接|转|接)第?(?:{NUM})版[）)]$")
#: A jump marker that ends the text on this page: "continued on page N" (not 上接, "continued from").
PAGE_END_MARKER = re.compile(rf"[（(](?:下转|转)第?(?:{NUM})版[）)]")
DECK_END = re.compile(r"(?:——|—|──)$")


def ends_sentence(text: str) -> bool:
    return bool(SENTENCE_END.search(text))


def is_prose(text: str) -> bool:
    return bool(PROSE_PUNCT.search(text))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Offsets (start, end) of the sentences of a paragraph; nothing is dropped."""
    bounds = [0] + [m.end() for m in SENTENCE_SPLIT.finditer(text) if 0 < m.end() < len(text)] + [len(text)]
    return [(a, b) for a, b in itertools.pairwise(bounds) if a < b]


_UNITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_number(text: str) -> int:
    """Value of a Chinese numeral such as 二十三 or 一百零五, or of Arabic digits."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for char in text:
        if char in _UNITS:
            current = _UNITS[char]
        elif char in "十百千":
            scale = {"十": 10, "百": 100, "千": 1000}[char]
            total += (current or 1) * scale
            current = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text}")
    return total + current


def to_chinese_number(n: int) -> str:
    """Inverse of chinese_number for 1..999 (used to print clause labels like （二十））."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n - 10] if n > 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    rest = n % 100
    head = digits[n // 100] + "百"
    if rest == 0:
        return head
    if rest < 10:
        return head + "零" + digits[rest]
    return head + (to_chinese_number(rest) if rest >= 20 else "一" + to_chinese_number(rest))
