"""Seed text is data: markup in it is shown literally on the site and never interpreted.

A seed of our own puts HTML, Markdown, attribute lists, table pipes, code and maths into a
clause; the docs and the site are built from it and the HTML is checked as parsed by
html.parser (and, for the browser, by Chromium: no script runs)."""

from __future__ import annotations

import json
import re
import string
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

pytest.register_assert_rewrite("browser_support")

from browser_support import browser_context, build_site, site_base  # noqa: E402
from conftest import run_build  # noqa: E402
from policydocs.render.escape import comment, md  # noqa: E402
from policydocs.render.site import nav_file  # noqa: E402

pytest_plugins = ["browser_support"]

SLUG = "measures-2024-03-01-wen-ben-zhuan-yi"
TITLE_SLUG = "provisions-2024-04-01-b-biao-ti-b-zhuan-yi"
TITLE = "测试机关关于文本转义的办法"
#: Each piece of text must appear on the page exactly as typed.
LITERALS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "**bold**",
    "{#id}",
    "| pipes |",
    "`backticks`",
    "$x$",
    '<a href="javascript:alert(4)">链接</a>',
    "&amp;",
    "_斜体_",
]
#: A seed's file name is data too: it reaches comments, links and the data files.
HOSTILE_NAME = "001_x--><img src=x onerror=alert(1)> #?%20\"'.txt"
#: One block per line, blank lines between (the newspaper layout); each clause is one paragraph.
SEED_TEXT = (
    "\n\n".join(
        [
            TITLE,
            "（2024年3月1日）",
            "为检验转义，制定本办法。",
            "一、总体要求",
            "（一）原样显示源文本。正文含有<script>alert(1)</script>这样的标记。"
            "图片<img src=x onerror=alert(1)>不得执行。链接[x](javascript:alert(1))不得生成。",
            "（二）不得生成格式。**bold**不得变粗，{#id}不得成为属性，| pipes |不得成为表格。"
            "`backticks`不得成为代码，$x$不得成为公式。",
            "（三）标题里的<img src=y onerror=alert(3)>也照原样。"
            '正文中的<a href="javascript:alert(4)">链接</a>、&amp;和_斜体_照原样。',
        ]
    )
    + "\n"
)
#: Part and document titles with markup (they also reach the navigation and <title>).
TITLE_SEED_TEXT = """\
测试机关关于<b>标题</b>转义的规定

（2024年4月1日）

为检验标题转义，制定本规定。

一、图片<img src=z onerror=alert(5)>标题

（一）第一条。内容照原样。

（二）第二条。内容照原样。
"""


class Page(HTMLParser):
    """What a reader gets from one HTML page: its text, and the elements that could run code."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.scripts: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style", "title"):
            self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if self._in and self._in[-1] == "script":
            self.scripts.append(data)
        elif not self._in:
            self.text.append(data)

    @property
    def plain(self) -> str:
        return "".join(self.text)

    def dangerous(self) -> list[str]:
        """Scripts that mention alert, event handler attributes, javascript: URLs, <strong>bold."""
        found = [f"<script>{s[:60]}" for s in self.scripts if "alert" in s]
        for tag, attrs in self.tags:
            for name, value in attrs.items():
                if name.startswith("on"):
                    found.append(f"<{tag} {name}={value}>")
                if value and value.strip().lower().startswith("javascript:"):
                    found.append(f"<{tag} {name}={value}>")
            if tag == "img" and (attrs.get("src") or "") in ("x", "y", "z"):
                found.append(f"<img src={attrs.get('src')}>")
        return found


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def build(tmp_path: Path, name: str, text: str, *extra: str) -> tuple[Path, Path]:
    """The seed built into docs/ and site/; the test documents are short, so the sites that test
    part pages and the print page ask for them (--one-page-below 0), and escape_one_page does not."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / name).write_text(text, encoding="utf-8")
    docs, registry = tmp_path / "docs", tmp_path / "permalinks.json"
    result = run_build("--seeds", str(seeds), "--docs", str(docs), "--registry", str(registry), *extra)
    assert result.returncode == 0, result.stderr
    return docs, build_site(docs, tmp_path / "site")


@pytest.fixture(scope="module")
def escape_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return build(tmp_path_factory.mktemp("escape"), HOSTILE_NAME, SEED_TEXT, "--one-page-below", "0")


