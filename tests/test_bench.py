"""The benchmark keeps working: a tiny run builds its synthetic portal and reports every figure (no timing asserted)."""

import sys

from conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
import bench  # noqa: E402


def test_a_small_benchmark_run_reports_every_figure(monkeypatch):
    monkeypatch.setattr(bench, "QUERIES", ["cai cach hanh chinh"])
    result = bench.bench(60, search_only=False, preview_only=False, rounds=3)
    assert result["counts"] == {"department": 5, "plan": 6, "procedure": 18, "news": 31}
    assert result["build"]["wall_s"] > 0 and result["floor"]["wall_s"] > 0
    # Three floors and builds side by side: the ratio shown is the middle one, and is that of the figures shown.
    assert len(result["ratios"]) == 3 and result["ratio"] == sorted(result["ratios"])[1]
    assert result["ratio"] == result["build"]["wall_s"] / result["floor"]["wall_s"]
    assert result["sizes"]["pages"] > 60 and result["sizes"]["search_index_mb"] > 0
    for edit in [*bench.EDITS, "ci"]:
        assert result[f"rebuild_{edit}"]["wall_s"] > 0 and result[f"rebuild_{edit}"]["equals_full"] is True
    assert result["sizes"]["cache_mb"] > 0
    assert result["build"]["peak_together_mb"] > 0  # the build's memory and its search process's, sampled
    assert 0 < result["search"]["first_query_kb"]["cai cach hanh chinh"] < result["search"]["material_first_query_kb"]
    table = bench.table([result])
    assert "| build ÷ floor" in table and "N = 60" in table and "department edit" in table and "3 pairs)" in table
    assert "| rebuild after an edit of the portal's own department (named in every footer)" in table
    assert "| rebuild as a CI job runs it (checkout, cache restored, no site), after a news edit" in table
    assert result["check"]["wall_s"] > 0 and result["rebuild_ci"]["check_wall_s"] > 0
    assert "| content check (`make check`): no cache / in that CI job, before its build, s" in table
    # MkDocs and Material alone, the pages out of the nav not written: the nav's own, the home page and 404.
    assert result["rebuild_floor"]["wall_s"] > 0 and 0 < result["rebuild_floor"]["pages"] <= 6
    assert "| rebuild floor: MkDocs and Material alone, every page out of the nav unchanged, s" in table
    # Three news rebuilds, each beside the rebuild floor: the middle ratio, and the figures of its pair.
    news = result["rebuild_news"]
    assert len(news["ratios"]) == 3 and news["ratio"] == sorted(news["ratios"])[1]
    assert news["ratio"] == news["wall_s"] / result["rebuild_floor"]["wall_s"]
    assert "| rebuild after a news edit ÷ rebuild floor" in table


def test_the_preview_is_timed_from_each_save_to_the_page_showing_it_and_to_the_site_built_again(tmp_path):
    bench.generate(tmp_path / "portal", 60)
    figures = bench.preview(tmp_path / "portal", rounds=1)
    assert all(0 < figures[edit] <= figures[f"{edit}_site"] and len(figures["all"][edit]) == 1
               for edit in bench.EDITS)
    assert "sửa lần 1" in (tmp_path / "portal" / "plans" / sorted(p.name for p in (tmp_path / "portal/plans").iterdir())[0]
                           ).read_text(encoding="utf-8")
    assert 0 < figures["rss_mb"] <= figures["peak_rss_mb"]  # the preview process's memory once the saves are made
    table = bench.table([{"docs": 60, "preview": figures}])
    assert "| preview after a plan edit: page, whole site, s" in table and "| preview process at its peak, MB" in table


def test_the_department_edited_is_not_the_portals_own_which_is_edited_on_its_own(tmp_path):
    bench.generate(tmp_path / "portal", 60)
    edited = {name: path for name, path, _edit, _shows in bench._edits(tmp_path / "portal")}
    assert list(edited) == list(bench.EDITS)
    operator = bench._operator(tmp_path / "portal")
    assert f"code: {operator}" in edited["operator"].read_text(encoding="utf-8")
    assert edited["department"].parent == edited["operator"].parent and edited["department"] != edited["operator"]
