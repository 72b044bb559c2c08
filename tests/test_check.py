import subprocess
import sys

from conftest import mkdocs_build, write


def run_check(root):
    return subprocess.run([sys.executable, "-m", "cchc.check", str(root)], capture_output=True, text=True)


def test_check_passes_on_valid_content(small_site):
    result = run_check(small_site)
    assert result.returncode == 0
    assert "Nội dung hợp lệ: 1 văn bản, 2 cơ quan, 0 tin, 0 thủ tục; 0 hỏi đáp, 0 báo cáo tiến độ, 0 kết quả chỉ số." in result.stdout


def test_check_reports_the_same_errors_as_the_build_without_building(small_site):
    write(small_site, "plans/a.md", "---\nissued: 2024-02-30\n---\n")
    result = run_check(small_site)
    assert result.returncode == 1
    assert "plans/a.md:2: lỗi: [issued] ngày 30 không tồn tại" in result.stdout
    assert "thiếu trường bắt buộc `doc_type`" in result.stdout
    assert not (small_site / "site").exists()


def test_the_pre_commit_hook_refuses_a_commit_with_a_content_mistake(small_site):
    from conftest import REPO

    git = ["git", "-c", "user.name=Biên tập", "-c", "user.email=bt@example.gov.vn"]
    subprocess.run(["git", "init", "-q", str(small_site)], check=True)
    hook = small_site / ".git/hooks/pre-commit"
    hook.write_text((REPO / "scripts/pre-commit").read_text(encoding="utf-8").replace(
        'python="$root/.venv/bin/python"', f'python="{sys.executable}"'), encoding="utf-8")
    hook.chmod(0o755)
    subprocess.run(["git", "add", "-A"], cwd=small_site, check=True)
    assert subprocess.run([*git, "commit", "-qm", "Nội dung mẫu"], cwd=small_site).returncode == 0
    write(small_site, "plans/a.md", "---\nissued: 2024-02-30\n---\n")
    subprocess.run(["git", "add", "-A"], cwd=small_site, check=True)
    refused = subprocess.run([*git, "commit", "-qm", "Văn bản lỗi"], cwd=small_site, capture_output=True, text=True)
    assert refused.returncode != 0 and "plans/a.md:2: lỗi" in refused.stdout + refused.stderr
    assert "git commit --no-verify" in refused.stderr

    # What is committed is checked, not the working tree: the broken file fixed in the index but still broken on
    # disk is refused no more, and an untracked broken draft beside a good commit does not block it.
    subprocess.run(["git", "rm", "-q", "--cached", "plans/a.md"], cwd=small_site, check=True)
    write(small_site, "docs/gioi-thieu.md", "# Giới thiệu\n\nCổng thử nghiệm.\n")
    subprocess.run(["git", "add", "docs/gioi-thieu.md"], cwd=small_site, check=True)
    accepted = subprocess.run([*git, "commit", "-qm", "Trang giới thiệu"], cwd=small_site, capture_output=True, text=True)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr

    # A broken edit staged while the working copy looks right is still refused.
    good = (small_site / "docs/gioi-thieu.md").read_text(encoding="utf-8")
    write(small_site, "docs/gioi-thieu.md", "---\ntitle: [chưa đóng\n---\n")
    subprocess.run(["git", "add", "docs/gioi-thieu.md"], cwd=small_site, check=True)
    write(small_site, "docs/gioi-thieu.md", good)
    refused = subprocess.run([*git, "commit", "-qm", "Sửa"], cwd=small_site, capture_output=True, text=True)
    assert refused.returncode != 0 and "docs/gioi-thieu.md:3: lỗi: phần đầu YAML không đọc được" in refused.stdout + refused.stderr


def test_broken_links_and_anchors_are_found_before_building(small_site):
    write(small_site, "docs/gioi-thieu.md", "# Giới thiệu\n\n## Liên hệ\n\n"
          "Xem [kế hoạch](van-ban/489-qd-ubd.md), [mục](co-quan/snv-kh.md#khong-co), [tệp](files/khong-co.pdf),\n"
          "[đúng](co-quan/snv-kh.md), [mục đúng](#lien-he), [cổng](https://dichvucong.gov.vn) và [nháp](tin-tuc/2025/nhap.md).\n\n"
          "```\n[trong mã](khong-sao.md)\n```\n")
    write(small_site, "docs/tin-tuc/2025/nhap.md",
          "---\ntitle: Nháp\ndate: 2025-01-02\ndepartment: SNV-KH\ncategories: [tin-hoat-dong]\ndraft: true\n---\n\nNội dung.\n")
    result = run_check(small_site)
    assert result.returncode == 1
    out = result.stdout
    assert "docs/gioi-thieu.md:5: lỗi: liên kết “van-ban/489-qd-ubd.md”: không có trang này" in out
    assert "có phải: van-ban/489-qd-ubnd.md," in out
    assert "liên kết “co-quan/snv-kh.md#khong-co”: trang không có mục #khong-co" in out
    assert "liên kết “files/khong-co.pdf”: không có tệp này trong docs/" in out
    assert "docs/gioi-thieu.md:6: lỗi: liên kết “tin-tuc/2025/nhap.md”: trang này chưa đăng" in out
    assert out.count("lỗi: liên kết") == 4  # the right ones, the external one and the one in code pass
    build = mkdocs_build(small_site)
    assert build.returncode == 1 and "Liên kết hỏng, chưa dựng trang" in build.stderr and "Traceback" not in build.stderr
