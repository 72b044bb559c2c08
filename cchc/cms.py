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

from .kinds import EDITED, Kind
from .schema import Bool, Choice, DateTimeField, DocDateField, Field, FieldType, ListOf, Period, Ref, Shaped, SitePath, Struct, Text

MULTILINE = {"steps", "conditions", "related", "summary"}
MEDIA_FOLDER = "docs/files"
FORMAT = "cchc-frontmatter"  # admin/cchc-cms.js: keeps the text of every field a save did not change
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
            return {**_relation(item), "multiple": True, **_min(kind)}
        if isinstance(item, Choice):
            return {**_select(item), "multiple": True, **_min(kind)}
        if isinstance(item, Shaped):  # one string per item, each of its form
            return {"widget": "list", "field": {"label": item.description, "name": name, **_widget(name, item)}, **_min(kind)}
        return {"widget": "list", **_min(kind)}
    if isinstance(kind, Bool):
        return {"widget": "boolean", "default": False}
    if isinstance(kind, Ref):
        return _relation(kind)
    if isinstance(kind, Choice):
        return _select(kind)
    if isinstance(kind, DocDateField) and not kind.partial:
        return {"widget": "datetime", "format": DATE_FORMAT, "date_format": "DD/MM/YYYY", "time_format": False}
    if isinstance(kind, DateTimeField):
        return {"widget": "datetime", "format": "YYYY-MM-DD HH:mm", "date_format": "DD/MM/YYYY", "time_format": "HH:mm"}
    if isinstance(kind, (DocDateField, Period, Shaped)):
        return {"widget": "string", "pattern": [kind.form, kind.hint or kind.description]}
    if isinstance(kind, SitePath):  # uploaded into MEDIA_FOLDER, saved as `/files/…`: the validator reads it from docs/
        return {"widget": "image" if name == "image" else "file", "choose_url": kind.allow_url}
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


# Where each kind of reference is chosen from in the web editor: (collection, the field saved, what the list shows).
_RELATIONS = {"department": ("co-quan", "code", ["code", "name"], "{{name}} ({{code}})"),
              "procedure": ("thu-tuc", "code", ["code", "name"], "{{code}} · {{name}}"),
              "document": ("van-ban", "number", ["number", "title"], "{{number}} · {{title}}")}


def _relation(ref: Ref) -> dict:
    if ref.registry not in _RELATIONS:  # a plan's task is no entry of its own: typed as the plan's page numbers it
        return {"widget": "string", "pattern": [r"^[a-z0-9]+(?:-[a-z0-9]+)*/[0-9]+$", "văn bản/số thứ tự, ví dụ 489-qd-ubnd/3"]}
    collection, value, search, shown = _RELATIONS[ref.registry]
    return {"widget": "relation", "collection": collection, "value_field": value, "search_fields": search,
            "display_fields": [shown]}


def folder(kind: Kind) -> str:
    """Where the kind's files are, from the project's root."""
    return kind.sources if kind.sources != "docs" else f"docs/{kind.folder}"


def collection(kind: Kind) -> dict:
    editing = kind.editing
    fields = [widget(f) for f in kind.schema.fields.values()]
    # Raw Markdown only: the rich-text editor rewrites lists and numbering of official documents on save.
    body = {"label": "Nội dung", "name": "body", "widget": "markdown", "required": False, "modes": ["raw"],
            "hint": "Viết Markdown: dòng trống giữa các đoạn, 1. 2. 3. cho danh sách đánh số, ## cho đề mục."}
    identifier = "code" if "code" in kind.schema.fields else "title"
    slug = editing.file_name
    found = {"name": editing.command, "label": kind.reader_name, "label_singular": editing.singular, "folder": folder(kind),
             "create": True, "extension": "md", "format": FORMAT, "identifier_field": identifier,
             "summary": editing.summary, "sortable_fields": list(editing.sortable), "slug": slug, "fields": fields + [body]}
    if "/" in slug:  # news lives in a folder per year: list below it, and file a new item under its own date's year
        folder_part, name_part = slug.rsplit("/", 1)
        found |= {"path": f"{folder_part}/{{{{slug}}}}", "slug": name_part}
    return found


def content_folders() -> list[str]:
    return [folder(kind) for kind in EDITED]


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
        "collections": [collection(kind) for kind in EDITED],
    }
    header = "# Sinh tự động từ cchc/kinds.py (cchc/cms.py): sửa khai báo trường ở đó, không sửa tệp này.\n"
    return header + _yaml(json.dumps(data, ensure_ascii=False))


@lru_cache(maxsize=8)  # the same on every rebuild of the preview, and a tenth of one to write
def _yaml(data: str) -> str:
    return yaml.safe_dump(json.loads(data), allow_unicode=True, sort_keys=False, width=120)


def admin_page(stylesheets: list[str], site_path: str, local_only: bool) -> str:
    """`/admin/`: the editor, its scripts served by the site itself, previews drawn with the site's styles."""
    styles = json.dumps([f"../{s}" for s in stylesheets])
    collections = json.dumps([kind.editing.command for kind in EDITED])
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
  <script type="module" src="cchc-cms.js" data-styles='{styles}' data-collections='{collections}'
    data-local="{local_url(site_path)}" data-local-only="{str(local_only).lower()}"></script>
</head>
<body></body>
</html>
"""


def files(settings: dict, site_path: str, stylesheets: list[str]) -> dict[str, str]:
    """The editor's files the build writes; its scripts come from cchc/vendor.py and overrides/admin/."""
    return {"admin/config.yml": config(settings, site_path),
            "admin/index.html": admin_page(stylesheets, site_path, local_only=not (settings or {}).get("backend"))}
