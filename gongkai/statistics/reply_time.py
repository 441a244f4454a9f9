"""Working days to reply and on time or late, for many concluded applications at once. Pure: no Django import.

The rule is the reply clock of RULES.md §3.2 (applications.clock.compute): this module only makes it
affordable for a year's replies. Most cases are plain — received, no correction, no consultation or
fee pause, no Art. 35 date — and for them the clock reduces to two look-ups in a table of working-day
ordinals built once:

- used = the working days strictly after the receipt date up to and including the reply date;
- due = the (20 + extension)-th working day strictly after the receipt date (条例 Art. 33);
- on time = replied on or before the due date.

Every other case (and any plain one the table does not reach) goes through clock.compute itself,
remembered by its facts, so that cases with the same facts are computed once.
tests/test_reply_time.py checks the plain path against clock.compute day by day across holidays.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gongkai.applications import clock

_ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Reply:
    used: int  # counted working days from the start to the reply
    on_time: bool


class WorkingDayIndex:
    """Working-day ordinals over a run of consecutive covered years.

    ordinal(d) = the working days from the first indexed day up to and including d. Built by asking
    the calendar once per day; answers in constant time. Dates outside the run raise LookupError.
    """

    def __init__(self, calendar, years):
        self._ordinal: dict[dt.date, int] = {}
        self._working: list[dt.date] = []
        self.years = []
        for year in sorted(years):
            if not calendar.covers(year) or (self.years and year != self.years[-1] + 1):
                break  # the run ends at the first year without data
            day = dt.date(year, 1, 1)
            while day.year == year:
                if calendar.is_working_day(day):
                    self._working.append(day)
                self._ordinal[day] = len(self._working)
                day += _ONE_DAY
            self.years.append(year)

    @classmethod
    def around(cls, calendar, year, before=1, after=1):
        """The covered years from `year - before` to `year + after`: from the first covered one, up to a gap."""
        years = list(range(year - before, year + after + 1))
        while years and not calendar.covers(years[0]):
            years.pop(0)
        return cls(calendar, years)

    def between(self, a, b):
        """Working days strictly after a, up to and including b (a <= b)."""
        return self._ordinal[b] - self._ordinal[a]

    def nth_after(self, start, n):
        """The n-th working day strictly after `start` (n >= 1)."""
        position = self._ordinal[start] + n - 1
        if position >= len(self._working):
            raise LookupError(start, n)
        return self._working[position]


def is_plain(facts):
    """A case whose reply clock is two look-ups: received, no correction, no pause, no Art. 35 date."""
    return (
        facts.received_on is not None and facts.concluded_on is not None
        and facts.concluded_on >= facts.received_on
        and facts.correction_requested_on is None and not facts.pauses and facts.art35_due_on is None
        and isinstance(facts.extension_days, int) and not isinstance(facts.extension_days, bool)
        and 0 <= facts.extension_days <= clock.MAX_EXTENSION_DAYS
        and isinstance(facts.days, int) and facts.days >= 1
    )


def plain_reply(index, facts):
    """The Reply of a plain case, or None when the index does not reach its dates."""
    try:
        used = index.between(facts.received_on, facts.concluded_on)
        due = index.nth_after(facts.received_on, facts.days + facts.extension_days)
    except LookupError:
        return None
    return Reply(used=used, on_time=facts.concluded_on <= due)


def reply_of(calendar, index, facts, memo):
    """The Reply of a concluded case, or None when no reply clock ran (closed while correcting).

    Raises what clock.compute raises: CalendarYearMissing when a needed year is not loaded,
    ValueError for impossible facts. `memo` (a dict) remembers clock.compute's answers by facts.
    """
    if is_plain(facts):
        reply = plain_reply(index, facts)
        if reply is not None:
            return reply
    if facts not in memo:
        try:
            state = clock.compute(calendar, facts, facts.concluded_on)
        except (clock.CalendarYearMissing, ValueError) as exc:
            memo[facts] = exc
        else:
            ran = state.status == clock.CONCLUDED and state.start is not None and state.on_time is not None
            memo[facts] = Reply(used=state.used, on_time=state.on_time) if ran else None
    answer = memo[facts]
    if isinstance(answer, Exception):
        raise answer
    return answer
