"""Glossary: the data file, the one-pass matcher, occurrences, links in the text, related passages."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT, run_build
from policydocs.diagnostics import InputError
from policydocs.glossary import Entry, Glossary, candidates, index_terms, load_glossary, unused_entries
from policydocs.pipeline import read_page
from policydocs.render.terms import item_first_hits, make_linker

GLOSSARY_FILE = ROOT / "data" / "glossary.yml"


def tiny_glossary(*terms: str) -> Glossary:
    entries = tuple(Entry(f"t{i}", term, "", "", f"定义{i}", (), None, i) for i, term in enumerate(terms))
    return Glossary(entries, "tiny.yml")


def matched(text: str, *terms: str) -> list[str]:
    return [match[0] for match in tiny_glossary(*terms).pattern().finditer(text)]


# The matcher on small fixtures.


def test_longest_term_wins_where_two_start_together():
    assert matched("推进城市更新专项规划", "城市", "城市更新") == ["城市更新"]


def test_a_term_inside_a_longer_term_is_not_matched_alone():
    assert matched("加强“平急两用”设施", "两用", "平急两用") == ["平急两用"]


def test_overlapping_terms_take_the_leftmost_then_continue_after_it():
    # 城市体检 and 体检机制 overlap on 体检: the leftmost match is taken, the overlap is not reused.
    assert matched("开展城市体检机制建设", "城市体检", "体检机制") == ["城市体检"]


def test_terms_next_to_punctuation_and_digits_are_found():
    text = "畅通12351职工服务热线，“点线面”组织；5G网络"
    assert matched(text, "12351职工服务热线", "点线面", "5G") == ["12351职工服务热线", "点线面", "5G"]


def test_every_occurrence_is_found_in_running_text():
    assert matched("城中村改造，城中村治理", "城中村") == ["城中村", "城中村"]


def test_nothing_is_found_where_no_term_occurs():
    assert matched("完全无关的句子。", "城中村") == []


# The glossary file.


def test_glossary_file_has_enough_entries_with_every_field():
    glossary = load_glossary(GLOSSARY_FILE.read_bytes(), "data/glossary.yml")
    assert len(glossary.entries) >= 60
    for entry in glossary.entries:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", entry.id)
        assert entry.english and entry.definition and entry.related
        assert re.search(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", entry.pinyin), entry.pinyin


def test_glossary_ids_are_not_pinyin_slugs_of_the_term():
    glossary = load_glossary(GLOSSARY_FILE.read_bytes(), "data/glossary.yml")
    from pypinyin import lazy_pinyin

    for entry in glossary.entries:
        assert entry.id != "-".join(lazy_pinyin(entry.term)), entry.id


def test_pinyin_override_is_kept():
    glossary = load_glossary(GLOSSARY_FILE.read_bytes(), "data/glossary.yml")
    assert {e.term: e.pinyin for e in glossary.entries}["银发经济"] == "yín fà jīng jì"


def test_entries_are_sorted_by_pinyin():
    glossary = load_glossary(GLOSSARY_FILE.read_bytes(), "data/glossary.yml")
    keys = [e.sort_key for e in glossary.entries]
    assert keys == sorted(keys)


def test_every_entry_occurs_in_the_seed(seed_result):
    glossary = load_glossary(GLOSSARY_FILE.read_bytes(), "data/glossary.yml")
    assert unused_entries(index_terms([seed_result.page], glossary), glossary) == []


def test_an_entry_that_occurs_nowhere_is_a_warning(seed_result):
    glossary = tiny_glossary("城中村", "火星基地")
    warnings = unused_entries(index_terms([seed_result.page], glossary), glossary)
    assert [w.message for w in warnings] == ["glossary term 火星基地 (t1) occurs in no document"]
    assert str(warnings[0]).startswith("tiny.yml:1: warning:")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("- id: a\n  term: 城中村\n  english: x\n", 1, "lacks definition"),
        ("- id: Bad_Id\n  term: 城中村\n  english: x\n  definition: y\n", 1, "lowercase ASCII"),
        (
            "- id: a\n  term: 城中村\n  english: x\n  definition: y\n"
            "- id: a\n  term: 好房子\n  english: x\n  definition: y\n",
            5,
            "defined twice",
        ),
        ("- id: a\n  term: 城中村\n  english: x\n  definition: y\n  related: [没有]\n", 1, "not an entry"),
        ("- id: a\n  term: [\n", 3, "not valid YAML"),
    ],
)
def test_bad_glossary_names_file_and_line(text, line, message):
    with pytest.raises(InputError) as failure:
        load_glossary(text.encode("utf-8"), "g.yml")
    diagnostic = failure.value.diagnostics[0]
    assert (diagnostic.path, diagnostic.line) == ("g.yml", line)
    assert message in diagnostic.message


def test_strict_build_fails_on_an_unused_entry(tmp_path: Path):
    glossary = tmp_path / "glossary.yml"
    glossary.write_text(
        GLOSSARY_FILE.read_text(encoding="utf-8")
        + '\n- id: "mars-base"\n  term: "火星基地"\n  english: "Mars base"\n  definition: "测试用。"\n'
        + '  related: ["城中村"]\n',
        encoding="utf-8",
    )
    args = ["--docs", str(tmp_path / "docs"), "--registry", str(tmp_path / "r.json"), "--glossary", str(glossary)]
    lenient = run_build(*args)
    assert lenient.returncode == 0
    assert "warning: glossary term 火星基地 (mars-base) occurs in no document" in lenient.stderr
    strict = run_build(*args, "--strict")
    assert strict.returncode == 1
    assert "error: glossary term 火星基地" in strict.stderr
    assert "Traceback" not in strict.stderr


def test_glossary_candidates_lists_quoted_terms_the_glossary_lacks(tmp_path: Path):
    result = run_build("--glossary-candidates", "--docs", str(tmp_path / "docs"))
    assert result.returncode == 0, result.stderr
    listed = re.findall(r"note: (.+?) \(\d+×, [a-z ]+\) is not in the glossary", result.stdout)
    assert "县级工会加强年" in listed  # quoted in the report, not an entry
    assert "仙境海岸 品重烟台" in listed
    glossary = load_glossary(GLOSSARY_FILE.read_bytes(), "data/glossary.yml")
    assert not set(listed) & {e.term for e in glossary.entries}
    assert not (tmp_path / "docs").exists()  # listing candidates writes nothing


# Occurrences, links in the text, related passages.


def test_occurrences_and_first_sentence_of_a_term(seed_result):
    glossary = load_glossary(GLOSSARY_FILE.read_bytes(), "data/glossary.yml")
    index = index_terms([seed_result.page], glossary)
    entry = {e.term: e for e in glossary.entries}["平急两用"]
    places = index.places[entry.id]
    assert [(p.slug, p.anchor) for p in places] == [
        ("opinions-2025-08-15-tui-dong-cheng-shi-gao-zhi-liang-fa-zhan", "clause-17")
    ]  # read with no registry
    assert "平急两用" in places[0].sentence.text


def test_first_occurrence_per_clause_is_linked_and_never_in_a_heading(seed_result):
    glossary = tiny_glossary("好房子", "城市更新")
    index = index_terms([seed_result.page], glossary)
    linked = item_first_hits(seed_result.page.items[0], index)
    link = make_linker(linked, glossary, "../")
    clause = next(c for c in seed_result.page.items[0].all_clauses if c.id == "clause-8")
    rendered = "".join(link(s) for p in clause.paragraphs for s in p.sentences)
    # 好房子 is in the heading and once in the body: the body one is the clause's first linked one.
    assert rendered.count('data-term="t0"') == 1
    assert rendered.count('data-term="t1"') == 1
    assert clause.heading and clause.heading not in linked
    body_text = "".join(s.text for p in clause.paragraphs for s in p.sentences)
    assert body_text.count("城市更新") == 2  # two occurrences in the body, one link


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"] or "")
        if tag == "a" and attributes.get("href"):
            self._href, self._text = attributes["href"], []

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._text)))
            self._href = None


def test_glossary_occurrence_links_land_on_clauses_that_hold_the_term(built_site: Path):
    glossary = load_glossary(GLOSSARY_FILE.read_bytes(), "data/glossary.yml")
    page = (built_site / "glossary.html").read_text(encoding="utf-8")
    entry = {e.term: e for e in glossary.entries}["城中村"]
    section = page[page.index(f'id="{entry.id}"') :]
    section = section[: section.index("</p>", section.index("term-places"))]
    parser = _Anchors()
    parser.feed(section)
    targets = [href for href, _ in parser.links if ".html#" in href]
    assert targets, "城中村 lists no occurrences"
    for href in targets:
        path, anchor = href.split("#")
        target = (built_site / path).read_text(encoding="utf-8")
        ids = _Anchors()
        ids.feed(target)
        assert anchor in ids.ids
        start = target.index(f'id="{anchor}"')
        following = re.sub(r"<[^>]+>", "", target[start : start + 4000])
        assert "城中村" in following


def test_pinyin_cache_agrees_with_pypinyin_for_every_term():
    """data/pinyin.json spares the build pypinyin's dictionaries; it must say what pypinyin says."""
    import json

    from policydocs.glossary import pypinyin_readings

    cache = json.loads((ROOT / "data" / "pinyin.json").read_text(encoding="utf-8"))
    glossary = load_glossary(GLOSSARY_FILE.read_bytes(), "data/glossary.yml")
    assert sorted(cache) == sorted(e.term for e in glossary.entries)
    for term, readings in cache.items():
        assert tuple(readings) == pypinyin_readings(term), term


