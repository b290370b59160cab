"""Teams themselves: create, show the card and the invite (link + QR), regenerate it, members, join, delete."""

from __future__ import annotations

import asyncio
from html import escape

from db.models import Team, TeamInvite
from db.repositories.teams import ACTIVE
from services.notice import Notice, Refusal
from services.teams.engine.deadlines import format_date
from services.teams.engine.describe import member_name
from services.teams.engine.invites import invite_url, looks_like_code, new_code, qr_png
from services.teams.flow.context import TeamContext
from services.teams.views import (
    Confirm,
    Done,
    InviteView,
    JoinOffer,
    MemberItem,
    MembersView,
    Overview,
    TeamCard,
    TeamItem,
)
from services.texts import t

NAME_LIMIT = 64
TEAMS_PER_OWNER = 20


def check_team_name(text: str | None) -> tuple[str | None, str | None]:
    """(cleaned name, None) or (None, why not — for the user)."""
    name = " ".join((text or "").split())
    if not any(ch.isalnum() for ch in name):
        return None, t("team-name-empty")
    if len(name) > NAME_LIMIT:
        return None, t("team-name-too-long", limit=NAME_LIMIT)
    return name, None


def _esc(text: str) -> str:
    return escape(text, quote=False)


class TeamService:
    def __init__(self, ctx: TeamContext) -> None:
        self.ctx = ctx
        self.teams = ctx.teams

    # ---- the /team screen -------------------------------------------------------------------------
    async def overview(self, user_id: int, prefix: str = "") -> Overview:
        owned = tuple(TeamItem(team.id, team.name, n) for team, n in await self.teams.owned_teams(user_id))
        joined_rows = await self.teams.joined_teams(user_id)
        joined = tuple(TeamItem(team.id, team.name) for team, _ in joined_rows)
        parts = [t("team-intro")]
        if owned:
            parts.append(t("team-owned-header"))
        if joined:
            lines = [t("team-joined-line", team=_esc(team.name), owner=_esc(owner.display_name))
                     for team, owner in joined_rows]
            parts.append("\n".join([t("team-joined-header"), *lines]))
        if not owned and not joined:
            parts.append(t("team-nothing-yet"))
        return Overview(prefix + "\n\n".join(parts), owned, joined)

    # ---- owner: the team and its invite -----------------------------------------------------------
    async def create(self, owner_id: int, name: str, bot_username: str) -> TeamCard | Notice:
        """A new team and its invite; a notice (and no team) past the limit of teams per owner."""
        if len(await self.teams.owned_teams(owner_id)) >= TEAMS_PER_OWNER:
            return Notice(t("team-too-many-teams", limit=TEAMS_PER_OWNER))
        team = await self.teams.create_team(owner_id, name)
        await self.teams.replace_invite(team.id, new_code(), self.ctx.now())
        return await self._card(team, bot_username)

    async def card(self, user_id: int, team_id: int, bot_username: str) -> TeamCard:
        team = await self.ctx.owned(user_id, team_id)
        return await self._card(team, bot_username)

    async def invite(self, user_id: int, team_id: int, bot_username: str) -> InviteView:
        team = await self.ctx.owned(user_id, team_id)
        return await self._invite_view(team, await self._live_invite(team), bot_username)

    async def confirm_regenerate(self, owner_id: int, team_id: int) -> Confirm:
        """What replacing the link breaks, asked before; the answer names the invite it is about."""
        team = await self.ctx.owned(owner_id, team_id)
        invite = await self._live_invite(team)
        return Confirm(team.id, t("team-regenerate-confirm", team=_esc(team.name)), invite_id=invite.id)

    async def regenerate(self, user_id: int, team_id: int, bot_username: str,
                         invite_id: int | None = None) -> InviteView | Notice:
        """A new link instead of invite `invite_id` (the one the owner agreed to replace; None: the live one).

        When that invite was replaced already (a double tap, an old confirmation) nothing changes: a notice
        with the team card, which shows the link that works.
        """
        team = await self.ctx.owned(user_id, team_id)
        if invite_id is None:
            invite_id = (await self._live_invite(team)).id
        invite = await self.teams.replace_invite_if_live(team.id, invite_id, new_code(), self.ctx.now())
        if invite is None:
            return Notice(t("team-regenerate-stale"), await self._card(team, bot_username))
        return await self._invite_view(team, invite, bot_username, prefix=f"{t('team-regenerated')}\n\n")

    async def _card(self, team: Team, bot_username: str) -> TeamCard:
        invite = await self._live_invite(team)
        count = len(await self.teams.active_members(team.id))
        text = t("team-card", team=_esc(team.name), count=str(count), url=invite_url(bot_username, invite.code))
        return TeamCard(team.id, text)

    async def _live_invite(self, team: Team) -> TeamInvite:
        invite = await self.teams.current_invite(team.id)
        return invite or await self.teams.replace_invite(team.id, new_code(), self.ctx.now())

    async def _invite_view(self, team: Team, invite: TeamInvite, bot_username: str, prefix: str = "") -> InviteView:
        url = invite_url(bot_username, invite.code)
        png = await asyncio.to_thread(qr_png, url)
        return InviteView(team.id, prefix + t("team-invite-caption", team=_esc(team.name), url=url), url, png)

    # ---- owner: members ---------------------------------------------------------------------------
    async def members(self, user_id: int, team_id: int, prefix: str = "") -> MembersView:
        team = await self.ctx.owned(user_id, team_id)
        rows = await self.teams.active_members(team.id)
        if not rows:
            return MembersView(team.id, prefix + t("team-members-empty"), ())
        lines = [t("team-members-header", team=_esc(team.name), count=str(len(rows)))]
        for n, (member, user) in enumerate(rows, start=1):
            lines.append(t("team-member-line", n=str(n), name=_esc(member_name(user.display_name, user.username)),
                           date=format_date(member.joined_at, self.ctx.tz)))
        lines += ["", t("team-members-hint")]
        items = tuple(MemberItem(user.id, user.display_name) for _, user in rows)
        return MembersView(team.id, prefix + "\n".join(lines), items)

    async def confirm_remove(self, owner_id: int, team_id: int, member_id: int) -> Confirm:
        team = await self.ctx.owned(owner_id, team_id)
        member = await self.teams.membership(team.id, member_id)
        user = await self.teams.user(member_id)
        if member is None or member.status != ACTIVE or user is None:
            raise Refusal(t("team-not-a-member"))
        text = t("team-remove-confirm", member=_esc(user.display_name), team=_esc(team.name))
        return Confirm(team.id, text, member_id)

    async def remove(self, owner_id: int, team_id: int, member_id: int) -> MembersView:
        team = await self.ctx.owned(owner_id, team_id)
        user = await self.teams.user(member_id)
        if user is None or not await self.teams.remove_member(team.id, member_id, self.ctx.now()):
            raise Refusal(t("team-not-a-member"))
        done = t("team-removed", member=_esc(user.display_name), team=_esc(team.name))
        return await self.members(owner_id, team.id, prefix=f"{done}\n\n")

    async def confirm_delete(self, owner_id: int, team_id: int) -> Confirm:
        team = await self.ctx.owned(owner_id, team_id)
        return Confirm(team.id, t("team-delete-confirm", team=_esc(team.name)))

    async def delete(self, owner_id: int, team_id: int) -> Overview:
        """Delete the team; the owner's list of teams, headed by what happened."""
        team = await self.ctx.owned(owner_id, team_id)
        name = team.name
        await self.teams.delete_team(team.id)
        return await self.overview(owner_id, prefix=f"{t('team-deleted', team=_esc(name))}\n\n")

    # ---- a manager joining by the link ------------------------------------------------------------
    # These answer with a Notice rather than a refusal: the user sees it as a message with the main menu.
    async def join_offer(self, user_id: int, code: str | None) -> JoinOffer | Notice:
        checked = await self._joinable(user_id, code)
        if isinstance(checked, Notice):
            return checked
        team, owner = checked
        return JoinOffer(team.id, t("team-join-offer", team=_esc(team.name), owner=owner))

    async def join(self, user_id: int, code: str | None) -> Done | Notice:
        checked = await self._joinable(user_id, code)
        if isinstance(checked, Notice):
            return checked
        team, owner = checked
        if not await self.teams.add_member(team.id, user_id, self.ctx.now()):
            return Notice(t("team-already-member", team=_esc(team.name), owner=owner))
        return Done(t("team-joined", team=_esc(team.name), owner=owner), team.id)

    async def _joinable(self, user_id: int, code: str | None) -> tuple[Team, str] | Notice:
        """The team the code invites to and its owner's name (HTML), or why this user cannot join it."""
        invite = await self.teams.invite_by_code(code) if code and looks_like_code(code) else None
        team = await self.teams.get_team(invite.team_id) if invite and invite.revoked_at is None else None
        if team is None:
            return Notice(t("team-invite-invalid"))
        owner_row = await self.teams.user(team.owner_id)
        owner = _esc(owner_row.display_name if owner_row else "")
        if team.owner_id == user_id:
            return Notice(t("team-own-team", team=_esc(team.name)))
        member = await self.teams.membership(team.id, user_id)
        if member is not None and member.status == ACTIVE:
            return Notice(t("team-already-member", team=_esc(team.name), owner=owner))
        return team, owner
