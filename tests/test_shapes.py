"""Shapes of real policy documents beyond the seed (issue 6), each in a short fixture written for
these tests (tests/fixtures/shapes/<name>.txt; none is copied from a real document):

- web layout: a paragraph a line, full-width spaces as indents and separators, non-breaking spaces
  padding lines (web-layout);
- front matter: a title over two lines, a document number, an addressee, a date line, notes in
  parentheses under a title (front-matter, title-note, law, notice-column);
- back matter: signature and date, （此件公开发布）, （来源：…）, attachment lines, also after the
  end (back-matter, notice-column);
- clause numbering through the document (web-layout) or restarting in each part
  (clause-numbering-restarts);
- a clause heading alone on its line, clauses of several paragraphs, parts with paragraphs and no
  clauses, closing paragraphs (clause-heading-line, the same set in columns: -column);
- a notice issuing a plan (notice-with-plan; notice-attachment: named in an attachment line, the
  plan under an 附件 label), a news release wrapping a document (news-release);
- a law: chapters, articles, letter-spaced titles, (一) items restarting in each article (law);
- several documents in one file, with alike titles (several-documents);
- shapes of real copies that broke the build (issue 12), whose facts are checked in
  test_real_copies.py: comma-headings, department-notes (and -column), half-width,
  contents-first, pagination, epaper, web-chrome, bullets, jump-markers and jump-from (which
  continues jump-markers' document: see test_continuation.py for the seed's).

Each fixture has its expected model, tests/fixtures/shapes/<name>.expected.json (the model as
``scripts/build.py --json`` writes it). The tests below check facts read from the fixtures by eye,
so that a wrong expected file shows. When the model changes on purpose, check the diff printed,
then rewrite the expected files with

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_shapes.py
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, run_build
from model_support import check_golden, source_strings, without_spans
from policydocs import fidelity, patterns
from policydocs.diagnostics import InputError
from policydocs.model import Article, Document, Page, to_data, to_json
from policydocs.pipeline import read_page, read_pages
from policydocs.render.site import render_site
from policydocs.render.urls import Settings

SHAPES = Path(__file__).resolve().parent / "fixtures" / "shapes"
NAMES = sorted(path.stem for path in SHAPES.glob("*.txt"))
UPDATE_COMMAND = "UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_shapes.py"
S = "\u3000"


def seed_path(name: str) -> str:
    return f"tests/fixtures/shapes/{name}.txt"


def read(name: str) -> Page:
    result = read_page((SHAPES / f"{name}.txt").read_bytes(), seed_path(name))
    assert result.diagnostics == (), [str(d) for d in result.diagnostics]
    return result.page


def documents(name: str) -> list[Document]:
    return [item for item in read(name).items if isinstance(item, Document)]


def the_document(name: str) -> Document:
    page = read(name)
    assert len(page.items) == 1
    (document,) = page.items
    assert isinstance(document, Document)
    return document


def texts(paragraphs) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.text for p in paragraphs]


def matter(lines) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return [(m.id, m.kind, m.text) for m in lines]


def source_lines(name: str) -> list[str]:
    return (SHAPES / f"{name}.txt").read_text(encoding="utf-8").split("\n")


def chars(strings: Iterator[str] | list[str]) -> Counter[str]:
    return Counter(c for text in strings for c in text if not c.isspace() and c not in fidelity.INVISIBLE)


# --- golden models -------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_model_matches_the_expected_file(name: str) -> None:
    check_golden(
        to_json(read(name)),
        SHAPES / f"{name}.expected.json",
        f"tests/fixtures/shapes/{name}.expected.json",
        f"model of {name}.txt (now)",
        f"the model of {name}.txt differs from the expected file",
        UPDATE_COMMAND,
    )


@pytest.mark.parametrize("name", NAMES)
def test_every_character_is_in_the_model_once(name: str) -> None:
    page = read(name)
    source = chars(source_lines(name))
    assert chars(list(source_strings(to_data(page)))) == source
    assert chars(list(fidelity.model_texts(page))) == source


def test_every_shape_has_a_fixture_and_an_expected_model() -> None:
    assert len(NAMES) >= 12
    for name in NAMES:
        assert (SHAPES / f"{name}.expected.json").is_file(), f"{name}: run {UPDATE_COMMAND}"


# --- web layout ----------------------------------------------------------------------------


def test_web_layout_reads_a_paragraph_a_line_and_drops_indents_and_padding() -> None:
    lines = source_lines("web-layout")
    assert lines[2].startswith(S + S) and lines[0].endswith("\u00a0")  # indents, padding
    assert lines[3].strip("\u00a0") == ""  # a line of non-breaking spaces only
    assert "" not in lines[:-1]  # no empty line between the paragraphs
    doc = the_document("web-layout")
    assert doc.title is not None and doc.title.text == "某市人民政府关于加快推进社区嵌入式服务设施建设的实施意见"
    assert doc.date is not None and doc.date.text == "（2025年4月10日）"
    assert doc.slug == "opinions-2025-04-10-jia-kuai-tui-jin-she-qu-qian-ru-shi-fu"
    assert [p.span.first for p in doc.preamble] == [3]
    assert doc.preamble[0].text.startswith("为补齐社区服务设施短板")  # the indent is gone
    assert [(p.label, p.title) for p in doc.parts] == [("一、", "总体要求"), ("二、", "重点任务"), ("三、", "保障措施")]


def test_web_layout_full_width_separators_stay_inside_the_text() -> None:
    doc = the_document("web-layout")
    clauses = doc.all_clauses
    assert [c.id for c in clauses] == [f"clause-{n}" for n in range(1, 8)]  # numbered through
    assert [c.span.first for c in clauses] == [6, 7, 9, 10, 11, 13, 14]  # one paragraph per line
    assert clauses[0].heading is not None and clauses[0].heading.text == "指导思想。"  # （一）　指导思想。
    assert clauses[2].paragraphs[0].text.startswith(f"市{S}区两级")
    assert f"市民政局{S}市发展改革委{S}市财政局" in clauses[5].paragraphs[0].text
    assert all(len(c.paragraphs) == 1 for c in clauses)


# --- front matter --------------------------------------------------------------------------


def test_title_over_two_lines_number_addressee_and_back_matter() -> None:
    doc = the_document("front-matter")
    assert doc.title is not None
    assert doc.title.text == "某省人民政府办公厅关于进一步做好城市社区养老服务工作的通知"
    assert (doc.title.span.first, doc.title.span.last) == (1, 2)
    assert doc.date is None
    assert matter(doc.front_matter) == [
        ("front-1", "number", "某政办发〔2024〕12号"),
        ("front-2", "addressee", "各市、县（市、区）人民政府，省政府各部门、各直属机构："),
    ]
    assert doc.number is not None and doc.number.span.first == 3
    assert doc.addressee is not None and doc.addressee.span.first == 4
    assert texts(doc.preamble)[0].startswith("城市社区养老服务是养老服务体系的重要组成部分。")
    assert matter(doc.back_matter) == [
        ("back-1", "signature", "某省人民政府办公厅"),
        ("back-2", "date", "2024年9月3日"),
        ("back-3", "publication", "（此件公开发布）"),
    ]
    assert doc.slug == "mouzhengbanfa-2024-12"  # its document number 某政办发〔2024〕12号


def test_numbered_paragraphs_of_a_notice_are_parts_with_run_in_titles() -> None:
    doc = the_document("front-matter")
    assert [(p.id, p.label, p.title) for p in doc.parts] == [
        ("part-1", "一、", "扩大服务供给。"),
        ("part-2", "二、", "提升服务质量。"),
        ("part-3", "三、", "强化要素保障。"),
    ]
    assert [p.paragraphs[0].text[:6] for p in doc.parts] == ["各地要结合老", "加强社区养老", "各地要将社区"]
    assert doc.parts[-1].span.last == 8  # the signature on line 9 is not in the last part


def test_notes_in_parentheses_under_a_title() -> None:
    doc = the_document("title-note")
    assert doc.title is not None and doc.title.text == "某市社区服务站管理办法"
    assert [(m.kind, m.text[:11]) for m in doc.front_matter] == [
        ("title-note", "（试行）"),
        ("title-note", "（2024年6月18日"),
    ]
    assert doc.title_note is not None and doc.title_note.text == "（试行）"
    assert doc.iso_date == "2024-06-18" and doc.slug == "moushirenminzhengfuling-9"  # the order in the note
    assert [c.id for c in doc.clauses] == ["article-1", "article-2", "article-3", "article-4"]
    assert doc.closing == ()  # 本办法自…起施行 is article 4 itself


# --- back matter ---------------------------------------------------------------------------


def test_attachments_signature_publication_and_source_are_back_matter() -> None:
    doc = the_document("back-matter")
    assert matter(doc.back_matter) == [
        ("back-1", "attachment", "附件：1．社区服务质量提升行动任务清单"),
        ("back-2", "attachment", "2．社区服务质量评价指标"),
        ("back-3", "signature", "某市民政局"),
        ("back-4", "date", "2025年2月14日"),
        ("back-5", "publication", "（此件公开发布）"),
        ("back-6", "source", "（来源：某市民政局网站）"),
    ]
    assert [m.span.first for m in doc.back_matter] == [7, 8, 9, 10, 11, 12]
    last = doc.parts[-1]
    assert texts(last.paragraphs) == ["各区民政局要制定具体实施方案，于每季度末向市局报送工作进展情况。"]
    assert last.span.last == 6


def test_front_and_back_matter_set_in_columns() -> None:
    """A notice set 18 characters wide with no blank lines around its front and back matter, a
    column break inside part 一, and attachment lines after the end."""
    text = (SHAPES / "notice-column.txt").read_text(encoding="utf-8")
    assert "\n\n未经验收" in text and "（此件公开发布）\n附件1：" in text
    doc = the_document("notice-column")
    assert doc.title is not None and doc.title.text == "某市住房和城乡建设局关于做好老旧小区改造项目验收工作的通知"
    assert matter(doc.front_matter) == [
        ("front-1", "number", "某住建发〔2025〕15号"),
        ("front-2", "addressee", "各区住房和城乡建设局，各有关单位："),
    ]
    assert texts(doc.preamble) == ["为规范老旧小区改造项目验收，保障改造质量，现就有关事项通知如下。"]
    assert texts(doc.parts[0].paragraphs) == [
        "纳入年度计划的老旧小区改造项目完工后，均应组织竣工验收，未经验收或者验收不合格的，不得交付使用。"
    ]
    assert [m.kind for m in doc.back_matter] == [
        "signature", "date", "publication", "attachment", "attachment", "source",
    ]  # fmt: skip
    assert doc.back_matter[3].text == "附件1：老旧小区改造项目验收表"
    assert doc.slug == "mouzhujianfa-2025-15"


# --- clause numbering ----------------------------------------------------------------------


def test_clause_numbering_restarting_in_each_part_gets_part_qualified_ids() -> None:
    doc = the_document("clause-numbering-restarts")
    assert [[(c.id, c.label) for c in p.clauses] for p in doc.parts] == [
        [("part-1-clause-1", "（一）"), ("part-1-clause-2", "（二）"), ("part-1-clause-3", "（三）")],
        [("part-2-clause-1", "（一）"), ("part-2-clause-2", "（二）")],
        [("part-3-clause-1", "（一）")],
    ]
    heading = doc.parts[1].clauses[0].heading
    assert heading is not None and heading.id == "part-2-clause-1-h"
    assert doc.parts[1].clauses[0].paragraphs[0].id == "part-2-clause-1-p1"


def numbering_error(text: str) -> tuple[int, str]:
    with pytest.raises(InputError) as failure:
        read_page(text.encode("utf-8"), "seeds/numbering.txt")
    (diagnostic,) = failure.value.diagnostics
    assert diagnostic.level == "error" and diagnostic.path == "seeds/numbering.txt"
    return diagnostic.line, diagnostic.message


def test_restarting_numbering_is_still_checked_within_each_part() -> None:
    text = (SHAPES / "clause-numbering-restarts.txt").read_text(encoding="utf-8")
    repeated = text.replace("（三）完善市政", "（二）完善市政")
    line, message = numbering_error(repeated)
    assert line == 7 and "repeats" in message and "（二）" in message
    skipped = text.replace("（二）强化资金", "（三）强化资金")
    line, message = numbering_error(skipped)
    assert line == 10 and "skips" in message


def test_numbering_that_restarts_in_one_part_only_is_an_error() -> None:
    text = (SHAPES / "web-layout.txt").read_text(encoding="utf-8").replace("（三）", "（一）")
    line, message = numbering_error(text)
    assert line == 9 and "repeats" in message


# --- clause headings on their own line, closing paragraphs --------------------------------


def test_clause_heading_alone_on_its_line_with_the_body_after_it() -> None:
    doc = the_document("clause-heading-line")
    first, second = doc.parts[0].clauses
    assert first.heading is not None and first.heading.text == "指导思想"
    assert second.heading is not None and second.heading.text == "工作原则"
    assert [p.text[:6] for p in first.paragraphs] == ["坚持以人民为"]
    assert [p.text[:6] for p in second.paragraphs] == ["坚持党建引领", "坚持统筹推进"]  # two paragraphs
    assert (second.span.first, second.span.last) == (7, 9)
    fourth = doc.parts[1].clauses[1]
    assert fourth.heading is not None and fourth.heading.text == "健全培训体系。"
    assert [p.id for p in fourth.paragraphs] == ["clause-4-p1", "clause-4-p2"]


def test_a_part_of_paragraphs_and_no_clauses() -> None:
    part = the_document("clause-heading-line").parts[2]
    assert (part.id, part.title, part.clauses) == ("part-3", "完善待遇保障", ())
    assert [p.id for p in part.paragraphs] == ["part-3-p1", "part-3-p2"]


def test_closing_paragraphs_belong_to_the_document_not_to_the_last_clause() -> None:
    doc = the_document("clause-heading-line")
    last = doc.parts[-1].clauses[-1]
    assert texts(last.paragraphs) == ["社区工作者队伍建设所需经费列入区级财政预算，确保及时足额到位。"]
    assert last.span.last == 19
    assert [(p.id, p.text) for p in doc.closing] == [
        ("closing-p1", "各地区各部门要结合实际认真抓好本意见的贯彻落实，重大事项及时请示报告。"),
        ("closing-p2", "本意见自印发之日起施行。"),
    ]
    assert doc.parts[-1].span.last == 19 and doc.span.last == 21


def test_the_same_document_set_in_columns_gives_the_same_model() -> None:
    """clause-heading-line-column.txt is clause-heading-line.txt set 18 characters wide, headings
    and the date with no blank line around them, and column breaks (blank lines) inside paragraphs."""
    text = (SHAPES / "clause-heading-line-column.txt").read_text(encoding="utf-8")
    assert "（二）工作原则\n坚持党建引领" in text and "放在首位，确\n\n保社区" in text
    web, column = the_document("clause-heading-line"), the_document("clause-heading-line-column")
    assert without_spans(to_data(column)) == without_spans(to_data(web))


def test_closing_rule_keeps_a_body_paragraph_of_a_clause_with_a_heading_line() -> None:
    """A formula right after a heading alone on its line is the clause's body, not a closing."""
    text = (
        "某市关于推进社区治理的意见\n（2025年1月6日）\n"
        "（一）组织实施\n各地区各部门要抓好落实。\n（二）施行日期\n本意见自印发之日起施行。\n"
    )
    doc = read_page(text.encode("utf-8"), "seeds/closing.txt").page.items[0]
    assert isinstance(doc, Document)
    assert doc.closing == ()
    assert [texts(c.paragraphs) for c in doc.clauses] == [["各地区各部门要抓好落实。"], ["本意见自印发之日起施行。"]]


