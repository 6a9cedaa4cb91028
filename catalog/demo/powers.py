"""The demo power catalogue (权责清单 / 行政职权目录), as declarative data.

``DEFINITIONS`` lists the powers a provincial market regulator exercises, each
with its kind, legal basis (laws and regulations with articles), handling
department and the levels that exercise it (p = province, c = city, x =
county). The provincial bureau's catalogue is every definition marked ``p``:
exactly 196 items, the figure of the half-year summary. Each city bureau gets a
smaller catalogue drawn from the ``c`` definitions (the same names under its own
codes and remedies), each county bureau a few ``x`` items.

``build_power_specs()`` turns the definitions into one ``PowerSpec`` per agency
and item: the model fields, the process steps, the responsibility steps and how
far the item went through the publication workflow (``Publication``). It draws
from one ``random.Random`` with a fixed seed and walks only tuples, so every
build is the same.

Demo caveats: article numbers are taken from the statutes as in force in 2025
to the best of the demo authors' knowledge; a real bureau publishes its own,
checked catalogue. Documents marked 演示数据 (abolition decisions, approving
documents) are invented and carry invented numbers.
"""

import datetime
import random
from dataclasses import dataclass, field

from catalog.demo.agencies import ALL_PLACES, Place, phone
from catalog.demo.departments import departments_for
from catalog.demo.entries import LAST_PUBLISHED, SHANGHAI
from catalog.demo.guides import litigation_court, reconsideration_body

SEED = 20_230_315  # the day the first provincial power catalogue went online
PROVINCIAL_ITEMS = 196  # 《行政职权目录》共收录196件 (half-year summary)

PUBLISHED = "published"
DRAFT = "draft"
IN_REVIEW = "in_review"
WITHDRAWN = "withdrawn"

OPINION = "经保密审查，不涉及国家秘密、工作秘密、商业秘密和个人隐私，同意在权责清单中公开。"

# --- the laws cited ---------------------------------------------------------------------

QUALITY = "《中华人民共和国产品质量法》"
FOOD = "《中华人民共和国食品安全法》"
ADS = "《中华人民共和国广告法》"
ADS_2015 = "《中华人民共和国广告法》（2015年修订）"
TRADEMARK = "《中华人民共和国商标法》"
PATENT = "《中华人民共和国专利法》"
COMPETITION = "《中华人民共和国反不正当竞争法》（2019年修正）"
COMPETITION_2025 = "《中华人民共和国反不正当竞争法》（2025年修订）"
CONSUMERS = "《中华人民共和国消费者权益保护法》"
METROLOGY = "《中华人民共和国计量法》"
METROLOGY_RULES = "《中华人民共和国计量法实施细则》"
STANDARDS = "《中华人民共和国标准化法》"
EQUIPMENT = "《中华人民共和国特种设备安全法》"
PRICES = "《中华人民共和国价格法》"
ANTIMONOPOLY = "《中华人民共和国反垄断法》"
ECOMMERCE = "《中华人民共和国电子商务法》"
COMPANIES = "《中华人民共和国公司法》"
COOPERATIVES = "《中华人民共和国农民专业合作社法》"
DRUGS = "《中华人民共和国药品管理法》"
CIVIL_CODE = "《中华人民共和国民法典》"
LICENSING_LAW = "《中华人民共和国行政许可法》"
PENALTY_LAW = "《中华人民共和国行政处罚法》"
COERCION_LAW = "《中华人民共和国行政强制法》"
REGISTRATION = "《中华人民共和国市场主体登记管理条例》"
CERTIFICATION = "《中华人民共和国认证认可条例》"
INDUSTRIAL = "《中华人民共和国工业产品生产许可证管理条例》"
UNLICENSED = "《无证无照经营查处办法》"
PYRAMID = "《禁止传销条例》"
DIRECT_SELLING = "《直销管理条例》"
FOREIGN_OFFICES = "《外国企业常驻代表机构登记管理条例》"
COMPANY_NAMES = "《企业名称登记管理规定》"
PUBLICITY = "《企业信息公示暂行条例》"
FOOD_PRODUCTION = "《食品生产许可管理办法》（国家市场监督管理总局令第24号）"
FOOD_BUSINESS = "《食品经营许可和备案管理办法》（国家市场监督管理总局令第78号）"
FOOD_CHECKS = "《食品生产经营监督检查管理办法》（国家市场监督管理总局令第49号）"
FOOD_SAMPLING = "《食品安全抽样检验管理办法》（国家市场监督管理总局令第15号）"
LAB_ACCREDITATION = "《检验检测机构资质认定管理办法》（国家市场监督管理总局令第38号修改）"
LAB_SUPERVISION = "《检验检测机构监督管理办法》（国家市场监督管理总局令第39号）"
AD_REVIEW = (
    "《药品、医疗器械、保健食品、特殊医学用途配方食品广告审查管理暂行办法》"
    "（国家市场监督管理总局令第21号）"
)
COMPLAINTS = "《市场监督管理投诉举报处理暂行办法》（国家市场监督管理总局令第20号）"
PENALTY_PROCEDURE = "《市场监督管理行政处罚程序规定》（国家市场监督管理总局令第42号修改）"
ONLINE_TRADE = "《网络交易监督管理办法》（国家市场监督管理总局令第37号）"
PRICE_TAGS = "《明码标价和禁止价格欺诈规定》（国家市场监督管理总局令第56号）"
MONOPOLY_AGREEMENTS = "《禁止垄断协议规定》（国家市场监督管理总局令第65号）"
ABNORMAL_LIST = "《企业经营异常名录管理暂行办法》"
SERIOUS_LIST = "《市场监督管理严重违法失信名单管理办法》（国家市场监督管理总局令第44号）"
RECALLS = "《消费品召回管理暂行规定》（国家市场监督管理总局令第19号）"
EQUITY_PLEDGES = "《股权出质登记办法》"
REPORT_REWARDS = "《市场监督管理领域重大违法行为举报奖励暂行办法》（国市监稽规〔2021〕4号）"
WORKSHOPS = "《辽宁省食品小作坊小餐饮及食品摊点管理办法》"
PATENT_AGENCIES = "《专利代理条例》"

# --- definitions ------------------------------------------------------------------------

KIND_PREFIX = {
    "licensing": "XK", "penalty": "CF", "coercion": "QZ", "levy": "ZS", "benefit": "JF",
    "inspection": "JC", "confirmation": "QR", "reward": "JL", "adjudication": "CJ",
    "other": "QT",
}  # fmt: skip
KIND_ORDER = tuple(KIND_PREFIX)

# (statutory, promised) working days where the kind has one time limit for all items.
DEFAULT_DAYS = {
    "licensing": (20, 10),
    "penalty": (90, 60),
    "coercion": (30, 30),
    "confirmation": (20, 10),
    "adjudication": (60, 45),
}


@dataclass(frozen=True)
class PowerDef:
    kind: str
    name: str
    department: str  # a key of catalog.demo.departments.DEPARTMENTS
    basis: tuple[str, ...]
    levels: str = "pc"  # p = province, c = city, x = county
    key: str = ""  # a stable name for the definitions other demo data refers to
    sub_item: str = ""
    conditions: str = ""
    materials: tuple[str, ...] = ()
    days: tuple[int | None, int | None] | None = None
    fee: str = ""  # key of a fee item (catalog.demo.fees) of the same agency
    cites: tuple[str, ...] = ()  # words of demo catalogue entries this power rests on
    body: str = ""  # implementing body where it differs from the agency
    since: datetime.date | None = None  # added to the catalogue later
    process: str = ""  # another process than the kind's (see PROCESSES)


def _power(kind, name, department, *basis, **extra) -> PowerDef:
    return PowerDef(kind=kind, name=name, department=department, basis=basis, **extra)


def licence(name, department, *basis, **extra):
    return _power("licensing", name, department, *basis, **extra)


def penalty(name, department, *basis, **extra):
    return _power("penalty", name, department, *basis, **extra)


def coercion(name, department, *basis, **extra):
    return _power("coercion", name, department, *basis, **extra)


def inspection(name, department, *basis, **extra):
    return _power("inspection", name, department, *basis, **extra)


def confirmation(name, department, *basis, **extra):
    return _power("confirmation", name, department, *basis, **extra)


def reward(name, department, *basis, **extra):
    return _power("reward", name, department, *basis, **extra)


def adjudication(name, department, *basis, **extra):
    return _power("adjudication", name, department, *basis, **extra)


def other(name, department, *basis, **extra):
    return _power("other", name, department, *basis, **extra)


_FOOD_PREMISES = (
    "（一）具有与生产经营的食品品种、数量相适应的食品原料处理和食品加工、包装、贮存等场所，"
    "保持该场所环境整洁，并与有毒、有害场所以及其他污染源保持规定的距离；\n"
    "（二）具有与生产经营的食品品种、数量相适应的生产经营设备或者设施，有相应的消毒、更衣、盥洗、"
    "采光、照明、通风、防腐、防尘、防蝇、防鼠、防虫、洗涤以及处理废水、存放垃圾和废弃物的设备或者设施；\n"
    "（三）有专职或者兼职的食品安全专业技术人员、食品安全管理人员和保证食品安全的规章制度；\n"
    "（四）具有合理的设备布局和工艺流程，防止待加工食品与直接入口食品、原料与成品交叉污染，"
    "避免食品接触有毒物、不洁物。"
)
_SPECIAL_FOOD = (
    "\n（五）保健食品、特殊医学用途配方食品、婴幼儿配方食品已取得产品注册或者备案，"
    "并按照注册或者备案的产品配方、生产工艺等技术要求组织生产。"
)
_EQUIPMENT_PRODUCER = (
    "（一）有与生产相适应的专业技术人员；\n（二）有与生产相适应的设备、设施和工作场所；\n"
    "（三）有健全的质量保证、安全管理和岗位责任等制度。"
)
_AGENT = "委托他人办理的，提交授权委托书及受托人身份证明"

