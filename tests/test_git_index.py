"""Git vouches for a file only where its index says the file is still the blob committed, and that blob's id is the
digest a build gives the file's bytes."""

import threading
from pathlib import Path

from cchc import content
from cchc.git_index import Committed
from conftest import git, write


def committed_repository(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        write(root, name, text)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Nội dung")


def test_a_committed_file_is_its_blob_whose_id_is_the_build_s_digest(tmp_path):
    committed_repository(tmp_path, {"docs/tin/a.md": "# Cải cách\n", "plans/b.md": "Kế hoạch\n", "c.md": "C\n"})
    write(tmp_path, "docs/moi.md", "Chưa thêm vào Git\n")
    with Committed(tmp_path) as committed:
        assert committed.blob("docs/tin/a.md") == content.source_digest((tmp_path / "docs/tin/a.md").read_bytes())
        assert committed.blob("plans/b.md") == content.source_digest("Kế hoạch\n".encode())
        assert committed.blob("docs/moi.md") is None  # not in Git


def test_a_file_changed_removed_or_told_to_be_assumed_unchanged_is_not_vouched_for(tmp_path):
    committed_repository(tmp_path, {"a.md": "Một\n", "b.md": "Hai\n", "c.md": "Ba\n", "d.md": "Bốn\n"})
    (tmp_path / "a.md").write_text("Một, đã sửa\n", encoding="utf-8")
    (tmp_path / "b.md").unlink()
    git(tmp_path, "update-index", "--assume-unchanged", "c.md")
    with Committed(tmp_path) as committed:
        assert [committed.blob(name) for name in ("a.md", "b.md", "c.md")] == [None, None, None]
        assert committed.blob("d.md") == content.source_digest("Bốn\n".encode())


def test_paths_are_relative_to_the_project_inside_a_larger_repository(tmp_path):
    committed_repository(tmp_path, {"cong/docs/a.md": "A\n", "cong/docs/b.md": "B\n", "khac/docs/a.md": "C\n"})
    write(tmp_path, "cong/docs/b.md", "B, đã sửa\n")
    with Committed(tmp_path / "cong") as committed:
        assert committed.blob("docs/a.md") == content.source_digest(b"A\n")
        assert committed.blob("docs/b.md") is None  # changed: Git names it from the project's folder too


def test_outside_a_work_tree_nothing_is_vouched_for(tmp_path):
    write(tmp_path, "a.md", "A\n")
    with Committed(tmp_path) as committed:
        assert committed.blob("a.md") is None


def test_without_git_on_the_machine_nothing_is_vouched_for(tmp_path, monkeypatch):
    committed_repository(tmp_path, {"a.md": "A\n"})
    monkeypatch.setenv("PATH", str(tmp_path / "khong-co-git"))
    with Committed(tmp_path) as committed:
        assert committed.blob("a.md") is None


def test_git_not_asked_does_not_hold_the_build(tmp_path):
    """More than a pipe holds (64 KB) listed, never read: leaving does not wait on git forever."""
    committed_repository(tmp_path, {f"docs/tin/tin-so-{number:04}.md": f"{number}\n" for number in range(1500)})

    def leave() -> None:
        with Committed(tmp_path):
            pass

    leaving = threading.Thread(target=leave, daemon=True)
    leaving.start()
    leaving.join(timeout=60)
    assert not leaving.is_alive()
