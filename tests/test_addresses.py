"""Document addresses from identity (policydocs/slugs.py): the document number where there is one,
else kind, date and a short romanised title; a news report by its date and headline. ASCII,
readable, never a hash; the second of two documents that would share one gets a readable suffix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policydocs.pipeline import read_page, read_pages
from policydocs.slugs import short_title, title_core

SHAPES = Path(__file__).resolve().parent / "fixtures" / "shapes"
ADDRESS = re.compile(r"^[a-z]+(?:-[a-z0-9]+)*$")
HEX_DIGEST = re.compile(r"(?:^|-)[0-9a-f]{6,}(?:-|$)")

#: Every shape fixture's addresses, read off its text by eye: number, else kind-date-title.
EXPECTED = {
    "back-matter": ["mouminfa-2025-7"],  # 某民发〔2025〕7号
    "clause-heading-line": ["opinions-2025-05-08-jia-qiang-cheng-shi-she-qu-gong-zuo-zhe-dui"],
    "clause-heading-line-column": ["opinions-2025-05-08-jia-qiang-cheng-shi-she-qu-gong-zuo-zhe-dui"],
    "clause-numbering-restarts": ["plan-2025-03-06-tui-jin-wan-zheng-she-qu-jian-she-de-gong"],
    "front-matter": ["mouzhengbanfa-2024-12"],  # 某政办发〔2024〕12号
    "law": ["regulations-2023-11-28-mou-shi-she-qu-ju-jia-yang-lao-fu-wu"],  # the date opening the note
    "news-release": [
        "news-mou-shi-chu-tai-yi-jian-jia-qiang-she-qu",  # 本报讯 近日: no date
        "opinions-2025-05-08-jia-qiang-cheng-shi-she-qu-gong-zuo-zhe-dui",
    ],
    "notice-attachment": ["notice-2025-01-06-she-qu-fu-wu", "plan-2025-01-06-mou-shi-she-qu-fu-wu"],
    "notice-column": ["mouzhujianfa-2025-15"],  # 某住建发〔2025〕15号
    "notice-with-plan": ["mouzhengbanfa-2025-21", "plan-2025-06-30-mou-shi-cheng-shi-she-qu-qian-ru-shi-fu"],
    "several-documents": [
        "guidelines-2024-05-20-tui-jin-cheng-shi-she-qu-fu-wu-ti-xi",
        "guidelines-2024-05-20-tui-jin-nong-cun-she-qu-fu-wu-ti-xi",
    ],
    "title-note": ["moushirenminzhengfuling-9"],  # …某市人民政府令第九号公布 in the note under the title
    "web-layout": ["opinions-2025-04-10-jia-kuai-tui-jin-she-qu-qian-ru-shi-fu"],
    "bullets": ["news-mou-qu-tui-jin-yi-ke-zhong-bian-min-sheng"],  # 某区推进“一刻钟便民生活圈”建设
    "comma-headings": ["opinions-2025-09-22-shen-hua-cheng-shi-geng-xin-xing-dong-tui-dong"],
    "comma-headings-column": ["opinions-2025-09-22-shen-hua-cheng-shi-geng-xin-xing-dong-tui-dong"],
    "contents-first": ["plan-2025-06-01-mou-shi-jia-kuai-fa-zhan-pu-hui-tuo-yu"],
    "department-notes": ["measures-2025-07-03-mou-sheng-tui-dong-fu-wu-ye-kuo-neng-ti"],  # …的若干措施
    "department-notes-column": ["measures-2025-07-03-mou-sheng-tui-dong-fu-wu-ye-kuo-neng-ti"],
    "epaper": ["mouzhengfa-2025-9"],  # 某政发〔2025〕9号
    "half-width": ["plan-2025-05-12-tui-jin-lao-jiu-jie-qu-wei-geng-xin-de"],
    # a page continuing a document printed elsewhere, read alone: no title, no date; its first heading
    "jump-from": ["document-ti-sheng-she-qu-shi-tang-fu-wu-shui-ping"],
    "jump-markers": [
        "news-mou-shi-chu-tai-cuo-shi-zhi-chi-she-qu",
        "guidelines-2025-08-01-jia-qiang-she-qu-shi-tang-jian-she",
    ],
    "pagination": ["opinions-2025-03-18-tui-dong-yang-lao-fu-wu-gao-zhi-liang-fa"],
    "web-chrome": ["mouzhengbanfa-2025-7"],  # 某政办发〔2025〕7号
    # the date printed with the title after the body (2024-05-21), not the one at the top (05-20)
    "date-lines": ["opinions-2024-05-21-jia-qiang-she-qu-fu-wu"],
}


def test_every_shape_fixture_is_covered() -> None:
    assert sorted(EXPECTED) == sorted(path.stem for path in SHAPES.glob("*.txt"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_addresses_of_each_shape(name: str) -> None:
    page = read_page((SHAPES / f"{name}.txt").read_bytes(), f"seeds/{name}.txt").page
    slugs = [item.slug for item in page.items]
    assert slugs == EXPECTED[name]
    assert all(ADDRESS.match(slug) and not HEX_DIGEST.search(slug) for slug in slugs)


def document(head: str, title: str = "国务院关于测试地址规则的通知") -> str:
    body = "一、总体要求\n（一）第一条。内容。\n（二）第二条。内容。\n"
    return f"{title}\n{head}\n各省、自治区、直辖市人民政府：\n{body}"


@pytest.mark.parametrize(
    ("head", "address"),
    [
        ("国发〔2024〕3号", "guofa-2024-3"),
        ("国办发〔2023〕12号", "guobanfa-2023-12"),
        ("国办发[2023]12号", "guobanfa-2023-12"),
        ("财税〔2019〕013号", "caishui-2019-13"),
        ("（2024年5月20日）", "notice-2024-05-20-ce-shi-di-zhi-gui-ze"),
    ],
)
def test_document_numbers_give_the_address(head: str, address: str) -> None:
    (item,) = read_page(document(head).encode("utf-8"), "seeds/n.txt").page.items
    assert item.slug == address


def test_an_order_number_gives_the_address() -> None:
    body = "第一条　为了测试，制定本条例。\n第二条　本条例自公布之日起施行。\n"
    text = f"测试条例\n（2024年1月1日国务院令第777号公布）\n{body}"
    (item,) = read_page(text.encode("utf-8"), "seeds/o.txt").page.items
    assert item.slug == "guowuyuanling-777"


@pytest.mark.parametrize(
    "dateline",
    ["本报记者 张三 2024年6月3日\n\n本报讯 今年以来", "新华社北京2024年6月3日电 今年以来"],
)
def test_a_news_report_with_a_full_date_is_addressed_by_it(dateline: str) -> None:
    text = f"城市更新取得新进展\n{dateline}，某市城市更新项目稳步推进，已完工十二个。\n"
    items = read_page(text.encode("utf-8"), "seeds/r.txt").page.items
    assert [item.slug for item in items] == ["news-2024-06-03-cheng-shi-geng-xin-qu-de-xin-jin-zhan"]


def test_the_same_number_twice_the_second_gets_the_title_then_a_counter() -> None:
    one = document("国发〔2024〕3号").encode("utf-8")
    other = document("国发〔2024〕3号", "国务院关于另一份文件的通知").encode("utf-8")
    pages, _ = read_pages([("seeds/a.txt", one), ("seeds/b.txt", other), ("seeds/c.txt", other)])
    assert [page.items[0].slug for page in pages] == [
        "guofa-2024-3",
        "guofa-2024-3-ling-yi-fen-wen-jian",
        "guofa-2024-3-ling-yi-fen-wen-jian-2",
    ]


def test_published_addresses_stay() -> None:
    one = document("国发〔2024〕3号").encode("utf-8")
    known = {("seeds/a.txt", "国务院关于测试地址规则的通知"): "notice-2024-3"}
    pages, _ = read_pages([("seeds/a.txt", one)], known)
    assert pages[0].items[0].slug == "notice-2024-3"


@pytest.mark.parametrize(
    ("title", "core"),
    [
        ("中共中央 国务院关于推动城市高质量发展的意见", "推动城市高质量发展"),
        ("某市关于印发《某市城市更新行动实施方案》的通知", "某市城市更新行动"),
        ("某市社区服务站管理办法（试行）", "某市社区服务站管理"),
    ],
)
def test_title_core(title: str, core: str) -> None:
    assert title_core(title) == core


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("城市更新关于的意见通知《》 （）AZaz09-，。号令第"), max_size=30))
def test_short_titles_are_ascii_words(title: str) -> None:
    short = short_title(title)
    assert short == "" or re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", short), short


def test_a_short_title_keeps_the_digits_among_or_after_its_chinese_characters() -> None:
    # the digits tell apart reports whose headlines differ only there
    assert short_title("忠诚履职担当 惠工暖心12") == "zhong-cheng-lv-zhi-dan-dang-hui-gong-nuan-xin-12"
    assert short_title("中共中央 国务院关于推动第3批城市高质量发展的意见").startswith("tui-dong-di-3-pi-")
