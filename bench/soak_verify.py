"""The accounting of the soak (bench/soak.py): fault windows, errors, applications and mails exactly once.

Pure functions over plain data (tested in bench/tests/test_soak_verify.py); what they read from the
database and the mail directory is gathered by bench/soak.py.

A request fails when it gets no answer, a 5xx, or not the answer its kind expects (a page: 200; a
form post: 302) — during a database outage Django turns a failed session save into a 400, which
a visitor sees as an error page just the same.

Fault window. A fault happens at time f. Requests that fail and end between f
and the horizon — the next fault, the end of the load, or f + MAX_WINDOW, whichever comes first —
belong to the fault. The window closes at the end of the first successful request that started
after the last of them: from then on the platform serves normally, and the recovery time is
window end − f. A fault that fails nothing has a recovery time of its first successful request.
Every failure inside a window is counted as the fault's; every other failure is "outside the fault
windows", where the goal is none at all. An error the horizon cuts off therefore either lengthens a
recovery (which must stay within RECOVERY_LIMIT) or counts outside: it never disappears.
"""

from __future__ import annotations

import email
import email.policy
import math
import re
from collections import Counter
from pathlib import Path

MAX_WINDOW = 60.0
RECOVERY_LIMIT = 10.0
OK_STATUS = {"apply_post": (302,), "track_post": (302,)}  # every other kind: 200


def expected(kind, status):
    return status in OK_STATUS.get(kind, (200,))


def category(kind, status, error):
    """None for a normal answer; else 'no_answer', '5xx' or 'unexpected' (another status, or a wrong page)."""
    if status is None:
        return "no_answer"
    if status >= 500:
        return "5xx"
    if error or not expected(kind, status):
        return "unexpected"
    return None


def failed(request):
    return category(request[2], request[3], request[4]) is not None


def fault_windows(requests, faults, load_end, max_window=MAX_WINDOW):
    """[{name, at, end, recovery, failures}] for `faults` ([{name, at}], any order) over `requests`.

    `requests` are (start, end, kind, status, error). `end` is None when no request succeeded after
    the fault before the horizon (the platform did not recover).
    """
    faults = sorted(faults, key=lambda f: f["at"])
    windows = []
    for index, fault in enumerate(faults):
        at = fault["at"]
        horizon = min(at + max_window, load_end, faults[index + 1]["at"] if index + 1 < len(faults) else load_end)
        failures = [r for r in requests if failed(r) and at <= r[1] <= horizon]
        last_failure = max((r[1] for r in failures), default=at)
        successes = [r[1] for r in requests if not failed(r) and r[0] >= last_failure]
        end = min(successes, default=None)
        windows.append({**fault, "end": end, "recovery": None if end is None else round(end - at, 2),
                        "failures": len(failures)})
    return windows


def in_window(moment, windows):
    return any(w["at"] <= moment <= (w["end"] if w["end"] is not None else float("inf")) for w in windows)


COUNT_KEYS = ("requests", "no_answer_inside", "5xx_inside", "unexpected_inside", "no_answer_outside", "5xx_outside",
              "unexpected_outside")


def request_figures(requests, windows):
    """Counts by kind and overall: requests, and failures (no answer, 5xx, unexpected answer) inside and
    outside the fault windows; p50/p99 latency in ms of the normal answers."""
    total = Counter()
    by_kind = {}
    latencies = {}
    for start, end, kind, status, error in requests:
        row = by_kind.setdefault(kind, Counter())
        row["requests"] += 1
        total["requests"] += 1
        what = category(kind, status, error)
        if what:
            where = "inside" if in_window(end, windows) else "outside"
            for counter in (row, total):
                counter[f"{what}_{where}"] += 1
        else:
            latencies.setdefault(kind, []).append((end - start) * 1000)
    for kind, values in latencies.items():
        by_kind[kind]["p50_ms"] = round(percentile(values, 50), 1)
        by_kind[kind]["p99_ms"] = round(percentile(values, 99), 1)
    keys = COUNT_KEYS
    for counter in (total, *by_kind.values()):
        for key in keys:
            counter.setdefault(key, 0)
    return {"total": dict(total), "by_kind": {k: dict(v) for k, v in sorted(by_kind.items())}}


def percentile(values, percent):
    ordered = sorted(values)
    if not ordered:
        return 0.0
    rank = math.ceil(percent / 100 * len(ordered))  # the nearest-rank definition
    return ordered[max(0, min(len(ordered), rank) - 1)]


# --- applications ----------------------------------------------------------------------------------------------


