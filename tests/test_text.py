from cchc.text import fold, heading_slug, is_slug, nfc, slugify


def test_slug_keeps_d_from_đ():
    assert slugify("Đăng ký đất đai") == "dang-ky-dat-dai"


def test_slug_of_a_document_symbol():
    assert slugify("489/QĐ-UBND") == "489-qd-ubnd"


def test_slug_is_cut_at_a_word_boundary():
    slug = slugify("Thực hiện công tác thông tin tuyên truyền và phát động phong trào thi đua", max_length=30)
    assert slug == "thuc-hien-cong-tac-thong-tin"


def test_fold_removes_tones_and_đ_in_nfc_and_nfd():
    assert fold("CẢI CÁCH Đăng ký") == "cai cach dang ky"
    assert fold("cải cách".encode().decode()) == fold(__import__("unicodedata").normalize("NFD", "cải cách"))


def test_heading_anchor_reads_well():
    assert heading_slug("II. NỘI DUNG, HÌNH THỨC TUYÊN TRUYỀN", "-") == "ii-noi-dung-hinh-thuc-tuyen-truyen"


def test_nfc_composes_combining_marks():
    assert nfc("Vie\u0302\u0323t") == "Việt"


def test_vietnamese_dictionary_order():
    from cchc.text import vietnamese_order

    names = ["Tỉnh đoàn", "Đài Phát thanh", "Bưu điện", "Bảo hiểm xã hội", "Báo Khánh Hòa", "Ban quản lý", "Cục Thuế",
             "Công an", "Ủy ban nhân dân", "Uỷ ban", "Ưu tiên"]
    assert sorted(names, key=vietnamese_order) == [
        "Ban quản lý", "Bảo hiểm xã hội", "Báo Khánh Hòa", "Bưu điện", "Công an", "Cục Thuế", "Đài Phát thanh",
        "Tỉnh đoàn", "Uỷ ban", "Ủy ban nhân dân", "Ưu tiên"]
    assert sorted("b ạ á ã ả à a ă â".split(), key=vietnamese_order) == "a à ả ã á ạ ă â b".split()


def test_a_slug_is_told_as_slugify_tells_it():
    names = ["dang-ky", "1-000688", "index-2", "Dang-ky", "đăng-ký", "dang--ky", "-dang", "dang-", "dang_ky",
             "a" * 80, "a" * 81, "ab-" * 30 + "c", "tin tuc", ""]
    assert [is_slug(name) for name in names] == [slugify(name) == name for name in names]
    assert [is_slug(name) for name in names[:3]] == [True, True, True]
