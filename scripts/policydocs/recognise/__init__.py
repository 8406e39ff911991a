"""Recognise structure: blocks of a repaired page -> documents and articles, with ids and spans.

The rules run in the order of ``RULES`` (rules.py, where each is listed with what it does), each a
pure function over a record of what the rules before it found; their helpers are in:

    page.py          pages of a file, runs between page-jump markers, document titles (document-title)
    furniture.py     furniture printed after the body (title, headline, deck, byline, pull quotes)
    chrome.py        web and e-paper chrome (版面概览, 上一版, pagination headers), tables of contents
    matter.py        front matter under a title and back matter after the body
    policy.py        parts and clauses of 意见, 通知, 方案 …, chapters and articles of laws
    numbering.py     the numbering checks, and the line a missed number was printed on
    news.py          a news report: headline and byline over its text, lead and sections
    paragraphs.py    paragraphs and sentences, with ids and spans
    excerpts.py      pull quotes: the runs of the body they repeat
    issued.py        a notice and the plan it issues, linked both ways
    continuation.py  a document continued on another page, joined once every page is read
"""

from .rules import RULES, Recognised, recognise

__all__ = ["RULES", "Recognised", "recognise"]
