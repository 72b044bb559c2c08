"""A page is kept with where the theme's shared parts sit in it, and written again with new ones in their place."""

from cchc import shared_parts


def test_a_hole_names_the_part_and_the_way_its_links_are_written():
    footer, hole = shared_parts.hole("footer", ("", "van-ban/"), ("../", "../van-ban/"))
    assert hole == f"\x00cchc-part:{footer}\x00"
    assert shared_parts.hole("footer", ("", "van-ban/"), ("../../", "../../van-ban/"))[0] != footer  # deeper page
    assert shared_parts.hole("nav", ("", "van-ban/"), ("../", "../van-ban/"))[0] != footer
    # Another set of nav pages: a part made for it never fills a page kept from before it.
    assert shared_parts.hole("footer", ("", "tin-tuc/"), ("../", "../van-ban/"))[0] != footer


def test_fill_then_refill_with_new_parts_is_what_the_theme_would_write():
    nav, nav_hole = shared_parts.hole("nav", ("",), ("../",))
    footer, footer_hole = shared_parts.hole("footer", ("",), ("../",))
    rendered = f"<html>{nav_hole}<main>Nội dung</main>{footer_hole}</html>".encode()
    old = {nav: "<nav>Trang chủ</nav>".encode(), footer: "<footer>Sở Nội vụ</footer>".encode()}
    page, holes = shared_parts.fill(rendered, old)
    assert page == "<html><nav>Trang chủ</nav><main>Nội dung</main><footer>Sở Nội vụ</footer></html>".encode()
    assert [page[start:end] for start, end, _part in holes] == [old[nav], old[footer]]

    new = {nav: b"<nav>Home</nav>", footer: "<footer>Sở Nội vụ tỉnh Khánh Hòa (tên mới)</footer>".encode()}
    again, moved = shared_parts.refill(page, holes, new)
    assert (again, moved) == shared_parts.fill(rendered, new)
    assert shared_parts.refill(page, holes, {nav: b"<nav/>"}) is None  # the footer not made in this build yet


def test_a_page_without_shared_parts_is_as_rendered():
    assert shared_parts.fill(b"<html>trang trong nav</html>", {}) == (b"<html>trang trong nav</html>", [])
    assert shared_parts.refill(b"<html></html>", [], {}) == (b"<html></html>", [])
