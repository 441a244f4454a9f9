"""年度报告: the published annual reports for the public (/ndbg/), one page per year, with downloads.

Only published reports are shown, always from their frozen snapshot (RULES.md §4): what was
published never changes. A year without a published report answers 404 in Chinese.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header

from gongkai.annualreport import exports, services
from gongkai.annualreport.models import PUBLISHED, AnnualReport

COLUMN_META = {
    "ColumnName": "年度报告", "ColumnType": "政府信息公开工作年度报告",
    "ColumnKeywords": "政府信息公开工作年度报告,年度报告,政务公开",
    "ColumnDescription": "本机关每年 1 月 31 日前发布的上一年度政府信息公开工作年度报告。",
}


def _published(year):
    report = AnnualReport.objects.filter(year=int(year), status=PUBLISHED).select_related("record").first()
    if report is None or not report.snapshot:
        raise Http404("这一年度的政府信息公开工作年度报告尚未发布。")
    return report


def index(request):
    reports = AnnualReport.objects.filter(status=PUBLISHED).select_related("record").order_by("-year")
    return render(request, "annualreport/public/index.html", {"reports": reports, "meta_column": COLUMN_META})


def detail(request, year):
    report = _published(year)
    data = services.build(report)
    return render(request, "annualreport/public/report.html", {
        "report": report, "data": data, "layout": services.layout(data), "meta_column": COLUMN_META,
        "meta_article": {"ArticleTitle": data["title"], "PubDate": data.get("published_on", "")},
    })


def download(request, year, ext):
    report = _published(year)
    data = services.build(report)
    content, content_type = exports.render(report, data, ext)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, exports.filename(report, ext))
    return response
