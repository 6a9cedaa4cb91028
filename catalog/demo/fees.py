"""The demo fee items (行政事业性收费项目和标准), the fourth clearance.

The provincial bureau and five city bureaus publish the fees they collect, with
the fees that were suspended (暂停征收) or abolished (取消) kept on the list and
marked. Trademark fees are national and appear nowhere here.

The approving documents and the documents that suspended or abolished a fee are
invented and say so (演示数据, 文号虚构); amounts are plausible, not official.
``build_fee_specs()`` returns the same list every time.
"""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from catalog.demo.agencies import ALL_PLACES, Place
from catalog.demo.powers import DRAFT, Publication, published, queued

SEED = 20_230_301
DEMO = "演示数据，文号虚构"
FEE_OPINION = "经保密审查，不涉及国家秘密，收费项目、依据和标准依法应当主动公开，同意公开。"

EQUIPMENT_LAW = "《中华人民共和国特种设备安全法》"
METROLOGY_LAW = "《中华人民共和国计量法》"
FEE_RULES = "《行政事业性收费项目审批管理暂行办法》（财综〔2004〕100号）"

COLLECTED = "collected"
SUSPENDED = "suspended"
ABOLISHED = "abolished"


@dataclass(frozen=True)
class FeeDef:
    key: str
    name: str
    basis: tuple[str, ...]
    approving_document: str
    payer: str
    unit: str = ""
    amount: str | None = None
    amount_min: str | None = None
    amount_max: str | None = None
    standard: str = ""
    status: str = COLLECTED
    collected_from: datetime.date | None = None
    changed_on: datetime.date | None = None  # suspended or abolished on
    status_basis: str = ""
    levels: str = "pc"


