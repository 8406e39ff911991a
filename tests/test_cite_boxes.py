"""Cite boxes as a reader sees them: the box of a part, clause or section holds its permalink, and
site.js adds its GB/T 7714 and Markdown rows from the document's citation given once on the page
(cite.cite_data), and every copy button. Here every box of a page is compared, in Chromium, with
what cite.py's gbt7714 and markdown_link make, for a title holding markup and Markdown's brackets."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.register_assert_rewrite("browser_support")

from browser_support import browser_context, build_site, site_base  # noqa: E402
from conftest import run_build  # noqa: E402
from policydocs.model import Document  # noqa: E402
from policydocs.pipeline import read_pages  # noqa: E402
from policydocs.render.cite import ACCESS_DATE, gbt7714, markdown_link  # noqa: E402
from policydocs.render.policy_pages import clause_locator, part_locator  # noqa: E402
from policydocs.render.urls import Settings, absolute, node_pages, overview_page  # noqa: E402

pytestmark = pytest.mark.browser
pytest_plugins = ["browser_support"]

TITLE = "测试机关关于<b>[标题]</b>与\\转义的规定"
SEED = f"""\
{TITLE}

（2024年4月1日）

为检验引用框，制定本规定。

一、总体要求

（一）第一条。内容照原样。

（二）第二条。内容照原样。

二、保障措施

（三）第三条。内容照原样。
"""
URL = "https://example.org/docs/"
#: The reader's date, as site.js writes it for 引用日期.
TODAY = """(() => {
    const d = new Date(), pad = n => (n < 10 ? "0" : "") + n;
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
})()"""

ROWS = """() => [...document.querySelectorAll("details.cite-box")].map(box => {
    const rows = {};
    box.querySelectorAll("dt").forEach(dt => {
        const dd = dt.nextElementSibling;
        const code = dd.querySelector("code.cite-text");
        rows[dt.textContent] = code ? code.textContent : dd.textContent;
        const buttons = [...dd.querySelectorAll("button.cite-copy")];
        rows["buttons " + dt.textContent] = buttons.map(b => b.getAttribute("aria-label"));
    });
    return [box.dataset.anchor, rows];
})"""


def expected(document: Document, anchor: str, locator: str | None, today: str) -> dict[str, object]:
    page = node_pages([document]).get((document.slug, anchor)) or overview_page(document)
    url = absolute(Settings(URL), page, anchor)
    return {
        "永久链接": url,
        "GB/T 7714": gbt7714(document, url, locator).replace(ACCESS_DATE, today),
        "Markdown": markdown_link(document, url, locator),
        "buttons 永久链接": ["复制永久链接"],
        "buttons GB/T 7714": ["复制GB/T 7714"],
        "buttons Markdown": ["复制Markdown"],
    }


def test_every_box_shows_the_citations_cite_py_makes(browser, tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "cite.txt").write_text(SEED, encoding="utf-8")
    result = run_build(
        "--seeds", "seeds", "--docs", "docs", "--registry", "r.json", "--site-url", URL, cwd=tmp_path
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (document,) = read_pages([("seeds/cite.txt", SEED.encode("utf-8"))])[0][0].items
    assert isinstance(document, Document) and document.title and document.title.text == TITLE
    boxes = {"top": None} | {p.id: part_locator(p) for p in document.parts}
    boxes |= {c.id: clause_locator(c) for c in document.all_clauses}
    site = build_site(tmp_path / "docs", tmp_path / "site")
    base = site_base(site)
    with browser_context(browser, base) as (context, log):
        page = context.new_page()
        page.goto(base + overview_page(document).replace(".md", ".html"))
        today = page.evaluate(TODAY)
        shown = dict(page.evaluate(ROWS))
    log.assert_inside()
    assert sorted(shown) == sorted(boxes)  # the overview is the document's one page: every box is there
    for anchor, locator in boxes.items():
        rows = {key: value for key, value in shown[anchor].items() if key != "来源" and key != "buttons 来源"}
        assert rows == expected(document, anchor, locator, today), anchor
        assert shown[anchor]["buttons 来源"] == []
