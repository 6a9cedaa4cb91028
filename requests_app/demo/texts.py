"""What the demo's applicants ask a market regulator for, and how the agencies answer.

A ``Subject`` is a kind of request (a company's registration file, a penalty
decision, sampling results, the handling of a complaint ...) with the Chinese
wording of its title and description, the department that holds the
information, and the answers it typically gets (weights for the random fill).
``REPLIES`` holds the reply text of every answer. Placeholders are filled by
``values(...)``; everything is invented.
"""

import datetime
import random
from dataclasses import dataclass

from requests_app.demo import people
from requests_app.models import ApplicantKind
from requests_app.outcomes import Answer, Outcome

O = Outcome  # noqa: E741 - short names keep the tables below readable
A = Answer


@dataclass(frozen=True)
class Subject:
    key: str
    department: str  # key of ``catalog.demo.departments``
    title: str
    description: str
    answers: tuple[tuple[str, int], ...]
    number: str = ""
    weight: int = 1
    right_agency: str = ""  # who holds it, for "not this agency's"


SUBJECTS = (
    Subject(
        "registration-file", "registration",
        "{company}企业登记档案",
        "申请公开{company}（统一社会信用代码{company_code}）自成立以来的企业登记档案，包括设立"
        "登记申请书、公司章程、股东名录及出资情况、历次变更登记材料。{self}与该公司存在合同纠纷，"
        "需用于诉讼。",
        ((O.WITHHELD_QUERY_MATTER, 8), (A.NOT_THIS_AGENCY, 1), (O.PARTIAL, 1)),
        weight=9, right_agency="该公司登记机关所在地的市场监督管理部门",
    ),
    Subject(
        "penalty-decision", "legal",
        "{org}对{company}作出的行政处罚决定书",
        "申请公开贵局对{company}作出的{number}行政处罚决定书全文（电子版）。",
        ((O.GRANTED, 4), (A.ALREADY_DISCLOSED, 4), (O.PARTIAL, 2), (O.UNAVAILABLE_NOT_HELD, 1)),
        number="{penalty_prefix}〔{year}〕{serial}号", weight=10,
    ),
    Subject(
        "enforcement-file", "legal",
        "{company}涉嫌{violation}案调查材料",
        "申请公开贵局查处{company}涉嫌{violation}一案的立案审批表、现场检查笔录、询问笔录、"
        "抽样取证记录及案件调查终结报告。",
        ((O.WITHHELD_ENFORCEMENT_FILE, 6), (O.PARTIAL, 1), (O.WITHHELD_PROCESS_INFO, 1)),
        weight=6,
    ),
    Subject(
        "complaint-result", "consumer",
        "对{company}投诉举报的处理结果",
        "{self}于{date}通过全国12315平台举报{company}{violation}（登记编号{complaint_no}），"
        "申请公开贵局对该举报的核查处理情况及处理结果。",
        ((O.GRANTED, 5), (O.PARTIAL, 2), (O.NOT_HANDLED_PETITION, 2), (O.UNAVAILABLE_NOT_HELD, 1)),
        weight=12,
    ),
    Subject(
        "food-sampling", "food",
        "{year}年第{batch}期食品安全监督抽检{food}检验报告",
        "申请公开贵局{year}年第{batch}期食品安全监督抽检中{company}生产的{food}（生产日期{lot}）"
        "的检验报告、不合格项目及核查处置情况。",
        ((O.GRANTED, 3), (A.ALREADY_DISCLOSED, 3), (O.PARTIAL, 2), (O.UNAVAILABLE_NOT_HELD, 1)),
        weight=8,
    ),
    Subject(
        "product-spot-check", "product",
        "{year}年{place}{goods}产品质量监督抽查结果",
        "申请公开{year}年{place}{goods}产品质量监督抽查的实施方案、被抽查企业名单、检验结论及"
        "不合格产品后处理情况。",
        ((A.ALREADY_DISCLOSED, 4), (O.GRANTED, 3), (O.PARTIAL, 1),
         (O.UNAVAILABLE_NEEDS_COMPILING, 1)),
        weight=6,
    ),
    Subject(
        "normative-document", "legal",
        "《{normative}》",
        "申请公开贵局制发的《{normative}》（{number}）全文及其附件。",
        ((A.ALREADY_DISCLOSED, 5), (O.GRANTED, 3), (O.UNAVAILABLE_NOT_HELD, 1),
         (O.WITHHELD_PROCESS_INFO, 1)),
        number="{doc_prefix}〔{year}〕{serial}号", weight=6,
    ),
    Subject(
        "statistics", "registration",
        "{place}{year}年度市场主体登记统计数据",
        "申请公开{place}{year}年度新设立、注销的企业和个体工商户数量统计数据，按国民经济行业门类"
        "分列，并注明各行业的注册资本合计。",
        ((O.GRANTED, 3), (A.ALREADY_DISCLOSED, 1), (O.UNAVAILABLE_NEEDS_COMPILING, 4)),
        weight=5,
    ),
    Subject(
        "licence-file", "registration",
        "{company}{licence}审批材料",
        "申请公开{company}{licence}的申请材料、现场核查记录和许可决定书。",
        ((O.PARTIAL, 3), (O.WITHHELD_THIRD_PARTY, 2), (O.GRANTED, 2), (O.WITHHELD_QUERY_MATTER, 1)),
        weight=6,
    ),
    Subject(
        "elevator", "product",
        "{street}小区电梯定期检验报告",
        "申请公开{street}小区{building}号楼{unit}单元电梯的使用登记信息、最近一次定期检验报告及"
        "维护保养单位信息。{self}系该单元业主。",
        ((O.GRANTED, 3), (O.PARTIAL, 1), (O.UNAVAILABLE_NOT_HELD, 2), (A.NOT_THIS_AGENCY, 1)),
        weight=5, right_agency="承担该电梯定期检验的特种设备检验机构",
    ),
    Subject(
        "price-inspection", "price",
        "{year}年{festival}期间价格监督检查情况",
        "申请公开贵局{year}年{festival}期间对{place}{market}开展价格监督检查的检查情况汇总及"
        "查处的价格违法案件。",
        ((O.GRANTED, 2), (O.PARTIAL, 1), (A.NOT_THIS_AGENCY, 1),
         (O.UNAVAILABLE_NEEDS_COMPILING, 1)),
        weight=3, right_agency="同级发展和改革部门（价格监测）",
    ),
    Subject(
        "advertising", "advertising",
        "{company}发布违法广告案的处理结果",
        "申请公开贵局对{company}在{media}发布{advert}违法广告一案的查处结果，包括行政处罚决定书。",
        ((O.GRANTED, 3), (A.ALREADY_DISCLOSED, 2), (O.WITHHELD_ENFORCEMENT_FILE, 1)),
        weight=3,
    ),
    Subject(
        "internal-affairs", "office",
        "{org}{year}年度{internal}",
        "申请公开贵局{year}年度{internal}。",
        ((O.WITHHELD_INTERNAL_AFFAIRS, 6), (O.PARTIAL, 1)),
        weight=3,
    ),
    Subject(
        "process-information", "office",
        "关于{matter}的内部研究材料",
        "申请公开贵局研究{matter}过程中形成的会议纪要、内部请示、讨论记录和征求意见汇总。",
        ((O.WITHHELD_PROCESS_INFO, 6), (O.PARTIAL, 1)),
        weight=3,
    ),
    Subject(
        "security-plan", "product",
        "{year}年{event}期间特种设备安全保障工作方案",
        "申请公开{year}年{event}期间{place}特种设备安全保障工作方案全文，包括保障点位和力量部署。",
        ((O.WITHHELD_STATE_SECRET, 4), (O.WITHHELD_SECURITY_STABILITY, 1)),
        weight=1,
    ),
    Subject(
        "hazardous-chemicals", "product",
        "{place}危险化学品包装物生产企业分布及隐患排查清单",
        "申请公开{place}危险化学品包装物、容器生产企业的详细地址、储存数量以及{year}年安全隐患"
        "排查整改清单。",
        ((O.WITHHELD_SECURITY_STABILITY, 5), (O.PARTIAL, 1)),
        weight=1,
    ),
    Subject(
        "whistle-blower", "consumer",
        "举报{self_object}的举报人身份信息",
        "{company}近期被举报{violation}，申请公开举报人的姓名、身份证号码和联系方式，以及举报材料"
        "原件。",
        ((O.WITHHELD_PROHIBITED_BY_LAW, 6),),
        weight=1,
    ),
    Subject(
        "tax-records", "office",
        "{company}纳税及社会保险缴纳记录",
        "申请公开{company}{year}年度的纳税记录和为职工缴纳社会保险的人数、金额。",
        ((A.NOT_THIS_AGENCY, 5), (O.UNAVAILABLE_NOT_HELD, 2)),
        weight=2, right_agency="国家税务总局{city_short}税务局和{city_short}社会保险事业服务中心",
    ),
    Subject(
        "publication", "office",
        "《{book}》",
        "申请获取《{book}》纸质版一册，{self}愿意支付邮寄费用。",
        ((O.NOT_HANDLED_PUBLICATION, 5), (A.ALREADY_DISCLOSED, 1)),
        weight=2,
    ),
    Subject(
        "petition", "consumer",
        "要求查处{company}并责令赔偿",
        "{company}{violation}，{self}多次与其协商未果。强烈要求贵局立即查处该公司，责令其赔偿"
        "{self_object}的经济损失，并书面答复处理结果。",
        ((O.NOT_HANDLED_PETITION, 6),),
        weight=3,
    ),
    Subject(
        "confirmation", "legal",
        "对已获取的{company}行政处罚决定书予以确认",
        "{self}已通过其他途径获取贵局对{company}作出的行政处罚决定书复印件，申请贵局对该复印件"
        "与原件一致予以确认，并加盖公章后重新出具一份。",
        ((O.NOT_HANDLED_CONFIRMATION, 6),),
        weight=2,
    ),
    Subject(
        "all-complaints", "consumer",
        "{year}年以来全部投诉举报处理材料",
        "申请公开贵局自{year}年1月1日以来受理的全部投诉举报件的登记表、分派单、处理记录、答复"
        "意见及所有相关附件。",
        ((O.NOT_HANDLED_EXCESSIVE, 3), (O.UNAVAILABLE_NEEDS_COMPILING, 2)),
        weight=2,
    ),
    Subject(
        "random-inspections", "credit",
        "{year}年度“双随机、一公开”抽查计划及结果",
        "申请公开贵局{year}年度“双随机、一公开”监管抽查工作计划、抽查事项清单及抽查结果。",
        ((A.ALREADY_DISCLOSED, 4), (O.GRANTED, 3)),
        weight=4,
    ),
    Subject(
        "fuel-meters", "product",
        "{place}加油站计量器具强制检定结果",
        "申请公开{year}年{place}加油站燃油加油机强制检定结果及计量违法案件查处情况。",
        ((O.GRANTED, 3), (O.PARTIAL, 1), (O.UNAVAILABLE_NEEDS_COMPILING, 1)),
        weight=3,
    ),
    Subject(
        "trademark", "ip",
        "{company}商标侵权案处理结果",
        "申请公开贵局查处{company}销售侵犯注册商标专用权商品一案的处理结果。{self}系该注册商标"
        "的权利人。",
        ((O.GRANTED, 3), (O.WITHHELD_THIRD_PARTY, 1), (O.PARTIAL, 1)),
        weight=2,
    ),
    Subject(
        "business-guide", "registration",
        "开办{shop}的登记程序",
        "请问在{place}开办{shop}需要办理哪些证照，办理流程、所需材料和办理时限是什么？",
        ((O.OTHER_OTHER, 4), (A.ALREADY_DISCLOSED, 2)),
        weight=2,
    ),
)  # fmt: skip

