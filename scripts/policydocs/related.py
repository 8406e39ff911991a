"""Related passages: clauses, part paragraphs and news sections that speak of the same things.

Each passage (a clause with its heading, a paragraph, a news section) is described by the
character bigrams of its Chinese text (Chinese is not split into words; most words are two
characters), each weighted by TF-IDF: how often the passage uses it, times the log of how rare it
is in the library (passages / passages holding it). Bigrams holding a function character (的, 和,
与 …) and bigrams held by more than MAX_SHARE of the passages are left out, and each passage keeps
its KEPT heaviest. Two passages score the sum, over the bigrams they share, of the products of
their weights, each passage's divided by the square root of its length (so a long passage does
not win by length alone, and one word repeated in both, 安全 in （十四） and （十五）, counts). The
words shown are the heaviest shared bigrams, each grown to the longest run both texts hold.

Measured on the seed against the pairs a reader names (（十四）（十五）（十七） on 安全, （九）
（十四） on 基础设施, （九）（十三） on 管网): bigrams with raw counts and this scaling put such a
clause first for 3 of the 5 and among the first three for 4 (keeping 40 or 80 bigrams: 2 first;
MAX_SHARE 0.2: 1 first);
bigrams and trigrams, log counts or cosine scaling did no better (1 first, at most 4 in three).
A segmenter did no better either: jieba 0.42.1's words under the same TF-IDF and scoring put 2
first (4 in three), and its own keywords (extract_tags, IDF from a general corpus) 2 first (4 in
three), showing words such as 加强 and 推进 as what two clauses share; so no segmenter is used.
Glossary terms alone were too sparse (no term of the seed occurs in two clauses).

Passages with the same text (boilerplate, the same clause in two versions of a document) are
described once and scored as one group, so a library that repeats passages costs no more than
one that does not. Found through an inverted index (bigram -> the POSTINGS groups where it weighs
most), so the work grows with the passages, not with all pairs.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import NamedTuple

#: Links shown under each passage.
MAX_RELATED = 5
#: Salient n-grams kept per passage (the heaviest), and shared n-grams shown per link.
KEPT, SHOWN = 20, 3
#: A shown word grows from its bigram at no more places, and to no more characters, than these.
GROWN_PLACES, GROWN_CHARS = 4, 10
#: Passages scored through one bigram: those where it weighs most. Without this bound a library
#: whose passages share much of their wording costs time growing with the square of its size
#: (256 documents made of the seed's sentences: 33 s); with it, linear.
POSTINGS = 24
#: Passages shorter than this (a heading alone) are neither described nor linked.
MIN_CHARS = 12
#: A bigram held by more than this share of the passages is no key word.
MAX_SHARE = 0.5
FUNCTION_CHARS = frozenset("的和与及或等了是在对为把被其之并也而以于从向由将")
#: Runs of Chinese characters between function characters (and anything else).
WORD_RUN = re.compile("[^" + "".join(sorted(FUNCTION_CHARS)) + r"\W\da-zA-Z_\u0080-\u33ff\ua000-\U0010ffff]{2,}")

Passage = tuple[str, str]  # (document slug, anchor: clause-N, section-N, part-1-p2 …)


class RelatedLink(NamedTuple):
    """A passage sharing key words with a passage."""

    slug: str
    anchor: str
    score: float
    shared: tuple[str, ...]  # the shared words, most telling first


def ngrams(text: str) -> Counter[str]:
    """Character bigrams of the Chinese runs of a text, none holding a function character."""
    counts: Counter[str] = Counter()
    for run in WORD_RUN.findall(text):
        counts.update(run[i : i + 2] for i in range(len(run) - 1))
    return counts


def related_passages(texts: dict[Passage, str]) -> dict[Passage, tuple[RelatedLink, ...]]:
    """Up to MAX_RELATED related passages for each passage (texts in reading order), best first;
    ties in reading order."""
    position = {passage: i for i, passage in enumerate(texts)}
    groups: dict[str, list[Passage]] = defaultdict(list)  # text -> passages holding it, reading order
    for passage, text in texts.items():
        if len(text) >= MIN_CHARS:
            groups[text].append(passage)
    counts = {text: ngrams(text) for text in groups}
    held: Counter[str] = Counter()  # n-gram -> passages holding it
    for text, grams in counts.items():
        for gram in grams:
            held[gram] += len(groups[text])
    total = sum(len(members) for members in groups.values())
    limit = max(2, MAX_SHARE * total)
    idf = {gram: math.log(total / count) for gram, count in held.items() if 1 < count <= limit}
    vectors: dict[str, dict[str, float]] = {}
    for text, grams in counts.items():
        weights = {gram: count * idf[gram] for gram, count in grams.items() if gram in idf}
        kept = heapq.nlargest(KEPT, weights.items(), key=lambda pair: (pair[1], pair[0]))
        norm = math.sqrt(len(text))
        vectors[text] = {gram: w / norm for gram, w in kept}
    holders: dict[str, list[str]] = defaultdict(list)  # n-gram -> group texts, reading order
    for text, vector in vectors.items():
        for gram in vector:
            holders[gram].append(text)
    for gram, texts_holding in holders.items():  # only the passages where it weighs most
        if len(texts_holding) > POSTINGS:
            holders[gram] = sorted(texts_holding, key=lambda t: -vectors[t][gram])[:POSTINGS]
    out: dict[Passage, tuple[RelatedLink, ...]] = {}
    for text, vector in vectors.items():
        scores: dict[str, float] = defaultdict(float)
        for gram, weight in sorted(vector.items()):  # sorted: each score summed in the same order
            for other in holders[gram]:
                scores[other] += weight * vectors[other][gram]
        # The best MAX_RELATED + 1 passages lie in the best MAX_RELATED + 1 groups (a group's first
        # passage comes before its others): only those are spread out into their passages. Scores
        # are compared rounded; none more than 1e-9 below the (MAX_RELATED + 1)th can reach it.
        best = heapq.nlargest(MAX_RELATED + 1, scores.values())
        floor = best[-1] - 1e-9 if best else 0.0
        rounded = {other: -round(score, 9) for other, score in scores.items() if score >= floor}
        top = heapq.nsmallest(MAX_RELATED + 1, rounded, key=lambda other: (rounded[other], position[groups[other][0]]))
        ranked = heapq.nsmallest(
            MAX_RELATED + 1,
            (
                (rounded[other], position[candidate], candidate, other)
                for other in top
                for candidate in groups[other][: MAX_RELATED + 1]
            ),
        )
        words = {other: shared_words(text, other, vector, vectors[other]) for other in {row[3] for row in ranked}}
        for passage in groups[text]:
            best = [(candidate, other) for _, _, candidate, other in ranked if candidate != passage][:MAX_RELATED]
            out[passage] = tuple(
                RelatedLink(*candidate, round(scores[other], 6), words[other]) for candidate, other in best
            )
    return {passage: out.get(passage, ()) for passage in texts}


def shared_words(text: str, other: str, mine: dict[str, float], theirs: dict[str, float]) -> tuple[str, ...]:
    """The shared bigrams that weigh most in both, each grown to the longest run of characters
    around it that both texts hold (基础 -> 基础设施), none inside another."""
    shared = sorted((gram for gram in mine if gram in theirs), key=lambda g: (-mine[g] * theirs[g], g))
    chosen: list[str] = []
    for gram in shared:
        word = _grown(gram, text, other)
        if any(word in longer for longer in chosen) or any(_straddles(word, t, chosen) for t in (text, other)):
            continue
        chosen = [shorter for shorter in chosen if shorter not in word] + [word]
        if len(chosen) == SHOWN:
            break
    return tuple(chosen)


def _straddles(word: str, text: str, chosen: list[str]) -> bool:
    """Whether every place of word in text overlaps a word chosen before without holding it: a
    fragment across two words (全生 of 安全生产, once 安全 is shown)."""
    taken = set()
    for other in chosen:
        for start in _places(other, text, 1):
            taken.update(range(start, start + len(other)))
    places = list(_places(word, text, len(word)))
    return bool(places) and all(not taken.isdisjoint(range(p, p + len(word))) for p in places)


def _places(word: str, text: str, step: int) -> Iterator[int]:
    """Where word stands in text; step 1 finds places that overlap, len(word) only those that do not."""
    start = text.find(word)
    while start != -1:
        yield start
        start = text.find(word, start + step)


def _grown(gram: str, text: str, other: str) -> str:
    """The longest run of Chinese characters holding gram at one of its first GROWN_PLACES places in
    text that other holds too (growing to the right, then to the left, up to GROWN_CHARS; no
    function character is taken in)."""
    best = gram
    start = text.find(gram)
    for _ in range(GROWN_PLACES):
        if start == -1:
            break
        left, right = start, start + len(gram)
        while (
            right - left < GROWN_CHARS and right < len(text) and _joins(text[right]) and text[left : right + 1] in other
        ):
            right += 1
        while right - left < GROWN_CHARS and left > 0 and _joins(text[left - 1]) and text[left - 1 : right] in other:
            left -= 1
        if right - left > len(best):
            best = text[left:right]
        start = text.find(gram, start + 1)
    return best


def _joins(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" and char not in FUNCTION_CHARS
