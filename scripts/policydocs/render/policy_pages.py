"""Pages of a policy document: an overview, one page per part, and a full text for printing; a
short document (urls.on_one_page) is its overview alone, which shows every part and clause.

The overview holds what belongs to the document as a whole: its title, date and front matter
(``front-matter``: document number, addressee, note under the title), the documents it is linked
to (a notice and the plan it issues), the preamble, the contents (a long document) or its parts
and clauses (a short one), the closing paragraphs (``closing``, after the last clause) and the
back matter (``back-matter``: signature, date, （此件公开发布）, source, attachments). Ids are
listed in ids.py; every text is escaped.
"""

from __future__ import annotations

from .. import ids
from ..model import Clause, Document, Matter, Note, Paragraph, Part
from ..source import Span, spans_of
from . import blocks
from .cite import cite_box, cite_data, provenance, title_of
from .context import Context
from .escape import h, md
from .urls import full_page, html_path, on_one_page, overview_page, part_page, relative, source_link


def clause_locator(clause: Clause) -> str:
    return f"第{clause.label}条" if clause.kind == "clause" else clause.label


def part_locator(part: Part) -> str:
    return f"第{part.label.rstrip('、')}部分" if part.kind == "part" else part.label


def _source_link(page: str, span: Span) -> str:
    """The source file a node starts in (a document continued on another page has two)."""
    return source_link(page, span.path)


def _source_paths(document: Document) -> list[str]:
    return [span.path for span in spans_of(document.span)]


def _notes_after(document: Document, part: Part | None, one_page: bool = False) -> list[str]:
    """Notes that fall inside a part's lines, or (overview) all notes; on a document's one page
    (overview, one_page), those before its first part, the others being shown after their part."""
    notes = document.notes
    if part is not None or one_page:
        inline = {id(n) for notes in _inline_notes(document).values() for n in notes}
        notes = tuple(n for n in document.notes if _part_before(document, n.span) is part and id(n) not in inline)
    return [blocks.note(n, _continued(document, n)) for n in notes]


def _position(document: Document, path: str, line: int) -> tuple[int, int]:
    """Where a line is in reading order: its file's rank in the document, and its number."""
    files = [one.path for one in spans_of(document.span)]
    return (files.index(path) if path in files else 0, line)


def _inline_notes(document: Document) -> dict[str, tuple[Note, ...]]:
    """Jump notes that fall between two paragraphs of one clause (the clause goes on on another
    page, and was joined): shown there, by the id of the paragraph before them."""
    jumps = [n for n in document.notes if n.kind in ("page-end", "page-start")]
    out: dict[str, tuple[Note, ...]] = {}
    if len(spans_of(document.span)) < 2 and not any(_continued(document, n) for n in jumps):
        return out
    for clause in document.all_clauses:
        for before, after in zip(clause.paragraphs, clause.paragraphs[1:]):
            end = spans_of(before.span)[-1]
            low, high = _position(document, end.path, end.last), _position(document, after.span.path, after.span.first)
            found = tuple(n for n in jumps if low <= _position(document, n.span.path, n.span.first) <= high)
            if found and _continued(document, found[0]):
                out[before.id] = found
    return out


def _with_jump_notes(document: Document, paragraphs: tuple[Paragraph, ...], link: blocks.Linker) -> list[str]:
    inline = _inline_notes(document)
    out = []
    for paragraph in paragraphs:
        out.append(blocks.paragraph(paragraph, link))
        out.extend(blocks.note(n, True) for n in inline.get(paragraph.id, ()))
    return out


def _continued(document: Document, note: Note) -> bool:
    """A page-end note followed by the text it points to, or a page-start note after the text it
    continues: the document was joined across the pages (continuation.py)."""
    jumps = [n for n in document.notes if n.kind in ("page-end", "page-start")]
    if note not in jumps:
        return False
    index = jumps.index(note)
    if note.kind == "page-end":
        return index + 1 < len(jumps) and jumps[index + 1].kind == "page-start"
    return index > 0 and jumps[index - 1].kind == "page-end"


def _part_before(document: Document, span: Span) -> Part | None:
    """The last part that starts on or before a line (a note after the last clause is in it); the
    files of a document continued on another page come in reading order."""
    files = {one.path: rank for rank, one in enumerate(spans_of(document.span))}
    where = (files.get(span.path, 0), span.first)
    found = None
    for part in document.parts:
        if (files.get(part.span.path, 0), part.span.first) <= where:
            found = part
    return found


