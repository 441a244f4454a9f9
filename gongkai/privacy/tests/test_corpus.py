"""Precision and recall of the scanner on the labelled synthetic corpus (corpus.jsonl, see corpus.py).

A finding counts as correct only when its type, start and end equal a label's. Thresholds:
- id_card, uscc, bank_card, mobile, email: precision and recall ≥ 0.99 (the issue's bar);
- person_name: recall ≥ 0.9 in the listed contexts (the issue's bar), and precision ≥ 0.9;
- address, plate, phone: precision and recall ≥ 0.9. These detectors work from labels and
  shapes that are as regular as the names' (an address label, a province + letter, an area
  code), so the same bar as names is a fair floor; anything below it would bury reviewers in
  false alarms or let a class of documents through.
Run with `-s` to see the table.
"""

import collections

import pytest

from gongkai.privacy.scanner import TYPES, apply_masks, scan
from gongkai.privacy.tests import corpus

STRICT = ("id_card", "uscc", "bank_card", "mobile", "email")
THRESHOLDS = {
    **{t: (0.99, 0.99) for t in STRICT},
    "person_name": (0.9, 0.9),
    "address": (0.9, 0.9),
    "plate": (0.9, 0.9),
    "phone": (0.9, 0.9),
}


@pytest.fixture(scope="module")
def cases():
    return corpus.load()


@pytest.fixture(scope="module")
def metrics(cases):
    tp, fp, fn = collections.Counter(), collections.Counter(), collections.Counter()
    mistakes = []
    for case in cases:
        expected = {(label["type"], label["start"], label["end"]) for label in case["labels"]}
        got = {(f.type, f.start, f.end) for f in scan(case["text"])}
        for item in got & expected:
            tp[item[0]] += 1
        for item in got - expected:
            fp[item[0]] += 1
            mistakes.append(("false positive", item, case["text"]))
        for item in expected - got:
            fn[item[0]] += 1
            mistakes.append(("missed", item, case["text"]))
    table = {}
    for kind in TYPES:
        precision = tp[kind] / (tp[kind] + fp[kind]) if tp[kind] + fp[kind] else 1.0
        recall = tp[kind] / (tp[kind] + fn[kind]) if tp[kind] + fn[kind] else 1.0
        table[kind] = {"tp": tp[kind], "fp": fp[kind], "fn": fn[kind], "precision": precision, "recall": recall}
    print("\ntype          labels  tp   fp   fn   precision  recall")
    for kind, row in table.items():
        print(
            f"{kind:12}  {row['tp'] + row['fn']:6}  {row['tp']:3}  {row['fp']:3}  {row['fn']:3}"
            f"  {row['precision']:9.3f}  {row['recall']:6.3f}"
        )
    return table, mistakes


def test_the_corpus_file_is_what_the_generator_writes():
    # After editing corpus.py: .venv/bin/python -m gongkai.privacy.tests.corpus
    assert corpus.CORPUS_PATH.read_text(encoding="utf-8") == corpus.dumps(corpus.build())


def test_the_corpus_is_large_and_covers_every_type(cases):
    kinds = collections.Counter(case["kind"] for case in cases)
    assert kinds["positive"] >= 300
    assert kinds["negative"] >= 300
    per_group = collections.Counter((case["group"], case["kind"]) for case in cases)
    for kind in TYPES:
        assert per_group[(kind, "positive")] >= 30, kind
        assert per_group[(kind, "negative")] >= 30, kind
    labels = collections.Counter(label["type"] for case in cases for label in case["labels"])
    assert set(labels) == set(TYPES)


def test_the_labels_are_consistent(cases):
    for case in cases:
        groups = [label["type"] for label in case["labels"]]
        if case["kind"] == "positive":
            assert case["group"] in groups, case["text"]
        else:
            assert case["group"] not in groups, case["text"]
        spans = sorted((label["start"], label["end"]) for label in case["labels"])
        for (a, b), (c, _) in zip(spans, spans[1:], strict=False):
            assert a < b <= c, case["text"]
        assert all(case["text"][label["start"] : label["end"]].strip() for label in case["labels"])


@pytest.mark.parametrize("kind", TYPES)
def test_precision_and_recall(metrics, kind):
    table, mistakes = metrics
    want_precision, want_recall = THRESHOLDS[kind]
    row = table[kind]
    details = [m for m in mistakes if m[1][0] == kind][:10]
    assert row["precision"] >= want_precision, details
    assert row["recall"] >= want_recall, details


def test_findings_index_the_original_text(cases):
    for case in cases:
        for f in scan(case["text"]):
            assert case["text"][f.start : f.end] == f.text


def test_masked_text_has_nothing_left_to_find(cases):
    # After masking, a second scan finds nothing: the masks themselves are not personal data.
    for case in cases:
        masked = apply_masks(case["text"], scan(case["text"]))
        assert scan(masked) == [], (case["text"], masked)
