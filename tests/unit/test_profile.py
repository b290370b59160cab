"""Profile rules: the name printed on certificates and the company."""

from services.profile import check_company, check_full_name, greeting_name


def test_full_name_rules() -> None:
    assert check_full_name("  Анна   Смирнова ").value == "Анна Смирнова"
    assert check_full_name("Д'Артаньян-Ёлкин").value == "Д'Артаньян-Ёлкин"
    assert check_full_name("А").error
    assert check_full_name("<script>").error
    assert check_company("ООО «Ромашка»").value == "ООО «Ромашка»"
    assert check_company("   ").error


def test_a_blank_telegram_name_gets_a_neutral_greeting() -> None:
    assert greeting_name("   ") == "друг"
    assert greeting_name("<Ира>") == "&lt;Ира&gt;"
