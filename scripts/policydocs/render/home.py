"""The home page and the citation guide (引用说明)."""

from __future__ import annotations

from collections.abc import Mapping

from ..model import Article, Document, Page
from .cite import gbt7714, markdown_link
from .escape import h, md
from .policy_pages import clause_locator
from .urls import Settings, absolute, overview_page


def home(settings: Settings, pages: list[Page]) -> str:
    """The home page; the documents themselves are listed in the library (library.md), so that
    this page, like every other, does not grow with the library."""
    items = [item for page in pages for item in page.items]
    documents = sum(1 for item in items if isinstance(item, Document))
    count = (
        f"本站现收录政策文件 {documents} 份、新闻报道 {len(items) - documents} 篇，"
        "全部列在[文件库](library.md)中，可按年份、发文机关和文种筛选和排序。"
    )
    return (
        "\n\n".join(
            [
                "---\ntitle: 首页\n---\n",
                "<!-- 本页由 scripts/build.py 生成，请勿手工修改。Generated: do not edit. -->",
                f"# {md(settings.site_name)} {{ #top }}",
                "本站把报刊版面上的政策文件和相关报道整理成便于阅读、检索和引用的网页。"
                "每一部分、每一条、每一段乃至每一句都有固定的网址，可以直接引用。",
                "## 收录文件 { #documents }",
                count,
                "## 来源 { #sources }",
                "文本取自报纸版面的纯文本提取稿。提取稿按栏宽断行、在分栏处留有空行，标题、署名印在正文之后，"
                "版面上的摘录框重复正文的句子。本站按通用规则修复版面：拼接断行、恢复段落、把标题和署名归还原文、"
                "把摘录框识别为摘录而非正文。原文的每一个字都保留，不增不减；每一条都注明它来自来源文件的第几行。"
                "版面在文件中途以“下转”标记结束的，本站在该处加注说明，未收录的部分不作补充。",
                "## 检索 { #search }",
                "在页首的搜索框输入词语即可检索全部文件，结果直接打开相应条款并突出显示命中的词语。"
                "按 <kbd>/</kbd> 或 <kbd>S</kbd> 键可以直接把光标移到搜索框。",
                "## 引用 { #cite }",
                "每个部分、条款和小节旁都有“引用”框：其中有永久链接、GB/T 7714—2015 格式的参考文献和 Markdown 链接，"
                "各附“复制”按钮。详见[引用说明](cite.md)。",
                "## 离线阅读 { #offline }",
                '本站可以整体<a href="download/policy-docs-offline.zip">下载为压缩包</a>，'
                "解压后直接用浏览器打开 `index.html` 即可阅读、检索和跳转，"
                "不需要联网，页面也不会向站外发出任何请求。每个文件的结构化数据（JSON）见各文件概览页底部的链接。",
            ]
        )
        + "\n"
    )


def cite_guide(settings: Settings, pages: list[Page], where: Mapping[tuple[str, str], str]) -> str:
    """How to cite, with the citations of one clause (of the first document with a clause in a
    part) and of one news section (the first report): examples, not a list that grows with the
    library. where: the page that shows each node (urls.node_pages)."""
    clause_example: list[str] = []
    news_example: list[str] = []
    for page in pages:
        for item in page.items:
            if not clause_example and isinstance(item, Document) and item.parts:
                part = next((p for p in item.parts if p.clauses), None)
                if part:
                    clause = part.clauses[min(1, len(part.clauses) - 1)]  # the second, if there is one
                    url = absolute(settings, where[(item.slug, clause.id)], clause.id)
                    clause_example = [
                        f"- 条款 {md(clause.label)} 的永久链接：<code>{h(url)}</code>",
                        f"- GB/T 7714—2015：<code>{h(gbt7714(item, url, clause_locator(clause)))}</code>",
                        f"- Markdown：<code>{h(markdown_link(item, url, clause_locator(clause)))}</code>",
                    ]
            if not news_example and isinstance(item, Article) and item.sections:
                url = absolute(settings, overview_page(item), item.sections[0].id)
                news_example = [f"- 报道第一节的永久链接：<code>{h(url)}</code>"]
    examples = clause_example + news_example
    return (
        "\n\n".join(
            [
                "---\ntitle: 引用说明\n---\n",
                "<!-- 本页由 scripts/build.py 生成，请勿手工修改。Generated: do not edit. -->",
                "# 引用说明",
                "## 编号规则 { #ids }",
                "网址中的编号只取自文件本身的序号和位置，不取自文字内容，因此修订措辞不会改变链接：",
                "\n".join(
                    [
                        "- `part-N`：第 N 部分（“一、”为 `part-1`）；法规式文本的章为 `chapter-N`。",
                        "- `clause-N`：第 N 条（“（八）”为 `clause-8`），条款序号贯穿全文；"
                        "若每部分重新编号，则为 `part-M-clause-N`；法规式文本的条为 `article-N`。",
                        "- `…-pK`：所属条款、部分或小节的第 K 段，如 `clause-8-p1`；`preamble-pK` 为序言段落，"
                        "`lead-pK` 为报道导语段落。",
                        "- `…-pK-sJ`：该段第 J 句，如 `clause-8-p1-s2`。",
                        "- `section-N`：报道的第 N 节；`quote-N`：版面摘录；`note-N`：编者注。",
                        "- `front-K`：标题下发文信息（发文字号、主送机关、题注）的第 K 行；"
                        "`back-K`：正文后落款、成文日期、公开方式、来源和附件的第 K 行；"
                        "`closing-pK`：最后一条之后、属于全文而不属于某一条的结尾段落（如“本意见自印发之日起施行”）。"
                        "这些内容都在文件的概览页上。",
                        "- 法规式文本条内的（一）（二）项不单独编号，作为该条的段落 `article-N-pK`。",
                    ]
                ),
                "文件的网址前缀是它的简称（slug），由文件本身的标识得出：有发文字号的用字号的拼音，"
                "如国发〔2024〕3号为 `guofa-2024-3`、国务院令第777号为 `guowuyuanling-777`；"
                "没有字号的用“文种-日期-简短标题拼音”；新闻报道用报道日期（如有）和标题拼音。"
                "已经发布的简称不再改变，如 `opinions-2025-08-15`。",
                "## 永久链接 { #permalinks }",
                "已发布的编号登记在仓库的 `data/permalinks.json` 中。构建时如果某个已登记的编号会消失或换页，"
                "构建即失败并指出该编号；确需调整时须显式更新登记，换页的编号会留下跳转。来源文件被移除的文件，"
                "原网址显示“已撤下”说明，而不是 404。",
                "## 示例 { #examples }",
                "\n".join(examples),
                "参考文献中的“引用日期”在页面打开时自动填为当天日期。",
            ]
        )
        + "\n"
    )