FEES = (
    FeeDef(
        "equipment-inspection-fee", "特种设备检验检测费（定期检验）",
        (f"{EQUIPMENT_LAW}第四十条", FEE_RULES),
        f"辽宁省发展和改革委员会 辽宁省财政厅《关于调整特种设备检验检测收费标准的通知》"
        f"（辽发改收费〔2019〕215号，{DEMO}）",
        "特种设备使用单位", unit="台次", amount_min="200.00", amount_max="12000.00",
        standard="电梯定期检验每台次330元；锅炉定期检验按额定蒸发量分档，每台次600元至12000元；"
        "压力容器定期检验每台次200元至3800元；起重机械定期检验每台次400元至2600元。",
        collected_from=datetime.date(2019, 7, 1),
    ),
    FeeDef(
        "equipment-supervision-fee", "特种设备检验检测费（监督检验）",
        (f"{EQUIPMENT_LAW}第二十五条", FEE_RULES),
        f"辽宁省发展和改革委员会 辽宁省财政厅《关于调整特种设备检验检测收费标准的通知》"
        f"（辽发改收费〔2019〕215号，{DEMO}）",
        "特种设备制造、安装、改造、重大修理单位", unit="台（套）",
        standard="制造监督检验按产品出厂价格的0.3%至0.6%收取；安装、改造、重大修理监督检验按"
        "施工合同价款的1%至2%收取，每台（套）不低于300元。",
        amount_min="300.00", collected_from=datetime.date(2019, 7, 1),
    ),
    FeeDef(
        "verification-fee", "计量器具强制检定费",
        (f"{METROLOGY_LAW}第九条", FEE_RULES),
        f"辽宁省物价局 辽宁省财政厅《关于计量检定收费标准的通知》（辽价发〔2016〕38号，{DEMO}）",
        "使用列入强制检定目录的工作计量器具的单位和个人", unit="台（件）",
        amount_min="10.00", amount_max="1500.00",
        standard="按《辽宁省计量检定收费标准》分类计收：电子计价秤每台20元，加油机每枪150元，"
        "出租汽车计价器每台60元。",
        status=SUSPENDED, collected_from=datetime.date(2016, 5, 1),
        changed_on=datetime.date(2024, 4, 1),
        status_basis=f"辽宁省财政厅 辽宁省发展和改革委员会《关于暂停征收计量器具强制检定费的通知》"
        f"（辽财非税〔2024〕8号，{DEMO}）",
        levels="pcx",
    ),
    FeeDef(
        "calibration-fee", "计量检定费（非强制检定）",
        (f"{METROLOGY_LAW}第九条、第十一条", FEE_RULES),
        f"辽宁省物价局 辽宁省财政厅《关于计量检定收费标准的通知》（辽价发〔2016〕38号，{DEMO}）",
        "委托检定的单位和个人", unit="台（件）", amount_min="10.00", amount_max="3000.00",
        standard="按《辽宁省计量检定收费标准》执行；加急检定加收50%。",
        collected_from=datetime.date(2016, 5, 1),
    ),
    FeeDef(
        "equipment-exams", "特种设备作业人员考核费",
        (f"{EQUIPMENT_LAW}第十四条", FEE_RULES),
        f"辽宁省物价局 辽宁省财政厅《关于特种设备作业人员考核收费标准的通知》"
        f"（辽价发〔2015〕71号，{DEMO}）",
        "参加特种设备作业人员考试的人员", unit="人次", amount="100.00",
        standard="理论考试每人次40元，实际操作考试每人次60元。",
        status=SUSPENDED, collected_from=datetime.date(2015, 9, 1),
        changed_on=datetime.date(2025, 7, 1),
        status_basis=f"辽宁省财政厅 辽宁省发展和改革委员会《关于停征特种设备作业人员考核费的通知》"
        f"（辽财非税〔2025〕21号，{DEMO}）",
    ),
    FeeDef(
        "quality-inspection-fee", "产品质量监督检验费",
        ("《中华人民共和国产品质量法》第十五条", FEE_RULES),
        f"原辽宁省物价局 辽宁省财政厅《关于产品质量监督检验收费标准的通知》"
        f"（辽价发〔2008〕102号，{DEMO}）",
        "被抽查的产品生产者", unit="批次", standard="按检验项目和检验成本核定。",
        status=ABOLISHED, collected_from=datetime.date(2008, 10, 1),
        changed_on=datetime.date(2017, 4, 1),
        status_basis=f"财政部 国家发展改革委《关于取消一批行政事业性收费的通知》"
        f"（财税〔2017〕98号，{DEMO}）",
    ),
    FeeDef(
        "industrial-licence-fee", "工业产品生产许可证审查费",
        ("《中华人民共和国工业产品生产许可证管理条例》", FEE_RULES),
        f"原辽宁省物价局 辽宁省财政厅《关于工业产品生产许可证审查收费标准的通知》"
        f"（辽价发〔2006〕55号，{DEMO}）",
        "申请工业产品生产许可证的企业", unit="家次", amount="2200.00",
        status=ABOLISHED, collected_from=datetime.date(2006, 7, 1),
        changed_on=datetime.date(2017, 4, 1),
        status_basis=f"财政部 国家发展改革委《关于取消一批行政事业性收费的通知》"
        f"（财税〔2017〕98号，{DEMO}）",
        levels="p",
    ),
    FeeDef(
        "registration-fee", "企业注册登记费",
        ("《中华人民共和国公司登记管理条例》（已废止）", FEE_RULES),
        f"原国家计委 财政部《关于工商行政管理部门收费标准的通知》（计价格〔1999〕277号，{DEMO}）",
        "申请设立、变更登记的企业", unit="户次",
        standard="按注册资本总额的0.8‰收取，超过1000万元的部分按0.4‰收取。",
        status=ABOLISHED, collected_from=datetime.date(1999, 6, 1),
        changed_on=datetime.date(2013, 9, 1),
        status_basis=f"财政部 国家发展改革委《关于取消和免征一批行政事业性收费的通知》"
        f"（财税〔2013〕67号，{DEMO}）",
    ),
    FeeDef(
        "lab-accreditation-fee", "检验检测机构资质认定评审费",
        ("《中华人民共和国计量法》第二十二条", FEE_RULES),
        f"原辽宁省物价局 辽宁省财政厅《关于计量认证收费标准的通知》（辽价发〔2009〕88号，{DEMO}）",
        "申请资质认定的检验检测机构", unit="家次", amount_min="1500.00", amount_max="6000.00",
        status=ABOLISHED, collected_from=datetime.date(2009, 9, 1),
        changed_on=datetime.date(2015, 11, 1),
        status_basis=f"财政部 国家发展改革委《关于取消、停征和免征一批行政事业性收费的通知》"
        f"（财税〔2015〕102号，{DEMO}）",
        levels="p",
    ),
    FeeDef(
        "individual-business-fee", "个体工商户管理费",
        ("《城乡个体工商户管理暂行条例》（已废止）", FEE_RULES),
        f"原国家计委 财政部《关于调整个体工商户管理费收费标准等有关问题的通知》"
        f"（计价格〔1996〕1130号，{DEMO}）",
        "个体工商户", unit="户·月", amount_min="5.00", amount_max="50.00",
        status=ABOLISHED, collected_from=datetime.date(1996, 8, 1),
        changed_on=datetime.date(2008, 9, 1),
        status_basis=f"财政部 国家发展改革委《关于停止征收个体工商户管理费和集贸市场管理费有关问题"
        f"的通知》（财综〔2008〕61号，{DEMO}）",
        levels="c",
    ),
    FeeDef(
        "market-fee", "集贸市场管理费",
        ("《城乡集市贸易管理办法》（已废止）", FEE_RULES),
        f"原国家计委 财政部《关于集贸市场管理费收费标准的通知》（计价格〔1996〕1131号，{DEMO}）",
        "集贸市场内的经营者", unit="户·月", standard="按成交额的1%以内收取。",
        status=ABOLISHED, collected_from=datetime.date(1996, 8, 1),
        changed_on=datetime.date(2008, 9, 1),
        status_basis=f"财政部 国家发展改革委《关于停止征收个体工商户管理费和集贸市场管理费有关问题"
        f"的通知》（财综〔2008〕61号，{DEMO}）",
        levels="c",
    ),
)  # fmt: skip

