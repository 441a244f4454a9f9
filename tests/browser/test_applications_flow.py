"""A disclosure application end to end in Chromium: the citizen applies and tracks it, staff handle it.

Issue 4: a citizen applies online and gets a receipt; staff record a correction request; the
citizen's tracking page shows it; staff record the correction, consult a third party, approve
and reply with `partial`; the citizen downloads the reply letter (its PDF text names the
outcome and the article); the workbench shows the working days left correctly at each step;
the public pages have no serious or critical axe-core violations.

The expected working days left are the law's, not the code's: a case received (or corrected)
today has 20 working days left (条例 Arts. 30, 33), the pause of a consultation sent and answered
today removes no counted day (the start day is never counted), and while the applicant corrects
the clock waits.
"""

import io
import re

from pypdf import PdfReader

from tests.browser.conftest import axe_violations, login

DEMO_PASSWORD = "Shifan-Demo-2026"
CHINESE_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九十")}
PERSON_ID = "11010519491231002X"  # synthetic, checksum correct


def solve(question):
    """'七加五等于几？' -> 12 (the offline arithmetic check of the form)."""
    match = re.search(r"([零一二三四五六七八九十])([加减])([零一二三四五六七八九十])等于几", question)
    a, op, b = CHINESE_DIGITS[match.group(1)], match.group(2), CHINESE_DIGITS[match.group(3)]
    return a + b if op == "加" else a - b


def assert_accessible(page):
    assert axe_violations(page) == [], page.url


def apply_online(page, base):
    page.goto(base + "/yisqgk/")
    assert_accessible(page)
    page.goto(base + "/yisqgk/apply/")
    assert_accessible(page)
    page.check("input[name=applicant_type][value=natural_person]")
    page.fill("input[name=applicant_name]", "周晓梅")
    page.check("input[name=id_type][value=resident_id]")
    page.fill("input[name=id_number]", PERSON_ID)
    page.fill("input[name=phone]", "13700001234")
    page.fill("input[name=email]", "zhouxiaomei@example.com")
    page.fill("input[name=info_title]", "示范市 2026 年第三季度儿童玩具产品质量监督抽查不合格企业名单")
    page.fill("textarea[name=info_description]", "希望获取抽查不合格企业名单及不合格项目，用于消费维权参考。")
    page.check("input[name=requested_form][value=electronic]")
    page.check("input[name=delivery_route][value=email]")
    question = page.locator("label[for=id_captcha_answer]").inner_text()
    page.fill("input[name=captcha_answer]", str(solve(question)))
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_load_state()
    assert "/yisqgk/receipt/" in page.url
    assert_accessible(page)
    code = page.locator(".tracking-code").inner_text().strip()
    number = page.locator("dt:has-text('申请编号') + dd").inner_text().strip()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("下载登记回执")).click()
    assert download.value.path().read_bytes().startswith(b"%PDF")
    return number, code


def track(page, base, code, last4="1234"):
    """The tracking page; the look-up form is filled unless this browser already follows the case."""
    page.goto(base + "/yisqgk/track/")
    assert_accessible(page)
    if page.locator("input[name=code]").count():
        page.fill("input[name=code]", code)
        page.fill("input[name=phone_last4]", last4)
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state()
        assert_accessible(page)


def step(page, title):
    """The handling step box whose summary names `title`, opened."""
    box = page.locator("details.gk-step", has=page.locator("summary", has_text=title)).first
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    return box


def submit_step(page, title, fill=None, button=None):
    box = step(page, title)
    if fill:
        fill(box)
    (box.get_by_role("button", name=button) if button else box.locator("button[type=submit]").first).click()
    page.wait_for_load_state()
    error = page.locator(".messages .error, .help-critical")
    assert error.count() == 0, error.first.inner_text()


def workbench_days(page, base, number):
    page.goto(base + "/admin/applications/?status=all&q=" + number)
    row = page.locator("tr", has=page.locator(f"a:text-is('{number}')"))
    return row.locator(".gk-days").inner_text().strip()


def open_case(page, base, number):
    page.goto(base + "/admin/applications/?status=all&q=" + number)
    page.locator(f"a:text-is('{number}')").click()
    page.wait_for_load_state()


