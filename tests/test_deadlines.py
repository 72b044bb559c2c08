"""Deadlines as plans write them, and the day each falls due. The seeds write "Trong năm 2024", "thường xuyên" and
"hằng năm"/"hàng năm"; quarters, months and days are the forms of the Decree 30 plans' implementation tables,
written from their shape. The spans kept aside were found afterwards in public samples of planning documents."""

from datetime import date

import pytest

from cchc.deadlines import parse


@pytest.mark.parametrize("written, due, kind", [
    ("Quý I/2024", date(2024, 3, 31), "quarter"),
    ("quý II năm 2024", date(2024, 6, 30), "quarter"),
    ("Quý IV", date(2020, 12, 31), "quarter"),  # the plan's year
    ("Tháng 3/2024", date(2024, 3, 31), "month"),
    ("tháng 02 năm 2024", date(2024, 2, 29), "month"),
    ("Trước ngày 30/6/2024", date(2024, 6, 30), "day"),
    ("Năm 2024", date(2024, 12, 31), "year"),
    ("Trong năm 2024", date(2024, 12, 31), "year"),
    ("6 tháng đầu năm 2023", date(2023, 6, 30), "half"),
    ("Thường xuyên", None, "ongoing"),
    ("Hằng năm", None, "recurring"),
    ("Hàng quý", None, "recurring"),
])
def test_forms_plans_write(written, due, kind):
    found = parse(written, 2020)
    assert found is not None and (found.due, found.kind) == (due, kind)


@pytest.mark.parametrize("written", ["sớm", "Quý V/2024", "tháng 13/2024", "31/2/2024", "2024", "ngay khi có thể"])
def test_what_is_no_deadline_is_refused(written):
    assert parse(written, 2020) is None


@pytest.mark.parametrize("written, due", [  # kept aside while writing the rules: other provinces' plans
    ("Hoàn thành trước ngày 15/10/2022", date(2022, 10, 15)),
    ("Chậm nhất quý III/2023", date(2023, 9, 30)),
    ("Trong tháng 9 năm 2021", date(2021, 9, 30)),
    ("Liên tục", None),
    ("Định kỳ", None),
    ("Quý II-III/2026", date(2026, 9, 30)),
    ("Quý IV/2026 đến hết Quý II/2027", date(2027, 6, 30)),
    ("Quý 4 năm 2025", date(2025, 12, 31)),
])
def test_forms_kept_aside(written, due):
    found = parse(written, 2020)
    assert found is not None and found.due == due
