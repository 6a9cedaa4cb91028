"""Published decisions of the demo bureaus (行政许可、行政处罚、行政强制 结果公示).

A few hundred decisions between 2025-01-02 and 2026-11-20, plus a handful of 2023
penalty decisions whose three-year publication period has run out. Every
decision rests on a published power item in force of its own agency whose kind
matches (licence -> licensing, penalty -> penalty, coercion -> coercion): each
scenario below names the power definition (``catalog.demo.powers``) it uses.

The parties are invented: companies and individual businesses (个体工商户) with
unified social credit codes whose check characters are right (GB 32100), and
natural persons with identity numbers whose check digits are right (GB 11643).
Any likeness to a real company or person is a coincidence. ``build_decision_specs``
returns the same list every time.
"""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

import chinese_calendar

from catalog.demo import vocabulary as words
from catalog.demo.agencies import ALL_PLACES, Place, organisation_check_character
from catalog.demo.powers import (
    ADS,
    CONSUMERS,
    EQUIPMENT,
    FOOD,
    INDUSTRIAL,
    METROLOGY,
    METROLOGY_RULES,
    PENALTY_LAW,
    PRICE_TAGS,
    PRICES,
    PUBLISHED,
    QUALITY,
    REGISTRATION,
    TRADEMARK,
    WITHDRAWN,
    Publication,
    office_moment,
)
from catalog.validators import CREDIT_CODE_ALPHABET, credit_code_check_character

SEED = 20_251_120
FIRST_DAY = datetime.date(2025, 1, 2)
LAST_DAY = datetime.date(2026, 11, 20)
# Penalty decisions of 2023: published then, out of the public lists by now.
OLD_PERIOD = (datetime.date(2023, 5, 8), datetime.date(2023, 10, 31))
OLD_PENALTIES = {"liaoning": 3, "shenyang": 2, "dalian": 2}

OPINION = "经保密审查，不涉及国家秘密、商业秘密，同意依法公示。"
OPINION_PERSON = (
    "经保密审查，当事人为自然人，公示时对其姓名、身份证件号码依法作去标识化处理，同意公示。"
)

ORGANISATION = "organisation"
INDIVIDUAL_BUSINESS = "individual_business"
NATURAL_PERSON = "natural_person"
_PARTY_KINDS = {"o": ORGANISATION, "b": INDIVIDUAL_BUSINESS, "n": NATURAL_PERSON}

# --- places and parties ---------------------------------------------------------------

# Districts (and county-level cities) of each city with their area codes.
DISTRICTS = {
    "shenyang": (("和平区", "210102"), ("沈河区", "210103"), ("大东区", "210104"),
                 ("皇姑区", "210105"), ("铁西区", "210106"), ("浑南区", "210112"),
                 ("于洪区", "210114")),
    "dalian": (("中山区", "210202"), ("西岗区", "210203"), ("沙河口区", "210204"),
               ("甘井子区", "210211"), ("金州区", "210213")),
    "anshan": (("铁东区", "210302"), ("铁西区", "210303"), ("立山区", "210304"),
               ("海城市", "210381")),
    "fushun": (("新抚区", "210402"), ("东洲区", "210403"), ("望花区", "210404")),
    "benxi": (("平山区", "210502"), ("溪湖区", "210503"), ("明山区", "210504")),
    "dandong": (("元宝区", "210602"), ("振兴区", "210603"), ("振安区", "210604"),
                ("东港市", "210681")),
    "jinzhou": (("古塔区", "210702"), ("凌河区", "210703"), ("太和区", "210711")),
    "yingkou": (("站前区", "210802"), ("西市区", "210803"), ("鲅鱼圈区", "210804")),
    "fuxin": (("海州区", "210902"), ("新邱区", "210903"), ("细河区", "210911")),
    "liaoyang": (("白塔区", "211002"), ("文圣区", "211003"), ("宏伟区", "211004")),
    "panjin": (("双台子区", "211102"), ("兴隆台区", "211103"), ("大洼区", "211104")),
    "tieling": (("银州区", "211202"), ("清河区", "211204"), ("开原市", "211282")),
    "chaoyang": (("双塔区", "211302"), ("龙城区", "211303"), ("凌源市", "211382")),
    "huludao": (("连山区", "211402"), ("龙港区", "211403"), ("兴城市", "211481")),
}  # fmt: skip
# The letter of each city in licence and registration numbers (as on its number plates).
CITY_LETTERS = {
    "shenyang": "A", "dalian": "B", "anshan": "C", "fushun": "D", "benxi": "E", "dandong": "F",
    "jinzhou": "G", "yingkou": "H", "fuxin": "J", "liaoyang": "K", "panjin": "L",
    "tieling": "M", "chaoyang": "N", "huludao": "P",
}  # fmt: skip

BRANDS = (
    "鑫源", "华盛", "恒达", "金桥", "瑞丰", "宏远", "天顺", "万家", "益康", "北辰", "盛泰", "广和",
    "东盛", "嘉禾", "兴隆", "福瑞", "永昌", "聚鑫", "和顺", "德润", "海韵", "辽源", "启航", "锦程",
    "佳美", "泰和", "康达", "鸿运", "立信", "博远", "春和", "丰泽", "润通", "安泰", "宝利", "华信",
    "长青", "新元", "汇丰源", "百川",
)  # fmt: skip
# Kinds of shop an individual business runs, by what the scenario is about.
SHOPS = {
    "goods": ("便利店", "日用品商店", "五金商店", "家电商行", "超市"),
    "food": ("便利店", "食杂店", "熟食店", "粮油店", "超市"),
    "catering": ("家常菜馆", "早餐店", "烧烤店", "面馆"),
    "market": ("水果店", "蔬菜店", "海鲜店", "粮油店"),
    "clothes": ("服装店", "鞋店", "精品店"),
    "online": ("网店", "电子商务商行"),
}
OTHER_PROVINCES = ("浙江", "广东", "河北", "山东", "江苏", "福建", "河南")


@dataclass(frozen=True)
class Party:
    kind: str
    name: str
    code: str
    representative: str = ""
    district: str = ""
    area: str = ""


def person_name(rng: random.Random) -> str:
    return rng.choice(words.SURNAMES) + rng.choice(words.GIVEN_NAMES)


def identity_number(rng: random.Random, area: str) -> str:
    """An 18-digit resident identity number with a correct GB 11643 check digit."""
    birth = datetime.date(1958, 1, 1) + datetime.timedelta(days=rng.randint(0, 15_000))
    first17 = f"{area}{birth:%Y%m%d}{rng.randint(1, 999):03d}"
    return first17 + identity_check_digit(first17)


IDENTITY_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def identity_check_digit(first17: str) -> str:
    pairs = zip(first17, IDENTITY_WEIGHTS, strict=True)
    total = sum(int(digit) * weight for digit, weight in pairs)
    return "10X98765432"[total % 11]


_ORG_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def credit_code(rng: random.Random, registrar_kind: str, area: str) -> str:
    """91 (enterprise) or 92 (individual business), the area, an organisation code with its
    GB 11714 check, then the GB 32100 check character."""
    org8 = "MA" + "".join(rng.choice(_ORG_CHARS[:10] if i < 1 else _ORG_CHARS) for i in range(6))
    first17 = f"{registrar_kind}{area}{org8}{organisation_check_character(org8)}"
    assert all(char in CREDIT_CODE_ALPHABET for char in first17)
    return first17 + credit_code_check_character(first17)


