"""Deadlines as plans write them, and the day each falls due. The seeds write "Trong năm 2024", "thường xuyên" and
"hằng năm"/"hàng năm"; quarters, months and days are the forms of the Decree 30 plans' implementation tables,
written from their shape. The spans kept aside were found afterwards in public samples of planning documents."""

from datetime import date

import pytest

from cchc.deadlines import find, parse


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


# Sentences as public bodies wrote them. The rule for `find` was written on the first two; the rest were kept
# aside and checked afterwards.
@pytest.mark.parametrize("sentence, found", [
    ("Giao Sở Tài nguyên và Môi trường chủ trì, phối hợp các đơn vị, địa phương liên quan nghiên cứu, đề xuất UBND "
     "tỉnh xem xét theo quy định; hoàn thành trước ngày 10/12/2023./.",  # Quảng Trị, Công văn 6202/UBND-KT
     ["Hoàn thành trước ngày 10/12/2023"]),
    ("Đề nghị các sở, ban, ngành, UBND các huyện, thành phố gửi báo cáo về Sở Nội vụ trước ngày 10/9/2015 để tổng "
     "hợp báo cáo Bộ Nội vụ, Hội đồng nhân dân, Uỷ ban nhân dân tỉnh",  # Sơn La, 924/SNV-CCHC
     ["Trước ngày 10/9/2015"]),
    # kept aside
    ("Sở Thông tin và Truyền thông chủ trì, phối hợp với các cơ quan, đơn vị liên quan rà soát, báo cáo tình hình, "
     "kết quả thực hiện; gửi báo cáo về Bộ Thông tin và Truyền thông (qua Cục Báo chí) trước ngày 15/12/2023./.",
     ["Trước ngày 15/12/2023"]),  # Quảng Nam, Công văn 86549/UBND-NCKS
    ("gửi báo cáo số liệu cải cách hành chính năm 2015, năm 2016 về Sở Nội vụ trước ngày 18/11/2016 (phòng Cải "
     "cách hành chính, đt: 0223.751.890)", ["Trước ngày 18/11/2016"]),  # Sơn La, 1238/SNV
    ("gửi Bộ Nội vụ để tổng hợp, báo cáo Chính phủ tại phiên họp Chính phủ thường kỳ; thời hạn gửi chậm nhất là "
     "ngày 20 của tháng cuối kỳ báo cáo.", []),  # Bộ Nội vụ, 581/BNV-CCHC: a day of each period, no date
    ("Truyền thông Trung tâm Dịch vụ hành chính công trực tuyến tỉnh Khánh Hòa, Cổng Dịch vụ công Quốc gia là trọng "
     "tâm tuyên truyền chung, được thực hiện thường xuyên, liên tục, thống nhất ở tất cả các cơ quan, các cấp hành "
     "chính tỉnh trong năm 2020.", ["Trong năm 2020"]),  # seed 489/QĐ-UBND
    ("Thủ trưởng các Phòng, Trung tâm, Thanh tra thuộc Sở có trách nhiệm triển khai thực hiện nghiêm túc nội dung "
     "Kế hoạch này và định kỳ hàng quý, 6 tháng, năm báo cáo kết quả về Giám đốc (thông qua Văn phòng Sở).", []),
    ("Báo cáo cải cách hành chính 6 tháng đầu năm 2024 về Sở Nội vụ", []),  # the period a report covers
    ("Xây dựng kế hoạch kiểm tra; thời gian hoàn thành: Quý II/2024.", ["Quý II/2024"]),
    ("Tổng hợp, báo cáo UBND tỉnh trước ngày 15 tháng 12 năm 2023.", ["Trước ngày 15 tháng 12 năm 2023"]),
])
def test_a_task_sentence_gives_its_deadline_only_where_it_says_one(sentence, found):
    assert find(sentence) == found
    assert all(parse(written, 2000) for written in found)


def test_a_written_out_date_is_read():
    assert parse("Trước ngày 15 tháng 12 năm 2023").due == date(2023, 12, 15)