LICENCES = (
    licence(
        "食品生产许可", "food", f"{FOOD}第三十五条", f"{FOOD}第八十一条、第八十二条",
        FOOD_PRODUCTION, key="food-production-special", levels="p",
        sub_item="保健食品、特殊医学用途配方食品、婴幼儿配方食品生产许可",
        conditions=_FOOD_PREMISES + _SPECIAL_FOOD,
        materials=("食品生产许可申请书", "食品生产设备布局图和食品生产工艺流程图",
                   "食品生产主要设备、设施清单",
                   "食品安全专业技术人员、食品安全管理人员信息和食品安全管理制度",
                   "产品注册证书或者备案凭证及经注册或者备案的产品配方、生产工艺等技术要求",
                   _AGENT),
        cites=("食品生产许可管理办法",),
    ),
    licence(
        "食品生产许可", "food", f"{FOOD}第三十五条", FOOD_PRODUCTION,
        key="food-production", levels="c", sub_item="除特殊食品以外的食品生产许可",
        conditions=_FOOD_PREMISES,
        materials=("食品生产许可申请书", "食品生产设备布局图和食品生产工艺流程图",
                   "食品生产主要设备、设施清单",
                   "食品安全专业技术人员、食品安全管理人员信息和食品安全管理制度", _AGENT),
        cites=("食品生产许可管理办法",),
    ),
    licence(
        "食品经营许可", "food", f"{FOOD}第三十五条", FOOD_BUSINESS, key="food-business",
        levels="cx", days=(20, 5), conditions=_FOOD_PREMISES,
        materials=("食品经营许可申请书", "营业执照或者其他主体资格证明文件",
                   "与食品经营相适应的主要设备设施、经营布局、操作流程等文件",
                   "食品安全自查、从业人员健康管理、进货查验记录、食品安全事故处置等"
                   "保证食品安全的规章制度目录清单", _AGENT),
        cites=("食品经营许可审查细则",),
    ),
    licence(
        "食品添加剂生产许可", "food", f"{FOOD}第三十九条", FOOD_PRODUCTION,
        key="food-additive", levels="p",
        conditions="有与所生产食品添加剂品种相适应的场所、生产设备或者设施、专业技术人员和管理"
        "制度，并依照食品安全法第三十九条的规定取得食品添加剂生产许可。",
        materials=("食品添加剂生产许可申请书", "食品添加剂生产设备布局图和生产工艺流程图",
                   "食品添加剂生产主要设备、设施清单",
                   "专业技术人员、管理人员信息和食品安全管理制度"),
    ),
    licence(
        "工业产品生产许可证核发", "product", f"{INDUSTRIAL}第二条、第五条、第九条",
        key="industrial-licence", levels="p", sub_item="省级发证的重要工业产品",
        conditions="（一）有营业执照；\n（二）有与拟从事的生产活动相适应的专业技术人员；\n"
        "（三）有与拟从事的生产活动相适应的生产条件和检验检疫手段；\n"
        "（四）有与拟从事的生产活动相适应的技术文件和工艺文件；\n"
        "（五）有健全有效的质量管理制度和责任制度；\n"
        "（六）产品符合有关国家标准、行业标准以及保障人体健康和人身、财产安全的要求；\n"
        "（七）符合国家产业政策的规定，不存在国家明令淘汰和禁止投资建设的落后工艺、高耗能、"
        "污染环境、浪费资源的情况。",
        materials=("全国工业产品生产许可证申请书", "营业执照", "产品检验合格报告",
                   "企业满足生产许可条件的承诺书"),
    ),
    licence(
        "工业产品生产许可证核发", "product", f"{INDUSTRIAL}第二条、第五条",
        key="industrial-packaging", levels="p", sub_item="危险化学品包装物及容器",
        conditions="具备工业产品生产许可证管理条例第九条规定的条件。",
        materials=("全国工业产品生产许可证申请书", "营业执照", "产品检验合格报告"),
    ),
    licence(
        "特种设备生产单位许可", "product", f"{EQUIPMENT}第十八条、第二十二条",
        key="equipment-manufacture", levels="p", days=(20, 15),
        sub_item="锅炉、压力容器、压力管道及其元件的制造、安装、改造、修理",
        conditions=_EQUIPMENT_PRODUCER,
        materials=("特种设备生产许可申请书", "营业执照", "质量保证体系文件",
                   "鉴定评审机构出具的鉴定评审报告"),
        cites=("特种设备安全监察办法",),
    ),
    licence(
        "特种设备生产单位许可", "product", f"{EQUIPMENT}第十八条、第二十二条",
        key="equipment-installation", levels="p", days=(20, 15),
        sub_item="电梯、起重机械、场（厂）内专用机动车辆的安装、改造、修理",
        conditions=_EQUIPMENT_PRODUCER,
        materials=("特种设备生产许可申请书", "营业执照", "质量保证体系文件",
                   "鉴定评审机构出具的鉴定评审报告"),
        cites=("特种设备安全监察办法",),
    ),
    licence(
        "移动式压力容器、气瓶充装单位许可", "product", f"{EQUIPMENT}第四十九条",
        key="equipment-filling", levels="p", days=(20, 15),
        conditions="（一）有与充装和管理相适应的管理人员和技术人员；\n"
        "（二）有与充装和管理相适应的充装设备、检测手段、场地厂房、器具、安全设施；\n"
        "（三）有健全的充装管理制度、责任制度、处理措施。",
        materials=("充装许可申请书", "营业执照", "充装质量保证体系文件", "鉴定评审报告"),
    ),
    licence(
        "特种设备检验、检测机构核准", "product", f"{EQUIPMENT}第五十条", levels="p",
        key="equipment-inspectors", days=(20, 15),
        conditions="（一）有与检验、检测工作相适应的检验、检测人员；\n"
        "（二）有与检验、检测工作相适应的检验、检测仪器和设备；\n"
        "（三）有健全的检验、检测管理制度和责任制度。",
        materials=("特种设备检验、检测机构核准申请书", "法人资格证明", "检验检测人员资格证明",
                   "检验检测仪器设备清单", "质量管理体系文件"),
    ),
    licence(
        "特种设备安全管理和作业人员资格认定", "product", f"{EQUIPMENT}第十四条",
        key="equipment-personnel", levels="pc", fee="equipment-exams",
        conditions="年满18周岁且不超过60周岁，具有完全民事行为能力；无妨碍从事相应作业的疾病和"
        "生理缺陷；具有与申请作业项目相适应的文化程度；经考试合格。",
        materials=("特种设备安全管理和作业人员资格申请表", "身份证明", "近期免冠照片",
                   "学历证明", "体检报告（作业人员）", "考试合格证明"),
    ),
    licence(
        "特种设备安全管理和作业人员资格认定", "product", f"{EQUIPMENT}第十四条",
        key="equipment-signallers", levels="p", sub_item="起重机械指挥、司索作业人员",
        conditions="经考试合格。", materials=("资格申请表", "身份证明", "考试合格证明"),
    ),
    licence(
        "特种设备使用登记", "product", f"{EQUIPMENT}第三十三条", key="equipment-registration",
        levels="cx", days=(15, 5),
        conditions="特种设备在投入使用前或者投入使用后三十日内，由使用单位向负责特种设备安全监督"
        "管理的部门办理使用登记。",
        materials=("特种设备使用登记表", "使用单位统一社会信用代码证明或者个人身份证明",
                   "特种设备产品合格证（含产品数据表）", "特种设备监督检验证明",
                   "机电类特种设备定期检验报告"),
    ),
    licence(
        "检验检测机构资质认定", "product", f"{METROLOGY}第二十二条",
        f"{CERTIFICATION}第十六条", LAB_ACCREDITATION, key="lab-accreditation", levels="p",
        conditions="（一）依法成立并能够承担相应法律责任的法人或者其他组织；\n"
        "（二）具有与其从事检验检测活动相适应的检验检测技术人员和管理人员；\n"
        "（三）具有固定的工作场所，工作环境满足检验检测要求；\n"
        "（四）具备从事检验检测活动所必需的检验检测设备设施；\n"
        "（五）具有并有效运行保证其检验检测活动独立、公正、科学、诚信的管理体系；\n"
        "（六）符合有关法律法规或者标准、技术规范规定的特殊要求。",
        materials=("检验检测机构资质认定申请书", "法人资格证明文件", "管理体系文件",
                   "检验检测能力申请表", "典型检验检测报告"),
    ),
    licence(
        "食品检验机构资质认定", "food", f"{FOOD}第八十四条", LAB_ACCREDITATION,
        key="food-labs", levels="p",
        conditions="具备检验检测机构资质认定条件，并符合食品检验机构资质认定条件和检验规范。",
        materials=("资质认定申请书", "法人资格证明文件", "管理体系文件", "食品检验能力申请表"),
    ),
    licence(
        "计量标准器具核准", "product", f"{METROLOGY}第六条、第七条、第八条",
        f"{METROLOGY_RULES}第七条", key="measurement-standards", levels="pc", days=(20, 15),
        sub_item="社会公用计量标准、部门和企业事业单位最高计量标准",
        conditions="（一）计量标准器具经计量检定合格；\n（二）具有正常工作所需要的环境条件；\n"
        "（三）具有称职的保存、维护、使用人员；\n（四）具有完善的管理制度。",
        materials=("计量标准考核（复查）申请书", "计量标准技术报告",
                   "计量标准器及主要配套设备有效检定或者校准证书", "检定或者校准人员能力证明"),
        cites=("计量监督管理办法",),
    ),
    licence(
        "承担国家法定计量检定机构任务授权", "product", f"{METROLOGY}第二十条",
        key="verification-bodies", levels="pc", days=(20, 15),
        conditions="具备相应的计量标准、检定设施和环境条件、检定人员以及完善的管理制度。",
        materials=("计量授权申请书", "计量标准考核证书", "检定人员能力证明", "管理制度文件"),
    ),
    licence(
        "计量器具型式批准", "product", f"{METROLOGY}第十三条", key="type-approval",
        levels="p", days=(20, 15),
        conditions="计量器具新产品样机经型式评价合格。",
        materials=("计量器具型式批准申请书", "样机照片", "产品标准（含检验方法）",
                   "总装图、电路图和主要零部件图", "使用说明书"),
    ),
    licence(
        "修理计量器具许可证核发", "product", f"{METROLOGY}（2015年修正）第十二条",
        key="repair-licence", levels="p",
        conditions="具有与所修理的计量器具相适应的设施、人员和检定仪器设备。",
        materials=("修理计量器具许可证申请书", "营业执照", "检定仪器设备清单"),
    ),
    licence(
        "药品、医疗器械、保健食品、特殊医学用途配方食品广告审查", "advertising",
        f"{ADS}第四十六条、第四十七条", AD_REVIEW, key="ad-review", levels="p", days=(10, 5),
        conditions="广告内容符合广告法等有关规定，与药品说明书、医疗器械注册证明文件、"
        "保健食品注册证明文件或者备案凭证等内容一致，不得含有虚假或者引人误解的内容。",
        materials=("广告审查表", "与发布内容一致的广告样件", "产品注册证明文件或者备案凭证、说明书",
                   "申请人主体资格相关材料", "广告中涉及的知识产权相关有效证明材料"),
    ),
    licence(
        "广告发布登记", "advertising", f"{ADS_2015}第二十九条", key="ad-registration",
        levels="p",
        conditions="广播电台、电视台、报刊出版单位设有专门从事广告业务的机构，配备必要的人员，"
        "具有与发布广告相适应的场所、设备。",
        materials=("广告发布登记申请表", "广告业务机构和人员情况说明", "媒体资质证明"),
    ),
    licence(
        "企业登记注册", "registration", f"{REGISTRATION}第三条、第十六条、第十九条",
        key="company-registration", levels="pcx", days=(3, 1),
        sub_item="设立、变更、注销登记",
        conditions="企业名称、住所、经营范围、注册资本、法定代表人等登记事项符合法律、"
        "行政法规的规定；申请人对提交材料的真实性、合法性和有效性负责。",
        materials=("申请书", "申请人资格文件、自然人身份证明", "住所或者主要经营场所相关文件",
                   "公司、非公司企业法人、农民专业合作社（联合社）章程或者合伙企业合伙协议",
                   "法律、行政法规和国务院市场监督管理部门规定提交的其他材料"),
        cites=("市场主体登记注册工作规范",),
    ),
    licence(
        "药品经营许可", "food", f"{DRUGS}第五十一条、第五十二条", key="drug-retail",
        levels="c", sub_item="药品零售企业",
        conditions="（一）有依法经过资格认定的药师或者其他药学技术人员；\n"
        "（二）有与所经营药品相适应的营业场所、设备、仓储设施和卫生环境；\n"
        "（三）有与所经营药品相适应的质量管理机构或者人员；\n"
        "（四）有保证药品质量的规章制度，并符合药品经营质量管理规范要求。",
        materials=("药品经营许可证申请表", "营业执照", "执业药师注册证",
                   "营业场所、仓库平面布置图及房屋使用权证明", "质量管理文件"),
    ),
    licence(
        "食品小作坊登记", "food", f"{FOOD}第三十六条", WORKSHOPS, key="food-workshop",
        levels="cx", days=(10, 5),
        conditions="有固定的生产加工场所，具备与生产加工食品相适应的设备设施，从业人员持有有效"
        "健康证明，生产加工的食品不在禁止生产加工目录内。",
        materials=("食品小作坊登记申请书", "营业执照", "生产加工场所平面图", "从业人员健康证明",
                   "食品安全承诺书"),
        cites=("食品小作坊小餐饮",),
    ),
)  # fmt: skip

