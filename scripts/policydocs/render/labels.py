"""Human labels for anchors: 第（八）条, 第二部分, 报道第2节, 导语第1段 …"""

from __future__ import annotations

import re

from ..model import Document, Item
from ..patterns import to_chinese_number


def short_title(item: Item) -> str:
    if isinstance(item, Document):
        return f"《{item.name}》"
    return f"报道《{item.headline.text}》" if item.headline else "报道"


#: Anchors of numbering restarting in each part (part-3-clause-1), and a paragraph number (lead-p2).
_RESTARTED = re.compile(r"^(part|chapter)-(\d+)-(clause|article)-(\d+)")
_PARAGRAPH = re.compile(r"(?:^|-)p(\d+)")


def anchor_label(item: Item, anchor: str) -> str:
    """A label for a node of an item, from its id (ids come from numbering, so this is exact)."""
    restarted = _RESTARTED.match(anchor)
    if restarted:  # numbering restarting in each part: part-3-clause-1
        outer = anchor_label(item, f"{restarted[1]}-{restarted[2]}")
        return outer + anchor_label(item, anchor[len(restarted[1]) + len(restarted[2]) + 2 :])
    kind, _, rest = anchor.partition("-")
    number = rest.split("-")[0]
    found = _PARAGRAPH.search(rest)  # lead-p2, part-3-p1
    paragraph = found[1] if found else ""
    if kind in ("clause", "article") and number.isdigit():
        return (
            f"第（{to_chinese_number(int(number))}）条" if kind == "clause" else f"第{to_chinese_number(int(number))}条"
        )
    if kind in ("part", "chapter") and number.isdigit():
        unit = "部分" if kind == "part" else "章"
        label = f"第{to_chinese_number(int(number))}{unit}"
        return label + (f"第{paragraph}段" if paragraph else "")
    if kind == "section" and number.isdigit():
        return f"第{number}节" + (f"第{paragraph}段" if paragraph else "")
    if kind == "lead":
        return "导语" + (f"第{paragraph}段" if paragraph else "")
    if kind == "preamble":
        return "序言" + (f"第{paragraph}段" if paragraph else "")
    if kind == "closing":
        return "结尾" + (f"第{paragraph}段" if paragraph else "")
    return anchor


def full_label(item: Item, anchor: str, home_slug: str | None = None) -> str:
    """The label, prefixed with the document's title when it lies in another document."""
    label = anchor_label(item, anchor)
    return label if home_slug == item.slug else f"{short_title(item)}{label}"
