"""The statutory clock of a disclosure application (RULES.md §3.2). Pure Python, no Django import.

`compute(calendar, facts, today)` derives, from the stored facts of one application, the
date the reply is due, the working days left and a day-by-day explanation. Nothing here is
stored: services read the facts from the database and call this whenever a due date is
shown, and keep a copy of the due date only for sorting (recomputed on every change).
The `deadline` command (DESIGN.md "Stable command-line interfaces") uses the same engine.

The rules:
- Reply due 20 WD after the receipt date (条例 Art. 33); the receipt date itself is not counted
  (RULES.md §1 counting convention).
- Correction (补正, Art. 30): while the applicant is correcting, the clock stands still; when
  the corrected application arrives it restarts: 20 WD after that day, and nothing that
  happened before the restart counts. The notice is due on WD 7 after receipt.
- Pauses (third-party or agency consultation, Arts. 32 and 34; the time until a fee is paid):
  a pause from S to E (inclusive) removes every working day in [S, E] from the count. A
  pause still open stops the clock: the due date is unknown until it ends. When the case is
  concluded while a pause is open (e.g. closed as `other.fee_unpaid`), the pause ends on the
  day of conclusion.
- Extension: at most once, at most +20 WD (Art. 33), added to the count.
- Art. 35: an explicit later due date with its reason replaces the computed one; it is a
  fixed date, so it stands even while a pause is open.
- Days left: the counted working days after `today` up to the due date; 0 on the due day;
  once the due date has passed it is negative (at least -1, also on the rest days right
  after the due date, so that `overdue` is true from the day after the due date).
- The calendar fails closed: a due date that needs a year without data raises
  CalendarYearMissing. When only the count of days left (or the correction-notice date)
  needs the missing year, the due date is still given and `calendar_missing` names the year.
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

_ONE_DAY = dt.timedelta(days=1)


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
    calendar_missing: int | None = None  # a year needed for the days left (or the notice date) has no data
    steps: list[str] = field(default_factory=list)
    as_of: dt.date | None = None  # the `today` the state was computed for

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def overdue(self):
        if self.status == CONCLUDED:
            return self.on_time is False
        if self.days_left is not None:
            return self.days_left < 0
        # The count of days left is unknown (a calendar year is missing) but the due date may be known.
        return self.due is not None and self.as_of is not None and self.as_of > self.due


def window_due(calendar, start: dt.date, days: int) -> dt.date:
    """The `days`-th working day after `start`: a consultation's 15 WD, a correction or payment period."""
    return calendar.add_working_days(start, days).due


def _counted_between(calendar, after: dt.date, upto: dt.date, spans) -> int:
    """Working days in (after, upto] that are outside every pause span."""
    count, day = 0, after
    while day < upto:
        day += _ONE_DAY
        if calendar.is_working_day(day) and not any(s <= day <= e for s, e in spans):
            count += 1
    return count


def _check_facts(facts: ClockFacts) -> None:
    """Bad facts are refused with a clear Chinese message (ValueError), never silently counted."""
    for value, what in ((facts.days, "期限的工作日数"), (facts.extension_days, "延长的工作日数")):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{what}必须是整数，收到的是“{value}”。")
        if value < 0:
            raise ValueError(f"{what}不能是负数，收到的是 {value}。")
    if facts.extension_days > MAX_EXTENSION_DAYS:
        raise ValueError(f"答复期限最多延长 {MAX_EXTENSION_DAYS} 个工作日（条例第三十三条），"
                         f"收到的是 {facts.extension_days} 个工作日。")
    for pause in facts.pauses:
        if not isinstance(pause.start, dt.date) or not (pause.end is None or isinstance(pause.end, dt.date)):
            raise ValueError(f"{pause.reason}的开始和结束都必须是日期。")
        if pause.end is not None and pause.end < pause.start:
            raise ValueError(f"{pause.reason}的结束日期 {pause.end.isoformat()} 早于开始日期 "
                             f"{pause.start.isoformat()}，请检查。")


def _span_text(start: dt.date, end: dt.date) -> str:
    return start.isoformat() if start == end else f"{start.isoformat()} 至 {end.isoformat()}"


def _head_lines(start: dt.date, days: int, extension: int) -> list[str]:
    """The first lines of an explanation, worded as WorkCalendar.add_working_days words them."""
    lines = [f"起算日：{format_day(start)}，当日不计入期限。"]
    if extension:
        lines.append(f"期限：{days} 个工作日，延长 {extension} 个工作日，共 {days + extension} 个工作日。")
    else:
        lines.append(f"期限：{days} 个工作日。")
    return lines


def _pause_line(pause: Pause, start: dt.date, concluded_on: dt.date | None) -> str:
    if pause.end is not None and pause.end <= start:
        return f"{pause.reason}：{_span_text(pause.start, pause.end)}，在开始计算之前已经结束，不影响期限。"
    if pause.end is not None:
        return f"{pause.reason}：{_span_text(pause.start, pause.end)}，期间的工作日不计入期限。"
    if concluded_on is not None:
        return (f"{pause.reason}：自 {pause.start.isoformat()} 起，至答复之日 {concluded_on.isoformat()} 尚未结束，"
                "期间的工作日不计入期限。")
    return f"{pause.reason}：自 {format_day(pause.start)}起暂停计算，尚未结束。"