PENALTIES = (
    # 登记注册
    penalty("对未经设立登记从事经营活动的行政处罚", "registration",
            f"{REGISTRATION}第三条、第四十三条", key="unregistered", levels="pcx"),
    penalty("对提交虚假材料或者采取其他欺诈手段隐瞒重要事实取得市场主体登记的行政处罚",
            "registration", f"{REGISTRATION}第四十四条"),
    penalty("对实行注册资本实缴登记制的市场主体虚报注册资本取得市场主体登记的行政处罚",
            "registration", f"{REGISTRATION}第四十五条第一款", f"{COMPANIES}第二百五十条"),
    penalty("对公司的发起人、股东虚假出资，未交付或者未按期交付作为出资的货币或者非货币财产的"
            "行政处罚", "registration", f"{COMPANIES}第四十九条、第二百五十二条",
            f"{REGISTRATION}第四十五条第二款", since=datetime.date(2024, 7, 1)),
    penalty("对公司的发起人、股东在公司成立后抽逃出资的行政处罚", "registration",
            f"{COMPANIES}第五十三条、第二百五十三条", f"{REGISTRATION}第四十五条第二款",
            since=datetime.date(2024, 7, 1)),
    penalty("对市场主体未依照规定办理变更登记的行政处罚", "registration",
            f"{REGISTRATION}第二十四条、第四十六条", key="change-not-registered", levels="pcx"),
    penalty("对市场主体未依照规定办理备案的行政处罚", "registration",
            f"{REGISTRATION}第二十九条、第四十七条"),
    penalty("对市场主体未将营业执照置于住所或者主要经营场所醒目位置的行政处罚", "registration",
            f"{REGISTRATION}第三十六条、第四十八条第一款", key="licence-not-displayed",
            levels="pcx"),
    penalty("对伪造、涂改、出租、出借、转让营业执照的行政处罚", "registration",
            f"{REGISTRATION}第三十七条、第四十八条第二款"),
    penalty("对从事无照经营的行政处罚", "registration", f"{UNLICENSED}第二条、第十三条",
            key="unlicensed-trade", levels="pcx"),
    penalty("对明知属于无照经营而为经营者提供经营场所、运输、保管、仓储等条件的行政处罚",
            "registration", f"{UNLICENSED}第十四条"),
    penalty("对公司成立后无正当理由超过六个月未开业或者开业后自行停业连续六个月以上的行政处罚",
            "registration", f"{COMPANIES}第二百六十条第一款"),
    penalty("对公司未依法公示有关信息或者不如实公示有关信息的行政处罚", "credit",
            f"{COMPANIES}第四十条、第二百五十一条", since=datetime.date(2024, 7, 1)),
    penalty("对农民专业合作社向登记机关提供虚假登记材料或者采取其他欺诈手段取得登记的行政处罚",
            "registration", f"{COOPERATIVES}第七十条"),
    # 广告
    penalty("对发布虚假广告的行政处罚", "advertising", f"{ADS}第四条、第二十八条、第五十五条",
            key="false-advertising"),
    penalty("对发布有广告法第九条、第十条规定的禁止情形的广告的行政处罚", "advertising",
            f"{ADS}第九条、第十条、第五十七条", key="prohibited-advertising"),
    penalty("对违法发布医疗、药品、医疗器械广告的行政处罚", "advertising",
            f"{ADS}第十六条、第五十八条第一款"),
    penalty("对在广告中涉及疾病治疗功能或者使用医疗用语的行政处罚", "advertising",
            f"{ADS}第十七条、第五十八条第一款"),
    penalty("对违法发布保健食品广告的行政处罚", "advertising",
            f"{ADS}第十八条、第五十八条第一款"),
    penalty("对违法发布教育、培训广告的行政处罚", "advertising",
            f"{ADS}第二十四条、第五十八条第一款"),
    penalty("对违法发布招商等有投资回报预期的商品或者服务广告的行政处罚", "advertising",
            f"{ADS}第二十五条、第五十八条第一款"),
    penalty("对违法发布房地产广告的行政处罚", "advertising", f"{ADS}第二十六条、第五十八条第一款"),
    penalty("对未经审查发布依法应当审查的广告的行政处罚", "advertising",
            f"{ADS}第四十六条、第五十八条第一款"),
    penalty("对广告内容不显著清晰、引证内容不真实准确或者贬低其他生产经营者商品、服务的"
            "行政处罚", "advertising", f"{ADS}第八条、第十一条、第十三条、第五十九条第一款"),
    penalty("对利用互联网发布广告未显著标明关闭标志、确保一键关闭的行政处罚", "advertising",
            f"{ADS}第四十四条第二款、第六十二条第二款"),
    penalty("对广告经营者、广告发布者未建立健全广告业务管理制度或者未对广告内容进行核对的"
            "行政处罚", "advertising", f"{ADS}第三十四条、第六十四条"),
    penalty("对广播电台、电视台、报刊出版单位未办理广告发布登记擅自从事广告发布业务的行政处罚",
            "advertising", f"{ADS_2015}第二十九条、第六十条", key="ad-unregistered",
            levels="p"),
    # 商标、专利
    penalty("对侵犯注册商标专用权的行政处罚", "ip", f"{TRADEMARK}第五十七条、第六十条第二款",
            key="trademark-infringement", levels="pcx"),
    penalty("对将未注册商标冒充注册商标使用的行政处罚", "ip", f"{TRADEMARK}第五十二条"),
    penalty("对使用未注册商标违反商标法第十条规定的行政处罚", "ip",
            f"{TRADEMARK}第十条、第五十二条"),
    penalty("对将“驰名商标”字样用于商品、商品包装或者容器上，或者用于广告宣传、展览以及其他"
            "商业活动中的行政处罚", "ip", f"{TRADEMARK}第十四条第五款、第五十三条"),
    penalty("对必须使用注册商标的商品未经核准注册在市场销售的行政处罚", "ip",
            f"{TRADEMARK}第六条、第五十一条"),
    penalty("对假冒专利的行政处罚", "ip", f"{PATENT}第六十八条"),
    # 价格、竞争、反垄断、传销直销
    penalty("对不执行政府指导价、政府定价的行政处罚", "price", f"{PRICES}第十二条、第三十九条"),
    penalty("对相互串通操纵市场价格的行政处罚", "price", f"{PRICES}第十四条第（一）项、第四十条",
            levels="p"),
    penalty("对捏造、散布涨价信息，哄抬价格，推动商品价格过高上涨的行政处罚", "price",
            f"{PRICES}第十四条第（三）项、第四十条"),
    penalty("对利用虚假的或者使人误解的价格手段诱骗消费者或者其他经营者与其进行交易的行政处罚",
            "price", f"{PRICES}第十四条第（四）项、第四十条", PRICE_TAGS, key="price-fraud",
            levels="pcx", cites=("明码标价和禁止价格欺诈规定",)),
    penalty("对不按规定明码标价的行政处罚", "price", f"{PRICES}第十三条、第四十二条", PRICE_TAGS,
            key="price-tags", levels="pcx", cites=("明码标价和禁止价格欺诈规定",)),
    penalty("对拒绝提供价格监督检查所需资料或者提供虚假资料的行政处罚", "price",
            f"{PRICES}第三十四条、第四十四条"),
    penalty("对实施混淆行为的行政处罚", "price", f"{COMPETITION}第六条、第十八条"),
    penalty("对经营者实施商业贿赂的行政处罚", "price", f"{COMPETITION}第七条、第十九条",
            key="bribery"),
    penalty("对经营者作虚假或者引人误解的商业宣传的行政处罚", "price",
            f"{COMPETITION}第八条、第二十条", key="false-publicity"),
    penalty("对侵犯商业秘密的行政处罚", "price", f"{COMPETITION}第九条、第二十一条"),
    penalty("对违法进行有奖销售的行政处罚", "price", f"{COMPETITION}第十条、第二十二条"),
    penalty("对编造、传播虚假信息或者误导性信息，损害竞争对手商业信誉、商品声誉的行政处罚",
            "price", f"{COMPETITION}第十一条、第二十三条"),
    penalty("对妨害监督检查部门依法履行职责的行政处罚", "price", f"{COMPETITION}第二十八条"),
    penalty("对经营者达成并实施垄断协议的行政处罚", "price", f"{ANTIMONOPOLY}第十七条、第五十六条",
            MONOPOLY_AGREEMENTS, key="monopoly-agreement", levels="p",
            sub_item="国务院反垄断执法机构授权查处的案件"),
    penalty("对经营者滥用市场支配地位的行政处罚", "price", f"{ANTIMONOPOLY}第二十二条、第五十七条",
            levels="p", sub_item="国务院反垄断执法机构授权查处的案件"),
    penalty("对拒绝、阻碍反垄断调查的行政处罚", "price", f"{ANTIMONOPOLY}第六十二条", levels="p"),
    penalty("对组织策划传销的行政处罚", "price", f"{PYRAMID}第七条、第二十四条"),
    penalty("对为传销行为提供经营场所、培训场所、货源、保管、仓储等条件的行政处罚", "price",
            f"{PYRAMID}第二十六条"),
    penalty("对未经批准从事直销活动的行政处罚", "price", f"{DIRECT_SELLING}第九条、第三十九条"),
    # 反不正当竞争法 2025 年修订后新增的事项（起草中）
    penalty("对大型企业等经营者滥用自身优势地位，要求中小企业接受明显不合理的付款期限、方式、"
            "条件和违约责任等交易条件，拖欠中小企业账款的行政处罚", "price",
            f"{COMPETITION_2025}（具体条款待法规处审核确认）", key="late-payment", levels="p",
            since=datetime.date(2025, 10, 15)),
    penalty("对平台经营者强制或者变相强制平台内经营者按照其定价规则以低于成本的价格销售商品的"
            "行政处罚", "price", f"{COMPETITION_2025}（具体条款待法规处审核确认）",
            key="platform-below-cost", levels="p", since=datetime.date(2025, 10, 15)),
    penalty("对经营者以欺诈、胁迫、避开或者破坏技术管理措施等不正当方式获取、使用其他经营者"
            "合法持有的数据的行政处罚", "price", f"{COMPETITION_2025}（具体条款待法规处审核确认）",
            key="data-scraping", levels="p", since=datetime.date(2025, 10, 15)),
    penalty("对经营者通过组织虚假交易、虚假评价等方式，帮助其他经营者进行虚假或者引人误解的"
            "商业宣传的行政处罚", "price", f"{COMPETITION_2025}（具体条款待法规处审核确认）",
            key="fake-reviews", levels="p", since=datetime.date(2025, 10, 15)),
    penalty("对经营者擅自将他人有一定影响的商品名称、企业名称等设置为搜索关键词，引人误认为是"
            "他人商品或者与他人存在特定联系的行政处罚", "price",
            f"{COMPETITION_2025}（具体条款待法规处审核确认）", key="keyword-confusion",
            levels="p", since=datetime.date(2025, 10, 15)),
    # 电子商务
    penalty("对电子商务经营者未在首页显著位置公示营业执照信息、行政许可信息等的行政处罚",
            "consumer", f"{ECOMMERCE}第十五条、第七十六条第一款", ONLINE_TRADE,
            key="online-licence", levels="pcx", cites=("网络交易监督管理办法",)),
    penalty("对电子商务经营者提供搜索结果未同时提供不针对消费者个人特征的选项的行政处罚",
            "consumer", f"{ECOMMERCE}第十八条第一款、第七十七条"),
    penalty("对电子商务经营者搭售商品或者服务未以显著方式提请消费者注意的行政处罚", "consumer",
            f"{ECOMMERCE}第十九条、第七十七条"),
    penalty("对电子商务平台经营者未履行核验、登记平台内经营者身份等信息义务的行政处罚",
            "consumer", f"{ECOMMERCE}第二十七条、第八十条第一款"),
    penalty("对电子商务平台经营者未显著公示平台服务协议、交易规则或者擅自删除消费者评价的"
            "行政处罚", "consumer", f"{ECOMMERCE}第三十三条、第三十九条、第八十一条第一款"),
    penalty("对电子商务平台经营者对平台内经营者的交易、交易价格等进行不合理限制或者附加不合理"
            "条件的行政处罚", "consumer", f"{ECOMMERCE}第三十五条、第八十二条"),
    penalty("对电子商务平台经营者对平台内经营者侵害消费者合法权益行为未采取必要措施的行政处罚",
            "consumer", f"{ECOMMERCE}第三十八条、第八十三条"),
    # 消费者权益保护
    penalty("对提供的商品或者服务不符合保障人身、财产安全要求的行政处罚", "consumer",
            f"{CONSUMERS}第五十六条第一款第（一）项"),
    penalty("对在商品中掺杂、掺假，以假充真，以次充好，或者以不合格商品冒充合格商品的行政处罚",
            "consumer", f"{CONSUMERS}第五十六条第一款第（二）项"),
    penalty("对伪造商品的产地，伪造或者冒用他人的厂名、厂址，篡改生产日期的行政处罚", "consumer",
            f"{CONSUMERS}第五十六条第一款第（四）项"),
    penalty("对销售的商品应当检验、检疫而未检验、检疫或者伪造检验、检疫结果的行政处罚",
            "consumer", f"{CONSUMERS}第五十六条第一款第（五）项"),
    penalty("对商品或者服务作虚假或者引人误解的宣传的行政处罚", "consumer",
            f"{CONSUMERS}第二十条、第五十六条第一款第（六）项"),
    penalty("对拒绝或者拖延有关行政部门责令对缺陷商品或者服务采取停止销售、警示、召回等措施的"
            "行政处罚", "consumer", f"{CONSUMERS}第十九条、第五十六条第一款第（七）项"),
    penalty("对故意拖延或者无理拒绝消费者修理、重作、更换、退货、退还货款等要求的行政处罚",
            "consumer", f"{CONSUMERS}第二十四条、第五十六条第一款第（八）项",
            key="refused-refund", levels="pcx", cites=("投诉举报处理",)),
    penalty("对违反网络购物七日无理由退货规定的行政处罚", "consumer",
            f"{CONSUMERS}第二十五条、第五十六条第一款第（八）项"),
    penalty("对侵害消费者人格尊严、侵犯消费者人身自由或者侵害消费者个人信息依法得到保护的权利的"
            "行政处罚", "consumer", f"{CONSUMERS}第二十九条、第五十六条第一款第（九）项"),
    # 产品质量
    penalty("对生产、销售不符合保障人体健康和人身、财产安全的国家标准、行业标准的产品的行政处罚",
            "product", f"{QUALITY}第十三条、第四十九条", key="substandard-products",
            levels="pcx", cites=("产品质量监督办法",)),
    penalty("对在产品中掺杂、掺假，以假充真、以次充好或者以不合格产品冒充合格产品的行政处罚",
            "product", f"{QUALITY}第三十二条、第三十九条、第五十条", levels="pcx"),
    penalty("对生产国家明令淘汰的产品、销售国家明令淘汰并停止销售的产品的行政处罚", "product",
            f"{QUALITY}第二十九条、第三十五条、第五十一条"),
    penalty("对销售失效、变质产品的行政处罚", "product", f"{QUALITY}第三十五条、第五十二条",
            levels="pcx"),
    penalty("对伪造产品产地，伪造或者冒用他人厂名、厂址，伪造或者冒用认证标志等质量标志的"
            "行政处罚", "product", f"{QUALITY}第三十条、第三十一条、第五十三条"),
    penalty("对产品标识不符合规定的行政处罚", "product", f"{QUALITY}第二十七条、第五十四条",
            levels="pcx"),
    penalty("对拒绝接受依法进行的产品质量监督检查的行政处罚", "product", f"{QUALITY}第五十六条"),
    penalty("对产品质量检验机构、认证机构伪造检验结果或者出具虚假证明的行政处罚", "product",
            f"{QUALITY}第五十七条第一款", levels="p"),
    penalty("对知道或者应当知道属于禁止生产、销售的产品而为其提供运输、保管、仓储等便利条件的"
            "行政处罚", "product", f"{QUALITY}第六十一条"),
    penalty("对服务业的经营者将禁止销售的产品用于经营性服务的行政处罚", "product",
            f"{QUALITY}第六十二条"),
    penalty("对隐匿、转移、变卖、损毁被查封、扣押的物品的行政处罚", "product",
            f"{QUALITY}第六十三条"),
    penalty("对企业未取得生产许可证擅自生产列入目录的产品的行政处罚", "product",
            f"{INDUSTRIAL}第五条、第四十五条", key="unlicensed-production"),
    penalty("对取得生产许可证的企业未依法在产品、包装或者说明书上标注生产许可证标志和编号的"
            "行政处罚", "product", f"{INDUSTRIAL}第四十八条"),
    penalty("对销售或者在经营活动中使用未取得生产许可证的列入目录产品的行政处罚", "product",
            f"{INDUSTRIAL}第四十九条"),
    penalty("对伪造、变造许可证证书、生产许可证标志和编号的行政处罚", "product",
            f"{INDUSTRIAL}第五十一条"),
    # 标准化、认证、检验检测
    penalty("对生产、销售、进口产品或者提供服务不符合强制性标准的行政处罚", "product",
            f"{STANDARDS}第二十五条、第三十七条", cites=("标准化管理办法",)),
    penalty("对企业未依法公开其执行的标准的行政处罚", "product",
            f"{STANDARDS}第二十七条、第三十八条", cites=("标准化管理办法",)),
    penalty("对检验检测机构出具不实检验检测报告、虚假检验检测报告的行政处罚", "product",
            f"{LAB_SUPERVISION}第十三条、第二十六条", levels="p"),
    # 计量
    penalty("对制造、修理、销售的计量器具不合格的行政处罚", "product", f"{METROLOGY}第二十四条",
            cites=("计量监督管理办法",)),
    penalty("对属于强制检定范围的计量器具未按照规定申请检定或者检定不合格继续使用的行政处罚",
            "product", f"{METROLOGY}第九条、第二十五条", key="unverified-instruments",
            levels="pcx", cites=("计量监督管理办法",)),
    penalty("对使用不合格的计量器具或者破坏计量器具准确度，给国家和消费者造成损失的行政处罚",
            "product", f"{METROLOGY}第二十六条", levels="pcx"),
    penalty("对制造、销售、使用以欺骗消费者为目的的计量器具的行政处罚", "product",
            f"{METROLOGY}第二十七条", key="cheating-instruments", levels="pcx",
            cites=("计量监督管理办法",)),
    # 特种设备
    penalty("对未经许可从事特种设备生产活动的行政处罚", "product",
            f"{EQUIPMENT}第十八条、第七十四条"),
    penalty("对特种设备安装、改造、修理的施工单位在施工前未书面告知或者在验收后三十日内未移交"
            "相关资料的行政处罚", "product", f"{EQUIPMENT}第二十三条、第二十四条、第七十八条"),
    penalty("对特种设备的制造、安装、改造、重大修理以及锅炉清洗过程未经监督检验的行政处罚",
            "product", f"{EQUIPMENT}第二十五条、第七十九条"),
    penalty("对特种设备生产单位生产、销售、交付国家明令淘汰的特种设备或者涂改、倒卖、出租、出借"
            "生产许可证的行政处罚", "product", f"{EQUIPMENT}第八十一条"),
    penalty("对特种设备经营单位销售、出租未取得许可生产、未经检验或者检验不合格的特种设备的"
            "行政处罚", "product", f"{EQUIPMENT}第二十七条、第二十八条、第八十二条"),
    penalty("对特种设备使用单位使用特种设备未按照规定办理使用登记等的行政处罚", "product",
            f"{EQUIPMENT}第三十三条、第八十三条", key="equipment-unregistered",
            levels="pcx", cites=("特种设备安全监察办法",)),
    penalty("对使用未取得许可生产，未经检验或者检验不合格的特种设备的行政处罚", "product",
            f"{EQUIPMENT}第四十条、第八十四条", key="equipment-uninspected", levels="pcx",
            cites=("特种设备安全监察办法",)),
    penalty("对移动式压力容器、气瓶充装单位违法从事充装活动的行政处罚", "product",
            f"{EQUIPMENT}第四十九条、第八十五条"),
    penalty("对特种设备生产、经营、使用单位未配备具有相应资格的安全管理人员、检测人员和作业人员的"
            "行政处罚", "product", f"{EQUIPMENT}第十四条、第八十六条", levels="pcx"),
    penalty("对电梯、客运索道、大型游乐设施的运营使用单位未设置特种设备安全管理机构或者未配备"
            "专职安全管理人员等的行政处罚", "product", f"{EQUIPMENT}第八十七条"),
    penalty("对未经许可擅自从事电梯维护保养的行政处罚", "product",
            f"{EQUIPMENT}第四十五条、第八十八条"),
    penalty("对特种设备检验、检测机构及其检验、检测人员违法从事检验、检测的行政处罚", "product",
            f"{EQUIPMENT}第九十三条", levels="p"),
    penalty("对拒不接受特种设备安全监督检查或者隐匿、转移、变卖、损毁被查封、扣押的特种设备的"
            "行政处罚", "product", f"{EQUIPMENT}第九十五条"),
    # 食品安全
    penalty("对未取得食品生产经营许可从事食品生产经营活动的行政处罚", "food",
            f"{FOOD}第三十五条、第一百二十二条第一款", key="unlicensed-food", levels="pcx"),
    penalty("对明知从事无许可食品生产经营活动仍为其提供生产经营场所或者其他条件的行政处罚",
            "food", f"{FOOD}第一百二十二条第二款"),
    penalty("对用非食品原料生产食品、在食品中添加食品添加剂以外的化学物质和其他可能危害人体健康"
            "的物质的行政处罚", "food", f"{FOOD}第三十四条、第一百二十三条第一款"),
    penalty("对经营病死、毒死或者死因不明的禽、畜、兽、水产动物肉类及其制品的行政处罚", "food",
            f"{FOOD}第三十四条、第一百二十三条第一款", levels="pcx"),
    penalty("对生产经营超过保质期或者超范围、超限量使用食品添加剂的食品的行政处罚", "food",
            f"{FOOD}第三十四条、第一百二十四条第一款", key="expired-food", levels="pcx"),
    penalty("对生产经营未按规定注册的保健食品、特殊医学用途配方食品、婴幼儿配方乳粉的行政处罚",
            "food", f"{FOOD}第七十六条、第八十条、第八十一条、第一百二十四条第一款"),
    penalty("对生产经营标签、说明书不符合规定的食品、食品添加剂的行政处罚", "food",
            f"{FOOD}第六十七条、第七十一条、第一百二十五条第一款", key="food-labels",
            levels="pcx"),
    penalty("对生产经营的食品标签、说明书存在瑕疵，但不影响食品安全且不会对消费者造成误导的"
            "行政处罚", "food", f"{FOOD}第一百二十五条第二款", levels="pcx",
            cites=("轻微违法行为不予行政处罚清单", "首违不罚")),
    penalty("对食品生产经营者未按规定建立并遵守进货查验记录、出厂检验记录和销售记录制度的"
            "行政处罚", "food", f"{FOOD}第五十条、第五十三条、第一百二十六条第一款",
            key="food-records", levels="pcx"),
    penalty("对安排未取得健康证明或者患有有碍食品安全疾病的人员从事接触直接入口食品工作的"
            "行政处罚", "food", f"{FOOD}第四十五条、第一百二十六条第一款", levels="pcx"),
    penalty("对餐具、饮具和盛放直接入口食品的容器使用前未经洗净、消毒的行政处罚", "food",
            f"{FOOD}第三十三条、第一百二十六条第一款", levels="pcx"),
    penalty("对集中交易市场的开办者、柜台出租者、展销会的举办者未履行审查、检查、报告等义务的"
            "行政处罚", "food", f"{FOOD}第六十一条、第一百三十条第一款"),
    penalty("对网络食品交易第三方平台提供者未对入网食品经营者进行实名登记、审查许可证或者未履行"
            "报告、停止提供网络交易平台服务等义务的行政处罚", "food",
            f"{FOOD}第六十二条、第一百三十一条第一款"),
    penalty("对未按要求进行食品贮存、运输和装卸的行政处罚", "food",
            f"{FOOD}第三十三条、第一百三十二条"),
    penalty("对拒绝、阻挠、干涉食品安全监督检查、事故调查处理、风险监测和风险评估的行政处罚",
            "food", f"{FOOD}第一百三十三条第一款"),
    penalty("对食品检验机构、食品检验人员出具虚假检验报告的行政处罚", "food",
            f"{FOOD}第一百三十八条第一款", levels="p"),
    penalty("对食品生产经营者在一年内累计三次因违反食品安全法规定受到责令停产停业、吊销许可证"
            "以外处罚的行政处罚", "food", f"{FOOD}第一百三十四条"),
    penalty("对食品生产加工小作坊、小餐饮和食品摊点违反食品安全规定的行政处罚", "food",
            f"{FOOD}第三十六条、第一百二十七条", WORKSHOPS, key="workshop-violations",
            levels="pcx", cites=("食品小作坊小餐饮",)),
    penalty("对未取得食品添加剂生产许可从事食品添加剂生产活动的行政处罚", "food",
            f"{FOOD}第三十九条、第一百二十二条第一款", levels="p"),
    # 药品零售（市、县级市场监督管理部门）
    penalty("对未取得药品经营许可证销售药品的行政处罚", "food",
            f"{DRUGS}第五十一条、第一百一十五条", key="unlicensed-drugs", levels="c"),
    penalty("对药品零售企业销售劣药的行政处罚", "food", f"{DRUGS}第九十八条、第一百一十七条",
            levels="c"),
)  # fmt: skip