def district_of(rng: random.Random, place: Place) -> tuple[str, str, str]:
    """(city slug, district name, area code) where a party of this agency is registered."""
    if place.level == "county":
        city = place.parent
        name = place.place.removeprefix(next(p.place for p in ALL_PLACES if p.slug == city))
        return city, name, place.area_code
    city = place.slug if place.level == "city" else rng.choice(tuple(DISTRICTS))
    name, area = rng.choice(DISTRICTS[city])
    return city, name, area


def _city_word(city: str) -> str:
    return next(p.place for p in ALL_PLACES if p.slug == city).removesuffix("市")


def make_party(rng: random.Random, place: Place, kind: str, scenario) -> Party:
    city, district, area = district_of(rng, place)
    if kind == NATURAL_PERSON:
        return Party(kind, person_name(rng), identity_number(rng, area), "", district, area)
    operator = person_name(rng)
    if kind == INDIVIDUAL_BUSINESS:
        shop = rng.choice(SHOPS[scenario.shops])
        label = rng.choice((rng.choice(BRANDS), operator[0] + "记", operator[1:] or operator))
        name = f"{_city_word(city)}市{district}{label}{shop}"
        return Party(kind, name, credit_code(rng, "92", area), operator, district, area)
    prefix = "辽宁" if place.level == "province" and rng.random() < 0.3 else _city_word(city)
    form = rng.choice(("有限公司", "有限公司", "有限公司", "股份有限公司", "有限责任公司"))
    name = f"{prefix}{rng.choice(BRANDS)}{rng.choice(scenario.trades)}{form}"
    return Party(kind, name, credit_code(rng, "91", area), operator, district, area)


# --- writing the decisions --------------------------------------------------------------


@dataclass
class Outcome:
    facts: str
    basis: str
    content: str
    fine: Decimal | None = None
    confiscated: Decimal | None = None
    minor: bool = False
    licence_number: str = ""
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None


@dataclass(frozen=True)
class Case:
    """What a scenario writes a decision about."""

    place: Place
    day: datetime.date
    party: Party

    @property
    def city(self) -> str:
        if self.place.level == "county":
            return self.place.parent
        if self.place.level == "city":
            return self.place.slug
        return next(slug for slug, districts in DISTRICTS.items()
                    if any(area == self.party.area for _n, area in districts))  # fmt: skip

    @property
    def address(self) -> str:
        """Where the party does business. A natural person's home address is personal data,
        so their cases happen at a public market."""
        city = next(p.place for p in ALL_PLACES if p.slug == self.city)
        street = ("中华路", "建设大街", "解放路", "人民路", "和平街", "新华路", "长江路")
        number = sum(ord(c) for c in self.party.name) % 300 + 1
        name = street[number % len(street)]
        if self.party.kind == NATURAL_PERSON:
            market = name.removesuffix("路").removesuffix("街")
            return f"{city}{self.party.district}{market}农贸市场"
        return f"{city}{self.party.district}{name}{number}号"

    def pick(self, rng: random.Random, by_trade: dict, fallback: tuple):
        """What a party of this trade makes: the entry of ``by_trade`` whose trade word its
        name contains, else a draw from ``fallback``."""
        for trade, value in by_trade.items():
            if trade in self.party.name:
                return value
        return rng.choice(fallback)


def yuan(amount: Decimal | int) -> str:
    amount = Decimal(amount).quantize(Decimal("0.01"))
    text = f"{amount:f}".removesuffix(".00")
    return f"{text}元"


def money(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))


def cn_date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def earlier(day: datetime.date, rng: random.Random, low: int, high: int) -> datetime.date:
    return day - datetime.timedelta(days=rng.randint(low, high))


def years_later(day: datetime.date, years: int) -> datetime.date:
    end = day.replace(year=day.year + years) if (day.month, day.day) != (2, 29) else (
        day.replace(year=day.year + years, day=28)
    )  # fmt: skip
    return end - datetime.timedelta(days=1)


PRODUCT_FAILURES = (
    ("电线电缆", "导体电阻", "GB/T 5023.3-2008"), ("儿童玩具", "小零件", "GB 6675.2-2014"),
    ("电动自行车充电器", "输入电流", "GB 4943.1-2022"), ("插头插座", "拔出插头所需的力",
     "GB/T 2099.1-2021"), ("电热毯", "发热", "GB 4706.8-2008"),
    ("家用燃气灶具", "熄火保护装置", "GB 16410-2020"), ("复合肥料", "总养分", "GB/T 15063-2020"),
    ("安全帽", "冲击吸收性能", "GB 2811-2019"), ("LED灯具", "谐波电流", "GB 17625.1-2022"),
    ("学生用品", "可迁移元素", "GB 21027-2020"), ("电暖器", "非正常工作", "GB 4706.23-2007"),
)  # fmt: skip
FOODS = (("酸奶", "盒"), ("面包", "袋"), ("火腿肠", "袋"), ("饼干", "袋"), ("果汁饮料", "瓶"),
         ("速冻水饺", "袋"), ("方便面", "桶"), ("调味酱", "瓶"), ("奶粉", "罐"),
         ("月饼", "盒"))  # fmt: skip
COUNTERFEIT_GOODS = (("运动鞋", "双", 180), ("羽绒服", "件", 320), ("手提包", "个", 150),
                     ("白酒", "瓶", 260), ("洗发水", "瓶", 45), ("蓝牙耳机", "副", 90))  # fmt: skip
TRADEMARKS = (("雪原狼", "第7321456号"), ("北极星辰", "第10876543号"), ("金鹿源", "第5543210号"),
              ("长白峰", "第12654321号"), ("海之蓝韵", "第9087654号"))  # fmt: skip
INSTRUMENTS = ("电子计价秤", "案秤", "台秤", "液化石油气钢瓶充装秤")


def _discount(rng, case) -> str:
    if case.party.kind == ORGANISATION:
        return ""
    return (f"鉴于当事人主动下架、销毁涉案产品，消除了违法行为危害后果，依据{PENALTY_LAW}"
            "第三十二条第（一）项的规定，对其减轻处罚。")  # fmt: skip


def substandard_products(rng, case) -> Outcome:
    product, item, standard = rng.choice(PRODUCT_FAILURES)
    bought = rng.randint(30, 240)
    sold = rng.randint(5, bought - 10)
    price = rng.choice((18, 25, 36, 48, 59, 88, 128, 168))
    cost = round(price * 0.7)
    value, gains = bought * price, sold * (price - cost)
    fine = money(round(value * rng.choice((1, 1.2, 1.5, 2)), -2))
    maker = f"{rng.choice(OTHER_PROVINCES)}{rng.choice(BRANDS)}实业有限公司"
    sampled = earlier(case.day, rng, 60, 120)
    return Outcome(
        facts=f"{cn_date(sampled)}，本局依法对当事人经营场所内销售的{product}（标称生产者：{maker}）"
        f"进行监督抽查。经具有资质的检验机构检验，该批次产品{item}项目不符合{standard}的要求，"
        f"检验结论为不合格。当事人在法定期限内未提出复检申请。经查，当事人共购进该批次产品"
        f"{bought}件，进货价{cost}元/件，销售价{price}元/件，已销售{sold}件，货值金额{value}元，"
        f"违法所得{gains}元。",
        basis=f"当事人的上述行为违反了{QUALITY}第十三条第一款的规定，构成销售不符合保障人体健康和"
        f"人身、财产安全的国家标准的产品的行为。依据{QUALITY}第四十九条的规定作出处罚。",
        content=f"1. 责令停止销售；2. 没收尚未售出的{product}{bought - sold}件；"
        f"3. 没收违法所得{yuan(gains)}；4. 罚款{yuan(fine)}。",
        fine=fine, confiscated=money(gains),
    )  # fmt: skip