# Descriptions so vague that the agency asks for a correction (Art. 30).
VAGUE = Subject(
    "vague", "office",
    "有关{company}的材料",
    "申请公开贵局关于{company}的相关文件和处理情况。",
    ((O.GRANTED, 2), (O.PARTIAL, 1), (O.UNAVAILABLE_STILL_UNCLEAR, 2)),
)  # fmt: skip

# An application naming an entry of the agency's catalogue marked 依申请公开.
CATALOGUE = Subject(
    "catalogue-entry", "office",
    "{entry_title}",
    "申请公开贵局政府信息公开目录中列明的《{entry_title}》（索引号：{entry_index}）全文。",
    ((O.WITHHELD_PROCESS_INFO, 2), (O.PARTIAL, 1), (O.GRANTED, 1)),
)  # fmt: skip

SUBJECT_BY_KEY = {subject.key: subject for subject in (*SUBJECTS, VAGUE, CATALOGUE)}

# The subject to ask when a scenario needs a given answer: the first that gives it.
FOR_ANSWER = {
    O.GRANTED: "penalty-decision",
    A.ALREADY_DISCLOSED: "random-inspections",
    O.PARTIAL: "licence-file",
    O.WITHHELD_STATE_SECRET: "security-plan",
    O.WITHHELD_PROHIBITED_BY_LAW: "whistle-blower",
    O.WITHHELD_SECURITY_STABILITY: "hazardous-chemicals",
    O.WITHHELD_THIRD_PARTY: "licence-file",
    O.WITHHELD_INTERNAL_AFFAIRS: "internal-affairs",
    O.WITHHELD_PROCESS_INFO: "process-information",
    O.WITHHELD_ENFORCEMENT_FILE: "enforcement-file",
    O.WITHHELD_QUERY_MATTER: "registration-file",
    O.UNAVAILABLE_NOT_HELD: "elevator",
    O.UNAVAILABLE_NEEDS_COMPILING: "statistics",
    O.UNAVAILABLE_STILL_UNCLEAR: "vague",
    O.NOT_HANDLED_PETITION: "petition",
    O.NOT_HANDLED_PUBLICATION: "publication",
    O.NOT_HANDLED_EXCESSIVE: "all-complaints",
    O.NOT_HANDLED_CONFIRMATION: "confirmation",
    A.NOT_THIS_AGENCY: "tax-records",
    O.OTHER_OTHER: "business-guide",
}