def test_closing_rule_leaves_a_law_alone() -> None:
    """After the last article, an unnumbered paragraph is a further paragraph (款) of it."""
    text = (
        "某市条例\n第一条　为了规范管理，制定本条例。\n"
        "第二条　本条例由市人民政府负责解释。\n本条例自2025年1月1日起施行。\n"
    )
    doc = read_page(text.encode("utf-8"), "seeds/law.txt").page.items[0]
    assert isinstance(doc, Document)
    assert doc.closing == () and len(doc.clauses[-1].paragraphs) == 2


# --- a notice issuing a plan, a news release wrapping a document --------------------------


def test_notice_and_the_plan_it_issues_are_two_linked_documents() -> None:
    notice, plan = documents("notice-with-plan")
    assert notice.title is not None and plan.title is not None
    assert notice.title.text == "某市人民政府办公室关于印发《某市城市社区嵌入式服务设施建设实施方案》的通知"
    assert plan.title.text == "某市城市社区嵌入式服务设施建设实施方案"
    plan_slug = "plan-2025-06-30-mou-shi-cheng-shi-she-qu-qian-ru-shi-fu"  # the plan has the notice's date
    assert (notice.slug, plan.slug) == ("mouzhengbanfa-2025-21", plan_slug)
    assert [(link.kind, link.item, link.slug) for link in notice.links] == [("issues", 1, plan_slug)]
    assert [(link.kind, link.item, link.slug) for link in plan.links] == [("issued-by", 0, "mouzhengbanfa-2025-21")]
    assert [m.kind for m in notice.front_matter] == ["number", "addressee"]
    assert [m.kind for m in notice.back_matter] == ["signature", "date", "publication"]
    assert texts(notice.preamble) == [
        "《某市城市社区嵌入式服务设施建设实施方案》已经市政府同意，现印发给你们，请认真贯彻执行。"
    ]
    assert (notice.span.last, plan.span.first) == (7, 8)
    assert plan.front_matter == () and plan.back_matter == ()
    assert texts(plan.preamble)[0].startswith("为在城市社区嵌入功能性设施")
    assert [p.id for p in plan.parts] == ["part-1", "part-2", "part-3"]
    assert [c.id for c in plan.all_clauses] == ["clause-1", "clause-2", "clause-3"]


