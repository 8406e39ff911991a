"""Related passages: clauses, part paragraphs and news sections that share glossary terms.

Each passage's terms come from the glossary index; passages are scored by the terms they share,
each term weighted by its rarity (log of passages / passages holding it). Found through an
inverted index (term -> passages), so the work grows with the shared pairs, not with all pairs.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from .glossary import TermIndex

#: Links shown under each passage.
MAX_RELATED = 5

Passage = tuple[str, str]  # (document slug, anchor: clause-N, section-N, part-1-p2 …)


@dataclass(frozen=True)
class RelatedLink:
    slug: str
    anchor: str
    score: float
    shared: tuple[str, ...]  # glossary entry ids, most telling first


def passage_terms(index: TermIndex) -> dict[Passage, set[str]]:
    terms: dict[Passage, set[str]] = defaultdict(set)
    for entry_id, places in index.places.items():
        for place in places:
            terms[(place.slug, place.anchor)].add(entry_id)
    return dict(terms)


def related_passages(index: TermIndex, order: list[Passage]) -> dict[Passage, tuple[RelatedLink, ...]]:
    """Up to MAX_RELATED related passages for each passage, best first; ties in reading order."""
    terms = passage_terms(index)
    holders: dict[str, list[Passage]] = defaultdict(list)
    for passage in order:
        for term in sorted(terms.get(passage, ())):
            holders[term].append(passage)
    total = max(len(terms), 1)
    weight = {term: math.log((total + 1) / len(found)) for term, found in holders.items()}
    position = {passage: i for i, passage in enumerate(order)}
    out: dict[Passage, tuple[RelatedLink, ...]] = {}
    for passage in order:
        scores: dict[Passage, float] = defaultdict(float)
        shared: dict[Passage, list[str]] = defaultdict(list)
        for term in sorted(terms.get(passage, ())):
            for other in holders[term]:
                if other != passage:
                    scores[other] += weight[term]
                    shared[other].append(term)
        best = sorted(scores, key=lambda other: (-round(scores[other], 9), position[other]))[:MAX_RELATED]
        out[passage] = tuple(
            RelatedLink(
                other[0],
                other[1],
                round(scores[other], 6),
                tuple(sorted(shared[other], key=lambda t: (-weight[t], t))),
            )
            for other in best
            if scores[other] > 0
        )
    return out