REPLIES = {
    O.GRANTED: "经审查，您申请获取的“{title}”属于可以公开的政府信息。根据《中华人民共和国政府"
    "信息公开条例》第三十六条第（二）项的规定，现将该信息提供给您。",
    A.ALREADY_DISCLOSED: "您申请获取的“{title}”已由本机关主动公开，您可以在本门户网站政府信息"
    "公开目录或者国家企业信用信息公示系统中查阅。根据《中华人民共和国政府信息公开条例》第三十六条"
    "第（一）项的规定，特此告知获取该信息的方式和途径。",
    O.PARTIAL: "经审查，您申请获取的“{title}”中含有自然人身份证号码、联系方式和第三方商业信息，"
    "公开后会损害第三方合法权益。根据《中华人民共和国政府信息公开条例》第三十七条的规定，本机关对"
    "上述内容作区分处理后，将可以公开的部分提供给您。",
    O.WITHHELD_STATE_SECRET: "经审查，您申请获取的“{title}”已依法确定为国家秘密。根据《中华人民"
    "共和国政府信息公开条例》第十四条、第三十六条第（三）项的规定，该信息不予公开。",
    O.WITHHELD_PROHIBITED_BY_LAW: "经审查，您申请获取的举报人身份信息，依照《中华人民共和国产品"
    "质量法》第十条、《中华人民共和国食品安全法》第一百一十五条的规定应当予以保密。根据《中华人民"
    "共和国政府信息公开条例》第十四条、第三十六条第（三）项的规定，不予公开。",
    O.WITHHELD_SECURITY_STABILITY: "经审查，您申请获取的“{title}”公开后可能危及公共安全和社会"
    "稳定。根据《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项的规定，不予公开。",
    O.WITHHELD_THIRD_PARTY: "经审查，您申请获取的“{title}”涉及第三方的商业秘密。本机关已书面"
    "征求第三方意见，第三方不同意公开且理由成立。根据《中华人民共和国政府信息公开条例》第十五条、"
    "第三十二条的规定，不予公开。",
    O.WITHHELD_INTERNAL_AFFAIRS: "经审查，您申请获取的“{title}”属于本机关人事管理、后勤管理等"
    "方面的内部事务信息。根据《中华人民共和国政府信息公开条例》第十六条第一款的规定，不予公开。",
    O.WITHHELD_PROCESS_INFO: "经审查，您申请获取的“{title}”属于本机关在履行行政管理职能过程中"
    "形成的讨论记录、过程稿、请示报告等过程性信息。根据《中华人民共和国政府信息公开条例》第十六条"
    "第二款的规定，不予公开。",
    O.WITHHELD_ENFORCEMENT_FILE: "经审查，您申请获取的“{title}”属于行政执法案卷信息。根据《中华"
    "人民共和国政府信息公开条例》第十六条第二款的规定，不予公开。该案的行政处罚决定已依法在国家"
    "企业信用信息公示系统公示。",
    O.WITHHELD_QUERY_MATTER: "经审查，您申请获取的企业登记档案属于行政查询事项。请您依照《企业"
    "登记档案资料查询办法》的规定，持有效身份证件和相关证明材料到{org}登记注册窗口办理查询。",
    O.UNAVAILABLE_NOT_HELD: "经检索查找，本机关未制作或者获取您申请的“{title}”。根据《中华人民"
    "共和国政府信息公开条例》第三十六条第（四）项的规定，告知您该政府信息不存在。",
    O.UNAVAILABLE_NEEDS_COMPILING: "您申请获取的“{title}”需要本机关对现有信息进行汇总、加工、"
    "分析后才能形成。根据《中华人民共和国政府信息公开条例》第三十八条的规定，本机关不予提供。",
    O.UNAVAILABLE_STILL_UNCLEAR: "本机关已向您发出补正申请告知书。经审查，您补正后的申请内容仍然"
    "不明确，本机关无法据此确定您所需的政府信息。根据《中华人民共和国政府信息公开条例》第三十条的"
    "规定，无法提供。",
    O.NOT_HANDLED_PETITION: "经审查，您提出的申请实质上是投诉举报，不属于政府信息公开申请。根据"
    "《中华人民共和国政府信息公开条例》第三十九条第一款的规定，本机关不作为政府信息公开申请处理。"
    "您反映的问题已转本机关业务机构依照投诉举报处理程序办理。",
    O.NOT_HANDLED_PUBLICATION: "您申请获取的是公开出版物。根据《中华人民共和国政府信息公开条例》"
    "第三十九条第二款的规定，本机关不作为政府信息公开申请处理，您可以通过出版单位或者书店购买获取。",
    O.NOT_HANDLED_EXCESSIVE: "您近期向本机关提出大量内容相近的政府信息公开申请，经本机关要求说明"
    "理由，您提出的理由不合理。根据《中华人民共和国政府信息公开条例》第三十五条的规定，本机关不予"
    "处理。",
    O.NOT_HANDLED_CONFIRMATION: "您申请本机关确认或者重新出具您已获取的信息。根据《中华人民共和国"
    "政府信息公开条例》第三十九条的规定，该申请不属于政府信息公开申请，本机关不予处理。",
    A.NOT_THIS_AGENCY: "经审查，您申请获取的“{title}”不属于本机关负责公开的政府信息。根据《中华"
    "人民共和国政府信息公开条例》第三十六条第（五）项的规定，建议您向{right_agency}申请获取。",
    O.OTHER_OTHER: "您提出的是业务咨询，不属于政府信息公开申请。相关办事指南已在{org}门户网站"
    "“办事服务”栏目公开，您也可以拨打12345热线咨询。",
}

