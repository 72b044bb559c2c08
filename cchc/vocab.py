"""Controlled vocabularies: the six CCHC areas, document types, department levels, news categories."""

from . import document_types

# The six areas of the State administrative reform programme (Nghị quyết 76/NQ-CP), as listed in
# the first footnote of the Sở Ngoại vụ Kiên Giang plan for 2024.
CCHC_AREAS = {
    "the-che": "Cải cách thể chế",
    "thu-tuc-hanh-chinh": "Cải cách thủ tục hành chính",
    "to-chuc-bo-may": "Cải cách tổ chức bộ máy",
    "che-do-cong-vu": "Cải cách chế độ công vụ",
    "tai-chinh-cong": "Cải cách tài chính công",
    "chinh-quyen-so": "Xây dựng chính quyền điện tử, chính quyền số",
}

# Document types and their symbol codes, as declared in cchc/document_types.py.
DOCUMENT_TYPES = {t.name: t.code for t in document_types.TYPES}

DEPARTMENT_LEVELS = {
    "tinh": "Cấp tỉnh (Ủy ban nhân dân tỉnh)",
    "so-nganh": "Sở, ban, ngành cấp tỉnh",
    "nganh-doc": "Cơ quan ngành dọc trên địa bàn",
    "huyen": "Cấp huyện",
    "xa": "Cấp xã",
    "don-vi-su-nghiep": "Đơn vị sự nghiệp, doanh nghiệp nhà nước",
    "to-chuc-chinh-tri": "Cơ quan Đảng, Mặt trận và đoàn thể",
}

NEWS_CATEGORIES = CCHC_AREAS | {
    "tin-hoat-dong": "Tin hoạt động",
    "chi-dao-dieu-hanh": "Chỉ đạo, điều hành",
    "thong-bao": "Thông báo",
    "mo-hinh-sang-kien": "Mô hình, sáng kiến",
    "hoi-dap": "Hỏi đáp",
}

# Administrative procedures, as the national procedure database names them.
PROCEDURE_LEVELS = {
    "cap-bo": "Cấp bộ",
    "cap-tinh": "Cấp tỉnh",
    "cap-xa": "Cấp xã",
    "co-quan-khac": "Cơ quan khác",
}
CHANNELS = {
    "truc-tiep": "Trực tiếp",
    "truc-tuyen": "Trực tuyến",
    "buu-chinh": "Dịch vụ bưu chính",
}
ONLINE_LEVELS = {
    "toan-trinh": "Toàn trình",
    "mot-phan": "Một phần",
}

# The part a provincial body plays for the procedures that ministries publish nationally. A department
# file says which roles it plays (`roles:`); the procedure importer gives each record to the department
# that plays the role of its executing agency or, failing that, of its publishing ministry
# (see `national_agencies.py`).
AGENCY_ROLES = {
    "ubnd-tinh": "Ủy ban nhân dân tỉnh",
    "van-phong-ubnd": "Văn phòng Ủy ban nhân dân tỉnh",
    "so-noi-vu": "Sở Nội vụ",
    "so-tu-phap": "Sở Tư pháp",
    "so-tai-chinh": "Sở Tài chính",
    "so-cong-thuong": "Sở Công Thương",
    "so-nong-nghiep-moi-truong": "Sở Nông nghiệp và Môi trường",
    "so-xay-dung": "Sở Xây dựng",
    "so-khoa-hoc-cong-nghe": "Sở Khoa học và Công nghệ",
    "so-giao-duc-dao-tao": "Sở Giáo dục và Đào tạo",
    "so-y-te": "Sở Y tế",
    "so-van-hoa-the-thao-du-lich": "Sở Văn hóa, Thể thao và Du lịch",
    "so-ngoai-vu": "Sở Ngoại vụ",
    "so-dan-toc-ton-giao": "Sở Dân tộc và Tôn giáo",
    "thanh-tra-tinh": "Thanh tra tỉnh",
    "ban-quan-ly-khu-kinh-te": "Ban Quản lý khu kinh tế, khu công nghiệp",
    "cong-an-tinh": "Công an tỉnh",
    "quan-su-tinh": "Bộ Chỉ huy Quân sự tỉnh",
    "thi-hanh-an-dan-su": "Thi hành án dân sự tỉnh",
    "thue": "Thuế tỉnh",
    "hai-quan": "Hải quan",
    "kho-bac": "Kho bạc Nhà nước",
    "ngan-hang-nha-nuoc": "Ngân hàng Nhà nước chi nhánh, khu vực",
    "bao-hiem-xa-hoi": "Bảo hiểm xã hội tỉnh",
    "thong-ke": "Thống kê tỉnh",
}
