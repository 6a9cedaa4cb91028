"""Statutory numbers of the Regulations on Open Government Information (2019).

One home for every period and number the portal shows or enforces, so the
guide, the request clock and the reply letters can never disagree. Articles
are those of the Regulations (State Council Order 711) unless said otherwise.
"""

# Art. 33: reply within 20 working days of receipt, receipt day not counted.
REPLY_WORKING_DAYS = 20
# Art. 33: one extension of at most 20 working days.
EXTENSION_MAX_WORKING_DAYS = 20
# Art. 30: a correction request goes out within 7 working days of receipt.
CORRECTION_NOTICE_WORKING_DAYS = 7
# Art. 32: a consulted third party has 15 working days to answer.
THIRD_PARTY_WORKING_DAYS = 15
# 国办函〔2020〕109号: the fee is paid within 20 working days of the notice.
FEE_PAYMENT_WORKING_DAYS = 20
# Art. 26: proactive information is published within 20 working days.
PROACTIVE_PUBLICATION_WORKING_DAYS = 20
# Administrative Reconsideration Law: 60 days; Administrative Litigation Law: 6 months.
RECONSIDERATION_DAYS = 60
LITIGATION_MONTHS = 6

# Publication of enforcement results: 《市场监督管理行政处罚信息公示规定》
# (国家市场监督管理总局令第45号, 2021) Art. 14: penalty information stays public
# for three years from the decision (six months for a warning or a small
# fine). Licensing results stay public while the licence is in force.
# (verify) Months per decision kind; None = no end. Settings may override a
# kind via PORTAL["DECISION_PUBLICATION_MONTHS"].
DECISION_PUBLICATION_MONTHS = {
    "licence": None,
    "penalty": 36,
    "coercion": 36,
}
# The shorter period for a warning or a small fine (verify).
MINOR_PENALTY_PUBLICATION_MONTHS = 6


def decision_publication_months(kind: str, minor: bool = False) -> int | None:
    """How many months a published decision of ``kind`` stays in the public lists."""
    from django.conf import settings

    if kind == "penalty" and minor:
        return MINOR_PENALTY_PUBLICATION_MONTHS
    overrides = getattr(settings, "DECISION_PUBLICATION_MONTHS", {})
    return overrides.get(kind, DECISION_PUBLICATION_MONTHS.get(kind))
