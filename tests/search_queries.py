"""Query sets for search, by kind, with the clause each should find (site path#anchor). Shared
by tests/test_search.py and scripts/bench_search.py. Written from the seed's text as readers
would type, not from what the engine does.

- EXACT: words and phrases as printed, quoted phrases, two words, jumps, pinyin, words found
  nowhere (None: nothing is found).
- APART: words that stand apart in the text (停车位建设 for 加强停车位、充电桩等便民设施建设),
  and queries whose pieces are not all there (None).
- TRADITIONAL: typed in traditional characters (or Taiwan forms, or corner quotes).
- INPUT_METHOD: (pinyin composed, text committed, clause) for a query typed through an input
  method; PASTED: text pasted into the box.
"""

from __future__ import annotations

from typing import NamedTuple

OPINIONS = "opinions-2025-08-15/"
REPORT = "news-zhong-cheng-lv-zhi-dan-dang-jie-cheng-hui-gong/index.html"  # news-1e6d6d37 redirects here

#: (query, expected first result as site path#anchor, or None: nothing is found)
QUERIES: list[tuple[str, str | None]] = [
    # Words and phrases from the Opinions, typed without spaces.
    ("城中村", OPINIONS + "part-4.html#clause-8"),
    ("平急两用", OPINIONS + "part-6.html#clause-17"),
    ("两用", OPINIONS + "part-6.html#clause-17"),
    ("口袋公园", OPINIONS + "part-5.html#clause-13"),
    ("好房子", OPINIONS + "part-4.html#clause-8"),
    ("完整社区", OPINIONS + "part-4.html#clause-8"),
    ("城市体检", OPINIONS + "part-4.html#clause-8"),
    ("城市更新", OPINIONS + "part-4.html#clause-8"),
    ("新质生产力", OPINIONS + "part-3.html#clause-4"),
    ("银发经济", OPINIONS + "part-3.html#clause-4"),
    ("低空经济", OPINIONS + "part-3.html#clause-4"),
    ("创新财政金融政策工具", OPINIONS + "part-3.html#clause-6"),
    ("生命线安全工程", OPINIONS + "part-6.html#clause-14"),
    ("地下综合管廊", OPINIONS + "part-4.html#clause-9"),
    ("紧密型医联体", OPINIONS + "part-4.html#clause-10"),
    ("保障性住房", OPINIONS + "part-4.html#clause-10"),
    ("光盘行动", OPINIONS + "part-5.html#clause-12"),
    ("节水型城市", OPINIONS + "part-5.html#clause-12"),
    ("幸福河湖", OPINIONS + "part-5.html#clause-13"),
    ("预制板", OPINIONS + "part-6.html#clause-14"),
    ("群租房", OPINIONS + "part-6.html#clause-14"),
    ("巨灾", OPINIONS + "part-6.html#clause-17"),
    ("历史文化名城", OPINIONS + "part-7.html#clause-18"),
    ("老地名", OPINIONS + "part-7.html#clause-19"),
    ("核心价值观", OPINIONS + "part-7.html#clause-20"),
    ("双城经济圈", OPINIONS + "part-2.html#clause-1"),
    ("省域副中心城市", OPINIONS + "part-2.html#clause-2"),
    ("县域经济", OPINIONS + "part-2.html#clause-3"),
    ("5G", OPINIONS + "part-4.html#clause-9"),
    ("千兆光网", OPINIONS + "part-4.html#clause-9"),
    ("托幼一体", OPINIONS + "part-4.html#clause-10"),
    ("下转第六版", OPINIONS + "index.html#top"),
    ("2025年8月15日", OPINIONS + "index.html#top"),
    # Words and phrases from the report.
    ("12351", REPORT + "#section-4"),
    ("齐鲁工惠", REPORT + "#section-4"),
    ("塔基工程", REPORT + "#section-3"),
    ("点线面", REPORT + "#section-2"),
    ("繁星工程", REPORT + "#section-1"),
    ("红色公交", REPORT + "#section-1"),
    ("我从一线来 登台展风采", REPORT + "#section-1"),
    ("县级工会加强年", REPORT + "#section-2"),
    ("齐鲁大工匠", REPORT + "#section-3"),
    ("鲁菜师傅", REPORT + "#section-3"),
    ("法治体检", REPORT + "#section-4"),
    ("一函两书", REPORT + "#section-4"),
    ("协商+调解", REPORT + "#section-4"),
    ("海员之家", REPORT + "#section-4"),
    ("仙境海岸", REPORT + "#section-4"),
    ("工会妈妈小屋", REPORT + "#section-4"),
    ("钟嘉琳", REPORT + "#top"),
    ("竭诚惠工暖心", REPORT + "#top"),
    # Quoted phrases and two words with a space.
    ('"城中村"', OPINIONS + "part-4.html#clause-8"),
    ("“平急两用”", OPINIONS + "part-6.html#clause-17"),
    ("城中村 危旧房", OPINIONS + "part-4.html#clause-8"),
    ("口袋公园 绿道", OPINIONS + "part-5.html#clause-13"),
    ("12351 满意度", REPORT + "#section-4"),
    ("劳模 宣讲", REPORT + "#section-1"),
    # Jumps to a provision.
    ("第八条", OPINIONS + "part-4.html#clause-8"),
    ("（八）", OPINIONS + "part-4.html#clause-8"),
    ("第8条", OPINIONS + "part-4.html#clause-8"),
    ("8", OPINIONS + "part-4.html#clause-8"),
    ("第十七条", OPINIONS + "part-6.html#clause-17"),
    ("第二十条", OPINIONS + "part-7.html#clause-20"),
    ("第三部分", OPINIONS + "part-3.html#part-3"),
    ("第2节", REPORT + "#section-2"),
    # Glossary terms by pinyin.
    ("pingji liangyong", "glossary.html#dual-use-facilities"),
    ("pingjiliangyong", "glossary.html#dual-use-facilities"),
    ("chengzhongcun", "glossary.html#urban-villages"),
    ("koudai gongyuan", "glossary.html#pocket-parks"),
    ("yinfa jingji", "glossary.html#silver-economy"),
    # Found nowhere.
    ("火星基地", None),
    ("城中村 火星", None),
    ("zzzqqq", None),
]


