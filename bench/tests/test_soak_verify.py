"""The soak's accounting (bench/soak_verify.py, bench/soak.queue_recovery): fault windows, errors inside and
outside them, applications and mails exactly once. Plain data in, figures out; no server."""

import pytest
from django.core.mail import EmailMessage, get_connection

from bench import soak, soak_verify


def req(start, end, status=200, kind="record", error=None):
    return (start, end, kind, status, error)


# --- fault windows --------------------------------------------------------------------------------------


def test_a_fault_that_fails_nothing_recovers_with_its_first_success():
    requests = [req(9.0, 9.5), req(10.2, 10.4), req(11.0, 11.1)]
    [window] = soak_verify.fault_windows(requests, [{"name": "x", "at": 10.0}], load_end=60)
    assert window["failures"] == 0
    assert window["end"] == 10.4
    assert window["recovery"] == pytest.approx(0.4)


def test_the_window_closes_at_the_first_success_started_after_the_last_failure():
    requests = [
        req(9.8, 10.1, None, error="RemoteDisconnected"),  # in flight on the killed worker
        req(10.2, 10.3, 500),
        req(10.4, 11.0, 200),  # started before the last failure ended: does not close the window
        req(12.0, 12.9, 503),
        req(13.0, 13.5, 200),
        req(14.0, 14.1, 200),
    ]
    [window] = soak_verify.fault_windows(requests, [{"name": "x", "at": 10.0}], load_end=60)
    assert window["failures"] == 3
    assert window["end"] == 13.5
    assert window["recovery"] == pytest.approx(3.5)


def test_an_unexpected_answer_is_a_failure_of_the_fault():
    requests = [req(10.1, 10.2, 400, kind="track_post"), req(10.5, 10.6, 302, kind="track_post")]
    [window] = soak_verify.fault_windows(requests, [{"name": "pg", "at": 10.0}], load_end=60)
    assert window["failures"] == 1
    assert window["end"] == 10.6


def test_failures_after_the_next_fault_belong_to_the_next_fault():
    requests = [req(10.1, 10.2, 500), req(10.3, 10.4), req(20.1, 20.2, 500), req(20.5, 20.6)]
    first, second = soak_verify.fault_windows(requests, [{"name": "b", "at": 20.0}, {"name": "a", "at": 10.0}],
                                              load_end=60)
    assert (first["name"], first["failures"], first["end"]) == ("a", 1, 10.4)
    assert (second["name"], second["failures"], second["end"]) == ("b", 1, 20.6)


def test_a_platform_that_never_recovers_has_no_window_end():
    requests = [req(10.1, 10.2, 500), req(11.0, 11.1, None, error="ConnectionRefusedError")]
    [window] = soak_verify.fault_windows(requests, [{"name": "x", "at": 10.0}], load_end=12)
    assert window["end"] is None and window["recovery"] is None


def test_errors_are_counted_inside_and_outside_the_windows():
    requests = [
        req(1.0, 1.1, 500),  # before any fault: outside
        req(10.1, 10.2, 500),
        req(10.2, 10.3, None, error="ConnectionResetError"),
        req(10.2, 10.3, 400, kind="apply_post"),
        req(10.5, 10.6, 302, kind="apply_post"),
        req(30.0, 30.5, 502),  # long after the window: outside
        req(31.0, 31.2, 403, kind="search"),
        req(32.0, 32.1, 200, kind="search"),
    ]
    windows = soak_verify.fault_windows(requests, [{"name": "x", "at": 10.0}], load_end=29.0)
    figures = soak_verify.request_figures(requests, windows)
    total = figures["total"]
    assert total["requests"] == 8
    assert (total["5xx_inside"], total["no_answer_inside"], total["unexpected_inside"]) == (1, 1, 1)
    assert (total["5xx_outside"], total["no_answer_outside"], total["unexpected_outside"]) == (2, 0, 1)
    assert figures["by_kind"]["apply_post"]["unexpected_inside"] == 1
    assert figures["by_kind"]["search"]["p50_ms"] == pytest.approx(100.0)


def test_percentiles():
    values = list(range(1, 101))
    assert soak_verify.percentile(values, 50) == 50
    assert soak_verify.percentile(values, 99) == 99
    assert soak_verify.percentile([], 99) == 0.0


def test_queue_recovery_counts_from_the_fault_and_skips_the_killed_worker():
    finished = [(9.0, 8.9, "soak-1"), (10.5, 10.4, "soak-1"), (14.0, 13.0, "soak-2"), (15.0, 14.9, "soak-2")]
    fault = {"at": 10.0}
    assert soak.queue_recovery(finished, fault, not_worker="soak-1") == pytest.approx(4.0)
    assert soak.queue_recovery(finished, fault) == pytest.approx(0.5)
    assert soak.queue_recovery(finished, fault, since=14.0) == pytest.approx(5.0)
    assert soak.queue_recovery(finished, fault, since=20.0) is None


# --- applications -------------------------------------------------------------------------------------------


