"""One application through every stage, the way the OGI office and a department handle it."""

import datetime as dt

from gongkai.applications import choices, services
from gongkai.applications.models import Letter


def test_application_goes_through_every_stage(assigned, staff):
    application = assigned(received_on=dt.date(2026, 6, 1))
    assert application.due_on == dt.date(2026, 6, 30)  # 20 WD after 2026-06-01; Dragon Boat Fri 06-19 is not counted
    reply = "抽查结果名单予以公开，涉及企业商业秘密的检验数据不予公开。"
    services.do_draft_reply(staff["editor"], application, "partial", reply)
    services.do_submit_for_review(staff["editor"], application)
    services.do_review(staff["reviewer"], application, True)
    services.do_approve(staff["head"], application, True)
    application = services.do_send_reply(staff["ogi_office"], application, dt.date(2026, 6, 20), "email",
                                         dt.date(2026, 6, 20))
    assert application.concluded_on == dt.date(2026, 6, 20)
    reply = Letter.objects.get(application=application, kind=choices.LETTER_REPLY)
    assert "部分公开" in reply.body and "第三十七条" in reply.body
    application = services.do_archive(staff["ogi_office"], application)
    assert application.stage == choices.ARCHIVED
    assert [e.action for e in application.events.all()] == [
        "registered", "received", "classified", "assigned", "drafted", "submitted", "reviewed", "approved",
        "replied", "archived"]
