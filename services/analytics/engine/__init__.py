"""Quick analytics from a file: RFM segments, funnel conversion, seasonality. No Telegram here."""

from .errors import AnalyticsError
from .pipeline import AnalysisOutcome, Choice, Question, Report, analyse

__all__ = ["AnalysisOutcome", "AnalyticsError", "Choice", "Question", "Report", "analyse"]
