"""The MkDocs adapter's own behaviour where a build cannot show it: the preview stopping a save's outputs."""

import importlib.util

import pytest

from cchc import build_cache, content
from conftest import REPO


@pytest.fixture(scope="module")
def hooks():
    spec = importlib.util.spec_from_file_location("cchc_portal_hooks", REPO / "hooks" / "portal.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _outputs(hooks, small_site):
    site = content.load_site(content.Layout.at(small_site, small_site / "docs"))
    pages = {uri: f"<p>{entry.src_uri}</p>" for uri, entry in site.pages.items()}
    texts = {uri: (entry.src_uri, entry.src_uri, "", "") for uri, entry in site.pages.items()}
    return hooks._Outputs(site, pages, {}, texts, dict.fromkeys(pages, "Trang"), {}, build_cache.Cache(None, ""),
                          "https://cchc.example.vn/", 20)


def test_a_newer_save_stops_the_outputs_being_made_and_nothing_is_written(hooks, small_site, tmp_path):
    made, served = _outputs(hooks, small_site), tmp_path / "site"
    served.mkdir()
    made.stop()  # a newer save, before these outputs were started
    with pytest.raises(hooks._Stopped):
        made.write(served, set())
    assert list(served.iterdir()) == []


def test_outputs_not_stopped_are_written_with_the_record_last(hooks, small_site, tmp_path):
    served = tmp_path / "site"
    written = _outputs(hooks, small_site).write(served, set())
    assert "search/manifest.json" in written and any(path.startswith("feeds/") for path in written)
    assert (served / ".cchc-sources.json").exists()
