"""Atomic deploys to a real nginx from Debian on localhost, and rollback."""

import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import shutil

from cchc import safety, server_config
from cchc.deploy import DeployError, current, deploy, main, releases

from conftest import REPO, ensure_debian_package, mkdocs_build, write

NGINX = Path("/usr/sbin/nginx")


@pytest.fixture
def nginx(tmp_path):
    """nginx serving tmp/www/current on a free port; yields (www root, base URL)."""
    ensure_debian_package(NGINX, "nginx")
    www, run = tmp_path / "www", tmp_path / "nginx"
    run.mkdir()
    www.mkdir()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    temp = "".join(f"{name}_temp_path {run}/{name};\n" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (run / "nginx.conf").write_text(f"""daemon off; pid {run}/nginx.pid; error_log {run}/error.log; user root;
events {{}}
http {{ access_log off; {temp}
  server {{ listen 127.0.0.1:{port}; root {www}/current; location / {{ try_files $uri $uri/ =404; }}
{server_config.nginx()} }} }}
""", encoding="utf-8")
    process = subprocess.Popen([str(NGINX), "-c", str(run / "nginx.conf"), "-p", str(run)], stderr=subprocess.PIPE)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.05)
    yield www, f"http://127.0.0.1:{port}/"
    process.terminate()
    process.wait(timeout=10)


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def built(small_site, text: str) -> Path:
    write(small_site, "docs/index.md", f"---\ntitle: Trang chủ\n---\n\n# Cổng thử nghiệm\n\n{text}\n")
    assert mkdocs_build(small_site).returncode == 0
    return small_site / "site"


def test_deploy_swaps_atomically_and_rolls_back(nginx, small_site, tmp_path):
    www, base = nginx
    first = deploy(built(small_site, "Phiên bản thứ nhất."), www)
    assert "Phiên bản thứ nhất." in fetch(base)
    assert "Quyết định ban hành Kế hoạch" in fetch(base + "van-ban/489-qd-ubnd/")

    second = deploy(built(small_site, "Phiên bản thứ hai."), www)
    assert "Phiên bản thứ hai." in fetch(base)
    assert current(www) == second.resolve() and releases(www) == [first, second]
    assert (www / "current").is_symlink() and not (second / ".cchc-sources.json").exists()

    assert main(["--rollback", str(www)]) == 0
    assert "Phiên bản thứ nhất." in fetch(base) and current(www) == first.resolve()


def test_a_site_that_fails_its_checks_is_not_published(nginx, small_site):
    www, base = nginx
    deploy(built(small_site, "Bản tốt."), www)
    write(small_site, "docs/huong-dan/hong.md", '---\ntitle: Hỏng\n---\n\n<a href="../khong-co/">hỏng</a>\n')
    with pytest.raises(DeployError, match="liên kết hỏng"):
        deploy(built(small_site, "Bản có liên kết hỏng."), www)
    assert "Bản tốt." in fetch(base) and len(releases(www)) == 1
    assert not list((www / "releases").glob("*.partial"))


def test_only_the_last_releases_are_kept(small_site, tmp_path):
    site = built(small_site, "Bản.")
    for _ in range(4):
        deploy(site, tmp_path / "www", keep=2)
    assert len(releases(tmp_path / "www")) == 2


def test_the_sample_site_end_to_end_build_check_deploy_rollback(nginx, tmp_path):
    www, base = nginx
    site = tmp_path / "site"
    assert mkdocs_build(REPO, "--site-dir", str(site), env={"CCHC_NOW": "2026-11-25T12:00"}).returncode == 0
    first = deploy(site, www)  # runs the site checks on the copy before the swap
    assert "Quyết định ban hành Kế hoạch" in fetch(base + "van-ban/2020-489-qd-ubnd-khanh-hoa/")
    assert "Tra cứu thủ tục hành chính" in fetch(base + "thu-tuc/")
    next_site = tmp_path / "next"
    shutil.copytree(site, next_site)
    page = next_site / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", "<p>PHIÊN BẢN THỬ</p></body>"), encoding="utf-8")
    deploy(next_site, www)
    assert "PHIÊN BẢN THỬ" in fetch(base)
    assert main(["--rollback", str(www)]) == 0
    assert "PHIÊN BẢN THỬ" not in fetch(base) and current(www) == first.resolve()


def test_nginx_sends_the_portals_security_headers(nginx, small_site):
    www, base = nginx
    deploy(built(small_site, "Bản."), www)
    with urllib.request.urlopen(base, timeout=5) as response:
        assert response.headers["Content-Security-Policy"] == safety.SERVER_HEADERS["Content-Security-Policy"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    (www / "current" / ".an.json").write_text("{}", encoding="utf-8")
    with pytest.raises(urllib.error.HTTPError, match="403"):
        fetch(base + ".an.json")
    with pytest.raises(urllib.error.HTTPError) as missing:
        fetch(base + "van-ban/khong-co/")
    assert missing.value.code == 404 and "Không tìm thấy trang" in missing.value.read().decode("utf-8")
    assert "Header always set Content-Security-Policy" in server_config.apache()


def test_concurrent_deploys_take_turns_and_all_publish(small_site, tmp_path):
    import threading

    site, www = built(small_site, "Bản."), tmp_path / "www"
    errors: list[Exception] = []

    def one():
        try:
            deploy(site, www)
        except Exception as error:  # noqa: BLE001 - collected for the assertion below
            errors.append(error)

    threads = [threading.Thread(target=one) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(releases(www)) == 3 and current(www) == releases(www)[-1].resolve()


def test_a_killed_deploys_copy_is_removed_by_the_next(small_site, tmp_path):
    site, www = built(small_site, "Bản."), tmp_path / "www"
    write(www, "releases/00007-20260101-000000.partial/index.html", "nửa chừng")
    deploy(site, www)
    assert not list((www / "releases").glob("*.partial"))


def test_a_full_disk_is_one_line_and_frees_what_was_copied(small_site, tmp_path, monkeypatch, capsys):
    import errno

    site, www = built(small_site, "Bản."), tmp_path / "www"
    deploy(site, www)
    copied, copyfile = [], shutil.copyfile

    def full(source, target, *args, **kwargs):  # the disk fills after a few files
        if len(copied) > 5:
            raise OSError(errno.ENOSPC, "No space left on device", target)
        copied.append(target)
        return copyfile(source, target, *args, **kwargs)

    monkeypatch.setattr(shutil, "copyfile", full)
    assert main([str(site), str(www)]) == 1
    message = capsys.readouterr().err
    assert message.startswith("lỗi: đĩa đầy: không chép được trang vào") and message.count("\n") == 1
    assert "bản đang chạy vẫn giữ nguyên" in message
    assert len(releases(www)) == 1 and not list((www / "releases").glob("*.partial"))


def test_a_root_inside_the_site_is_refused(small_site):
    site = built(small_site, "Bản.")
    with pytest.raises(DeployError, match="nằm trong thư mục trang"):
        deploy(site, site / "www")
    assert not (site / "www").exists()