COERCIONS = (
    coercion("查封、扣押不符合保障人体健康和人身、财产安全的国家标准、行业标准的产品及直接用于"
             "生产、销售该产品的原辅材料、包装物、生产工具", "product",
             f"{QUALITY}第十八条第一款第（四）项", f"{COERCION_LAW}第九条、第十八条",
             key="seize-products", levels="pcx"),
    coercion("查封、扣押不符合食品安全标准或者有证据证明存在安全隐患以及用于违法生产经营的食品、"
             "食品添加剂、食品相关产品", "food", f"{FOOD}第一百一十条第（四）项",
             f"{COERCION_LAW}第九条、第十八条", key="seize-food", levels="pcx"),
    coercion("查封违法从事食品生产经营活动的场所", "food", f"{FOOD}第一百一十条第（五）项",
             f"{COERCION_LAW}第九条", levels="pcx"),
    coercion("查封、扣押不符合安全技术规范要求或者存在严重事故隐患的特种设备", "product",
             f"{EQUIPMENT}第六十一条第一款第（三）项", f"{COERCION_LAW}第九条",
             key="seal-equipment", levels="pcx"),
    coercion("查封、扣押侵犯他人注册商标专用权的物品", "ip",
             f"{TRADEMARK}第六十二条第一款第（四）项", f"{COERCION_LAW}第九条",
             key="seize-counterfeits"),
    coercion("查封、扣押与涉嫌不正当竞争行为有关的财物", "price",
             f"{COMPETITION}第十三条第一款第（四）项", f"{COERCION_LAW}第九条"),
    coercion("查封、扣押与涉嫌违法广告直接相关的广告物品、经营工具、设备等财物", "advertising",
             f"{ADS}第四十九条第一款", f"{COERCION_LAW}第九条"),
    coercion("查封涉嫌传销的经营场所，查封、扣押涉嫌传销的有关合同、票据、账簿等资料和财物",
             "price", f"{PYRAMID}第十四条第一款", f"{COERCION_LAW}第九条"),
    coercion("查封、扣押专门用于从事无证无照经营活动的工具、设备、原材料、产品等财物",
             "registration", f"{UNLICENSED}第十一条", f"{COERCION_LAW}第九条",
             key="seize-unlicensed", levels="pcx"),
    coercion("查封、扣押反垄断调查中的相关证据", "price",
             f"{ANTIMONOPOLY}第四十七条第一款第（四）项", levels="p"),
    coercion("加处罚款", "legal", f"{COERCION_LAW}第四十五条", f"{PENALTY_LAW}第七十二条第一款",
             key="surcharge", levels="pcx", process="execution"),
    coercion("申请人民法院强制执行", "legal", f"{COERCION_LAW}第五十三条",
             f"{PENALTY_LAW}第七十二条第一款", levels="pcx", process="execution"),
)  # fmt: skip

