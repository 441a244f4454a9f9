"""The review workflow of a record as a transition table. Pure: no Django import.

draft → submitted → approved | returned → published (now) | scheduled (later) → published;
published → withdrawn. A published record is revised through a new draft version
while the published version stays public (RULES.md §2, 条例 Art. 17). A document that lapses
(失效/废止/已修订) stays in the catalogue with its new validity: that change is made by a revision,
so it is reviewed like any other change to published information.
"""

DRAFT = "draft"
SUBMITTED = "submitted"
RETURNED = "returned"
APPROVED = "approved"
SCHEDULED = "scheduled"
PUBLISHED = "published"
WITHDRAWN = "withdrawn"

STATUS_CHOICES = [
    (DRAFT, "草稿"),
    (SUBMITTED, "待审核"),
    (RETURNED, "已退回"),
    (APPROVED, "已审核待发布"),
    (SCHEDULED, "定时发布"),
    (PUBLISHED, "已发布"),
    (WITHDRAWN, "已撤回"),
]
STATUS_LABELS = dict(STATUS_CHOICES)

# action -> (allowed source statuses, target status)
TRANSITIONS = {
    "submit": ({DRAFT, RETURNED}, SUBMITTED),
    "return": ({SUBMITTED}, RETURNED),
    "approve": ({SUBMITTED}, APPROVED),
    "publish": ({APPROVED, SCHEDULED}, PUBLISHED),
    "schedule": ({APPROVED}, SCHEDULED),
    "withdraw": ({PUBLISHED}, WITHDRAWN),
    "edit": ({DRAFT, RETURNED}, DRAFT),
}

ACTION_LABELS = {
    "submit": "提交审核",
    "return": "退回修改",
    "approve": "审核通过",
    "publish": "发布",
    "schedule": "定时发布",
    "withdraw": "撤回",
    "edit": "修改",
}


class TransitionRefused(Exception):
    """A workflow step that is not allowed; the message is shown to the user as it is."""


def target_status(action, current):
    """The status after `action`, or TransitionRefused with a Chinese reason."""
    if action not in TRANSITIONS:
        raise TransitionRefused(f"未知的操作：{action}")
    sources, target = TRANSITIONS[action]
    if current not in sources:
        raise TransitionRefused(
            f"当前状态为“{STATUS_LABELS.get(current, current)}”，不能{ACTION_LABELS[action]}。"
        )
    return target
