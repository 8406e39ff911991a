"""Pages left at old addresses: redirects for moved ids, notices for withdrawn documents."""

from __future__ import annotations

import json

from .escape import h
from .urls import html_path, relative


def redirect_map(page: str, moved: dict[str, str]) -> str:
    """A hidden map read by site.js: an old anchor on this page that now lives on another page."""
    targets = {anchor: html_path(relative(page, target)) for anchor, target in sorted(moved.items())}
    return f'<div class="moved-anchors" hidden data-moved="{h(json.dumps(targets, ensure_ascii=False))}"></div>\n'


def redirect_page(page: str, moved: dict[str, str], fallback: str) -> str:
    """A page that no longer exists: send each old anchor to where it went."""
    return (
        "---\ntitle: 本页已迁移\nsearch:\n  exclude: true\n---\n\n"
        "# 本页已迁移\n\n"
        f"本页内容已移到新的位置。如未自动跳转，请访问[新页面]({relative(page, fallback)})。\n\n"
        + redirect_map(page, moved)
        + f'<div class="moved-fallback" hidden data-target="{h(html_path(relative(page, fallback)))}"></div>\n'
    )


def withdrawn_page(title: str) -> str:
    return (
        "---\ntitle: 已撤下\nsearch:\n  exclude: true\n---\n\n"
        "# 本文件已撤下\n\n"
        f'<p class="withdrawn">{h(title)}的来源文件已从本站移除，本页不再提供其内容。'
        '请到<a href="../index.html">首页</a>查看现有文件。</p>\n'
    )