@pytest.fixture(scope="module")
def escape_one_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same seed with the default threshold: the document is one page."""
    return build(tmp_path_factory.mktemp("escape-one"), HOSTILE_NAME, SEED_TEXT)


@pytest.fixture(scope="module")
def title_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return build(tmp_path_factory.mktemp("titles"), "002_titles.txt", TITLE_SEED_TEXT, "--one-page-below", "0")


def test_the_seeds_are_read_as_policy_documents(escape_site, title_site):
    docs, _ = escape_site
    part = (docs / SLUG / "part-1.md").read_text(encoding="utf-8")
    for n in (1, 2, 3):
        assert f"#clause-{n} .clause" in part
    docs, _ = title_site
    assert (docs / TITLE_SLUG / "part-1.md").exists()


@pytest.mark.parametrize(
    ("which", "page"), [("escape_site", "part-1.html"), ("escape_site", "full.html"), ("escape_one_page", "index.html")]
)
def test_markup_in_a_clause_is_shown_as_text(request, which, page):
    _, site = request.getfixturevalue(which)
    html = (site / SLUG / page).read_text(encoding="utf-8")
    parsed = parse(site / SLUG / page)
    for literal in LITERALS:
        assert literal in parsed.plain, f"{literal!r} is not shown literally on {page}"
    assert "<img src=y onerror=alert(3)>" in parsed.plain, "the clause heading is not shown literally"
    assert parsed.dangerous() == []
    for formed in ("<strong>bold", "<em>", "<code>backticks", "<table", 'id="id"', "<b>", "<mark>"):
        assert formed not in html, f"{formed} formed from the seed's text on {page}"


def test_clause_paragraphs_hold_only_sentence_spans(escape_site):
    """The paragraphs made from the seed contain no element but the sentence spans."""
    _, site = escape_site
    html = (site / SLUG / "part-1.html").read_text(encoding="utf-8")
    for anchor in ("clause-1-p1", "clause-2-p1", "clause-3-p1"):
        match = re.search(rf'<p[^>]*\bid="{anchor}"[^>]*>(.*?)</p>', html, re.S)
        assert match, anchor
        tags = set(re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", match[1]))
        assert tags == {"span"}, (anchor, tags)


def test_a_title_with_markup_is_text_in_the_cite_box_and_data(title_site):
    """The citations (which the copy buttons copy) carry the title as typed; the JSON model keeps it as data."""
    _, site = title_site
    title = "测试机关关于<b>标题</b>转义的规定"
    parsed = parse(site / TITLE_SLUG / "index.html")
    assert f"{title}[EB/OL]" in parsed.plain
    assert f"[《{title}》" in parsed.plain
    assert all(tag != "b" for tag, _ in parsed.tags)  # the title's <b> is text, never an element
    data = (site / "data" / f"{TITLE_SLUG}.json").read_text(encoding="utf-8")
    assert title in data


@pytest.mark.parametrize("which", ["escape_site", "escape_one_page"])
def test_every_page_of_the_site_is_free_of_injected_markup(request, which):
    _, site = request.getfixturevalue(which)
    for path in sorted(site.rglob("*.html")):
        assert parse(path).dangerous() == [], path.relative_to(site)


def test_markup_in_titles_is_shown_as_text_everywhere(title_site):
    """Document and part titles reach the navigation, <title>, headings and the footer links."""
    _, site = title_site
    pages = sorted(site.rglob("*.html"))
    assert pages
    bad = {path.relative_to(site).as_posix(): parse(path).dangerous() for path in pages}
    assert {k: v for k, v in bad.items() if v} == {}
    part = parse(site / TITLE_SLUG / "part-1.html")
    assert "一、图片<img src=z onerror=alert(5)>标题" in part.plain
    overview = site / TITLE_SLUG / "index.html"
    assert "测试机关关于<b>标题</b>转义的规定" in parse(overview).plain
    assert "<b>标题</b>" not in overview.read_text(encoding="utf-8")


@pytest.mark.browser
@pytest.mark.parametrize("which", ["escape_site", "escape_one_page", "title_site"])
def test_no_script_runs_in_the_browser(browser, request, which):
    """Every page opened in Chromium: no dialog opens, no image named in the seed is fetched."""
    _, site = request.getfixturevalue(which)
    base = site_base(site)
    dialogs: list[str] = []
    with browser_context(browser, base) as (context, log):
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in sorted(site.rglob("*.html")):
            if path.name == "404.html":  # served by a web server at any depth: its links are absolute
                continue
            page.goto(path.as_uri())
            page.wait_for_load_state("load")
        if which == "escape_site":
            page.goto(base + f"{SLUG}/part-1.html")
            shown = page.locator("#clause-1-p1").text_content()
            assert "<script>alert(1)</script>" in shown and "<img src=x onerror=alert(1)>" in shown
            assert page.locator("#clause-1-p1 script, #clause-1-p1 img, #clause-2-p1 strong").count() == 0
    assert dialogs == []
    fetched = [u for u in log.urls if u.rsplit("/", 1)[-1] in ("x", "y", "z")]
    assert fetched == []
    log.assert_inside()


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",))), max_size=6))
def test_the_navigation_file_reads_back_as_written(titles: list[str]) -> None:
    """Titles come from the source text; whatever they hold, the hooks read the same navigation."""
    nav: list[object] = [{title: f"p{i}.md"} for i, title in enumerate(titles)] + [{"章": [{"一": "x.md"}]}]
    documents = {f"d{i}": {"title": title, "pages": [[title, f"d{i}/index.md"]]} for i, title in enumerate(titles)}
    assert json.loads(nav_file(nav, documents)) == {"nav": nav, "documents": documents}


@given(st.text(alphabet=st.sampled_from(string.punctuation + "中文 ，。a1") | st.characters()))
def test_markdown_escaping_leaves_no_ascii_punctuation(text: str) -> None:
    escaped = md(text)
    assert escaped == "".join(f"&#{ord(c)};" if c in string.punctuation else c for c in text)


def test_the_seed_file_name_is_data_wherever_it_lands(escape_site):
    """The name reaches the comment atop each page, the cite box's source link and the sources
    page: never markup, and the link opens the copy of the seed."""
    docs, site = escape_site
    page = (docs / SLUG / "part-1.md").read_text(encoding="utf-8")
    assert "<img" not in page
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        assert "<img src=x" not in text, path.relative_to(site)
        assert not re.search(r"<!--(?:(?!-->).)*?-->[^<]*<img", text, re.S), path.relative_to(site)
    part = site / SLUG / "part-1.html"
    links = [a.get("href") or "" for tag, a in parse(part).tags if tag == "a" and "sources/" in (a.get("href") or "")]
    assert links
    for href in links:
        target = (part.parent / urllib.parse.unquote(href.split("#")[0])).resolve()
        assert target.is_file() and target.name == HOSTILE_NAME, href


@given(st.text())
def test_a_comment_holds_any_text_and_ends_once(text: str) -> None:
    made = comment(text)
    assert made.startswith("<!--") and made.endswith("-->")
    inner = made[4:-3]
    assert "--" not in inner and ">" not in inner and "<" not in inner
