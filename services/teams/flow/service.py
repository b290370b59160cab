"""Teams themselves: create, show the card and the invite (link + QR), regenerate it, members, join, delete."""

from __future__ import annotations

import asyncio
from html import escape

from db.models import Team, TeamInvite
from db.repositories.teams import ACTIVE
from services.teams import texts
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
    Notice,
    Overview,
    TeamCard,
    TeamItem,
)

NAME_LIMIT = 64
TEAMS_PER_OWNER = 20


def check_team_name(text: str | None) -> tuple[str | None, str | None]:
    """(cleaned name, None) or (None, why not — in Russian)."""
    name = " ".join((text or "").split())
    if not any(ch.isalnum() for ch in name):
        return None, texts.NAME_EMPTY
    if len(name) > NAME_LIMIT:
        return None, texts.NAME_TOO_LONG.format(limit=NAME_LIMIT)
    return name, None


def _esc(text: str) -> str:
    return escape(text, quote=False)


class TeamService:
    def __init__(self, ctx: TeamContext) -> None:
        self.ctx = ctx
        self.teams = ctx.teams

    # ---- the /team screen -------------------------------------------------------------------------
    async def overview(self, user_id: int) -> Overview:
        owned = tuple(TeamItem(t.id, t.name, n) for t, n in await self.teams.owned_teams(user_id))
        joined_rows = await self.teams.joined_teams(user_id)
        joined = tuple(TeamItem(t.id, t.name) for t, _ in joined_rows)
        parts = [texts.INTRO]
        if owned:
            parts.append(texts.OWNED_HEADER)
        if joined:
            lines = [texts.JOINED_LINE.format(team=_esc(t.name), owner=_esc(o.display_name)) for t, o in joined_rows]
            parts.append("\n".join([texts.JOINED_HEADER, *lines]))
        if not owned and not joined:
            parts.append(texts.NOTHING_YET)
        return Overview("\n\n".join(parts), owned, joined)

    # ---- owner: the team and its invite -----------------------------------------------------------
    async def create(self, owner_id: int, name: str, bot_username: str) -> TeamCard | Notice:
        if len(await self.teams.owned_teams(owner_id)) >= TEAMS_PER_OWNER:
            return Notice(texts.TOO_MANY_TEAMS.format(limit=TEAMS_PER_OWNER))
        team = await self.teams.create_team(owner_id, name)
        await self.teams.replace_invite(team.id, new_code(), self.ctx.now())
        return await self._card(team, bot_username)

    async def card(self, user_id: int, team_id: int, bot_username: str) -> TeamCard | Notice:
        team = await self.ctx.owned(user_id, team_id)
        if isinstance(team, Notice):
            return team
        return await self._card(team, bot_username)

    async def invite(self, user_id: int, team_id: int, bot_username: str) -> InviteView | Notice:
        team = await self.ctx.owned(user_id, team_id)
        if isinstance(team, Notice):
            return team
        return await self._invite_view(team, await self._live_invite(team), bot_username)

    async def regenerate(self, user_id: int, team_id: int, bot_username: str) -> InviteView | Notice:
        team = await self.ctx.owned(user_id, team_id)
        if isinstance(team, Notice):
            return team
        invite = await self.teams.replace_invite(team.id, new_code(), self.ctx.now())
        return await self._invite_view(team, invite, bot_username, prefix=texts.REGENERATED)

    async def _card(self, team: Team, bot_username: str) -> TeamCard:
        invite = await self._live_invite(team)
        count = len(await self.teams.active_members(team.id))
        text = texts.CARD.format(team=_esc(team.name), count=count, url=invite_url(bot_username, invite.code))
        return TeamCard(team.id, text)

    async def _live_invite(self, team: Team) -> TeamInvite:
        invite = await self.teams.current_invite(team.id)
        return invite or await self.teams.replace_invite(team.id, new_code(), self.ctx.now())

    async def _invite_view(self, team: Team, invite: TeamInvite, bot_username: str, prefix: str = "") -> InviteView:
        url = invite_url(bot_username, invite.code)
        png = await asyncio.to_thread(qr_png, url)
        return InviteView(team.id, prefix + texts.INVITE_CAPTION.format(team=_esc(team.name), url=url), url, png)

    # ---- owner: members ---------------------------------------------------------------------------
    async def members(self, user_id: int, team_id: int, prefix: str = "") -> MembersView | Notice:
        team = await self.ctx.owned(user_id, team_id)
        if isinstance(team, Notice):
            return team
        rows = await self.teams.active_members(team.id)
        if not rows:
            return MembersView(team.id, prefix + texts.MEMBERS_EMPTY, ())
        lines = [texts.MEMBERS_HEADER.format(team=_esc(team.name), count=len(rows))]
        for n, (member, user) in enumerate(rows, start=1):
            lines.append(texts.MEMBER_LINE.format(n=n, name=_esc(member_name(user.display_name, user.username)),
                                                  date=format_date(member.joined_at, self.ctx.tz)))
        lines += ["", texts.MEMBERS_HINT]
        items = tuple(MemberItem(user.id, user.display_name) for _, user in rows)
        return MembersView(team.id, prefix + "\n".join(lines), items)

    async def confirm_remove(self, owner_id: int, team_id: int, member_id: int) -> Confirm | Notice:
        team = await self.ctx.owned(owner_id, team_id)
        if isinstance(team, Notice):
            return team
        member = await self.teams.membership(team.id, member_id)
        user = await self.teams.user(member_id)
        if member is None or member.status != ACTIVE or user is None:
            return Notice(texts.NOT_A_MEMBER)
        text = texts.REMOVE_CONFIRM.format(member=_esc(user.display_name), team=_esc(team.name))
        return Confirm(team.id, text, member_id)

    async def remove(self, owner_id: int, team_id: int, member_id: int) -> MembersView | Notice:
        team = await self.ctx.owned(owner_id, team_id)
        if isinstance(team, Notice):
            return team
        user = await self.teams.user(member_id)
        if user is None or not await self.teams.remove_member(team.id, member_id, self.ctx.now()):
            return Notice(texts.NOT_A_MEMBER)
        done = texts.REMOVED.format(member=_esc(user.display_name), team=_esc(team.name))
        return await self.members(owner_id, team.id, prefix=f"{done}\n\n")

    async def confirm_delete(self, owner_id: int, team_id: int) -> Confirm | Notice:
        team = await self.ctx.owned(owner_id, team_id)
        if isinstance(team, Notice):
            return team
        return Confirm(team.id, texts.DELETE_CONFIRM.format(team=_esc(team.name)))

    async def delete(self, owner_id: int, team_id: int) -> Done | Notice:
        team = await self.ctx.owned(owner_id, team_id)
        if isinstance(team, Notice):
            return team
        name = team.name
        await self.teams.delete_team(team.id)
        return Done(texts.DELETED.format(team=_esc(name)))

    # ---- a manager joining by the link ------------------------------------------------------------
    async def join_offer(self, user_id: int, code: str | None) -> JoinOffer | Notice:
        checked = await self._joinable(user_id, code)
        if isinstance(checked, Notice):
            return checked
        team, owner_name = checked
        return JoinOffer(team.id, texts.JOIN_OFFER.format(team=_esc(team.name), owner=_esc(owner_name)))

    async def join(self, user_id: int, code: str | None) -> Done | Notice:
        checked = await self._joinable(user_id, code)
        if isinstance(checked, Notice):
            return checked
        team, owner_name = checked
        values = {"team": _esc(team.name), "owner": _esc(owner_name)}
        if not await self.teams.add_member(team.id, user_id, self.ctx.now()):
            return Notice(texts.ALREADY_MEMBER.format(**values))
        return Done(texts.JOINED.format(**values), team.id)

    async def _joinable(self, user_id: int, code: str | None) -> tuple[Team, str] | Notice:
        invite = await self.teams.invite_by_code(code) if code and looks_like_code(code) else None
        team = await self.teams.get_team(invite.team_id) if invite and invite.revoked_at is None else None
        if team is None:
            return Notice(texts.INVITE_INVALID)
        owner = await self.teams.user(team.owner_id)
        owner_name = owner.display_name if owner else ""
        values = {"team": _esc(team.name), "owner": _esc(owner_name)}
        if team.owner_id == user_id:
            return Notice(texts.OWN_TEAM.format(**values))
        member = await self.teams.membership(team.id, user_id)
        if member is not None and member.status == ACTIVE:
            return Notice(texts.ALREADY_MEMBER.format(**values))
        return team, owner_name
