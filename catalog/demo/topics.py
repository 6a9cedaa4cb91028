"""The subject classification (主题分类) of the demo catalogue: (slug, name, children)."""

TOPIC_TREE = (
    ("organisation", "机构职能", (
        ("organisation-setup", "机构设置"),
        ("organisation-leaders", "领导信息"),
        ("organisation-departments", "内设机构"),
    )),
    ("policy", "政策法规", (
        ("policy-laws", "法律法规"),
        ("policy-rules", "规章"),
        ("policy-normative", "规范性文件"),
        ("policy-interpretation", "政策解读"),
    )),
    ("planning", "规划计划", ()),
    ("licensing", "行政许可", (
        ("licensing-registration", "登记注册"),
        ("licensing-results", "许可公示"),
    )),
    ("penalties", "行政处罚", (
        ("penalties-decisions", "处罚决定"),
        ("penalties-basis", "处罚依据"),
    )),
    ("fees", "行政事业性收费", ()),
    ("inspection", "监督检查", (
        ("inspection-product", "产品质量抽查"),
        ("inspection-food", "食品安全抽检"),
        ("inspection-advertising", "广告监测"),
    )),
    ("consumer", "消费维权", ()),
    ("news", "工作动态", ()),
    ("openness", "政务公开", (
        ("openness-guide", "公开指南"),
        ("openness-rules", "公开制度"),
        ("openness-summaries", "工作总结"),
        ("openness-annual-reports", "年度报告"),
    )),
    ("personnel", "人事信息", ()),
    ("finance", "财政资金", (
        ("finance-budgets", "预算决算"),
    )),
)  # fmt: skip


def flat_topics():
    """(slug, name, parent slug or "", sort order) in tree order, parents first."""
    rows = []
    for position, (slug, name, children) in enumerate(TOPIC_TREE, start=1):
        rows.append((slug, name, "", position * 10))
        for child_position, (child_slug, child_name) in enumerate(children, start=1):
            rows.append((child_slug, child_name, slug, child_position))
    return rows
