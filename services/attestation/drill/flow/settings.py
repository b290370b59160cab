"""/drill: turning the daily drill on and off, its time, days, zone and size; the streak leaderboard opt-in;
accepting a team owner's invitation. Every change is saved at once and moves the next drill moment (`next_at`),
which the scheduler watches."""

from __future__ import annotations

from html import escape

from db.models import DrillSettings
from services.attestation.drill.engine.calendar import (
    EVERY_DAY,
    PER_DAY_RANGE,
    TIME_CHOICES,
    WEEKDAYS,
    allowed_minute,
    format_minute,
    is_zone,
    next_slot,
    parse_time,
    toggle_day,
    zone_info,
)
from services.attestation.drill.engine.render import (
    ZONE_KEYS,
    days_text,
    weekday_name,
    when_text,
    zone_name,
)
from services.attestation.drill.flow.context import DrillContext, default_values
from services.attestation.drill.views import Choice, Pick, PickView, SettingsView, TeamLink
from services.notice import Refusal
from services.texts import t

WEEKDAYS_KEY, EVERY_DAY_KEY = "wd", "all"  # the days screen's presets
DAY_PRESETS = {WEEKDAYS_KEY: WEEKDAYS, EVERY_DAY_KEY: EVERY_DAY}
PICK_KEYS = {Pick.TIME: "drill-ask-time", Pick.DAYS: "drill-ask-days", Pick.COUNT: "drill-ask-count",
             Pick.ZONE: "drill-ask-zone"}


