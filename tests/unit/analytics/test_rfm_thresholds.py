"""The user's own RFM criteria typed in the chat."""

from __future__ import annotations

import numpy as np
import pytest
import yaml
from pydantic import ValidationError

from services.analytics.engine.content import ANALYTICS_DIR, load_words
from services.analytics.engine.errors import BadOptions
from services.analytics.engine.rfm_scores import RfmThresholds, parse_thresholds, threshold_scores


@pytest.mark.parametrize(
    "text",
    [
        "Д 30 90; Ч 2 5; С 10000 50000",
        "д: 30, 90\nч: 2, 5\nс: 10 000, 50 000",
        "R 30 90 F 2 5 M 10k 50k",
        "давность 30 90; частота 2 5; сумма 10 тыс 50 тыс",
        "recency=30,90; frequency=2,5; monetary=10000,50000",
    ],
)
def test_the_same_criteria_in_different_spellings(text):
    assert parse_thresholds(text) == RfmThresholds(recency=(30, 90), frequency=(2, 5), monetary=(10000, 50000))


def test_four_borders_make_a_five_point_scale():
    thresholds = parse_thresholds("Д 7 30 90 180; Ч 2 3 5 10; С 1000 5000 20000 100000")
    assert thresholds.scale == 5


def test_some_letters_only():
    thresholds = parse_thresholds("С 1 млн 5 млн")
    assert thresholds == RfmThresholds(monetary=(1_000_000, 5_000_000))
    assert thresholds.scale == 3


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "Д, Ч или С"),
        ("сделай получше", "Д, Ч или С"),
        ("Д 90 30", "по возрастанию"),
        ("Д 30 90; Ч 2 3 5 8", "по две границы"),
        ("Д 30", "по две границы"),
        ("Д 30 90; Д 10 20", "дважды"),
        ("Д 30 девяносто", "лишнее"),
    ],
)
def test_wrong_input_explains_the_expected_format_in_russian(text, fragment):
    with pytest.raises(BadOptions) as error:
        parse_thresholds(text)
    assert fragment in error.value.user_message
    assert "Д 30 90; Ч 2 5; С 10000 50000" in error.value.user_message


def test_border_values_belong_to_the_better_score():
    days = np.array([0, 30, 31, 90, 91])
    assert threshold_scores(days, (30, 90), higher_is_better=False).tolist() == [3, 3, 2, 2, 1]
    orders = np.array([1, 2, 4, 5, 9])
    assert threshold_scores(orders, (2, 5), higher_is_better=True).tolist() == [1, 2, 2, 3, 3]


def test_the_names_of_the_measures_are_content_and_each_names_one_measure(tmp_path):
    words = load_words(ANALYTICS_DIR / "words.yaml")
    assert words.measure_of()["д"] == "recency" and words.money_suffixes["тыс"] == 1000
    source = yaml.safe_load((ANALYTICS_DIR / "words.yaml").read_text(encoding="utf-8"))
    source["criteria_names"]["frequency"].append("д")
    path = tmp_path / "words.yaml"
    path.write_text(yaml.safe_dump(source, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValidationError, match="each name once"):
        load_words(path)
