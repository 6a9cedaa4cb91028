"""Templates of the documents a market regulator publishes, for the demo catalogue.

Each template says where its entries go (topic, department, genre), how its title,
summary and keywords read (``str.format`` patterns over the context that
``catalog.demo.entries`` draws), which bureaus issue it (``levels``: p = province,
c = city, x = county) and how often (``weight``).
"""

from dataclasses import dataclass

GROUND_CLASSIFIED = "依据《中华人民共和国政府信息公开条例》第十四条，属于国家秘密，不予公开。"
GROUND_THIRD_PARTY = (
    "依据《中华人民共和国政府信息公开条例》第十五条，涉及商业秘密，"
    "公开会对第三方合法权益造成损害，不予公开。"
)
GROUND_PROCESS = (
    "依据《中华人民共和国政府信息公开条例》第十六条第二款，属于行政机关在履行行政管理职能"
    "过程中形成的内部研究意见，可以不予公开。"
)


@dataclass(frozen=True)
class Template:
    key: str
    topic: str
    department: str
    genre: str
    title: str
    summary: str
    keywords: str
    levels: str = "pcx"
    weight: int = 2
    doc: str = "发"  # kind of document number; "" for none
    mode: str = "proactive"
    ground: str = ""
    scope: str = "public"
    aspect: str = ""
    attachments: tuple[str, ...] = ()
    timeliness: str = "prompt"
    months: tuple[int, int] = (1, 12)
    revised_title: str = ""  # set when a later revision can replace the entry
    expires: bool = False  # a campaign notice that lapses at the end of its year


T = Template

