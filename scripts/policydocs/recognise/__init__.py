"""Recognise structure: blocks of a repaired page -> documents and articles, with ids and spans.

Rules, in the order they apply, each in its module:

    page.py          one file, several items: where documents and articles start (document-title),
                     furniture printed after the body (title, headline, byline, pull quotes, notes)
    chrome.py        web and e-paper chrome (版面概览, 上一版, pagination headers) as editorial notes
    matter.py        front matter under a title and back matter after the body
    policy.py        parts and clauses of 意见, 通知, 方案 …, chapters and articles of laws
    numbering.py     the numbering checks, and the line a missed number was printed on
    news.py          a news report: lead, sections, headline, deck and byline
    paragraphs.py    paragraphs and sentences, with ids and spans
    excerpts.py      pull quotes: the runs of the body they repeat
    issued.py        a notice and the plan it issues, linked both ways
    continuation.py  a document continued on another page, joined once every page is read
"""

from .page import Recognised, recognise

__all__ = ["Recognised", "recognise"]
