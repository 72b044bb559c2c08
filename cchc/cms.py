"""Decap CMS configuration (`/admin/config.yml`) written from the kind declarations.

Each content kind becomes a collection whose widgets follow its fields: a select for a
vocabulary, a relation to the departments for a department code, a date picker that writes
`YYYY-MM-DD`, a pattern for codes. What the web editor saves is therefore what the validator
accepts; tests/test_cms.py saves entries the way the CMS does and validates them.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

import yaml

from .kinds import DEPARTMENT, NEWS, PLAN, PROCEDURE, Kind
from .schema import Bool, Choice, DateTimeField, DocDateField, Field, FieldType, ListOf, Period, Ref, Shaped, SitePath, Struct, Text

# Where each kind lives in the repository, and how the CMS names a new file.
COLLECTIONS = [
    # `{{year}}` of a path is the year of the entry's `date` field, so a news item is filed under its own date's
    # year; the title cut so the file name stays within the 80 letters the check allows.
    (NEWS, "tin-tuc", "Tin tức", "docs/tin-tuc", "{{year}}/{{fields.title | truncate(72, '')}}"),
    (PLAN, "van-ban", "Văn bản", "plans", "{{fields.issued | date('YYYY')}}-{{fields.title | truncate(66, '')}}"),
    # `{{slug}}` of the code: lower case, `.` as `-` (`STP-KH` -> `stp-kh.md`), the name the validator expects.
    (PROCEDURE, "thu-tuc", "Thủ tục hành chính", "docs/thu-tuc", "{{slug}}"),
    (DEPARTMENT, "co-quan", "Cơ quan", "docs/co-quan", "{{slug}}"),
]
MULTILINE = {"steps", "conditions", "related", "summary"}
MEDIA_FOLDER = "docs/files"
FORMAT = "cchc-frontmatter"  # admin/cchc-cms.js: keeps the text of every field a save did not change
SINGULAR = {"tin-tuc": "tin", "van-ban": "văn bản", "thu-tuc": "thủ tục", "co-quan": "cơ quan"}
# What a list shows of each entry: names and dates as readers know them, not file names or bare codes.
SUMMARIES = {
    "tin-tuc": "{{date | date('DD/MM/YYYY')}} · {{title}}{{draft | ternary(' (bản nháp)', '')}}",
    "van-ban": "{{doc_type}} {{number}} · {{title}}",
    "thu-tuc": "{{code}} · {{name}}",
    "co-quan": "{{name}} ({{code}})",
}
# Lists open sorted the way readers see them: newest news and documents first, procedures and bodies by name.
SORTABLE = {"tin-tuc": [{"field": "date", "default_sort": "desc"}, "title"],
            "van-ban": [{"field": "issued", "default_sort": "desc"}, "number", "title"],
            "thu-tuc": [{"field": "code", "default_sort": "asc"}, "name"],
            "co-quan": [{"field": "name", "default_sort": "asc"}, "code"]}
DATE_FORMAT = "YYYY-MM-DD"


def widget(field: Field, within_optional: bool = False) -> dict:
    required = field.required and not within_optional
    return {"label": field.label, "name": field.name, "required": required,
            **({"hint": field.help} if field.help else {}), **_widget(field.name, field.type, not field.required)}


def _widget(name: str, kind: FieldType, optional: bool = False) -> dict:
    if isinstance(kind, Struct):
        # Decap enforces the inner required fields of an empty optional group: they are checked by the build instead.
        return {"widget": "object", "collapsed": optional, "fields": [widget(f, optional) for f in kind.fields.values()]}
    if isinstance(kind, ListOf):
        item = kind.item
        if isinstance(item, Struct):
            return {"widget": "list", "fields": [widget(f) for f in item.fields.values()], **_min(kind)}
        if isinstance(item, Ref):
            return {**_relation(), "multiple": True, **_min(kind)}
        if isinstance(item, Choice):
            return {**_select(item), "multiple": True, **_min(kind)}
        if isinstance(item, Shaped):  # one string per item, each of its form
            return {"widget": "list", "field": {"label": item.description, "name": name, **_widget(name, item)}, **_min(kind)}
        return {"widget": "list", **_min(kind)}
    if isinstance(kind, Bool):
        return {"widget": "boolean", "default": False}
    if isinstance(kind, Ref):
        return _relation()
    if isinstance(kind, Choice):
        return _select(kind)
    if isinstance(kind, DocDateField) and not kind.partial:
        return {"widget": "datetime", "format": DATE_FORMAT, "date_format": "DD/MM/YYYY", "time_format": False}
    if isinstance(kind, DateTimeField):
        return {"widget": "datetime", "format": "YYYY-MM-DD HH:mm", "date_format": "DD/MM/YYYY", "time_format": "HH:mm"}
    if isinstance(kind, (DocDateField, Period, Shaped)):
        return {"widget": "string", "pattern": [kind.form, kind.hint or kind.description]}
    if isinstance(kind, SitePath):
        return {"widget": "string", "pattern": [kind.form, kind.description]}
    if isinstance(kind, Text):
        base = {"widget": "text" if name in MULTILINE else "string"}
        if kind.pattern:
            base["pattern"] = [f"^(?:{kind.pattern.pattern})$", kind.hint or kind.description]
        return base
    raise TypeError(f"no widget for {type(kind).__name__}")


def _min(kind: ListOf) -> dict:
    return {"min": kind.min_items} if kind.min_items else {}


def _select(kind: Choice) -> dict:
    return {"widget": "select", "options": [{"label": label, "value": code} for code, label in kind.options.items()]}


def _relation() -> dict:
    return {"widget": "relation", "collection": "co-quan", "value_field": "code", "search_fields": ["code", "name"],
            "display_fields": ["{{name}} ({{code}})"]}


def collection(kind: Kind, name: str, label: str, folder: str, slug: str) -> dict:
    fields = [widget(f) for f in kind.schema.fields.values()]
    # Raw Markdown only: the rich-text editor rewrites lists and numbering of official documents on save.
    body = {"label": "Nội dung", "name": "body", "widget": "markdown", "required": False, "modes": ["raw"],
            "hint": "Viết Markdown: dòng trống giữa các đoạn, 1. 2. 3. cho danh sách đánh số, ## cho đề mục."}
    identifier = "code" if "code" in kind.schema.fields else "title"
    found = {"name": name, "label": label, "label_singular": SINGULAR[name], "folder": folder, "create": True,
             "extension": "md", "format": FORMAT, "identifier_field": identifier, "summary": SUMMARIES[name],
             "sortable_fields": SORTABLE[name], "slug": slug, "fields": fields + [body]}
    if "/" in slug:  # news lives in a folder per year: list below it, and file a new item under its own date's year
        folder_part, name_part = slug.rsplit("/", 1)
        found |= {"path": f"{folder_part}/{{{{slug}}}}", "slug": name_part}
    return found


def content_folders() -> list[str]:
    return [folder for *_, folder, _ in COLLECTIONS]


def backend(settings: dict, site_path: str) -> dict:
    """Where the editor reads and saves: the forge of `extra.cms`, or only this machine's preview."""
    name = settings.get("backend")
    if not name:
        return {"name": "proxy", "proxy_url": local_url(site_path), "branch": "main"}
    found = {"name": name, "repo": settings.get("repo"), "branch": settings.get("branch", "main")}
    if name == "gitlab":
        found |= {"auth_type": "pkce", "app_id": settings.get("app_id")}
        if settings.get("url"):  # a self-hosted GitLab
            url = settings["url"].rstrip("/")
            found |= {"base_url": url, "api_root": f"{url}/api/v4", "auth_endpoint": "oauth/authorize"}
    elif name == "github" and settings.get("auth_url"):
        found["base_url"] = settings["auth_url"]
    return found


