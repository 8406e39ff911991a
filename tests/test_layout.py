"""Layout repair, one small hand-written fixture per rule (tests/fixtures/layout/<rule>.txt).

Each fixture's expected blocks (<rule>.expected.json: a list of blocks, each a list of hard lines)
were written by hand from reading the fixture, not copied from the parser's output.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policydocs import layout
from policydocs.layout import Block, measure_column_widths, repair
from policydocs.patterns import squeeze
from policydocs.source import display_width, read_lines

LAYOUT = Path(__file__).resolve().parent / "fixtures" / "layout"


def fixture_text(name: str) -> str:
    return (LAYOUT / name).read_text(encoding="utf-8")


def blocks_of(text: str, path: str = "fixture.txt") -> tuple[Block, ...]:
    return repair(read_lines(text.encode("utf-8"), path))


def hard_lines(blocks: tuple[Block, ...]) -> list[list[str]]:
    return [[line.text for line in block.lines] for block in blocks]


def expected(name: str) -> list[list[str]]:
    return json.loads((LAYOUT / f"{name}.expected.json").read_text(encoding="utf-8"))


#: (fixture, expected blocks): one or more fixtures per rule, named after it.
CASES = [
    ("strip-stray-spaces.txt", "strip-stray-spaces"),
    ("split-jump-marker.txt", "split-jump-marker"),
    ("group-by-blank-lines.txt", "group-by-blank-lines"),
    ("line-per-paragraph.txt", "line-per-paragraph"),
    ("line-per-paragraph-date.txt", "line-per-paragraph-date"),
    ("measure-column-width-12.txt", "measure-column-width"),
    ("measure-column-width-22.txt", "measure-column-width"),
    ("join-column-breaks.txt", "join-column-breaks"),
    ("restore-paragraph-breaks.txt", "restore-paragraph-breaks"),
    ("restore-paragraph-breaks-date.txt", "restore-paragraph-breaks-date"),
    ("keep-short-line-breaks.txt", "keep-short-line-breaks"),
    ("keep-short-line-breaks-date.txt", "keep-short-line-breaks-date"),
    ("join-soft-breaks.txt", "join-soft-breaks"),
]


@pytest.mark.parametrize(("source", "rule"), CASES)
def test_fixture_repairs_to_expected_blocks(source: str, rule: str) -> None:
    assert hard_lines(blocks_of(fixture_text(source))) == expected(rule)


@pytest.mark.parametrize(("source", "rule"), CASES)
def test_fixture_keeps_every_character_in_order(source: str, rule: str) -> None:
    text = fixture_text(source)
    repaired = "".join(block.text for block in blocks_of(text))
    assert squeeze(repaired) == squeeze(text)


def test_soft_breaks_join_without_spaces_and_keep_inner_spaces() -> None:
    text = fixture_text("join-soft-breaks.txt")
    first = blocks_of(text)[0].text
    assert "“我从一线来 登台展风采”" in first
    assert first.count(" ") == 1  # the inner space, and no space at any of the three joins
    assert "为主题" in first and "参演人数" in first and "普遍欢迎" in first


def test_blank_line_mid_sentence_joins_only_after_a_full_open_line() -> None:
    blocks = blocks_of(fixture_text("join-column-breaks.txt"))
    texts = [b.text for b in blocks]
    assert any("创新财政金融政策工具" in t for t in texts)  # 创新财 / blank / 政金融
    assert any("隐患排查整治，健全城市安全风险监测预警机制，不断提升" in t for t in texts)  # two breaks
    assert "今后五年的主要任务是：" in texts  # a blank after a short line stays a break
    # a blank after a full-width line ending in 。 stays a break
    assert any(t.endswith("切实保障群众生命安全。") for t in texts)
    assert any(t.startswith("严格落实安全生产责任") for t in texts)


def test_joined_block_spans_the_lines_on_both_sides_of_the_blank() -> None:
    first = blocks_of(fixture_text("join-column-breaks.txt"))[0]
    assert (first.span.first, first.span.last) == (1, 5)
    pieces = {piece.line: piece.text for piece in first.ltext.pieces}
    assert pieces[2].endswith("创新财") and pieces[4].startswith("政金融")


def test_column_width_is_learnt_from_the_text() -> None:
    """The same paragraphs set 12 and 22 characters wide: widths measured, same blocks."""
    narrow = read_lines(fixture_text("measure-column-width-12.txt").encode("utf-8"), "n.txt")
    wide = read_lines(fixture_text("measure-column-width-22.txt").encode("utf-8"), "w.txt")

    def widths(lines):  # type: ignore[no-untyped-def]
        raw = layout.group_by_blank_lines(layout.split_jump_marker(layout.strip_stray_spaces(lines)))
        return measure_column_widths(raw)

    assert all(24 <= w <= 26 for w in widths(narrow))  # 12 CJK characters (+ hanging punctuation)
    assert all(44 <= w <= 46 for w in widths(wide))  # 22 CJK characters
    assert hard_lines(repair(narrow)) == hard_lines(repair(wide)) == expected("measure-column-width")


@pytest.mark.parametrize("constant", [24, 44])
def test_a_constant_column_width_gets_one_of_the_two_widths_wrong(monkeypatch, constant: int) -> None:
    """Shows the fixtures need a learnt width: with any fixed width one of them is misread."""
    monkeypatch.setattr(layout, "measure_column_widths", lambda blocks: [constant] * len(blocks))
    results = [hard_lines(blocks_of(fixture_text(f"measure-column-width-{n}.txt"))) for n in (12, 22)]
    assert any(result != expected("measure-column-width") for result in results)


def test_lost_paragraph_break_is_restored_but_a_full_line_ending_a_sentence_is_not_a_break() -> None:
    text = fixture_text("restore-paragraph-breaks.txt")
    lines = text.splitlines()
    # the fixture: a short line ending 。 directly followed by a new paragraph, no blank line
    assert lines[1].endswith("。") and display_width(lines[1]) < display_width(lines[0]) - 10
    assert "" not in lines
    blocks = blocks_of(text)
    assert [b.span.first for b in blocks] == [1, 3]
    assert blocks[0].text.endswith("服务职工群众的举措更加精准暖心。")
    assert blocks[1].text.startswith("健全职工诉求表达机制")
    assert "职工满意度持续提升。开展公益法律服务活动" in blocks[1].text  # line 4 is full width


def test_stray_spaces_go_inner_spaces_stay() -> None:
    text = fixture_text("strip-stray-spaces.txt")
    raw = text.splitlines()
    assert raw[0].startswith(" ") and raw[2].startswith("\u3000\u3000") and raw[1].endswith("  ")
    blocks = blocks_of(text)
    for block in blocks:
        for line in block.lines:
            assert line.text == line.text.strip(layout.WHITESPACE)
    assert "人民城市人民建 人民城市为人民" in blocks[1].text


def test_page_jump_marker_becomes_a_block_of_its_own() -> None:
    blocks = blocks_of(fixture_text("split-jump-marker.txt"))
    markers = [b for b in blocks if b.text.startswith("（下转")]
    assert [(m.text, m.span.first) for m in markers] == [("（下转第六版）", 2), ("（下转第八版）", 6)]
    before = blocks[blocks.index(markers[0]) - 1]
    assert before.text.endswith("丰富群众精神文化生活。") and before.span.last == 2
    assert all("下转" not in b.text for b in blocks if b not in markers)


def test_date_line_keeps_its_own_line_under_a_full_width_title() -> None:
    text = fixture_text("keep-short-line-breaks-date.txt")
    title = text.splitlines()[3]
    assert "、" in title  # prose punctuation: not taken for a display block, the date rule must act
    block = blocks_of(text)[-1]
    assert [line.text for line in block.lines] == [title, "（2025年3月1日）"]
    assert [line.span.first for line in block.lines] == [4, 5]


def test_two_line_heads_stay_two_lines_even_when_the_first_is_nearly_full_width() -> None:
    blocks = blocks_of(fixture_text("keep-short-line-breaks.txt"))
    heads = [b for b in blocks if len(b.lines) == 2]
    assert [[line.text for line in h.lines] for h in heads] == [
        ["社区服务更加便民", "建成一刻钟便民生活圈"],
        ["老旧小区改造惠及全市二十多万户居民家庭", "完成改造项目三百余个"],
    ]


def test_web_copy_is_read_one_paragraph_per_line() -> None:
    text = (
        "关于推进城市社区建设的意见\n"
        "各地要加强社区服务设施建设，完善社区服务功能，提升居民生活品质，让群众在家门口享受便利服务。\n"
        "社区是基层治理的基本单元。\n"
        "各有关部门要密切配合，形成工作合力。\n"
    )
    assert hard_lines(blocks_of(text)) == [[line] for line in text.splitlines()]


@pytest.mark.parametrize("rule", [name for name, _ in layout.RULES])
def test_each_rule_has_a_fixture_that_needs_it(rule: str) -> None:
    """Each rule's fixtures give their expected blocks with every rule, and at least one of them
    gives other blocks when that rule is left out: the fixture tests the rule itself."""
    cases = [(source, name) for source, name in CASES if source.startswith(rule)]
    assert cases, f"no fixture named after {rule}"
    without = [(name, function) for name, function in layout.RULES if name != rule]
    changed = []
    for source, name in cases:
        lines = read_lines(fixture_text(source).encode("utf-8"), source)
        assert hard_lines(repair(lines)) == expected(name)
        changed.append(hard_lines(repair(lines, without)) != expected(name))
    assert any(changed), f"leaving {rule} out changes none of its fixtures"


def test_the_rules_run_in_the_documented_order() -> None:
    doc = layout.__doc__ or ""
    documented = [doc.index(f"``{name}``") for name, _ in layout.RULES]
    assert documented == sorted(documented)


def test_a_decimal_number_after_a_column_break_is_not_a_list_number() -> None:
    text = (
        "聚焦主导产业延链补链强链，成功举办各类职业技能\n"
        "竞赛四十余项，一百二十多人荣获全省一等奖，\n"
        "\n"
        "3.6万余人次实现技能晋升，参赛人数和获奖人数均\n"
        "创新高，产业发展急需人才得到有效补充。\n"
    )
    assert [b.text for b in blocks_of(text)] == [squeeze(text)]


def test_items_after_a_lead_in_line_become_paragraphs_without_blank_lines() -> None:
    text = (
        "本条例所称社区服务，是指在社区范围内为居民提\n"
        "供的下列服务：\n"
        "（一）养老、托育、助餐等公共服务；\n"
        "（二）家政、维修、代办等便民服务；\n"
        "（三）文化、体育、邻里互助等志愿服务。\n"
    )
    assert hard_lines(blocks_of(text)) == [
        ["本条例所称社区服务，是指在社区范围内为居民提供的下列服务："],
        ["（一）养老、托育、助餐等公共服务；"],
        ["（二）家政、维修、代办等便民服务；"],
        ["（三）文化、体育、邻里互助等志愿服务。"],
    ]


def test_a_lone_unpunctuated_line_cut_off_by_column_breaks_joins_its_sentence() -> None:
    """A line as wide as the column with no punctuation, between two blank lines, is not a heading."""
    text = (
        "各地要加强组织领导，完善工作机制，推动各项\n"
        "任务落地见效，切实提升群众的获得感和幸福\n"
        "感。各有关部门要按照职责分工，密切协作配\n"
        "合，形成推进城市更新和社区建设的工作合力\n"
        "\n"
        "共同推动城市治理体系和治理能力现代化建设\n"
        "\n"
        "取得新成效。\n"
    )
    assert [b.text for b in blocks_of(text)] == [squeeze(text)]
