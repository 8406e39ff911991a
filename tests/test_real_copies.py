"""Shapes of real copies that broke the build (issue 12), each in a fixture written for these tests
(tests/fixtures/shapes/<name>.txt, invented text; their expected models are checked, with the
other shapes', by test_shapes.py):

- part headings with a comma, clause headings with 、 and quotation marks (comma-headings, and the
  same text set in columns: -column);
- a copy with a paragraph a line whose paragraphs end in a note of the departments in charge
  （…负责） (department-notes, -column);
- and the numbering check's error when a heading was missed: it names the line that reads like the
  missing number and says why it was not taken.
"""

from __future__ import annotations

from pathlib import Path

from conftest import run_build
from model_support import read_error, without_spans
from policydocs.model import Document, to_data
from policydocs.pipeline import read_page

SHAPES = Path(__file__).resolve().parent / "fixtures" / "shapes"


def read(name: str) -> Document:
    result = read_page((SHAPES / f"{name}.txt").read_bytes(), f"tests/fixtures/shapes/{name}.txt")
    assert result.diagnostics == (), [str(d) for d in result.diagnostics]
    (document,) = result.page.items
    assert isinstance(document, Document)
    return document


def text_of(name: str) -> str:
    return (SHAPES / f"{name}.txt").read_text(encoding="utf-8")


# --- headings with a comma, 、 and quotation marks -----------------------------------------


def test_part_headings_with_a_comma_are_parts() -> None:
    lines = text_of("comma-headings").split("\n")
    assert lines[5] == "二、深化体制机制改革，激发城市发展活力"  # line 6, as the issue quotes it
    doc = read("comma-headings")
    assert [(p.id, p.title) for p in doc.parts] == [
        ("part-1", "总体要求"),
        ("part-2", "深化体制机制改革，激发城市发展活力"),
        ("part-3", "推进“平急两用”设施建设，提升城市安全韧性"),
        ("part-4", "强化组织实施，确保各项任务落到实处"),
    ]
    assert [p.span.first for p in doc.parts] == [4, 6, 12, 15]
    assert [c.id for c in doc.all_clauses] == [f"clause-{n}" for n in range(1, 6)]
    assert [p.text[:6] for p in doc.parts[3].paragraphs] == ["各市要把城市"]  # a part of paragraphs


def test_a_clause_heading_with_quotation_marks_alone_on_its_line() -> None:
    third = read("comma-headings").parts[1].clauses[2]
    assert third.heading is not None
    assert third.heading.text == "推动“政府引导、市场运作、公众参与”的多元投入机制落地见效"
    assert [p.text[:6] for p in third.paragraphs] == ["鼓励社会资本", "引导居民出资"]
    assert (third.span.first, third.span.last) == (9, 11)


def test_comma_headings_set_in_columns_give_the_same_model() -> None:
    text = text_of("comma-headings-column")
    assert "\n\n二、深化体制机制改革，激发城市发展活力\n\n" in text
    assert without_spans(to_data(read("comma-headings-column"))) == without_spans(to_data(read("comma-headings")))


def test_a_comma_heading_as_wide_as_the_column_over_its_first_clause() -> None:
    """No blank line around the heading, and the heading as wide as the column (19 characters)."""
    text = (
        text_of("comma-headings-column").replace("\n\n二、深化", "\n二、深化").replace("活力\n\n（一）", "活力\n（一）")
    )
    doc = read_page(text.encode("utf-8"), "seeds/copy.txt").page.items[0]
    assert isinstance(doc, Document)
    assert [p.title for p in doc.parts][1] == "深化体制机制改革，激发城市发展活力"
    assert [c.id for c in doc.parts[1].clauses] == ["clause-1", "clause-2", "clause-3"]


# --- paragraphs closed by a note of the departments in charge -----------------------------


def test_paragraphs_ending_in_a_note_are_a_paragraph_a_line() -> None:
    doc = read("department-notes")
    clauses = doc.all_clauses
    assert [c.id for c in clauses] == [f"clause-{n}" for n in range(1, 9)]
    assert [c.span.first for c in clauses] == [5, 6, 7, 9, 10, 11, 13, 14]  # one line each
    assert [len(c.paragraphs) for c in clauses] == [1, 1, 1, 1, 1, 1, 1, 2]
    first = clauses[0].paragraphs[0]
    assert first.text.endswith("加大研发和品牌投入。（省发展改革委、省财政厅负责）")
    assert [s.text for s in first.sentences][-1] == "（省发展改革委、省财政厅负责）"  # kept, a sentence of its own
    assert clauses[2].paragraphs[0].text.endswith("（省住房城乡建设厅指导）")
    assert clauses[6].paragraphs[0].text.endswith("（省市场监管局牵头，各市人民政府负责落实，有关部门参与）")