def application_figures(client, stored):
    """Exactly-once accounting of the online applications.

    `client`: what the visitors saw, [{token, code, number, outcome, statuses}] (token None when the
    form never loaded). `stored`: the applications the run added, [{token, code, number, proofs}].
    """
    by_token = {}
    for row in stored:
        by_token.setdefault(row["token"], []).append(row)
    tried = {row["token"]: row for row in client if row.get("token")}
    receipts = [row for row in client if row.get("code")]
    figures = Counter(attempted=len(tried), receipts=len(receipts), stored=len(stored))
    problems = []
    for row in receipts:
        matches = by_token.get(row["token"], [])
        if not matches:
            figures["receipt_lost"] += 1
            problems.append(f"receipt {row['code']} (token {row['token'][:8]}…) is not in the database")
            continue
        if len(matches) > 1:
            figures["duplicated"] += len(matches) - 1
            problems.append(f"token {row['token'][:8]}… stored {len(matches)} times")
        stored_row = matches[0]
        if stored_row["code"] != row["code"] or (row.get("number") and stored_row["number"] != row["number"]):
            figures["receipt_mismatch"] += 1
            problems.append(f"receipt {row['code']}/{row.get('number')} but stored {stored_row['code']}/"
                            f"{stored_row['number']}")
        else:
            figures["receipt_stored_once" if len(matches) == 1 else "receipt_stored_more"] += 1
        if stored_row.get("proofs") != 1:
            figures["proof_missing"] += 1
            problems.append(f"application {stored_row['number']} has {stored_row.get('proofs')} identity proofs, not 1")
        if not row.get("number"):
            figures["receipt_page_not_shown"] += 1
    for token, rows in by_token.items():
        client_row = tried.get(token)
        if client_row is None:
            figures["unknown_in_database"] += len(rows)
            problems.append(f"{len(rows)} stored application(s) with a token no visitor used")
        elif not client_row.get("code"):
            # Stored, but the visitor never got the receipt: it saw errors and gave up (or was refused).
            figures["accepted_without_receipt"] += len(rows)
            problems.append(f"application {rows[0]['number']} stored but its visitor got no receipt "
                            f"({client_row.get('outcome')}, statuses {client_row.get('statuses')})")
    figures["no_receipt"] = sum(1 for row in tried.values() if not row.get("code"))
    codes = Counter(row["code"] for row in stored)
    numbers = Counter(row["number"] for row in stored)
    figures["codes_twice"] = sum(n - 1 for n in codes.values() if n > 1)
    figures["numbers_twice"] = sum(n - 1 for n in numbers.values() if n > 1)
    outcomes = Counter(row.get("outcome") for row in client)
    keys = ("receipt_lost", "duplicated", "receipt_mismatch", "receipt_stored_once", "proof_missing",
            "unknown_in_database", "accepted_without_receipt", "receipt_page_not_shown")
    for key in keys:
        figures.setdefault(key, 0)
    return {**dict(figures), "outcomes": dict(outcomes), "problems": problems[:50]}


# --- mails ------------------------------------------------------------------------------------------------


_SEPARATOR = "-" * 79
_WARNING_ID = re.compile(r"<deadline-warning\.(\d+)\.")


def read_mail_dir(directory):
    """Every message the file mail backend wrote under `directory`: [{message_id, subject, to}].

    The backend appends each message to one file per connection, a line of 79 dashes after each.
    """
    messages = []
    for path in sorted(Path(directory).glob("*.log")) if Path(directory).is_dir() else ():
        text = path.read_bytes().decode("utf-8", errors="replace")
        for chunk in text.split("\n" + _SEPARATOR + "\n"):
            if not chunk.strip():
                continue
            message = email.message_from_string(chunk.lstrip("\n"), policy=email.policy.default)
            messages.append({"message_id": str(message.get("Message-ID", "")),
                             "subject": str(message.get("Subject", "")), "to": str(message.get("To", "")),
                             "file": path.name})
    return messages


def warning_of(message_id):
    match = _WARNING_ID.search(message_id or "")
    return int(match.group(1)) if match else None


def mail_figures(warnings, messages):
    """Exactly-once accounting of the deadline-warning mails.

    `warnings`: every warning row of the run, [{pk, sent, outcome}] where `outcome` is what its
    finished task returned ("sent to 2", "due date moved", …; None while no task finished).
    `messages`: read_mail_dir's list. A warning marked sent must have exactly one mail; one that
    is not marked sent must have none, and is either explained (its task found it not to be sent)
    or missing.
    """
    per_warning = Counter(warning_of(m["message_id"]) for m in messages)
    figures = Counter(queued=len(warnings), mails=len(messages))
    problems = []
    known = {row["pk"] for row in warnings}
    for row in warnings:
        count = per_warning.get(row["pk"], 0)
        if row["sent"]:
            if count == 1:
                figures["sent_once"] += 1
            elif count == 0:
                figures["marked_sent_no_mail"] += 1
                problems.append(f"warning {row['pk']} is marked sent but no mail was written")
            else:
                figures["duplicated"] += count - 1
                problems.append(f"warning {row['pk']} was mailed {count} times")
        elif count:
            figures["sent_not_marked"] += 1
            figures["duplicated"] += count - 1
            problems.append(f"warning {row['pk']} was mailed {count} time(s) but is not marked sent")
        elif row.get("outcome") and not str(row["outcome"]).startswith("sent"):
            figures["not_to_send"] += 1  # the task found it should not go out (case concluded, due date moved...)
        else:
            figures["missing"] += 1
            problems.append(f"warning {row['pk']} was never sent (task outcome {row.get('outcome')!r})")
    strangers = sum(n for pk, n in per_warning.items() if pk not in known)
    if strangers:
        figures["unexpected_mails"] += strangers
        problems.append(f"{strangers} mail(s) belong to no warning of this run")
    for key in ("sent_once", "duplicated", "missing", "marked_sent_no_mail", "sent_not_marked", "not_to_send",
                "unexpected_mails"):
        figures.setdefault(key, 0)
    return {**dict(figures), "problems": problems[:50]}