def test_apply_track_handle_and_reply_partial(browser, site_url):
    citizen = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, accept_downloads=True)
    public = citizen.new_page()
    number, code = apply_online(public, site_url)

    staff_context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    staff = staff_context.new_page()
    login(staff, site_url, "ogi", DEMO_PASSWORD)
    assert workbench_days(staff, site_url, number) == "未开始计时"

    open_case(staff, site_url, number)
    submit_step(staff, "确认收到申请之日")
    assert workbench_days(staff, site_url, number) == "剩余 20 个工作日"
    open_case(staff, site_url, number)
    submit_step(staff, "甄别")

    # The correction notice (Art. 30): the clock waits for the applicant.
    open_case(staff, site_url, number)
    submit_step(staff, "补正告知", lambda box: box.locator("textarea[name=items]").fill(
        "请写明所需抽查结果的具体批次（季度）和产品类别。"))
    assert workbench_days(staff, site_url, number) == "待补正"

    stranger = browser.new_context(locale="zh-CN").new_page()
    track(stranger, site_url, code)  # a fresh browser looks the case up with the code and the phone's last 4 digits
    assert number in stranger.locator("main").inner_text()
    stranger.context.close()
    track(public, site_url, code)
    status = public.locator("main").inner_text()
    assert "补正" in status
    assert public.get_by_role("link", name=re.compile("下载 PDF.*补正告知书")).count() == 1

    open_case(staff, site_url, number)
    submit_step(staff, "登记补正材料", lambda box: box.locator("textarea[name=note]").fill(
        "申请人补充：2026 年第三季度，儿童玩具类。"))
    assert workbench_days(staff, site_url, number) == "剩余 20 个工作日"  # restarted today

    open_case(staff, site_url, number)
    submit_step(staff, "分办", lambda box: box.locator("select[name=department]").select_option(
        label="产品质量安全监督管理科"))

    # A third party is consulted (Art. 32): the clock pauses.
    open_case(staff, site_url, number)

    def consult(box):
        box.locator("select[name=kind]").select_option("third_party")
        box.locator("input[name=party]").fill("示范市童乐玩具有限公司")
        box.locator("textarea[name=matter]").fill("拟公开贵公司产品抽查不合格的检验项目，请于 15 个工作日内提出意见。")

    submit_step(staff, "征求意见", consult)
    assert workbench_days(staff, site_url, number) == "暂停计时"
    open_case(staff, site_url, number)
    answer = staff.locator("form[action*='/answer/']").first
    answer.locator("textarea[name=opinion]").fill("同意公开不合格项目，检验数据中的配方信息属于商业秘密，不同意公开。")
    answer.locator("button[type=submit]").click()
    staff.wait_for_load_state()
    assert workbench_days(staff, site_url, number) == "剩余 20 个工作日"

    # The department drafts, reviews and approves; the OGI office replies.
    editor = staff_context.new_page()
    for username, title, fill in (
        ("editor", "拟写答复", lambda box: (
            box.locator("select[name=outcome]").select_option("partial"),
            box.locator("textarea[name=reply_text]").fill(
                "不合格企业名单及不合格项目予以公开（见附件）；检验数据中涉及企业配方的部分属于商业秘密，不予公开。"))),
        ("editor", "提交审查", None),
        ("reviewer", "法制和保密审查", lambda box: box.locator("select[name=decision]").select_option("pass")),
        ("head", "部门负责人审批", lambda box: box.locator("select[name=decision]").select_option("approve")),
    ):
        editor.context.clear_cookies()
        login(editor, site_url, username, DEMO_PASSWORD)
        open_case(editor, site_url, number)
        submit_step(editor, title, fill)
        assert workbench_days(editor, site_url, number) == "剩余 20 个工作日"

    staff.context.clear_cookies()
    login(staff, site_url, "ogi", DEMO_PASSWORD)
    open_case(staff, site_url, number)
    submit_step(staff, "出具答复", lambda box: box.locator("select[name=delivery_method]").select_option("email"))

    # The citizen downloads the reply letter.
    track(public, site_url, code)
    link = public.get_by_role("link", name=re.compile("下载 PDF.*答复书"))
    with public.expect_download() as download:
        link.click()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(download.value.path().read_bytes())).pages)
    text = re.sub(r"\s+", "", text)
    assert "部分公开" in text
    assert "第三十七条" in text
    citizen.close()
    staff_context.close()