def test_notice_listing_its_plan_in_an_attachment_line() -> None:
    """The title names the plan loosely (印发社区服务方案), the attachment line exactly; the plan is
    printed under an 附件 label."""
    notice, plan = documents("notice-attachment")
    assert matter(notice.back_matter) == [
        ("back-1", "attachment", "附件：某市社区服务方案"),
        ("back-2", "signature", "某市人民政府"),
        ("back-3", "date", "2025年1月6日"),
    ]
    assert matter(plan.front_matter) == [("front-1", "label", "附件")]
    assert plan.title is not None and plan.title.text == "某市社区服务方案"
    assert [link.slug for link in notice.links] == [plan.slug] and plan.slug == "plan-2025-01-06-mou-shi-she-qu-fu-wu"
    assert [link.slug for link in plan.links] == [notice.slug]


def test_news_release_wrapping_a_document() -> None:
    report, document = read("news-release").items
    assert isinstance(report, Article) and isinstance(document, Document)
    assert report.headline is not None and report.headline.text == "某市出台意见加强社区工作者队伍建设"
    assert [p.text[:4] for p in report.lead] == ["本报讯" + S, "市委组织", "意见全文"]
    assert report.span.last == 4
    assert document.title is not None and document.title.text == "关于加强城市社区工作者队伍建设的意见"
    assert document.date is not None and document.date.span.first == 6
    assert [c.id for c in document.all_clauses] == ["clause-1", "clause-2", "clause-3"]
    assert matter(document.back_matter) == [("back-1", "source", "（来源：某市日报）")]


