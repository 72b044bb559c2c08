"""The web editor's packages: fetched from an npm registry once, checked against their pinned hash, never half there."""

import base64
import hashlib
import io
import tarfile
from dataclasses import replace

import pytest

from cchc import cms, vendor
from conftest import REPO, serve


def tarball(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return out.getvalue()


def integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


@pytest.fixture
def registry(tmp_path, monkeypatch):
    folder = tmp_path / "registry"
    with serve(folder) as base:
        monkeypatch.setenv("CCHC_NPM_REGISTRY", base.rstrip("/"))
        yield folder


def publish(registry, data: bytes) -> None:
    (registry / "ed" / "-").mkdir(parents=True, exist_ok=True)
    (registry / "ed" / "-" / "ed-1.0.0.tgz").write_bytes(data)


PACKAGE = vendor.Package("ed", "1.0.0", "", ("dist/*.js", "LICENSE"), "dist/", "admin/ed")


def test_a_package_is_fetched_once_checked_and_served_from_its_folder(registry, tmp_path, monkeypatch):
    data = tarball({"dist/ed.js": b"console.log(1)", "dist/ed.js.map": b"{}", "LICENSE": b"MIT", "README.md": b"x"})
    publish(registry, data)
    package = replace(PACKAGE, integrity=integrity(data))
    monkeypatch.setattr(vendor, "PACKAGES", (package,))
    monkeypatch.setenv("CCHC_VENDOR", str(tmp_path / "vendor"))
    files = vendor.site_files(tmp_path)
    assert {path: f.read_bytes() for path, f in files.items()} == {"admin/ed/ed.js": b"console.log(1)", "admin/ed/LICENSE": b"MIT"}
    (registry / "ed" / "-" / "ed-1.0.0.tgz").unlink()  # kept: no second download
    assert vendor.site_files(tmp_path).keys() == files.keys()


def test_a_tampered_download_is_refused_and_nothing_is_kept(registry, tmp_path, monkeypatch):
    good = tarball({"dist/ed.js": b"console.log(1)"})
    publish(registry, tarball({"dist/ed.js": b"fetch('https://evil.example/')"}))
    monkeypatch.setattr(vendor, "PACKAGES", (replace(PACKAGE, integrity=integrity(good)),))
    monkeypatch.setenv("CCHC_VENDOR", str(tmp_path / "vendor"))
    with pytest.raises(vendor.VendorError, match="không khớp mã kiểm tra"):
        vendor.site_files(tmp_path)
    assert not any((tmp_path / "vendor").rglob("*.js"))


def test_without_the_registry_the_message_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("CCHC_NPM_REGISTRY", "http://127.0.0.1:9")
    monkeypatch.setattr(vendor, "PACKAGES", (replace(PACKAGE, integrity="sha512-x"),))
    monkeypatch.setenv("CCHC_VENDOR", str(tmp_path / "vendor"))
    with pytest.raises(vendor.VendorError, match="cần mạng tới npm registry một lần"):
        vendor.site_files(tmp_path)


def test_the_pinned_packages_fetch_verify_and_hold_what_the_admin_page_loads():
    files = vendor.site_files(REPO)  # the real pins, from the registry (or the checkout's .cache/vendor)
    admin = cms.admin_page([], "/", local_only=True)
    for script in ("decap-cms/decap-cms.js", "yaml/index.js"):
        assert f"admin/{script}" in files
    assert 'src="decap-cms/decap-cms.js"' in admin
    assert all(len(base64.b64decode(p.integrity.split("-", 1)[1])) == 64 for p in vendor.PACKAGES)