def test_a_term_missing_from_the_pinyin_cache_is_added(tmp_path: Path):
    cache = tmp_path / "pinyin.json"
    cache.write_text('{"城中村": ["chéng zhōng cūn", "cheng zhong cun"]}', encoding="utf-8")
    result = run_build(
        "--docs", str(tmp_path / "docs"), "--registry", str(tmp_path / "r.json"), "--pinyin-cache", str(cache)
    )
    assert result.returncode == 0, result.stderr
    import json

    readings = json.loads(cache.read_text(encoding="utf-8"))
    assert readings["平急两用"] == ["píng jí liǎng yòng", "ping ji liang yong"]
    assert len(readings) == len(load_glossary(GLOSSARY_FILE.read_bytes(), "g").entries)


@pytest.mark.browser
def test_clicking_an_occurrence_opens_the_clause_that_holds_the_term(built_site: Path, browser_page):
    glossary = load_glossary(GLOSSARY_FILE.read_bytes(), "data/glossary.yml")
    entry = {e.term: e for e in glossary.entries}["平急两用"]
    page = browser_page
    page.goto((built_site / "glossary.html").as_uri() + f"#{entry.id}")
    heading = page.locator(f"#{entry.id}")
    places = heading.locator("xpath=following-sibling::p[contains(@class, 'term-places')][1]//a")
    assert places.count() >= 1
    places.first.click()
    page.wait_for_load_state()
    assert page.url.endswith("opinions-2025-08-15/part-6.html#clause-17")
    clause = page.locator("#clause-17")
    assert clause.is_visible()
    body = page.evaluate(
        """() => { let text = '', node = document.getElementById('clause-17').nextElementSibling;
                   while (node && !/^H[12]$/.test(node.tagName)) {
                       text += node.textContent; node = node.nextElementSibling;
                   }
                   return text; }"""
    )
    assert "平急两用" in body


