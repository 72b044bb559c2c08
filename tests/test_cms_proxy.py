"""The web editor's local backend (cchc/cms_proxy.py): Decap's protocol, inside the content folders only."""

import base64
import io
import json

import pytest

from cchc.cms_proxy import Proxy, Refused, mount
from conftest import write


@pytest.fixture
def proxy(tmp_path):
    write(tmp_path, "docs/tin-tuc/2024/tin-a.md", "---\ntitle: A\n---\n")
    write(tmp_path, "docs/tin-tuc/index.md", "# Tin tức\n")
    write(tmp_path, "docs/tin-tuc/2024/.nhap.md", "ẩn\n")
    write(tmp_path, "mkdocs.yml", "site_name: x\n")
    return Proxy(tmp_path)


def test_lists_reads_and_writes_like_decap_server(proxy, tmp_path):
    assert proxy.answer({"action": "info"})["type"] == "local_fs"
    listed = proxy.answer({"action": "entriesByFolder", "params": {"folder": "docs/tin-tuc", "extension": "md", "depth": 2}})
    assert [e["file"]["path"] for e in listed] == ["docs/tin-tuc/2024/tin-a.md", "docs/tin-tuc/index.md"]
    assert listed[0]["data"] == "---\ntitle: A\n---\n" and len(listed[0]["file"]["id"]) == 64
    shallow = proxy.answer({"action": "entriesByFolder", "params": {"folder": "docs/tin-tuc", "extension": "md", "depth": 1}})
    assert [e["file"]["path"] for e in shallow] == ["docs/tin-tuc/index.md"]
    proxy.answer({"action": "persistEntry", "params": {
        "entry": {"path": "docs/tin-tuc/2025/moi.md", "raw": "---\ntitle: Mới\n---\n"},
        "assets": [{"path": "docs/files/anh.png", "content": base64.b64encode(b"\x89PNG").decode(), "encoding": "base64"}]}})
    assert (tmp_path / "docs/tin-tuc/2025/moi.md").read_text(encoding="utf-8") == "---\ntitle: Mới\n---\n"
    assert (tmp_path / "docs/files/anh.png").read_bytes() == b"\x89PNG"
    assert proxy.answer({"action": "getMediaFile", "params": {"path": "docs/files/anh.png"}})["name"] == "anh.png"
    proxy.answer({"action": "deleteFile", "params": {"path": "docs/tin-tuc/2025/moi.md"}})
    assert not (tmp_path / "docs/tin-tuc/2025/moi.md").exists()


@pytest.mark.parametrize("path", ["mkdocs.yml", "docs/../mkdocs.yml", "/etc/passwd", "hooks/portal.py",
                                  "docs/tin-tuc/2024/.nhap.md", ".git/config"])
def test_nothing_outside_the_content_folders(proxy, path):
    with pytest.raises(Refused):
        proxy.answer({"action": "getEntry", "params": {"path": path}})
    with pytest.raises(Refused):
        proxy.answer({"action": "persistEntry", "params": {"entry": {"path": path, "raw": "x"}, "assets": []}})


def call(app, body: dict, address="127.0.0.1", method="POST"):
    data = json.dumps(body).encode()
    answer = {}
    environ = {"PATH_INFO": "/api/v1", "REQUEST_METHOD": method, "REMOTE_ADDR": address,
               "CONTENT_LENGTH": str(len(data)), "wsgi.input": io.BytesIO(data)}
    chunks = app(environ, lambda status, headers: answer.update(status=status))
    return answer["status"], json.loads(b"".join(chunks))


def test_served_beside_the_preview_to_this_machine_only(tmp_path):
    write(tmp_path, "site/admin/index.html", "<p>biên tập</p>")
    passed = []
    app = mount(lambda environ, start: passed.append(environ["PATH_INFO"]) or [b""], tmp_path, "/api/v1", "/admin/",
                lambda: tmp_path / "site")
    assert call(app, {"action": "info"})[0] == "200 OK"
    assert call(app, {"action": "info"}, address="192.168.1.20")[0].startswith("403")
    assert call(app, {"action": "info"}, method="GET")[0].startswith("405")
    assert call(app, {"action": "xoa-het"})[0].startswith("403")
    page = app({"PATH_INFO": "/admin/", "REQUEST_METHOD": "GET"}, lambda status, headers: None)
    assert b"".join(page) == "<p>biên tập</p>".encode()  # as built: no live-reload script in the editor's page
    app({"PATH_INFO": "/tin-tuc/", "REQUEST_METHOD": "GET"}, None)
    assert passed == ["/tin-tuc/"]
