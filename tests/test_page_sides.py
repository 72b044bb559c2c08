"""A page's HTML and search texts, kept beside its parts and read back by the theme, the feeds and the search process."""

import pytest

from cchc import page_sides
from cchc.build_cache import Cache


def test_the_html_and_texts_kept_are_read_back_by_each_reader(tmp_path):
    cache = Cache(tmp_path / "c", "code")
    cache.keep_parts("tin", {"search": True}, *page_sides.sides("<p>Đường</p>", ("Đường", "Đường")))
    cache.keep_parts("trang", {"search": False}, *page_sides.sides("<p>Liên hệ</p>", ()))
    cache.close()
    again = Cache(tmp_path / "c", "code")
    assert page_sides.kept_html(again, "tin") == "<p>Đường</p>" and page_sides.kept_html(again, "trang") == "<p>Liên hệ</p>"
    read = page_sides.kept_texts(again)
    assert read("tin") == ("Đường", "Đường")
    for missing in ("trang", "khong-co"):  # not a search document, or not kept: said, never an empty text
        with pytest.raises(LookupError, match="xóa .cache/"):
            read(missing)
