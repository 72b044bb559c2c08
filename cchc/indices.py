"""The CCHC indices the portal publishes results of, declared once: their names, what a score is measured in and
out of, and what a change means. Adding an index is a line here (and its results as files), not a renderer change."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Index:
    code: str
    name: str
    short: str
    unit: str  # what a score is measured in: "%" or "điểm"
    maximum: float  # the scale the charts draw to
    publisher: str


INDICES = (
    Index("par-index", "Chỉ số cải cách hành chính", "PAR INDEX", "%", 100, "Bộ Nội vụ"),
    Index("sipas", "Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước", "SIPAS",
          "%", 100, "Bộ Nội vụ"),
    Index("papi", "Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh", "PAPI", "điểm", 80, "UNDP và các cơ quan đối tác"),
    Index("pci", "Chỉ số năng lực cạnh tranh cấp tỉnh", "PCI", "điểm", 100, "Liên đoàn Thương mại và Công nghiệp Việt Nam"),
    Index("ict-index", "Chỉ số sẵn sàng cho phát triển và ứng dụng công nghệ thông tin – truyền thông", "ICT INDEX", "điểm",
          1, "Bộ Thông tin và Truyền thông"),
)
BY_CODE = {i.code: i for i in INDICES}
