"""Validators of identifiers: organisations' credit codes, identity numbers, phone numbers."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# GB 32100-2015: the unified social credit code (统一社会信用代码).
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_character(first17: str) -> str:
    """The check character for the first 17 characters of a credit code."""
    total = sum(
        CREDIT_CODE_ALPHABET.index(char) * weight
        for char, weight in zip(first17, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> None:
    """Reject anything that is not an 18-character code with a correct check character."""
    code = (value or "").strip().upper()
    if len(code) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(n)d."),
            code="credit_code_length",
            params={"n": len(code)},
        )
    bad = sorted({char for char in code if char not in CREDIT_CODE_ALPHABET})
    if bad:
        raise ValidationError(
            _("A unified social credit code cannot contain %(chars)s."),
            code="credit_code_chars",
            params={"chars": "".join(bad)},
        )
    if credit_code_check_character(code[:17]) != code[17]:
        raise ValidationError(
            _("The check character of this unified social credit code is wrong."),
            code="credit_code_check",
        )


# GB 11643-1999: the resident identity number (公民身份号码), and other documents.

RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RESIDENT_ID_CHECK = "10X98765432"


def resident_id_check_character(first17: str) -> str:
    """GB 11643-1999 (ISO 7064 MOD 11-2): the 18th character of a resident ID number."""
    total = sum(int(d) * w for d, w in zip(first17, RESIDENT_ID_WEIGHTS, strict=True))
    return RESIDENT_ID_CHECK[total % 11]


def validate_resident_id(value: str, today: datetime.date | None = None) -> None:
    """An 18-character resident ID number with a plausible birth date and the right check digit."""
    if not re.fullmatch(r"\d{17}[\dX]", value):
        raise ValidationError(
            _("A resident identity card number has 18 characters: 17 digits, then a digit or X."),
            code="resident_id_format",
        )
    today = today or timezone.localdate()
    try:
        born = datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        born = None
    if born is None or born.year < 1900 or born > today:
        raise ValidationError(
            _("The date of birth in this identity card number (digits 7 to 14) is not possible."),
            code="resident_id_birth_date",
        )
    if resident_id_check_character(value[:17]) != value[17]:
        raise ValidationError(
            _("The last character of this identity card number does not match; please check it."),
            code="resident_id_check",
        )


def validate_other_id(value: str) -> None:
    if not re.fullmatch(r"[0-9A-Z()（）-]{5,30}", value):
        raise ValidationError(
            _("Enter the document number as printed: 5 to 30 letters and digits."),
            code="id_format",
        )


MOBILE = re.compile(r"1[3-9]\d{9}")
LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}(-\d{1,6})?")


def normalise_phone(value: str) -> str:
    """A mainland mobile (11 digits, optionally +86) or landline number with area code."""
    compact = re.sub(r"[\s()（）]", "", value)
    mobile = re.sub(r"^(\+?86)", "", compact).replace("-", "")
    if MOBILE.fullmatch(mobile):
        return mobile
    if LANDLINE.fullmatch(compact):
        return compact
    raise ValidationError(
        _(
            "Enter a mainland mobile number (11 digits, e.g. 13812345678) or a landline "
            "number with its area code (e.g. 024-12345678)."
        ),
        code="phone",
    )
