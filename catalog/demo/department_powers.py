"""Department powers (部门职权) of the demo bureaus: authorised staffing by category
(人员编制) and workflows as ordered steps (工作流程).

The division of duties (职责分工) is already on each department
(``catalog.demo.departments``), the functions and structure on the agency
(``catalog.demo.agencies``). The staffing quotas repeat, category by category,
the numbers the agency's staffing text states, so the two never disagree.
"""

import random
from dataclasses import dataclass

from catalog.demo.agencies import Place, staffing_numbers

SEED = 20_080_515


# Posts outside the staffing text: logistics staff (工勤) and the enforcement team's
# special enforcement staffing (行政执法专项编制), per level: (low, high).
SUPPORT = {"province": (10, 14), "city": (6, 9), "county": (3, 5)}
ENFORCEMENT = {"province": (28, 36), "city": (60, 90), "county": (24, 40)}
ENFORCEMENT_UNIT = {"province": "执法稽查局", "city": "市场监管综合行政执法支队",
                    "county": "市场监管综合行政执法大队"}  # fmt: skip


def staffing_quotas(place: Place, serial: int) -> list[tuple[str, int, int, str]]:
    """(category, authorised, filled, note) for every staffing category the agency has."""
    rng = random.Random(SEED + serial)  # noqa: S311 (demo data, not secrets)
    admin, service, deputies = staffing_numbers(place, serial)
    support = rng.randint(*SUPPORT[place.level])
    enforcement = rng.randint(*ENFORCEMENT[place.level])
    return [
        ("administrative", admin, admin - rng.randint(2, 9), "机关行政编制"),
        ("public_institution", service, service - rng.randint(0, 5), "所属信息中心事业编制"),
        ("support", support, support - rng.randint(0, 2), "机关工勤人员编制"),
        (
            "leadership",
            1 + deputies,
            1 + deputies - rng.randint(0, 1),
            f"局长1名，副局长{deputies}名；派驻纪检监察组组长另行核定",
        ),
        (
            "other",
            enforcement,
            enforcement - rng.randint(1, 6),
            f"{ENFORCEMENT_UNIT[place.level]}行政执法专项编制",
        ),
    ]


@dataclass(frozen=True)
class WorkflowSpec:
    title: str
    department: str  # a key of catalog.demo.departments.DEPARTMENTS
    description: str
    steps: tuple[tuple[str, str, str, str], ...]  # (name, what happens, who, time limit)
    levels: str = "pcx"


