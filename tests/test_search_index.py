"""The search index without a browser: which characters the map records for each shard."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from policydocs.search_index import MAP_PATH, fold, index_chars, search_files, shards_of

#: Letters whose folding is not one character at a time: composition (e + U+0301, halfwidth kana
#: and their sound marks, Hangul jamo), compatibility forms (㎏, ﬁ, Ⅻ), case (İ, ẞ) and Σ, whose
#: lower case depends on its neighbours.
TRICKY = "aAeEiIİıΣσςΟΔαΑ\u0301\u0308\u0307\u3099ｶﾞｷﾟ㎏ﬁⅫ①ǅ\u1100\u1161\u11a8ㄱㅏ가中文。（）Ａ１ \n\tßẞŉΐ"


def plain_index_chars(text: str) -> frozenset[str]:
    return frozenset(c for c in fold(text) if not c.isspace())


@given(st.text(alphabet=st.sampled_from(TRICKY), max_size=16) | st.text(max_size=16))
def test_index_characters_are_those_of_the_folded_text(text: str) -> None:
    assert index_chars(text) == plain_index_chars(text)


def test_the_map_names_for_each_character_the_shards_that_hold_it(seed_result) -> None:
    pages = [seed_result.page]
    shards = shards_of(pages, None)
    body = search_files(pages, None)[MAP_PATH].decode("utf-8")
    search_map = json.loads(body[body.index("(") + 1 : body.rindex(")")])
    held = [plain_index_chars("\n".join(s.title + s.text for s in shard.sections)) for shard in shards]
    for char, mask in search_map["chars"].items():
        holders = {4 * k + bit for k, digit in enumerate(mask) for bit in range(4) if int(digit, 16) >> bit & 1}
        assert holders == {i for i, chars in enumerate(held) if char in chars}, char
    assert set(search_map["chars"]) == set().union(*held)