def test_notes_split_over_column_lines_still_end_their_paragraphs() -> None:
    text = text_of("department-notes-column")
    assert "（省发展改革委、省财\n政厅负责）\n（二）" in text and "生活圈\n。（省住房城乡建设厅指导）" in text
    web, column = read("department-notes"), read("department-notes-column")
    assert without_spans(to_data(column)) == without_spans(to_data(web))


# --- the numbering check names the line it missed ------------------------------------------


def test_a_missed_part_heading_is_named_with_the_reason() -> None:
    text = text_of("comma-headings").replace("激发城市发展活力\n", "激发城市发展活力。\n")
    line, message = read_error(text)
    assert line == 6  # the missed line, not the line where 三、 was found
    assert "part 二、 was not found" in message and "二、深化体制机制改革，激发城市发展活力。" in message
    assert "not taken as a part heading" in message and "it ends with “。”" in message
    assert "(line 12)" in message and "三、" in message
    assert "skips" not in message  # the text's numbering is regular: it is not blamed


def test_the_build_reports_the_missed_line_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    text = text_of("comma-headings").replace("激发城市发展活力\n", "激发城市发展活力。\n")
    (tmp_path / "seeds" / "copy.txt").write_text(text, encoding="utf-8")
    result = run_build("--seeds", "seeds", "--docs", "docs", "--registry", "permalinks.json", cwd=tmp_path)
    assert result.returncode == 1
    (line,) = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert line.startswith("seeds/copy.txt:6: error: part 二、 was not found: this line reads like it")
    assert not (tmp_path / "docs").exists() and not (tmp_path / "permalinks.json").exists()


def test_a_heading_with_a_sentence_in_it_is_named_with_the_reason() -> None:
    text = text_of("comma-headings").replace("改革，激发城市", "改革。激发城市")
    line, message = read_error(text)
    assert line == 6 and "has one ending at “。” with text after it" in message


def test_a_clause_label_run_into_the_paragraph_before_it_is_named() -> None:
    text = text_of("comma-headings").replace("\n（二）创新土地", "另行规定。（二）创新土地")
    line, message = read_error(text)
    assert line == 7  # （二） now stands on line 7, after the text of （一）
    assert "clause （二） was not found" in message and "follows other text on its line" in message
    assert "not taken as the start of a clause" in message
    assert "from （一） to （三）" in message


def test_a_clause_label_kept_in_the_paragraph_before_it_is_named_with_its_own_line() -> None:
    text = text_of("comma-headings-column").replace("工作闭环。\n（二）", "工作闭环，\n（二）")
    line, message = read_error(text)
    assert line == 22 and text.split("\n")[21].startswith("（二）")  # the paragraph began on line 17
    assert "kept in one paragraph with the line before it" in message


def test_an_article_run_into_the_one_before_it_is_named() -> None:
    text = (SHAPES / "law.txt").read_text(encoding="utf-8").replace("精神慰藉服务。\n第三条", "精神慰藉服务。第三条")
    line, message = read_error(text)
    assert line == 8 and "article 第三条 was not found" in message and "the start of an article" in message
    assert "from 第二条 to 第四条" in message


def test_without_a_line_like_the_missing_number_the_skip_is_reported() -> None:
    text = text_of("comma-headings").replace("\n（二）创新土地", "\n（四）创新土地")
    line, message = read_error(text)
    assert line == 8 and "skips: found （四） after （一）, expected number 2" in message
    assert "no line reading like （二）" in message


# --- more shapes of real copies --------------------------------------------------------------


def items(name: str) -> tuple:  # type: ignore[type-arg]
    result = read_page((SHAPES / f"{name}.txt").read_bytes(), f"tests/fixtures/shapes/{name}.txt")
    assert result.diagnostics == (), [str(d) for d in result.diagnostics]
    return result.page.items


