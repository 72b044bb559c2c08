"""Browser packages the site serves itself (the web editor), pinned from the npm registry.

Each package is fetched once as its registry tarball, checked against the integrity hash written
here, and unpacked into the vendor folder (`.cache/vendor/`, or `CCHC_VENDOR`); the build copies the
listed files into the site. No page loads a script from another host, and a tampered or truncated
download is refused. Node.js is not needed: the tarball is fetched over HTTPS like pip fetches wheels.

    python -m cchc.vendor     # fetch now (the build does it too when a package is missing)
"""

from __future__ import annotations

import base64
import fnmatch
import hashlib
import io
import os
import shutil
import sys
import tarfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REGISTRY = "https://registry.npmjs.org"


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    integrity: str  # the registry's `dist.integrity`: sha512 of the tarball
    files: tuple[str, ...]  # patterns inside the package, `**` for any depth
    strip: str  # folder of the package the site path starts below
    serve_at: str  # folder of the site

    @property
    def tarball(self) -> str:
        return f"{os.environ.get('CCHC_NPM_REGISTRY', REGISTRY)}/{self.name}/-/{self.name.split('/')[-1]}-{self.version}.tgz"

    @property
    def folder(self) -> str:
        return f"{self.name.replace('/', '-')}-{self.version}"


PACKAGES = (
    # The web editor. Chunks beside the main script are loaded on demand from the same folder.
    Package("decap-cms", "3.16.3",
            "sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw==",
            ("dist/decap-cms.js", "dist/[0-9]*.decap-cms.js", "dist/*.wasm", "dist/decap-cms.js.LICENSE.txt"),
            "dist/", "admin/decap-cms"),
    # YAML as the build reads it, so that a save rewrites only the fields an editor changed (admin/cchc-format.js).
    Package("yaml", "2.9.1",
            "sha512-3NxN8+78OdzbT7C/WjGsyfPAtJaN3FNDsWxv7Y7mcDsT/oOmgW8BpyQQFFBnvZE3j9Y2Sdz1ULFLezL7Eb2yFw==",
            ("browser/dist/**.js", "LICENSE"), "browser/dist/", "admin/yaml"),
)


class VendorError(Exception):
    """A package could not be fetched or failed its integrity check; the message says what to do."""


def location(root: Path, environ=os.environ) -> Path:
    return Path(environ["CCHC_VENDOR"]) if environ.get("CCHC_VENDOR") else root / ".cache" / "vendor"


def site_files(root: Path) -> dict[str, Path]:
    """{path in the site: unpacked file} of every package, fetching those not yet unpacked."""
    base = location(root)
    files = {}
    for package in PACKAGES:
        folder = ensure(package, base)
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.name != ".integrity":
                inside = path.relative_to(folder).as_posix()
                site_path = inside[len(package.strip):] if inside.startswith(package.strip) else inside
                files[f"{package.serve_at}/{site_path}"] = path
    return files


def ensure(package: Package, base: Path) -> Path:
    folder = base / package.folder
    marker = folder / ".integrity"
    if marker.exists() and marker.read_text() == package.integrity:
        return folder
    data = _download(package)
    staging = base / f".{package.folder}.partial"
    shutil.rmtree(staging, ignore_errors=True)
    _unpack(package, data, staging)
    (staging / ".integrity").write_text(package.integrity)
    shutil.rmtree(folder, ignore_errors=True)
    staging.rename(folder)  # whole or absent: an interrupted fetch leaves nothing half-unpacked
    return folder


def _download(package: Package) -> bytes:
    try:
        with urllib.request.urlopen(package.tarball, timeout=120) as response:
            data = response.read()
    except OSError as error:
        raise VendorError(f"không tải được {package.name} {package.version} từ {package.tarball} ({error}): "
                          "cần mạng tới npm registry một lần, rồi bản tải về được giữ trong .cache/vendor/") from error
    algorithm, expected = package.integrity.split("-", 1)
    if base64.b64encode(hashlib.new(algorithm, data).digest()).decode() != expected:
        raise VendorError(f"{package.name} {package.version} tải từ {package.tarball} không khớp mã kiểm tra "
                          f"{package.integrity}: không dùng bản này; thử lại, hoặc kiểm tra CCHC_NPM_REGISTRY")
    return data


def _unpack(package: Package, data: bytes, staging: Path) -> None:
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member in archive.getmembers():
            inside = member.name.split("/", 1)[-1]  # below the tarball's `package/`
            if member.isfile() and any(fnmatch.fnmatch(inside, p.replace("**", "*")) for p in package.files):
                target = staging / inside
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.extractfile(member).read())


def main() -> int:
    root = Path.cwd()
    try:
        files = site_files(root)
    except VendorError as error:
        print(f"Lỗi: {error}", file=sys.stderr)
        return 1
    print(f"Đã có {len(PACKAGES)} gói cho trình soạn thảo web ({len(files)} tệp) trong {location(root)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
