"""One file's analysis across several chat turns: what the user chose so far, kept as plain JSON.

The chat keeps an `AnalysisRequest` in the FSM data between questions (which analysis, which column, is
this the stage order); each turn runs `analyse` again with everything settled so far.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from services.analytics.engine import AnalyticsError, Question, Report, analyse
from services.analytics.engine.errors import BadOptions
from services.analytics.engine.funnel import FunnelOptions
from services.analytics.engine.rfm import RfmOptions
from services.analytics.engine.rfm_scores import parse_thresholds

MB = 1024 * 1024
BOT_API_DOWNLOAD_LIMIT = 20 * MB  # getFile refuses bigger files on Telegram's own server
LOCAL_SERVER_LIMIT = 2000 * MB


def file_size_problem(size: int | None, *, local_server: bool) -> str | None:
    limit = LOCAL_SERVER_LIMIT if local_server else BOT_API_DOWNLOAD_LIMIT
    if size is None or size <= limit:
        return None
    return (
        f"Файл весит {size / MB:.0f} МБ, а Telegram позволяет боту скачать не больше {limit // MB} МБ.\n"
        "Что можно сделать:\n"
        "• заархивировать его в ZIP (CSV сжимается в 5–10 раз) и прислать архив;\n"
        "• выгрузить период покороче или только нужные столбцы;\n"
        "• или запустить бота с собственным сервером Bot API (TELEGRAM_API_SERVER с режимом --local) — "
        "тогда лимит 2000 МБ."
    )


@dataclass(frozen=True)
class Pending:
    topic: str  # kind | column | stage_order
    values: list[str]
    kind: str | None = None
    role: str | None = None
    proposed_order: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class AnalysisRequest:
    file_id: str
    file_name: str
    kind: str | None = None
    mapping: dict[str, str] = field(default_factory=dict)
    scale: int = 3
    thresholds: str | None = None
    stage_order: list[str] | None = None
    pending: Pending | None = None

    @property
    def pending_topic(self) -> str | None:
        return self.pending.topic if self.pending else None

    def to_state(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_state(cls, data: dict[str, Any] | None) -> AnalysisRequest | None:
        if not data or "file_id" not in data:
            return None
        pending = Pending(**data["pending"]) if data.get("pending") else None
        return cls(**{**data, "pending": pending})

    def accepts(self, index: int) -> bool:
        return self.pending is not None and 0 <= index < len(self.pending.values)

    def answer(self, index: int) -> AnalysisRequest:
        """The request with the user's pick for the pending question."""
        assert self.pending is not None
        value = self.pending.values[index]
        if self.pending.topic == "kind":
            return replace(self, kind=value, pending=None)
        if self.pending.topic == "column":
            mapping = {**self.mapping, str(self.pending.role): value}
            return replace(self, kind=self.pending.kind, mapping=mapping, pending=None)
        return replace(self, kind="funnel", stage_order=list(self.pending.proposed_order), pending=None)

    def with_typed_order(self, text: str) -> AnalysisRequest:
        stages = [part.strip() for part in re.split(r"[,;\n]", text) if part.strip()]
        return replace(self, kind="funnel", stage_order=stages, pending=None)

    def with_scale(self, scale: int) -> AnalysisRequest:
        return replace(self, scale=5 if scale == 5 else 3, thresholds=None, pending=None)

    def with_thresholds(self, text: str) -> AnalysisRequest:
        return replace(self, thresholds=text.strip(), pending=None)


@dataclass(frozen=True)
class RunOutcome:
    request: AnalysisRequest
    report: Report | None = None
    question: Question | None = None
    error: str | None = None
    keep_request: bool = False  # the error is in what the user typed, not in the file


def _options(request: AnalysisRequest) -> RfmOptions | FunnelOptions | None:
    if request.kind == "rfm":
        thresholds = parse_thresholds(request.thresholds) if request.thresholds else None
        return RfmOptions(scale=request.scale, thresholds=thresholds)
    if request.kind == "funnel" and request.stage_order:
        return FunnelOptions(stage_order=list(request.stage_order))
    return None


def run_analysis(data: bytes, request: AnalysisRequest) -> RunOutcome:
    """Blocking (pandas, charts, Excel): call it from a worker thread."""
    try:
        outcome = analyse(data, request.file_name, kind=request.kind, mapping=dict(request.mapping) or None,
                          options=_options(request))
    except BadOptions as exc:
        return RunOutcome(request, error=exc.user_message, keep_request=True)
    except AnalyticsError as exc:
        return RunOutcome(request, error=exc.user_message)
    if isinstance(outcome, Question):
        pending = Pending(topic=outcome.topic, values=[c.value for c in outcome.choices], kind=outcome.kind,
                          role=outcome.role, proposed_order=list(outcome.proposed_order))
        settled = replace(request, kind=outcome.kind or request.kind, mapping=dict(outcome.mapping), pending=pending)
        return RunOutcome(settled, question=outcome)
    return RunOutcome(replace(request, kind=outcome.kind, pending=None), report=outcome)