class DrillSettingsService:
    def __init__(self, ctx: DrillContext) -> None:
        self.ctx = ctx
        self.drills = ctx.drills

    # ---- the /drill screen ------------------------------------------------------------------------
    async def home(self, user_id: int, prefix: str = "") -> SettingsView:
        settings = await self._settings(user_id)
        now = self.ctx.now()
        zone = self.ctx.zone_of(settings)
        values = {"time": format_minute(settings.minute), "days": days_text(settings.days),
                  "per_day": t("drill-questions", count=settings.per_day)}
        parts = [t("drill-home")]
        if settings.enabled and settings.next_at is not None:
            parts.append(t("drill-home-on", zone=escape(zone_name(zone, now), quote=False),
                           next=when_text(settings.next_at, zone_info(zone)), **values))
        else:
            parts.append(t("drill-home-off", **values))
        extras = []
        streak = await self.ctx.streak(user_id)
        if streak:
            extras.append(t("drill-home-streak", streak=streak))
        joined = tuple(TeamLink(team.id, team.name) for team, _ in await self.ctx.teams.joined_teams(user_id))
        owned = tuple(TeamLink(team.id, team.name) for team, _ in await self.ctx.teams.owned_teams(user_id))
        if joined:
            extras.append(t("drill-home-board-on") if settings.leaderboard else t("drill-home-board-off"))
        if owned:
            extras.append(t("drill-home-owner"))
        if extras:
            parts.append("\n".join(extras))
        return SettingsView(prefix + "\n\n".join(parts), settings.enabled, settings.leaderboard, owned, joined)

    # ---- on and off -------------------------------------------------------------------------------
    async def turn_on(self, user_id: int) -> SettingsView | PickView:
        """On; the first time, the time zone is asked first (the bot's zone is offered as the default)."""
        settings = await self._settings(user_id)
        if settings.zone is None:
            return self._zone_pick(settings, then_enable=True)
        await self._save(settings, enabled=True)
        return await self.home(user_id, prefix=t("drill-turned-on") + "\n\n")

    async def turn_off(self, user_id: int) -> SettingsView:
        settings = await self._settings(user_id)
        await self._save(settings, enabled=False)
        return await self.home(user_id, prefix=t("drill-turned-off") + "\n\n")

    async def accept_invite(self, user_id: int) -> SettingsView:
        """One tap under a team owner's invitation: on, with what is set (the bot's zone if none was picked).
        The drill is the user's own, whichever team invited him; he switches it off in /drill."""
        settings = await self._settings(user_id)
        zone = settings.zone or self.ctx.default_zone
        if settings.enabled:
            return await self.home(user_id, prefix=t("drill-already-on") + "\n\n")
        await self._save(settings, enabled=True, zone=zone)
        return await self.home(user_id, prefix=t("drill-turned-on") + "\n\n")

    # ---- the choices ------------------------------------------------------------------------------
    async def pick(self, user_id: int, what: Pick) -> PickView:
        settings = await self._settings(user_id)
        if what == Pick.ZONE:
            return self._zone_pick(settings, then_enable=False)
        if what == Pick.DAYS:
            return self._days_pick(settings)
        if what == Pick.COUNT:
            low, high = PER_DAY_RANGE
            choices = tuple(Choice(str(n), str(n), n == settings.per_day) for n in range(low, high + 1))
            return PickView(Pick.COUNT, t(PICK_KEYS[Pick.COUNT]), choices)
        choices = tuple(Choice(str(m), format_minute(m), m == settings.minute) for m in TIME_CHOICES)
        return PickView(Pick.TIME, t(PICK_KEYS[Pick.TIME]), choices)

    async def set_time(self, user_id: int, minute: int) -> SettingsView:
        if not allowed_minute(minute):
            raise Refusal(t("drill-time-quiet"))
        settings = await self._settings(user_id)
        await self._save(settings, minute=minute)
        return await self.home(user_id, prefix=t("drill-saved-time", time=format_minute(minute)) + "\n\n")

    async def typed_time(self, user_id: int, text: str | None) -> SettingsView:
        minute = parse_time(text)
        if minute is None:
            raise Refusal(t("drill-time-bad"))
        return await self.set_time(user_id, minute)

    async def toggle_day(self, user_id: int, weekday: int) -> PickView:
        if not 0 <= weekday <= 6:
            raise Refusal(t("drill-stale"))
        settings = await self._settings(user_id)
        days = toggle_day(settings.days, weekday)
        if not days & EVERY_DAY:
            raise Refusal(t("drill-days-empty"))
        await self._save(settings, days=days)
        return self._days_pick(settings)

    async def preset_days(self, user_id: int, preset: str) -> PickView:
        if preset not in DAY_PRESETS:
            raise Refusal(t("drill-stale"))
        settings = await self._settings(user_id)
        await self._save(settings, days=DAY_PRESETS[preset])
        return self._days_pick(settings)

    async def set_count(self, user_id: int, count: int) -> SettingsView:
        low, high = PER_DAY_RANGE
        if not low <= count <= high:
            raise Refusal(t("drill-stale"))
        settings = await self._settings(user_id)
        await self._save(settings, per_day=count)
        return await self.home(user_id)

    async def set_zone(self, user_id: int, zone: str, then_enable: bool) -> SettingsView:
        if zone not in self._zones() or not is_zone(zone):
            raise Refusal(t("drill-stale"))
        settings = await self._settings(user_id)
        if then_enable:
            await self._save(settings, zone=zone, enabled=True)
            return await self.home(user_id, prefix=t("drill-turned-on") + "\n\n")
        await self._save(settings, zone=zone)
        return await self.home(user_id)

    async def toggle_board(self, user_id: int) -> SettingsView:
        settings = await self._settings(user_id)
        await self._save(settings, leaderboard=not settings.leaderboard)
        key = "drill-board-joined" if settings.leaderboard else "drill-board-left"
        return await self.home(user_id, prefix=t(key) + "\n\n")

    # ---- internals --------------------------------------------------------------------------------
    async def _settings(self, user_id: int) -> DrillSettings:
        settings = await self.drills.settings(user_id)
        if settings is None:
            settings = await self.drills.save_settings(user_id, default_values(self.ctx.now()))
        return settings

    async def _save(self, settings: DrillSettings, **changes: object) -> None:
        """Store the changes and the next drill moment they give (none while the drill is off)."""
        for name, value in changes.items():
            setattr(settings, name, value)
        now = self.ctx.now()
        settings.next_at = next_slot(now, self.ctx.time_of(settings)) if settings.enabled else None
        settings.updated_at = now
        values = {name: getattr(settings, name) for name in ("enabled", "minute", "days", "zone", "per_day",
                                                             "leaderboard", "next_at", "updated_at")}
        await self.drills.save_settings(settings.user_id, values)

    def _zones(self) -> list[str]:
        zones = list(ZONE_KEYS)
        return zones if self.ctx.default_zone in zones else [self.ctx.default_zone, *zones]

    def _zone_pick(self, settings: DrillSettings, *, then_enable: bool) -> PickView:
        now = self.ctx.now()
        current = self.ctx.zone_of(settings)
        choices = tuple(Choice(zone, zone_name(zone, now), zone == current) for zone in self._zones())
        text = (t("drill-ask-zone-first", zone=escape(zone_name(current, now), quote=False)) if then_enable
                else t(PICK_KEYS[Pick.ZONE]))
        return PickView(Pick.ZONE, text, choices, then_enable)

    def _days_pick(self, settings: DrillSettings) -> PickView:
        choices = tuple(Choice(str(d), weekday_name(d), bool(settings.days & (1 << d))) for d in range(7))
        return PickView(Pick.DAYS, t(PICK_KEYS[Pick.DAYS]), choices)
