"""Decap CMS configuration (`/admin/config.yml`) written from the kind declarations.

Each content kind becomes a collection whose widgets follow its fields: a select for a
vocabulary, a relation to the departments for a department code, a date picker that writes
`YYYY-MM-DD`, a pattern for codes. What the web editor saves is therefore what the validator
accepts; tests/test_cms.py saves entries the way the CMS does and validates them.
"""

from __future__ import annotations

import yaml

from .kinds import DEPARTMENT, NEWS, PLAN, PROCEDURE, Kind
from .schema import Bool, Choice, DateTimeField, DocDateField, Field, FieldType, ListOf, Period, Ref, Shaped, SitePath, Struct, Text

# Where each kind lives in the repository, and how the CMS names a new file.
COLLECTIONS = [
    (NEWS, "tin-tuc", "Tin tức", "docs/tin-tuc", "{{year}}/{{slug}}"),
    (PLAN, "van-ban", "Văn bản", "plans", "{{year}}-{{slug}}"),
    # `{{slug}}` of the code: lower case, `.` as `-` (`STP-KH` -> `stp-kh.md`), the name the validator expects.
    (PROCEDURE, "thu-tuc", "Thủ tục hành chính", "docs/thu-tuc", "{{slug}}"),
    (DEPARTMENT, "co-quan", "Cơ quan", "docs/co-quan", "{{slug}}"),
]
MULTILINE = {"steps", "conditions", "related", "summary"}
DATE_FORMAT = "YYYY-MM-DD"


def widget(field: Field) -> dict:
    return {"label": field.label, "name": field.name, "required": field.required,
            **({"hint": field.help} if field.help else {}), **_widget(field.name, field.type)}


def _widget(name: str, kind: FieldType) -> dict:
    if isinstance(kind, Struct):
        return {"widget": "object", "fields": [widget(f) for f in kind.fields.values()]}
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
    body = {"label": "Nội dung", "name": "body", "widget": "markdown", "required": False}
    identifier = "code" if "code" in kind.schema.fields else "title"
    return {"name": name, "label": label, "folder": folder, "create": True, "extension": "md", "format": "frontmatter",
            "identifier_field": identifier, "slug": slug, "fields": fields + [body]}


def config(branch: str = "main") -> str:
    data = {
        "backend": {"name": "git-gateway", "branch": branch},
        "locale": "vi",
        "media_folder": "docs/files",
        "public_folder": "/files",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [collection(*entry) for entry in COLLECTIONS],
    }
    header = "# Sinh tự động từ cchc/kinds.py (cchc/cms.py): sửa khai báo trường ở đó, không sửa tệp này.\n"
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)


ADMIN_PAGE = """<!doctype html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>Biên tập nội dung</title>
  <link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
  <!-- Decap CMS, pinned: the editors' web interface over the same files the build checks. -->
  <script src="https://unpkg.com/decap-cms@3.3.3/dist/decap-cms.js"></script>
</body>
</html>
"""
