"""Related passages: clauses, part paragraphs and news sections that share glossary terms.

Each passage's terms come from the glossary index; passages are scored by the terms they share,
each term weighted by its rarity (log of passages / passages holding it). Found through an
inverted index (term -> passages), so the work grows with the shared pairs, not with all pairs.
Passages holding the same set of terms score alike against every other passage, so they are
scored as one group, and only the first few of a group (in reading order) can ever be shown:
a corpus that repeats passages (boilerplate, revised versions) costs linear time, not quadratic.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from typing import NamedTuple

from .glossary import TermIndex

#: Links shown under each passage.
MAX_RELATED = 5

Passage = tuple[str, str]  # (document slug, anchor: clause-N, section-N, part-1-p2 …)


class RelatedLink(NamedTuple):
    """A passage of another document (or another part) sharing key terms with a passage."""

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
    """Up to MAX_RELATED related passages for each passage (each listed once in ``order``), best
    first; ties in reading order."""
    terms = passage_terms(index)
    position = {passage: i for i, passage in enumerate(order)}
    groups: dict[tuple[str, ...], list[Passage]] = defaultdict(list)  # terms -> passages, reading order
    for passage in position:
        groups[tuple(sorted(terms.get(passage, ())))].append(passage)
    holders: dict[str, list[tuple[str, ...]]] = defaultdict(list)  # term -> groups holding it
    held: dict[str, int] = defaultdict(int)  # term -> passages holding it
    for signature, members in groups.items():
        for term in signature:
            holders[term].append(signature)
            held[term] += len(members)
    total = max(len(terms), 1)
    weight = {term: math.log((total + 1) / count) for term, count in held.items()}
    out: dict[Passage, tuple[RelatedLink, ...]] = {}
    for signature, members in groups.items():
        scores: dict[tuple[str, ...], float] = {}
        for term in signature:  # sorted, so each score is summed in the same order as term by term
            for other in holders[term]:
                scores[other] = scores.get(other, 0.0) + weight[term]
        # Members of one group tie; only the first MAX_RELATED + 1 of each can make the cut.
        ranked = heapq.nsmallest(
            MAX_RELATED + 1,
            (
                (-round(score, 9), position[candidate], candidate, other)
                for other, score in scores.items()
                for candidate in groups[other][: MAX_RELATED + 1]
            ),
        )
        shared: dict[tuple[str, ...], tuple[str, ...]] = {}
        for _, _, _, other in ranked:
            if other not in shared:
                mine = set(other)
                shared[other] = tuple(sorted((t for t in signature if t in mine), key=lambda t: (-weight[t], t)))
        for passage in members:
            best = [(candidate, other) for _, _, candidate, other in ranked if candidate != passage][:MAX_RELATED]
            out[passage] = tuple(
                RelatedLink(candidate[0], candidate[1], round(scores[other], 6), shared[other])
                for candidate, other in best
                if scores[other] > 0
            )
    return {passage: out[passage] for passage in order}