def test_half_width_punctuation_throughout() -> None:
    text = text_of("half-width")
    assert "(一)" in text and "，" not in text and "：" not in text and "；" not in text
    doc = read("half-width")
    assert doc.date is not None and doc.date.text == "(2025年5月12日)"
    assert doc.slug == "plan-2025-05-12-tui-jin-lao-jiu-jie-qu-wei-geng-xin-de"
    assert [(m.kind, m.text) for m in doc.front_matter] == [("addressee", "各区人民政府,市政府各部门:")]
    assert [(p.id, p.title) for p in doc.parts] == [
        ("part-1", "工作目标"),
        ("part-2", "主要任务"),
        ("part-3", "保障措施"),
    ]
    clauses = doc.all_clauses
    assert [(c.id, c.label) for c in clauses] == [
        ("clause-1", "(一)"), ("clause-2", "(二)"), ("clause-3", "(三)"), ("clause-4", "(四)"), ("clause-5", "(五)"),
    ]  # fmt: skip
    assert [c.span.first for c in clauses] == [8, 9, 10, 12, 13]  # a paragraph a line
    assert clauses[2].heading is not None and clauses[2].heading.text == "完善交通和停车设施。"
    assert clauses[2].paragraphs[0].text.startswith("重点做好三件事:打通断头路,")


def test_a_table_of_contents_before_the_title_is_front_matter() -> None:
    doc = read("contents-first")  # one document: the contents are not a document of their own
    assert doc.title is not None and doc.title.text == "某市加快发展普惠托育服务的实施方案"
    assert [(m.id, m.kind, m.text) for m in doc.front_matter][:3] == [
        ("front-1", "contents", "目\u3000录"),
        ("front-2", "contents", "一、总体要求"),
        ("front-3", "contents", "二、重点任务"),
    ]
    assert [m.span.first for m in doc.front_matter] == [1, 2, 3, 4, 5, 6, 7]
    assert doc.span.first == 1 and doc.slug == "plan-2025-06-01-mou-shi-jia-kuai-fa-zhan-pu-hui-tuo-yu"
    assert [p.span.first for p in doc.parts] == [11, 13, 17]  # the headings after the title
    assert [c.heading.text for c in doc.all_clauses if c.heading] == [
        "扩大社区托育服务供给。", "提升托育服务质量。", "加强托育人才队伍建设。",
    ]  # fmt: skip


def test_a_table_of_contents_with_dot_leaders_and_page_numbers() -> None:
    lines = text_of("contents-first").split("\n")
    lines[1:7] = [f"{line}……{n}" for n, line in enumerate(lines[1:7], 1)]
    (doc,) = read_page("\n".join(lines).encode("utf-8"), "seeds/toc.txt").page.items
    assert isinstance(doc, Document)
    assert [m.text for m in doc.front_matter if m.kind == "contents"][1:3] == ["一、总体要求……1", "二、重点任务……2"]
    assert doc.title is not None and doc.title.text == "某市加快发展普惠托育服务的实施方案"


def test_a_pagination_header_mid_text_is_a_note_not_a_new_document() -> None:
    doc = read("pagination")
    assert doc.title is not None and doc.title.text == "某省关于推动养老服务高质量发展的实施意见"
    assert [c.id for c in doc.all_clauses] == [f"clause-{n}" for n in range(1, 6)]
    assert [(n.kind, n.source_text, n.span.first) for n in doc.notes] == [
        ("pagination", "某省关于推动养老服务高质量发展的实施意见(2)", 7),
        ("pagination", "某省关于推动养老服务高质量发展的实施意见(3)", 11),
    ]
    assert all("实施意见(" not in p.text for c in doc.all_clauses for p in c.paragraphs)


def test_e_paper_chrome_around_an_article_is_set_apart() -> None:
    doc = read("epaper")  # no headline, no news report made of the navigation
    assert doc.title is not None and doc.title.text == "某市关于加强城市绿道建设的通知"
    assert [(m.kind, m.text) for m in doc.front_matter] == [
        ("number", "某政发〔2025〕9号"), ("addressee", "各区人民政府，市政府各部门："),
    ]  # fmt: skip
    assert [m.kind for m in doc.back_matter] == ["signature", "date"]
    top, bottom = doc.notes
    assert (top.kind, top.span.first, top.span.last) == ("chrome", 1, 4)
    assert top.source_text.split("\n")[::3] == ["第03版：城市", "上一版\u3000\u3000下一版"]
    assert "图片新闻" in top.source_text  # the page's titles run together
    assert (bottom.kind, bottom.source_text) == ("chrome", "上一篇\u3000\u3000下一篇\n返回目录")
    assert [p.id for p in doc.parts] == ["part-1", "part-2", "part-3"]


