"""The benchmark page (性能测试) rendered from a small, made-up data/bench.json: the table, the
SVG chart, and escaping of everything that comes from the data file. Nothing is timed here."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from policydocs.render.bench_page import PAGE, TITLE, bench_page, chart, format_value
from policydocs.render.site import render_site
from policydocs.render.urls import Settings

FAKE = {
    "date": "2026-01-02",
    "machine": {"cpu": "Test <CPU> & co", "cores": 2},
    "rows": [
        {
            "id": "generate",
            "label": "Generation",
            "label_zh": "生成 <b>Markdown</b>",
            "value": 0.3456,
            "unit": "s",
            "goal": None,
            "pass": None,
            "command": "python scripts/build.py --docs 'a&b' | tee <x>",
        },
        {
            "id": "ratio",
            "label": "Generation / MkDocs",
            "label_zh": "生成 / MkDocs",
            "value": 0.3,
            "unit": "ratio",
            "goal": "≤ 0.25",
            "pass": False,
            "command": "python scripts/bench.py --only build",
        },
        {
            "id": "zip",
            "label": "Offline zip",
            "label_zh": "离线压缩包",
            "value": 287_912,
            "unit": "bytes",
            "goal": "< 1 MB",
            "pass": True,
            "command": "stat -c %s site/download/policy-docs-offline.zip",
        },
        {"id": "zensical", "label": "Zensical", "value": None, "unit": "s", "command": "zensical build"},
    ],
    "library": [
        {"documents": 16, "whole_s": 0.4, "site_bytes": 3_000_000, "command": "make <16> & build"},
        {"documents": 64, "whole_s": 0.9, "site_bytes": 12_000_000},
        {"documents": 256, "whole_s": 2.5, "site_bytes": 48_000_000},
        {"documents": 1024, "whole_s": 9.25, "site_bytes": 190_000_000, "peak_bytes": 120_000_000},
    ],
    "notes": ["Zensical: <script>alert(1)</script> *not* measured"],
}


def svg_of(markdown: str) -> ET.Element:
    match = re.search(r"<svg .*?</svg>", markdown, re.S)
    assert match, "no inline SVG"
    return ET.fromstring(match[0])


def test_numbers_are_formatted_with_their_units():
    assert format_value(0.3456, "s") == "0.346 s"
    assert format_value(12.5, "s") == "12.50 s"
    assert format_value(0.3, "ratio") == "0.30×"
    assert format_value(287_912, "bytes") == "287.9 KB"
    assert format_value(1_234_567, "bytes") == "1.23 MB"
    assert format_value(2.345, "MB/s") == "2.35 MB/s"
    assert format_value(3, "files") == "3"
    assert format_value(None, "s") == "—"


def test_table_has_every_row_with_value_goal_verdict_and_command():
    page = bench_page(FAKE)
    assert page.startswith(f"---\ntitle: {TITLE}\n---\n")
    rows = re.findall(r'<tr class="bench-figure">.*?</tr>', page)
    commands = re.findall(r'<tr class="bench-command"><td colspan="4">.*?</tr>', page)
    assert len(rows) == len(commands) == len(FAKE["rows"])
    assert "0.346 s" in rows[0]
    assert "0.30×" in rows[1] and "≤ 0.25" in rows[1] and "未达标" in rows[1]
    assert "287.9 KB" in rows[2] and "&lt; 1 MB" in rows[2] and "达标" in rows[2]
    assert "—" in rows[3]
    # Each figure's command follows it, across the table.
    assert "<code>python scripts/bench.py --only build</code>" in commands[1]
    assert page.index(rows[1]) < page.index(commands[1]) < page.index(rows[2])


def test_text_from_the_data_file_is_escaped():
    page = bench_page(FAKE)
    assert "<b>" not in page and "生成 &lt;b&gt;Markdown&lt;/b&gt;" in page
    assert "--docs &#x27;a&amp;b&#x27; | tee &lt;x&gt;" in page
    assert "<script>" not in page
    assert "Test <CPU>" not in page and "&#60;CPU&#62;" in page  # Markdown text: numeric references
    # The note's asterisks cannot form emphasis: every ASCII punctuation character is a reference.
    assert "*not*" not in page and "&#42;not&#42;" in page


def test_chart_is_valid_svg_with_a_point_per_corpus_size_and_labels():
    page = bench_page(FAKE)
    svg = svg_of(page)
    ns = "{http://www.w3.org/2000/svg}"
    circles = svg.findall(f"{ns}circle")
    assert len(circles) == 4
    titles = [c.find(f"{ns}title").text for c in circles]
    assert titles == ["16 份文件：0.40 秒", "64 份文件：0.90 秒", "256 份文件：2.50 秒", "1024 份文件：9.25 秒"]
    texts = [t.text for t in svg.iter(f"{ns}text")]
    assert "文件数（份）" in texts and "完整构建时间（秒）" in texts
    assert "1024" in texts  # the x axis reaches the largest library
    # Larger corpora are further right, and slower ones higher up (smaller y).
    xs = [float(c.get("cx")) for c in circles]
    ys = [float(c.get("cy")) for c in circles]
    assert xs == sorted(xs) and ys == sorted(ys, reverse=True)
    assert svg.find(f"{ns}polyline") is not None


def test_library_table_has_a_row_per_size_and_the_site_size_chart():
    page = bench_page(FAKE)
    rows = re.findall(r'<tr class="bench-library">.*?</tr>', page)
    assert len(rows) == 4
    assert "<td>1024</td><td>—</td><td>—</td><td>9.25 s</td><td>—</td><td>190.00 MB</td>" in rows[3]
    assert "<td>120.00 MB</td>" in rows[3]
    assert "make &lt;16&gt; &amp; build" in page and "make <16>" not in page
    sizes = ET.fromstring(re.findall(r"<svg .*?</svg>", page, re.S)[1])
    ns = "{http://www.w3.org/2000/svg}"
    assert [c.find(f"{ns}title").text for c in sizes.findall(f"{ns}circle")][-1] == "1024 份文件：190.00 MB"


def test_chart_text_is_escaped_and_missing_growth_gives_no_chart():
    assert chart([]) == ""
    assert chart([{"documents": 1, "whole_s": 0.1}]) == ""
    page = bench_page({"rows": [], "library": []})
    assert "<svg" not in page and "尚无测量结果" in page


def test_render_site_adds_the_page_and_its_nav_entry():
    settings = Settings(site_url="https://example.org/")
    files = render_site(settings, [], {}, {}, bench=FAKE)
    assert files[PAGE].decode("utf-8") == bench_page(FAKE)
    nav = json.loads(files[".nav.json"].decode("utf-8"))["nav"]  # as the hooks read it
    assert {"关于本站": [{TITLE: PAGE}]} in nav
    assert PAGE not in render_site(settings, [], {}, {})
