"""The hash chain of the audit log. Pure functions, no Django import.

Each entry's hash covers its own fields and the previous entry's hash, so
changing, inserting or deleting a stored entry breaks every later link.
"""

import hashlib
import json

GENESIS = "0" * 64


def entry_digest(fields, prev_hash):
    """SHA-256 over the canonical JSON of an entry's fields and the previous hash."""
    payload = json.dumps(
        {"fields": fields, "prev": prev_hash}, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def first_broken_link(entries):
    """Walk (seq, fields, prev_hash, hash) tuples in order; return (seq, reason) of the first bad one, or None."""
    expected_prev = GENESIS
    for seq, fields, prev_hash, stored_hash in entries:
        if prev_hash != expected_prev:
            return seq, "与前一条记录的链接不一致（前一条被修改、删除或插入）"
        if entry_digest(fields, prev_hash) != stored_hash:
            return seq, "记录内容与其哈希值不符（记录被修改）"
        expected_prev = stored_hash
    return None
