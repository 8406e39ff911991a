"""Source text is data: escape it so that Markdown and HTML see only literal characters."""

from __future__ import annotations

import re
import string

#: Every ASCII punctuation character becomes a numeric character reference in Markdown text, so
#: no Markdown syntax (emphasis, links, lists, attribute lists, tables, code, maths) can form.
_MARKDOWN_ESCAPES = {ord(c): f"&#{ord(c)};" for c in string.punctuation}


#: For speed: most Chinese text holds no ASCII punctuation at all, and a search is cheaper than a translation.
_ASCII_PUNCTUATION = re.compile("[" + re.escape(string.punctuation) + "]")


def md(text: str) -> str:
    """Text for a Markdown paragraph or heading: shown literally, never interpreted."""
    return text.translate(_MARKDOWN_ESCAPES) if _ASCII_PUNCTUATION.search(text) else text


def h(text: str) -> str:
    """Text or attribute value inside raw HTML: & < > " ' as character references (what the
    standard library's html.escape writes, without importing the html package and its entity table)."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )
