"""Random text made of the shapes' pieces: the pipeline refuses it with a diagnostic or reads it
keeping every character, never crashes; and slugs stay put when alike documents are added."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run_build
from model_support import source_strings
from policydocs import patterns
from policydocs.diagnostics import InputError
from policydocs.model import Document, to_data
from policydocs.pipeline import read_page, read_pages
from test_shapes import SHAPES, chars, texts

# --- fuzz ----------------------------------------------------------------------------------

#: Pieces of the shapes above, which random text is made of (besides any Unicode text).
PIECES = [
    "一、总体要求", "二、", "三、", "（一）", "（二）工作原则", "（三）", "(一)", "第一章　总　　则", "第二章",
    "第一条　", "第二条", "1．", "（2024年5月20日）", "2024年5月20日", "二〇二四年五月二十日", "国务院办公厅",
    "（此件公开发布）",
    "（来源：新华社）", "附件1：", "附件", "2．", "国发〔2019〕5号", "各省、自治区、直辖市人民政府：",
    "关于推进城市社区服务的意见", "某市城市社区服务条例", "关于印发《某方案》的通知", "某方案", "（试行）",
    "（下转第六版）", "（上接第一版）", "上接01版", "详见四版▶", "（转第8版）", "版面概览", "上一版　下一版",
    "第03版：城市", "目　录", "关于推进城市社区服务的意见(2)", "■", "（国家发展改革委负责）", "，激发活力",
    "本意见自印发之日起施行。", "各地区各部门要抓好落实。", "。", "，", "：", "；",
    "——", "《", "》", "“", "”", "（", "）", "\u3000", "\u00a0", " ", "\ufeff", "\u200b", "\t",
]  # fmt: skip
PROSE = st.text(
    "城市社区服务建设发展意见通知方案条例办法要各地区部门第章条。，、；：！？（）《》“”", min_size=1, max_size=60
)
NUMBERS = st.integers(1, 5).map(patterns.to_chinese_number)
NUMBERED = st.one_of(
    NUMBERS.map("{}、".format),
    NUMBERS.map("（{}）".format),
    NUMBERS.map("第{}条　".format),
    NUMBERS.map("第{}章　".format),
)
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
LINE = st.lists(st.one_of(st.sampled_from(PIECES), PROSE, NUMBERED, ANY_TEXT), max_size=4).map("".join)
TEXT = st.lists(st.one_of(LINE, st.just("")), min_size=1, max_size=30).map("\n".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.sampled_from(["\n", "\r\n", "\r"]), st.booleans())
def test_random_text_never_crashes_and_loses_nothing(text: str, newline: str, bom: bool) -> None:
    """Any text: a model that keeps every character, or an input error with a diagnostic, never a
    crash. (An "internal:" error means the fidelity check failed: that is a bug too.)"""
    data = (b"\xef\xbb\xbf" if bom else b"") + text.replace("\n", newline).encode("utf-8")
    try:
        result = read_page(data, "seeds/fuzz.txt")
    except InputError as failure:
        assert failure.diagnostics
        for diagnostic in failure.diagnostics:
            assert diagnostic.level == "error" and diagnostic.path == "seeds/fuzz.txt" and diagnostic.line >= 1
            assert not diagnostic.message.startswith("internal"), (diagnostic, text)
        return
    lines = text.replace("\r", "\n").split("\n")
    assert chars(list(source_strings(to_data(result.page)))) == chars(lines)
    slugs = [item.slug for item in result.page.items]
    assert len(slugs) == len(set(slugs)) and all(slug.isascii() for slug in slugs)


def test_fuzz_pieces_make_documents_too() -> None:
    """Guards the fuzz test: its pieces do make documents with front matter, back matter and closing."""
    text = "\n".join(
        ["关于推进城市社区服务的意见", "国发〔2019〕5号", "各省、自治区、直辖市人民政府：", "一、总体要求",
         "（一）甲。乙。", "各地区各部门要抓好落实。", "国务院办公厅", "2024年5月20日", "（此件公开发布）"]
    )  # fmt: skip
    document = read_page(text.encode("utf-8"), "seeds/fuzz.txt").page.items[0]
    assert isinstance(document, Document)
    assert [m.kind for m in document.front_matter] == ["number", "addressee"]
    assert [m.kind for m in document.back_matter] == ["signature", "date", "publication"]
    assert texts(document.closing) == ["各地区各部门要抓好落实。"]


# --- date lines around a document ------------------------------------------------------------

#: A document's pieces, with date lines where copies print them: at the top, under a title, alone
#: between parts, after the body with or without a title, over a signature; maybe cut into two
#: pages by page-jump markers.
DATES = st.sampled_from(["（2024年5月20日）", "（2024年5月21日）", "2024年5月22日"])
TITLES = st.sampled_from(["关于加强社区服务的意见", "关于做好社区养老的通知", "各区要提升居民满意度"])
CLAUSE_TEXT = ("坚持居民需求导向。社区服务从居民最关心的事做起。", "补齐服务设施短板。新建小区同步配建服务用房")
ENDINGS = ("title-date", "title", "date", "signature", "byline")


@st.composite
def dated_document(draw: st.DrawFn) -> list[str]:
    """Seeds (one, or two pages of one document), each a list of lines, blank lines among them."""
    lines = [draw(TITLES)] if draw(st.booleans()) else []
    lines += draw(st.lists(DATES, max_size=2))
    number, cut = 0, draw(st.booleans())
    for part in range(1, draw(st.integers(1, 3)) + 1):
        if cut and part == 2:
            lines += ["（下转第二版）", "\x00", "（上接第一版）"]
        lines.append(f"{patterns.to_chinese_number(part)}、总体要求")
        for text in CLAUSE_TEXT[: draw(st.integers(1, 2))]:
            number += 1
            lines.append(f"（{patterns.to_chinese_number(number)}）{text}")
        lines += draw(st.lists(DATES, max_size=1))
    for ending in draw(st.lists(st.sampled_from(ENDINGS), max_size=3)):
        lines += {"title-date": [draw(TITLES), draw(DATES)], "title": [draw(TITLES)], "date": [draw(DATES)]}.get(
            ending, ["某某市人民政府", "2024年5月23日"] if ending == "signature" else ["钟嘉琳"]
        )
    text = "".join(line + draw(st.sampled_from(["\n", "\n\n"])) for line in lines)
    return [page.strip("\n") for page in text.split("\x00")]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dated_document())
def test_date_lines_around_a_document_are_never_lost(seeds: list[str]) -> None:
    """Wherever date lines are printed around a document (and whichever page they are on), every
    character is kept, or the build says what it could not tell at a line: never an "internal"
    error from the fidelity check."""
    named = [(f"seeds/{k}.txt", text.encode("utf-8")) for k, text in enumerate(seeds)]
    try:
        pages, _ = read_pages(named)
    except InputError as failure:
        assert failure.diagnostics
        for diagnostic in failure.diagnostics:
            assert diagnostic.level == "error" and diagnostic.line >= 1
            assert not diagnostic.message.startswith("internal"), (diagnostic, seeds)
        return
    model = [text for page in pages for text in source_strings(to_data(page))]
    assert chars(model) == chars([line for text in seeds for line in text.split("\n")])


# --- several seeds: slugs stay put ---------------------------------------------------------

#: The first document of several-documents.txt again, as another seed would print it.
ALIKE = """某市关于推进城市社区服务体系建设的指导意见
（2024年5月20日）
　　为推进城镇社区服务体系建设，提出如下意见。
一、完善服务设施
　　（一）补齐设施短板。新建住宅小区按标准配建社区服务设施。
　　（二）盘活闲置资源。利用闲置用房改建社区服务设施。
"""


def test_slugs_stay_put_when_a_document_with_an_alike_title_is_added(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("several-documents", "news-release", "notice-with-plan"):
        shutil.copy(SHAPES / f"{name}.txt", seeds / f"{name}.txt")
    args = ("--seeds", "seeds", "--docs", "docs", "--registry", "permalinks.json")
    first = run_build(*args, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    before = json.loads((tmp_path / "permalinks.json").read_text(encoding="utf-8"))
    first_slug = "guidelines-2024-05-20-tui-jin-cheng-shi-she-qu-fu-wu-ti-xi"
    assert before[first_slug]["seed"] == "seeds/several-documents.txt"
    assert len(before) == 6  # two guidelines, a news report and its document, a notice and its plan

    # a.txt sorts first: read alone, it would take the published address
    (seeds / "a.txt").write_text(ALIKE, encoding="utf-8")
    alone, _ = read_pages([("seeds/a.txt", ALIKE.encode("utf-8"))])
    assert alone[0].items[0].slug == first_slug
    second = run_build(*args, cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    after = json.loads((tmp_path / "permalinks.json").read_text(encoding="utf-8"))
    for slug, entry in before.items():
        assert after[slug]["seed"] == entry["seed"] and after[slug]["pages"] == entry["pages"]
    (new,) = set(after) - set(before)
    assert (new, after[new]["seed"]) == (first_slug + "-2", "seeds/a.txt")
    assert (tmp_path / "docs" / new / "index.md").is_file()
