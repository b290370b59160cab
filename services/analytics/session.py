"""One file's analysis across several chat turns: what the user chose so far, kept as plain JSON.

The chat keeps an `AnalysisRequest` in the FSM data between questions (which analysis, which column, is
this the stage order); each turn runs `analyse` again with everything settled so far. The rules of a turn
live here: whether a file can be downloaded at all and whether its table fits the per-file budget, whether a
tapped answer still belongs to the question on screen, what the report's buttons lead to.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import asdict, dataclass, field, replace
from typing import TypedDict, cast

from services.analytics.capacity import DEFAULT_MAX_TABLE_MB
from services.analytics.engine import AnalyticsError, Question, Report, analyse
from services.analytics.engine.content import SCALES
from services.analytics.engine.errors import TELEGRAM_DOWNLOAD_LIMIT, BadOptions
from services.analytics.engine.fmt import decimal, esc
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
    return _too_big(f"{size / MB:.0f}", limit)


def too_big_to_download(*, local_server: bool) -> str:
    """Telegram refused the download («file is too big») of a file whose size the update did not say."""
    return _too_big("unknown", LOCAL_SERVER_LIMIT if local_server else TELEGRAM_DOWNLOAD_LIMIT)


def _too_big(size: str, limit: int) -> str:
    return t("analytics-file-too-big", size=size, limit=str(limit // MB), local_limit=str(LOCAL_SERVER_LIMIT // MB))


def require_downloadable(size: int | None, *, local_server: bool) -> None:
    """Refuse a file the bot cannot download (see `file_size_problem`)."""
    problem = file_size_problem(size, local_server=local_server)
    if problem:
        raise Refusal(problem)


def table_size(data: bytes) -> int:
    """The unpacked size of the file's table: what reading it costs in memory (a ZIP's declared content)."""
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return sum(info.file_size for info in archive.infolist())
        except (zipfile.BadZipFile, OSError):
            return len(data)  # the reader says what is wrong with it
    return len(data)


def table_size_problem(data: bytes, file_name: str, max_table_bytes: int) -> str | None:
    """Why the table is over the per-file budget (plain text), or None. Checked before the analysis waits in line
    or reads anything: the budget is what keeps one file from taking the memory of the whole bot."""
    size = table_size(data)
    if size <= max_table_bytes:
        return None
    return t("analytics-table-over-budget", file=file_name, size=decimal(size / MB, 1),
             limit=str(max_table_bytes // MB))


def queue_text(file_name: str, place: int) -> str:
    """Where the user's file is in line (1 = next), edited in place as the line moves."""
    return t("analytics-queue-place", file=esc(file_name), place=place)


def queue_started_text(file_name: str) -> str:
    return t("analytics-queue-started", file=esc(file_name))


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
    kept: int | None


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
    kept: int | None = None  # the kept copy of the file (services.analytics.files), when there is one

    @classmethod
    def for_file(cls, file_id: str, file_name: str | None) -> AnalysisRequest:
        return cls(file_id=file_id, file_name=file_name or "file")

    @classmethod
    def for_kept(cls, file_id: str, file_name: str, kept: int, kind: str | None = None) -> AnalysisRequest:
        """Another analysis of a kept file (a report's button) or the same one again (after an interruption)."""
        return cls(file_id=file_id, file_name=file_name, kind=kind, kept=kept)

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

    @property
    def name(self) -> str:
        """What came of it, as the `analyses` record keeps it."""
        return "report" if self.report else "question" if self.question else "error"


def _options(request: AnalysisRequest) -> RfmOptions | FunnelOptions | None:
    if request.kind == "rfm":
        thresholds = parse_thresholds(request.thresholds) if request.thresholds else None
        return RfmOptions(scale=request.scale, thresholds=thresholds)
    if request.kind == "funnel" and request.stage_order:
        return FunnelOptions(stage_order=list(request.stage_order))
    return None


def run_analysis(data: bytes, request: AnalysisRequest, max_table_bytes: int = DEFAULT_MAX_TABLE_MB * MB
                 ) -> RunOutcome:
    """Blocking (pandas, charts, Excel): call it from a worker thread. The report also lists the other analyses
    the file has the columns for (`Report.others`), which the chat offers as buttons."""
    try:
        outcome = analyse(data, request.file_name, kind=request.kind, mapping=dict(request.mapping) or None,
                          options=_options(request), max_unpacked_bytes=max_table_bytes, offer_others=True)
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
