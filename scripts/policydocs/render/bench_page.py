"""The benchmark page (性能测试): the latest figures of scripts/bench.py (data/bench.json) as a table,
the library builds (16 to 1,024 documents) as a table of their own, and charts of whole-build time
and site size against library size, drawn as inline SVG at build time.

Every piece of text that comes from the data file is escaped (it is data, never markup).
"""

from __future__ import annotations

import math
from typing import Any

from .escape import h, md

PAGE = "bench.md"
TITLE = "性能测试"

#: Chart geometry, in SVG user units.
WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 24, 52


def format_value(value: Any, unit: str | None) -> str:
    """A figure as the table prints it: seconds, ratios, bytes (1 KB = 1000 bytes), MB/s, counts."""
    if value is None:
        return "—"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if unit == "s":
        return f"{value:.3f} s" if value < 1 else f"{value:.2f} s"
    if unit == "ratio":
        return f"{value:.2f}×"
    if unit == "MB/s":
        return f"{value:.2f} MB/s"
    if unit == "bytes":
        if abs(value) >= 1_000_000:
            return f"{value / 1_000_000:.2f} MB"
        return f"{value / 1000:.1f} KB"
    if unit in ("files", "count", "requests"):
        return f"{int(value)}"
    text = f"{value:g}"
    return f"{text} {unit}" if unit else text


def verdict(passed: Any) -> str:
    if passed is None:
        return ""
    return "✓ 达标" if passed else "✗ 未达标"


def _table(rows: list[dict[str, Any]]) -> str:
    """One row per figure, and under it, across the table, the command that reproduces it."""
    head = "<tr><th>项目</th><th>数值</th><th>目标</th><th>结果</th></tr>"
    body = []
    for row in rows:
        label = row.get("label_zh") or row.get("label") or row.get("id") or ""
        body.append(
            '<tr class="bench-figure">'
            f"<td>{h(str(label))}</td>"
            f"<td>{h(format_value(row.get('value'), row.get('unit')))}</td>"
            f"<td>{h(str(row.get('goal') or ''))}</td>"
            f"<td>{h(verdict(row.get('pass')))}</td>"
            "</tr>"
        )
        if row.get("command"):
            body.append(
                f'<tr class="bench-command"><td colspan="4">复现：<code>{h(str(row["command"]))}</code></td></tr>'
            )
    return f"<table>\n<thead>{head}</thead>\n<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>"


