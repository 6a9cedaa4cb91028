"""Invented applicants of the demo: people with valid resident ID numbers (GB 11643) and
organisations with valid unified social credit codes (GB 32100).

Plain data and pure functions: the same ``random.Random`` gives the same people.
Names, numbers, phones and addresses are invented; e-mail addresses use
``example.com``. Only applicants who write by e-mail or want the reply by e-mail
have an address (each public step of their request is e-mailed to them).
"""

import datetime
import random
from dataclasses import dataclass

from catalog.demo.agencies import CITIES, organisation_check_character
from catalog.validators import (
    CREDIT_CODE_ALPHABET,
    credit_code_check_character,
    resident_id_check_character,
)
from requests_app.models import ApplicantKind, IdType

SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
    "苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红鹏辉建国宇浩然子涵"
    "欣怡梓轩思远晓东雪梅立新志刚海燕春生永福德胜文博佳琪雨萱振宇国庆丹凤宏伟淑珍"
)

# District codes (the first six digits of an ID number) and streets, by city slug.
DISTRICTS = {
    "shenyang": (("210102", "和平区"), ("210103", "沈河区"), ("210104", "大东区"),
                 ("210105", "皇姑区"), ("210106", "铁西区"), ("210112", "浑南区")),
    "dalian": (("210202", "中山区"), ("210203", "西岗区"), ("210204", "沙河口区"),
               ("210211", "甘井子区"), ("210213", "金州区")),
    "anshan": (("210302", "铁东区"), ("210303", "铁西区"), ("210381", "海城市")),
    "fushun": (("210402", "新抚区"), ("210403", "东洲区")),
    "benxi": (("210502", "平山区"), ("210503", "溪湖区")),
    "dandong": (("210602", "元宝区"), ("210603", "振兴区")),
    "jinzhou": (("210702", "古塔区"), ("210703", "凌河区"), ("210711", "太和区")),
    "yingkou": (("210802", "站前区"), ("210803", "西市区")),
    "fuxin": (("210902", "海州区"), ("210903", "新邱区")),
    "liaoyang": (("211002", "白塔区"), ("211003", "文圣区")),
    "panjin": (("211102", "双台子区"), ("211103", "兴隆台区")),
    "tieling": (("211202", "银州区"), ("211204", "清河区")),
    "chaoyang": (("211302", "双塔区"), ("211382", "凌源市")),
    "huludao": (("211402", "连山区"), ("211403", "龙港区")),
}  # fmt: skip
CITY_NAMES = {
    "shenyang": "沈阳市", "dalian": "大连市", "anshan": "鞍山市", "fushun": "抚顺市",
    "benxi": "本溪市", "dandong": "丹东市", "jinzhou": "锦州市", "yingkou": "营口市",
    "fuxin": "阜新市", "liaoyang": "辽阳市", "panjin": "盘锦市", "tieling": "铁岭市",
    "chaoyang": "朝阳市", "huludao": "葫芦岛市",
}  # fmt: skip
POSTCODES = {
    "shenyang": "110000", "dalian": "116000", "anshan": "114000", "fushun": "113000",
    "benxi": "117000", "dandong": "118000", "jinzhou": "121000", "yingkou": "115000",
    "fuxin": "123000", "liaoyang": "111000", "panjin": "124000", "tieling": "112000",
    "chaoyang": "122000", "huludao": "125000",
}  # fmt: skip
STREETS = (
    "中山路", "人民路", "建设大路", "解放路", "胜利街", "长江街", "黄河大街", "青年大街",
    "北京街", "文化路", "和平路", "光明街", "民主路", "兴工街", "新华路", "滨河路",
)  # fmt: skip

