"""Creating content with one command: the files it writes pass the check, with the clock's date."""

from cchc.content import Layout, load_site
from cchc.new_item import main
from conftest import write

STP = "---\ncode: STP-KH\nname: Sở Tư pháp tỉnh Khánh Hòa\nlevel: so-nganh\nprovince: Khánh Hòa\n---\n"


def test_each_kind_is_created_valid_with_todays_date(small_site, monkeypatch, capsys):
    monkeypatch.setenv("CCHC_NOW", "2026-11-25T23:30")  # late evening in Hà Nội, already the 25th there
    write(small_site, "docs/co-quan/stp-kh.md", STP)
    root = ["--root", str(small_site)]
    assert main(["tin-tuc", "--title", "Sở Tư pháp tập huấn “một cửa” cho công chức", "--department", "STP-KH", *root]) == 0
    assert main(["van-ban", "--title", "Kế hoạch kiểm soát thủ tục hành chính năm 2027", "--department", "STP-KH",
                 "--type", "kế hoạch", *root]) == 0
    assert main(["thu-tuc", "--title", "Cấp Phiếu lý lịch tư pháp", "--code", "2.000488", "--department", "STP-KH",
                 "--field", "Lý lịch tư pháp", *root]) == 0
    assert main(["co-quan", "--title", "Trung tâm Trợ giúp pháp lý", "--code", "TTTGPL-KH", "--department", "STP-KH",
                 "--level", "don-vi-su-nghiep", *root]) == 0
    news = small_site / "docs/tin-tuc/2026/so-tu-phap-tap-huan-mot-cua-cho-cong-chuc.md"
    text = news.read_text(encoding="utf-8")
    assert "date: 2026-11-25 23:30" in text and "draft: true" in text
    assert (small_site / "plans/2026-ke-hoach-kiem-soat-thu-tuc-hanh-chinh-nam-2027.md").exists()
    assert (small_site / "docs/thu-tuc/2-000488.md").exists() and (small_site / "docs/co-quan/tttgpl-kh.md").exists()
    site = load_site(Layout.at(small_site))
    assert not site.report.errors, site.report.format()
    assert "Đã tạo" in capsys.readouterr().out


def test_an_unknown_department_is_refused_with_the_nearest_codes(small_site, capsys):
    write(small_site, "docs/co-quan/stp-kh.md", STP)
    assert main(["tin-tuc", "--title", "Tin", "--department", "STP-HK", "--root", str(small_site)]) == 2
    assert "không có cơ quan mã 'STP-HK'; có phải: STP-KH" in capsys.readouterr().err
    assert not (small_site / "docs/tin-tuc").exists()


def test_a_department_with_no_province_is_refused_not_written_blank(small_site, capsys):
    assert main(["co-quan", "--title", "Sở Mới", "--code", "SM-KH", "--root", str(small_site)]) == 2
    assert "cần tỉnh của cơ quan: thêm --province" in capsys.readouterr().err
    assert not (small_site / "docs/co-quan/sm-kh.md").exists()
    assert main(["co-quan", "--title", "Sở Mới", "--code", "SM-KH", "--province", "Khánh Hòa", "--root", str(small_site)]) == 0
    assert not load_site(Layout.at(small_site)).report.errors


def test_help_is_vietnamese_with_an_example_per_kind(capsys):
    import pytest

    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("cách dùng: ") and "tùy chọn:" in out and "usage" not in out
    for kind in ("tin-tuc", "van-ban", "thu-tuc", "co-quan"):
        assert f"scripts/new.py {kind} --title" in out
    with pytest.raises(SystemExit):
        main(["van-ban"])
    assert "lỗi: thiếu --title, --department" in capsys.readouterr().err


def test_new_plans_and_procedures_are_drafts_published_nowhere(small_site, capsys):
    from conftest import mkdocs_build

    assert main(["van-ban", "--title", "Kế hoạch thử", "--department", "SNV-KH", "--root", str(small_site)]) == 0
    assert main(["thu-tuc", "--title", "Thủ tục thử", "--code", "9.000001", "--department", "SNV-KH",
                 "--root", str(small_site)]) == 0
    assert not load_site(Layout.at(small_site)).report.errors
    assert mkdocs_build(small_site, env={"CCHC_NOW": "2026-11-25T12:00"}).returncode == 0
    site = small_site / "site"
    assert not (site / "thu-tuc" / "9-000001").exists()
    assert not list((site / "van-ban").glob("*ke-hoach-thu*"))
    for output in ("thu-tuc/procedures.csv", "feeds/van-ban/rss.xml", "co-quan/snv-kh/index.html", "van-ban/index.html"):
        text = (site / output).read_text(encoding="utf-8-sig")
        assert "Thủ tục thử" not in text and "Kế hoạch thử" not in text, output
