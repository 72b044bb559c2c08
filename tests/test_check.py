import subprocess
import sys

from conftest import write


def run_check(root):
    return subprocess.run([sys.executable, "-m", "cchc.check", str(root)], capture_output=True, text=True)


def test_check_passes_on_valid_content(small_site):
    result = run_check(small_site)
    assert result.returncode == 0
    assert "Nội dung hợp lệ: 1 văn bản, 2 cơ quan, 0 tin." in result.stdout


def test_check_reports_the_same_errors_as_the_build_without_building(small_site):
    write(small_site, "plans/a.md", "---\nissued: 2024-02-30\n---\n")
    result = run_check(small_site)
    assert result.returncode == 1
    assert "plans/a.md:2: lỗi: [issued] ngày 30 không tồn tại" in result.stdout
    assert "thiếu trường bắt buộc `doc_type`" in result.stdout
    assert not (small_site / "site").exists()