INSPECTIONS = (
    inspection("产品质量监督抽查", "product", f"{QUALITY}第十五条", levels="pc",
               cites=("产品质量监督办法", "产品质量安全风险监控")),
    inspection("食品生产经营监督检查", "food", f"{FOOD}第一百一十条", FOOD_CHECKS, levels="pcx"),
    inspection("食品安全监督抽检", "food", f"{FOOD}第八十七条", FOOD_SAMPLING, levels="pcx",
               cites=("食品安全抽检监测工作规范",)),
    inspection("特种设备安全监督检查", "product", f"{EQUIPMENT}第五十七条、第六十一条",
               levels="pcx", cites=("特种设备安全监察办法",)),
    inspection("计量监督检查", "product", f"{METROLOGY}第十八条", levels="pcx",
               cites=("计量监督管理办法",)),
    inspection("广告监督检查", "advertising", f"{ADS}第四十九条"),
    inspection("企业公示信息抽查", "credit", f"{PUBLICITY}第十四条", levels="pcx",
               cites=("涉企行政检查规范", "企业信用风险分类管理")),
    inspection("价格监督检查", "price", f"{PRICES}第三十三条、第三十四条", levels="pcx"),
    inspection("不正当竞争行为监督检查", "price", f"{COMPETITION}第十三条"),
    inspection("网络交易监督检查", "consumer", f"{ECOMMERCE}第六条", ONLINE_TRADE,
               cites=("网络交易监督管理办法",)),
    inspection("检验检测机构监督检查", "product", f"{METROLOGY}第二十二条", LAB_SUPERVISION,
               levels="p"),
    inspection("标准实施监督检查", "product", f"{STANDARDS}第三十二条", levels="p",
               cites=("标准化管理办法",)),
    inspection("商标使用监督检查", "ip", f"{TRADEMARK}第六十二条"),
    inspection("工业产品生产许可证获证企业监督检查", "product", f"{INDUSTRIAL}第三十八条",
               levels="p"),
)  # fmt: skip

