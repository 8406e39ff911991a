"""Shapes of real policy documents beyond the seed (issue 6), each in a short fixture written for
these tests (tests/fixtures/shapes/<name>.txt; none is copied from a real document):

- web layout: a paragraph a line, full-width spaces as indents and separators, non-breaking spaces
  padding lines (web-layout);
- front matter: a title over two lines, a document number, an addressee, a date line, notes in
  parentheses under a title (front-matter, title-note, law, notice-column); a date line at the top
  of a document whose title and date are printed after its body, and one alone after a clause
  (date-lines);
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

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from model_support import check_golden, read_error, source_strings, without_spans
from policydocs import fidelity
from policydocs.model import Article, Document, Page, to_data, to_json
from policydocs.pipeline import read_page

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


def test_a_date_before_the_body_is_labelled_a_date_and_one_after_it_the_date_of_signing() -> None:
    from policydocs import ids
    from policydocs.render.policy_pages import matter_block

    front = matter_block(the_document("date-lines").front_matter, ids.FRONT_MATTER, "发文信息")
    back = matter_block(the_document("front-matter").back_matter, ids.BACK_MATTER, "落款和附注")
    assert '<p class="matter matter-date" id="front-1" title="日期">（2024年5月20日）</p>' in front
    assert 'title="成文日期">2024年9月3日</p>' in back


def test_a_date_line_at_the_top_and_a_title_and_date_after_the_body() -> None:
    """The seed's shape with a date line at the top as well: the date printed with the title is
    the document's, the top one a front-matter date line; a date line alone after a clause's last
    line stays a paragraph of that clause, not glued into its text."""
    doc = the_document("date-lines")
    assert doc.title is not None and (doc.title.text, doc.title.span.first) == ("关于加强社区服务的意见", 22)
    assert doc.date is not None and (doc.date.text, doc.date.span.first) == ("（2024年5月21日）", 23)
    assert [(m.id, m.kind, m.text, m.span.first) for m in doc.front_matter] == [
        ("front-1", "date", "（2024年5月20日）", 1)
    ]
    assert doc.back_matter == () and doc.iso_date == "2024-05-21"
    second = doc.parts[0].clauses[1]
    assert texts(second.paragraphs) == [
        "各地根据人口结构、财力状况和服务基础安排服务项目，不搞一刀切。",
        "（2024年5月19日）",
    ]
    assert second.paragraphs[1].span.first == 11
    assert doc.slug == "opinions-2024-05-21-jia-qiang-she-qu-fu-wu"


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
    return read_error(text, "seeds/numbering.txt")


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
