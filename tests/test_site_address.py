"""The site's paths joined to its address give what `urljoin` and `urlsplit` give, for any address and path."""

from urllib.parse import urljoin, urlsplit

from cchc.site_address import joining

SITES = ["", "https://cchc.khanhhoa.gov.vn/", "https://cchc.khanhhoa.gov.vn/cong/", "https://cchc.khanhhoa.gov.vn/cong",
         "https://x.gov.vn/?nguon=rss", "https://x.gov.vn/#dau", "HTTPS://X.gov.vn/", "https://x.gov.vn:8443/a/",
         "https://x.gov.vn/a/../b/", "https://x.gov.vn/a/./", "https://x.gov.vn/p;q/", "//x.gov.vn/", "/cong/",
         "https://x.gov.vn/đường/", "file:///srv/site/"]
PATHS = ["", "tin-tuc/", "tin-tuc/2025/cai-cach-hanh-chinh/", "van-ban/2020-489-qd-ubnd-khanh-hoa/", "a/index.html",
         "../x/", "./x/", "x/../y/", "x/./y/", ".well-known/", "/tuyet-doi/", "a:b/", "a?b=c", "a#b", "a b/",
         "%C4%91/", "đường/", "x//y/", "~a/_b-c.d/", "..", "."]


def test_a_path_joined_to_any_site_address_is_what_urljoin_gives():
    for site_url in SITES:
        join = joining(site_url)
        for path in PATHS:
            joined = urljoin(site_url, path)
            assert join(path) == (joined, urlsplit(joined).path), (site_url, path)