FOODS = ("速冻水饺", "桶装饮用水", "散装白酒", "鲜鸡蛋", "蔬菜干制品", "糕点", "食用植物油",
         "酱卤肉制品", "豆腐", "婴幼儿配方乳粉")  # fmt: skip
GOODS = ("电动自行车", "电线电缆", "儿童用品", "燃气灶具", "学生用品", "化肥", "建筑用钢筋",
         "防爆电器", "消防产品")  # fmt: skip
VIOLATIONS = ("销售过期食品", "虚假宣传", "价格欺诈", "销售不合格电动自行车", "无证经营",
              "使用未经检验的电梯", "商品缺斤短两", "销售假冒注册商标的商品")  # fmt: skip
LICENCES = ("食品经营许可证", "食品生产许可证", "工业产品生产许可证", "特种设备安装改造修理许可证")
NORMATIVE = ("关于进一步规范食品小作坊登记管理的通知", "市场监督管理行政处罚裁量权基准",
             "关于推进个体工商户分型分类精准帮扶的实施意见",
             "关于开展电动自行车质量安全专项整治的通知",
             "关于规范涉企行政检查的若干措施", "市场主体登记注册工作规范")  # fmt: skip
FESTIVALS = ("春节", "国庆节", "中秋节", "元旦")
MARKETS = ("大型商超", "农贸市场", "旅游景区", "加油站")
MEDIA = ("微信公众号", "短视频平台", "户外广告牌", "电视购物频道")
ADVERTS = ("保健食品", "医疗器械", "教育培训", "房地产")
INTERNAL = ("公务接待费用明细及接待清单", "机关干部职工考勤记录", "公务用车维修保养明细",
            "内部岗位调整方案")  # fmt: skip
