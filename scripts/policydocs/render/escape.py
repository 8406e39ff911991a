"""Source text is data: escape it so that Markdown and HTML see only literal characters."""

from __future__ import annotations

import re
import string
from html import escape as h  # text or attribute values in raw HTML: & < > " ' as references

__all__ = ["comment", "h", "md"]

#: Every ASCII punctuation character becomes a numeric character reference in Markdown text, so
#: no Markdown syntax (emphasis, links, lists, attribute lists, tables, code, maths) can form.
_MARKDOWN_ESCAPES = {ord(c): f"&#{ord(c)};" for c in string.punctuation}


#: For speed: most Chinese text holds no ASCII punctuation at all, and a search is cheaper than a translation.
_ASCII_PUNCTUATION = re.compile("[" + re.escape(string.punctuation) + "]")


def md(text: str) -> str:
    """Text for a Markdown paragraph or heading: shown literally, never interpreted."""
    return text.translate(_MARKDOWN_ESCAPES) if _ASCII_PUNCTUATION.search(text) else text


def comment(text: str) -> str:
    """An HTML comment holding text as data: nothing in it can end the comment early."""
    return "<!-- " + h(text).replace("--", "-&#45;") + " -->"
