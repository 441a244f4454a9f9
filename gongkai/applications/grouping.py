"""Repeats and requested → proactive (条例 Art. 36(6), Art. 44; RULES.md §2).

An application is grouped with others that ask for the same information: the same document
number, or failing that the same information name once spaces and punctuation are dropped.
- The same applicant asking again for what was already answered is flagged (repeat_of),
  suggesting `not_processed.repeat`; staff decide.
- When the number of distinct applicants in a group reaches the configured threshold, a
  proposal to publish the information proactively is put in the proactive-disclosure queue.
"""

import re
import unicodedata

from django.conf import settings
from django.db import IntegrityError, transaction

from gongkai.applications import choices
from gongkai.applications.models import DisclosureApplication, InformationGroup, ProactiveProposal
from gongkai.audit.services import record as audit

_DROP = re.compile(r"[\s\W_]+", re.UNICODE)
ANSWERED_GROUPS = ("disclosed", "partial", "withheld", "unavailable")


def information_key(doc_number, title):
    """The grouping key: 'doc:<文号>' or 'title:<名称>', normalised; '' when neither is given."""
    for prefix, text in (("doc", doc_number), ("title", title)):
        value = _DROP.sub("", unicodedata.normalize("NFKC", text or "")).lower()
        if len(value) >= 4:
            return f"{prefix}:{value}"[:300]
    return ""


def _applicant(application):
    return application.applicant_fingerprint or f"name:{application.applicant_name}"


def distinct_applicants(group):
    apps = group.applications.exclude(kind=choices.KIND_PASSED_ON)
    return len({_applicant(a) for a in apps.only("applicant_fingerprint", "applicant_name")})


def _group_for(application):
    key = information_key(application.info_doc_number, application.info_title)
    if not key:
        return None
    title = application.info_title or application.info_doc_number
    try:
        with transaction.atomic():
            group, _ = InformationGroup.objects.get_or_create(key=key, defaults={"title": title[:300]})
    except IntegrityError:  # created concurrently
        group = InformationGroup.objects.get(key=key)
    return group


def earlier_answer(application):
    """An earlier, answered application of the same applicant for the same information, or None."""
    if application.group_id is None or not application.applicant_fingerprint:
        return None
    earlier = (DisclosureApplication.objects
               .filter(group_id=application.group_id, applicant_fingerprint=application.applicant_fingerprint,
                       concluded_on__isnull=False)
               .exclude(pk=application.pk).order_by("-concluded_on"))
    for candidate in earlier:
        if candidate.outcome.split(".")[0] in ANSWERED_GROUPS:
            return candidate
    return None


def on_new_application(application):
    """Group a newly registered application, flag a repeat and propose proactive disclosure when due."""
    group = _group_for(application)
    if group is None:
        return None
    application.group = group
    application.repeat_of = earlier_answer(application)
    DisclosureApplication.objects.filter(pk=application.pk).update(group=group, repeat_of=application.repeat_of)
    return propose_if_due(group)


def propose_if_due(group):
    count = distinct_applicants(group)
    if count < settings.APPLICATION_PROACTIVE_THRESHOLD:
        return None
    proposal = ProactiveProposal.objects.filter(group=group).first()
    if proposal is not None:
        if proposal.applicant_count != count:
            ProactiveProposal.objects.filter(pk=proposal.pk).update(applicant_count=count)
        return proposal
    proposal = ProactiveProposal.objects.create(group=group, applicant_count=count)
    InformationGroup.objects.filter(pk=group.pk).update(proposed_at=proposal.created_at)
    audit("application.proactive_proposed", actor=None, obj=group,
          summary=f"{count} 位不同申请人申请同一信息“{group.title}”，建议转为主动公开（条例第四十四条）。")
    return proposal
