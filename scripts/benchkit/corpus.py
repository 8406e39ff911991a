"""Libraries of distinct documents for the whole-site benchmark, reproducible from a fixed seed.

A library of N documents holds the seed (the Opinions and the Yantai report), the shape fixtures
of the tests (tests/fixtures/shapes: notices, plans, a law, several documents in a file …), as
many as fit, and generated documents, one a file, until there are N. A generated document has a
title, issuer, date, document number and clause text of its own: 意见 (parts and clauses, as
printed on the web), 通知 (document number, addressee, run-in parts, signature), 条例 (chapters
and articles) and 新闻报道 (headline, lead, sections). Its sentences are fragments of the seed's
and the fixtures' own sentences, drawn at random and joined anew, so the vocabulary, glossary
terms and related passages are those of real documents while no two texts are the same.
Near-copies of one seed would flatter some stages (caches, search shards) and punish others.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SEED = ROOT / "seeds" / "000_934e3267210eb057.txt"
SHAPES = ROOT / "tests" / "fixtures" / "shapes"
#: Documents in the seed file (the Opinions and the report).
SEED_DOCUMENTS = 2
RANDOM_SEED = 20251201

ISSUERS = (
    "国务院", "国务院办公厅", "中共中央办公厅 国务院办公厅", "国家发展改革委", "教育部", "民政部", "财政部",
    "人力资源社会保障部", "自然资源部", "生态环境部", "住房城乡建设部", "交通运输部", "农业农村部", "商务部",
    "国家卫生健康委", "某省人民政府", "某省人民政府办公厅", "某市人民政府", "某市人民政府办公室",
)  # fmt: skip
VERBS = ("加强", "推进", "促进", "健全", "完善", "深化", "加快", "规范", "优化", "支持", "做好", "提升")
TOPICS = (
    "城市更新", "社区养老服务", "普惠托育服务", "老旧小区改造", "城市地下管网建设", "县域商业体系建设",
    "农村人居环境整治", "生活垃圾分类", "公共文化服务", "基层医疗卫生服务", "职业技能培训", "住房保障体系",
    "城市安全韧性", "数字政府建设", "营商环境", "水资源节约集约利用", "历史文化保护传承", "绿色建筑发展",
    "城市交通治理", "社区嵌入式服务设施建设", "高校毕业生就业", "消费品以旧换新", "湿地保护修复",
)  # fmt: skip
QUALIFIERS = ("", "", "", "工作", "体系建设", "高质量发展", "工作机制", "能力建设")
PART_HEADS = (
    "总体要求", "重点任务", "主要措施", "保障措施", "组织实施", "完善体制机制", "强化要素保障", "提升服务水平",
    "加强监督管理", "推动改革创新", "夯实工作基础", "营造良好环境",
)  # fmt: skip
CLAUSE_HEADS = (
    "指导思想", "主要目标", "科学规划布局", "盘活存量资源", "强化资金支持", "加强人才队伍建设", "完善标准规范",
    "健全评价机制", "推进信息共享", "压实各方责任", "加强宣传引导", "做好风险防范", "鼓励社会参与",
    "优化审批流程", "加强统筹协调", "推动试点示范", "强化督促检查", "落实用地保障",
)  # fmt: skip
CHAPTERS = ("总则", "规划建设", "服务供给", "扶持措施", "监督管理", "法律责任", "附则")
NUMBERS = ("国发", "国办发", "发改", "教", "民发", "财", "建", "某政发", "某政办发", "某府发")
CN_DIGITS = "〇一二三四五六七八九"
#: Fragments with these could read as numbering, dates, page notes or furniture: left out.
UNSAFE = re.compile(
    r"[（）()〔〕【】《》：:;；0-9０-９]|第|下转|上接|版|本报|记者|通讯员|附件|此件|来源|通知如下|意见如下"
)


def chinese_number(n: int) -> str:
    """1-99 as written in numbering: 一, 十, 十二, 二十, 二十三."""
    tens, ones = divmod(n, 10)
    if n < 10:
        return CN_DIGITS[n]
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


def _sentences(value: object) -> list[str]:
    """Texts of every sentence in a model as to_data writes it."""
    if isinstance(value, dict):
        if value.get("type") == "Sentence":
            return [str(value["text"])]
        return [text for child in value.values() for text in _sentences(child)]
    if isinstance(value, list):
        return [text for child in value for text in _sentences(child)]
    return []


def fragments() -> list[str]:
    """Pieces of the seed's and the fixtures' sentences, as the pipeline reads them (between commas
    and full stops), that can stand inside any sentence: no numbering, dates, brackets, furniture."""
    from policydocs.model import to_data
    from policydocs.pipeline import read_page

    found: dict[str, None] = {}
    for path in [SEED, *sorted(SHAPES.glob("*.txt"))]:
        page = read_page(path.read_bytes(), f"seeds/{path.name}").page
        for sentence in _sentences(to_data(page)):
            for piece in re.split(r"[，。！？；\s\u3000]+", sentence):
                piece = piece.strip("、")
                if 4 <= len(piece) <= 28 and not UNSAFE.search(piece) and not re.search("[“”‘’]", piece):
                    found[piece] = None
    return list(found)


class Writer:
    """Generated documents, each from its own random stream (the corpus of N starts as that of N-1)."""

    def __init__(self) -> None:
        self.pieces = fragments()

    def sentence(self, rng: random.Random) -> str:
        return "，".join(rng.sample(self.pieces, rng.randint(2, 4))) + "。"

    def paragraph(self, rng: random.Random, low: int = 1, high: int = 3) -> str:
        return "".join(self.sentence(rng) for _ in range(rng.randint(low, high)))

    def document(self, number: int) -> tuple[str, str]:
        """(kind, text) of generated document `number`."""
        rng = random.Random(RANDOM_SEED * 100_003 + number)
        kind = rng.choices(("意见", "通知", "条例", "新闻报道"), weights=(4, 3, 1, 2))[0]
        year, month, day = rng.randint(2015, 2025), rng.randint(1, 12), rng.randint(1, 28)
        date = f"{year}年{month}月{day}日"
        topic = rng.choice(VERBS) + rng.choice(TOPICS) + rng.choice(QUALIFIERS)
        issuer = rng.choice(ISSUERS)
        make = {"意见": self.opinions, "通知": self.notice, "条例": self.regulations, "新闻报道": self.report}[kind]
        return kind, make(rng, number, issuer, topic, date, year)

    def opinions(self, rng: random.Random, number: int, issuer: str, topic: str, date: str, year: int) -> str:
        genre = rng.choice(("意见", "指导意见", "实施意见"))
        lines = [f"{issuer}关于{topic}的{genre}", f"（{date}）"]
        lines.append(self.paragraph(rng, 2, 3))
        clause = 0
        for part, head in enumerate(rng.sample(PART_HEADS, rng.randint(3, 6)), 1):
            lines.append(f"{chinese_number(part)}、{head}")
            for clause_head in rng.sample(CLAUSE_HEADS, rng.randint(2, 4)):
                clause += 1
                lines.append(f"（{chinese_number(clause)}）{clause_head}。{self.paragraph(rng, 2, 4)}")
        return "\n".join(lines) + "\n"

    def notice(self, rng: random.Random, number: int, issuer: str, topic: str, date: str, year: int) -> str:
        code = f"{rng.choice(NUMBERS)}〔{year}〕{number % 97 + 1}号"
        addressee = "各省、自治区、直辖市人民政府，各有关部门："
        lines = [f"{issuer}关于{topic}的通知", code, addressee, self.paragraph(rng, 2, 3)]
        for part in range(1, rng.randint(3, 7)):
            head = rng.choice(CLAUSE_HEADS)
            lines.append(f"{chinese_number(part)}、{head}。{self.paragraph(rng, 2, 4)}")
        lines += [issuer.split()[-1], date]
        return "\n".join(lines) + "\n"

    def regulations(self, rng: random.Random, number: int, issuer: str, topic: str, date: str, year: int) -> str:
        place = rng.choice(("某市", "某省", "某自治州"))
        lines = [f"{place}{rng.choice(TOPICS)}条例"]
        lines.append(f"（{date}{place}人民代表大会常务委员会会议通过）")
        article = 0
        for chapter, head in enumerate(CHAPTERS[: rng.randint(3, 7)], 1):
            lines.append(f"第{chinese_number(chapter)}章　{head}")
            for _ in range(rng.randint(2, 5)):
                article += 1
                lines.append(f"第{chinese_number(article)}条　{self.paragraph(rng, 1, 2)}")
        return "\n".join(lines) + "\n"

    def report(self, rng: random.Random, number: int, issuer: str, topic: str, date: str, year: int) -> str:
        place = rng.choice(("某市", "某县", "某区", "某省"))
        lines = [f"{place}{topic}见实效（{number}）", "", self.paragraph(rng, 2, 3), "", self.paragraph(rng, 1, 3)]
        for _ in range(rng.randint(1, 3)):
            lines += ["", rng.choice(CLAUSE_HEADS), "", self.paragraph(rng, 2, 4), "", self.paragraph(rng, 1, 3)]
        return "\n".join(lines) + "\n"


def shape_documents() -> list[tuple[Path, int]]:
    """The shape fixtures and how many documents each holds (from its expected model)."""
    out = []
    for path in sorted(SHAPES.glob("*.txt")):
        expected = path.with_suffix(".expected.json")
        data = json.loads(expected.read_text(encoding="utf-8")) if expected.exists() else {}
        items = data.get("items") if isinstance(data, dict) else None
        out.append((path, len(items) if isinstance(items, list) else 1))
    return out


def library(size: int) -> dict[str, bytes]:
    """Seed files (name -> bytes) of a library of `size` documents: the seed, fixtures that fit,
    then generated documents."""
    files = {"000_seed.txt": SEED.read_bytes()}
    count = SEED_DOCUMENTS
    for path, documents in shape_documents():
        # a page continuing another (（上接第一版）) is joined to its document when that is in the
        # library, and the count would no longer be known: such fixtures are left out
        if "上接" in path.read_text(encoding="utf-8"):
            continue
        if count + documents <= size:
            files[f"001_{path.name}"] = path.read_bytes()
            count += documents
    writer = Writer()
    for number in range(1, size - count + 1):
        _, text = writer.document(number)
        files[f"100_{number:05d}.txt"] = text.encode("utf-8")
    return files
