import pytest

from apps.common.identifiers import is_valid_resident_id, is_valid_uscc, uscc_problem

VALID_USCCS = ["91310115591693856A", "91310110666007217T", "91230500MA1B3N1N2M", "11230500001755309F",
               "91320105780688132K", "91110116589133454J", "92110108L00228139A", "92110112MA00PHK827",
               "9111010673510605XU", "911101147334748793", "91110105MA017MY10T", "911100007334487859"]


@pytest.mark.parametrize("code", VALID_USCCS)
def test_real_usccs_pass_their_check(code):
    assert is_valid_uscc(code)


@pytest.mark.parametrize("code, reason", [
    ("91310115591693856B", "check character"),
    ("91310115591693856", "18 characters"),
    ("9131011559169385IA", "not used"),
    ("S1310115591693856A", "not used"),
    ("00000000000000000X", "check character"),
])
def test_invalid_usccs_are_refused_with_a_reason(code, reason):
    assert reason in uscc_problem(code)


@pytest.mark.parametrize("number", ["11010519491231002X", "440524188001010014", "110101199003077758"])
def test_valid_resident_ids_pass(number):
    assert is_valid_resident_id(number)


def test_resident_id_with_wrong_check_character_fails():
    assert not is_valid_resident_id("110101199003077757")
