"""Human labels for nodes, from the model: 第（八）条, 第二部分, 报道第2节, 导语第1段 …"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Clause, Document, Item, Part, Section
from ..patterns import to_chinese_number
from ..walk import units


def short_title(item: Item) -> str:
    if isinstance(item, Document):
        return f"《{item.name}》"
    return f"报道《{item.headline.text}》" if item.headline else "报道"


Labels = dict[tuple[str, str], str]  # (slug, id) -> its label


def _number(kind: str, number: int) -> str:
    if kind == "part":
        return f"第{to_chinese_number(number)}部分"
    if kind == "chapter":
        return f"第{to_chinese_number(number)}章"
    if kind == "clause":
        return f"第（{to_chinese_number(number)}）条"
    return f"第{to_chinese_number(number)}条"  # an article of a law


#: What the paragraphs of an item's own units are called: 序言第1段, 结尾第1段, 导语第2段.
_OWN = {"preamble": "序言", "closing": "结尾", "lead": "导语"}


def node_labels(items: Iterable[Item]) -> Labels:
    """A label for every unit of each item and for their paragraphs, from the model (walk.units):
    第（八）条, 第三部分, 第三部分第1段, 第三部分第（一）条 (numbering restarting in each part), 第2节,
    第2节第3段, 导语第2段. A clause's paragraphs are cited by the clause."""
    labels: Labels = {}
    for item in items:
        parts: dict[str, str] = {}
        counts: dict[str, int] = {}
        for unit in units(item):
            node = unit.node
            if isinstance(node, Part):
                label = parts[node.id] = _number(node.kind, node.number)
                paragraph_label = label
            elif isinstance(node, Clause):
                inside = unit.part if unit.part and node.id.startswith(f"{unit.part}-") else None
                label = (parts[inside] if inside else "") + _number(node.kind, node.number)
                paragraph_label = None
            elif isinstance(node, Section):
                label = paragraph_label = f"第{node.number}节"
            else:
                counts[unit.kind] = counts.get(unit.kind, 0) + 1
                labels[(item.slug, unit.anchor)] = f"{_OWN[unit.kind]}第{counts[unit.kind]}段"
                continue
            labels[(item.slug, unit.anchor)] = label
            for index, paragraph in enumerate(unit.paragraphs, 1):
                own = f"{paragraph_label}第{index}段" if paragraph_label else label
                labels[(item.slug, paragraph.id)] = own
    return labels


def anchor_label(labels: Labels, item: Item, anchor: str) -> str:
    """The label of a node of an item (the anchor itself for one the walk does not reach)."""
    return labels.get((item.slug, anchor), anchor)


def full_label(labels: Labels, item: Item, anchor: str, home_slug: str | None = None) -> str:
    """The label, prefixed with the document's title when it lies in another document."""
    label = anchor_label(labels, item, anchor)
    return label if home_slug == item.slug else f"{short_title(item)}{label}"
