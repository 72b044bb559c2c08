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


def test_check_takes_the_checks_a_build_kept_and_checks_only_what_changed(small_site, monkeypatch, capsys):
    """After a build, the check neither reads nor checks again a source the build checked (its warning still
    reported); a source edited since is checked; what it prints is what a check with no cache prints."""
    import time
    import unicodedata

    from cchc import build_cache, check, content, source_signatures

    write(small_site, "docs/huong-dan/nfd.md", unicodedata.normalize("NFD", "# Cải cách hành chính\n\nNội dung.\n"))
    time.sleep(source_signatures.SETTLED / 1e9 + 0.1)  # far enough back for the build to note the sources it read
    assert mkdocs_build(small_site).returncode == 0
    plan = small_site / "plans/489-qd-ubnd.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace("issued: 2020-03-11", "issued: 2020-02-30"),
                    encoding="utf-8")
    entries = small_site / build_cache.FOLDER / build_cache.ENTRIES
    kept_before = entries.read_bytes()

    checked, checking = [], content.check_text
    monkeypatch.setattr(content, "check_text", lambda kind, text: checked.append(kind.name) or checking(kind, text))
    assert check.main([str(small_site)]) == 1
    with_cache = capsys.readouterr().out
    assert checked == ["plan"]  # the edited plan alone
    assert entries.read_bytes() == kept_before  # read, never written

    monkeypatch.setenv("CCHC_CACHE", "off")
    checked.clear()
    assert check.main([str(small_site)]) == 1
    assert len(checked) == len(content.sources(content.Layout.at(small_site)))
    assert capsys.readouterr().out == with_cache
    assert "plans/489-qd-ubnd.md:6: lỗi: [issued] ngày 30 không tồn tại" in with_cache
    assert "docs/huong-dan/nfd.md:1: cảnh báo" in with_cache
