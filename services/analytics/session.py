"""One file's analysis across several chat turns: what the user chose so far, kept as plain JSON.

The chat keeps an `AnalysisRequest` in the FSM data between questions (which analysis, which column, is
this the stage order); each turn runs `analyse` again with everything settled so far. The rules of a turn
live here: whether a file can be downloaded at all, whether a tapped answer still belongs to the question on
screen, what the report's buttons lead to.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from typing import TypedDict, cast

from services.analytics.engine import AnalyticsError, Question, Report, analyse
from services.analytics.engine.content import SCALES
from services.analytics.engine.errors import TELEGRAM_DOWNLOAD_LIMIT, BadOptions
from services.analytics.engine.funnel import FunnelOptions
from services.analytics.engine.rfm import RfmOptions
from services.analytics.engine.rfm_scores import parse_thresholds
from services.analytics.engine.seasonality import MIN_MONTHS, PLAN_MONTHS
from services.notice import Refusal
from services.texts import t

MB = 1024 * 1024
# Telegram's own Bot API serves files up to TELEGRAM_DOWNLOAD_LIMIT (20 MB); a local one (--local) up to this.
LOCAL_SERVER_LIMIT = 2000 * MB


def prompt() -> str:
    """What «Анализ файла» says before a file arrives."""
    return t("analytics-prompt", min_months=MIN_MONTHS, plan_months=PLAN_MONTHS)


def file_size_problem(size: int | None, *, local_server: bool) -> str | None:
    """Why a file of `size` bytes cannot be downloaded, with what to do instead; None when it can."""
    limit = LOCAL_SERVER_LIMIT if local_server else TELEGRAM_DOWNLOAD_LIMIT
    if size is None or size <= limit:
        return None
    return t("analytics-file-too-big", size=f"{size / MB:.0f}", limit=str(limit // MB),
             local_limit=str(LOCAL_SERVER_LIMIT // MB))


def require_downloadable(size: int | None, *, local_server: bool) -> None:
    """Refuse a file the bot cannot download (see `file_size_problem`)."""
    problem = file_size_problem(size, local_server=local_server)
    if problem:
        raise Refusal(problem)


class PendingState(TypedDict):
    topic: str
    values: list[str]
    kind: str | None
    role: str | None
    proposed_order: list[str]


class RequestState(TypedDict):
    """`AnalysisRequest` as JSON in the FSM data."""

    file_id: str
    file_name: str
    kind: str | None
    mapping: dict[str, str]
    scale: int
    thresholds: str | None
    stage_order: list[str] | None
    pending: PendingState | None


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

    @classmethod
    def for_file(cls, file_id: str, file_name: str | None) -> AnalysisRequest:
        return cls(file_id=file_id, file_name=file_name or "file")

    @property
    def pending_topic(self) -> str | None:
        return self.pending.topic if self.pending else None

    @property
    def other_scale(self) -> int:
        """The scale the report's button offers: the one not shown."""
        return SCALES[1] if self.scale == SCALES[0] else SCALES[0]

    def to_state(self) -> RequestState:
        return cast(RequestState, asdict(self))

    @classmethod
    def from_state(cls, data: RequestState | None) -> AnalysisRequest | None:
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
        return replace(self, scale=SCALES[1] if scale == SCALES[1] else SCALES[0], thresholds=None, pending=None)

    def with_thresholds(self, text: str) -> AnalysisRequest:
        return replace(self, thresholds=text.strip(), pending=None)


# ---- resuming a request from the chat's state: a stale one is refused --------------------------------

def answered(data: RequestState | None, index: int) -> AnalysisRequest:
    """The request whose question on screen got the pick `index`."""
    request = AnalysisRequest.from_state(data)
    if request is None or not request.accepts(index):
        raise Refusal(t("analytics-question-stale"))
    return request.answer(index)


def typed_order(data: RequestState | None, text: str) -> AnalysisRequest:
    """The request with the stage order the user typed instead of confirming the proposed one."""
    request = AnalysisRequest.from_state(data)
    if request is None or request.pending_topic != "stage_order":
        raise Refusal(t("analytics-answer-with-button"))
    return request.with_typed_order(text)


def last_rfm(data: RequestState | None) -> AnalysisRequest:
    """The request of the last RFM report, which the report's buttons start from."""
    request = AnalysisRequest.from_state(data)
    if request is None:
        raise Refusal(t("analytics-request-stale"))
    return request


# ---- running --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RunOutcome:
    request: AnalysisRequest
    report: Report | None = None
    question: Question | None = None
    error: str | None = None  # plain text
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
