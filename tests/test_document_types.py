"""Document types declared once (cchc/document_types.py), and what reads them."""

import pytest

from cchc import citations, document_types, procedure_shapes, vocab
from cchc.importers import document_layout


@pytest.mark.parametrize("number, doc_type", [
    ("116/KH-UBND", "Kế hoạch"), ("489/QĐ-UBND", "Quyết định"), ("107/2021/NĐ-CP", "Nghị định"),
    ("38-CTr/TU", "Chương trình"), ("18-NQ/TW", "Nghị quyết"), ("01/2021/TT-BNV", "Thông tư"),
    ("345/SNV-CCHC", "Công văn"), ("12/UBND-KT", "Công văn"), ("02/CĐ-UBND", "Công điện"), ("15/GM-STP", "Giấy mời"),
    ("/KH-SNgV", None), ("Kế hoạch", None),
])
def test_the_type_a_symbol_carries(number, doc_type):
    assert document_types.from_symbol(number) == doc_type


def test_every_reader_derives_from_the_one_declaration():
    names = {t.name for t in document_types.TYPES}
    assert set(vocab.DOCUMENT_TYPES) == names and set(citations.DOC_TYPES) == names
    assert set(document_layout.TYPE_HEADINGS.values()) == names
    assert document_types.CODES <= procedure_shapes.TYPES
    # Decree 30/2020, Appendix III, and the legal types an administrative document cites.
    for name in ("Thông cáo", "Dự án", "Biên bản", "Hợp đồng", "Giấy mời", "Nghị định", "Thông tư", "Luật", "Pháp lệnh"):
        assert name in names
    assert citations.find("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ")[0].doc_type == "Nghị định"
