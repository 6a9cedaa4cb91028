"""Narrative sections of each demo agency's disclosure guide (公开指南).

Addresses, hours, channels and deadlines are not repeated here: the guide page
takes them from the agency record and ``catalog.statutes``.
"""

import datetime

from catalog.demo.agencies import ALL_PLACES, Place, phone

_BY_SLUG = {place.slug: place for place in ALL_PLACES}


def reconsideration_body(place: Place) -> str:
    """Since the 2023 Administrative Reconsideration Law, the people's government at the
    same level hears reconsideration against its departments."""
    return {"province": "辽宁省人民政府"}.get(place.level, f"{place.place}人民政府")


def litigation_court(place: Place) -> str:
    """The basic-level court of the district or county where the agency sits."""
    if place.level == "county":
        county = place.place.removeprefix(_BY_SLUG[place.parent].place)
        return f"{county if county.endswith('市') else place.place}人民法院"
    street = place.street if place.level == "city" else place.street.removeprefix("沈阳市")
    district = street[: street.index("区") + 1]
    return f"{'沈阳市' if place.level == 'province' else place.place}{district}人民法院"


def supervisor(place: Place) -> str:
    if place.level == "province":
        return "辽宁省人民政府办公厅（省政务公开办）"
    parent = _BY_SLUG[place.parent]
    return f"{parent.name}或{place.place}人民政府办公室（政务公开办）"


def guide_fields(place: Place, serial: int) -> dict:
    org = place.name
    return {
        "preface": (
            f"为了保障公民、法人和其他组织依法获取政府信息，提高政府工作的透明度，根据《中华人民共和国"
            f"政府信息公开条例》（以下简称《条例》），编制《{org}政府信息公开指南》。"
            "本指南每年更新，需要获得本机关政府信息服务的公民、法人和其他组织，建议阅读本指南。"
        ),
        "proactive_scope": (
            f"{org}主动公开以下政府信息：机构职能、内设机构、办公地址、办公时间、联系方式和负责人姓名；"
            "市场监督管理法律、法规、规章和规范性文件；规划计划和工作要点；行政许可、行政处罚、"
            "行政强制的依据、条件、程序和办理结果；行政事业性收费的项目、依据和标准；产品质量监督"
            "抽查、食品安全监督抽检和广告监测结果；消费维权和工作动态；政府信息公开工作年度报告；"
            "部门预算、决算；法律、法规、规章和国家有关规定应当主动公开的其他信息。"
        ),
        "proactive_arrangement": (
            "主动公开的政府信息按主题分类编排，分为机构职能、政策法规、规划计划、行政许可、行政处罚、"
            "行政事业性收费、监督检查、消费维权、工作动态、政务公开、人事信息和财政资金等类别。"
            "每条信息具有唯一的索引号，由本机关统一社会信用代码、年份和顺序号组成，"
            "并标注名称、内容概述、生成日期、文号和有效性。"
        ),
        "proactive_forms": (
            f"{org}通过门户网站（红盾信息网）政府信息公开专栏公开政府信息，并根据需要通过新闻发布会、"
            "政务新媒体、报刊、广播、电视以及政务服务大厅的政府信息查阅点等方式公开。"
        ),
        "proactive_how_to_obtain": (
            "公众可登录本机关门户网站政府信息公开目录查询、浏览和下载，也可以在办公时间到本机关"
            "政府信息查阅点免费查阅。"
        ),
        "request_notes": (
            "申请人可以填写《政府信息公开申请表》，也可以自行书写申请书。申请应当包括：申请人的姓名"
            "或者名称、身份证明、联系方式；申请公开的政府信息的名称、文号或者便于查询的其他特征性描述；"
            "申请公开的政府信息的形式要求，包括获取信息的方式、途径。申请人委托代理人提出申请的，"
            "应当提交授权委托书。申请查询市场主体登记资料的，请按照市场主体登记资料查询的有关规定办理。"
        ),
        "fee_notes": (
            "本机关依申请提供政府信息，不收取费用。但是，申请人申请公开政府信息的数量、频次明显超过"
            "合理范围的，依照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费。"
        ),
        "supervision": (
            f"公民、法人或者其他组织认为{org}在政府信息公开工作中侵犯其合法权益的，可以向"
            f"{supervisor(place)}投诉、举报，也可以依法申请行政复议或者提起行政诉讼。"
            f"监督电话：{phone(place, serial, 5)}。"
        ),
        "reconsideration_body": reconsideration_body(place),
        "litigation_court": litigation_court(place),
        "revised_on": datetime.date(2026, 1, 12) + datetime.timedelta(days=serial % 10),
    }
