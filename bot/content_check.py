"""`python -m bot check-content`: every YAML file the bot reads, validated, with a short summary."""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import ValidationError

from services.paths import CONTENT_DIR
from services.texts import check_texts, t


@dataclass
class ContentCheck:
    ok: bool = True
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        verdict = t("check-content-ok") if self.ok else t("check-content-failed")
        return "\n".join([*self.lines, verdict])

    def fail(self, message: str) -> None:
        self.ok = False
        self.lines.append(t("check-content-error", message=message))


def check_all_content() -> ContentCheck:
    result = ContentCheck()
    _check_texts(result)
    _check_quiz(result)
    _check_interviews(result)
    _check_analytics(result)
    _check_scenarios(result)
    return result


def _check_texts(result: ContentCheck) -> None:
    report = check_texts()
    for error in report.errors:
        result.fail(t("check-content-texts-error", error=error))
    if not report.errors:
        result.lines.append(t("check-content-texts", keys=report.keys, files=report.files))


def _check_analytics(result: ContentCheck) -> None:
    from services.analytics.engine.content import (
        ANALYTICS_DIR,
        load_columns,
        load_funnels,
        load_season_words,
        load_segments,
        load_words,
    )
    from services.analytics.engine.values import load_value_words

    try:
        segments = load_segments(CONTENT_DIR / "rfm_segments.yaml")
        funnels = load_funnels(CONTENT_DIR / "funnels.yaml")
        load_columns(ANALYTICS_DIR / "columns.yaml")
        load_words(ANALYTICS_DIR / "words.yaml")
        load_season_words(ANALYTICS_DIR / "seasonality.yaml")
        load_value_words(ANALYTICS_DIR / "values.yaml")
    except (OSError, ValidationError, ValueError) as exc:
        result.fail(t("check-content-analytics-error", error=str(exc)))
        return
    result.lines.append(t("check-content-analytics", segments=len(segments.segments), funnels=len(funnels.pipelines)))


def _check_interviews(result: ContentCheck) -> None:
    from services.attestation.engine.content import load_bank
    from services.interviews.engine.content import check_scripts, load_scripts

    topic_ids = [t.id for t in load_bank(CONTENT_DIR).topics]
    errors = check_scripts(CONTENT_DIR / "interviews", topic_ids=topic_ids)
    if errors:
        for error in errors:
            result.fail(t("check-content-interviews-error", error=error))
        return
    scripts = load_scripts(CONTENT_DIR / "interviews", topic_ids=topic_ids)
    result.lines.append(t("check-content-interviews", competencies=len(scripts.hiring.competencies),
                          questions=len(scripts.custdev.questions()), items=len(scripts.audit.items)))


def _check_quiz(result: ContentCheck) -> None:
    from services.attestation.engine.check import check_content

    report = check_content(CONTENT_DIR)
    result.lines.append(report.render())
    if not report.ok:
        result.ok = False


def _check_scenarios(result: ContentCheck) -> None:
    from services.attestation.simulator.engine.validate import check_scenarios

    report = check_scenarios(CONTENT_DIR)
    for error in report.errors:
        result.fail(f"simulator: {error}")
    if report.ok:
        result.lines.append(t("sim-check-summary", scenarios=report.scenarios, decisions=report.decisions,
                              endings=report.endings))
