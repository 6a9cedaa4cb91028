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
