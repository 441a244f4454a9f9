"""The statutory clock of a disclosure application (RULES.md §3.2). Pure Python, no Django import.

`compute(calendar, facts, today)` derives, from the stored facts of one application, the
date the reply is due, the working days left and a day-by-day explanation. Nothing here is
stored: services read the facts from the database and call this whenever a due date is
shown, and keep a copy of the due date only for sorting (recomputed on every change).

The rules:
- Reply due 20 WD after the receipt date (条例 Art. 33); the receipt date itself is not counted.
- Correction (补正, Art. 30): while the applicant is correcting, the clock stands still; when
  the corrected application arrives it restarts: 20 WD after that day. The notice is due
  on WD 7 after receipt.
- Pauses (third-party or agency consultation, Arts. 32 and 34; the time until a fee is paid):
  a pause from S to E (inclusive) removes every working day in [S, E] from the count. A
  pause still open stops the clock: the due date is unknown until it ends.
- Extension: at most once, at most +20 WD (Art. 33), added to the count.
- Art. 35: an explicit later due date with its reason replaces the computed one.
- The calendar fails closed: a year without data raises CalendarYearMissing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from gongkai.workcalendar.clock import CalendarYearMissing, format_day  # noqa: F401 — re-exported

REPLY_DAYS = 20  # Art. 33
CORRECTION_NOTICE_DAYS = 7  # Art. 30
CONSULTATION_DAYS = 15  # Art. 32
MAX_EXTENSION_DAYS = 20  # Art. 33

NOT_RECEIVED = "not_received"  # the receipt date has not been confirmed yet
RUNNING = "running"
PAUSED = "paused"  # a consultation or a fee notice is open
AWAITING_CORRECTION = "awaiting_correction"
CONCLUDED = "concluded"

STATUS_LABELS = {
    NOT_RECEIVED: "尚未确认收到申请日期，未开始计时",
    RUNNING: "计时中",
    PAUSED: "暂停计时",
    AWAITING_CORRECTION: "等待申请人补正，暂停计时",
    CONCLUDED: "已答复",
}


@dataclass(frozen=True)
class Pause:
    """Working days from `start` to `end` (inclusive) are not counted; `end` None = still open."""

    start: dt.date
    end: dt.date | None
    reason: str = "暂停计算"


@dataclass(frozen=True)
class ClockFacts:
    received_on: dt.date | None
    correction_requested_on: dt.date | None = None
    correction_received_on: dt.date | None = None
    pauses: tuple[Pause, ...] = ()
    extension_days: int = 0
    art35_due_on: dt.date | None = None
    art35_reason: str = ""
    concluded_on: dt.date | None = None
    days: int = REPLY_DAYS


@dataclass
class ClockState:
    status: str
    start: dt.date | None = None  # the day the count runs from (receipt, or correction received)
    due: dt.date | None = None  # None while it cannot be known (not received, correcting, open pause)
    days_left: int | None = None  # counted working days after `today` up to `due`; negative when overdue
    used: int = 0  # counted working days from `start` up to today (or the conclusion)
    total: int = REPLY_DAYS  # days + extension
    correction_notice_due: dt.date | None = None
    on_time: bool | None = None  # for a concluded case: replied on or before the due date
    calendar_missing: int | None = None  # a year needed to count the days left has no data
    steps: list[str] = field(default_factory=list)

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def overdue(self):
        if self.status == CONCLUDED:
            return self.on_time is False
        return self.days_left is not None and self.days_left < 0


def window_due(calendar, start: dt.date, days: int) -> dt.date:
    """The `days`-th working day after `start`: a consultation's 15 WD, a correction or payment period."""
    return calendar.add_working_days(start, days).due


def _span(pause: Pause, until: dt.date) -> tuple[dt.date, dt.date]:
    return (pause.start, pause.end or until)


def _counted_between(calendar, after: dt.date, upto: dt.date, pauses) -> int:
    """Working days in (after, upto] that are outside every pause span."""
    count, day = 0, after
    while day < upto:
        day += dt.timedelta(days=1)
        if calendar.is_working_day(day) and not any(s <= day <= e for s, e in pauses):
            count += 1
    return count


