"""All models, imported here so alembic's autogenerate and the tests see the whole schema."""

from db.models.fsm import FsmRecord
from db.models.user import User

__all__ = ["FsmRecord", "User"]