# --- law -----------------------------------------------------------------------------------


def test_law_chapters_articles_and_letter_spaced_titles() -> None:
    doc = the_document("law")
    assert doc.title is not None and doc.title.text == "某市社区居家养老服务条例"
    assert [m.kind for m in doc.front_matter] == ["title-note"]
    assert doc.slug == "regulations-2023-11-28-mou-shi-she-qu-ju-jia-yang-lao-fu-wu"
    assert [(p.id, p.label, p.title) for p in doc.parts] == [
        ("chapter-1", "第一章", f"总{S}{S}则"),  # kept as printed
        ("chapter-2", "第二章", "服务供给"),
        ("chapter-3", "第三章", f"附{S}{S}则"),
    ]
    assert [p.display_title for p in doc.parts] == ["总则", "服务供给", "附则"]
    assert [p.heading for p in doc.parts] == [f"第一章{S}总则", f"第二章{S}服务供给", f"第三章{S}附则"]
    assert [c.id for c in doc.all_clauses] == [f"article-{n}" for n in range(1, 7)]


def test_law_items_restart_in_each_article_and_stay_inside_it() -> None:
    articles = the_document("law").all_clauses
    second, fourth = articles[1], articles[3]
    assert [p.text[:3] for p in second.paragraphs] == ["本条例", "(一)", "(二)", "(三)"]
    assert [p.text[:3] for p in fourth.paragraphs] == ["街道办", "(一)", "(二)"]
    assert [p.id for p in fourth.paragraphs] == ["article-4-p1", "article-4-p2", "article-4-p3"]
    assert (second.span.first, second.span.last) == (5, 8)