# The city bureaus that publish fee items of their own (the others have none).
FEE_CITIES = ("shenyang", "dalian", "anshan", "jinzhou", "chaoyang")
# A revised standard the province is still drafting.
PROVINCIAL_DRAFT = FeeDef(
    "equipment-inspection-fee-2027", "特种设备检验检测费（定期检验，2027年起执行标准）",
    (f"{EQUIPMENT_LAW}第四十条", FEE_RULES),
    f"辽宁省发展和改革委员会 辽宁省财政厅《关于调整特种设备检验检测收费标准的通知（征求意见稿）》"
    f"（{DEMO}）",
    "特种设备使用单位", unit="台次", amount_min="180.00", amount_max="11000.00",
    collected_from=datetime.date(2027, 1, 1), levels="p",
)  # fmt: skip


@dataclass
class FeeSpec:
    agency: str  # slug
    code: str
    key: str
    values: dict
    publication: Publication

    @property
    def lookup(self) -> dict:
        return {"code": self.code}


def _money(amount: str | None) -> Decimal | None:
    return Decimal(amount) if amount else None


def fee_values(place: Place, fee: FeeDef, position: int) -> dict:
    return {
        "name": fee.name,
        "legal_basis": "\n".join(fee.basis),
        "approving_document": fee.approving_document,
        "amount": _money(fee.amount),
        "amount_min": _money(fee.amount_min),
        "amount_max": _money(fee.amount_max),
        "unit": fee.unit,
        "standard": fee.standard,
        "payer": fee.payer,
        "fee_status": fee.status,
        "collected_from": fee.collected_from,
        "suspended_on": fee.changed_on if fee.status == SUSPENDED else None,
        "abolished_on": fee.changed_on if fee.status == ABOLISHED else None,
        "status_basis": fee.status_basis,
        "sort_order": position * 10,
    }


def _fees_of(place: Place) -> list[FeeDef]:
    if place.level == "province":
        return [fee for fee in FEES if "p" in fee.levels] + [PROVINCIAL_DRAFT]
    if place.slug in FEE_CITIES:
        return [fee for fee in FEES if "c" in fee.levels]
    return []


def build_fee_specs() -> list[FeeSpec]:
    rng = random.Random(SEED)  # noqa: S311 (demo data, not secrets)
    specs = []
    for serial, place in enumerate(ALL_PLACES):
        first = datetime.date(2023, 3, 20) + datetime.timedelta(days=serial % 14 * 3)
        for position, fee in enumerate(_fees_of(place), start=1):
            publication = (
                queued(rng, DRAFT)
                if fee is PROVINCIAL_DRAFT
                else published(rng, first + datetime.timedelta(days=rng.randint(0, 3)),
                               FEE_OPINION)
            )  # fmt: skip
            specs.append(
                FeeSpec(
                    agency=place.slug,
                    code=f"{place.area_code}-SF-{position:03d}",
                    key=fee.key,
                    values=fee_values(place, fee, position),
                    publication=publication,
                )
            )
    return specs
