"""Shared text patterns: sentence ends, numbering, dates, page-jump markers."""

from __future__ import annotations

import datetime
import re

CN_DIGITS = "零〇一二三四五六七八九十百千两"
NUM = rf"[{CN_DIGITS}]+|\d+"

#: A note in parentheses closing a paragraph after its last sentence, naming who carries it out:
#: …加快推进项目落地。（国家发展改革委、财政部负责）, （自然资源部指导）.
_CLOSING_NOTE = r"(?:[（(][^（）()]{1,60}[）)])?"
#: Characters after which a sentence may end, and closers that may follow them (and a closing note).
SENTENCE_END = re.compile(rf"[。！？!?…]+[”’」』）)】》]*{_CLOSING_NOTE}$")
#: Punctuation a paragraph or a list item of a web copy may end with (a sentence end, ； or ：).
LINE_END = re.compile(rf"[。！？!?…；;：:]+[”’」』）)】》]*{_CLOSING_NOTE}$")
#: The end of a sentence inside a paragraph: 。！？ with the closing quote or bracket after it, or
#: with no further 。！？ or closer after it. A split point between sentences is where one ends.
SENTENCE_SPLIT = re.compile(r"[。！？!?](?:[”’」』）)】》]|(?![。！？!?”’」』）)】》]))")
#: Punctuation that only running prose contains (headings, titles and bylines have none).
PROSE_PUNCT = re.compile(r"[，、；。！？：,;!?]")

PART_HEADING = re.compile(rf"^(?P<num>[{CN_DIGITS}]+)、(?P<title>[^，。；！？]{{1,40}})$")
#: A part heading in two halves, or with 、 and quotation marks (三、深化体制机制改革，激发城市发展活力):
#: a line of its own, no sentence in it, nothing closing it as text (。；：).
LONG_PART_HEADING = re.compile(rf"^(?P<num>[{CN_DIGITS}]+)、(?P<title>[^。；！？!?;：:]{{1,60}}(?<![，,、]))$")
#: A clause heading alone on its line, maybe in two halves (（三）推动“政府引导、市场运作”的机制落地见效).
CLAUSE_HEADING_LINE = re.compile(rf"^[（(][{CN_DIGITS}]+[）)][\s\u3000]*[^。；！？!?;：:]{{1,60}}(?<![，,、])$")
CHAPTER_HEADING = re.compile(rf"^第(?P<num>{NUM})章\s*(?P<title>.{{0,40}})$")
#: A part heading run into its text, as notices number their paragraphs: 一、扩大服务供给。各地要….
RUN_IN_PART = re.compile(rf"^(?P<num>[{CN_DIGITS}]+)、(?P<title>[^，。；！？：,;!?:]{{1,30}}[。！？!?])(?=\S)")
#: （一）, or (一) in a copy with half-width punctuation.
CLAUSE_START = re.compile(rf"^(?P<label>[（(](?P<num>[{CN_DIGITS}]+)[）)])")
ARTICLE_START = re.compile(rf"^(?P<label>第(?P<num>{NUM})条)[\s\u3000]*")
#: A numbered heading or item: 一、 （一） (一) 第一章 1. ; a decimal such as 3.6万 is not a number label.
NUMBERED_START = re.compile(
    rf"^(?:[{CN_DIGITS}]+、|（[{CN_DIGITS}]+）|\([{CN_DIGITS}]+\)|第(?:{NUM})[章节条编]|\d+[.．、](?!\d))"
)
DATE_LINE = re.compile(r"^[（(](?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日[^（）()]{0,20}[）)]$")
#: Words of a page-jump marker: the text goes on on another page (下转, 转, 转至, 详见 "see page N"),
#: or it comes from one (上接, 接).
_JUMP_ON = "下转|转至|转|详见|续见"
_JUMP_FROM = "上接|接|续接"
#: A page's number in a jump marker: 第六版, 六版, 01版, 第8版, A3版.
_JUMP_PAGE = rf"第?(?:{NUM}|[A-Z]\d{{1,2}})版"
#: A page-jump marker ending a line: （下转第六版）, （上接第一版）, （转第8版）, 上接01版, 详见四版▶.
#: Without brackets it needs a line of its own, or a sentence end before it.
JUMP_MARKER = re.compile(
    rf"(?:[（(](?:{_JUMP_ON}|{_JUMP_FROM}){_JUMP_PAGE}[）)]|(?:(?<=^)|(?<=[。！？”]))(?:{_JUMP_ON}|{_JUMP_FROM}){_JUMP_PAGE}[▶►→]?)$"
)
#: A jump marker that ends the text on this page: "continued on page N" (not 上接, "continued from").
PAGE_END_MARKER = re.compile(rf"[（(]?(?:{_JUMP_ON}){_JUMP_PAGE}[）)]?[▶►→]?")
#: A jump marker that opens the text on this page: "continued from page N" (上接第一版, 上接01版).
PAGE_START_MARKER = re.compile(rf"[（(]?(?:{_JUMP_FROM}){_JUMP_PAGE}[）)]?")
#: A bullet opening a head, a byline or a list item: ■ 补齐网点短板.
BULLET = "[■□●○◆◇▲△★☆▶►•]"
DECK_END = re.compile(r"(?:——|—|──)$")

