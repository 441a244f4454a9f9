"""Demo annual reports (RULES.md §4): last year's published in January, this year's in progress.

Built through the annual report's services, like a real OGI office would: figures entered with
their source, sections drafted by the platform and completed by hand, submitted by one officer and
approved by another. Figures outside the platform (licensing, penalties, coercion, fees) are
synthetic.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from gongkai.annualreport import services
from gongkai.annualreport.models import AnnualReport

SECTION5 = (
    "一是部分科室主动公开的及时性仍有差距，少数行政处罚决定超过 20 个工作日才公开。"
    "改进措施：将公开时限纳入科室月度考核，由平台每日提示即将到期的信息。\n"
    "二是政策解读形式较为单一，图解、音视频解读偏少。改进措施：重要政策文件同步制作图解，"
    "并邀请业务骨干参与解读。\n"
    "三是依申请公开答复文书的说理还不够充分。改进措施：组织答复文书专项培训，"
    "由法规科对不予公开、无法提供类答复逐件审核。"
)


def _figures(year):
    # Deterministic synthetic figures of the kind a city market regulation bureau reports.
    return {
        "licensing": (str(1100 + (year % 7) * 37), "行政许可审批系统年度统计"),
        "penalty": (str(360 + (year % 5) * 23), "行政执法监督平台年度统计"),
        "coercion": (str(38 + year % 9), "行政执法监督平台年度统计"),
        "fees": ("0", "本局财务科（本年度未收取行政事业性收费）"),
    }


def load_annual_reports(today=None):
    """Publish last year's report (dated 22 January) and start this year's, where missing."""
    today = today or timezone.localdate()
    users = get_user_model().objects
    writer, reviewer = users.get(username="ogi"), users.get(username="ogi.head")
    last = today.year - 1
    if not AnnualReport.objects.filter(year=last).exists():
        report = services.report_for(last)
        services.do_save_figures(writer, report, _figures(last))
        services.do_draft_text(writer, report)
        report.refresh_from_db()
        section1 = report.section1.replace(
            "（三）政府信息管理。（请补充：政府信息公开审查、规范性文件清理、信息更新维护等情况。）",
            "（三）政府信息管理。严格执行公开前审查制度，全年开展规范性文件清理一次，对失效、废止的文件在目录中标注。")
        section1 = section1.replace(
            "（四）平台建设与监督保障。（请补充：政府网站和政务新媒体建设、培训、考核等情况。）",
            "（四）平台建设与监督保障。依托政务公开平台统一发布信息、办理申请，组织全局政务公开培训两次。")
        section6 = report.section6.replace(
            "\n（请补充：年度政务公开工作要点落实情况、人大代表建议和政协委员提案办理结果公开情况等。）",
            "\n本年度政务公开工作要点确定的各项任务均已完成，人大代表建议和政协委员提案办理结果已按要求公开。")
        services.do_save_text(writer, report, {"section1": section1, "section5": SECTION5, "section6": section6})
        services.do_submit(writer, report, today=dt.date(today.year, 1, 20))
        published = timezone.make_aware(dt.datetime(today.year, 1, 22, 10, 0))
        services.do_approve(reviewer, report, checklist=dict.fromkeys(services.CHECKLIST, True),
                            comment="数据已核对，同意发布。", now=min(published, timezone.now()))
    if not AnnualReport.objects.filter(year=today.year).exists():
        report = services.report_for(today.year)
        figures = _figures(today.year)
        services.do_save_figures(writer, report, {"licensing": figures["licensing"]})
        services.do_draft_text(writer, report)
