from datetime import datetime

import feedparser

from cchc.clock import TZ
from cchc.feeds import Feed, FeedItem, absolute_html, render

SITE = "https://cchc.example.gov.vn/"


def item(day: int) -> FeedItem:
    url = f"{SITE}tin-tuc/2024/tin-{day}/"
    return FeedItem(f"Tin ngày {day}", url, datetime(2024, 3, day, 8, 30, tzinfo=TZ),
                    '<p>Xem <a href="../../../van-ban/">văn bản</a> <img src="anh.png"></p>',  # as on its page
                    f"Tóm tắt {day}", "Sở Nội vụ tỉnh Khánh Hòa", ("Thông báo",))


FEED = Feed("tin-tuc", "Tin tức", "Tin tức cải cách hành chính", f"{SITE}tin-tuc/", [item(5), item(20), item(12)])


def test_links_in_content_become_absolute():
    assert absolute_html('<a href="../x/">a</a><a href="#b">b</a>', f"{SITE}tin-tuc/a/") == (
        f'<a href="{SITE}tin-tuc/x/">a</a><a href="{SITE}tin-tuc/a/#b">b</a>')


def test_rss_and_atom_parse_cleanly_newest_first():
    files = render(FEED, SITE, limit=10)
    for path in ["feeds/tin-tuc/rss.xml", "feeds/tin-tuc/atom.xml"]:
        parsed = feedparser.parse(files[path])
        assert not parsed.bozo, parsed.bozo_exception
        assert parsed.feed.link == f"{SITE}tin-tuc/"
        assert [e.title for e in parsed.entries] == ["Tin ngày 20", "Tin ngày 12", "Tin ngày 5"]
        first = parsed.entries[0]
        assert first.link == first.id == f"{SITE}tin-tuc/2024/tin-20/"
        assert first.author == "Sở Nội vụ tỉnh Khánh Hòa"
        assert 'href="https://cchc.example.gov.vn/van-ban/"' in first.content[0].value  # made absolute by `render`
        assert f'src="{SITE}tin-tuc/2024/tin-20/anh.png"' in first.content[0].value
        assert first.summary == "Tóm tắt 20"
        self_links = [link for link in parsed.feed.links if link.rel == "self"]
        assert [link.href for link in self_links] == [SITE + path]


def test_dates_carry_the_vietnam_offset_and_come_from_content():
    files = render(FEED, SITE, limit=10)
    rss = files["feeds/tin-tuc/rss.xml"].decode()
    assert "<lastBuildDate>Wed, 20 Mar 2024 08:30:00 +0700</lastBuildDate>" in rss
    assert "<pubDate>Wed, 20 Mar 2024 08:30:00 +0700</pubDate>" in rss
    atom = files["feeds/tin-tuc/atom.xml"].decode()
    assert "<updated>2024-03-20T08:30:00+07:00</updated>" in atom
    assert '<content type="html">' in atom


def test_json_feed_1_1():
    import json

    data = json.loads(render(FEED, SITE, limit=2)["feeds/tin-tuc/feed.json"])
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["feed_url"] == f"{SITE}feeds/tin-tuc/feed.json"
    assert [i["id"] for i in data["items"]] == [f"{SITE}tin-tuc/2024/tin-20/", f"{SITE}tin-tuc/2024/tin-12/"]
    assert data["items"][0]["date_published"] == "2024-03-20T08:30:00+07:00"
    assert f'<a href="{SITE}van-ban/">' in data["items"][0]["content_html"]


def test_limit_and_identical_output():
    first, second = render(FEED, SITE, limit=1), render(FEED, SITE, limit=1)
    assert first == second
    for path in ("feeds/tin-tuc/rss.xml", "feeds/tin-tuc/atom.xml"):  # the newest item is the one kept
        assert [e.title for e in feedparser.parse(first[path]).entries] == ["Tin ngày 20"]


def test_an_empty_feed_is_the_same_in_every_time_zone(monkeypatch):
    import time

    empty = Feed("trong", "Trống", "Chưa có tin", f"{SITE}trong/", [])
    outputs = []
    for zone in ("UTC", "Asia/Ho_Chi_Minh", "America/New_York"):
        monkeypatch.setenv("TZ", zone)
        time.tzset()
        outputs.append(render(empty, SITE, 20))
    monkeypatch.delenv("TZ")
    time.tzset()
    assert outputs[0] == outputs[1] == outputs[2]
    assert b"+07:00" in outputs[0]["feeds/trong/atom.xml"]