CONFIRMATIONS = (
    confirmation("股权出质登记", "registration", f"{CIVIL_CODE}第四百四十三条", EQUITY_PLEDGES,
                 levels="pcx", days=(3, 1)),
    confirmation("移出经营异常名录", "credit", PUBLICITY, f"{ABNORMAL_LIST}第十一条",
                 levels="pcx", days=(5, 3), cites=("经营异常名录管理办法",)),
    confirmation("移出严重违法失信名单（信用修复）", "credit", f"{SERIOUS_LIST}第十六条",
                 days=(15, 10)),
    confirmation("计量器具强制检定", "product", f"{METROLOGY}第九条", key="verification",
                 levels="pcx", fee="verification-fee", days=(10, 5),
                 body="法定计量检定机构（受授权承担检定任务）"),
    confirmation("特种设备监督检验和定期检验", "product", f"{EQUIPMENT}第二十五条、第四十条",
                 key="equipment-inspection", fee="equipment-inspection-fee", days=(10, 5),
                 body="特种设备检验机构（经核准承担检验任务）"),
    confirmation("食品安全监督抽检复检申请审核", "food", f"{FOOD}第八十八条", FOOD_SAMPLING,
                 days=(7, 3)),
)  # fmt: skip

REWARDS = (
    reward("市场监督管理领域重大违法行为举报奖励", "office", f"{REPORT_REWARDS}第二条",
           levels="pcx"),
    reward("食品安全违法行为举报奖励", "food", f"{FOOD}第一百一十五条"),
    reward("产品质量违法行为举报奖励", "product", f"{QUALITY}第十条"),
    reward("辽宁省省长质量奖评审", "product", f"{QUALITY}第六条", levels="p"),
    reward("标准化工作表彰奖励", "product", f"{STANDARDS}第九条", levels="p"),
)  # fmt: skip

ADJUDICATIONS = (
    adjudication("计量纠纷仲裁检定", "product", f"{METROLOGY}第二十一条", METROLOGY_RULES),
    adjudication("企业名称争议裁决", "registration", f"{COMPANY_NAMES}第二十一条"),
    adjudication("专利侵权纠纷行政裁决", "ip", f"{PATENT}第六十五条", key="patent-disputes",
                 levels="p"),
)  # fmt: skip

OTHERS = (
    other("列入经营异常名录", "credit", PUBLICITY, f"{ABNORMAL_LIST}第四条", levels="pcx",
          cites=("经营异常名录管理办法",)),
    other("列入严重违法失信名单", "credit", f"{SERIOUS_LIST}第二条"),
    other("消费者投诉处理（行政调解）", "consumer", f"{CONSUMERS}第三十九条", COMPLAINTS,
          levels="pcx", cites=("投诉举报处理",)),
    other("举报处理（违法线索核查）", "consumer", f"{PENALTY_PROCEDURE}第十八条", COMPLAINTS,
          levels="pcx", cites=("投诉举报处理",)),
    other("食品安全事故调查处理", "food", f"{FOOD}第一百零五条"),
    other("特种设备事故调查处理", "product", f"{EQUIPMENT}第七十二条、第七十三条"),
    other("缺陷消费品召回监督管理", "product", f"{CONSUMERS}第十九条", RECALLS, levels="p"),
    other("撤销市场主体登记", "registration", f"{REGISTRATION}第四十条"),
    other("食品安全责任约谈", "food", f"{FOOD}第一百一十四条", levels="pcx"),
    other("地理标志产品保护申请初审", "ip", f"{QUALITY}第五条", key="geographical-indications",
          levels="p"),
)  # fmt: skip

DEFINITIONS = (
    *LICENCES, *PENALTIES, *COERCIONS, *INSPECTIONS, *CONFIRMATIONS, *REWARDS,
    *ADJUDICATIONS, *OTHERS,
)  # fmt: skip

# Items of the provincial catalogue that are no longer exercised: when, and why. The
# decisions are invented (演示数据).
ABOLITIONS = {
    "ad-registration": (
        datetime.date(2025, 3, 31),
        "《国务院关于取消和调整一批行政许可事项的决定》（国发〔2025〕5号，演示数据，文号虚构）",
    ),
    "ad-unregistered": (
        datetime.date(2025, 3, 31),
        "《国务院关于取消和调整一批行政许可事项的决定》（国发〔2025〕5号，演示数据，文号虚构）",
    ),
    "repair-licence": (
        datetime.date(2024, 9, 30),
        "《国务院关于取消一批行政许可事项的决定》（国发〔2024〕17号，演示数据，文号虚构）",
    ),
    "industrial-packaging": (
        datetime.date(2025, 6, 30),
        "《国务院关于调整工业产品生产许可证管理目录的决定》（国发〔2025〕12号，演示数据，文号虚构）",
    ),
    "equipment-signallers": (
        datetime.date(2026, 1, 1),
        "《市场监管总局关于调整特种设备作业人员资格认定项目的公告》"
        "（2025年第48号，演示数据，文号虚构）",
    ),
}

# Provincial items still on their way through review, and items taken off again.
PROVINCIAL_QUEUE = {
    "late-payment": DRAFT,
    "platform-below-cost": DRAFT,
    "data-scraping": DRAFT,
    "fake-reviews": IN_REVIEW,
    "keyword-confusion": IN_REVIEW,
    "geographical-indications": WITHDRAWN,
    "patent-disputes": WITHDRAWN,
}
WITHDRAWAL_REASON = "该事项已划入辽宁省知识产权局权责清单，由其实施并公开，本清单撤回。"

# Items every city or county catalogue has, because the demo decisions need them.
CORE_KEYS = {
    "city": (
        "food-production", "food-business", "equipment-registration", "equipment-personnel",
        "drug-retail", "company-registration", "measurement-standards", "verification",
        "unregistered", "change-not-registered", "licence-not-displayed", "unlicensed-trade",
        "false-advertising", "prohibited-advertising", "trademark-infringement", "price-fraud",
        "price-tags", "false-publicity", "online-licence", "refused-refund",
        "substandard-products", "unverified-instruments", "cheating-instruments",
        "equipment-unregistered", "equipment-uninspected", "unlicensed-food", "expired-food",
        "food-labels", "food-records", "unlicensed-drugs", "seize-products", "seize-food",
        "seal-equipment", "seize-counterfeits", "seize-unlicensed", "surcharge",
    ),
    "county": (
        "food-business", "equipment-registration", "food-workshop", "unlicensed-trade",
        "price-tags", "expired-food", "food-records", "unverified-instruments", "seize-food",
    ),
}  # fmt: skip
CATALOGUE_SIZE = {"city": (40, 50), "county": (12, 16)}

# When each level first published its catalogue.
FIRST_PUBLISHED = {
    "province": datetime.date(2023, 3, 15),
    "city": datetime.date(2023, 4, 10),
    "county": datetime.date(2023, 6, 5),
}

# --- processes, responsibilities and accountability, per kind ---------------------------

# (step, what happens, who does it, time limit). In "who": {department} is the handling
# department, {legal} the legal department, {window} the service window.
WINDOW = "政务服务大厅受理窗口"
HEAD = "局负责人"