# Invented companies: a place, a brand and a trade.
BRANDS = (
    "华晟", "鑫源", "恒泰", "瑞丰", "金鼎", "宏达", "嘉禾", "盛隆", "北辰", "天润", "佳美",
    "汇通", "裕丰", "万和", "永信", "博远", "辽海", "长兴", "德润", "海川", "兴业", "启明",
)  # fmt: skip
TRADES = (
    "商贸有限公司", "食品有限公司", "电梯工程有限公司", "建材有限公司", "医疗器械有限公司",
    "超市有限公司", "餐饮管理有限公司", "汽车销售服务有限公司", "化工有限公司", "电子商务有限公司",
    "物业服务有限公司", "农产品有限公司", "药房连锁有限公司",
)  # fmt: skip
# The other organisations: kind -> (credit-code prefix, ((name, city slug), ...)).
ORGANISATIONS = {
    ApplicantKind.RESEARCH: (
        "12",
        (("盛京消费经济研究院", "shenyang"), ("渤海食品安全研究中心", "dalian"),
         ("北方质量技术研究院", "shenyang"), ("辽东市场治理研究所", "dandong"),
         ("辽河标准化研究中心", "panjin")),
    ),
    ApplicantKind.PUBLIC_INTEREST: (
        "52",
        (("辽宁绿源环保公益服务中心", "shenyang"), ("沈阳阳光消费维权公益服务中心", "shenyang"),
         ("大连海蓝公益发展中心", "dalian"), ("鞍山晨曦社区公益服务中心", "anshan")),
    ),
    ApplicantKind.LEGAL_SERVICE: (
        "31",
        (("辽宁正衡律师事务所", "shenyang"), ("大连海誉律师事务所", "dalian"),
         ("沈阳明德律师事务所", "shenyang"), ("辽宁信达律师事务所", "shenyang"),
         ("锦州文衡律师事务所", "jinzhou"), ("营口广正律师事务所", "yingkou")),
    ),
    ApplicantKind.OTHER: (
        "93",
        (("新民市绿野果蔬种植专业合作社", "shenyang"), ("盘锦稻香农机专业合作社", "panjin"),
         ("海城市兴农蔬菜专业合作社", "anshan"), ("凌源市山花养蜂专业合作社", "chaoyang")),
    ),
}  # fmt: skip
PHONE_PREFIXES = {place.slug: place.phone_prefix for place in CITIES}
# The organisation code inside a credit code uses the credit code's alphabet.
ORG_CODE_CHARS = CREDIT_CODE_ALPHABET


@dataclass(frozen=True)
class Applicant:
    """An applicant as the form would hand it to the intake (Art. 29 (1))."""

    serial: int
    kind: str
    name: str
    city: str  # slug of the city they live or are registered in
    phone: str
    address: str
    postcode: str
    id_type: str = ""
    id_number: str = ""
    organisation_code: str = ""
    legal_representative: str = ""
    contact_person: str = ""

    @property
    def is_person(self) -> bool:
        return self.kind == ApplicantKind.NATURAL_PERSON

    @property
    def email(self) -> str:
        return f"applicant{self.serial:04d}@example.com"

    def fields(self, *, with_email: bool) -> dict:
        """The applicant's part of an application's cleaned data."""
        return {
            "applicant_kind": self.kind,
            "applicant_name": self.name,
            "id_type": self.id_type,
            "id_number": self.id_number,
            "organisation_code": self.organisation_code,
            "legal_representative": self.legal_representative,
            "contact_person": self.contact_person,
            "phone": self.phone,
            "email": self.email if with_email else "",
            "address": self.address,
            "postcode": self.postcode,
        }


def person_name(rng: random.Random) -> str:
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES) + given


def resident_id(area: str, born: datetime.date, sequence: int) -> str:
    """A resident ID number (GB 11643-1999) with its check character."""
    first17 = f"{area}{born:%Y%m%d}{sequence % 1000:03d}"
    return first17 + resident_id_check_character(first17)


def credit_code(prefix: str, area: str, rng: random.Random) -> str:
    """A unified social credit code (GB 32100-2015): the registration authority and kind,
    the area code, a nine-character organisation code (GB 11714 check) and the check."""
    first8 = "".join(rng.choice(ORG_CODE_CHARS) for _ in range(8))
    organisation = first8 + organisation_check_character(first8)  # a digit or X
    first17 = f"{prefix}{area}{organisation}"
    return first17 + credit_code_check_character(first17)


