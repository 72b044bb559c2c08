"""JSON Schema (draft 2020-12) of each content kind, written from the same declarations the validator uses.

Editors' tools (VS Code's YAML extension, the CMS) read these; the validator stays the authority:
what a schema cannot say (a department code that exists, a file that exists) only the build checks.
"""

from __future__ import annotations

import json

from .kinds import KINDS, Kind
from .schema import Bool, Choice, DateTimeField, DocDateField, FieldType, ListOf, Period, Shaped, SitePath, Struct, Text


def field_schema(kind: FieldType) -> dict:
    if isinstance(kind, Struct):
        properties = {name: {**field_schema(spec.type), "title": spec.label, **({"description": spec.help} if spec.help else {})}
                      for name, spec in kind.fields.items()}
        properties |= {name: {"description": "thiết lập trang của MkDocs/Material"} for name in sorted(kind.allow)}
        schema: dict = {"type": "object", "properties": properties, "additionalProperties": False,
                        "required": [name for name, spec in kind.fields.items() if spec.required]}
        if kind.shorthand:
            return {"anyOf": [field_schema(kind.fields[kind.shorthand].type), schema]}  # the one field, written alone
        return schema
    if isinstance(kind, ListOf):
        return {"type": "array", "items": field_schema(kind.item), **({"minItems": kind.min_items} if kind.min_items else {})}
    if isinstance(kind, Bool):
        return {"type": "boolean"}
    if isinstance(kind, Choice):
        return {"type": "string", "enum": list(kind.options) + [v for v in kind.options.values() if v not in kind.options]}
    if isinstance(kind, DocDateField):
        # A year alone is a number to YAML 1.2 readers (the editor's extension); the portal reads it as text.
        return {"type": ["string", "integer"] if kind.partial else "string", "pattern": kind.form}
    if isinstance(kind, (DateTimeField, Shaped)):
        return {"type": "string", "pattern": kind.form}
    if isinstance(kind, Period):
        return {"type": ["string", "integer"], "pattern": kind.form}
    if isinstance(kind, SitePath):
        return {"type": "string", "pattern": kind.form}
    if isinstance(kind, Text):
        return {"type": "string", **({"pattern": f"^(?:{kind.pattern.pattern})$"} if kind.pattern else {})}
    raise TypeError(f"no JSON Schema for {type(kind).__name__}")


def kind_schema(kind: Kind) -> dict:
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://cchc.example.gov.vn/schemas/{kind.name}.json",
            "title": kind.label, "description": f"Phần đầu YAML của tệp {kind.where}", **field_schema(kind.schema)}


def files() -> dict[str, str]:
    """`schemas/<kind>.json` for every kind."""
    return {f"schemas/{kind.name}.json": json.dumps(kind_schema(kind), ensure_ascii=False, indent=1) + "\n" for kind in KINDS}
