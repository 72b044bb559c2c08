"""Atomic deploys to a real nginx from Debian on localhost, and rollback."""

import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from cchc.deploy import DeployError, current, deploy, main, releases
import shutil

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
  server {{ listen 127.0.0.1:{port}; root {www}/current; location / {{ try_files $uri $uri/ =404; }} }} }}
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