def mobile(rng: random.Random) -> str:
    return rng.choice(("139", "138", "186", "158", "135", "152", "189", "177")) + (
        f"{rng.randrange(10**8):08d}"
    )


def _home(rng: random.Random, city: str) -> tuple[str, str, str]:
    """(district code, address, postcode) somewhere in ``city``."""
    code, district = rng.choice(DISTRICTS[city])
    street = f"{rng.choice(STREETS)}{rng.randint(1, 399)}号"
    if rng.random() < 0.8:
        street += f"{rng.randint(1, 30)}-{rng.randint(1, 6)}-{rng.randint(1, 3)}"
    return code, f"辽宁省{CITY_NAMES[city]}{district}{street}", POSTCODES[city]


def make_person(rng: random.Random, serial: int, city: str) -> Applicant:
    area, address, postcode = _home(rng, city)
    born = datetime.date(1950, 1, 1) + datetime.timedelta(days=rng.randrange(365 * 54))
    if rng.random() < 0.03:
        id_type, number = IdType.HK_MACAO_PERMIT, f"H{rng.randrange(10**8):08d}"
    else:
        id_type, number = IdType.RESIDENT_ID, resident_id(area, born, rng.randrange(1, 1000))
    return Applicant(
        serial=serial,
        kind=ApplicantKind.NATURAL_PERSON,
        name=person_name(rng),
        city=city,
        phone=mobile(rng),
        address=address,
        postcode=postcode,
        id_type=id_type,
        id_number=number,
    )


def phone(rng: random.Random, city: str) -> str:
    """A mobile number, or now and then a landline with the city's area code."""
    if rng.random() < 0.7:
        return mobile(rng)
    return f"{PHONE_PREFIXES[city]}-{rng.randrange(2 * 10**7, 9 * 10**7)}"


def make_organisation(rng: random.Random, serial: int, kind: str, name: str, city: str):
    area, address, postcode = _home(rng, city)
    prefix = "91" if kind == ApplicantKind.COMMERCIAL else ORGANISATIONS[kind][0]
    return Applicant(
        serial=serial,
        kind=kind,
        name=name,
        city=city,
        phone=phone(rng, city),
        address=address,
        postcode=postcode,
        organisation_code=credit_code(prefix, area, rng),
        legal_representative=person_name(rng),
        contact_person=person_name(rng),
    )


def company_name(rng: random.Random, city: str) -> str:
    return CITY_NAMES[city].removesuffix("市") + rng.choice(BRANDS) + rng.choice(TRADES)


def company(rng: random.Random, city: str) -> tuple[str, str]:
    """An invented company a request is about: (name, credit code)."""
    area, _address, _postcode = _home(rng, city)
    return company_name(rng, city), credit_code("91", area, rng)


def build_pool(rng: random.Random, cities: list[str], people: int, companies: int) -> dict:
    """The demo's applicants by kind: ``people`` persons, ``companies`` companies (distinct
    names) and every named organisation of the other kinds, each with its own numbers."""
    pool = {kind: [] for kind in ApplicantKind.values}
    serial = 0
    for _ in range(people):
        serial += 1
        pool[ApplicantKind.NATURAL_PERSON].append(make_person(rng, serial, rng.choice(cities)))
    names = set()
    while len(pool[ApplicantKind.COMMERCIAL]) < companies:
        city = rng.choice(cities)
        name = company_name(rng, city)
        if name not in names:
            names.add(name)
            serial += 1
            pool[ApplicantKind.COMMERCIAL].append(
                make_organisation(rng, serial, ApplicantKind.COMMERCIAL, name, city)
            )
    for kind, (_prefix, named) in ORGANISATIONS.items():
        for name, city in named:
            serial += 1
            pool[kind].append(make_organisation(rng, serial, kind, name, city))
    return pool