#: Labels of front and back matter lines, for screen readers and the full text.
MATTER_LABELS = {
    "number": "发文字号",
    "addressee": "主送机关",
    "title-note": "题注",
    "label": "附件标注",
    "contents": "目录",
    "signature": "落款",
    "date": "成文日期",
    "publication": "公开方式",
    "source": "来源",
    "attachment": "附件",
}
#: A date line printed before the body is not the date the document was signed (成文日期, after
#: the body): the document's own date is shown under its title; a second one is only a date.
FRONT_LABELS = MATTER_LABELS | {"date": "日期"}


def _text(text: str) -> str:
    """Text inside raw HTML: escaped, and with { as a reference so that no {#id} can be read off the page."""
    return h(text).replace("{", "&#123;")


def matter_block(lines: tuple[Matter, ...], container: str, label: str, with_ids: bool = True) -> str:
    """Front or back matter as printed, a line a paragraph; ids front-K / back-K (overview only)."""
    if not lines:
        return ""
    anchor = f' id="{h(container)}"' if with_ids else ""
    labels = FRONT_LABELS if container == ids.FRONT_MATTER else MATTER_LABELS
    out = [f'<div class="{h(container)}"{anchor} role="group" aria-label="{h(label)}">']
    for line in lines:
        anchor = f' id="{h(line.id)}"' if with_ids else ""
        out.append(
            f'<p class="matter matter-{h(line.kind)}"{anchor} title="{h(labels.get(line.kind, line.kind))}">'
            f"{_text(line.text)}</p>"
        )
    out.append("</div>")
    return "\n".join(out)


def _links(ctx: Context, page: str, document: Document) -> str:
    """The notice that issued this document, or the documents this notice issues."""
    found = []
    for link in document.links:
        other = ctx.items.get(link.slug)
        if other is None:
            continue
        title = other.name
        label = "印发的文件" if link.kind == "issues" else "印发通知"
        found.append(f"{label}：[《{md(title)}》]({relative(page, overview_page(other))})")
    if not found:
        return ""
    return "<br>\n".join(found) + "\n{: .doc-links }"


def _closing(document: Document, link: blocks.Linker) -> str:
    """Closing paragraphs, after the last clause: they speak for the whole document."""
    if not document.closing:
        return ""
    body = "\n\n".join(blocks.paragraphs(document.closing, link))
    return f'<div class="closing" id="{ids.CLOSING}" markdown>\n\n{body}\n\n</div>'


def overview(ctx: Context, document: Document) -> str:
    """The overview page; a document on one page (urls.on_one_page) shows every part and clause
    here, where a longer one lists them in its contents, linked to the parts' pages."""
    settings, link = ctx.settings, ctx.link
    page = overview_page(document)
    title = title_of(document)
    one_page = on_one_page(document, settings.one_page_below)
    out = [blocks.front_matter(title), blocks.source_comment(_source_paths(document)), f"# {md(title)} {{ #top }}"]
    if document.date:
        out.append(f'<p class="doc-date">{h(document.date.text)}</p>')
    out.append(matter_block(document.front_matter, ids.FRONT_MATTER, "发文信息"))
    out.append(_links(ctx, page, document))
    out.append(cite_box(settings, document, page, "top", None, document.span, _source_link(page, document.span)))
    for paragraph in document.preamble:
        out.append(blocks.paragraph(paragraph, link))
        out.extend(ctx.pull_quotes(page, document, {paragraph.id}))
    out.append(ctx.related_after(page, document.slug, [p.id for p in document.preamble]))
    if not one_page:
        out.append(_contents(document, page))
    out.extend(_clauses(ctx, document, document.clauses, page))
    if one_page:
        for p in document.parts:
            out.extend(_part_body(ctx, document, p, page, 2))
    out.append(_closing(document, link))
    out.append(matter_block(document.back_matter, ids.BACK_MATTER, "落款和附注"))
    data = f"[结构化数据（JSON）]({relative(page, f'data/{document.slug}.json')})"
    out.append(data if one_page else f"[全文（打印版）]({relative(page, full_page(document))}) · {data}")
    out.extend(_notes_after(document, None, one_page))
    out.append(cite_data(document))
    return "\n\n".join(x for x in out if x) + "\n"


def _contents(document: Document, page: str) -> str:
    """目录: the parts and their clauses, linked to the parts' pages, and what the overview holds."""
    toc = ["## 目录 { #contents }"]
    lines = []
    for part in document.parts:
        target = part_page(document, part.id)
        lines.append(f"- [{md(part.heading)}]({relative(page, target)})")
        for clause in part.clauses:
            heading = clause.heading.text if clause.heading else ""
            lines.append(f"    - [{md(clause.label + heading)}]({relative(page, target, clause.id)})")
    for clause in document.clauses:
        lines.append(f"- [{md(clause.label)}](#{clause.id})")
    if document.closing:
        lines.append(f"- [结尾段落](#{ids.CLOSING})")
    if document.back_matter:
        lines.append(f"- [落款和附注](#{ids.BACK_MATTER})")
    return "\n\n".join([*toc, "\n".join(lines)])