def compute(calendar, facts: ClockFacts, today: dt.date) -> ClockState:
    """The clock of one application as of `today` (see the module docstring for the rules).

    Raises ValueError for impossible facts (an extension over 20 WD, a pause that ends before it
    starts) and CalendarYearMissing when the due date needs a year the calendar does not cover.
    """
    _check_facts(facts)
    total = facts.days + facts.extension_days
    concluded_on = facts.concluded_on
    if facts.received_on is None:
        if concluded_on is not None:
            return ClockState(CONCLUDED, total=total, as_of=today,
                              steps=[f"未确认收到申请之日，{format_day(concluded_on)}已办结。"])
        return ClockState(NOT_RECEIVED, total=total, as_of=today,
                          steps=["尚未确认收到申请的日期，答复期限还没有开始计算。"])

    received = facts.received_on
    steps: list[str] = []
    missing: int | None = None
    try:
        notice_due = window_due(calendar, received, CORRECTION_NOTICE_DAYS)
    except CalendarYearMissing as exc:  # only the notice date is unknown; the reply clock decides for itself
        notice_due, missing = None, exc.year

    start = received
    if facts.correction_requested_on is not None:
        steps.append(f"收到申请之日：{format_day(received)}。")
        should = (f"应在收到申请后第 {CORRECTION_NOTICE_DAYS} 个工作日 {format_day(notice_due)}前发出"
                  if notice_due else f"{missing} 年节假日安排尚未录入，无法计算应发日期")
        steps.append(f"补正告知：{format_day(facts.correction_requested_on)}发出（{should}）。")
        if facts.correction_received_on is None:
            steps.append(f"申请人补正期间，答复期限停止计算；收到补正材料后重新计算 {facts.days} 个工作日。")
            state = ClockState(AWAITING_CORRECTION, total=total, correction_notice_due=notice_due,
                               calendar_missing=missing, steps=steps, as_of=today)
            if concluded_on is not None:
                state.status = CONCLUDED
                steps.append(f"{format_day(concluded_on)}办结（补正期间办结，答复期限没有重新起算）。")
            return state
        start = facts.correction_received_on
        steps.append(f"收到补正材料之日：{format_day(start)}，答复期限自次日起重新计算。")

    # Pauses that end on or before the start day cannot touch the count (e.g. before a restart).
    # An open pause runs up to today, or to the conclusion of the case.
    until = concluded_on or today
    active = [p for p in facts.pauses if p.end is None or p.end > start]
    spans = [(p.start, p.end or until) for p in active if p.start <= (p.end or until)]
    paused_now = concluded_on is None and any(p.end is None for p in active)
    steps.extend(_head_lines(start, facts.days, facts.extension_days))
    steps.extend(_pause_line(p, start, concluded_on) for p in sorted(facts.pauses, key=lambda p: p.start))

    if paused_now:
        used = _counted_between(calendar, start, max(today, start), spans)  # fail closed: nothing else to show
        state = ClockState(PAUSED, start=start, used=used, total=total, correction_notice_due=notice_due,
                           calendar_missing=missing, steps=steps, as_of=today)
        if facts.art35_due_on is None:
            state.days_left = total - used
            steps.append(f"截至 {format_day(today)}，已计 {used} 个工作日，还剩 {total - used} 个工作日；"
                         "暂停结束后继续计算。")
            return state
        steps.append(f"截至 {format_day(today)}，已计 {used} 个工作日；暂停结束后继续计算。")
        state.due = facts.art35_due_on
        steps.append(_art35_line(facts))
        _days_left(calendar, state, today, spans)
        return state

    clamped = [(max(s, start + _ONE_DAY), e) for s, e in spans if e > start]
    try:
        result = calendar.add_working_days(start, facts.days, pauses=clamped, extension=facts.extension_days)
        steps.extend(result.steps[2 + len(result.pauses):])  # our own head and pause lines replace the engine's
        due = result.due
    except CalendarYearMissing as exc:
        if facts.art35_due_on is None:
            raise
        steps.append(f"{exc}，无法逐日计算法定期限，以第三十五条确定的答复期限为准。")
        due = None
    if facts.art35_due_on is not None:
        due = facts.art35_due_on
        steps.append(_art35_line(facts))

    state = ClockState(RUNNING, start=start, due=due, total=total, correction_notice_due=notice_due,
                       calendar_missing=missing, steps=steps, as_of=today)
    try:
        state.used = _counted_between(calendar, start, max(until, start), spans)
    except CalendarYearMissing as exc:  # the due date stands; only the count up to today is unknown
        state.calendar_missing = exc.year
    if concluded_on is not None:
        state.status = CONCLUDED
        state.on_time = concluded_on <= due
        steps.append(f"答复日期：{format_day(concluded_on)}，{'在期限内答复' if state.on_time else '超过期限答复'}。")
        return state
    _days_left(calendar, state, today, spans)
    return state


def _art35_line(facts: ClockFacts) -> str:
    reason = f"（理由：{facts.art35_reason}）" if facts.art35_reason else ""
    return f"依照条例第三十五条另行确定的答复期限：{format_day(facts.art35_due_on)}{reason}。"


def _days_left(calendar, state: ClockState, today: dt.date, spans) -> None:
    """Fill in the working days left; on a missing calendar year keep the due date and name the year."""
    try:
        if today <= state.due:
            state.days_left = _counted_between(calendar, today, state.due, spans)
        else:
            state.days_left = -max(1, _counted_between(calendar, state.due, today, spans))
    except CalendarYearMissing as exc:
        state.calendar_missing = exc.year
        state.steps.append(f"{exc}，无法计算距今还剩几个工作日。")
