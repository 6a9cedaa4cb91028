"""The demo bureau system: the provincial market regulator, its 14 city bureaus and a
few county / district bureaus, with invented but realistic contact data.

Everything here is plain data and pure functions, so the same input always gives
the same agencies. Addresses, phone numbers, people and e-mail addresses are
invented; e-mail and web addresses use ``example.cn`` so nothing points at a real
office.
"""

from dataclasses import dataclass, field

from catalog.validators import CREDIT_CODE_ALPHABET, credit_code_check_character

RECEPTION_HOURS = "周一至周五 上午8:30-11:30 下午13:00-17:00 (法定节假日除外)"
OFFICE_HOURS = "周一至周五 8:30-17:00 (法定节假日除外)"

# GB 11714: the organisation code (组织机构代码) inside a credit code has its own
# check character, computed over its first eight characters.
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_VALUES = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def organisation_check_character(first8: str) -> str:
    total = sum(_ORG_VALUES.index(c) * w for c, w in zip(first8, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def credit_code(area_code: str, serial: int) -> str:
    """A government organ's code: 1 (机构编制) 1 (机关), the 6-digit area code and an
    organisation code ``MB`` + 6 digits + its GB 11714 check, then the GB 32100 check."""
    org8 = f"MB{(215_301 + serial * 7_919) % 1_000_000:06d}"
    first17 = f"11{area_code}{org8}{organisation_check_character(org8)}"
    assert all(c in CREDIT_CODE_ALPHABET for c in first17)
    return first17 + credit_code_check_character(first17)


@dataclass(frozen=True)
class Place:
    """One bureau of the system, described by where it is."""

    slug: str
    name: str  # 辽宁省市场监督管理局
    short_name: str  # 省市场监管局
    place: str  # the place name used in text: 辽宁省, 沈阳市, 沈阳市和平区
    level: str  # province / city / county
    area_code: str
    phone_prefix: str
    postcode: str
    street: str  # invented address, without the place
    doc_prefix: str  # prefix of document numbers: 辽市监发 -> 辽市监发〔2025〕12号
    parent: str = ""
    accepts_email: bool = True
    accepts_fax: bool = True
    head: str = ""
    deputies: tuple[str, ...] = field(default_factory=tuple)


def _city(slug, city, area, phone, postcode, street, doc, head, deputies, *, email=True):
    return Place(
        slug=slug,
        name=f"{city}市场监督管理局",
        short_name=f"{city.removesuffix('市')}市市场监管局",
        place=city,
        level="city",
        area_code=area,
        phone_prefix=phone,
        postcode=postcode,
        street=street,
        doc_prefix=doc,
        parent="liaoning",
        accepts_email=email,
        accepts_fax=email,
        head=head,
        deputies=deputies,
    )


def _county(slug, parent, city, county, area, phone, postcode, street, doc, head, deputies):
    return Place(
        slug=slug,
        name=f"{city}{county}市场监督管理局",
        short_name=f"{county}市场监管局",
        place=f"{city}{county}",
        level="county",
        area_code=area,
        phone_prefix=phone,
        postcode=postcode,
        street=street,
        doc_prefix=doc,
        parent=parent,
        accepts_email=False,
        accepts_fax=False,
        head=head,
        deputies=deputies,
    )


PROVINCE = Place(
    slug="liaoning",
    name="辽宁省市场监督管理局",
    short_name="省市场监管局",
    place="辽宁省",
    level="province",
    area_code="210000",
    phone_prefix="024",
    postcode="110032",
    street="沈阳市皇姑区崇山东路36号",
    doc_prefix="辽市监发",
    head="周建国",
    deputies=("李世凯", "王晓东", "陈立新", "赵红梅"),
)

# The 14 cities, in the order the province lists them.
CITIES = (
    _city("shenyang", "沈阳市", "210100", "024", "110013", "沈河区市府大路260号",
          "沈市监发", "刘志强", ("孙丽华", "马骏", "郭永平")),
    _city("dalian", "大连市", "210200", "0411", "116001", "中山区人民路75号",
          "大市监发", "杨海涛", ("何静", "邓卫国", "宋晓光")),
    _city("anshan", "鞍山市", "210300", "0412", "114004", "铁东区胜利南路39号",
          "鞍市监发", "吴国庆", ("徐明", "韩冬梅")),
    _city("fushun", "抚顺市", "210400", "024", "113006", "新抚区浑河南路中段12号",
          "抚市监发", "高建华", ("曹阳", "彭春生"), email=False),
    _city("benxi", "本溪市", "210500", "024", "117000", "平山区光明路58号",
          "本市监发", "梁玉成", ("唐晓梅", "冯立军"), email=False),
    _city("dandong", "丹东市", "210600", "0415", "118000", "振兴区锦山大街118号",
          "丹市监发", "董振华", ("于海燕", "程刚")),
    _city("jinzhou", "锦州市", "210700", "0416", "121000", "太和区解放路五段27号",
          "锦市监发", "萧长林", ("蔡文静", "潘志勇")),
    _city("yingkou", "营口市", "210800", "0417", "115003", "站前区渤海大街西88号",
          "营市监发", "田国栋", ("杜晓红", "戴建军")),
    _city("fuxin", "阜新市", "210900", "0418", "123000", "海州区中华路66号",
          "阜市监发", "夏永刚", ("钟丽", "汪洪波"), email=False),
    _city("liaoyang", "辽阳市", "211000", "0419", "111000", "白塔区新运大街128号",
          "辽阳市监发", "任宏伟", ("姜秀英", "范德军")),
    _city("panjin", "盘锦市", "211100", "0427", "124010", "兴隆台区市府大街52号",
          "盘市监发", "方立群", ("石美玲", "姚振东")),
    _city("tieling", "铁岭市", "211200", "024", "112000", "银州区广裕街19号",
          "铁市监发", "谭卫东", ("廖晓燕", "邹成林"), email=False),
    _city("chaoyang", "朝阳市", "211300", "0421", "122000", "双塔区朝阳大街三段41号",
          "朝市监发", "熊建平", ("金凤", "陆志刚")),
    _city("huludao", "葫芦岛市", "211400", "0429", "125000", "龙港区龙湾大街99号",
          "葫市监发", "白晓明", ("崔玉兰", "孔繁荣")),
)  # fmt: skip

COUNTIES = (
    _county("shenyang-heping", "shenyang", "沈阳市", "和平区", "210102", "024", "110001",
            "南京北街172号", "和平市监发", "贾立伟", ("夏雪",)),
    _county("shenyang-hunnan", "shenyang", "沈阳市", "浑南区", "210112", "024", "110168",
            "创新路201号", "浑南市监发", "邱明远", ("薛红",)),
    _county("dalian-jinzhou", "dalian", "大连市", "金州区", "210213", "0411", "116100",
            "斯大林路518号", "金州市监发", "侯振宇", ("易春梅",)),
    _county("anshan-haicheng", "anshan", "鞍山市", "海城市", "210381", "0412", "114200",
            "海州管理区府前街16号", "海城市监发", "黎国平", ("常丽娟",)),
    _county("chaoyang-lingyuan", "chaoyang", "朝阳市", "凌源市", "211382", "0421", "122500",
            "红山街道市府路8号", "凌源市监发", "武德胜", ("乔晓芳",)),
)  # fmt: skip

ALL_PLACES = (PROVINCE, *CITIES, *COUNTIES)


def address(place: Place) -> str:
    return place.street if place.level == "province" else place.place + place.street


def phone(place: Place, serial: int, suffix: int) -> str:
    """An invented 8-digit (7 after long area codes) local number."""
    digits = 8 if place.phone_prefix in ("024", "0411") else 7
    number = f"{(2_315_000 + serial * 4_127 + suffix * 11) % 10**digits:0{digits}d}"
    number = ("8" + number[1:]) if digits == 8 else ("3" + number[1:])
    return f"{place.phone_prefix}-{number}"


FUNCTIONS_TEMPLATE = (
    "（一）负责{place}市场综合监督管理，起草有关地方性法规、规章草案，制定有关规范性文件，"
    "组织实施质量强省（市）战略、食品安全战略和标准化战略。",
    "（二）负责{place}市场主体统一登记注册，指导各类企业、农民专业合作社和从事经营活动的单位、"
    "个体工商户以及外国（地区）企业常驻代表机构等市场主体的登记注册工作，建立市场主体信息公示和共享机制。",
    "（三）负责组织和指导{place}市场监管综合执法工作，规范市场监管行政执法行为，"
    "依法查处违法违规行为。",
    "（四）负责监督管理{place}市场秩序，依法监督管理市场交易、网络商品交易及有关服务的行为，"
    "组织实施价格监督检查、反不正当竞争工作，指导广告业发展，监督管理广告活动。",
    "（五）负责{place}产品质量安全监督管理，组织实施产品质量监督抽查，"
    "管理工业产品生产许可工作，组织实施质量分级制度、质量安全追溯制度。",
    "（六）负责{place}食品安全监督管理综合协调，组织开展食品安全监督抽检、风险监测、核查处置"
    "和风险预警、风险交流工作，承担本级食品安全委员会日常工作。",
    "（七）负责{place}消费者权益保护工作，指导开展消费维权，受理处置消费者投诉举报，"
    "组织开展有关服务领域消费维权工作。",
    "（八）负责{place}知识产权保护和商标、专利执法工作，推进信用监管，"
    "建立以信用为基础的新型监管机制。",
    "（九）负责本机关政府信息公开工作，组织编制并更新政府信息公开指南和目录，"
    "受理和答复政府信息公开申请。",
    "（十）完成{government}交办的其他任务。",
)


def functions_text(place: Place) -> str:
    government = {
        "province": "省委、省政府",
        "city": "市委、市政府",
        "county": "区（县、市）委、政府",
    }
    return "\n".join(
        line.format(place=place.place, government=government[place.level])
        for line in FUNCTIONS_TEMPLATE
    )


_STAFFING = {
    # level: (行政编制, 事业编制, 副职数)
    "province": (186, 64, 4),
    "city": (98, 36, 3),
    "county": (42, 12, 2),
}


def staffing_numbers(place: Place, serial: int) -> tuple[int, int, int]:
    """(administrative posts, public-institution posts, deputy heads) of the agency."""
    admin, service, deputies = _STAFFING[place.level]
    return admin - serial % 7 * 3, service - serial % 5 * 2, deputies


def staffing_text(place: Place, serial: int) -> str:
    admin, service, deputies = staffing_numbers(place, serial)
    return (
        f"{place.name}机关行政编制{admin}名，事业编制{service}名（所属信息中心）。"
        f"领导职数：局长1名，副局长{deputies}名；"
        f"派驻纪检监察组组长1名。内设机构领导职数按有关规定核定。"
    )


def leaders_text(place: Place) -> str:
    lines = [f"局长：{place.head}（主持全面工作）"]
    duties = ("分管办公室、法规、信息中心", "分管登记注册、信用监督管理", "分管产品质量、食品安全",
              "分管消费者权益保护、广告监督管理")  # fmt: skip
    for name, duty in zip(place.deputies, duties, strict=False):
        lines.append(f"副局长：{name}（{duty}）")
    return "\n".join(lines)


def structure_text(place: Place, department_names: list[str]) -> str:
    count = len(department_names)
    return f"{place.name}设{count}个内设机构：" + "、".join(department_names) + "。"


def website(place: Place) -> str:
    return f"https://{place.slug}.amr.example.cn/"


def email(place: Place, mailbox: str) -> str:
    return f"{mailbox}@{place.slug}.amr.example.cn"


def agency_fields(place: Place, serial: int, department_names: list[str]) -> dict:
    """Every field of the ``Agency`` row except the parent."""
    addr = address(place)
    return {
        "name": place.name,
        "short_name": place.short_name,
        "credit_code": credit_code(place.area_code, serial),
        "level": place.level,
        "sort_order": serial,
        "address": addr,
        "postcode": place.postcode,
        "phone": phone(place, serial, 1),
        "fax": phone(place, serial, 2),
        "email": email(place, "bgs"),
        "website": website(place),
        "office_hours": OFFICE_HOURS,
        "leaders": leaders_text(place),
        "reception_office": f"{place.short_name}政府信息公开办公室",
        "reception_address": f"{addr}一楼政务服务大厅政府信息公开受理窗口",
        "reception_hours": RECEPTION_HOURS,
        "reception_phone": phone(place, serial, 3),
        "reception_fax": phone(place, serial, 4) if place.accepts_fax else "",
        "reception_email": email(place, "xxgk") if place.accepts_email else "",
        "accepts_online": True,
        "accepts_email": place.accepts_email,
        "accepts_fax": place.accepts_fax,
        "functions": functions_text(place),
        "staffing": staffing_text(place, serial),
        "structure": structure_text(place, department_names),
    }
