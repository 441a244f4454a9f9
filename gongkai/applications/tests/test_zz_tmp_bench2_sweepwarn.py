import datetime as dt, time
from django.db.models import Prefetch
from django.utils import timezone
from gongkai.applications import choices, services, clockdata
from gongkai.applications.models import DisclosureApplication, Consultation, CorrectionRequest

def test_bench(db):
    now = timezone.now()
    objs = []
    for i in range(10000):
        rec = dt.date(2026, 10, 5) + dt.timedelta(days=i % 30)
        objs.append(DisclosureApplication(
            number=f"T{i:05d}", tracking_code=f"TRK{i:07d}", channel=choices.IN_PERSON,
            kind=choices.KIND_APPLICATION, applicant_type=choices.NATURAL_PERSON, applicant_name="测试申请人",
            id_type=choices.OTHER_ID, phone="13900000000", requested_form="paper", delivery_route="post",
            submitted_at=now, received_on=rec, stage=choices.ASSIGNED, stage_entered_on=rec, due_on=None))
    DisclosureApplication.objects.bulk_create(objs)
    apps = list(DisclosureApplication.objects.all()[:2000])
    Consultation.objects.bulk_create([Consultation(application=a, kind="third_party", party="x", matter="y",
        sent_on=a.received_on + dt.timedelta(days=3), due_on=a.received_on + dt.timedelta(days=25),
        answered_on=a.received_on + dt.timedelta(days=10)) for a in apps[:1000]])
    open_cases = DisclosureApplication.objects.filter(stage__in=choices.OPEN_STAGES, concluded_on__isnull=True)
    t = time.perf_counter()
    qs = (open_cases.select_related("correction", "fee_notice")
                .only("pk", "number", "received_on", "extension_days", "art35_due_on", "art35_reason",
                      "concluded_on", "due_on", "correction__sent_on", "correction__received_on",
                      "fee_notice__sent_on", "fee_notice__paid_on")
                .prefetch_related(Prefetch("consultations", queryset=Consultation.objects.only(
                    "pk", "application_id", "kind", "sent_on", "answered_on")))
                .order_by("pk"))
    n = 0
    for a in qs.iterator(chunk_size=1000):
        clockdata.facts_of(a); n += 1
    print("instances+facts", time.perf_counter() - t)
    t = time.perf_counter()
    rows = list(open_cases.values_list("pk", "number", "received_on", "extension_days", "art35_due_on", "art35_reason",
                      "concluded_on", "due_on", "correction__sent_on", "correction__received_on",
                      "fee_notice__sent_on", "fee_notice__paid_on"))
    cons = list(Consultation.objects.filter(application__in=open_cases).values_list("application_id", "kind", "sent_on", "answered_on"))
    print("values", time.perf_counter() - t, len(rows), len(cons))
    t = time.perf_counter()
    DisclosureApplication.objects.update(due_on=None)
    n = services.recompute_open(reason="bench")
    print("recompute all changed", n, time.perf_counter() - t)
    t = time.perf_counter()
    n = services.recompute_open(reason="bench")
    print("recompute none changed", n, time.perf_counter() - t)
    from gongkai.applications import notifications
    for d in (dt.date(2026, 11, 2), dt.date(2026, 11, 9), dt.date(2026, 11, 9)):
        t = time.perf_counter()
        print("warn", d, notifications.queue_due_warnings(d), time.perf_counter() - t)
