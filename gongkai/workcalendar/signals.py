"""Signals of the working-day calendar.

calendar_changed is sent after every change to the calendar (an imported year, an edited day),
inside the transaction that made the change, so that apps holding running deadlines can
recompute them (RULES.md §1: "Editing the calendar recomputes every running deadline and logs
the change"). A receiver that raises rolls the whole change back; receivers doing slow work
should defer it with transaction.on_commit.

Keyword arguments:
    revision  -- the new calendar version (int, as returned by services.current_version())
    years     -- sorted list of the years touched
    dates     -- sorted list of the dates whose entry changed (kind or name)
    user      -- who made the change (may be None for system changes)
    action    -- "import_year" or "set_day"
"""

from django.dispatch import Signal

calendar_changed = Signal()