class Forgiving(NamedTuple):
    """A query, the clause it should find in the first five results, and the first result when a
    closer match than that clause stands in the text (else the clause itself)."""

    query: str
    expected: str | None
    first: str | None = None

    @property
    def expected_first(self) -> str | None:
        return self.first or self.expected


P2, P3, P4 = OPINIONS + "part-2.html", OPINIONS + "part-3.html", OPINIONS + "part-4.html"
P5, P6, P7 = OPINIONS + "part-5.html", OPINIONS + "part-6.html", OPINIONS + "part-7.html"

APART: list[Forgiving] = [
    Forgiving("停车位建设", P4 + "#clause-9"),  # 加强停车位、充电桩等便民设施建设
    # 推进应急抢险救灾装备及物资前置储备; clause （十六） says 加强应急医疗物资储备, closer
    Forgiving("应急物资储备", P6 + "#clause-17", first=P6 + "#clause-16"),
    Forgiving("老旧厂房改造", P3 + "#clause-5"),  # 改造利用老旧厂房
    Forgiving("地下管网改造", P4 + "#clause-9"),  # 城市地下管线管网建设改造
    Forgiving("垃圾分类回收", P5 + "#clause-12"),  # 生活垃圾分类，推动分类网点与再生资源回收网点
    Forgiving("污水管网覆盖", P5 + "#clause-13"),  # 生活污水管网全覆盖
    Forgiving("医疗资源下沉", P4 + "#clause-10"),  # 优质医疗资源扩容下沉
    Forgiving("历史街区调查", P7 + "#clause-18"),  # 老城及其历史街区专项调查
    Forgiving("劳模宣讲", REPORT + "#section-1"),  # 劳模工匠“百人宣讲团”
    Forgiving("建筑垃圾利用", P5 + "#clause-13"),  # 建筑垃圾资源化利用
    Forgiving("噪声污染治理", P5 + "#clause-13"),  # 城市噪声污染、餐饮油烟治理
    Forgiving("超高层建筑限制", P6 + "#clause-14"),  # 严格限制超高层建筑
    Forgiving("困难职工帮扶", REPORT + "#section-4"),  # 帮扶服务用心用情……建档困难职工救助
    Forgiving("智能制造技能竞赛", REPORT + "#section-3"),  # 智能制造行业职业技能竞赛
    Forgiving("消防安全隐患排查", P6 + "#clause-15"),  # 消防安全等为重点……隐患排查整治
    Forgiving("传染病医院", P6 + "#clause-16"),  # 传染病定点医院
    Forgiving("城市排水能力", P6 + "#clause-17"),  # 提升城市排水防涝能力
    Forgiving("职工创新基地", REPORT + "#section-3"),  # 职工创新创效基地
    Forgiving("房屋安全保险", P6 + "#clause-14"),  # 房屋质量安全保险
    Forgiving("劳动争议调解", REPORT + "#section-4"),  # 调解劳动争议
    Forgiving("养老服务普惠", P4 + "#clause-10"),  # 普惠养老服务
    Forgiving("住房公积金灵活就业", P4 + "#clause-10"),  # 灵活就业人员参加住房公积金制度
    Forgiving("文物保护利用", P7 + "#clause-18"),  # 文物资源保护管理利用
    Forgiving("职工疗养", REPORT + "#section-4"),  # 职工疗休养: 疗养 is not in the text as typed
    Forgiving("城中村完整社区", P4 + "#clause-8"),  # two terms of one clause, typed as one word
    Forgiving("5G网络覆盖", P4 + "#clause-9"),  # 移动通信网络（5G）、千兆光网覆盖
    Forgiving("停车位的建设", P4 + "#clause-9"),  # a connecting word the text leaves out
    Forgiving("老旧小区的改造", P4 + "#clause-8"),  # 持续推动城镇老旧小区改造
    # Pieces not all in the text: nothing, not noise.
    Forgiving("足球比赛", None),
    Forgiving("海底隧道建设", None),
    Forgiving("量子通信网络", None),
    Forgiving("月球基地建设", None),
    # A word and a stray character: nothing either.
    Forgiving("城市村", None),
    Forgiving("职工车", None),
]