WORKFLOWS = (
    WorkflowSpec(
        "政府信息公开申请办理流程", "office",
        "依据《中华人民共和国政府信息公开条例》第二十七条至第四十五条，办理公民、法人和其他组织"
        "提出的政府信息公开申请。",
        (
            ("接收申请", "通过当面、邮寄、在线平台等渠道接收申请，当面提交的以提交之日为"
             "收到申请之日。", "政府信息公开办公室", "当日"),
            ("登记审查", "登记申请并审查申请内容；申请内容不明确的，一次性告知申请人补正。",
             "政府信息公开办公室", "收到申请之日起7个工作日内告知补正"),
            ("分办承办", "转承办部门检索，确定信息是否存在、是否属于本机关公开职责。",
             "承办部门", ""),
            ("征求意见", "公开可能损害第三方合法权益的，书面征求第三方意见；第三方逾期未提出"
             "意见的，依法决定。", "承办部门", "第三方15个工作日内提出意见"),
            ("审核答复", "承办部门提出答复意见，经保密审查和负责人审核后制作答复书。",
             "政府信息公开办公室", "收到申请之日起20个工作日内；经批准可延长20个工作日"),
            ("送达归档", "按申请人要求的方式送达答复书并告知救济途径，办理材料立卷归档。",
             "政府信息公开办公室", ""),
        ),
    ),
    WorkflowSpec(
        "行政处罚案件办理流程", "legal",
        "依据《中华人民共和国行政处罚法》和《市场监督管理行政处罚程序规定》办理行政处罚案件"
        "（普通程序）。",
        (
            ("立案", "对发现的违法线索进行核查，经负责人批准立案。", "办案机构",
             "发现线索之日起15个工作日内"),
            ("调查取证", "两名以上执法人员出示执法证件，调查收集证据，制作笔录。", "办案机构", ""),
            ("法制审核", "对案件事实、证据、程序、法律适用和处罚裁量进行审核。", "法制机构", ""),
            ("告知", "书面告知拟作出的行政处罚内容及事实、理由、依据和当事人的陈述、申辩、"
             "听证权利。", "办案机构", "当事人5个工作日内陈述申辩"),
            ("听证", "当事人要求听证的，依法组织听证。", "法制机构", "当事人告知后5日内提出"),
            ("集体讨论", "情节复杂或者重大违法行为给予行政处罚的，由负责人集体讨论决定。",
             "局务会议", ""),
            ("决定", "制作行政处罚决定书，载明违法事实、依据、处罚内容和救济途径。", "局负责人",
             "立案之日起90日内"),
            ("送达执行", "送达处罚决定书，督促当事人履行，处罚信息依法公示。", "办案机构",
             "送达7日内；公示20个工作日内"),
            ("结案归档", "案件执行完毕后结案，案卷立卷归档。", "办案机构", ""),
        ),
    ),
    WorkflowSpec(
        "信息发布审查流程", "office",
        "依据《中华人民共和国保守国家秘密法》和本机关政务公开保密审查办法，对拟公开的政府信息"
        "进行保密审查后发布。",
        (
            ("拟稿", "承办部门起草拟公开信息，提出公开属性、公开范围和公开方式建议。",
             "承办部门", ""),
            ("部门审核", "承办部门负责人审核信息内容的准确性。", "承办部门负责人", "1个工作日"),
            ("保密审查", "保密审查员审查是否涉及国家秘密、工作秘密、商业秘密和个人隐私，"
             "出具书面审查意见。", "保密审查员", "2个工作日"),
            ("审批", "重要信息报分管负责人审批。", "分管局负责人", ""),
            ("发布", "信息中心在门户网站政府信息公开专栏发布，赋予索引号。", "信息中心",
             "信息形成或者变更之日起20个工作日内"),
            ("更新维护", "信息修改、废止或者失效的，在原信息上标注并发布更新信息。",
             "信息中心", ""),
        ),
    ),
    WorkflowSpec(
        "行政许可办理流程", "registration",
        "依据《中华人民共和国行政许可法》办理本机关实施的行政许可事项。",
        (
            ("申请", "申请人通过政务服务网或者窗口提交申请材料。", "申请人", ""),
            ("受理", "材料齐全、符合法定形式的予以受理，否则一次性告知补正内容。", "受理窗口",
             "当场或者5个工作日内"),
            ("审查", "对申请材料进行审查，需要核实的进行现场核查。", "承办部门", ""),
            ("决定", "作出准予或者不予行政许可的书面决定。", "局负责人", "受理之日起20个工作日内"),
            ("颁证送达", "颁发、送达许可证件并公示许可结果。", "受理窗口", "决定之日起10日内"),
        ),
        levels="pc",
    ),
    WorkflowSpec(
        "消费者投诉举报处理流程", "consumer",
        "依据《市场监督管理投诉举报处理暂行办法》处理消费者投诉和举报。",
        (
            ("接收登记", "通过12315平台、电话、信函、窗口接收投诉举报并登记。",
             "消费者权益保护机构", "当日"),
            ("受理决定", "对投诉作出受理或者不予受理的决定并告知投诉人。", "消费者权益保护机构",
             "收到投诉之日起7个工作日内"),
            ("调解", "组织投诉人与被投诉人调解，达成协议的制作调解书。", "消费者权益保护机构",
             "受理之日起45个工作日内"),
            ("举报核查", "对举报线索进行核查，决定是否立案。", "办案机构",
             "收到举报之日起15个工作日内"),
            ("反馈", "将处理结果告知投诉人、举报人。", "消费者权益保护机构", ""),
        ),
    ),
    WorkflowSpec(
        "规范性文件制定流程", "legal",
        "依据国务院办公厅关于加强行政规范性文件制定和监督管理工作的要求，制定本机关行政规范性"
        "文件。",
        (
            ("起草", "起草部门开展调研，形成文件草案和起草说明。", "起草部门", ""),
            ("征求意见", "向社会公开征求意见，涉及企业切身利益的听取企业和行业协会商会意见。",
             "起草部门", "一般不少于30日"),
            ("合法性审核", "法制机构对制定主体、程序和内容进行合法性审核。", "法制机构", ""),
            ("集体审议", "提交局务会议集体审议。", "局务会议", ""),
            ("公布", "由主要负责人签署，统一编号，在门户网站公布。", "办公室", ""),
            ("备案", "报本级人民政府备案。", "法制机构", "公布之日起30日内"),
        ),
        levels="pc",
    ),
)  # fmt: skip


def workflows_for(place: Place) -> list[WorkflowSpec]:
    letter = {"province": "p", "city": "c", "county": "x"}[place.level]
    return [workflow for workflow in WORKFLOWS if letter in workflow.levels]


def workflow_steps(workflow: WorkflowSpec) -> list[dict]:
    return [
        {
            "order": order,
            "name": name,
            "description": description,
            "responsible": responsible,
            "time_limit": time_limit,
        }
        for order, (name, description, responsible, time_limit) in enumerate(
            workflow.steps, start=1
        )
    ]
