"""Index numbers (索引号) of published records. Pure: no Django import.

An agency sets a pattern with these fields (RULES.md §2 catalogue; the format varies by locality):
  {agency_code}  the agency's code (usually its unified social credit code)
  {category}     the Art. 20 item number, 1–15
  {year}         the year of first publication
  {seq}          a per-year sequence number; write {seq:05d} for zero padding
"""

import string

FIELDS = {"agency_code", "category", "year", "seq"}
DEFAULT_PATTERN = "{agency_code}/{year}-{seq:05d}"


def check_pattern(pattern):
    """Return a list of Chinese problems with a pattern (empty when it is usable)."""
    problems = []
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None}
    except ValueError:
        return ["索引号格式中的大括号不成对。"]
    unknown = names - FIELDS
    if unknown:
        problems.append(f"索引号格式中有无法识别的字段：{'、'.join(sorted(unknown))}。可用字段：{'、'.join(sorted(FIELDS))}。")
    if "seq" not in names:
        problems.append("索引号格式必须包含序号 {seq}，否则索引号会重复。")
    if "year" not in names:
        problems.append("索引号格式必须包含年份 {year}，因为序号每年重新编排。")
    if not problems:
        try:
            format_index_number(pattern, agency_code="X", category=1, year=2024, seq=1)
        except (ValueError, KeyError, IndexError):
            problems.append("索引号格式无法使用，请检查字段写法，例如 {seq:05d}。")
    return problems


def format_index_number(pattern, *, agency_code, category, year, seq):
    return pattern.format(agency_code=agency_code, category=category, year=year, seq=seq)
