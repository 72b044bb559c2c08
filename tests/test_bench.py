"""The benchmark keeps working: a tiny run builds its synthetic portal and reports every figure (no timing asserted)."""

import sys

from conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
import bench  # noqa: E402


def test_a_small_benchmark_run_reports_every_figure(monkeypatch):
    monkeypatch.setattr(bench, "QUERIES", ["cai cach hanh chinh"])
    result = bench.bench(60, search_only=False)
    assert result["counts"] == {"department": 5, "plan": 6, "procedure": 18, "news": 31}
    assert result["build"]["wall_s"] > 0 and result["floor"]["wall_s"] > 0 and result["ratio"] > 0
    assert result["sizes"]["pages"] > 60 and result["sizes"]["search_index_mb"] > 0
    for edit in ("news", "plan", "department"):
        assert result[f"rebuild_{edit}"]["wall_s"] > 0 and result[f"rebuild_{edit}"]["equals_full"] is True
    assert result["sizes"]["cache_mb"] > 0
    assert 0 < result["search"]["first_query_kb"]["cai cach hanh chinh"] < result["search"]["material_first_query_kb"]
    table = bench.table([result])
    assert "| build ÷ floor" in table and "N = 60" in table and "department edit" in table
