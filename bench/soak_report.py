"""The soak's figures beside their goals (issue 6): the terminal table and the "Soak and faults" section.

`goals(results)` turns the figures of bench/soak.py into rows {figure, value, goal, verdict};
`table(results)` is what `make soak` prints; `markdown(results)` is the section bench/report.py puts
into docs/benchmarks.md. Pure functions of the results dictionary (also the content of soak.json).
"""

from __future__ import annotations

from bench.soak_verify import RECOVERY_LIMIT

FAULT_LABELS = {"gunicorn_worker": "SIGKILL of a gunicorn worker",
                "task_worker": "SIGKILL + restart of the task worker", "postgres": "PostgreSQL restart"}
KIND_LABELS = {"home": "home", "record": "record detail", "catalogue": "catalogue page", "search": "search",
               "apply_form": "application form (GET)", "apply_post": "application (POST)", "receipt": "receipt page",
               "track_form": "tracking form (GET)", "track_post": "tracking look-up (POST)",
               "track_status": "progress page", "track_mismatch": "progress page of another case"}


def _zero(figure, value, *, goal="0"):
    verdict = "met" if value == 0 else f"missed ({value})"
    return {"figure": figure, "value": value, "goal": goal, "verdict": verdict}


def _reported(figure, value):
    return {"figure": figure, "value": value, "goal": "reported", "verdict": "—"}


def _recovery(figure, seconds):
    if seconds is None:
        verdict = "missed (did not recover)"
    else:
        verdict = "met" if seconds <= RECOVERY_LIMIT else f"missed by {seconds - RECOVERY_LIMIT:.1f} s"
    return {"figure": figure, "value": "—" if seconds is None else f"{seconds:.2f} s",
            "goal": f"≤ {RECOVERY_LIMIT:g} s", "verdict": verdict}


def goals(results):
    """Every figure with a goal (or 'reported'), in the order of the table."""
    apps, mails, total = results["applications"], results["mails"], results["requests"]["total"]
    rows = [
        _reported("online applications attempted", apps["attempted"]),
        _reported("receipts received", apps["receipts"]),
        _zero("receipts not in the database", apps["receipt_lost"]),
        _zero("applications stored more than once", apps["duplicated"]),
        _zero("receipts that differ from the stored application", apps["receipt_mismatch"]),
        _zero("stored applications without their identity proof", apps["proof_missing"]),
        _zero("stored applications no visitor submitted", apps["unknown_in_database"]),
        _reported("accepted without receipt (visitor saw only errors)", apps["accepted_without_receipt"]),
        _reported("visitors who got no receipt", apps["no_receipt"]),
        _reported("deadline-warning mails queued", mails["queued"]),
        _reported("mails sent exactly once", mails["sent_once"]),
        _reported("warnings not to be sent (case concluded, due date moved)", mails["not_to_send"]),
        _zero("mails sent more than once", mails["duplicated"]),
        _zero("mails never sent", mails["missing"] + mails["marked_sent_no_mail"]),
        _zero("mails sent but not marked sent", mails["sent_not_marked"]),
        _zero("mails of no warning", mails["unexpected_mails"]),
        _zero("mail tasks left queued or running after the drain", results["tasks"].get("mail_left", 0)),
        _reported("other tasks left running by a killed worker (Wagtail index updates; nobody reruns them)",
                  results["tasks"].get("other_left_running", 0)),
        _reported("requests", total["requests"]),
        _zero("5xx outside the fault windows", total["5xx_outside"]),
        _zero("unanswered requests outside the fault windows", total["no_answer_outside"]),
        _zero("unexpected answers (4xx, wrong page) outside the fault windows", total["unexpected_outside"]),
        _reported("5xx inside the fault windows", total["5xx_inside"]),
        _reported("unanswered requests inside the fault windows", total["no_answer_inside"]),
        _reported("unexpected answers inside the fault windows", total["unexpected_inside"]),
    ]
    for fault in results["faults"]:
        label = FAULT_LABELS.get(fault["name"], fault["name"])
        rows.append(_recovery(f"{label}: pages serve normally again after", fault.get("recovery")))
        if fault["name"] == "task_worker":
            rows.append(_reported(f"{label}: a mail task was running when it was killed",
                                  "yes" if fault.get("running") else "no"))
        if "queue_recovery" in fault:
            rows.append(_recovery(f"{label}: mail tasks run again after", fault.get("queue_recovery")))
    rows.append(_reported("task worker exits by itself (restarted by the supervisor)",
                          len(results["tasks"].get("worker_exits", []))))
    rows.append(_reported("office-side steps that failed (database down)", results["staff"]["errors"]))
    return rows