TRADITIONAL: list[Forgiving] = [
    Forgiving("城市體檢", P4 + "#clause-8"),
    Forgiving("完整社區", P4 + "#clause-8"),
    Forgiving("銀髮經濟", P3 + "#clause-4"),
    Forgiving("平急兩用", P6 + "#clause-17"),
    Forgiving("口袋公園", P5 + "#clause-13"),
    Forgiving("生命線安全工程", P6 + "#clause-14"),
    Forgiving("齊魯工惠", REPORT + "#section-4"),
    Forgiving("歷史文化名城", P7 + "#clause-18"),
    Forgiving("新質生產力", P3 + "#clause-4"),
    Forgiving("地下綜合管廊", P4 + "#clause-9"),
    Forgiving("縣域經濟", P2 + "#clause-3"),
    Forgiving("緊密型醫聯體", P4 + "#clause-10"),
    Forgiving("節水型城市", P5 + "#clause-12"),
    Forgiving("以人為本", OPINIONS + "part-1.html#part-1"),  # 為: the Taiwan form of 爲
    Forgiving("「好房子」", P4 + "#clause-8"),  # corner quotes: one quoted word
    Forgiving("第八條", P4 + "#clause-8"),
    Forgiving("停車位建設", P4 + "#clause-9"),  # traditional, and apart
    Forgiving("勞動爭議調解", REPORT + "#section-4"),
    Forgiving("火車站改造", None),
]

#: (what the input method composes, the text it commits, the clause it should find)
INPUT_METHOD: list[tuple[str, str, str]] = [
    ("chengzhongcun", "城中村", P4 + "#clause-8"),
    ("pingjiliangyong", "平急两用", P6 + "#clause-17"),
    ("tingcheweijianshe", "停车位建设", P4 + "#clause-9"),
    ("chengshitijian", "城市體檢", P4 + "#clause-8"),
]
PASTED: list[tuple[str, str]] = [
    ("老旧厂房改造", P3 + "#clause-5"),
    ("銀髮經濟", P3 + "#clause-4"),
]