# --- several documents ---------------------------------------------------------------------


def test_several_documents_in_one_file_with_alike_titles_get_their_own_slugs() -> None:
    first, second = documents("several-documents")
    assert first.title is not None and second.title is not None
    assert (first.title.text, second.title.text) == (
        "某市关于推进城市社区服务体系建设的指导意见",
        "某市关于推进农村社区服务体系建设的指导意见",
    )
    # same kind and date: the short titles tell them apart
    assert first.slug == "guidelines-2024-05-20-tui-jin-cheng-shi-she-qu-fu-wu-ti-xi"
    assert second.slug == "guidelines-2024-05-20-tui-jin-nong-cun-she-qu-fu-wu-ti-xi"
    assert (first.span.last, second.span.first) == (6, 7)
    assert [c.id for c in second.all_clauses] == ["clause-1", "clause-2"]  # its own numbering


def test_the_same_document_twice_in_one_file_gets_two_slugs() -> None:
    text = (SHAPES / "several-documents.txt").read_text(encoding="utf-8").split("某市关于推进农村")[0]
    page = read_page((text + text).encode("utf-8"), "seeds/twice.txt").page
    slugs = [item.slug for item in page.items]
    assert slugs == ["guidelines-2024-05-20-tui-jin-cheng-shi-she-qu-fu-wu-ti-xi"] * 1 + [
        "guidelines-2024-05-20-tui-jin-cheng-shi-she-qu-fu-wu-ti-xi-2"
    ]  # the second gets a readable suffix


