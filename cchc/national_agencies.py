"""Who does what nationally: ministries' symbols and executing agencies' names, as provincial roles.

A national-portal record names its executing agencies in free text (`Sở Tư pháp Thành phố Hà Nội`,
`Phòng Quản lý xuất nhập cảnh Công an tỉnh`) and the ministry that published it in the symbol of its
decision (`630/QĐ-BTP`, `…/QĐ-BCA-C06`). Both are read here as a role (`vocab.AGENCY_ROLES`); each portal
says in its department files which department plays each role, so no province writes a mapping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .registry import name_key

# Ministries and national bodies by the symbol they sign with, and the provincial role that carries out
# what they publish. Former ministries keep their symbol on decisions still in force.
MINISTRIES: dict[str, tuple[str, str]] = {
    "BTP": ("Bộ Tư pháp", "so-tu-phap"),
    "BXD": ("Bộ Xây dựng", "so-xay-dung"),
    "BGTVT": ("Bộ Giao thông vận tải", "so-xay-dung"),  # merged into Bộ Xây dựng, 01/3/2025
    "BCA": ("Bộ Công an", "cong-an-tinh"),
    "BQP": ("Bộ Quốc phòng", "quan-su-tinh"),
    "BNG": ("Bộ Ngoại giao", "so-ngoai-vu"),
    "BNV": ("Bộ Nội vụ", "so-noi-vu"),
    "BLĐTBXH": ("Bộ Lao động - Thương binh và Xã hội", "so-noi-vu"),  # merged into Bộ Nội vụ
    "BTC": ("Bộ Tài chính", "so-tai-chinh"),
    "BKHĐT": ("Bộ Kế hoạch và Đầu tư", "so-tai-chinh"),  # merged into Bộ Tài chính
    "BCT": ("Bộ Công Thương", "so-cong-thuong"),
    "BNNMT": ("Bộ Nông nghiệp và Môi trường", "so-nong-nghiep-moi-truong"),
    "BNNPTNT": ("Bộ Nông nghiệp và Phát triển nông thôn", "so-nong-nghiep-moi-truong"),
    "BTNMT": ("Bộ Tài nguyên và Môi trường", "so-nong-nghiep-moi-truong"),
    "BKHCN": ("Bộ Khoa học và Công nghệ", "so-khoa-hoc-cong-nghe"),
    "BTTTT": ("Bộ Thông tin và Truyền thông", "so-khoa-hoc-cong-nghe"),  # merged into Bộ Khoa học và Công nghệ
    "BGDĐT": ("Bộ Giáo dục và Đào tạo", "so-giao-duc-dao-tao"),
    "BYT": ("Bộ Y tế", "so-y-te"),
    "BVHTTDL": ("Bộ Văn hóa, Thể thao và Du lịch", "so-van-hoa-the-thao-du-lich"),
    "BDTTG": ("Bộ Dân tộc và Tôn giáo", "so-dan-toc-ton-giao"),
    "UBDT": ("Ủy ban Dân tộc", "so-dan-toc-ton-giao"),
    "TTCP": ("Thanh tra Chính phủ", "thanh-tra-tinh"),
    "NHNN": ("Ngân hàng Nhà nước Việt Nam", "ngan-hang-nha-nuoc"),
    "VPCP": ("Văn phòng Chính phủ", "van-phong-ubnd"),
    "BHXH": ("Bảo hiểm xã hội Việt Nam", "bao-hiem-xa-hoi"),
    "TCT": ("Tổng cục Thuế", "thue"),
    "TCHQ": ("Tổng cục Hải quan", "hai-quan"),
    "KBNN": ("Kho bạc Nhà nước", "kho-bac"),
    "TCTK": ("Tổng cục Thống kê", "thong-ke"),
}
# Symbols seen on the portal for the ministries above: misspellings, and units that sign alone.
ALIASES = {"BNNNMT": "BNNMT", "BNN": "BNNPTNT", "QLXNC": "BCA", "BLĐTB": "BLĐTBXH"}
_POLICE_UNIT = re.compile(r"[ACHKX]\d{2}")  # C06, A08, …: units of Bộ Công an

# Executing agencies, as words of their folded name (see `registry.name_key`). The first rule that
# matches gives the role; `UBND cấp tỉnh` is generic: the advising department is the publishing ministry's.
_RULES: list[tuple[re.Pattern, str]] = [(re.compile(pattern), role) for pattern, role in [
    (r"van phong (?:uy ban nhan dan|hoi dong nhan dan)", "van-phong-ubnd"),
    (r"^(?:cuc |chi cuc |co quan )?thi hanh an dan su", "thi-hanh-an-dan-su"),
    (r"so tu phap|tro giup phap ly|phong cong chung", "so-tu-phap"),
    (r"cong an|canh sat|xuat nhap canh|phong chay chua chay|\bqlxnc\b|\bpc\d\d\b|^ca (?:cap|tinh)\b", "cong-an-tinh"),
    (r"(?:bo chi huy|co quan) quan su|quan su tinh|bien phong", "quan-su-tinh"),
    (r"so xay dung|so giao thong|thanh tra giao thong", "so-xay-dung"),
    (r"so tai chinh|so ke hoach va dau tu|dang ky kinh doanh|dang ky dau tu|phong tai chinh ke hoach", "so-tai-chinh"),
    (r"(?:^|\b(?:cuc|chi cuc|co quan|doi)\s)thue(?:\s|$)|^thue (?:tinh|thanh pho|co so|khu vuc)", "thue"),
    (r"hai quan", "hai-quan"),
    (r"kho bac", "kho-bac"),
    (r"ngan hang nha nuoc", "ngan-hang-nha-nuoc"),
    (r"bao hiem xa hoi", "bao-hiem-xa-hoi"),
    (r"(?:^|\b(?:cuc|chi cuc)\s)thong ke(?:\s|$)", "thong-ke"),
    (r"so nong nghiep|so tai nguyen|tai nguyen va moi truong|dang ky dat dai|quan ly dat dai|kiem lam"
     r"|co quan (?:chuyen mon|quan ly nha nuoc) (?:ve )?nong nghiep|chi cuc (?:thu y|chan nuoi|trong trot|bao ve thuc vat"
     r"|thuy san|thuy loi|bien|bao ve moi truong|moi truong|phat trien nong thon|quan ly chat luong|de dieu)",
     "so-nong-nghiep-moi-truong"),
    (r"so noi vu|so lao dong", "so-noi-vu"),
    (r"so y te|chi cuc (?:dan so|an toan ve sinh thuc pham)", "so-y-te"),
    (r"so giao duc", "so-giao-duc-dao-tao"),
    (r"so khoa hoc|so thong tin va truyen thong|chi cuc tieu chuan", "so-khoa-hoc-cong-nghe"),
    (r"so cong thuong|quan ly thi truong", "so-cong-thuong"),
    (r"so van hoa|so du lich|so the thao", "so-van-hoa-the-thao-du-lich"),
    (r"so ngoai vu", "so-ngoai-vu"),
    (r"so dan toc|ban dan toc|ban ton giao", "so-dan-toc-ton-giao"),
    (r"^thanh tra(?: tinh| thanh pho| cap tinh)?$|thanh tra (?:tinh|cap tinh)", "thanh-tra-tinh"),
    (r"ban quan ly (?:cac )?khu (?:kinh te|cong nghiep|che xuat|cong nghe cao)", "ban-quan-ly-khu-kinh-te"),
]]
# A ministry named as the executing agency: the procedure's central part, whose provincial side is its role.
_CENTRAL = {name_key(name): role for name, role in MINISTRIES.values()}
GENERIC_ROLE = "ubnd-tinh"
_GENERIC = re.compile(r"(?:uy ban nhan dan|hoi dong nhan dan) (?:cap )?(?:tinh|thanh pho truc thuoc)")


def _symbol_key(symbol: str) -> str:
    return symbol.upper().replace("Đ", "D")


_BY_KEY = {_symbol_key(code): code for code in MINISTRIES} | {_symbol_key(a): code for a, code in ALIASES.items()}


def symbol(written: str) -> str | None:
    """A ministry's symbol as `MINISTRIES` has it, however written (`bgddt`, `BNNNMT`, `QLXNC`), or None."""
    key = _symbol_key(written)
    return _BY_KEY.get(key) or ("BCA" if _POLICE_UNIT.fullmatch(key) else None)


