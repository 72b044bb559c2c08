"""The CI files lint clean against the forges' schemas and say what the editors rely on."""

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO

LINT = Path(sys.executable).parent / "check-jsonschema"
FILES = [(".github/workflows/publish.yml", "vendor.github-workflows"), (".gitlab-ci.yml", "vendor.gitlab-ci")]


@pytest.mark.parametrize("path, schema", FILES)
def test_pipelines_lint_clean(path, schema):
    result = subprocess.run([str(LINT), "--builtin-schema", schema, str(REPO / path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_linter_fails_a_broken_workflow(tmp_path):
    broken = tmp_path / "publish.yml"
    broken.write_text("on: push\njobs:\n  build:\n    steps: []\n", encoding="utf-8")  # no runs-on
    result = subprocess.run([str(LINT), "--builtin-schema", "vendor.github-workflows", str(broken)], capture_output=True)
    assert result.returncode != 0


def test_github_stages_schedule_and_no_deploy_from_pull_requests():
    workflow = yaml.safe_load((REPO / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"] and "pull_request" in triggers
    assert triggers["schedule"] == [{"cron": "5 17 * * *"}]  # 00:05 in Asia/Ho_Chi_Minh
    steps = [s.get("run") for s in workflow["jobs"]["build"]["steps"]]
    assert [s for s in steps if s][:3] == ["make check", "make build", "make site-check"]
    assert "pull_request" in workflow["jobs"]["deploy"]["if"] and workflow["jobs"]["deploy"]["needs"] == "build"
    assert workflow["jobs"]["build"]["steps"][0]["with"]["fetch-depth"] == 1


def test_gitlab_stages_in_order_and_pages_only_from_the_default_branch():
    pipeline = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert pipeline["stages"] == ["check", "build", "site-check", "deploy"]
    assert [pipeline[job]["script"][0] for job in ("check", "build", "site-check")] == ["make check", "make build", "make site-check"]
    assert "merge_request_event" in pipeline["pages"]["rules"][0]["if"] and pipeline["variables"]["GIT_DEPTH"] == "1"


def test_the_daily_schedule_is_kept_alive_on_github():
    workflow = yaml.safe_load((REPO / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    keepalive = workflow["jobs"]["keepalive"]
    assert keepalive["if"] == "github.event_name == 'schedule'" and keepalive["permissions"] == {"actions": "write"}
    assert "actions/workflows/publish.yml/enable" in keepalive["steps"][0]["run"]


def test_publishing_installs_only_what_building_needs(tmp_path):
    import shutil

    for name in ("Makefile", "requirements.txt", "requirements-dev.txt", "pyproject.toml"):
        shutil.copy(REPO / name, tmp_path / name)
    build = subprocess.run(["make", "-n", "build"], cwd=tmp_path, capture_output=True, text=True).stdout
    test = subprocess.run(["make", "-n", "test"], cwd=tmp_path, capture_output=True, text=True).stdout
    assert "-r requirements.txt" in build and "requirements-dev.txt" not in build
    assert "-r requirements-dev.txt" in test


def test_both_forges_keep_the_build_cache_between_builds():
    workflow = yaml.safe_load((REPO / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    cache = next(s for s in steps if str(s.get("uses", "")).startswith("actions/cache@"))
    assert cache["with"]["path"].split() == [".cache/cchc", ".cache/vendor"] and cache["with"]["restore-keys"] == "cchc-build-"
    # Restored before the content check too, which then checks only the sources no build checked (cchc/check.py).
    assert steps.index(cache) < [s.get("run") for s in steps].index("make check")
    pipeline = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert [".cache/cchc", ".cache/vendor"] in [c["paths"] for c in pipeline["build"]["cache"]]
    assert [".cache/pip", ".venv"] in [c["paths"] for c in pipeline["build"]["cache"]]


def test_each_command_compiles_the_portals_code_before_its_processes_import_it(tmp_path):
    """With PYTHONDONTWRITEBYTECODE set (as on the project's CI machines), a build, its search process and each build
    a test starts would each compile `cchc` and the hooks again from source: the Makefile compiles them first."""
    import importlib.util
    import shutil

    for name in ("Makefile", "requirements.txt", "requirements-dev.txt", "pyproject.toml"):
        shutil.copy(REPO / name, tmp_path / name)
    for folder in ("cchc", "hooks"):
        shutil.copytree(REPO / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / ".venv").mkdir()
    for ready in (".ready-build", ".ready-test"):  # installed: `make -n` shows each command's own lines
        (tmp_path / ".venv" / ready).touch()
    compiled = ".venv/bin/python -m compileall -q cchc hooks"
    for command in ("build", "serve", "test", "check"):
        shown = subprocess.run(["make", "--no-print-directory", "-n", command], cwd=tmp_path, capture_output=True,
                               text=True)  # under `make test` too, whose make would say which folder it enters
        lines = shown.stdout.splitlines()
        assert lines[0] == compiled and lines[1].startswith(".venv/bin/python -m ")
    subprocess.run([sys.executable, *compiled.split()[1:]], cwd=tmp_path, check=True,
                   env={"PYTHONDONTWRITEBYTECODE": "1", "PATH": "/usr/bin:/bin"})
    sources = [*(tmp_path / "cchc").rglob("*.py"), *(tmp_path / "hooks").glob("*.py")]
    assert len(sources) > 50
    assert [path for path in sources if not Path(importlib.util.cache_from_source(str(path))).is_file()] == []