TEMPLATES = (
    # 监督检查: product quality, food safety, advertising.
    T("product-plan", "inspection-product", "product", "notice",
      "关于开展{year}年度{product}产品质量{level_word}监督抽查的通知",
      "为加强{product}产品质量安全监管，{org}决定于{year}年组织开展{product}产品质量{level_word}"
      "监督抽查，现将抽查范围、检验项目、判定依据和工作要求通知如下。",
      "产品质量,监督抽查,{product}", levels="pc", weight=6, expires=True,
      attachments=("附件1：{product}产品质量监督抽查实施细则", "附件2：抽样单")),
    T("product-result", "inspection-product", "product", "bulletin",
      "关于{year}年第{batch}批{product}产品质量监督抽查结果的通报",
      "{org}组织对{place}生产、销售的{count}批次{product}产品进行了监督抽查，"
      "发现{bad}批次产品不合格，不合格发现率为{rate}%。现将抽查结果予以通报。",
      "产品质量,抽查结果,{product}", weight=9, aspect="enforcement.result",
      attachments=("附件1：抽查结果汇总表", "附件2：不合格产品及企业名单")),
    T("product-announcement", "inspection-product", "product", "announcement",
      "{org}关于{year}年{product}产品质量监督抽查情况的公告",
      "现将{year}年{product}产品质量监督抽查情况公告如下：共抽查{count}批次，"
      "合格{good}批次，不合格产品已责令生产销售企业停止销售并限期整改。",
      "产品质量,抽查,公告", weight=3, doc="公告", aspect="enforcement.result",
      attachments=("附件：{product}产品质量监督抽查结果",)),
    T("food-result", "inspection-food", "food", "announcement",
      "{org}关于{food}等{kinds}类食品监督抽检情况的公告（{year}年第{batch}期）",
      "近期，{org}组织抽检{food}等{kinds}类食品{count}批次，抽样检验项目合格样品{good}批次，"
      "不合格样品{bad}批次。对抽检发现的不合格食品，已责令相关企业查清流向、召回下架并依法处置。",
      "食品安全,监督抽检,{food}", weight=9, doc="公告", aspect="enforcement.result",
      attachments=("附件1：合格产品信息", "附件2：不合格产品信息", "附件3：部分不合格项目小知识")),
    T("food-plan", "inspection-food", "food", "notice",
      "关于印发《{place}{year}年食品安全监督抽检计划》的通知",
      "为做好{year}年食品安全监督抽检工作，{org}制定了《{place}{year}年食品安全监督抽检计划》，"
      "明确了抽检品种、抽检项目、任务分工和时间安排，现印发给你们，请认真组织实施。",
      "食品安全,抽检计划", levels="pc", weight=3, months=(1, 4), expires=True,
      attachments=("附件：{year}年食品安全监督抽检任务分配表",)),
    T("food-season", "inspection-food", "food", "notice",
      "关于做好{year}年{season}期间食品安全工作的通知",
      "{season}期间是食品消费高峰期，为确保节日期间食品安全，现就加强食品生产经营监督检查、"
      "强化重点场所和重点品种监管、做好应急值守等工作通知如下。",
      "食品安全,节日,监督检查", weight=4, expires=True),
    T("ad-bulletin", "inspection-advertising", "advertising", "bulletin",
      "关于{q_year}年第{quarter}季度广告监测情况的通报",
      "{q_year}年第{quarter}季度，{org}对辖区内广播电视、报纸和互联网广告进行了监测，共监测广告"
      "{count}条次，发现涉嫌违法广告{bad}条次，主要集中在医疗、保健食品和房地产领域。",
      "广告监测,虚假违法广告", levels="pc", weight=4, aspect="enforcement.result"),
    T("campaign", "inspection", "product", "notice",
      "关于开展{year}年{campaign}专项行动的通知",
      "为切实维护市场秩序和消费者合法权益，{org}决定在{place}范围内开展{year}年{campaign}"
      "专项行动。现将工作目标、重点任务、时间安排和工作要求通知如下。",
      "专项行动,{campaign}", weight=5, expires=True),
    T("price-notice", "inspection", "price", "public_notice",
      "{org}关于{year}年{season}期间加强市场价格监管的通告",
      "为维护{season}期间市场价格秩序，{org}将加强对重要民生商品和服务价格的监督检查，"
      "依法查处哄抬价格、价格欺诈和不明码标价等违法行为。欢迎社会各界监督举报。",
      "价格监管,明码标价,通告", levels="pc", weight=3, doc="", expires=True),
    # 政策法规.
    T("normative", "policy-normative", "legal", "normative",
      "关于印发《{place}{normative}》的通知",
      "为规范市场监督管理工作，{org}制定了《{place}{normative}》，明确了适用范围、工作程序和"
      "监督管理要求，现予印发，自印发之日起施行。",
      "规范性文件,{normative}", levels="pc", weight=8, timeliness="standing",
      aspect="enforcement.basis",
      revised_title="关于印发《{place}{normative}（{rev_year}年修订）》的通知"),
    T("provincial-rule", "policy-rules", "legal", "rule",
      "{provincial_rule}", "《{provincial_rule}》已经省政府常务会议审议通过，现予公布，"
      "自公布之日起施行。本办法共分六章，对监督管理职责、生产经营者义务和法律责任作出了规定。",
      "规章,{provincial_rule}", levels="p", weight=2, doc="gov_order", timeliness="standing",
      revised_title="{provincial_rule}（{rev_year}年修订）"),
    T("national-rule", "policy-laws", "legal", "order",
      "《{national_rule}》（国家市场监督管理总局令第{national_no}号）",
      "转载国家市场监督管理总局公布的《{national_rule}》全文，供各级市场监督管理部门和"
      "社会公众查阅。",
      "部门规章,国家市场监督管理总局令", levels="p", weight=2, doc="national",
      timeliness="standing"),
    T("interpretation", "policy-interpretation", "legal", "other",
      "《{place}{normative}》政策解读",
      "围绕制定背景、主要内容、适用范围和施行时间，对《{place}{normative}》进行解读，"
      "便于市场主体和社会公众准确理解和执行。",
      "政策解读,{normative}", levels="pc", weight=4, doc="", timeliness="standing"),
    T("opinion", "policy-normative", "legal", "opinion",
      "{org}关于{opinion}的实施意见",
      "为贯彻落实党中央、国务院和省委、省政府决策部署，{org}结合工作实际，就{opinion}提出"
      "如下实施意见，明确总体要求、重点任务和保障措施。",
      "实施意见,{opinion}", levels="pc", weight=3, timeliness="standing"),
    T("provisions", "policy-normative", "legal", "provisions",
      "{org}关于{provision}的若干规定",
      "为{provision}，保障公民、法人和其他组织的合法权益，{org}制定本规定，"
      "对适用情形、工作程序和监督措施作出规定。",
      "若干规定,{provision}", levels="pcx", weight=3, timeliness="standing",
      revised_title="{org}关于{provision}的若干规定（{rev_year}年修订）"),
    T("measures", "openness-rules", "office", "measures",
      "{org}{measures}", "《{org}{measures}》对职责分工、工作程序、时限要求和责任追究作出规定，"
      "经局务会议审议通过，现予公布施行。",
      "工作制度,{measures}", levels="pcx", weight=3, timeliness="standing",
      aspect="powers.workflow",
      revised_title="{org}{measures}（{rev_year}年修订）"),
    T("rules-genre", "organisation", "office", "rules",
      "{org}{rules_name}", "《{org}{rules_name}》规定了议事范围、议事程序、决定执行和监督等"
      "事项，经局党组会议研究通过，自印发之日起施行。",
      "工作规则,{rules_name}", levels="pc", weight=2, timeliness="standing",
      aspect="powers.workflow"),
    T("repeal-decision", "policy-normative", "legal", "decision",
      "{org}关于废止和修改部分规范性文件的决定",
      "根据规范性文件清理工作安排，{org}对现行有效的规范性文件进行了全面清理，决定废止规范性"
      "文件{bad}件、修改{kinds}件，现予公布。",
      "文件清理,废止,规范性文件", levels="pc", weight=2, timeliness="standing",
      months=(9, 12)),
    T("motion", "policy-rules", "legal", "motion",
      "关于提请审议《辽宁省{provincial_topic}条例（草案）》的议案",
      "为规范{provincial_topic}工作，{org}起草了《辽宁省{provincial_topic}条例（草案）》，"
      "经征求意见和合法性审查，提请审议。",
      "地方性法规,草案,议案", levels="p", weight=1),
    # 行政许可.
    T("registration-stats", "licensing-registration", "registration", "other",
      "{place}{lm_year}年{last_month}月市场主体登记注册情况",
      "截至{lm_year}年{last_month}月底，{place}实有各类市场主体{count}万户，其中当月新登记企业"
      "{good}户、个体工商户{bad}户。",
      "市场主体,登记注册,统计", levels="pcx", weight=4, doc=""),
    T("registration-communique", "licensing-registration", "registration", "communique",
      "{prev_year}年{place}市场主体发展情况公报",
      "公布{prev_year}年{place}各类市场主体的数量、结构和增长情况，以及企业开办、"
      "注销便利化改革成效。",
      "市场主体,发展情况,公报", levels="pc", weight=2, doc="", months=(1, 4),
      timeliness="standing"),
    T("licence-results", "licensing-results", "registration", "announcement",
      "{org}{lm_year}年{last_month}月食品生产经营许可审批结果公示",
      "公示{lm_year}年{last_month}月{org}作出的食品生产经营许可准予许可决定{count}件、"
      "变更{bad}件、注销{kinds}件。",
      "行政许可,食品生产许可,公示", weight=5, doc="", aspect="approval.result",
      attachments=("附件：许可决定公示表",)),
    T("industrial-licence", "licensing-results", "product", "announcement",
      "工业产品生产许可证获证企业名单（{year}年第{batch}批）",
      "公布{year}年第{batch}批取得工业产品生产许可证的企业名单共{count}家，"
      "涉及{product}等产品。",
      "工业产品生产许可证,获证企业", levels="p", weight=3, doc="公告",
      aspect="approval.result", attachments=("附件：获证企业名单",)),
    T("licence-guide", "licensing", "registration", "other",
      "{org}行政许可事项办事指南（{year}年版）",
      "公开{org}实施的行政许可事项的设定依据、申请条件、申请材料、办理流程、办理时限和"
      "收费标准。",
      "行政许可,办事指南,设定依据", weight=2, doc="", aspect="approval.basis",
      timeliness="standing", attachments=("附件：行政许可事项办事指南",)),
    T("licence-process", "licensing", "registration", "other",
      "{org}行政许可办理流程图（{year}年版）",
      "以流程图形式公开受理、审查、决定、送达等行政许可实施过程及各环节办理时限。",
      "行政许可,流程图,实施过程", levels="pc", weight=1, doc="", aspect="approval.process",
      timeliness="standing"),
    # 行政处罚.
    T("penalty", "penalties-decisions", "legal", "other",
      "行政处罚决定书（{company}）",
      "当事人{company}{violation}，违反了{violation_law}的规定。{org}依法责令其改正，"
      "没收违法所得，并处罚款{fine}元。",
      "行政处罚,{company}", weight=9, doc="处罚", aspect="enforcement.result",
      timeliness="limited"),
    T("penalty-list", "penalties-basis", "legal", "other",
      "{org}行政处罚事项清单及依据（{year}年版）",
      "公开{org}实施的行政处罚事项名称、设定依据、处罚种类和幅度，以及责任处室。",
      "行政处罚,执法依据,权责清单", weight=2, doc="", aspect="enforcement.basis",
      timeliness="standing", attachments=("附件：行政处罚事项清单",)),
    T("penalty-process", "penalties-basis", "legal", "other",
      "{org}行政处罚工作流程（{year}年版）",
      "公开立案、调查取证、审理、告知、决定、送达和执行等行政处罚各环节及其时限。",
      "行政处罚,流程,执法过程", levels="pc", weight=1, doc="", aspect="enforcement.process",
      timeliness="standing"),
    T("remedy", "penalties-basis", "legal", "other",
      "{org}行政执法救济途径告知",
      "告知行政相对人对{org}作出的行政处罚、行政强制等决定不服时申请行政复议或者提起"
      "行政诉讼的途径和期限。",
      "救济渠道,行政复议,行政诉讼", levels="pcx", weight=1, doc="",
      aspect="enforcement.remedy", timeliness="standing"),
    # 收费.
    T("fees", "fees", "office", "other",
      "{org}行政事业性收费项目及标准公示（{year}年）",
      "按照行政事业性收费目录清单管理的要求，公示{org}{year}年保留的收费项目、收费依据、"
      "收费标准和批准文件。",
      "行政事业性收费,收费标准", weight=2, doc="", aspect="fees.standards",
      timeliness="standing", months=(1, 3)),
    T("fee-notice", "fees", "price", "notice",
      "关于贯彻落实取消和停征部分行政事业性收费政策的通知",
      "根据国家和省有关规定，取消和停征部分行政事业性收费项目。各单位要做好政策衔接，"
      "不得以任何名义继续收取已取消的费用。",
      "行政事业性收费,取消,停征", levels="pc", weight=1, aspect="fees.standards"),
    # 消费维权.
    T("consumer-analysis", "consumer", "consumer", "report",
      "{q_year}年第{quarter}季度{place}消费者投诉举报情况分析",
      "{q_year}年第{quarter}季度，{place}各级市场监管部门共受理消费者投诉举报{count}件，"
      "为消费者挽回经济损失{fine}元。投诉热点集中在预付式消费、网络购物和汽车消费等领域。",
      "消费者投诉,举报,分析", weight=4, doc=""),
    T("consumer-315", "consumer", "consumer", "notice",
      "关于开展{year}年“3·15”国际消费者权益日主题活动的通知",
      "为营造安全放心的消费环境，{org}决定以“共促消费公平”为主题，开展{year}年"
      "“3·15”国际消费者权益日系列宣传活动。",
      "3·15,消费维权", weight=2, months=(2, 3), expires=True),
    T("consumer-tip", "consumer", "consumer", "other",
      "{season}消费提示",
      "{season}将至，{org}提醒广大消费者理性消费，注意保留购物凭证，遇到消费纠纷可拨打"
      "12315热线投诉举报。",
      "消费提示,12315", weight=3, doc=""),
    T("consumer-communique", "consumer", "consumer", "communique",
      "{prev_year}年{place}消费者权益保护状况公报",
      "公布{prev_year}年{place}受理消费者投诉举报、消费维权和消费环境建设的基本情况。",
      "消费者权益保护,公报", levels="pc", weight=1, doc="", months=(3, 4)),
    # 工作动态.
    T("news-meeting", "news", "office", "other",
      "{org}召开{year}年{meeting}会议",
      "{date_text}，{org}召开{year}年{meeting}会议，总结工作成效，分析面临形势，"
      "部署下一阶段重点任务。局长{head}出席会议并讲话。",
      "工作会议,{meeting}", weight=7, doc=""),
    T("news-activity", "news", "office", "other",
      "{org}开展{activity}",
      "{date_text}，{org}组织开展{activity}，通过现场咨询、发放宣传资料、解答群众问题等方式，"
      "提供咨询服务{count}人次。",
      "工作动态,{activity}", weight=7, doc=""),
    T("award-decision", "news", "office", "decision",
      "关于表彰{prev_year}年度{place}市场监管系统先进集体和先进个人的决定",
      "为表彰先进、树立典型，{org}决定对{prev_year}年度工作中表现突出的{count}个先进集体"
      "和{good}名先进个人予以通报表彰。",
      "表彰,先进集体,先进个人", levels="pc", weight=1, months=(1, 3)),
    # 规划计划.
    T("plan", "planning", "office", "notice",
      "关于印发《{org}{year}年工作要点》的通知",
      "《{org}{year}年工作要点》已经局党组会议研究通过，现印发给你们，请结合实际认真贯彻落实。",
      "工作要点,计划", weight=2, months=(1, 3), timeliness="standing"),
    T("summary", "openness-summaries", "office", "work_summary",
      "{org}{prev_year}年工作总结和{year}年工作安排",
      "总结{prev_year}年市场监管工作取得的成效和存在的不足，提出{year}年工作思路和重点任务。",
      "工作总结,工作安排", weight=2, doc="", months=(1, 3)),
    T("openness-summary", "openness-summaries", "office", "work_summary",
      "{org}{year}年上半年政务公开工作总结",
      "总结{year}年上半年政务公开和政府信息公开工作开展情况、存在的问题和下一步工作打算。",
      "政务公开,工作总结", weight=2, doc="", months=(7, 8)),
    T("rule-of-law-report", "openness", "legal", "report",
      "{org}{prev_year}年法治政府建设情况报告",
      "报告{prev_year}年{org}推进法治政府建设的主要举措和成效、存在的不足和下一步工作安排。",
      "法治政府建设,年度报告", weight=2, doc="", months=(1, 3)),
    # 依申请公开 (summary only) and 不予公开 (with the legal ground).
    T("request", "planning", "office", "request",
      "{org}关于{request_topic}的请示",
      "就{request_topic}事项向上级机关请示。", "请示,{request_topic}", levels="pcx", weight=4,
      mode="on_request"),
    T("reply", "organisation", "office", "reply",
      "{org}关于{sub}{reply_topic}的批复",
      "对{sub}关于{reply_topic}的请示作出批复。", "批复,{reply_topic}", levels="pc", weight=2,
      mode="on_request"),
    T("letter", "penalties", "legal", "letter",
      "{org}关于{company}涉嫌{violation}案件协查的函",
      "就{company}涉嫌{violation}案件请求有关部门协助调查。", "协查,函", weight=4, doc="函",
      mode="on_request"),
    T("consult-letter", "policy-normative", "legal", "letter",
      "{org}关于征求《{place}{normative}（征求意见稿）》意见的函",
      "{org}起草了《{place}{normative}（征求意见稿）》，现征求有关单位意见，请于规定期限内反馈。",
      "征求意见,函", levels="pc", weight=2, doc="函", expires=True),
    T("minutes", "openness", "office", "minutes",
      "{org}{year}年第{batch}次局长办公会议纪要",
      "记载{year}年第{batch}次局长办公会议研究{meeting}等事项的议定意见。",
      "会议纪要,局长办公会议", weight=6, doc="", mode="on_request"),
    T("secret-plan", "inspection", "product", "notice",
      "{org}关于{year}年重大活动期间特种设备安全保障工作的部署",
      "对{year}年重大活动期间的特种设备安全保障工作作出部署。", "特种设备,安全保障",
      levels="pc", weight=2, mode="withheld", ground=GROUND_CLASSIFIED),
    T("trade-secret", "licensing-results", "product", "other",
      "{company}生产工艺技术资料审查意见",
      "对{company}申请材料中的生产工艺技术资料的审查意见。", "审查意见,商业秘密",
      levels="p", weight=2, doc="", mode="withheld", ground=GROUND_THIRD_PARTY),
    T("internal-opinion", "penalties", "legal", "other",
      "{org}关于{company}案件的内部审理意见",
      "案件审理委员会对{company}案件的内部研究意见。", "案件审理,内部意见",
      levels="pc", weight=1, doc="", mode="withheld", ground=GROUND_PROCESS),
    # 人事, 财政 and 局务公开 (internal scope).
    T("recruitment", "personnel", "office", "announcement",
      "{org}所属事业单位{year}年公开招聘工作人员公告",
      "根据事业单位公开招聘有关规定，{org}所属信息中心面向社会公开招聘工作人员{kinds}名，"
      "现将招聘岗位、条件和程序公告如下。",
      "公开招聘,事业单位", levels="pc", weight=2, doc="", months=(3, 7)),
    T("appointment", "personnel", "office", "announcement",
      "{org}干部任职前公示",
      "根据《党政领导干部选拔任用工作条例》，{org}拟任用{person}等{kinds}名同志，现予任前公示。",
      "任前公示,干部", weight=2, doc=""),
    T("budget", "finance-budgets", "office", "other",
      "{org}{year}年部门预算", "公开{org}{year}年部门收支预算总表、财政拨款预算表、"
      "“三公”经费预算及说明。",
      "部门预算,三公经费", weight=1, doc="", months=(2, 3), timeliness="limited",
      attachments=("附件：{year}年部门预算公开表",)),
    T("final-accounts", "finance-budgets", "office", "other",
      "{org}{prev_year}年部门决算", "公开{org}{prev_year}年部门收支决算总表、财政拨款决算表、"
      "“三公”经费支出情况及说明。",
      "部门决算,三公经费", weight=1, doc="", months=(7, 9), timeliness="limited",
      attachments=("附件：{prev_year}年部门决算公开表",)),
    T("procurement", "finance", "office", "other",
      "{org}{year}年政府采购意向公开", "公开{org}{year}年政府采购项目名称、采购需求概况、"
      "预算金额和预计采购时间。",
      "政府采购,采购意向", levels="pc", weight=2, doc=""),
    T("staff-assessment", "personnel", "office", "other",
      "{org}机关{prev_year}年度公务员考核结果", "公布{org}机关{prev_year}年度公务员考核"
      "优秀等次人员名单。",
      "年度考核,公务员", weight=3, doc="", scope="internal", months=(1, 3)),
    T("office-finance", "finance", "office", "other",
      "{org}机关{year}年上半年财务收支情况", "向机关干部职工公开{year}年上半年机关财务"
      "收支、公务接待和公务用车使用情况。",
      "财务收支,局务公开", weight=3, doc="", scope="internal", months=(7, 9)),
    T("staff-resolution", "personnel", "office", "resolution",
      "{org}第{batch}届职工代表大会关于机关工会工作报告的决议",
      "{org}第{batch}届职工代表大会审议通过了机关工会工作报告，作出本决议。",
      "职工代表大会,决议", levels="pc", weight=2, doc="", scope="internal"),
    T("internal-rules", "openness-rules", "office", "measures",
      "{org}机关考勤和请休假管理办法", "规定机关干部职工考勤、请假、休假的审批程序和管理要求。",
      "考勤,请休假,局务公开", levels="pc", weight=2, scope="internal", timeliness="standing"),
)  # fmt: skip

PROVINCIAL_TOPICS = ("产品质量监督", "食品安全", "消费者权益保护", "计量", "标准化")
