import pytest

from services.deeplinks import DeepLink, parse_start_payload
from services.profile import check_company, check_full_name


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (None, None),
        ("", None),
        ("join_Ab3-_x", DeepLink("team_invite", "Ab3-_x")),
        ("cand_tok123", DeepLink("candidate", "tok123")),
        ("join_", DeepLink("unknown", "")),
        ("hello", DeepLink("unknown", "")),
        ("join_ab cd", DeepLink("unknown", "")),
        ("x" * 65, DeepLink("unknown", "")),
    ],
)
def test_parse_start_payload(payload, expected) -> None:  # type: ignore[no-untyped-def]
    assert parse_start_payload(payload) == expected


def test_full_name_rules() -> None:
    assert check_full_name("  Анна   Смирнова ").value == "Анна Смирнова"
    assert check_full_name("Д'Артаньян-Ёлкин").value == "Д'Артаньян-Ёлкин"
    assert check_full_name("А").error
    assert check_full_name("<script>").error
    assert check_company("ООО «Ромашка»").value == "ООО «Ромашка»"
    assert check_company("   ").error
