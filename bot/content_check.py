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
        verdict = "Контент в порядке." if self.ok else "Контент содержит ошибки."
        return "\n".join([*self.lines, verdict])

    def fail(self, message: str) -> None:
        self.ok = False
        self.lines.append(f"ОШИБКА: {message}")


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
        result.fail(f"texts: {error}")
    if not report.errors:
        result.lines.append(f"Texts (content/texts/*.ftl): {report.keys} keys in {report.files} files, ok")


def _check_analytics(result: ContentCheck) -> None:
    from services.analytics.engine.content import ANALYTICS_DIR, load_columns, load_funnels, load_segments, load_words

    try:
        segments = load_segments(CONTENT_DIR / "rfm_segments.yaml")
        funnels = load_funnels(CONTENT_DIR / "funnels.yaml")
        load_columns(ANALYTICS_DIR / "columns.yaml")
        load_words(ANALYTICS_DIR / "words.yaml")
    except (OSError, ValidationError, ValueError) as exc:
        result.fail(f"аналитика (rfm_segments.yaml, funnels.yaml, analytics/*.yaml): {exc}")
        return
    result.lines.append(
        f"Аналитика: RFM-сегментов — {len(segments.segments)}, известных воронок — {len(funnels.pipelines)}."
    )


def _check_interviews(result: ContentCheck) -> None:
    from services.attestation.engine.content import load_bank
    from services.interviews.engine.content import check_scripts, load_scripts

    topic_ids = [t.id for t in load_bank(CONTENT_DIR).topics]
    errors = check_scripts(CONTENT_DIR / "interviews", topic_ids=topic_ids)
    if errors:
        for error in errors:
            result.fail(f"сценарии интервью: {error}")
        return
    scripts = load_scripts(CONTENT_DIR / "interviews", topic_ids=topic_ids)
    result.lines.append(
        f"Сценарии интервью: собеседование РОПа — {len(scripts.hiring.competencies)} компетенций, "
        f"CustDev — {len(scripts.custdev.questions())} вопросов, аудит — {len(scripts.audit.items)} пунктов."
    )


def _check_quiz(result: ContentCheck) -> None:
    from services.attestation.engine.check import check_content

    report = check_content(CONTENT_DIR)
    result.lines.append(report.render())
    if not report.ok:
        result.ok = False


def _check_scenarios(result: ContentCheck) -> None:
    from services.attestation.engine.simulator.validate import check_scenarios

    report = check_scenarios(CONTENT_DIR)
    for error in report.errors:
        result.fail(f"simulator: {error}")
    if report.ok:
        result.lines.append(t("sim-check-summary", scenarios=report.scenarios, decisions=report.decisions,
                              endings=report.endings))