def test_web_page_chrome_around_a_notice_is_set_apart() -> None:
    doc = read("web-chrome")
    assert doc.title is not None and doc.title.text == "某市人民政府办公室关于进一步加强农贸市场管理的通知"
    assert [m.kind for m in doc.front_matter] == ["number", "addressee"]
    assert [(m.kind, m.text) for m in doc.back_matter] == [
        ("signature", "某市人民政府办公室"),
        ("date", "2025年2月20日"),
    ]
    assert [(n.kind, n.source_text) for n in doc.notes] == [
        ("chrome", "当前位置：首页 > 政务公开 > 政策文件\n字号：大 中 小"),
        ("chrome", "【打印本页】【关闭窗口】"),
    ]
    assert doc.slug == "mouzhengbanfa-2025-7"  # its document number


def test_bullets_before_a_byline_heads_and_list_items() -> None:
    (report,) = items("bullets")
    assert report.kind == "news"
    assert report.byline is not None and report.byline.text == "■本报记者\u3000周晓林"
    assert [s.title.text for s in report.sections] == ["■ 补齐网点短板", "■ 创新运营方式"]
    listed = [p.text for p in report.sections[0].paragraphs]
    assert listed[1:] == ["■ 新增早餐店、菜店和修鞋修锁等便民网点52个；", "■ 改造提升老旧农贸市场4个；",
                          "■ 引入社区食堂11家，为老年人提供助餐服务。"]  # fmt: skip
    assert [p.text[:4] for p in report.lead] == ["今年以来"]


def test_jump_markers_in_other_forms() -> None:
    report, doc = items("jump-markers")
    assert [(n.kind, n.source_text, n.span.first) for n in report.notes] == [("page-end", "详见四版▶", 2)]
    assert report.lead[0].text.endswith("老年助餐服务全覆盖。")  # the marker is not in the text
    assert isinstance(doc, Document) and [(n.kind, n.source_text) for n in doc.notes] == [("page-end", "（转第8版）")]
    assert doc.all_clauses[-1].paragraphs[0].text.endswith("降低建设和运营成本。")
    (fragment,) = items("jump-from")
    assert isinstance(fragment, Document)
    assert [(n.kind, n.source_text) for n in fragment.notes] == [("page-start", "上接01版")]
    assert [p.id for p in fragment.parts] == ["part-2", "part-3"]
    assert [c.id for c in fragment.all_clauses] == ["clause-3", "clause-4", "clause-5"]


def test_the_page_an_unbracketed_marker_points_to_is_joined() -> None:
    """jump-from.txt (上接01版) goes on from jump-markers.txt (（转第8版））: read together, one document."""
    from policydocs.pipeline import read_pages

    seeds = [(f"seeds/{n}.txt", (SHAPES / f"{n}.txt").read_bytes()) for n in ("jump-from", "jump-markers")]
    pages, warnings = read_pages(seeds)
    assert warnings == [] and pages[0].items == ()
    doc = pages[1].items[1]
    assert isinstance(doc, Document)
    assert [p.id for p in doc.parts] == ["part-1", "part-2", "part-3"]
    assert [c.id for c in doc.all_clauses] == [f"clause-{n}" for n in range(1, 6)]
    assert [n.source_text for n in doc.notes] == ["（转第8版）", "上接01版"]


def test_a_clause_line_alone_before_a_column_break_still_joins_its_paragraph() -> None:
    """（一）健全城市更新规划体系，完善“体 is the first line of a paragraph cut by a column break,
    not a heading in two halves: it is as wide as the column."""
    text = text_of("comma-headings-column").replace("完善“体\n检", "完善“体\n\n检")
    assert "完善“体\n\n检—评估" in text
    doc = read_page(text.encode("utf-8"), "seeds/copy.txt").page.items[0]
    assert isinstance(doc, Document)
    assert without_spans(to_data(doc)) == without_spans(to_data(read("comma-headings-column")))