MATTERS = ("调整个体工商户登记事项", "优化企业开办流程", "电梯安全监管改革", "食品安全抽检计划调整",
           "价格投诉处理机制")  # fmt: skip
EVENTS = ("全国学生运动会", "国际马拉松赛", "冰雪旅游节", "夏季达沃斯论坛")
BOOKS = ("辽宁市场监管统计年鉴（{year}）", "市场监督管理法律法规汇编（{year}年版）",
         "消费维权典型案例选编（{year}）")  # fmt: skip
SHOPS = ("餐饮店", "美容店", "药店", "网店", "便利店")


@dataclass(frozen=True)
class Place:
    """What the texts need of the receiving agency."""

    name: str
    place: str
    doc_prefix: str
    city: str  # slug of its city (the province: a random city)


def self_words(kind: str) -> tuple[str, str]:
    """How the applicant speaks of themselves: subject and object."""
    if kind == ApplicantKind.NATURAL_PERSON:
        return "本人", "本人"
    if kind == ApplicantKind.COMMERCIAL:
        return "我公司", "我公司"
    return "我单位", "我单位"


def values(rng: random.Random, place: Place, kind: str, submitted_on: datetime.date) -> dict:
    """Everything a subject's placeholders may ask for, drawn for one application."""
    company, company_code = people.company(rng, place.city)
    year = submitted_on.year - (1 if submitted_on.month <= 3 or rng.random() < 0.3 else 0)
    seen = submitted_on - datetime.timedelta(days=rng.randint(20, 90))
    me, myself = self_words(kind)
    return {
        "org": place.name,
        "place": place.place,
        "city_short": people.CITY_NAMES[place.city].removesuffix("市") + "市",
        "doc_prefix": place.doc_prefix,
        "penalty_prefix": place.doc_prefix.removesuffix("发") + "罚",
        "company": company,
        "company_code": company_code,
        "year": year,
        "serial": rng.randint(3, 260),
        "date": f"{seen.year}年{seen.month}月{seen.day}日",
        "complaint_no": f"{seen:%Y%m%d}{rng.randrange(10**6, 10**7)}",
        "self": me,
        "self_object": myself,
        "violation": rng.choice(VIOLATIONS),
        "food": rng.choice(FOODS),
        "goods": rng.choice(GOODS),
        "batch": rng.randint(1, 36),
        "lot": f"{seen.year}年{seen.month}月",
        "licence": rng.choice(LICENCES),
        "normative": rng.choice(NORMATIVE),
        "street": rng.choice(people.STREETS) + rng.choice(("花园", "家园", "新城", "雅居")),
        "building": rng.randint(1, 28),
        "unit": rng.randint(1, 6),
        "festival": rng.choice(FESTIVALS),
        "market": rng.choice(MARKETS),
        "media": rng.choice(MEDIA),
        "advert": rng.choice(ADVERTS),
        "internal": rng.choice(INTERNAL),
        "matter": rng.choice(MATTERS),
        "event": rng.choice(EVENTS),
        "book": rng.choice(BOOKS).format(year=year),
        "shop": rng.choice(SHOPS),
        "entry_title": "",
        "entry_index": "",
    }


def information(subject: Subject, fill: dict) -> dict:
    """The "information sought" part of an application's cleaned data."""
    number = subject.number.format_map(fill) if subject.number else ""
    fill = {**fill, "number": number}
    return {
        "information_title": subject.title.format_map(fill)[:300],
        "information_number": number,
        "description": subject.description.format_map(fill),
    }


def reply_text(answer: str, subject: Subject, fill: dict, title: str) -> str:
    right_agency = subject.right_agency.format_map(fill) or "有关行政机关"
    return REPLIES[answer].format_map({**fill, "title": title, "right_agency": right_agency})