def compute(calendar, facts: ClockFacts, today: dt.date) -> ClockState:
    """The clock of one application as of `today` (see the module docstring for the rules)."""
    if facts.extension_days < 0 or facts.extension_days > MAX_EXTENSION_DAYS:
        raise ValueError(f"延长答复期限最多 {MAX_EXTENSION_DAYS} 个工作日，收到的是 {facts.extension_days}。")
    total = facts.days + facts.extension_days
    if facts.received_on is None:
        return ClockState(NOT_RECEIVED, total=total, steps=["尚未确认收到申请的日期，答复期限还没有开始计算。"])

    received = facts.received_on
    steps = [f"收到申请之日：{format_day(received)}（当日不计入期限）。"]
    notice_due = window_due(calendar, received, CORRECTION_NOTICE_DAYS)
    start = received
    if facts.correction_requested_on is not None:
        sent = format_day(facts.correction_requested_on)
        steps.append(f"补正告知：{sent}发出（应在第 {CORRECTION_NOTICE_DAYS} 个工作日 {notice_due} 前发出）。")
        if facts.correction_received_on is None:
            steps.append("申请人补正期间，答复期限停止计算；收到补正材料后重新计算 20 个工作日。")
            return ClockState(AWAITING_CORRECTION, total=total, correction_notice_due=notice_due, steps=steps)
        start = facts.correction_received_on
        steps.append(f"收到补正材料之日：{format_day(start)}，答复期限自次日起重新计算。")

    # Only pauses that overlap the running period matter.
    pauses = [p for p in facts.pauses if (p.end is None or p.end > start)]
    open_pauses = [p for p in pauses if p.end is None]
    closed = [(max(p.start, start + dt.timedelta(days=1)), p.end) for p in pauses if p.end is not None]
    until = facts.concluded_on or today
    spans = [_span(p, until) for p in pauses]
    try:
        used = _counted_between(calendar, start, max(until, start), spans)
    except CalendarYearMissing:
        if open_pauses and facts.concluded_on is None:
            raise  # without the count there is nothing to show for a paused case
        used = 0

    if open_pauses and facts.concluded_on is None:
        for p in open_pauses:
            steps.append(f"{p.reason}：自 {format_day(p.start)}起暂停计算，尚未结束。")
        steps.append(f"截至 {format_day(today)}，已计 {used} 个工作日，还剩 {total - used} 个工作日；"
                     "暂停结束后继续计算。")
        return ClockState(PAUSED, start=start, days_left=total - used, used=used, total=total,
                          correction_notice_due=notice_due, steps=steps)

    for p in pauses:
        if p.end is not None:
            steps.append(f"{p.reason}：{p.start.isoformat()} 至 {p.end.isoformat()}，期间的工作日不计入期限。")
    result = calendar.add_working_days(start, facts.days, pauses=closed, extension=facts.extension_days)
    steps.extend(result.steps[1:])
    due = result.due
    if facts.art35_due_on is not None:
        due = facts.art35_due_on
        reason = f"（理由：{facts.art35_reason}）" if facts.art35_reason else ""
        steps.append(f"依照条例第三十五条另行确定的答复期限：{format_day(due)}{reason}。")

    state = ClockState(RUNNING, start=start, due=due, used=used, total=total, correction_notice_due=notice_due,
                       steps=steps)
    if facts.concluded_on is not None:
        state.status = CONCLUDED
        state.on_time = facts.concluded_on <= due
        state.steps.append(f"答复日期：{format_day(facts.concluded_on)}，"
                           f"{'在期限内答复' if state.on_time else '超过期限答复'}。")
        return state
    try:
        if today <= due:
            state.days_left = _counted_between(calendar, today, due, spans)
        else:
            state.days_left = -calendar.working_days_between(due, today)
    except CalendarYearMissing as exc:  # the due date stands; only the count to today is unknown
        state.calendar_missing = exc.year
        state.steps.append(f"{exc}，无法计算距今还剩几个工作日。")
    return state
