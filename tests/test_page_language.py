"""Language and headings of every page of the built site, read from its HTML: pages declare
simplified Chinese (zh-Hans), English glosses carry lang="en", and headings never skip a level.
(The rest of the accessibility checks run in Chromium: test_accessibility.py.)"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

PAGE_LANG = "zh-Hans"


ENGLISH = re.compile(r"[A-Za-z]{2,}[\s'’-]+[A-Za-z]{2,}")
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
SKIP_TEXT = {"script", "style", "code", "pre", "svg", "template", "textarea"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class PageText(HTMLParser):
    """The html lang, the headings in order, and English runs of text outside lang="en"."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.html_lang: str | None = None
        self.headings: list[tuple[int, str]] = []
        self.english: list[str] = []
        self.stack: list[tuple[str, str | None]] = []  # tag, lang
        self._heading: list[str] | None = None
        self._level = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang")
        if re.fullmatch(r"h[1-6]", tag):
            self._heading, self._level = [], int(tag[1])
        if tag not in VOID:
            self.stack.append((tag, a.get("lang")))

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            self.headings.append((self._level, "".join(self._heading).replace("¶", "").strip()))
            self._heading = None
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading.append(data)
        # A gloss is text in English of its own; Latin names inside Chinese text (mkdocs-material) are not.
        if any(tag in SKIP_TEXT for tag, _ in self.stack) or not ENGLISH.search(data) or CJK.search(data):
            return
        lang = next((lang for _, lang in reversed(self.stack) if lang is not None), self.html_lang)
        # Pinyin is Chinese written in Latin letters, marked as such (zh-Latn-pinyin), not English.
        if not (lang or "").lower().startswith(("en", "zh-latn")):
            self.english.append(f"{data.strip()[:60]!r} (lang={lang})")


@pytest.fixture(scope="module")
def site_pages(built_site: Path) -> dict[str, PageText]:
    pages = {}
    for path in sorted(built_site.rglob("*.html")):
        parser = PageText()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[path.relative_to(built_site).as_posix()] = parser
    assert len(pages) >= 10, f"only {len(pages)} pages in the built site"
    return pages


def test_pages_declare_simplified_chinese(site_pages):
    wrong = {path: page.html_lang for path, page in site_pages.items() if page.html_lang != PAGE_LANG}
    assert not wrong, f'pages without <html lang="{PAGE_LANG}">: {wrong}'


def test_english_glosses_are_marked_english(site_pages):
    glossary = site_pages["glossary.html"]
    assert glossary.english == [], glossary.english
    unmarked = {path: page.english for path, page in site_pages.items() if page.english}
    assert not unmarked, f'English text outside lang="en": {unmarked}'


def test_english_glosses_exist_and_carry_lang(built_site):
    """The glossary gives each term an English rendering, each marked lang="en"."""
    html = (built_site / "glossary.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<span lang="en">[^<]*[A-Za-z]{2,}', html)) >= 20


def test_headings_never_skip_a_level(site_pages):
    problems = {}
    for path, page in site_pages.items():
        levels = [level for level, _ in page.headings]
        if not levels:
            continue
        found = []
        if levels[0] != 1:
            found.append(f"first heading is h{levels[0]}: {page.headings[0][1]}")
        if levels.count(1) != 1:
            found.append(f"{levels.count(1)} h1 headings")
        for (before, _), (level, text) in zip(page.headings, page.headings[1:]):
            if level > before + 1:
                found.append(f"h{before} → h{level} {text}")
        if found:
            problems[path] = found
    assert not problems, problems
