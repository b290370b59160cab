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


def test_first_and_last_name_are_asked_for_and_capitalised_sensibly() -> None:
    """Issue 13, item 8: «ирина» is not a full name; what is printed is capitalised, never mangled."""
    from services.person_names import load_person_names
    from services.profile import check_first_and_last_name

    assert check_first_and_last_name("ирина").error and "«Ирина»" in (check_first_and_last_name("ирина").error or "")
    assert check_first_and_last_name("Д'Артаньян-Ёлкин").error  # a surname alone
    assert check_first_and_last_name("ван дер Берг").error  # particles are not a first name
    cases = {
        "ирина петрова": "Ирина Петрова",
        "ИРИНА  ПЕТРОВА": "Ирина Петрова",
        "анна д'артаньян-ёлкина": "Анна Д'Артаньян-Ёлкина",
        "Анна Д'Артаньян-Ёлкин": "Анна Д'Артаньян-Ёлкин",
        "анна ван дер берг": "Анна ван дер Берг",
        "Ван Ли": "Ван Ли",  # «Ван» written with a capital is a name, not the particle
        "мария мамина-сибиряк": "Мария Мамина-Сибиряк",
        "Jean-Luc DiCaprio": "Jean-Luc DiCaprio",
    }
    for typed, printed in cases.items():
        assert check_first_and_last_name(typed).value == printed, typed
    assert "ван" in load_person_names().particles
