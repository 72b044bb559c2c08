"""The web editor's local backend: Decap CMS reads and writes the files of this checkout.

`make serve` answers Decap's proxy protocol (what `npx decap-server` answers) at `<site path>api/v1`,
beside the preview, so an editor working on their own machine needs neither Node.js nor a login:
what they save is a file in the working tree, rebuilt by the preview like any other edit, and
committed with git as usual. Only the content folders of the editor's collections and the media
folder can be read or written, and only from the machine itself (the preview server listens on
127.0.0.1 unless told otherwise; requests from other hosts are refused here too).
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path, PurePosixPath

from .cms import MEDIA_FOLDER, content_folders

LOCAL_HOSTS = {"127.0.0.1", "::1", "localhost"}


class Refused(Exception):
    status = 403


class Proxy:
    def __init__(self, root: Path):
        self.root = root.resolve()
        self.folders = [*content_folders(), MEDIA_FOLDER]

    def answer(self, request: dict):
        action, params = request.get("action"), request.get("params") or {}
        handler = getattr(self, f"_{action}", None) if isinstance(action, str) else None
        if handler is None:
            raise Refused(f"không có thao tác {action!r}")
        return handler(**params) if action != "info" else handler()

    def _info(self):
        return {"repo": self.root.name, "publish_modes": ["simple"], "type": "local_fs"}

    def _entriesByFolder(self, folder: str, extension: str, depth: int = 1, **_):
        base = self._path(folder)
        if not base.is_dir():
            return []
        found = sorted(p for p in base.rglob(f"*{extension}") if p.is_file()
                       and len(p.relative_to(base).parts) <= depth and not _hidden(p.relative_to(base)))
        return [self._entry(self._relative(p)) for p in found]

    def _entriesByFiles(self, files: list, **_):
        return [self._entry(f["path"], f.get("label")) for f in files]

    def _getEntry(self, path: str, **_):
        return self._entry(path)

    def _persistEntry(self, entry: dict | None = None, dataFiles: list | None = None, assets: list = (), **_):
        files = dataFiles or [entry]
        for data in files:
            self._write(data["path"], data["raw"].encode("utf-8"))
        for asset in assets:
            self._write(asset["path"], _decode(asset))
        for data in files:
            if data.get("newPath"):
                target = self._path(data["newPath"])
                target.parent.mkdir(parents=True, exist_ok=True)
                self._path(data["path"]).replace(target)
        return {"message": "entry persisted"}

    def _getMedia(self, mediaFolder: str, **_):
        base = self._path(mediaFolder)
        return [self._media(self._relative(p)) for p in sorted(base.iterdir()) if p.is_file()] if base.is_dir() else []

    def _getMediaFile(self, path: str, **_):
        return self._media(path)

    def _persistMedia(self, asset: dict, **_):
        self._write(asset["path"], _decode(asset))
        return self._media(asset["path"])

    def _deleteFile(self, path: str, **_):
        self._path(path).unlink(missing_ok=True)
        return {"message": f"deleted file {path}"}

    def _deleteFiles(self, paths: list, **_):
        for path in paths:
            self._deleteFile(path)
        return {"message": "deleted files"}

    def _getDeployPreview(self, **_):
        return None

    def _entry(self, path: str, label: str | None = None) -> dict:
        file = self._path(path)
        data = file.read_bytes() if file.is_file() else None
        return {"data": data.decode("utf-8") if data is not None else None,
                "file": {"path": path, "label": label, "id": hashlib.sha256(data).hexdigest() if data is not None else None}}

    def _media(self, path: str) -> dict:
        data = self._path(path).read_bytes()
        return {"id": hashlib.sha256(data).hexdigest(), "content": base64.b64encode(data).decode(),
                "encoding": "base64", "path": path, "name": PurePosixPath(path).name}

    def _write(self, path: str, data: bytes) -> None:
        target = self._path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.luu")
        partial.write_bytes(data)
        partial.replace(target)  # a save is whole or absent, never a half-written official document

    def _path(self, relative: str) -> Path:
        """A path the editor may touch: inside one of its folders, never above, never hidden."""
        pure = PurePosixPath(str(relative))
        if pure.is_absolute() or ".." in pure.parts or _hidden(pure):
            raise Refused(f"đường dẫn không được phép: {relative}")
        if not any(pure == PurePosixPath(f) or PurePosixPath(f) in pure.parents for f in self.folders):
            raise Refused(f"{relative} không nằm trong thư mục nội dung ({', '.join(self.folders)})")
        path = self.root / pure
        if self.root not in path.resolve().parents and path.resolve() != self.root:
            raise Refused(f"{relative} trỏ ra ngoài kho nội dung")
        return path

    def _relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()


def _hidden(path: PurePosixPath | Path) -> bool:
    return any(part.startswith(".") for part in path.parts)


def _decode(asset: dict) -> bytes:
    content = asset["content"]
    return base64.b64decode(content) if asset.get("encoding") == "base64" else content.encode("utf-8")


def mount(app, root: Path, path: str, admin_page: str, built):
    """The preview server's WSGI app, answering the editor's requests at `path` and passing on the rest.

    The editor's page is served as built: the preview's live reload would reload it after every save (each save
    rebuilds the site) and throw away what the editor is typing in the next entry."""
    proxy = Proxy(root)

    def application(environ, start_response):
        if environ.get("PATH_INFO") in (admin_page, admin_page + "index.html"):
            page = (Path(built()) / "admin" / "index.html").read_bytes()
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(page))),
                                      ("Cache-Control", "no-store")])
            return [page]
        if environ.get("PATH_INFO") != path:
            return app(environ, start_response)
        status, answer = _handle(proxy, environ)
        body = json.dumps(answer, ensure_ascii=False).encode("utf-8")
        start_response(status, [("Content-Type", "application/json; charset=utf-8"), ("Content-Length", str(len(body))),
                                ("Cache-Control", "no-store")])
        return [body]

    return application


def _handle(proxy: Proxy, environ) -> tuple[str, object]:
    if environ.get("REMOTE_ADDR") not in LOCAL_HOSTS:
        return "403 Forbidden", {"error": "trình soạn thảo cục bộ chỉ nhận yêu cầu từ chính máy này"}
    if environ.get("REQUEST_METHOD") != "POST":
        return "405 Method Not Allowed", {"error": "chỉ nhận POST"}
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        request = json.loads(environ["wsgi.input"].read(length) or b"{}")
        return "200 OK", proxy.answer(request)
    except Refused as error:
        return "403 Forbidden", {"error": str(error)}
    except (ValueError, TypeError, KeyError, OSError) as error:
        return "422 Unprocessable Entity", {"error": f"yêu cầu không hợp lệ: {error}"}
