"""All models, imported here so alembic's autogenerate and the tests see the whole schema."""

from db.models.attestation import Attempt, AttemptQuestion, Certificate
from db.models.fsm import FsmRecord
from db.models.interview import CandidateLink, Interview, InterviewAnswer
from db.models.user import User

__all__ = ["Attempt", "AttemptQuestion", "CandidateLink", "Certificate", "FsmRecord", "Interview",
           "InterviewAnswer", "User"]