PROCESSES = {
    "licensing": (
        ("申请", "申请人通过辽宁政务服务网或者政务服务大厅窗口提交申请材料。", "申请人", ""),
        ("受理", "申请材料齐全、符合法定形式的，予以受理；不齐全或者不符合法定形式的，当场或者在"
         "五个工作日内一次告知申请人需要补正的全部内容。", "{window}", "5个工作日"),
        ("审查", "对申请材料进行审查；需要对申请材料的实质内容进行核实的，指派两名以上工作人员"
         "进行现场核查。", "{department}", "{days}"),
        ("决定", "作出准予或者不予行政许可的书面决定；不予许可的，说明理由，并告知申请人享有依法"
         "申请行政复议或者提起行政诉讼的权利。", HEAD, "{days}"),
        ("送达", "自作出决定之日起十日内向申请人颁发、送达许可证件，并在七个工作日内公示许可结果。",
         "{window}", "10日"),
    ),
    "penalty": (
        ("立案", "对监督检查、投诉举报、上级交办、其他机关移送等发现的违法线索，自发现线索或者收到"
         "材料之日起十五个工作日内予以核查，由负责人决定是否立案。", "{department}", "15个工作日"),
        ("调查取证", "执法人员不少于两人，出示执法证件，全面、客观、公正地调查收集证据；"
         "必要时依法采取先行登记保存等措施。", "{department}", ""),
        ("审理", "案件调查终结后由法制机构进行审核；重大行政处罚决定经法制审核和集体讨论。",
         "{legal}", ""),
        ("告知", "作出行政处罚决定前，书面告知当事人拟作出的行政处罚内容及事实、理由、依据，"
         "以及陈述、申辩和要求听证的权利。", "{department}", "当事人5个工作日内陈述申辩"),
        ("决定", "根据不同情况作出给予行政处罚、不予行政处罚或者移送司法机关等决定，"
         "制作行政处罚决定书。", HEAD, "自立案之日起90日内（经批准可延长30日）"),
        ("送达", "行政处罚决定书当场交付当事人；当事人不在场的，七日内依照民事诉讼法的"
         "有关规定送达。", "{department}", "7日"),
        ("执行", "当事人自收到行政处罚决定书之日起十五日内缴纳罚款；行政处罚信息自决定作出之日起"
         "二十个工作日内公示。", "{department}", "15日"),
    ),
    "coercion": (
        ("审批", "实施前向行政机关负责人报告并经批准；情况紧急需要当场实施的，在二十四小时内向"
         "负责人报告并补办批准手续。", "{department}", "紧急情况24小时内补办"),
        ("告知", "由两名以上执法人员实施，出示执法证件，通知当事人到场，当场告知采取行政强制措施的"
         "理由、依据以及当事人依法享有的权利、救济途径，听取陈述和申辩。", "{department}", ""),
        ("实施", "制作现场笔录和查封、扣押决定书及清单，由当事人和执法人员签名或者盖章，"
         "当场交付当事人。", "{department}", "当场"),
        ("处理", "查封、扣押期限不得超过三十日；情况复杂的，经负责人批准可以延长，但延长期限不得"
         "超过三十日。检测、检验、检疫或者技术鉴定期间不计入期限。", "{department}",
         "30日（可延长30日）"),
        ("解除", "对违法事实清楚的依法作出处理决定；不再需要查封、扣押的，及时解除并退还财物。",
         HEAD, ""),
    ),
    "execution": (
        ("催告", "当事人逾期不履行行政决定的，书面催告当事人履行义务。", "{department}",
         "催告书送达后10日"),
        ("陈述申辩", "当事人有权进行陈述和申辩，行政机关充分听取当事人的意见。",
         "{department}", ""),
        ("决定", "经催告，当事人逾期仍不履行且无正当理由的，作出加处罚款或者强制执行决定；"
         "加处罚款的数额不得超出金钱给付义务的数额。", HEAD, ""),
        ("执行", "当事人在法定期限内不申请行政复议或者提起行政诉讼又不履行的，自期限届满之日起"
         "三个月内申请人民法院强制执行。", "{legal}", "3个月"),
    ),
    "inspection": (
        ("制定计划", "按照“双随机、一公开”要求制定年度检查计划，随机抽取检查对象、随机选派"
         "执法检查人员。", "{department}", ""),
        ("检查准备", "确定检查事项、检查方式和检查人员；需要检验检测的，委托具备资质的"
         "检验检测机构。", "{department}", ""),
        ("实施检查", "检查人员不少于两人，出示执法证件，依法查阅、复制有关资料，进行现场检查并"
         "制作检查记录。", "{department}", ""),
        ("结果处理", "对检查中发现的问题责令改正；涉嫌违法的依法立案查处，涉嫌犯罪的移送司法机关。",
         "{department}", ""),
        ("结果公示", "检查结果自检查结束之日起二十个工作日内通过国家企业信用信息公示系统公示。",
         "{department}", "20个工作日"),
    ),
    "confirmation": (
        ("申请", "申请人提交申请及相关材料。", "申请人", ""),
        ("受理", "材料齐全、符合法定形式的予以受理；不予受理的说明理由。", "{window}", "当场"),
        ("审核", "对申请材料和有关事实进行审核，必要时进行现场核实。", "{department}", "{days}"),
        ("确认", "作出确认或者不予确认的决定，出具相应文书或者证明。", "{department}", "{days}"),
        ("送达", "将结果送达申请人，并依法予以公示。", "{window}", ""),
    ),
    "reward": (
        ("举报受理", "登记举报人提供的违法线索和联系方式，对举报人信息严格保密。",
         "{department}", ""),
        ("核查处理", "对举报线索依法核查，查证属实的依法作出处理决定。", "{department}", ""),
        ("奖励认定", "案件办结后，认定举报是否符合奖励条件并确定奖励等级和金额。", "{department}",
         "结案后15个工作日"),
        ("审批", "奖励经局负责人批准；奖励金额较大的，报上级市场监督管理部门备案。", HEAD, ""),
        ("通知领取", "书面通知举报人，举报人自接到通知之日起30个工作日内凭身份证明领取奖金。",
         "{department}", "30个工作日"),
    ),
    "adjudication": (
        ("申请", "当事人提交书面裁决申请和有关证据材料。", "申请人", ""),
        ("受理", "收到申请之日起五个工作日内决定是否受理，并书面通知当事人。", "{department}",
         "5个工作日"),
        ("答辩", "将申请书副本送达被申请人，被申请人在规定期限内提交答辩材料。", "{department}",
         "15日"),
        ("审理", "查明事实，必要时组织双方质证、进行检定或者鉴定。", "{department}", ""),
        ("裁决", "依法作出书面裁决，载明事实、理由和依据，以及不服裁决的救济途径。", HEAD,
         "{days}"),
        ("送达", "将裁决书送达双方当事人。", "{department}", "7日"),
    ),
    "other": (
        ("启动", "依职权或者依申请启动。", "{department}", ""),
        ("调查核实", "调查核实有关情况，听取当事人陈述。", "{department}", ""),
        ("决定", "依法作出处理决定并制作书面文书。", HEAD, ""),
        ("告知公示", "将处理结果告知当事人，依法应当公示的予以公示。", "{department}",
         "20个工作日"),
    ),
}  # fmt: skip

_OTHER_DUTY = ("其他法律法规规章文件规定应履行的责任",
               "法律法规规章文件规定应履行的其他责任。")  # fmt: skip

RESPONSIBILITIES = {
    "licensing": (
        ("受理责任", "公示依法应当提交的材料；一次性告知补正材料；依法受理或者不予受理并"
         "说明理由。"),
        ("审查责任", "对申请材料进行审查，提出审查意见；需要现场核查的组织核查；涉及申请人、"
         "利害关系人重大利益的告知其享有听证的权利。"),
        ("决定责任", "在法定期限内作出准予或者不予行政许可的决定；不予许可的说明理由。"),
        ("送达责任", "制作并送达许可证件，信息公开。"),
        ("事后监管责任", "对被许可人从事行政许可事项的活动实施有效监督，依法处理违法行为。"),
        _OTHER_DUTY,
    ),
    "penalty": (
        ("立案责任", "对发现的涉嫌违法行为予以核查，决定是否立案；需要移送的及时移送。"),
        ("调查责任", "对立案的案件指定专人负责，及时组织调查取证；执法人员不少于两人，"
         "与当事人有直接利害关系的应当回避。"),
        ("审查责任", "对案件违法事实、证据、调查取证程序、法律适用、处罚种类和幅度、"
         "当事人陈述和申辩理由等进行审查，提出处理意见。"),
        ("告知责任", "在作出行政处罚决定前，书面告知当事人拟作出处罚的事实、理由、依据、处罚内容，"
         "以及陈述、申辩、要求听证等权利。"),
        ("决定责任", "制作行政处罚决定书，载明违法事实和证据、处罚依据和内容、申请行政复议或者"
         "提起行政诉讼的途径和期限等内容。"),
        ("送达责任", "行政处罚决定书按法律规定的方式送达当事人。"),
        ("执行责任", "依照生效的行政处罚决定，监督当事人履行；逾期不履行的依法强制执行。"),
        _OTHER_DUTY,
    ),
    "coercion": (
        ("审批责任", "对需要采取强制措施的，向行政机关负责人报告并经批准。"),
        ("告知责任", "当场告知当事人采取行政强制措施的理由、依据以及当事人依法享有的权利、"
         "救济途径。"),
        ("实施责任", "由两名以上执法人员实施，制作现场笔录和查封、扣押决定书及清单。"),
        ("处理责任", "在法定期限内作出处理决定；对不再需要查封、扣押的及时解除。"),
        ("事后责任", "妥善保管查封、扣押的财物，不得使用或者损毁。"),
        _OTHER_DUTY,
    ),
    "inspection": (
        ("检查责任", "按照“双随机、一公开”要求实施检查，检查人员不少于两人并出示执法证件。"),
        ("处置责任", "对检查中发现的违法行为依法处理；涉嫌犯罪的移送司法机关。"),
        ("公示责任", "依法公示检查结果。"),
        _OTHER_DUTY,
    ),
    "confirmation": (
        ("受理责任", "公示申请条件和材料，对申请依法受理或者不予受理。"),
        ("审核责任", "对申请材料和有关事实进行审核。"),
        ("确认责任", "在规定期限内作出确认或者不予确认的决定。"),
        ("送达责任", "送达结果并依法公示。"),
        _OTHER_DUTY,
    ),
    "reward": (
        ("受理责任", "受理举报或者推荐申报，为举报人保密。"),
        ("审核责任", "审核是否符合奖励条件，确定奖励等级。"),
        ("决定责任", "作出奖励决定并报批。"),
        ("兑付责任", "按规定发放奖金或者荣誉证书。"),
        _OTHER_DUTY,
    ),
    "adjudication": (
        ("受理责任", "审查申请是否符合受理条件，依法受理或者不予受理。"),
        ("审理责任", "全面审查证据，听取双方意见，查明事实。"),
        ("裁决责任", "依法作出裁决并说明理由。"),
        ("送达责任", "将裁决书送达当事人。"),
        ("执行责任", "监督裁决的履行。"),
        _OTHER_DUTY,
    ),
    "other": (
        ("实施责任", "依照法定权限和程序实施。"),
        ("处置责任", "依法作出处理并告知当事人。"),
        ("监督责任", "对处理结果的落实情况进行跟踪监督。"),
        _OTHER_DUTY,
    ),
}  # fmt: skip