def _ticks(top: float, count: int = 5) -> list[float]:
    """Round tick values from 0 to at least ``top``."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    ticks = [0.0]
    while ticks[-1] < top - 1e-12:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _number(value: float) -> str:
    return f"{value:g}"


#: The charts of the library builds: the figure, its axis label, the unit in point titles, a scale.
CHARTS = (
    ("whole_s", "完整构建时间（秒）", "秒", 1.0),
    ("cpu_s", "完整构建的 CPU 时间（秒）", "秒", 1.0),
    ("site_bytes", "站点大小（MB）", "MB", 1e-6),
)


def chart(library: list[dict[str, Any]], key: str = "whole_s", label: str = CHARTS[0][1],
          unit: str = CHARTS[0][2], scale: float = 1.0, name: str = "bench-chart") -> str:  # fmt: skip
    """A figure of the library builds (``key``, times ``scale``) against library size
    (documents), with the linear trend of the first two sizes drawn dashed: points above it grow
    faster than linearly."""
    points = sorted(
        (float(p["documents"]), float(p[key]) * scale)
        for p in library
        if isinstance(p.get("documents"), int | float) and isinstance(p.get(key), int | float)
    )
    if len(points) < 2 or points[-1][0] <= 0:
        return ""
    x_ticks = [x for x, _ in points]  # each corpus size is labelled
    y_ticks = _ticks(max(y for _, y in points) * 1.1)
    x_max, y_max = points[-1][0], y_ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def sx(x: float) -> float:
        return round(LEFT + plot_w * x / x_max, 1)

    def sy(y: float) -> float:
        return round(TOP + plot_h * (1 - y / y_max), 1)

    description = "；".join(f"{_number(x)} 份文件 {y:.2f} {unit}" for x, y in points)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}"'
        f' role="img" aria-labelledby="{name}-title {name}-desc" style="max-width:100%;height:auto">',
        f'<title id="{name}-title">{h(label.split("（")[0] + "与文件数")}</title>',
        f'<desc id="{name}-desc">{h(description)}</desc>',
        '<g fill="none" stroke="currentColor" stroke-opacity="0.35" stroke-width="1">',
    ]
    for y in y_ticks:
        out.append(f'<line x1="{LEFT}" y1="{sy(y)}" x2="{WIDTH - RIGHT}" y2="{sy(y)}"/>')
    out.append("</g>")
    out.append('<g fill="currentColor" font-size="12">')
    for y in y_ticks:
        out.append(f'<text x="{LEFT - 8}" y="{sy(y) + 4}" text-anchor="end">{h(_number(y))}</text>')
    for x in x_ticks:
        out.append(f'<text x="{sx(x)}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle">{h(_number(x))}</text>')
    out.append(
        f'<text x="{LEFT + plot_w / 2}" y="{HEIGHT - 8}" text-anchor="middle">{h("文件数（份）")}</text>'
        f'<text x="16" y="{TOP + plot_h / 2}" text-anchor="middle"'
        f' transform="rotate(-90 16 {TOP + plot_h / 2})">{h(label)}</text>'
    )
    out.append("</g>")
    out.append(
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}"'
        ' stroke="currentColor" stroke-width="1"/>'
    )
    bigger = [p for p in points if p[0] > 1]
    if len(bigger) >= 2 and bigger[1][0] > bigger[0][0]:
        (x0, y0), (x1, y1) = bigger[0], bigger[1]
        slope = (y1 - y0) / (x1 - x0)
        end_x = points[-1][0]
        out.append(
            f'<line x1="{sx(x0)}" y1="{sy(y0)}" x2="{sx(end_x)}" y2="{sy(y0 + slope * (end_x - x0))}"'
            ' stroke="currentColor" stroke-opacity="0.6" stroke-dasharray="6 4" stroke-width="1.5">'
            f"<title>{h('线性增长参考线')}</title></line>"
        )
    path = " ".join(f"{sx(x)},{sy(y)}" for x, y in points)
    out.append(f'<polyline points="{path}" fill="none" style="stroke:var(--md-primary-fg-color)" stroke-width="2.5"/>')
    for x, y in points:
        out.append(
            f'<circle cx="{sx(x)}" cy="{sy(y)}" r="4" style="fill:var(--md-primary-fg-color)">'
            f"<title>{h(f'{_number(x)} 份文件：{y:.2f} {unit}')}</title></circle>"
        )
    out.append("</svg>")
    return "\n".join(out)


#: The columns of the library table: the figure, its heading, its unit.
LIBRARY_COLUMNS = (
    ("documents", "文件数", "count"),
    ("generation_s", "生成", "s"),
    ("mkdocs_s", "MkDocs", "s"),
    ("whole_s", "完整构建", "s"),
    ("cpu_s", "其中 CPU 时间", "s"),
    ("site_bytes", "站点", "bytes"),
    ("zip_bytes", "离线压缩包", "bytes"),
    ("clause_page_bytes", "条款页", "bytes"),
    ("peak_bytes", "内存峰值", "bytes"),
)


def library_table(library: list[dict[str, Any]]) -> str:
    """A row per library size; under the table, the commands that build each."""
    head = "".join(f'<th scope="col">{h(label)}</th>' for _, label, _ in LIBRARY_COLUMNS)
    body = []
    for row in library:
        cells = "".join(f"<td>{h(format_value(row.get(key), unit))}</td>" for key, _, unit in LIBRARY_COLUMNS)
        body.append(f'<tr class="bench-library">{cells}</tr>')
        if row.get("command"):
            span = len(LIBRARY_COLUMNS)
            body.append(
                f'<tr class="bench-command"><td colspan="{span}">复现：<code>{h(str(row["command"]))}</code></td></tr>'
            )
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>"


def bench_page(bench: dict[str, Any]) -> str:
    """The page's Markdown; ``bench`` is the content of data/bench.json."""
    machine = bench.get("machine") or {}
    described = "，".join(f"{key}：{value}" for key, value in machine.items() if value not in (None, ""))
    rows = [row for row in bench.get("rows") or [] if isinstance(row, dict)]
    out = [
        f"---\ntitle: {TITLE}\n---\n",
        "<!-- 本页由 scripts/build.py 从 data/bench.json（scripts/bench.py 的结果）生成，请勿手工修改。"
        "Generated: do not edit. -->",
        f"# {TITLE}",
        "生成本站要花多少时间、随文件增多如何增长、读者要下载多少字节。每个数值取多次运行的中位数，"
        "各项在同一次运行中交替测量，因此比值在繁忙的机器上也成立。运行 `make bench` 重新测量，"
        "表中每一项都附有复现它的命令。",
    ]
    if bench.get("date") or described:
        out.append(md(f"测量日期：{bench.get('date') or '—'}。机器：{described or '—'}。"))
    out.append("## 结果 { #results }")
    out.append(_table(rows) if rows else md("尚无测量结果。"))
    library = [p for p in bench.get("library") or [] if isinstance(p, dict)]
    if library:
        out.append("## 文件库的规模 { #library }")
        out.append(
            md("由种子、测试用的各类文件样本和按固定随机种子生成的文件（各有标题、文号、日期和条文）组成 ")
            + md(f"{'、'.join(str(p.get('documents')) for p in library)} 份文件的文件库，")
            + md("每个规模都从零完整构建（scripts/build.py，再 mkdocs build）。条款页为种子意见第四部分的页面。")
            + md("机器繁忙时墙钟时间偏高且波动大，CPU 时间较稳定。")
        )
        out.append(library_table(library))
        for number, (key, label, unit, scale) in enumerate(CHARTS, 1):
            svg = chart(library, key, label, unit, scale, f"bench-chart-{number}")
            if svg:
                caption = h(f"{label}与文件数；虚线按前两个规模线性外推，实测点落在虚线之上即增长快于线性")
                out.append(f'<figure class="bench-chart">\n{svg}\n<figcaption>{caption}</figcaption>\n</figure>')
    notes = [str(n) for n in bench.get("notes") or []]
    if notes:
        out.append("## 说明 { #notes }")
        items = "\n".join(f"- {md(note)}" for note in notes)
        out.append(f'<div lang="en" markdown="1">\n\n{items}\n\n</div>')  # the notes are written in English
    return "\n\n".join(out) + "\n"
