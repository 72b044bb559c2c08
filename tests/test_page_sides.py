"""A page's HTML and search texts, kept beside its parts and read back by the theme, the feeds and the search process."""

import pytest

from cchc import page_sides, search
from cchc.build_cache import Cache


def test_the_html_kept_is_read_back_by_each_reader_and_the_texts_are_the_build_s(tmp_path):
    page_html = ('<h1>Đăng ký</h1><div class="cchc-meta"><dl><dt>Cơ quan</dt><dd>Sở Nội vụ</dd></dl></div>'
                 '<p>Cải cách <a class="headerlink" href="#x">¶</a>hành chính</p>')
    cache = Cache(tmp_path / "c", "code")
    cache.keep_parts("tin", {"search": True}, page_html)
    cache.close()
    again = Cache(tmp_path / "c", "code")
    assert page_sides.kept_html(again, "tin") == page_html
    text, passages = page_sides.kept_texts(again)("tin")  # as the build read them from the page it converted
    assert (text, passages) == search.texts(page_html) and "Sở Nội vụ" in text and "Sở Nội vụ" not in passages
    with pytest.raises(LookupError, match="xóa .cache/"):  # not kept: said, never an empty text
        page_sides.kept_texts(again)("khong-co")