_COMMON_ACCOUNTABILITY = (
    "滥用职权、玩忽职守、徇私舞弊的；",
    "索取或者收受他人财物，或者谋取其他利益的；",
    "泄露因履行职责掌握的商业秘密、个人隐私的；",
    "其他违反法律法规规章规定的行为。",
)
ACCOUNTABILITY = {
    "licensing": (
        "对符合法定条件的行政许可申请不予受理的；",
        "对不符合法定条件的申请人准予行政许可或者超越法定职权作出准予行政许可决定的；",
        "对符合法定条件的申请人不予行政许可或者不在法定期限内作出准予行政许可决定的；",
        "不在办公场所公示依法应当公示的材料，或者未一次告知申请人必须补正的全部内容的；",
        "违法收取费用的；",
    ),
    "penalty": (
        "没有法律或者事实依据实施行政处罚的；",
        "擅自改变行政处罚种类、幅度的；",
        "违反法定的行政处罚程序的；",
        "符合听证条件、当事人要求听证，应予组织听证而不组织听证的；",
        "违法实行检查措施或者执行措施，给公民人身或者财产造成损害的；",
        "应当依法移交司法机关追究刑事责任而不移交，以行政处罚代替刑事处罚的；",
    ),
    "coercion": (
        "没有法律、法规依据实施行政强制的；",
        "改变行政强制对象、条件、方式的；",
        "违反法定程序实施行政强制的；",
        "扩大查封、扣押范围，或者使用、损毁查封、扣押场所、设施或者财物的；",
        "在查封、扣押法定期间不作出处理决定或者未依法及时解除查封、扣押的；",
    ),
    "inspection": (
        "未按规定随机抽取检查对象、随机选派检查人员的；",
        "违法实施检查、干扰正常生产经营活动的；",
        "对检查中发现的违法行为不依法处理的；",
    ),
}


# --- publication -------------------------------------------------------------------------


@dataclass(frozen=True)
class Publication:
    """How far a record went through the workflow, and when (shared by the clearance demos)."""

    status: str
    created_at: datetime.datetime
    published_at: datetime.datetime | None = None
    withdrawn_at: datetime.datetime | None = None
    withdrawal_reason: str = ""
    opinion: str = ""

    def moments(self) -> dict[str, datetime.datetime]:
        """When each review event happened: created, submitted, published, withdrawn."""
        moments = {"created": self.created_at}
        if self.status != DRAFT:
            moments["submitted"] = (
                self.published_at - datetime.timedelta(minutes=30)
                if self.published_at
                else self.created_at + datetime.timedelta(hours=3)
            )
        if self.published_at:
            moments["published"] = self.published_at
        if self.withdrawn_at:
            moments["withdrawn"] = self.withdrawn_at
        return moments


def office_moment(rng: random.Random, day: datetime.date) -> datetime.datetime:
    """A moment in office hours on ``day`` (moved to the next weekday if needed)."""
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    moment = datetime.datetime(
        day.year, day.month, day.day, rng.randint(9, 16), rng.choice((0, 10, 20, 30, 40, 50)),
        tzinfo=SHANGHAI,
    )  # fmt: skip
    return min(moment, LAST_PUBLISHED)


def published(rng: random.Random, day: datetime.date, opinion: str = OPINION) -> Publication:
    """Drafted one to four days before ``day`` and published on it."""
    moment = office_moment(rng, day)
    created = moment - datetime.timedelta(days=rng.randint(1, 4), hours=rng.randint(0, 5))
    return Publication(PUBLISHED, created, moment, opinion=opinion)


def queued(rng: random.Random, status: str) -> Publication:
    """A draft or an item in review of the last weeks before the demo's "today"."""
    created = office_moment(rng, datetime.date(2026, 11, rng.randint(9, 20)))
    return Publication(status, created)


def withdrawn(rng: random.Random, day: datetime.date, later: datetime.date, reason: str):
    first = published(rng, day)
    return Publication(
        WITHDRAWN, first.created_at, first.published_at,
        withdrawn_at=office_moment(rng, later), withdrawal_reason=reason, opinion=first.opinion,
    )  # fmt: skip


# --- from definitions to per-agency specs -------------------------------------------------


@dataclass
class PowerSpec:
    agency: str  # slug
    code: str
    definition: PowerDef
    values: dict  # model fields other than agency, code, department, fee and basis entries
    steps: list[dict] = field(repr=False)
    responsibilities: list[dict] = field(repr=False)
    publication: Publication = field(repr=False)

    @property
    def lookup(self) -> dict:
        return {"code": self.code}

    @property
    def key(self) -> str:
        return self.definition.key

    @property
    def department(self) -> str:
        return self.definition.department

    @property
    def fee(self) -> str:
        return self.definition.fee

    @property
    def cites(self) -> tuple[str, ...]:
        return self.definition.cites


def _sequences() -> dict[int, int]:
    """Each definition's number within its kind, the same in every agency's catalogue."""
    counters, numbers = {}, {}
    for index, definition in enumerate(DEFINITIONS):
        counters[definition.kind] = counters.get(definition.kind, 0) + 1
        numbers[index] = counters[definition.kind]
    return numbers


def power_code(place: Place, definition: PowerDef, sequence: int) -> str:
    return f"{place.area_code}-{KIND_PREFIX[definition.kind]}-{sequence:03d}"


def _days(definition: PowerDef) -> tuple[int | None, int | None]:
    return definition.days or DEFAULT_DAYS.get(definition.kind, (None, None))


def _time_limit(text: str, days: tuple[int | None, int | None]) -> str:
    statutory, promised = days
    if "{days}" not in text:
        return text
    if statutory is None:
        return ""
    return f"法定{statutory}个工作日，承诺{promised}个工作日"


def process_steps(definition: PowerDef, names: dict) -> list[dict]:
    days = _days(definition)
    steps = PROCESSES[definition.process or definition.kind]
    return [
        {
            "order": order,
            "name": name,
            "description": description,
            "responsible": who.format(**names),
            "time_limit": _time_limit(limit, days),
        }
        for order, (name, description, who, limit) in enumerate(steps, start=1)
    ]


def responsibility_steps(definition: PowerDef) -> list[dict]:
    return [
        {"order": order, "stage": stage, "duty": duty}
        for order, (stage, duty) in enumerate(RESPONSIBILITIES[definition.kind], start=1)
    ]


def supervision(place: Place, serial: int) -> str:
    discipline = dict((spec.key, name) for spec, name in departments_for(place.level))
    return (
        f"{place.name}{discipline['discipline']}，监督电话：{phone(place, serial, 6)}；"
        "全国12315投诉举报平台"
    )


def item_values(place: Place, serial: int, definition: PowerDef, sequence: int) -> dict:
    statutory, promised = _days(definition)
    abolished_on, abolition_basis = ABOLITIONS.get(definition.key, (None, ""))
    accountability = ACCOUNTABILITY.get(definition.kind, ()) + _COMMON_ACCOUNTABILITY
    first = FIRST_PUBLISHED[place.level]
    return {
        "name": definition.name,
        "kind": definition.kind,
        "sub_item": definition.sub_item,
        "legal_basis": "\n".join(definition.basis),
        "implementing_body": definition.body,
        "conditions": definition.conditions,
        "materials": "\n".join(definition.materials),
        "statutory_days": statutory,
        "promised_days": promised,
        "accountability": "\n".join(accountability),
        "supervision": supervision(place, serial),
        "reconsideration_body": reconsideration_body(place),
        "litigation_court": litigation_court(place),
        "power_status": "abolished" if abolished_on else "in_force",
        "in_force_from": max(definition.since or first, first),
        "abolished_on": abolished_on,
        "abolition_basis": abolition_basis,
        "sort_order": KIND_ORDER.index(definition.kind) * 1000 + sequence,
    }


def _publication(rng: random.Random, place: Place, definition: PowerDef, serial: int):
    status = PROVINCIAL_QUEUE.get(definition.key, PUBLISHED) if place.level == "province" else (
        PUBLISHED
    )  # fmt: skip
    if status in (DRAFT, IN_REVIEW):
        return queued(rng, status)
    first = FIRST_PUBLISHED[place.level] + datetime.timedelta(days=serial % 14 * 3)
    day = first + datetime.timedelta(days=rng.randint(0, 4))
    if definition.since and definition.since > day:
        day = definition.since + datetime.timedelta(days=rng.randint(3, 20))
    if status == WITHDRAWN:
        return withdrawn(rng, day, datetime.date(2025, 4, 8), WITHDRAWAL_REASON)
    return published(rng, day)


def _department_names(place: Place) -> dict:
    return {spec.key: name for spec, name in departments_for(place.level)}


def _chosen(rng: random.Random, place: Place) -> list[int]:
    """Indexes into DEFINITIONS of the items in this agency's catalogue."""
    letter = {"province": "p", "city": "c", "county": "x"}[place.level]
    pool = [i for i, d in enumerate(DEFINITIONS) if letter in d.levels]
    if place.level == "province":
        return pool
    core = [i for i in pool if DEFINITIONS[i].key in CORE_KEYS[place.level]]
    rest = [i for i in pool if i not in core]
    size = rng.randint(*CATALOGUE_SIZE[place.level])
    return sorted(core + rng.sample(rest, size - len(core)))


def _spec(rng, place, serial, index, sequence) -> PowerSpec:
    definition = DEFINITIONS[index]
    names = _department_names(place)
    department = names.get(definition.department, names["legal"])
    who = {"department": department, "legal": names["legal"], "window": WINDOW}
    return PowerSpec(
        agency=place.slug,
        code=power_code(place, definition, sequence),
        definition=definition,
        values=item_values(place, serial, definition, sequence),
        steps=process_steps(definition, who),
        responsibilities=responsibility_steps(definition),
        publication=_publication(rng, place, definition, serial),
    )


def build_power_specs() -> list[PowerSpec]:
    """Every demo power item of every agency, the province first, in catalogue order."""
    rng = random.Random(SEED)  # noqa: S311 (demo data, not secrets)
    sequences = _sequences()
    specs = []
    for serial, place in enumerate(ALL_PLACES):
        for index in _chosen(rng, place):
            specs.append(_spec(rng, place, serial, index, sequences[index]))
    return specs


def provincial_definitions() -> list[PowerDef]:
    return [d for d in DEFINITIONS if "p" in d.levels]