LETTERS = "城市更新体检中村a.b"


@given(
    st.sets(st.text(alphabet=LETTERS, min_size=1, max_size=4), min_size=1, max_size=8),
    st.text(alphabet=LETTERS, max_size=40),
)
def test_the_term_pattern_finds_what_longest_first_alternatives_find(terms: set[str], text: str):
    """The pattern is a tree of shared prefixes; it must match as the plain alternation of all
    terms, longest first, would: the same places, the longest term at each."""
    plain = re.compile("|".join(re.escape(t) for t in sorted(terms, key=lambda t: (-len(t), t))))
    tree = tiny_glossary(*sorted(terms)).pattern()
    assert [m.span() for m in tree.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_glossary_candidates_find_initiatives_and_short_forms():
    text = (
        "某市关于测试候选术语的意见\n（2025年1月1日）\n为测试，提出如下意见。\n一、总体要求\n"
        "（一）深入实施城市更新行动。推进产业工人队伍建设改革（简称“产改”）。\n"
        "（二）建设紧密型医联体，培育城市一刻钟便民生活圈。落实“一函两书”制度，总体上保持稳定。\n"
    )
    page = read_page(text.encode("utf-8"), "seeds/c.txt").page
    found = {term: kind for term, _, _, kind in candidates([page], Glossary((), "g.yml"))}
    assert found["产改"] == "short form"
    assert found["城市更新行动"] == found["紧密型医联体"] == found["城市一刻钟便民生活圈"] == "name"
    assert found["一函两书"] == "quoted"
    assert "总体" not in found and "深入实施城市更新行动" not in found  # no word, or a verb taken in


def test_a_term_in_many_passages_lists_the_first_ten_and_searches_for_the_rest(seed_result):
    """The glossary page does not grow with the library: past LISTED passages a term gets its
    count and a link that opens the search box with the term (?q=)."""
    from policydocs.render.glossary_page import LISTED, glossary_page
    from policydocs.render.labels import node_labels
    from policydocs.render.urls import node_pages

    glossary = tiny_glossary("城市", "平急两用")
    index = index_terms([seed_result.page], glossary)
    items = seed_result.page.items
    passages = len({(p.slug, p.anchor) for p in index.places["t0"]})
    assert passages > LISTED
    page = glossary_page(glossary, index, [seed_result.page], node_pages(items), node_labels(items))
    many, few = re.findall(r'<p class="term-places">出处：(.*?)</p>', page)
    assert many.count("<a ") == LISTED + 1
    assert many.endswith(f'等{passages}处（<a href="?q=%E5%9F%8E%E5%B8%82">检索全部</a>）')
    assert few.count("<a ") == 1 and "检索全部" not in few