# --- front and back matter (see matter.py) -------------------------------------------------

#: Genre words a document title ends with (its kind: 意见, 通知, 条例 …), longest first.
GENRE_WORDS = (
    "指导意见", "实施意见", "实施方案", "实施细则", "若干措施", "工作方案", "行动方案", "行动计划",
    "意见", "通知", "通告", "公告", "决定", "决议", "方案", "办法", "规定", "规则", "细则", "条例",
    "规划", "纲要", "计划", "措施", "指引", "指南", "批复", "命令", "法",
)  # fmt: skip
#: A title ends with a genre word, maybe followed by a bracketed qualifier: 办法（试行）. A law's
#: 法 is not the 法 of 方法, 做法, 执法 ….
TITLE_END = re.compile(
    rf"(?:{'|'.join(w for w in GENRE_WORDS if w != '法')}|(?<![方做说看想手用执违依合守普书司立])法)"
    r"(?:[（(][^（）()]{1,12}[）)])?$"
)
#: Punctuation a title line never has (、《》“” and spaces it may have).
NOT_IN_TITLE = re.compile(r"[，。；！？：,;!?:]")
#: A document number: 国发〔2019〕5号, 京政办发[2020]3号, 国办函（2023）121号.
DOC_NUMBER = re.compile(r"^\S{1,16}[〔［\[【（(]\d{4}[〕］\]】）)]\d{1,5}号$")
#: An addressee line: the bodies addressed, ending in a colon (各省、自治区…，国务院各部委、各直属机构：).
ADDRESSEE = re.compile(
    r"^(?:各|[^。！？；]{0,80}?(?:人民政府|政府|部门|部委|机构|单位|党委|党组|委员会|厅|局|委|办|院|部|公司|企业|学校))"
    r"[^。！？；]{0,120}[：:]$"
)
#: A line in parentheses (a note under a title: （试行）, （2019年3月15日…通过）).
PARENTHESISED = re.compile(r"^[（(](?P<inner>.+)[）)]$")
#: A date with no parentheses, in Arabic or Chinese numerals: 2024年5月20日, 二〇二四年五月二十日.
BARE_DATE = re.compile(
    rf"^(?P<y>\d{{4}}|[{CN_DIGITS}]{{4}})\s*年\s*(?P<m>\d{{1,2}}|[{CN_DIGITS}]{{1,3}})\s*月"
    rf"\s*(?P<d>\d{{1,2}}|[{CN_DIGITS}]{{1,3}})\s*日$"
)
#: A leading date inside a note: （2019年3月15日第十三届全国人民代表大会第二次会议通过…）.
LEADING_DATE = re.compile(r"^[（(](?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
#: （此件公开发布）, （此件有删减）.
PUBLICATION = re.compile(r"^[（(]此件[^（）()]{1,12}[）)]$")
#: （来源：新华社）, 来源：中国政府网.
SOURCE_NOTE = re.compile(r"^[（(]?(?:来源|稿件来源|文章来源|信息来源)[：:][^（）()]{1,40}[）)]?$")
#: An attachment line: 附件1：…, 附件：…, 附件 (an attached document follows).
ATTACHMENT = re.compile(rf"^附件\s*(?:\d+|[{CN_DIGITS}]+)?(?:[：:].*)?$")
#: A further item of an attachment list: 2．城市社区服务设施配置标准.
ATTACHMENT_ITEM = re.compile(r"^\d{1,2}[.．、]\s*\S.{0,60}$")
#: Issuing bodies a signature line names (国务院办公厅, 某市人民政府, 国家发展改革委).
ISSUER_END = re.compile(
    r"(?:中共中央|国务院|办公厅|办公室|人民政府|政府|委员会|常委会|部|局|厅|署|院|委|办|会|室|中心)$"
)
#: A paragraph about the whole document, naming it 本意见, 本办法 …: when it takes effect, who interprets it.
SELF_REFERENCE = re.compile(
    rf"^(?:本|此)(?:{'|'.join(GENRE_WORDS)})(?:[^。]{{0,30}}(?:施行|实施|执行|生效|负责解释|废止|为准)|自|由|所称|未尽)"
)
#: A paragraph addressed to everyone who carries the document out: 各地区各部门要…, 请…认真贯彻执行.
ADDRESS_FORMULA = re.compile(
    r"^(?:各(?:地区|地方|省|级|地|有关|部门|单位)[^。]{0,20}?(?:要|应当|应|须|务必)|请[^。]{0,30}(?:贯彻|执行|落实|遵照))"
)


def parse_date(match: re.Match[str]) -> tuple[int, int, int] | None:
    """(year, month, day) of a DATE_LINE, BARE_DATE or LEADING_DATE match; None if it is no date."""
    try:
        year = match["y"]
        y = int(year) if year.isdigit() else int("".join(str(chinese_number(c)) for c in year))
        m, d = chinese_number(match["m"]), chinese_number(match["d"])
        datetime.date(y, m, d)  # a day the calendar has (not 2月30日)
    except ValueError:
        return None
    return (y, m, d)


def iso_date(text: str) -> str | None:
    """2024-05-20 for a date line （2024年5月20日）, a bare date or a note opening with a date."""
    for pattern in (DATE_LINE, BARE_DATE, LEADING_DATE):
        match = pattern.match(text)
        if match:
            date = parse_date(match)
            return f"{date[0]:04d}-{date[1]:02d}-{date[2]:02d}" if date else None
    return None


def is_standalone_line(text: str) -> bool:
    """A line that is a unit of its own, never part of a running sentence: a line in parentheses
    (a note under a title, （此件公开发布）), a document number, a bare date, an attachment or a
    source line."""
    return bool(
        (PARENTHESISED.match(text) and not NUMBERED_START.match(text))
        or (text.endswith("号") and DOC_NUMBER.match(text))  # the last character first: quicker to rule out
        or BARE_DATE.match(text)
        or SOURCE_NOTE.match(text)
        or (ATTACHMENT.match(text) and not SENTENCE_END.search(text))
    )


#: Words of e-paper navigation (see chrome.py).
NAVIGATION = re.compile(
    r"版面概览|版面导航|上一版|下一版|上一篇|下一篇|返回目录|返回首页|返回上页|返回顶部|打印本页|关闭窗口|"
    r"打印|关闭|收藏|分享到|分享"
)
#: A page label of an e-paper (第03版：城市, 03版：要闻, A2版) and the bars of a web page (当前位置：
#: 首页 > 政策文件, 字号：大 中 小).
PAGE_LABEL = re.compile(
    r"^(?:第?\s*(?:\d{1,3}|[A-Z]\d{1,2})\s*版(?:[：:]\s*\S{1,12})?|当前位置[：:].{1,40}|字号[：:][\s大中小]+)$"
)
#: What may stand between navigation words: brackets, bars and spaces (【打印本页】【关闭窗口】).
_NAVIGATION_GAPS = " \u3000\u00a0【】[]|｜/"


def is_chrome_line(text: str) -> bool:
    """A line of e-paper or web page navigation only (版面概览, 上一版　下一版, 第03版：城市, 返回目录,
    【打印本页】【关闭窗口】, 当前位置：首页 > 政策文件)."""
    if len(text) > 50 or not any(char in text for char in "版篇返打关位号收分"):  # quick: most lines have none
        return False
    rest = NAVIGATION.sub("", text)
    return (rest != text and not rest.strip(_NAVIGATION_GAPS)) or bool(PAGE_LABEL.match(text))


def is_title_line(text: str) -> bool:
    """A line a title may have: short, no prose punctuation but 、, not numbered, not a date."""
    return (
        0 < len(text) <= 60
        and not NOT_IN_TITLE.search(text)
        and not NUMBERED_START.match(text)
        and not DATE_LINE.match(text)
        and not BARE_DATE.match(text)
        and not PARENTHESISED.match(text)
        and not JUMP_MARKER.search(text)
    )


def heading_like(text: str) -> bool:
    """A numbered line that may be a heading although it has a comma, 、 or quotation marks in it:
    三、深化体制机制改革，激发城市发展活力, （三）推动“政府引导、市场运作”的机制落地见效."""
    return bool(LONG_PART_HEADING.match(text) or CLAUSE_HEADING_LINE.match(text))


def ends_title(text: str) -> bool:
    """A title's last line ends with a genre word (…的意见, …条例, …办法（试行）)."""
    return bool(TITLE_END.search(text))


#: Single CJK characters with spaces between them: a title letter-spaced in print.
_LETTER_SPACED = re.compile(r"^[\u3400-\u9fff](?:\s+[\u3400-\u9fff])+$")


def squeeze(text: str) -> str:
    """The text without its whitespace (as str.split finds it): what is compared when spacing and
    line breaks may differ (pull quotes and the body, a fixture and its model)."""
    return "".join(text.split())


def unspaced(text: str) -> str:
    """A title letter-spaced in print (总　　则, 附　则) without the spaces; other text unchanged."""
    return squeeze(text) if _LETTER_SPACED.match(text) else text


def ends_sentence(text: str) -> bool:
    return bool(SENTENCE_END.search(text))


def is_prose(text: str) -> bool:
    return bool(PROSE_PUNCT.search(text))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Offsets (start, end) of the sentences of a paragraph; nothing is dropped."""
    if not text:
        return []
    ends = [match.end() for match in SENTENCE_SPLIT.finditer(text)]  # rising, none at 0 (no match is empty)
    if not ends or ends[-1] != len(text):
        ends.append(len(text))
    return list(zip([0, *ends], ends))


_UNITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_number(text: str) -> int:
    """Value of a Chinese numeral such as 二十三 or 一百零五, or of Arabic digits."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for char in text:
        if char in _UNITS:
            current = _UNITS[char]
        elif char in "十百千":
            scale = {"十": 10, "百": 100, "千": 1000}[char]
            total += (current or 1) * scale
            current = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text}")
    return total + current


def to_chinese_number(n: int) -> str:
    """Inverse of chinese_number for 1..999 (used to print clause labels like （二十））."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n - 10] if n > 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    rest = n % 100
    head = digits[n // 100] + "百"
    if rest == 0:
        return head
    if rest < 10:
        return head + "零" + digits[rest]
    return head + (to_chinese_number(rest) if rest >= 20 else "一" + to_chinese_number(rest))
