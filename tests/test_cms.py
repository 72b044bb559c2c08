"""The web editor's configuration follows the kinds: entries saved the way Decap CMS saves them pass the validator."""

import yaml

from cchc.cms import config
from cchc.content import Layout, load_site
from cchc.kinds import KINDS
from cchc.text import slugify
from conftest import write

STP = "---\ncode: STP-KH\nname: Sở Tư pháp tỉnh Khánh Hòa\nlevel: so-nganh\nprovince: Khánh Hòa\n---\n"


def saved_value(widget: dict, example: str, path: str = ""):
    """What the widget writes when an editor fills it in; `path` (`index_result.components`) finds a field's example."""
    kind = widget["widget"]
    if kind == "object":  # an editor fills what is required, and what needs no particular form
        return {w["name"]: saved_value(w, EXAMPLES.get(f"{path}.{w['name']}", "").strip('"'), f"{path}.{w['name']}")
                for w in widget["fields"] if w["required"] or not ("pattern" in w or "pattern" in w.get("field", {}))}
    if kind == "list" and "fields" in widget:
        return [saved_value({**widget, "widget": "object"}, "", path)]
    if kind == "list":
        return ["Mục thứ nhất", "Mục thứ hai"]
    if kind == "select":
        value = widget["options"][0]["value"]
        return [value] if widget.get("multiple") else value
    if kind == "relation":  # an entry the test saved before: the department, the procedure, the document
        value = {"co-quan": "STP-KH", "thu-tuc": "1.001456", "van-ban": "489/QĐ-UBND"}[widget["collection"]]
        return [value] if widget.get("multiple") else value
    if kind == "boolean":
        return False
    if kind == "datetime":
        return "2024-03-05 08:30" if widget.get("time_format") else "2024-03-05"
    if kind in ("file", "image"):  # uploaded into the media folder (the test writes the file there)
        return "/files/mau.pdf"
    if kind == "text":
        return "Dòng thứ nhất\nDòng thứ hai"
    return example or "Nội dung mẫu"


def _examples(prefix: str, fields: dict) -> dict[str, str]:
    found = {}
    for name, spec in fields.items():
        found[f"{prefix}.{name}"] = spec.example
        inner = getattr(spec.type, "item", spec.type)
        if hasattr(inner, "fields"):
            found |= _examples(f"{prefix}.{name}", inner.fields)
    return found


EXAMPLES = {key: example for kind in KINDS for key, example in _examples(kind.name, kind.schema.fields).items()}


def test_entries_saved_by_the_cms_pass_the_validator(small_site):
    cms = yaml.safe_load(config())
    write(small_site, "docs/co-quan/stp-kh.md", STP)
    write(small_site, "docs/files/mau.pdf", "%PDF-1.4\n")
    kinds = {kind.editing.command: kind.name for kind in KINDS if kind.editing}
    for collection in cms["collections"]:
        kind = kinds[collection["name"]]
        entry = {}
        for widget in collection["fields"]:
            if widget["name"] in ("body", "parent"):
                continue
            example = EXAMPLES.get(f"{kind}.{widget['name']}", "").strip('"')
            if widget["widget"] == "string" and "pattern" in widget and not example:
                continue
            entry[widget["name"]] = saved_value(widget, example if "\n" not in example else "", f"{kind}.{widget['name']}")
        if kind == "department":
            entry["code"] = "SXD-KH"
        name = {"tin-tuc": "2024/tin-moi", "van-ban": "2024-ke-hoach-moi", "thu-tuc": slugify(entry.get("code", "")),
                "hoi-dap": "2024/cau-hoi-moi", "tien-do": "2024/bao-cao-moi", "chi-so": "2024/sipas-moi",
                "co-quan": slugify(entry.get("code", ""))}[collection["name"]]
        front = yaml.safe_dump(entry, allow_unicode=True, sort_keys=False)
        write(small_site, f"{collection['folder']}/{name}.md", f"---\n{front}---\n\nNội dung do biên tập viên viết trên web.\n")
    site = load_site(Layout.at(small_site))
    assert not site.report.errors, site.report.format()
    assert len(site.procedures) == 1 and any(p.source.endswith("2024-ke-hoach-moi.md") for p in site.plans)


def test_collections_match_the_kinds_and_vocabularies():
    cms = yaml.safe_load(config())
    news = next(c for c in cms["collections"] if c["name"] == "tin-tuc")
    fields = {f["name"]: f for f in news["fields"]}
    assert fields["department"]["widget"] == "relation" and fields["department"]["collection"] == "co-quan"
    assert {"label": "Cải cách thủ tục hành chính", "value": "thu-tuc-hanh-chinh"} in fields["categories"]["options"]
    assert fields["categories"]["multiple"] and fields["date"]["widget"] == "datetime"
    assert fields["draft"]["widget"] == "boolean" and fields["body"]["widget"] == "markdown"
    procedure = next(c for c in cms["collections"] if c["name"] == "thu-tuc")
    assert procedure["folder"] == "docs/thu-tuc" and procedure["identifier_field"] == "code"
    steps = next(f for f in procedure["fields"] if f["name"] == "steps")
    assert steps["widget"] == "text"


def test_forge_settings_are_checked_and_become_the_backend():
    from cchc.cms import backend, settings_problems

    assert settings_problems(None) == []
    assert backend({}, "/")["name"] == "proxy"  # no forge: only the preview server of an editor's machine
    gitlab = {"backend": "gitlab", "repo": "so-noi-vu/cong-cchc", "app_id": "abc", "url": "https://gitlab.tinh.gov.vn/"}
    assert settings_problems(gitlab) == []
    assert backend(gitlab, "/") == {"name": "gitlab", "repo": "so-noi-vu/cong-cchc", "branch": "main", "auth_type": "pkce",
                                    "app_id": "abc", "base_url": "https://gitlab.tinh.gov.vn",
                                    "api_root": "https://gitlab.tinh.gov.vn/api/v4", "auth_endpoint": "oauth/authorize"}
    problems = settings_problems({"backend": "github", "repo": "khong-co-dau-gach", "token": "x"})
    assert [what for what, _fix in problems] == ["extra.cms.repo thiếu hoặc sai dạng", "extra.cms.auth_url thiếu",
                                                 "extra.cms có khóa lạ: token"]


def test_optional_groups_do_not_require_their_inner_fields():
    cms = yaml.safe_load(config())
    plan = next(c for c in cms["collections"] if c["name"] == "van-ban")
    signer = next(f for f in plan["fields"] if f["name"] == "signer")
    assert not signer["required"] and not any(f["required"] for f in signer["fields"])
    body = next(f for f in plan["fields"] if f["name"] == "body")
    assert body["modes"] == ["raw"] and plan["format"] == "cchc-frontmatter"
    news = next(c for c in cms["collections"] if c["name"] == "tin-tuc")
    assert news["path"].startswith("{{year}}/") and "DD/MM/YYYY" in news["summary"]
