"""Masking of natural persons' data on public pages (PIPL; DOMAIN.md section 4).

The one place that decides how a person's name or identity number looks to
the public. Staff screens show the full values; every public template goes
through these functions (via the model properties that call them).
"""

MASK = "*"


def mask_name(name: str) -> str:
    """Keep the surname, hide the given name: 张三丰 -> 张**, 李四 -> 李*."""
    name = (name or "").strip()
    if not name:
        return ""
    if len(name) == 1:
        return MASK
    return name[0] + MASK * (len(name) - 1)


def mask_id_number(number: str) -> str:
    """Keep the first six and last four characters: 210102********1234.

    Short values (passport numbers and the like) keep only their last two.
    """
    number = (number or "").strip()
    if not number:
        return ""
    if len(number) >= 15:
        return number[:6] + MASK * (len(number) - 10) + number[-4:]
    if len(number) > 4:
        return MASK * (len(number) - 2) + number[-2:]
    return MASK * len(number)


def mask_phone(phone: str) -> str:
    """Keep the first three and last four digits of a mobile number: 138****5678."""
    phone = (phone or "").strip()
    if len(phone) >= 11:
        return phone[:3] + MASK * (len(phone) - 7) + phone[-4:]
    if len(phone) > 4:
        return MASK * (len(phone) - 4) + phone[-4:]
    return MASK * len(phone)