def ministry(decision: str) -> str | None:
    """The symbol of the ministry that signed a decision (`1234/QĐ-BCA-C06` -> `BCA`), or None."""
    for number in re.split(r"[;,]|\bvà\b", decision or ""):
        if "/" not in number:
            continue
        parts = [p for p in re.split(r"[-\s]+", number.rsplit("/", 1)[-1]) if p]
        # The type comes first (`QĐ`); a ministry after it, maybe with a unit that signs for it (`BCA-C06`).
        found = next(filter(None, map(symbol, parts[1:] + parts[:1])), None)
        if found:
            return found
    return None


@dataclass(frozen=True)
class Agency:
    name: str  # as the record writes it
    role: str | None  # None where no rule knows it
    generic: bool = False  # the provincial People's Committee, which decides on a department's advice
    central: bool = False  # a ministry: its part is done centrally, a provincial agency named beside it goes first


def agency(name: str) -> Agency:
    key = name_key(name)
    if key in _CENTRAL:
        return Agency(name, _CENTRAL[key], central=True)
    for pattern, role in _RULES:
        if pattern.search(key):
            return Agency(name, role)
    if _GENERIC.search(key) or key in ("chu tich uy ban nhan dan tinh", "ubnd tinh"):
        return Agency(name, GENERIC_ROLE, generic=True)
    return Agency(name, None)