# --- the site ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shapes_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """docs/ built by scripts/build.py from the seed and every shape fixture, then site/ by MkDocs
    (strict): the Markdown of front matter, back matter and closing paragraphs is valid."""
    base = tmp_path_factory.mktemp("shapes-site")
    (base / "seeds").mkdir()
    for path in [ROOT / "seeds" / "000_934e3267210eb057.txt", *sorted(SHAPES.glob("*.txt"))]:
        shutil.copy(path, base / "seeds" / path.name)
    shutil.copy(ROOT / "data" / "permalinks.json", base / "permalinks.json")
    result = run_build("--seeds", "seeds", "--docs", "docs", "--registry", "permalinks.json", cwd=base)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "dropped" not in result.stderr
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(
        str(ROOT / "mkdocs.yml"), docs_dir=str(base / "docs"), site_dir=str(base / "site"), strict=True
    )
    build(config)
    return base


def test_every_document_has_its_own_slug_and_pages(shapes_site: Path) -> None:
    registry = json.loads((shapes_site / "permalinks.json").read_text(encoding="utf-8"))
    seeds = [(seed_path(name), (SHAPES / f"{name}.txt").read_bytes()) for name in NAMES]
    pages, _ = read_pages(seeds)  # jump-from.txt continues the document of jump-markers.txt
    items = sum(len(page.items) for page in pages) + 2  # and the seed's document and report
    assert items == sum(len(read(name).items) for name in NAMES) + 1
    published = {slug: entry for slug, entry in registry.items() if entry["status"] == "published"}
    assert len(published) == items  # one slug each: none shared (the report's digest address moved)
    for slug, entry in published.items():
        assert (shapes_site / "site" / slug / "index.html").is_file(), slug
        assert entry["status"] == "published" and entry["pages"][f"{slug}/index.md"]
    seed_entry = json.loads((ROOT / "data" / "permalinks.json").read_text(encoding="utf-8"))
    for slug, entry in seed_entry.items():
        assert registry[slug] == entry  # the seed's registry entries are unchanged


def test_front_matter_back_matter_and_closing_are_on_the_overview(shapes_site: Path) -> None:
    html = (shapes_site / "site" / "mouminfa-2025-7" / "index.html").read_text(encoding="utf-8")
    assert 'id="front-matter"' in html and 'id="front-1"' in html and "某民发〔2025〕7号" in html
    assert 'id="back-matter"' in html and 'id="back-6"' in html and "（来源：某市民政局网站）" in html
    assert "附件：1．社区服务质量提升行动任务清单" in html
    overview = (
        shapes_site / "site" / "opinions-2025-05-08-jia-qiang-cheng-shi-she-qu-gong-zuo-zhe-dui" / "index.html"
    ).read_text(encoding="utf-8")
    assert 'id="closing"' in overview and 'id="closing-p2"' in overview
    assert "本意见自印发之日起施行。" in overview
    part = (
        shapes_site / "site" / "opinions-2025-05-08-jia-qiang-cheng-shi-she-qu-gong-zuo-zhe-dui" / "part-4.html"
    ).read_text(encoding="utf-8")
    assert "本意见自印发之日起施行" not in part  # not in the last part, nor its last clause
    full = (shapes_site / "docs" / "mouminfa-2025-7" / "full.md").read_text(encoding="utf-8")
    assert "（此件公开发布）" in full and 'id="back-1"' not in full  # shown, but its ids are the overview's


def test_linked_documents_link_to_each_other(shapes_site: Path) -> None:
    plan_slug = "plan-2025-06-30-mou-shi-cheng-shi-she-qu-qian-ru-shi-fu"
    notice = (shapes_site / "site" / "mouzhengbanfa-2025-21" / "index.html").read_text(encoding="utf-8")
    plan = (shapes_site / "site" / plan_slug / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'印发的文件：<a href="\.\./{plan_slug}/index\.html">', notice)
    assert re.search(r'印发通知：<a href="\.\./mouzhengbanfa-2025-21/index\.html">', plan)


def test_letter_spaced_chapter_titles_are_shown_without_the_spacing(shapes_site: Path) -> None:
    chapter = (
        shapes_site / "site" / "regulations-2023-11-28-mou-shi-she-qu-ju-jia-yang-lao-fu-wu" / "chapter-1.html"
    ).read_text(encoding="utf-8")
    assert f"第一章{S}总则" in chapter and f"总{S}{S}则" not in chapter
    nav = (shapes_site / "docs" / ".nav.json").read_text(encoding="utf-8")
    assert f"第三章{S}附则" in nav


def test_term_links_of_one_document_never_land_in_another(shapes_site: Path) -> None:
    """Every document has a preamble-p1-s1: a glossary term found there links in its own document only."""
    import yaml

    terms = {e["id"]: e["term"] for e in yaml.safe_load((ROOT / "data" / "glossary.yml").read_text(encoding="utf-8"))}
    found = 0
    for page in (shapes_site / "docs").glob("*/*.md"):
        for entry_id, text in re.findall(
            r'data-term="([a-z0-9-]+)"[^>]*>([^<]*)</a>', page.read_text(encoding="utf-8")
        ):
            assert text == terms[entry_id], (page, entry_id, text)
            found += 1
    assert found > 20


def test_front_and_back_matter_are_escaped() -> None:
    text = (
        "某市关于<script>alert(1)</script>工作的通知\n"
        "某政发〔2025〕1号\n"
        "各区人民政府，**市政府各部门**：\n"
        "为做好有关工作，现通知如下。\n"
        "一、加强领导。各区要[加强](javascript:alert(1))组织领导。\n"
        "二、抓好落实。各区要抓好落实。\n"
        "附件：<img src=x onerror=alert(1)>\n"
        "某市人民政府{#x}\n"
        "2025年1月6日\n"
    )
    pages, _ = read_pages([("seeds/markup.txt", text.encode("utf-8"))])
    (document,) = pages[0].items
    assert isinstance(document, Document)
    assert [m.kind for m in document.back_matter] == ["attachment", "signature", "date"]
    files = render_site(Settings("https://example.org/"), pages, {}, {})
    overview = files[f"{document.slug}/index.md"].decode("utf-8")
    full = files[f"{document.slug}/full.md"].decode("utf-8")
    for page in (overview, full):
        assert "<script>" not in page and "<img" not in page and "{#x}" not in page
        assert "&lt;img src=x onerror=alert(1)&gt;" in page and "某市人民政府&#123;#x}" in page
    assert "**市政府各部门**" in overview  # literal: inside raw HTML, Markdown is not read


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