def _cell(value):
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _text_table(headers, rows):
    widths = [max([len(str(h))] + [len(_cell(r[i])) for r in rows]) for i, h in enumerate(headers)]
    line = "  ".join(str(h).ljust(w) for h, w in zip(headers, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    for row in rows:
        out.append("  ".join(_cell(v).ljust(w) for v, w in zip(row, widths, strict=True)))
    return "\n".join(out)


def kind_rows(results):
    rows = []
    for kind, figures in results["requests"]["by_kind"].items():
        inside = figures["no_answer_inside"] + figures["5xx_inside"] + figures["unexpected_inside"]
        outside = figures["no_answer_outside"] + figures["5xx_outside"] + figures["unexpected_outside"]
        rows.append((KIND_LABELS.get(kind, kind), figures["requests"], figures.get("p50_ms", "—"),
                     figures.get("p99_ms", "—"), inside, outside))
    return rows


KIND_HEADERS = ("request", "count", "p50 ms", "p99 ms", "failed in fault windows", "failed outside")
GOAL_HEADERS = ("figure", "value", "goal", "verdict")


def fault_rows(results):
    rows = []
    for fault in results["faults"]:
        detail = ""
        if fault["name"] == "gunicorn_worker":
            detail = f"pid {fault.get('pid')}, a new worker after {fault.get('respawned_after')} s"
        elif fault["name"] == "task_worker":
            running = fault.get("running")
            detail = (f"{fault.get('worker_id')} killed running the mail of warning {running['warning']}"
                      if running else f"{fault.get('worker_id')} killed between tasks") + \
                f", {fault.get('burst')} mails queued just before"
        elif fault["name"] == "postgres":
            detail = (f"pg_ctlcluster restart took {fault.get('restart_seconds')} s; the task worker exited "
                      f"{fault.get('worker_exits', 0)} time(s)")
        rows.append((FAULT_LABELS.get(fault["name"], fault["name"]), f"{fault['at']:.1f} s",
                     "—" if fault.get("recovery") is None else f"{fault['recovery']:.2f} s", fault.get("failures", 0),
                     "—" if fault.get("queue_recovery") is None else f"{fault['queue_recovery']:.2f} s", detail))
    return rows


FAULT_HEADERS = ("fault", "at", "pages recovered", "failed requests", "mail queue recovered", "detail")


def summary(results):
    s = results["settings"]
    total = results["requests"]["total"]["requests"]
    return (f"{results['load_seconds']:.0f} s of load, {s['users']} visitors, {total:,} requests "
            f"({total / max(results['load_seconds'], 1):.1f}/s), {s['records']:,} records / {s['applications']:,} "
            f"applications, gunicorn {s['workers']} workers, PostgreSQL {s.get('postgresql_version', '')} "
            f"(cluster {s['cluster']}){' — smoke run' if s.get('smoke') else ''}")


def table(results):
    """The terminal report of `make soak`."""
    parts = ["", f"Soak and faults — {results['date']}", summary(results), "",
             _text_table(FAULT_HEADERS, fault_rows(results)), "",
             _text_table(KIND_HEADERS, kind_rows(results)), "",
             _text_table(GOAL_HEADERS, [(g["figure"], g["value"], g["goal"], g["verdict"]) for g in results["goals"]]),
             "", "PASSED: every goal met." if results["passed"] else "FAILED: a goal was missed."]
    problems = results["applications"].get("problems", []) + results["mails"].get("problems", [])
    if problems:
        parts += ["", "Problems:"] + [f"- {p}" for p in problems[:20]]
    return "\n".join(parts)


def _md_table(headers, rows):
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return lines


def markdown(results):
    """The "Soak and faults" section of docs/benchmarks.md."""
    m = results.get("machine", {})
    lines = ["## Soak and faults", "",
             "Measured by `make soak` (`python -m bench.soak`; see its docstring for what runs and how the figures "
             "are counted). A mixed load of browsing, search, online applications and tracking look-ups, with three "
             "faults; afterwards every receipt, application and mail is accounted for.", "",
             f"- Date: {results['date']}; {summary(results)}",
             f"- Machine: {m.get('cpu', '?')} ({m.get('cores', '?')} cores), {m.get('memory', '?')}; "
             f"Python {m.get('python', '?')}, Django {m.get('django', '?')}, {m.get('postgresql', '?')}, "
             f"gunicorn {m.get('gunicorn', '?')}",
             f"- Result: {'every goal met' if results['passed'] else 'a goal was missed'}", "",
             "### Faults", ""]
    lines += _md_table(FAULT_HEADERS, fault_rows(results))
    lines += ["", "### Requests", ""]
    lines += _md_table(KIND_HEADERS, kind_rows(results))
    lines += ["", "### Figures and goals", ""]
    lines += _md_table(GOAL_HEADERS, [(g["figure"], g["value"], g["goal"], g["verdict"]) for g in results["goals"]])
    problems = results["applications"].get("problems", []) + results["mails"].get("problems", [])
    if problems:
        lines += ["", "Problems found:", ""] + [f"- {p}" for p in problems[:20]]
    return "\n".join(lines) + "\n"
