from cchc.frontmatter import parse
from cchc.kinds import KINDS
from cchc.reference import example_front_matter, reference_page
from cchc.schema import Context, ListOf, Struct


def all_fields(struct: Struct, prefix: str = ""):
    for spec in struct.fields.values():
        yield prefix + spec.name
        inner = spec.type.item if isinstance(spec.type, ListOf) else spec.type
        if isinstance(inner, Struct):
            yield from all_fields(inner, prefix + spec.name + ("[]." if isinstance(spec.type, ListOf) else "."))


def test_reference_lists_every_field_of_every_kind():
    page = reference_page()
    for kind in KINDS:
        assert f"## {kind.label}" in page
        for name in all_fields(kind.schema):
            assert f"| `{name}` |" in page


def test_each_kinds_example_passes_its_own_validator():
    for kind in KINDS:
        ctx = Context()
        kind.schema.coerce(parse(example_front_matter(kind) + "\n").data, ctx, ())
        assert ctx.errors == [], (kind.name, [e.message for e in ctx.errors])
