from datetime import datetime, timedelta

import pytest

from cchc.dates import DateError, DocDate, display_date, display_datetime, parse_datetime, parse_doc_date


def test_full_partial_and_year_dates():
    assert parse_doc_date("2020-03-11", partial=True) == DocDate(2020, 3, 11)
    assert parse_doc_date("2024-02", partial=True) == DocDate(2024, 2)
    assert parse_doc_date("2020", partial=True) == DocDate(2020)


def test_display_is_dd_mm_yyyy():
    assert display_date(DocDate(2020, 3, 11)) == "11/03/2020"
    assert display_date(DocDate(2024, 2)) == "tháng 02/2024"
    assert display_date(DocDate(2020)) == "năm 2020"


def test_impossible_day_says_how_many_days_the_month_has():
    with pytest.raises(DateError) as caught:
        parse_doc_date("2023-02-29", partial=False)
    assert "tháng 02/2023 có 28 ngày" in str(caught.value)


def test_vietnamese_order_gets_the_iso_form_as_hint():
    with pytest.raises(DateError) as caught:
        parse_doc_date("11/3/2020", partial=False)
    assert caught.value.hint == "viết theo dạng năm-tháng-ngày: 2020-03-11"


def test_partial_date_refused_where_a_full_one_is_needed():
    with pytest.raises(DateError, match="thiếu ngày"):
        parse_doc_date("2024-02", partial=False)


def test_naive_time_is_vietnam_time():
    moment = parse_datetime("2024-03-05 08:30")
    assert moment.utcoffset() == timedelta(hours=7)
    assert display_datetime(moment) == "08:30, 05/03/2024"


def test_offset_is_converted_to_vietnam_time():
    assert parse_datetime("2024-03-05T01:30:00Z").hour == 8


def test_bad_hour():
    with pytest.raises(DateError, match="giờ"):
        parse_datetime("2024-03-05 25:10")


def test_undated_documents_sort_after_dated_ones_of_their_month():
    assert DocDate(2024, 2).sort_key > DocDate(2024, 2, 29).sort_key
    assert isinstance(parse_datetime("2024-03-05"), datetime)
