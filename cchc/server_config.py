"""The web server settings the portal needs, for nginx and Apache: `python -m cchc.server_config nginx|apache`.

The headers come from `safety.SERVER_HEADERS`, so the server and the pages' <meta> carry one policy.
"""

from __future__ import annotations

import sys

from .safety import EDITOR_POLICY, SERVER_HEADERS


EDITOR_HEADERS = SERVER_HEADERS | {"Content-Security-Policy": EDITOR_POLICY}
EDITOR_NOTE = ("# Trình soạn thảo web /admin/ (Decap CMS) cần chính sách riêng; GitLab tự cài: thêm địa chỉ của nó "
               "vào connect-src")


def _settings(header, error_page: str, hidden: str, editor, needs: str = "") -> str:
    return "\n".join([f"# Cổng CCHC: chính sách bảo mật nội dung và các tiêu đề đi kèm{needs}",
                      *(header(name, value) for name, value in SERVER_HEADERS.items()),
                      "# Trang 404 tiếng Việt, có ô tìm kiếm và các mục chính", error_page,
                      "# Tệp ẩn (.cchc-sources.json, .git…) không phục vụ người đọc", hidden,
                      EDITOR_NOTE, editor([header(name, value) for name, value in EDITOR_HEADERS.items()]), ""])


def nginx() -> str:
    """Lines for the portal's `server { … }` block."""
    # In nginx a location's add_header replaces all of the server's: every header is repeated there.
    return _settings(lambda name, value: f'add_header {name} "{value}" always;', "error_page 404 /404.html;",
                     r"location ~ /\. { deny all; }",
                     lambda lines: "location /admin/ {\n" + "".join(f"    {line}\n" for line in lines) + "}")


def apache() -> str:
    """Lines for the portal's <VirtualHost> or its .htaccess (mod_headers)."""
    return _settings(lambda name, value: f'Header always set {name} "{value}"', "ErrorDocument 404 /404.html",
                     'RedirectMatch 404 "/\\."',
                     lambda lines: '<Location "/admin/">\n' + "".join(f"    {line}\n" for line in lines) + "</Location>",
                     " (cần mod_headers)")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args not in (["nginx"], ["apache"]):
        print("cách dùng: python -m cchc.server_config nginx|apache", file=sys.stderr)
        return 2
    print(nginx() if args == ["nginx"] else apache(), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