def visit(token, code=None, number=None, outcome="receipt", statuses=(302,)):
    return {"token": token, "code": code, "number": number, "outcome": outcome, "statuses": list(statuses)}


def stored(token, code, number, proofs=1):
    return {"token": token, "code": code, "number": number, "proofs": proofs}


def test_every_receipt_stored_once_is_clean():
    client = [visit("t1", "C1", "N1"), visit("t2", "C2", "N2", statuses=(500, 302))]
    figures = soak_verify.application_figures(client, [stored("t1", "C1", "N1"), stored("t2", "C2", "N2")])
    assert figures["receipt_stored_once"] == 2
    for key in ("receipt_lost", "duplicated", "receipt_mismatch", "proof_missing", "unknown_in_database",
                "accepted_without_receipt"):
        assert figures[key] == 0, key
    assert figures["problems"] == []


def test_a_lost_receipt_a_duplicate_and_a_mismatch_are_found():
    client = [visit("lost", "C1", "N1"), visit("twice", "C2", "N2"), visit("wrong", "C3", "N3")]
    figures = soak_verify.application_figures(client, [
        stored("twice", "C2", "N2"), stored("twice", "C9", "N9"), stored("wrong", "C3", "N4")])
    assert figures["receipt_lost"] == 1
    assert figures["duplicated"] == 1
    assert figures["receipt_mismatch"] == 1
    assert len(figures["problems"]) == 3


def test_stored_without_receipt_and_unknown_applications_are_reported():
    client = [visit("gave-up", outcome="gave up", statuses=(500, None, 500)), visit("refused", outcome="refused (200)")]
    figures = soak_verify.application_figures(client, [stored("gave-up", "C1", "N1"), stored("nobody", "C2", "N2")])
    assert figures["accepted_without_receipt"] == 1
    assert figures["unknown_in_database"] == 1
    assert figures["no_receipt"] == 2
    assert figures["outcomes"] == {"gave up": 1, "refused (200)": 1}


def test_a_missing_identity_proof_is_found():
    figures = soak_verify.application_figures([visit("t", "C", "N")], [stored("t", "C", "N", proofs=0)])
    assert figures["proof_missing"] == 1


# --- mails ----------------------------------------------------------------------------------------------


def write_mails(directory, message_ids):
    """Mails written by Django's real file backend, one connection (file) per call, as the worker does."""
    for message_id in message_ids:
        connection = get_connection("django.core.mail.backends.filebased.EmailBackend", file_path=str(directory))
        EmailMessage("【到期提醒】申请", "正文", "noreply@gongkai.invalid",
                     ["ogi@example.invalid", "b@example.invalid"], headers={"Message-ID": message_id},
                     connection=connection).send()


def mid(pk):
    return f"<deadline-warning.{pk}.20261204.5@gongkai.invalid>"


def test_mails_are_read_back_from_the_file_backend(tmp_path):
    write_mails(tmp_path, [mid(1), mid(2), mid(2)])
    messages = soak_verify.read_mail_dir(tmp_path)
    assert [soak_verify.warning_of(m["message_id"]) for m in messages].count(2) == 2
    assert len(messages) == 3
    assert all("到期提醒" in m["subject"] for m in messages)


def test_a_missing_directory_has_no_mail(tmp_path):
    assert soak_verify.read_mail_dir(tmp_path / "none") == []


def test_mail_accounting_finds_duplicates_missing_and_strangers(tmp_path):
    write_mails(tmp_path, [mid(1), mid(2), mid(2), mid(4), mid(99)])
    warnings = [
        {"pk": 1, "sent": True, "outcome": "sent to 2"},
        {"pk": 2, "sent": True, "outcome": "sent to 2"},  # mailed twice
        {"pk": 3, "sent": False, "outcome": None},  # never sent
        {"pk": 4, "sent": False, "outcome": None},  # mailed, then the worker died before marking it
        {"pk": 5, "sent": False, "outcome": "due date moved"},  # rightly not sent
        {"pk": 6, "sent": True, "outcome": "sent to 2"},  # marked, but no mail
    ]
    figures = soak_verify.mail_figures(warnings, soak_verify.read_mail_dir(tmp_path))
    assert figures["queued"] == 6 and figures["mails"] == 5
    assert figures["sent_once"] == 1
    assert figures["duplicated"] == 1
    assert figures["missing"] == 1
    assert figures["sent_not_marked"] == 1
    assert figures["not_to_send"] == 1
    assert figures["marked_sent_no_mail"] == 1
    assert figures["unexpected_mails"] == 1


def test_clean_mail_accounting(tmp_path):
    write_mails(tmp_path, [mid(1), mid(2)])
    warnings = [{"pk": 1, "sent": True, "outcome": "sent to 2"}, {"pk": 2, "sent": True, "outcome": "sent to 1"}]
    figures = soak_verify.mail_figures(warnings, soak_verify.read_mail_dir(tmp_path))
    assert figures["sent_once"] == 2
    assert sum(figures[k] for k in ("duplicated", "missing", "sent_not_marked", "marked_sent_no_mail",
                                    "unexpected_mails")) == 0