def settings_problems(settings) -> list[tuple[str, str]]:
    """(what is wrong, what to write) for `extra.cms` in mkdocs.yml."""
    if settings in (None, {}):
        return []
    if not isinstance(settings, dict):
        return [("extra.cms phải là một nhóm khóa", "viết backend:, repo: … thụt vào dưới cms:")]
    found = []
    name = settings.get("backend")
    if name not in ("github", "gitlab"):
        found.append((f"extra.cms.backend là {name!r}", "viết github hoặc gitlab (nơi lưu kho nội dung)"))
    if not re.fullmatch(r"[\w.-]+(/[\w.-]+)+", str(settings.get("repo", ""))):
        found.append(("extra.cms.repo thiếu hoặc sai dạng", "viết chủ-sở-hữu/tên-kho, ví dụ so-noi-vu/cong-cchc"))
    if name == "gitlab" and not settings.get("app_id"):
        found.append(("extra.cms.app_id thiếu", "tạo ứng dụng OAuth trên GitLab (Settings > Applications, "
                                                 "quyền api, không chọn Confidential) rồi chép Application ID vào đây"))
    if name == "github" and not settings.get("auth_url"):
        found.append(("extra.cms.auth_url thiếu", "GitHub cần một dịch vụ đăng nhập OAuth riêng: viết địa chỉ của nó "
                                                   "(xem README, mục Trình soạn thảo web)"))
    unknown = set(settings) - {"backend", "repo", "branch", "app_id", "url", "auth_url"}
    if unknown:
        found.append((f"extra.cms có khóa lạ: {', '.join(sorted(unknown))}",
                      "chỉ dùng backend, repo, branch, app_id, url, auth_url"))
    return found