def expired_food(rng, case) -> Outcome:
    food, unit = rng.choice(FOODS)
    count = rng.randint(3, 40)
    value = count * rng.randint(3, 25)
    relief = _discount(rng, case)
    fine = money(50_000 if not relief else rng.choice((5_000, 8_000, 10_000, 15_000)))
    return Outcome(
        facts=f"{cn_date(earlier(case.day, rng, 20, 60))}，执法人员对当事人经营场所进行检查，"
        f"发现货架上摆放待售的{food}{count}{unit}已超过保质期，货值金额{value}元，尚未售出。",
        basis=f"当事人的上述行为违反了{FOOD}第三十四条第（十）项的规定。依据{FOOD}"
        f"第一百二十四条第一款第（五）项的规定作出处罚。{relief}",
        content=f"1. 没收超过保质期的{food}{count}{unit}；2. 罚款{yuan(fine)}。",
        fine=fine,
    )  # fmt: skip


def food_labels(rng, case) -> Outcome:
    food, unit = rng.choice(FOODS)
    count = rng.randint(20, 300)
    price = rng.randint(4, 30)
    gains = rng.randint(2, count // 2) * rng.randint(1, 5)
    fine = money(rng.choice((5_000, 6_000, 8_000, 10_000, 20_000)))
    flaw = rng.choice(("未标注生产者的名称、地址和联系方式", "未标注生产日期和保质期",
                       "未标注食品生产许可证编号", "标注的配料表与实际配料不符"))  # fmt: skip
    return Outcome(
        facts=f"经查，当事人销售的{food}为预包装食品，其标签{flaw}。当事人共购进该食品{count}{unit}，"
        f"销售价{price}元/{unit}，货值金额{count * price}元，违法所得{gains}元。",
        basis=f"当事人的上述行为违反了{FOOD}第六十七条第一款的规定。依据{FOOD}"
        "第一百二十五条第一款第（二）项的规定作出处罚。",
        content=f"1. 没收违法所得{yuan(gains)}；2. 没收标签不符合规定的{food}；"
        f"3. 罚款{yuan(fine)}。",
        fine=fine, confiscated=money(gains),
    )  # fmt: skip


def food_records(rng, case) -> Outcome:
    return Outcome(
        facts=f"{cn_date(earlier(case.day, rng, 10, 40))}，执法人员检查发现，当事人采购食品原料"
        "未查验供货者的许可证和产品合格证明文件，未建立食品进货查验记录制度。",
        basis=f"当事人的上述行为违反了{FOOD}第五十三条第一款、第二款的规定。依据{FOOD}"
        "第一百二十六条第一款第（三）项的规定作出处罚。",
        content="责令改正，给予警告。",
        minor=True,
    )  # fmt: skip


def unlicensed_food(rng, case) -> Outcome:
    gains = rng.randint(800, 6_000)
    fine = money(rng.choice((10_000, 15_000, 20_000)))
    return Outcome(
        facts=f"经查，当事人自{cn_date(earlier(case.day, rng, 90, 200))}起在{case.address}从事"
        f"熟食制售活动，未取得食品经营许可，违法所得{gains}元。",
        basis=f"当事人的上述行为违反了{FOOD}第三十五条第一款的规定。依据{FOOD}第一百二十二条"
        f"第一款的规定；鉴于当事人积极配合调查并主动停止违法行为，依据{PENALTY_LAW}第三十二条"
        "第（一）项的规定减轻处罚。",
        content=f"1. 没收违法所得{yuan(gains)}；2. 没收用于违法经营的工具、设备；"
        f"3. 罚款{yuan(fine)}。",
        fine=fine, confiscated=money(gains),
    )  # fmt: skip


def price_tags(rng, case) -> Outcome:
    count = rng.randint(5, 40)
    fine = money(rng.choice((500, 800, 1_000, 1_500, 2_000)))
    return Outcome(
        facts=f"执法人员检查发现，当事人经营场所内在售的{count}种商品未按规定标示品名、计价单位和"
        "价格，经责令改正后仍未全部改正。",
        basis=f"当事人的上述行为违反了{PRICES}第十三条第一款和{PRICE_TAGS}的有关规定。依据"
        f"{PRICES}第四十二条的规定作出处罚。",
        content=f"责令改正，罚款{yuan(fine)}。",
        fine=fine, minor=True,
    )  # fmt: skip


def price_fraud(rng, case) -> Outcome:
    original = rng.choice((399, 599, 899, 1_299, 1_999))
    sold = rng.randint(10, 120)
    gains = sold * rng.randint(20, 120)
    fine = money(gains * rng.choice((1, 2, 3)))
    return Outcome(
        facts=f"当事人在促销活动中标示商品“原价{original}元，现价{original // 2}元”。经查，该商品在"
        f"促销活动前七日内无原价交易记录，当事人以虚构原价的方式销售该商品{sold}件，"
        f"违法所得{gains}元。",
        basis=f"当事人的上述行为违反了{PRICES}第十四条第（四）项的规定，构成价格欺诈。依据{PRICES}"
        "第四十条的规定作出处罚。",
        content=f"1. 没收违法所得{yuan(gains)}；2. 罚款{yuan(fine)}。",
        fine=fine, confiscated=money(gains),
    )  # fmt: skip


def false_advertising(rng, case) -> Outcome:
    subject, claim = rng.choice((
        ("保健食品", "宣称产品“治疗高血压、糖尿病，有效率98%”"),
        ("教育培训服务", "宣称“保证考试通过，不过全额退款”并使用学员名义作推荐"),
        ("家装服务", "宣称“全市销量第一”“零甲醛”，无事实依据"),
        ("医疗美容服务", "使用“无痛”“无风险”等表述并以患者形象作证明"),
    ))  # fmt: skip
    fee = rng.randint(4, 60) * 500
    times = rng.choice((3, 3, 4, 5))
    return Outcome(
        facts=f"当事人通过其微信公众号、短视频平台账号发布{subject}广告，{claim}。经查，"
        f"上述广告内容虚假，广告费用{fee}元。",
        basis=f"当事人的上述行为违反了{ADS}第四条第一款、第二十八条的规定，构成发布虚假广告的行为。"
        f"依据{ADS}第五十五条第一款的规定作出处罚。",
        content=f"1. 责令停止发布违法广告，并在相应范围内消除影响；2. 罚款{yuan(fee * times)}"
        f"（广告费用的{times}倍）。",
        fine=money(fee * times),
    )  # fmt: skip


def prohibited_advertising(rng, case) -> Outcome:
    phrase = rng.choice(("“最佳”“最好”", "“国家级”“顶级”", "“第一品牌”", "“全网最低价”“史上最强”"))
    fine = money(rng.choice((3_000, 5_000, 8_000, 10_000)))
    return Outcome(
        facts=f"当事人在其网络店铺商品详情页中使用{phrase}等用语宣传其销售的商品。当事人发现后已"
        "主动删除相关内容。",
        basis=f"当事人的上述行为违反了{ADS}第九条第（三）项的规定。依据{ADS}第五十七条第（一）项的"
        f"规定；鉴于当事人主动消除违法行为危害后果，依据{PENALTY_LAW}第三十二条第（一）项的规定"
        "减轻处罚。",
        content=f"1. 责令停止发布违法广告；2. 罚款{yuan(fine)}。",
        fine=fine,
    )  # fmt: skip


def trademark_infringement(rng, case) -> Outcome:
    goods, unit, price = rng.choice(COUNTERFEIT_GOODS)
    mark, number = rng.choice(TRADEMARKS)
    count = rng.randint(12, 150)
    turnover = count * price
    fine = money(max(3_000, round(turnover * rng.choice((1, 1.5, 2)), -2)))
    return Outcome(
        facts=f"经查，当事人销售的{goods}使用与“{mark}”注册商标（{number}，核定使用商品包括{goods}）"
        f"相同的商标，经商标注册人鉴定为侵权商品。当事人共购进侵权{goods}{count}{unit}，"
        f"违法经营额{turnover}元，不能说明合法来源。",
        basis=f"当事人的上述行为属于{TRADEMARK}第五十七条第（三）项规定的侵犯注册商标专用权的行为。"
        f"依据{TRADEMARK}第六十条第二款的规定作出处罚。",
        content=f"1. 责令立即停止侵权行为；2. 没收、销毁侵权{goods}{count}{unit}；"
        f"3. 罚款{yuan(fine)}。",
        fine=fine,
    )  # fmt: skip


def change_not_registered(rng, case) -> Outcome:
    fine = money(rng.choice((10_000, 15_000, 20_000, 30_000)))
    moved = earlier(case.day, rng, 120, 300)
    return Outcome(
        facts=f"当事人于{cn_date(moved)}将住所迁至{case.address}，未在法定期限内申请办理变更登记。"
        f"本局于{cn_date(earlier(case.day, rng, 30, 60))}责令其限期改正，当事人逾期仍未改正。",
        basis=f"当事人的上述行为违反了{REGISTRATION}第二十四条的规定。依据{REGISTRATION}第四十六条的"
        "规定作出处罚。",
        content=f"罚款{yuan(fine)}。",
        fine=fine,
    )  # fmt: skip


def licence_not_displayed(rng, case) -> Outcome:
    fine = money(rng.choice((500, 1_000, 2_000)))
    return Outcome(
        facts="执法人员检查发现，当事人未将营业执照置于其经营场所的醒目位置，经责令改正后拒不改正。",
        basis=f"当事人的上述行为违反了{REGISTRATION}第三十六条的规定。依据{REGISTRATION}"
        "第四十八条第一款的规定作出处罚。",
        content=f"责令改正，罚款{yuan(fine)}。",
        fine=fine, minor=True,
    )  # fmt: skip


def unlicensed_trade(rng, case) -> Outcome:
    goods = rng.choice(("水果", "日用百货", "小家电", "服装鞋帽", "电动自行车配件"))
    gains = rng.randint(300, 2_500)
    fine = money(rng.choice((500, 1_000, 2_000, 3_000)))
    return Outcome(
        facts=f"经查，当事人自{cn_date(earlier(case.day, rng, 60, 180))}起在{case.address}"
        f"从事{goods}销售活动，未依法取得营业执照，违法所得{gains}元。",
        basis=f"当事人的上述行为违反了{REGISTRATION}第三条第一款的规定，属于《无证无照经营查处办法》"
        "第二条规定的无照经营行为。依据《无证无照经营查处办法》第十三条的规定作出处罚。",
        content=f"1. 责令停止违法行为；2. 没收违法所得{yuan(gains)}；3. 罚款{yuan(fine)}。",
        fine=fine, confiscated=money(gains), minor=fine <= 2_000,
    )  # fmt: skip


def unverified_instruments(rng, case) -> Outcome:
    instrument = rng.choice(INSTRUMENTS)
    fine = money(rng.choice((200, 300, 500, 800, 1_000)))
    return Outcome(
        facts=f"执法人员在{case.address}检查发现，当事人在经营中用于贸易结算的{instrument}1台"
        "未按照规定申请强制检定。",
        basis=f"当事人的上述行为违反了{METROLOGY}第九条第一款的规定。依据{METROLOGY}第二十五条和"
        f"{METROLOGY_RULES}的有关规定作出处罚。",
        content=f"1. 责令停止使用未经检定的{instrument}；2. 罚款{yuan(fine)}。",
        fine=fine, minor=True,
    )  # fmt: skip


def cheating_instruments(rng, case) -> Outcome:
    nozzles = rng.randint(1, 4)
    gains = rng.randint(3_000, 40_000)
    return Outcome(
        facts=f"经查，当事人在其加油站{nozzles}条加油枪对应的加油机主板中加装作弊装置，"
        f"使加油机付油量少于显示量，违法所得{gains}元。",
        basis=f"当事人的上述行为违反了{METROLOGY}第二十七条的规定。依据{METROLOGY}第二十七条和"
        f"{METROLOGY_RULES}的有关规定作出处罚。",
        content=f"1. 没收作弊装置{nozzles}套；2. 没收违法所得{yuan(gains)}；3. 罚款{yuan(2_000)}。",
        fine=money(2_000), confiscated=money(gains),
    )  # fmt: skip


def equipment_uninspected(rng, case) -> Outcome:
    equipment = rng.choice(("乘客电梯", "承压蒸汽锅炉", "叉车", "桥式起重机"))
    count = rng.randint(1, 4)
    fine = money(rng.choice((30_000, 35_000, 40_000, 50_000)))
    return Outcome(
        facts=f"执法人员检查发现，当事人在用的{equipment}{count}台定期检验有效期已届满，"
        "未经定期检验仍继续使用。",
        basis=f"当事人的上述行为违反了{EQUIPMENT}第四十条第三款的规定。依据{EQUIPMENT}第八十四条"
        "第（一）项的规定作出处罚。",
        content=f"1. 责令停止使用未经定期检验的{equipment}；2. 罚款{yuan(fine)}。",
        fine=fine,
    )  # fmt: skip


def equipment_unregistered(rng, case) -> Outcome:
    fine = money(rng.choice((10_000, 12_000, 15_000, 20_000)))
    return Outcome(
        facts=f"执法人员检查发现，当事人于{cn_date(earlier(case.day, rng, 90, 240))}投入使用的叉车"
        "2台未办理使用登记。本局责令其限期改正，当事人逾期未改正。",
        basis=f"当事人的上述行为违反了{EQUIPMENT}第三十三条的规定。依据{EQUIPMENT}第八十三条"
        "第（一）项的规定作出处罚。",
        content=f"1. 责令停止使用未办理使用登记的叉车；2. 罚款{yuan(fine)}。",
        fine=fine,
    )  # fmt: skip


def online_licence(rng, case) -> Outcome:
    fine = money(rng.choice((500, 1_000, 2_000)))
    return Outcome(
        facts="经网络交易监测发现，当事人在电子商务平台开设的网络店铺首页未公示营业执照信息，"
        "经责令限期改正后逾期未改正。",
        basis="当事人的上述行为违反了《中华人民共和国电子商务法》第十五条第一款的规定。依据"
        "《中华人民共和国电子商务法》第七十六条第一款第（一）项的规定作出处罚。",
        content=f"责令改正，罚款{yuan(fine)}。",
        fine=fine, minor=True,
    )  # fmt: skip


def refused_refund(rng, case) -> Outcome:
    fine = money(rng.choice((3_000, 5_000, 8_000, 10_000)))
    goods = rng.choice(("空调", "洗衣机", "手机", "预付健身卡", "家具"))
    return Outcome(
        facts=f"经查，消费者于{cn_date(earlier(case.day, rng, 40, 120))}在当事人处购买的{goods}"
        "存在质量问题，消费者依法要求退货，当事人无正当理由拒绝。",
        basis=f"当事人的上述行为违反了{CONSUMERS}第二十四条的规定。依据{CONSUMERS}第五十六条第一款"
        "第（八）项的规定作出处罚。",
        content=f"1. 警告；2. 罚款{yuan(fine)}。",
        fine=fine,
    )  # fmt: skip


def false_publicity(rng, case) -> Outcome:
    fine = money(rng.choice((200_000, 250_000, 300_000)))
    claim = rng.choice(("“获得国家发明专利”“销量全国第一”", "“纯天然、零添加”", "“行业唯一”"))
    return Outcome(
        facts=f"当事人在其官方网站和网络店铺宣传其产品{claim}，经查无事实依据，构成对商品性能、"
        "销售状况的虚假商业宣传，欺骗、误导消费者。",
        basis="当事人的上述行为违反了《中华人民共和国反不正当竞争法》（2019年修正）第八条第一款的"
        "规定。依据该法第二十条第一款的规定作出处罚。",
        content=f"1. 责令停止违法行为；2. 罚款{yuan(fine)}。",
        fine=fine,
    )  # fmt: skip


def bribery(rng, case) -> Outcome:
    gains = rng.randint(40_000, 300_000)
    fine = money(rng.choice((100_000, 150_000, 200_000, 300_000)))
    return Outcome(
        facts="经查，当事人在向医疗机构销售医用耗材过程中，以“学术推广费”名义向医疗机构相关科室"
        f"工作人员给付财物，以谋取交易机会，违法所得{gains}元。",
        basis="当事人的上述行为违反了《中华人民共和国反不正当竞争法》（2019年修正）第七条第一款的"
        "规定。依据该法第十九条的规定作出处罚。",
        content=f"1. 没收违法所得{yuan(gains)}；2. 罚款{yuan(fine)}。",
        fine=fine, confiscated=money(gains),
    )  # fmt: skip


def monopoly_agreement(rng, case) -> Outcome:
    sales = rng.randint(30, 150) * 1_000_000
    rate = rng.choice((1, 2, 3))
    fine = money(sales * rate // 100)
    return Outcome(
        facts=f"经查，当事人与{case.place.place}其他{rng.randint(4, 9)}家预拌混凝土生产企业通过召开"
        "会议、建立微信群等方式，达成并实施固定和变更商品价格、分割销售市场的垄断协议，"
        f"排除、限制了相关市场竞争。当事人上一年度销售额为{sales}元。",
        basis="当事人的上述行为违反了《中华人民共和国反垄断法》第十七条第（一）项、第（三）项的规定。"
        "依据该法第五十六条第一款的规定，本局经国务院反垄断执法机构授权作出处罚。",
        content=f"1. 责令停止违法行为；2. 处上一年度销售额{rate}%的罚款，计{yuan(fine)}。",
        fine=fine,
    )  # fmt: skip


UNLICENSED_PRODUCTS = {
    "电缆": "电线电缆", "钢铁": "建筑用钢筋", "化肥": "化肥", "化工": "危险化学品",
}  # fmt: skip


def unlicensed_production(rng, case) -> Outcome:
    product = case.pick(rng, UNLICENSED_PRODUCTS, tuple(UNLICENSED_PRODUCTS.values()))
    value = rng.randint(20, 300) * 1_000
    fine = money(value * rng.choice((1, 1.5, 2)))
    return Outcome(
        facts=f"经查，当事人未取得工业产品生产许可证，自{cn_date(earlier(case.day, rng, 120, 300))}"
        f"起擅自生产列入目录的{product}，货值金额{value}元。",
        basis=f"当事人的上述行为违反了{INDUSTRIAL}第五条的规定。依据{INDUSTRIAL}第四十五条的规定"
        "作出处罚。",
        content=f"1. 责令停止生产；2. 没收违法生产的{product}；3. 罚款{yuan(fine)}。",
        fine=fine,
    )  # fmt: skip


# --- coercive measures ---


def _measure(case, kind: str, things: str, circumstance: str, law: str) -> Outcome:
    until = case.day + datetime.timedelta(days=29)
    return Outcome(
        facts=f"{cn_date(case.day)}，执法人员在{case.address}检查时发现{things}，{circumstance}。",
        basis=f"依据{law}和《中华人民共和国行政强制法》第十八条、第二十四条的规定。",
        content=f"对{things}实施{kind}，期限为三十日，自{cn_date(case.day)}至{cn_date(until)}。",
    )


def seize_products(rng, case) -> Outcome:
    product, _item, _standard = rng.choice(PRODUCT_FAILURES)
    return _measure(case, "扣押", f"当事人仓库内存放的{product}{rng.randint(20, 400)}件",
                    "该批产品涉嫌不符合国家标准，当事人不能提供合格证明",
                    f"{QUALITY}第十八条第一款第（四）项")  # fmt: skip


def seize_food(rng, case) -> Outcome:
    return _measure(case, "查封", f"当事人冷库内存放的冷冻肉品{rng.randint(50, 900)}千克",
                    "当事人不能提供合法来源证明和检验检疫合格证明",
                    f"{FOOD}第一百一十条第（四）项")  # fmt: skip


def seal_equipment(rng, case) -> Outcome:
    equipment = rng.choice(("乘客电梯", "承压蒸汽锅炉", "桥式起重机"))
    return _measure(case, "查封", f"当事人在用的{equipment}1台",
                    "该设备存在制动器失效等严重事故隐患",
                    f"{EQUIPMENT}第六十一条第一款第（三）项")  # fmt: skip


def seize_counterfeits(rng, case) -> Outcome:
    goods, unit, _price = rng.choice(COUNTERFEIT_GOODS)
    return _measure(case, "扣押", f"当事人店内待售的{goods}{rng.randint(10, 200)}{unit}",
                    "该批商品涉嫌侵犯他人注册商标专用权",
                    f"{TRADEMARK}第六十二条第一款第（四）项")  # fmt: skip


def seize_unlicensed(rng, case) -> Outcome:
    return _measure(case, "扣押", "当事人的三轮车1辆、电子秤1台及待售货物一批",
                    "当事人未取得营业执照，上述财物专门用于无照经营",
                    "《无证无照经营查处办法》第十一条")  # fmt: skip


# --- licences ---

SPECIAL_FOODS = (("127", "保健食品（片剂、胶囊）"),
                 ("128", "特殊医学用途配方食品（全营养配方食品）"),
                 ("129", "婴幼儿配方食品（婴幼儿配方乳粉）"))  # fmt: skip
ORDINARY_FOODS = (("101", "粮食加工品"), ("102", "食用油、油脂及其制品"), ("103", "调味品"),
                  ("104", "肉制品"), ("105", "乳制品"), ("106", "饮料"), ("111", "速冻食品"),
                  ("115", "酒类"), ("116", "蔬菜制品"), ("122", "水产制品"), ("124", "糕点"),
                  ("125", "豆制品"))  # fmt: skip
INDUSTRIAL_PRODUCTS = (("电线电缆", "06-014"), ("危险化学品", "13-006"), ("化肥", "13-001"),
                       ("建筑用钢筋", "05-001"), ("水泥", "08-001"),
                       ("直接接触食品的材料等相关产品", "16-002"))  # fmt: skip
EQUIPMENT_LICENCES = (
    ("31", "压力容器制造", "固定式压力容器规则设计压力容器制造"),
    ("21", "锅炉制造", "B级锅炉制造"),
    ("33", "电梯安装（含修理）", "曳引驱动乘客电梯（含消防员电梯）A2级"),
    ("43", "起重机械安装（含修理）", "桥式、门式起重机"),
)  # fmt: skip
REGISTERED_EQUIPMENT = (("梯11", "曳引驱动乘客电梯"), ("锅11", "承压蒸汽锅炉"), ("车11", "叉车"),
                        ("起17", "桥式起重机"))  # fmt: skip
OPERATOR_ITEMS = ("N1 叉车司机", "G1 工业锅炉司炉", "Q2 起重机司机", "R1 快开门式压力容器操作",
                  "A 特种设备安全管理")  # fmt: skip
CITY_STEMS = {p.slug: p.doc_prefix[0] for p in ALL_PLACES}


def _digits(rng, count: int) -> str:
    return "".join(str(rng.randint(0, 9)) for _ in range(count))


def _granted(content: str, number: str, day: datetime.date, years: int | None) -> Outcome:
    until = years_later(day, years) if years else None
    tail = f"有效期至{cn_date(until)}。" if until else "长期有效。"
    return Outcome(
        facts="申请人提交的申请材料齐全、符合法定形式，经审查符合法定条件、标准。",
        basis="依据《中华人民共和国行政许可法》第三十八条第一款的规定，准予行政许可。",
        content=f"{content}{('编号：' + number + '；') if number else ''}{tail}",
        licence_number=number,
        valid_from=day,
        valid_until=until,
    )


def _sc_number(rng, category: str, area: str) -> str:
    return f"SC{category}{area}{_digits(rng, 5)}"


def special_food_licence(rng, case) -> Outcome:
    category, label = rng.choice(SPECIAL_FOODS)
    return _granted(f"准予食品生产许可。食品类别：{label}；生产地址：{case.address}；",
                    _sc_number(rng, category, case.party.area), case.day, 5)  # fmt: skip


def food_production_licence(rng, case) -> Outcome:
    category, label = rng.choice(ORDINARY_FOODS)
    return _granted(f"准予食品生产许可。食品类别：{label}；生产地址：{case.address}；",
                    _sc_number(rng, category, case.party.area), case.day, 5)  # fmt: skip


def food_business_licence(rng, case) -> Outcome:
    kind, items = rng.choice((("1", "预包装食品销售（含冷藏冷冻食品）、散装食品销售"),
                              ("2", "热食类食品制售、冷食类食品制售"),
                              ("3", "单位食堂：热食类食品制售")))  # fmt: skip
    number = f"JY{kind}{case.party.area}{_digits(rng, 7)}"
    return _granted(f"准予食品经营许可。经营项目：{items}；经营场所：{case.address}；",
                    number, case.day, 5)  # fmt: skip


def industrial_licence(rng, case) -> Outcome:
    by_trade = {"电缆": INDUSTRIAL_PRODUCTS[0], "化工": INDUSTRIAL_PRODUCTS[1],
                "化肥": INDUSTRIAL_PRODUCTS[2], "建材": INDUSTRIAL_PRODUCTS[3],
                "水泥": INDUSTRIAL_PRODUCTS[4], "包装材料": INDUSTRIAL_PRODUCTS[5]}  # fmt: skip
    product, unit = case.pick(rng, by_trade, INDUSTRIAL_PRODUCTS)
    number = f"辽XK{unit}-{rng.randint(100, 99_999):05d}"
    return _granted(f"准予核发全国工业产品生产许可证。产品名称：{product}；", number, case.day, 5)


def equipment_licence(rng, case) -> Outcome:
    by_trade = {"压力容器": EQUIPMENT_LICENCES[0], "锅炉": EQUIPMENT_LICENCES[1],
                "电梯": EQUIPMENT_LICENCES[2], "起重": EQUIPMENT_LICENCES[3]}  # fmt: skip
    code, item, sub_item = case.pick(rng, by_trade, EQUIPMENT_LICENCES)
    number = f"TS{code}21{rng.randint(1, 999):03d}-{case.day.year + 4}"
    return _granted(f"准予特种设备生产许可。许可项目：{item}；许可子项目：{sub_item}；",
                    number, case.day, 4)  # fmt: skip


def lab_licence(rng, case) -> Outcome:
    number = f"{case.day:%y}21{_digits(rng, 8)}"
    scope = rng.choice(("建筑材料", "食品", "机动车检验", "环境监测", "电子电器"))
    return _granted(
        f"准予检验检测机构资质认定。检验检测能力范围：{scope}领域；", number, case.day, 6
    )


def standard_licence(rng, case) -> Outcome:
    stem = CITY_STEMS[case.place.slug]
    standard = rng.choice(("压力表标准装置", "电子天平检定装置", "燃油加油机检定装置",
                           "出租汽车计价器检定装置", "电能表检定装置"))  # fmt: skip
    number = f"［{case.day.year}］{stem}量标企证字第{rng.randint(1, 999):04d}号"
    return _granted(f"准予计量标准器具核准。计量标准名称：{standard}；", number, case.day, 5)


def ad_review_licence(rng, case) -> Outcome:
    kind, label = rng.choice((("药广审", "药品"), ("械广审", "医疗器械"), ("食健广审", "保健食品")))
    medium = rng.choice(("文", "视", "声"))
    number = f"辽{kind}（{medium}）第{case.day:%y%m%d}-{rng.randint(1, 99_999):05d}号"
    return _granted(
        f"准予{label}广告审查。广告发布内容以审查批准的样件为准；",
        number,
        case.day,
        rng.choice((1, 2, 3)),
    )


def company_licence(rng, case) -> Outcome:
    capital = rng.choice((50, 100, 200, 500, 1_000, 3_000))
    return _granted(f"准予设立登记，核发营业执照。注册资本：{capital}万元人民币；"
                    f"住所：{case.address}；统一社会信用代码：{case.party.code}。", "", case.day,
                    None)  # fmt: skip


def equipment_registration(rng, case) -> Outcome:
    code, label = rng.choice(REGISTERED_EQUIPMENT)
    number = f"{code}辽{CITY_LETTERS[case.city]}{rng.randint(1, 99_999):05d}（{case.day:%y}）"
    return _granted(f"准予特种设备使用登记。设备类别：{label}；使用地点：{case.address}；",
                    number, case.day, None)  # fmt: skip


def operator_licence(rng, case) -> Outcome:
    item = rng.choice(OPERATOR_ITEMS)
    content = f"准予取得《特种设备安全管理和作业人员证》。作业项目：{item}；"
    return _granted(content, "", case.day, 4)


def drug_licence(rng, case) -> Outcome:
    number = f"辽C{CITY_LETTERS[case.city]}{rng.randint(1, 99_999):05d}"
    return _granted(f"准予药品经营许可（零售）。经营范围：中成药、化学药、生物制品（除疫苗）；"
                    f"注册地址：{case.address}；", number, case.day, 5)  # fmt: skip


def workshop_licence(rng, case) -> Outcome:
    food = rng.choice(("豆制品", "糕点", "熟肉制品", "酱腌菜", "米面制品"))
    number = f"辽食坊登字{case.party.area}{rng.randint(1, 9_999):04d}号"
    return _granted(f"准予食品小作坊登记。生产加工品种：{food}；", number, case.day, 3)


# --- scenarios: which power item, where, how often, against whom ------------------------


@dataclass(frozen=True)
class Scenario:
    power: str  # key of a definition in catalog.demo.powers
    kind: str  # licence, penalty, coercion
    write: object  # (rng, Case) -> Outcome
    weights: tuple[int, int, int]  # how often at province, city, county (0 = never)
    parties: str = "o"  # o organisation, b individual business, n natural person
    trades: tuple[str, ...] = ("商贸",)  # what an organisation party's name says it does
    shops: str = "goods"  # what an individual business party runs (a key of SHOPS)


S = Scenario
SCENARIOS = (
    # licences
    S("food-production-special", "licence", special_food_licence, (8, 0, 0),
      trades=("保健品", "生物科技", "乳业", "营养食品")),
    S("industrial-licence", "licence", industrial_licence, (10, 0, 0),
      trades=("电缆", "化工", "建材", "水泥", "化肥", "包装材料")),
    S("equipment-manufacture", "licence", equipment_licence, (4, 0, 0),
      trades=("锅炉制造", "压力容器制造", "机械制造")),
    S("equipment-installation", "licence", equipment_licence, (4, 0, 0),
      trades=("电梯工程", "起重设备安装", "机电设备")),
    S("lab-accreditation", "licence", lab_licence, (5, 0, 0), trades=("检测技术", "检验检测")),
    S("measurement-standards", "licence", standard_licence, (3, 2, 0),
      trades=("石油", "燃气", "热力", "计量检测")),
    S("ad-review", "licence", ad_review_licence, (6, 0, 0),
      trades=("医药", "医疗器械", "保健品", "药业")),
    S("company-registration", "licence", company_licence, (4, 2, 2),
      trades=("科技", "新能源", "商贸", "智能装备", "供应链管理")),
    S("equipment-personnel", "licence", operator_licence, (2, 3, 0), parties="n"),
    S("food-production", "licence", food_production_licence, (0, 4, 0),
      trades=("食品", "乳业", "粮油", "酿酒", "肉类加工")),
    S("food-business", "licence", food_business_licence, (0, 6, 4), parties="ob", shops="catering",
      trades=("餐饮管理", "超市", "商贸", "食品")),
    S("equipment-registration", "licence", equipment_registration, (0, 3, 2),
      trades=("物业管理", "房地产开发", "物流", "热力")),
    S("drug-retail", "licence", drug_licence, (0, 2, 0), trades=("大药房", "医药连锁")),
    S("food-workshop", "licence", workshop_licence, (0, 1, 2), parties="b", shops="food"),
    # penalties
    S("substandard-products", "penalty", substandard_products, (3, 5, 2), parties="ob",
      trades=("商贸", "电器", "建材", "超市")),
    S("expired-food", "penalty", expired_food, (1, 5, 4), parties="ob", shops="food",
      trades=("超市", "商贸", "食品")),
    S("food-labels", "penalty", food_labels, (1, 4, 2), parties="ob", shops="food",
      trades=("食品", "商贸")),
    S("food-records", "penalty", food_records, (0, 3, 3), parties="ob", shops="catering",
      trades=("餐饮管理", "超市", "食品")),
    S("unlicensed-food", "penalty", unlicensed_food, (0, 2, 1), parties="bn", shops="catering"),
    S("price-tags", "penalty", price_tags, (0, 3, 3), parties="ob", shops="market",
      trades=("超市", "商贸")),
    S("price-fraud", "penalty", price_fraud, (1, 3, 1), parties="ob",
      trades=("商贸", "电器", "服饰", "家居")),
    S("false-advertising", "penalty", false_advertising, (3, 3, 0),
      trades=("保健品", "教育咨询", "装饰工程", "医疗美容")),
    S("prohibited-advertising", "penalty", prohibited_advertising, (1, 3, 0), parties="ob",
      shops="online",
      trades=("网络科技", "电子商务", "商贸")),
    S("trademark-infringement", "penalty", trademark_infringement, (2, 4, 2), parties="ob",
      shops="clothes",
      trades=("服饰", "商贸", "鞋业")),
    S("change-not-registered", "penalty", change_not_registered, (0, 2, 1),
      trades=("科技", "商贸", "建筑工程")),
    S("licence-not-displayed", "penalty", licence_not_displayed, (0, 1, 1), parties="b",
      shops="food"),
    S("unlicensed-trade", "penalty", unlicensed_trade, (0, 3, 3), parties="n"),
    S("unverified-instruments", "penalty", unverified_instruments, (0, 3, 3), parties="bn",
      shops="market"),
    S("cheating-instruments", "penalty", cheating_instruments, (1, 2, 0),
      trades=("石油", "能源", "石化")),
    S("equipment-uninspected", "penalty", equipment_uninspected, (1, 3, 1),
      trades=("物业管理", "热力", "物流", "商贸")),
    S("equipment-unregistered", "penalty", equipment_unregistered, (0, 2, 1),
      trades=("物流", "仓储", "建材")),
    S("online-licence", "penalty", online_licence, (0, 2, 0), parties="ob", shops="online",
      trades=("电子商务", "网络科技")),
    S("refused-refund", "penalty", refused_refund, (0, 2, 1), parties="ob",
      trades=("电器", "健身服务", "家具")),
    S("false-publicity", "penalty", false_publicity, (3, 1, 0),
      trades=("生物科技", "食品", "日化")),
    S("bribery", "penalty", bribery, (3, 1, 0), trades=("医疗器械", "医药")),
    S("monopoly-agreement", "penalty", monopoly_agreement, (2, 0, 0), trades=("混凝土", "建材")),
    S("unlicensed-production", "penalty", unlicensed_production, (3, 0, 0),
      trades=("电缆", "钢铁", "化工", "化肥")),
    # coercive measures
    S("seize-products", "coercion", seize_products, (2, 2, 0), parties="ob",
      trades=("商贸", "电器")),
    S("seize-food", "coercion", seize_food, (1, 2, 1), parties="ob", shops="food",
      trades=("冷链物流", "食品")),
    S("seal-equipment", "coercion", seal_equipment, (1, 1, 0), trades=("物业管理", "热力")),
    S("seize-counterfeits", "coercion", seize_counterfeits, (2, 1, 0), parties="ob",
      shops="clothes",
      trades=("服饰", "商贸")),
    S("seize-unlicensed", "coercion", seize_unlicensed, (0, 1, 0), parties="n"),
)  # fmt: skip

# How many decisions of each kind an agency takes: (low, high) per level.
VOLUMES = {
    "province": {"licence": (46, 46), "penalty": (24, 24), "coercion": (6, 6)},
    "city": {"licence": (5, 8), "penalty": (7, 10), "coercion": (1, 2)},
    "county": {"licence": (2, 2), "penalty": (2, 3), "coercion": (0, 1)},
}
LEVEL_INDEX = {"province": 0, "city": 1, "county": 2}

# Decisions staff are still reviewing, and published ones taken off again.
QUEUE = {"liaoning": ("in_review", "in_review"), "shenyang": ("draft",)}
WITHDRAWALS = (
    ("liaoning", "当事人申请行政复议，原行政处罚决定被复议机关撤销，撤回公示。"),
    ("dalian", "公示信息中当事人名称有误，撤回后更正重新公示。"),
    ("shenyang", "当事人已依法申请信用修复并获准，提前停止公示。"),
    ("anshan", "行政许可被依法撤回，撤回原公示。"),
)


@dataclass
class DecisionSpec:
    agency: str  # slug
    number: str
    power_code: str
    kind: str
    decided_on: datetime.date
    party: Party
    outcome: Outcome = field(repr=False)
    publication: Publication | None = field(default=None, repr=False)

    @property
    def lookup(self) -> dict:
        return {"number": self.number}

    @property
    def values(self) -> dict:
        """Model fields other than agency, number and power item."""
        outcome = self.outcome
        return {
            "kind": self.kind,
            "decided_on": self.decided_on,
            "party_kind": self.party.kind,
            "party_name": self.party.name,
            "party_code": self.party.code,
            "legal_representative": self.party.representative,
            "facts": outcome.facts,
            "basis": outcome.basis,
            "content": outcome.content,
            "fine_amount": outcome.fine,
            "confiscated_amount": outcome.confiscated,
            "minor": outcome.minor,
            "licence_number": outcome.licence_number,
            "valid_from": outcome.valid_from,
            "valid_until": outcome.valid_until,
        }


# --- drawing -----------------------------------------------------------------------------


def workday_between(rng: random.Random, first: datetime.date, last: datetime.date):
    day = first + datetime.timedelta(days=rng.randint(0, (last - first).days))
    while not chinese_calendar.is_workday(day) and day > first:
        day -= datetime.timedelta(days=1)
    return day


def available_powers(power_specs, slug: str) -> dict:
    """{definition key: (code, first day a decision may rest on it)} for the agency's
    published items in force."""
    items = {}
    for spec in power_specs:
        publication = spec.publication
        if (
            spec.agency == slug
            and spec.key
            and publication.status == PUBLISHED
            and spec.values["power_status"] == "in_force"
        ):
            items[spec.key] = (spec.code, publication.published_at.date())
    return items


def _party_kind(rng: random.Random, place: Place, scenario: Scenario) -> str:
    """The province deals with companies; cities and counties with anyone."""
    letters = scenario.parties
    if place.level == "province" and "o" in letters:
        letters = "o"
    return _PARTY_KINDS[rng.choice(letters)]


def _draw(rng, place, kind, available, period, count) -> list[DecisionSpec]:
    level = LEVEL_INDEX[place.level]
    scenarios = [
        s for s in SCENARIOS
        if s.kind == kind and s.weights[level] and s.power in available
        and available[s.power][1] < period[1]
    ]  # fmt: skip
    if not scenarios:
        return []
    weights = [s.weights[level] for s in scenarios]
    specs = []
    for _ in range(count):
        scenario = rng.choices(scenarios, weights)[0]
        code, since = available[scenario.power]
        day = workday_between(rng, max(period[0], since + datetime.timedelta(days=1)), period[1])
        case = Case(place, day, make_party(rng, place, _party_kind(rng, place, scenario), scenario))
        outcome = scenario.write(rng, case)
        specs.append(DecisionSpec(place.slug, "", code, kind, day, case.party, outcome))
    return specs


def _old_penalties(rng, place, available) -> list[DecisionSpec]:
    count = OLD_PENALTIES.get(place.slug, 0)
    specs = _draw(rng, place, "penalty", available, OLD_PERIOD, count * 3)
    return [spec for spec in specs if not spec.outcome.minor][:count]


NUMBER_PATTERNS = {
    "licence": "{stem}许〔{year}〕{n}号",
    "penalty": "{stem}处罚〔{year}〕{n}号",
    "coercion": "{stem}强制〔{year}〕{n}号",
}


def number_decisions(rng: random.Random, place: Place, specs: list[DecisionSpec]) -> None:
    """Numbers in date order per kind and year, with gaps for decisions not published."""
    stem = place.doc_prefix.removesuffix("发")
    counters = {}
    for spec in specs:
        slot = (spec.kind, spec.decided_on.year)
        counters[slot] = counters.get(slot, rng.randint(0, 20)) + rng.randint(1, 4)
        pattern = NUMBER_PATTERNS[spec.kind]
        spec.number = pattern.format(stem=stem, year=spec.decided_on.year, n=counters[slot])


def publish_after(rng: random.Random, spec: DecisionSpec) -> Publication:
    """Published one to five days after the decision (within the statutory 7 / 20 working
    days), drafted the day after it."""
    created = office_moment(rng, spec.decided_on + datetime.timedelta(days=1))
    moment = office_moment(rng, spec.decided_on + datetime.timedelta(days=rng.randint(2, 6)))
    opinion = OPINION_PERSON if spec.party.kind == NATURAL_PERSON else OPINION
    return Publication(PUBLISHED, min(created, moment), moment, opinion=opinion)


def _queue_and_withdraw(rng, by_agency: dict) -> None:
    for slug, statuses in QUEUE.items():
        latest = sorted(by_agency[slug], key=lambda s: s.decided_on, reverse=True)
        for spec, status in zip(latest, statuses, strict=False):
            created = office_moment(rng, spec.decided_on + datetime.timedelta(days=1))
            spec.publication = Publication(status, created)
    for slug, reason in WITHDRAWALS:
        candidates = [s for s in by_agency[slug] if s.decided_on.year == 2025]
        spec = candidates[len(candidates) // 2]
        first = spec.publication
        spec.publication = Publication(
            WITHDRAWN, first.created_at, first.published_at,
            withdrawn_at=office_moment(rng, spec.decided_on + datetime.timedelta(days=75)),
            withdrawal_reason=reason, opinion=first.opinion,
        )  # fmt: skip


def build_decision_specs(power_specs) -> list[DecisionSpec]:
    """Every demo decision, agency by agency in date order."""
    rng = random.Random(SEED)  # noqa: S311 (demo data, not secrets)
    by_agency = {}
    for place in ALL_PLACES:
        available = available_powers(power_specs, place.slug)
        specs = _old_penalties(rng, place, available)
        for kind, (low, high) in VOLUMES[place.level].items():
            count = rng.randint(low, high)
            specs += _draw(rng, place, kind, available, (FIRST_DAY, LAST_DAY), count)
        specs.sort(key=lambda s: (s.decided_on, s.kind, s.party.code))
        number_decisions(rng, place, specs)
        for spec in specs:
            spec.publication = publish_after(rng, spec)
        by_agency[place.slug] = specs
    _queue_and_withdraw(rng, by_agency)
    return [spec for place in ALL_PLACES for spec in by_agency[place.slug]]