def test_each_feed_makes_only_its_newest_items_and_the_same_ones_render_would_keep():
    from pathlib import Path

    from cchc import subscriptions
    from cchc.content import Layout, load_site
    from cchc.content import url_of as content_url

    repo = Path(__file__).resolve().parent.parent
    site = load_site(Layout.at(repo))
    every = subscriptions.build_feeds(site, "https://cchc.example.gov.vn/", {}, 10**6)
    newest = subscriptions.build_feeds(site, "https://cchc.example.gov.vn/", {}, 3)
    assert [f.slug for f in every] == [f.slug for f in newest]
    for full, short in zip(every, newest):
        ordered = sorted(full.items, key=lambda i: (i.published, i.url), reverse=True)
        assert list(short.items) == ordered[:3], full.slug
    assert sum(len(f.items) for f in every) > sum(len(f.items) for f in newest)
    # The pages whose HTML a build keeps for its feeds are those the feeds carry, and only those.
    url_of = {f"https://cchc.example.gov.vn/{content_url(uri)}": uri for uri in site.pages}
    assert subscriptions.carried(site, "https://cchc.example.gov.vn/", 3) == {
        url_of[i.url] for f in newest for i in f.items}


def test_a_feed_is_kept_under_everything_it_is_made_from():
    from dataclasses import fields, replace

    from cchc.feeds import inputs

    kept = inputs(FEED, SITE, 10)
    assert inputs(Feed(**{f.name: getattr(FEED, f.name) for f in fields(Feed)}), SITE, 10) == kept
    assert inputs(FEED, SITE, 9) != kept and inputs(FEED, "https://khac.gov.vn/", 10) != kept
    for field in fields(Feed):  # a change to the feed's every field, or any item's, is another feed
        changed = [item(6)] if field.name == "items" else "khác"
        assert inputs(replace(FEED, **{field.name: changed}), SITE, 10) != kept, field.name
    for field in fields(FeedItem):
        value = getattr(FEED.items[1], field.name)
        changed = (value.replace(minute=31) if isinstance(value, datetime)
                   else ("Khác",) if isinstance(value, tuple) else value + "x")
        edited = replace(FEED, items=[FEED.items[0], replace(FEED.items[1], **{field.name: changed}), FEED.items[2]])
        assert inputs(edited, SITE, 10) != kept, field.name


def test_an_item_named_by_its_source_is_read_only_when_its_feed_is_made_again():
    """A page not converted again gives its feeds its parts' key, not its HTML: the key stands for the HTML."""
    from dataclasses import replace

    from cchc.feeds import inputs

    pages = {f"trang-{n}": it.html for n, it in enumerate(FEED.items)}
    given = replace(FEED, items=[replace(it, source=f"trang-{n}") for n, it in enumerate(FEED.items)])
    named = replace(FEED, items=[replace(it, html=None) for it in given.items])
    assert inputs(named, SITE, 10) == inputs(given, SITE, 10) != inputs(FEED, SITE, 10)
    edited = replace(named, items=[replace(named.items[0], source="trang-0-moi"), *named.items[1:]])
    assert inputs(edited, SITE, 10) != inputs(named, SITE, 10)  # an edit is another key, so another feed
    read = []
    assert render(named, SITE, 10, lambda source: read.append(source) or pages[source]) == render(FEED, SITE, 10)
    assert sorted(read) == sorted(pages)


def test_an_item_in_several_feeds_is_read_once_and_each_feed_is_as_made_alone():
    """The feeds of a build share the items' HTML made absolute: each item is read from the cache once."""
    from dataclasses import replace

    pages = {f"trang-{n}": it.html for n, it in enumerate(FEED.items)}
    named = replace(FEED, items=[replace(it, html=None, source=f"trang-{n}") for n, it in enumerate(FEED.items)])
    other = replace(named, slug="co-quan/so-noi-vu", title="Sở Nội vụ", items=named.items[::2])
    read, made = [], {}

    def reading(source):
        read.append(source)
        return pages[source]

    together = [render(feed, SITE, 10, reading, made) for feed in (named, other)]
    assert together == [render(feed, SITE, 10, pages.__getitem__) for feed in (named, other)]
    assert sorted(read) == sorted(pages)  # the second feed's items were made for the first
