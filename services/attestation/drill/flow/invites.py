"""A team owner's invitation to the daily drill, as the team scheduler sends it.

The owner's «invite the team» schedules one team notification of kind DRILL_INVITE per member (the teams'
outbox delivers it: claims, retries, blocked users). It is rendered when it is due, from the state then: a
member who left, or who has switched the drill on meanwhile, gets nothing. Its one button turns the drill on.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from db.repositories.drill import DrillRepository
from db.repositories.teams import ACTIVE, NewNotification, TeamRepository
from services.attestation.drill.engine.calendar import DEFAULT_MINUTE, DEFAULT_PER_DAY, WEEKDAYS, format_minute
from services.attestation.drill.engine.render import days_text, zone_name
from services.teams.views import ButtonAction, ButtonSpec
from services.texts import t

DRILL_INVITE = "drill_invite"  # scheduled_notifications.kind
SKIPPED, BLOCKED = "skipped", "blocked"


def invite_notification(team_id: int, user_id: int, now: datetime, day: str) -> NewNotification:
    """One invitation per member and day: inviting twice the same day schedules once."""
    return NewNotification(key=f"{DRILL_INVITE}:{team_id}:{user_id}:{day}", kind=DRILL_INVITE, team_id=team_id,
                           user_id=user_id, due_at=now)


async def drill_invite(teams: TeamRepository, team_id: int, user_id: int, tz: ZoneInfo,
                       now: datetime) -> tuple[str, tuple[ButtonSpec, ...]] | str:
    """The invitation's text and button, or the status to close it with."""
    team = await teams.get_team(team_id)
    user = await teams.user(user_id)
    if team is None or user is None:
        return SKIPPED
    if user.blocked_at is not None:
        return BLOCKED
    member = await teams.membership(team.id, user_id)
    settings = await DrillRepository(teams.session).settings(user_id)
    if member is None or member.status != ACTIVE or (settings is not None and settings.enabled):
        return SKIPPED
    owner = await teams.user(team.owner_id)
    zone = settings.zone if settings is not None and settings.zone else tz.key
    text = t("drill-invite", owner=escape(owner.display_name if owner else "", quote=False),
             team=escape(team.name, quote=False),
             per_day=t("drill-questions", count=settings.per_day if settings else DEFAULT_PER_DAY),
             days=days_text(settings.days if settings else WEEKDAYS),
             time=format_minute(settings.minute if settings else DEFAULT_MINUTE),
             zone=escape(zone_name(zone, now), quote=False))
    return text, (ButtonSpec(t("drill-button-accept"), ButtonAction.DRILL_JOIN, str(team.id)),)
