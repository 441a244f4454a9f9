"""Applicant identity data is encrypted at rest and read only by the OGI office, every reading audited.

(Issue 4: "ID numbers and proof files are stored encrypted with a key from configuration, and
each staff access to them is audited"; 条例第二十九条 asks for the proof, nothing makes it public.)
"""

import datetime as dt

import pytest
from cryptography.fernet import Fernet
from django.db import connection

from gongkai.applications import choices, crypto, intake
from gongkai.applications.errors import Refused
from gongkai.applications.models import DisclosureApplication, IdentityProof
from gongkai.applications.tests.conftest import PERSON_ID
from gongkai.audit.models import AuditEntry

PROOF = b"\xff\xd8\xff\xe0JFIF-scan-of-the-identity-card-" + PERSON_ID.encode() + b"-end"
WRONG_KEY_MESSAGE = "无法解密：加密密钥与保存时不一致，请联系系统管理员检查 GONGKAI_FIELD_KEY。"


def _text_columns(table):
    with connection.cursor() as cursor:
        description = connection.introspection.get_table_description(cursor, table)
    return [column.name for column in description]


def _raw_rows(table, where_pk):
    """Every column of the row, as the database stores it, read with plain SQL (no model, no decryption)."""
    columns = _text_columns(table)
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {quoted} FROM {connection.ops.quote_name(table)} WHERE id = %s", [where_pk])
        return dict(zip(columns, cursor.fetchone(), strict=True))


def _as_text(value):
    if isinstance(value, memoryview):
        value = bytes(value)
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return "" if value is None else str(value)


@pytest.fixture
def registered(staff, applicant_data, agency):
    proof = {"name": "身份证正反面.jpg", "content_type": "image/jpeg", "data": PROOF}
    return intake.do_register(staff["ogi_office"], applicant_data(), [proof], choices.IN_PERSON,
                              received_on=dt.date(2026, 6, 1), received_reason="补录历史登记")


def test_the_raw_row_does_not_contain_the_id_number(registered):
    row = _raw_rows(DisclosureApplication._meta.db_table, registered.pk)
    digits = PERSON_ID[:17]  # the run of digits without the check character
    for column, value in row.items():
        text = _as_text(value)
        assert PERSON_ID not in text, column
        assert digits not in text, column
        assert PERSON_ID[6:14] not in text, column  # not even the birth date part
    assert row["id_number_cipher"] and row["id_number_last4"] == PERSON_ID[-4:]
    assert crypto.decrypt_text(row["id_number_cipher"]) == PERSON_ID


def test_no_other_table_of_the_application_holds_the_id_number(registered):
    """Events, letters and the audit log of the registration never copy the number."""
    texts = [e.summary for e in registered.events.all()]
    texts += [f"{letter.title}{letter.body}" for letter in registered.letters.all()]
    texts += [f"{a.summary}{a.before}{a.after}" for a in AuditEntry.objects.all()]
    assert texts and not any(PERSON_ID[:17] in text for text in texts)


def test_the_proof_is_stored_encrypted_and_decrypts_back(registered):
    proof = registered.identity_proofs.get()
    raw = _raw_rows(IdentityProof._meta.db_table, proof.pk)["cipher"]
    raw = bytes(raw) if isinstance(raw, memoryview) else raw
    assert raw != PROOF
    assert PROOF not in raw and PERSON_ID.encode() not in raw and b"JFIF" not in raw
    assert crypto.decrypt_bytes(raw) == PROOF
    assert proof.size == len(PROOF)


def test_the_ogi_office_reads_identity_and_proof_and_each_reading_is_audited(registered, staff):
    ogi = staff["ogi_office"]
    assert intake.read_identity(ogi, registered) == PERSON_ID
    entry = AuditEntry.objects.order_by("-pk").first()
    assert (entry.action, entry.actor, entry.object_id) == ("application.identity_viewed", ogi, str(registered.pk))
    proof = registered.identity_proofs.get()
    assert intake.read_proof(ogi, proof) == PROOF
    entry = AuditEntry.objects.order_by("-pk").first()
    assert (entry.action, entry.actor) == ("application.proof_viewed", ogi)
    assert proof.filename in entry.summary


@pytest.mark.parametrize("role", ["administrator", "editor", "reviewer", "head", "auditor"])
def test_other_roles_cannot_read_identity_data(registered, staff, role):
    count = AuditEntry.objects.count()
    with pytest.raises(Refused) as excinfo:
        intake.read_identity(staff[role], registered)
    assert str(excinfo.value) == "只有政务公开办可以查看申请人的证件号码。"
    with pytest.raises(Refused) as excinfo:
        intake.read_proof(staff[role], registered.identity_proofs.get())
    assert str(excinfo.value) == "只有政务公开办可以查看申请人的身份证明。"
    assert AuditEntry.objects.count() == count


def test_the_head_of_the_ogi_office_cannot_read_identity_data(registered, ogi_head):
    with pytest.raises(Refused, match="只有政务公开办可以查看申请人的证件号码。"):
        intake.read_identity(ogi_head, registered)


def test_a_different_key_cannot_decrypt(registered, staff, settings):
    settings.FIELD_ENCRYPTION_KEY = Fernet.generate_key().decode()
    count = AuditEntry.objects.count()
    with pytest.raises(ValueError) as excinfo:
        intake.read_identity(staff["ogi_office"], registered)
    assert str(excinfo.value) == WRONG_KEY_MESSAGE
    with pytest.raises(ValueError) as excinfo:
        intake.read_proof(staff["ogi_office"], registered.identity_proofs.get())
    assert str(excinfo.value) == WRONG_KEY_MESSAGE
    assert AuditEntry.objects.count() == count  # nothing was read


def test_a_configured_key_encrypts_and_only_that_key_decrypts(settings):
    settings.FIELD_ENCRYPTION_KEY = Fernet.generate_key().decode()
    token = crypto.encrypt_text(PERSON_ID)
    assert PERSON_ID not in token and crypto.decrypt_text(token) == PERSON_ID
    settings.FIELD_ENCRYPTION_KEY = ""  # back to the development key derived from SECRET_KEY
    with pytest.raises(ValueError, match="加密密钥与保存时不一致"):
        crypto.decrypt_text(token)


def test_a_malformed_key_is_reported_in_chinese(settings):
    settings.FIELD_ENCRYPTION_KEY = "not-a-fernet-key"
    with pytest.raises(ValueError) as excinfo:
        crypto.encrypt_text(PERSON_ID)
    assert str(excinfo.value).startswith("加密密钥 GONGKAI_FIELD_KEY 格式不正确")


def test_the_fingerprint_finds_the_same_number_without_revealing_it():
    assert crypto.fingerprint(PERSON_ID) == crypto.fingerprint(" 110105 19491231 002x ")
    assert crypto.fingerprint(PERSON_ID) != crypto.fingerprint("360426199101010071")
    assert PERSON_ID not in crypto.fingerprint(PERSON_ID)
    assert crypto.fingerprint("") == ""
