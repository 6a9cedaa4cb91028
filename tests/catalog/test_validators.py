"""GB 32100-2015: the unified social credit code and its check character (DOMAIN.md section 1)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from catalog.models import Agency, AgencyLevel
from catalog.validators import credit_code_check_character, validate_credit_code

# Published codes of real organisations, check character included.
REAL_CODES = ["91350100M000100Y43", "91110000802100433B", "11100000000013127D"]


@pytest.fixture(autouse=True)
def english_messages():
    """The messages are checked in their English source form."""
    with translation.override("en"):
        yield


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_codes_pass_the_check(code):
    validate_credit_code(code)
    assert credit_code_check_character(code[:17]) == code[17]


def test_lower_case_and_spaces_are_tolerated():
    validate_credit_code(" 91350100m000100y43 ")


@pytest.mark.parametrize(
    ("code", "message_part"),
    [
        ("91350100M000100Y44", "check character"),
        ("91350100M000100Y4", "18 characters"),
        ("91350100M000100Y433", "18 characters"),
        ("91350100M000100I43", "cannot contain I"),
        ("", "18 characters"),
    ],
)
def test_wrong_codes_are_rejected_with_a_reason(code, message_part):
    with pytest.raises(ValidationError) as excinfo:
        validate_credit_code(code)
    assert message_part in " ".join(excinfo.value.messages)


def test_every_single_character_change_is_caught():
    code = REAL_CODES[0]
    for position in range(17):
        for replacement in "0A":
            if code[position] == replacement:
                continue
            changed = code[:position] + replacement + code[position + 1 :]
            with pytest.raises(ValidationError):
                validate_credit_code(changed)


@pytest.mark.django_db
def test_agency_full_clean_rejects_a_bad_code():
    agency = Agency(
        name="测试局", slug="t", credit_code="11210000MB0123456X", level=AgencyLevel.PROVINCE
    )
    with pytest.raises(ValidationError) as excinfo:
        agency.full_clean()
    assert "credit_code" in excinfo.value.message_dict