def local_url(site_path: str) -> str:
    return f"{site_path.rstrip('/')}/api/v1"


def config(settings: dict | None = None, site_path: str = "/") -> str:
    data = {
        # On the editor's own machine admin/cchc-cms.js adds `local_backend`, the preview server's address
        # (cchc/cms_proxy.py, which `make serve` answers): no login, files saved in place.
        "backend": backend(settings or {}, site_path),
        "locale": "vi",
        "media_folder": MEDIA_FOLDER,
        "public_folder": "/files",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [collection(*entry) for entry in COLLECTIONS],
    }
    header = "# Sinh tự động từ cchc/kinds.py (cchc/cms.py): sửa khai báo trường ở đó, không sửa tệp này.\n"
    return header + _yaml(json.dumps(data, ensure_ascii=False))


@lru_cache(maxsize=8)  # the same on every rebuild of the preview, and a tenth of one to write
def _yaml(data: str) -> str:
    return yaml.safe_dump(json.loads(data), allow_unicode=True, sort_keys=False, width=120)


def admin_page(stylesheets: list[str], site_path: str, local_only: bool) -> str:
    """`/admin/`: the editor, its scripts served by the site itself, previews drawn with the site's styles."""
    styles = json.dumps([f"../{s}" for s in stylesheets])
    return f"""<!doctype html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>Biên tập nội dung</title>
  <link rel="stylesheet" href="cchc-cms.css">
  <script src="manual-init.js"></script>
  <script src="decap-cms/decap-cms.js"></script>
  <script type="module" src="cchc-cms.js" data-styles='{styles}'
    data-local="{local_url(site_path)}" data-local-only="{str(local_only).lower()}"></script>
</head>
<body></body>
</html>
"""


def files(settings: dict, site_path: str, stylesheets: list[str]) -> dict[str, str]:
    """The editor's files the build writes; its scripts come from cchc/vendor.py and overrides/admin/."""
    return {"admin/config.yml": config(settings, site_path),
            "admin/index.html": admin_page(stylesheets, site_path, local_only=not (settings or {}).get("backend"))}
