"""The web server settings the portal needs, for nginx and Apache: `python -m cchc.server_config nginx|apache`.

The headers come from `safety.SERVER_HEADERS`, so the server and the pages' <meta> carry one policy.
"""

from __future__ import annotations

import sys

from .safety import SERVER_HEADERS


def nginx() -> str:
    """Lines for the portal's `server { … }` block."""
    headers = [f'add_header {name} "{value}" always;' for name, value in SERVER_HEADERS.items()]
    return "\n".join(["# Cổng CCHC: chính sách bảo mật nội dung và các tiêu đề đi kèm", *headers,
                      "# Trang 404 tiếng Việt, có ô tìm kiếm và các mục chính",
                      "error_page 404 /404.html;",
                      "# Tệp ẩn (.cchc-sources.json, .git…) không phục vụ người đọc",
                      r"location ~ /\. { deny all; }", ""])


def apache() -> str:
    """Lines for the portal's <VirtualHost> or its .htaccess (mod_headers)."""
    headers = [f'Header always set {name} "{value}"' for name, value in SERVER_HEADERS.items()]
    return "\n".join(["# Cổng CCHC: chính sách bảo mật nội dung và các tiêu đề đi kèm (cần mod_headers)", *headers,
                      "# Trang 404 tiếng Việt, có ô tìm kiếm và các mục chính",
                      "ErrorDocument 404 /404.html",
                      "# Tệp ẩn (.cchc-sources.json, .git…) không phục vụ người đọc",
                      'RedirectMatch 404 "/\\."', ""])


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args not in (["nginx"], ["apache"]):
        print("cách dùng: python -m cchc.server_config nginx|apache", file=sys.stderr)
        return 2
    print(nginx() if args == ["nginx"] else apache(), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
