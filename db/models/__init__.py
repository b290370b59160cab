"""All models, imported here so alembic's autogenerate and the tests see the whole schema."""

from db.models.analysis import Analysis, AnalysisFile  # noqa: F401  (analyses and kept files)
from db.models.attestation import Attempt, AttemptQuestion, Certificate
from db.models.drill import DrillCard, DrillReview, DrillRun, DrillSettings  # noqa: F401  (the daily drill)
from db.models.fsm import FsmRecord
from db.models.interview import CandidateLink, Interview, InterviewAnswer
from db.models.own_questions import OwnBank, OwnBankEditor, OwnExamAttempt, OwnQuestion, OwnQuestionVersion, OwnTopic  # noqa: F401  (own questions)
from db.models.simulator import SimRun  # noqa: F401  (the dialogue simulator's runs)
from db.models.team import (
    Assignment,
    AssignmentTarget,
    ScheduledNotification,
    Team,
    TeamInvite,
    TeamMember,
)
from db.models.user import User

__all__ = ["Assignment", "AssignmentTarget", "Attempt", "AttemptQuestion", "CandidateLink", "Certificate",
           "FsmRecord", "Interview", "InterviewAnswer", "ScheduledNotification", "Team", "TeamInvite",
           "TeamMember", "User"]
