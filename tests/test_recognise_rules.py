"""Recognition, one small hand-written fixture per rule (tests/fixtures/recognise/<rule>/): the
rules of a file (recognise.RULES) and those of a document's body (policy.RULES, which the
``policy-body`` rule runs).

Each fixture is a short text (input.txt, one paragraph a line, as a web copy prints it) and the
outline of what it is read as (expected.txt), written by hand from reading the text: each item
with its lines, its title or headline and the other fields printed apart from the body, its front
matter, body units and paragraphs, back matter, notes, pull quotes and links, then the warnings
(or the error). The outline leaves out sentences and the spans of nodes inside an item, which
the shape fixtures' expected models (test_shapes.py) hold in full.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from policydocs import recognise
from policydocs.diagnostics import InputError
from policydocs.layout import repair
from policydocs.model import Article, Clause, Part, Section
from policydocs.pipeline import read_page
from policydocs.recognise import policy
from policydocs.recognise.rules import Rule, policy_body
from policydocs.source import read_lines
from policydocs.walk import units

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "recognise"
FILE_RULES = [name for name, _ in recognise.RULES]
BODY_RULES = [name for name, _ in policy.RULES]
RULE_NAMES = FILE_RULES + BODY_RULES
PATH = "fixture.txt"


def outline(text: str, rules: Sequence[tuple[str, Rule]] = recognise.RULES) -> str:
    """What the rules make of a text, one line a node (see the module's docstring)."""
    blocks = repair(read_lines(text.encode("utf-8"), PATH))
    try:
        result = recognise.recognise(blocks, PATH, rules)
    except InputError as caught:
        return "".join(f"error {d.line}: {d.message}\n" for d in caught.diagnostics)
    out = []
    for item in result.page.items:
        out.append(f"{'report' if isinstance(item, Article) else 'document'} {item.span.first}-{item.span.last}")
        if isinstance(item, Article):
            fields = [("headline", item.headline), ("deck", item.deck), ("byline", item.byline)]
            matter_before, matter_after = (), ()
        else:
            fields = [("title", item.title), ("date", item.date)]
            matter_before, matter_after = item.front_matter, item.back_matter
        out += [f"  {name}: {field.text}" for name, field in fields if field is not None]
        out += [f"  {line.id} {line.kind}: {line.text}" for line in matter_before]
        for unit in units(item):
            node = unit.node
            if isinstance(node, Clause):
                out.append(f"  {node.id} {node.label} {node.heading.text if node.heading else ''}".rstrip())
            elif isinstance(node, Part):
                out.append(f"  {node.id}: {node.heading}")
            elif isinstance(node, Section):
                out.append(f"  {node.id}: {node.title.text}" + (f" / {node.subtitle.text}" if node.subtitle else ""))
            else:  # a paragraph of the preamble, the lead or the closing
                out.append(f"  {node.id}: {node.text}")
                continue
            out += [f"    {paragraph.id}: {paragraph.text}" for paragraph in unit.paragraphs]
        out += [f"  {line.id} {line.kind}: {line.text}" for line in matter_after]
        out += [f"  {note.id} {note.kind}: {note.source_text.replace(chr(10), ' / ')}" for note in item.notes]
        out += [f"  {quote.id} -> {', '.join(quote.paragraph_ids)}: {quote.text}" for quote in item.pull_quotes]
        out += [f"  {link.kind} {link.item}" for link in getattr(item, "links", ())]
    out += [f"{d.level} {d.line}: {d.message}" for d in result.diagnostics]
    return "".join(line + "\n" for line in out)


def fixture(rule: str) -> tuple[str, str]:
    folder = FIXTURES / rule
    return (folder / "input.txt").read_text(encoding="utf-8"), (folder / "expected.txt").read_text(encoding="utf-8")


def test_every_rule_has_a_fixture_and_every_fixture_a_rule() -> None:
    assert sorted(path.name for path in FIXTURES.iterdir() if path.is_dir()) == sorted(RULE_NAMES)
    for rule in RULE_NAMES:
        assert (FIXTURES / rule / "input.txt").is_file() and (FIXTURES / rule / "expected.txt").is_file()


@pytest.mark.parametrize("rule", RULE_NAMES)
def test_fixture_reads_as_expected(rule: str) -> None:
    text, expected = fixture(rule)
    assert outline(text) == expected


@pytest.mark.parametrize("rule", RULE_NAMES)
def test_fixture_keeps_every_character_in_order(rule: str) -> None:
    """The whole reading (read_page checks the model against the source) accepts each fixture."""
    text, _ = fixture(rule)
    page = read_page(text.encode("utf-8"), PATH).page
    assert page.items


@pytest.mark.parametrize("rule", RULE_NAMES)
def test_leaving_the_rule_out_changes_its_fixture(rule: str) -> None:
    """The fixture tests the rule itself: without it, the text is read otherwise."""
    text, expected = fixture(rule)
    assert outline(text, without(rule)) != expected


def without(rule: str) -> list[tuple[str, Rule]]:
    """The rules but one (of a file's, or of a document body's)."""
    body = [(name, function) for name, function in policy.RULES if name != rule]
    return [
        (name, policy_body(body) if name == "policy-body" else function)
        for name, function in recognise.RULES
        if name != rule
    ]


@pytest.mark.parametrize(("names", "module"), [(FILE_RULES, recognise.rules), (BODY_RULES, policy)])
def test_rule_names_are_unique_and_run_in_the_documented_order(names: list[str], module) -> None:  # type: ignore[no-untyped-def]
    assert len(set(names)) == len(names)
    doc = module.__doc__ or ""
    documented = [doc.index(f"``{name}``") for name in names]
    assert documented == sorted(documented)


def test_a_line_over_a_date_that_prints_no_title_is_not_taken_for_one() -> None:
    """``furniture-after-body``: a date line under a line of text (here one with no closing
    punctuation, which the layout keeps over the date) is not a title printed after the body;
    the title that is (…的意见, with its date) is the document's, and the line stays in the body."""
    text = "\n".join(
        [
            "一、总体要求",
            "各区要做好社区服务工作。",
            "二、主要任务",
            "各区要提升居民满意度，确保实效",
            "（2024年5月20日）",
        ]
        + ["关于加强社区服务的意见", "（2024年5月21日）"]
    )
    lines = outline(text).splitlines()
    assert lines[:3] == ["document 1-7", "  title: 关于加强社区服务的意见", "  date: （2024年5月21日）"]
    assert lines[-1] == "    part-2-p1: 各区要提升居民满意度，确保实效（2024年5月20日）"
    assert read_page(text.encode("utf-8"), PATH).page.items


def test_a_title_after_the_body_of_a_titled_document_is_an_error_naming_both_titles() -> None:
    """``title-after-body``: which document a second title belongs to cannot be told; the error
    says so, at the title's line, and names the title the page's document has (never an
    "internal" error from the fidelity check)."""
    text = "\n".join(
        ["关于加强社区服务的意见", "（2024年5月20日）", "一、总体要求", "各区要做好社区服务工作。"]
        + ["关于做好社区养老的通知", "（2024年5月21日）"]
    )
    assert outline(text) == (
        "error 5: title 关于做好社区养老的通知 printed after the body, but every document on the page has a "
        "title already (the first, 关于加强社区服务的意见, at line 1): cannot tell which it belongs to\n"
    )
    with pytest.raises(InputError) as caught:
        read_page(text.encode("utf-8"), PATH)
    assert [(d.level, d.line) for d in caught.value.diagnostics] == [("error", 5)]


def test_a_date_line_alone_after_the_body_keeps_the_date_the_document_has() -> None:
    """``title-after-body``: a date line printed alone after the body (here over a byline) is not
    the date of a document that has one at its top: both are kept, the other as front matter."""
    text = "\n\n".join(["（2024年5月20日）", "一、总体要求", "各区要做好社区服务工作。", "（2024年5月21日）", "钟嘉琳"])
    lines = outline(text).splitlines()
    assert lines[:3] == ["document 1-7", "  date: （2024年5月20日）", "  front-1 date: （2024年5月21日）"]
    assert read_page(text.encode("utf-8"), PATH).page.items


def test_a_title_and_date_after_the_body_set_apart_by_a_blank_line() -> None:
    """``furniture-after-body``: a blank line between the title printed after the body and its
    date line does not make the date back matter and the title an empty document of its own."""
    text = "\n\n".join(["（2024年5月19日）", "一、总体要求", "各区要做好社区服务工作。", "关于加强社区服务的意见"])
    assert outline(text + "\n\n（2024年5月20日）\n") == (
        "document 1-9\n  title: 关于加强社区服务的意见\n  date: （2024年5月20日）\n  front-1 date: （2024年5月19日）\n"
        "  part-1: 一、总体要求\n    part-1-p1: 各区要做好社区服务工作。\n"
    )
    # a line that names no genre (a name) over a date set apart is no title: the date is back matter
    named = outline("\n\n".join(["一、总体要求", "各区要做好社区服务工作。", "钟嘉琳", "（2024年5月20日）"]))
    assert named.endswith("    part-1-p2: 钟嘉琳\n  back-1 date: （2024年5月20日）\n")


def test_two_date_lines_at_the_top_of_an_untitled_document_are_both_front_matter() -> None:
    """``front-matter``: with no title at the top, a second date line is kept apart as a front
    matter date line, not read as the first paragraph; the title after the body brings the date."""
    text = "\n".join(["（2024年5月18日）", "（2024年5月19日）", "一、总体要求", "各区要做好社区服务工作。"])
    assert outline(text + "\n关于加强社区服务的意见\n（2024年5月20日）\n") == (
        "document 1-6\n  title: 关于加强社区服务的意见\n  date: （2024年5月20日）\n"
        "  front-1 date: （2024年5月18日）\n  front-2 date: （2024年5月19日）\n"
        "  part-1: 一、总体要求\n    part-1-p1: 各区要做好社区服务工作。\n"
    )
