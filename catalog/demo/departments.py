"""Internal departments (内设机构) of the demo bureaus and the routing role of each.

The roles follow the bureau's disclosure work rules: the office leads, the legal
department handles what touches law, business departments their own business,
the information centre online publication, discipline inspection supervises.
Names end in 处 at the province, 科 in a city and 股 in a county.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class DepartmentSpec:
    key: str  # stable key used by the entry templates
    names: tuple[str, str, str]  # province, city, county name ("" = none at that level)
    role: str
    duties: str


_LEVEL_INDEX = {"province": 0, "city": 1, "county": 2}

DEPARTMENTS = (
    DepartmentSpec(
        "office", ("办公室", "办公室", "办公室"), "office",
        "负责机关日常运转，承担文电、会务、机要、档案、督查督办等工作；牵头组织政务公开和"
        "政府信息公开工作，受理和答复政府信息公开申请；承担安全保密、信访和新闻宣传工作。",
    ),
    DepartmentSpec(
        "legal", ("法规处", "法制科", "法制股"), "legal",
        "起草有关地方性法规、规章草案和规范性文件；承担规范性文件合法性审核、行政复议和"
        "行政应诉工作；指导监督行政执法，组织开展重大行政处罚案件审核；负责涉及法律法规的"
        "政府信息公开事项的审核。",
    ),
    DepartmentSpec(
        "registration", ("登记注册局", "登记注册科", "登记注册股"), "business",
        "拟订市场主体登记注册制度措施并组织实施；承担各类企业、农民专业合作社、个体工商户"
        "等市场主体的登记注册工作；推进企业开办便利化和登记注册全程电子化。",
    ),
    DepartmentSpec(
        "credit", ("信用监督管理处", "信用监督管理科", ""), "business",
        "拟订信用监督管理制度措施；组织实施“双随机、一公开”监管；管理经营异常名录和"
        "严重违法失信名单；组织指导企业年度报告公示和信息公示工作。",
    ),
    DepartmentSpec(
        "advertising", ("广告监督管理处", "广告监督管理科", ""), "business",
        "拟订广告监督管理制度措施；组织开展广告监测，组织查处虚假广告等违法行为；"
        "指导广告审查机构和广告行业组织的工作。",
    ),
    DepartmentSpec(
        "consumer", ("消费者权益保护处", "消费者权益保护科", "消费者权益保护股"), "business",
        "拟订消费者权益保护制度措施；指导开展消费维权工作；组织受理、处置消费者投诉举报；"
        "组织开展消费环境建设和放心消费创建工作。",
    ),
    DepartmentSpec(
        "product", ("产品质量安全监督管理处", "产品质量安全监督管理科", "产品质量监管股"),
        "business",
        "拟订产品质量安全监督管理制度措施；组织实施产品质量监督抽查和质量安全风险监控；"
        "管理工业产品生产许可；指导和协调产品质量的行业、地方和专业性监督。",
    ),
    DepartmentSpec(
        "food", ("食品安全协调处", "食品安全协调科", "食品安全监管股"), "business",
        "承担食品安全委员会办公室日常工作；拟订食品安全监督抽检计划并组织实施；"
        "定期公布抽检结果，组织开展不合格食品核查处置和风险预警、风险交流工作。",
    ),
    DepartmentSpec(
        "price", ("价格监督检查和反不正当竞争处", "价格监督检查和反不正当竞争科", ""),
        "business",
        "拟订价格收费监督检查、反不正当竞争的制度措施；组织实施价格收费监督检查；"
        "组织查处价格收费违法违规、不正当竞争、传销和违规直销等行为。",
    ),
    DepartmentSpec(
        "ip", ("知识产权保护处", "知识产权科", ""), "business",
        "拟订知识产权保护制度措施；组织实施商标、专利执法工作；指导商标代理、专利代理"
        "等知识产权服务行业监督管理；推进地理标志保护。",
    ),
    DepartmentSpec(
        "info", ("信息中心", "信息中心", "信息中心"), "info_centre",
        "负责门户网站（红盾信息网）和电子政务内网的建设、运行和安全保障；负责政府信息"
        "网上公开、局务公开的技术支撑和信息发布；承担政府信息公开目录系统的维护。",
    ),
    DepartmentSpec(
        "discipline", ("纪检监察室", "纪检监察室", "纪检监察室"), "discipline",
        "协助派驻纪检监察组开展监督检查；监督政务公开和政府信息公开工作的落实；"
        "受理对机关及其工作人员违法违纪行为的检举控告。",
    ),
)  # fmt: skip


def departments_for(level: str) -> list[tuple[DepartmentSpec, str]]:
    """The departments an agency of ``level`` has, with their names there, in order."""
    index = _LEVEL_INDEX[level]
    return [(spec, spec.names[index]) for spec in DEPARTMENTS if spec.names[index]]
