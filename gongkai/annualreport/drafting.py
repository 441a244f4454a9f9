"""Drafts of sections 一 (总体情况) and 六 (其他需要报告的事项) from the year's figures. Pure Python.

Staff edit the drafts; the platform only suggests the figures (RULES.md §4). Section 六 must state
the processing fees charged (国办函〔2020〕109号).
"""

from decimal import Decimal

DIGITS = "零一二三四五六七八九"


def chinese_number(n):
    """1 → 一, 10 → 十, 15 → 十五, 20 → 二十 (item numbers of Art. 20 go up to 15)."""
    if n < 10:
        return DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[ones] if ones else "")


def _money(amount):
    amount = Decimal(amount).quantize(Decimal("0.01"))
    return f"{amount:,.2f}"


def section1(agency_name, figures):
    year = figures["year"]
    records = figures["records"]
    total_records = sum(count for _, _, count in records)
    lines = [f"{year}年，{agency_name}认真贯彻落实《中华人民共和国政府信息公开条例》，"
             f"依法做好主动公开、依申请公开、政策解读和平台建设等各项工作。"]
    if records:
        parts = "，".join(f"第二十条第（{chinese_number(number)}）项“{name}”{count}条"
                         for number, name, count in records)
        lines.append(f"（一）主动公开。全年通过政府信息公开平台主动公开政府信息{total_records}条，其中{parts}。")
    else:
        lines.append("（一）主动公开。全年未通过政府信息公开平台主动公开政府信息。")
    text = (f"（二）依申请公开。全年新收政府信息公开申请{figures['received']}件，"
            f"上年结转{figures['carried_in']}件，办结{figures['concluded']}件，"
            f"结转下年度继续办理{figures['carried_over']}件。")
    if figures["average_days"] is not None:
        text += f"办结的申请平均用时{figures['average_days']}个工作日（不含依法不计算在答复期限内的时间）。"
    if figures["late"] or figures["open_late"]:
        text += (f"超过法定期限答复{figures['late']}件，年底仍在办理且已超过答复期限{figures['open_late']}件，"
                 "已逐件分析原因并督促整改。")
    else:
        text += "所有申请均在法定期限内答复。"
    lines.append(text)
    lines.append("（三）政府信息管理。（请补充：政府信息公开审查、规范性文件清理、信息更新维护等情况。）")
    lines.append("（四）平台建设与监督保障。（请补充：政府网站和政务新媒体建设、培训、考核等情况。）")
    return "\n".join(lines)


def section6(figures):
    year = figures["year"]
    if figures["fee_count"]:
        fee = (f"{year}年，本机关依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
               f"对{figures['fee_count']}件政府信息公开申请收取信息处理费，共计{_money(figures['fee_total'])}元。")
    else:
        fee = f"{year}年，本机关未收取政府信息公开信息处理费。"
    return fee + "\n（请补充：年度政务公开工作要点落实情况、人大代表建议和政协委员提案办理结果公开情况等。）"