def _clauses(ctx: Context, document: Document, clauses: tuple[Clause, ...], page: str, level: int = 2) -> list[str]:
    settings, link = ctx.settings, ctx.link
    out = []
    for clause in clauses:
        text = clause.label + (clause.heading.text if clause.heading else "")
        out.append(blocks.heading(level, text, clause.id, "clause"))
        locator = clause_locator(clause)
        out.append(cite_box(settings, document, page, clause.id, locator, clause.span, _source_link(page, clause.span)))
        out.extend(_with_jump_notes(document, clause.paragraphs, link))
        out.extend(ctx.pull_quotes(page, document, {clause.id} | {p.id for p in clause.paragraphs}))
        out.append(f'<p class="provenance" data-search-exclude>来源：{h(provenance(clause.span))}</p>')
        out.append(ctx.related_block(page, document.slug, clause.id))
    return out


def part(ctx: Context, document: Document, p: Part) -> str:
    """A part's own page (a document too long for one page)."""
    page = part_page(document, p.id)
    title = title_of(document)
    out = [
        blocks.front_matter(p.heading),
        blocks.source_comment(_source_paths(document)),
        f'<p class="doc-title"><a href="{h(html_path(relative(page, overview_page(document))))}">{h(title)}</a></p>',
        *_part_body(ctx, document, p, page, 1),
        cite_data(document),
    ]
    return "\n\n".join(x for x in out if x) + "\n"


def _part_body(ctx: Context, document: Document, p: Part, page: str, level: int) -> list[str]:
    """A part's heading (at ``level``), cite box, own paragraphs, clauses (a level below) and notes."""
    settings, link = ctx.settings, ctx.link
    out = [
        blocks.heading(level, p.heading, p.id, "part"),
        cite_box(settings, document, page, p.id, part_locator(p), p.span, _source_link(page, p.span)),
    ]
    for paragraph in p.paragraphs:
        out.append(blocks.paragraph(paragraph, link))
        out.extend(ctx.pull_quotes(page, document, {paragraph.id}))
    out.append(ctx.related_after(page, document.slug, [paragraph.id for paragraph in p.paragraphs]))
    out.extend(_clauses(ctx, document, p.clauses, page, level + 1))
    out.extend(_notes_after(document, p))
    return out


def full_text(document: Document) -> str:
    """The whole document on one page, for printing; left out of the search index, and drawn with
    the theme's template override print.html (no navigation drawer: the parts' pages carry it)."""
    page = full_page(document)
    title = title_of(document)
    out = [
        blocks.front_matter(f"{title}（全文）", "search:\n  exclude: true\ntemplate: print.html\n"),
        blocks.source_comment(_source_paths(document)),
        f"# {md(title)} {{ #full-top .print-title }}",
    ]
    if document.date:
        out.append(f'<p class="doc-date">{h(document.date.text)}</p>')
    out.append(matter_block(document.front_matter, ids.FRONT_MATTER, "发文信息", with_ids=False))
    out.extend(_full_paragraphs(document.preamble))
    for p in document.parts:
        target = part_page(document, p.id)
        out.append(f"## [{md(p.heading)}]({relative(page, target)}) {{ #full-{p.id} .part }}")
        out.extend(_full_paragraphs(p.paragraphs))
        for clause in p.clauses:
            out.append(_full_clause(clause, relative(page, target, clause.id)))
    for clause in document.clauses:
        out.append(_full_clause(clause, relative(page, overview_page(document), clause.id)))
    out.extend(_full_paragraphs(document.closing))
    out.append(matter_block(document.back_matter, ids.BACK_MATTER, "落款和附注", with_ids=False))
    out.extend(_notes_after(document, None))
    return "\n\n".join(x for x in out if x) + "\n"


def _full_paragraphs(paragraphs) -> list[str]:  # type: ignore[no-untyped-def]
    return [md(p.text) for p in paragraphs]


def _full_clause(clause: Clause, href: str) -> str:
    heading = md(clause.heading.text) if clause.heading else ""
    body = [md(p.text) for p in clause.paragraphs]
    first = f"[**{md(clause.label)}{heading}**]({href})" + (body[0] if body else "")
    return "\n\n".join([first] + body[1:])
