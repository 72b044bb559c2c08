"""Pages written from a skeleton equal the theme's own rendering of them, or the theme renders them."""

from __future__ import annotations

import jinja2
import pytest
from markupsafe import Markup

from cchc.skeletons import Skeletons

# What Material's templates do with a page's values, in small: escaped, tags stripped, quoted for a URL, branched on.
BASE = """<title>{{ page.title | striptags }} - Cổng</title>
<link rel="canonical" href="{{ page.canonical_url }}">
{% if page.meta.description %}<meta name="description" content="{{ page.meta.description }}">{% endif %}
{% for feed in page.meta.feeds or [] %}<link rel="alternate" href="{{ feed }}">{% endfor %}
{% if page.toc | first is defined %}<a href="{{ (page.toc | first).url }}" class="skip">Bỏ qua</a>{% endif %}
{% if page.meta.hide and "toc" in page.meta.hide %}{% else %}<nav>{% for item in page.toc %}
<a href="{{ item.url }}">{{ item.title }}</a>{% for child in item.children %}<a href="{{ child.url }}" \
aria-label="{{ child.title | striptags | e }}">{{ child.title }}</a>{% endfor %}{% endfor %}</nav>{% endif %}
<a href="mailto:?subject={{ page.title | urlencode }}">Gửi</a>
{% if "<h1" not in page.content %}<h1>{{ page.title }}</h1>{% endif %}
<article>{{ page.content }}</article>
"""


class Item:
    def __init__(self, title, id, level=2, children=()):
        self.title, self.id, self.level, self.children = Markup(title), id, level, list(children)

    @property
    def url(self):
        return "#" + self.id


class Page:
    is_homepage, edit_url, previous_page, next_page, parent, ancestors = False, None, None, None, None, []

    def __init__(self, slug, title, content="<p>Nội dung</p>", toc=(), folder="van-ban", **meta):
        self.url = f"{folder}/{slug}/"
        self.canonical_url = f"https://cchc.example.gov.vn/{self.url}"
        self.title, self.content, self.toc = title, Markup(content), list(toc)
        self.meta = {"title": title, **meta}
        self.abs_url = "/" + self.url


def build(pages, template=BASE, skeletons=None):
    """Every page as the hooks write it: from its skeleton where it has one, else by the theme. Each is checked
    against the theme's own rendering; returns the skeletons and how many pages they wrote."""
    env = jinja2.Environment(autoescape=True)
    compiled = env.from_string(template)
    skeletons = skeletons or Skeletons()

    def render(page):
        return compiled.render(page=page)

    filled = []
    for page in pages:
        output = skeletons.fill(page, "main.html", render)
        if output is None:
            output = render(page)
            skeletons.rendered(page, "main.html", output)
        else:
            filled.append(page.url)
        assert output == render(page), page.url
    return skeletons, filled


def many(count, **meta):
    return [Page(f"kh-{n}", f"Kế hoạch {n} về \"cải cách\" & <số hóa>  hồ sơ", toc=[
        Item(f"Mục {n}", f"muc-{n}", children=[Item(f"Tiểu mục <em>{n}</em> &amp; thêm", f"tieu-muc-{n}", 3)])],
                 **meta) for n in range(count)]


def test_pages_of_one_shape_are_written_from_their_skeleton_once_two_renderings_agree():
    _skeletons, filled = build(many(6, description="Mô tả 'trích dẫn' <b>đậm</b>"))
    assert filled == [f"van-ban/kh-{n}/" for n in range(2, 6)]


def test_each_value_the_templates_branch_on_makes_a_shape_of_its_own():
    pages = many(4) + many(4, hide=["toc"]) + many(4, feeds=["https://cchc.example.gov.vn/feeds/a.xml"])
    pages += [Page(f"co-h1-{n}", f"Trang {n}", content=f"<h1>Trang {n}</h1><p>x</p>") for n in range(4)]
    pages += [Page(f"khong-muc-luc-{n}", f"Trang {n}") for n in range(4)]
    pages += [Page(f"o-cho-khac-{n}", f"Trang {n}", folder="tin-tuc/2026") for n in range(4)]
    pages += [Page(f"mo-ta-rong-{n}", f"Trang {n}", description="") for n in range(4)]
    _skeletons, filled = build(pages)
    assert len(filled) == 7 * 2


def test_a_template_printing_what_is_not_a_page_slot_never_uses_a_skeleton():
    for template in (BASE + "{{ page.url }}", BASE + "{{ page.abs_url }}", BASE + "{{ page.title | upper }}",
                     BASE + "{{ page.title | truncate(12) }}", BASE + "{{ page.meta.title[:5] }}"):
        _skeletons, filled = build(many(6), template)
        assert filled == [], template


def test_a_front_matter_value_the_templates_read_is_part_of_the_shape():
    pages = [Page(f"tin-{n}", f"Tin {n}", department=f"SO{n % 2}") for n in range(8)]
    template = BASE + "<p>{{ page.meta.department }}</p>"
    skeletons, filled = build(pages, template)
    assert len(filled) == 4  # two shapes, each trusted after two renderings
    _skeletons, filled = build([Page("tin-x", "Tin x", department="SO0")], template, skeletons)
    assert filled == ["van-ban/tin-x/"]


def test_a_shape_for_each_page_costs_a_bounded_number_of_probes():
    probes = []

    class Counting(Skeletons):
        @staticmethod
        def _probe(page, values, render, read):
            probes.append(page.url)
            return Skeletons._probe(page, values, render, read)

    pages = [Page(f"so-{n}", f"Sở {n}", feeds=[f"https://cchc.example.gov.vn/feeds/so-{n}.xml"]) for n in range(50)]
    _skeletons, filled = build(pages + many(6), skeletons=Counting())
    assert filled == [f"van-ban/kh-{n}/" for n in range(2, 6)]  # the departments did not use up the others' probes
    assert len(probes) < 10


@pytest.mark.parametrize("title", ["", "Trang\n  có   khoảng trắng ", "<script>alert(1)</script>", "A & B &amp; C"])
def test_any_title_is_written_as_the_theme_writes_it(title):
    pages = [Page(f"p-{n}", f"Trang {n}") for n in range(3)] + [Page("dac-biet", title)]
    build(pages)


def test_a_template_reading_what_the_shape_does_not_hold_never_uses_a_skeleton():
    pages = many(4)
    for number, page in enumerate(pages):
        page.weight = number // 2  # the same on the two pages that would make a skeleton trusted
    _skeletons, filled = build(pages, BASE + "{{ page.weight }}")
    assert filled == []


def test_a_value_given_as_text_is_escaped_where_one_given_as_html_is_not():
    pages = [Page(f"p-{n}", Markup(f"Trang <em>{n}</em> &amp; khác")) for n in range(3)]
    pages.append(Page("van-ban-thuong", "Trang <script>alert(1)</script> & khác"))  # text: its own shape
    _skeletons, filled = build(pages)
    assert filled == ["van-ban/p-2/"]
