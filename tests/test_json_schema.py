"""The JSON Schemas agree with the validator: the sample content passes both, a mistake fails both."""

import json

import jsonschema
import pytest
import yaml

from cchc import frontmatter
from cchc.kinds import KINDS
from cchc.json_schema import files, kind_schema
from cchc.kinds import DEPARTMENT, NEWS, PLAN, PROCEDURE
from conftest import REPO

SAMPLES = {PLAN: "plans/*.md", DEPARTMENT: "docs/co-quan/*.md", NEWS: "docs/tin-tuc/20*/*.md", PROCEDURE: "docs/thu-tuc/*.md"}


def editor_view(path):
    """The front matter as an editor's YAML 1.2 tooling sees it (dates stay text, years are numbers)."""
    raw = frontmatter.split(path.read_text(encoding="utf-8"))[0]

    class Loader(yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
                                      for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
    return yaml.load(raw, Loader=Loader)


@pytest.mark.parametrize("kind", SAMPLES, ids=lambda k: k.name)
def test_every_sample_file_passes_its_schema(kind):
    validator = jsonschema.Draft202012Validator(kind_schema(kind))
    paths = sorted(REPO.glob(SAMPLES[kind]))
    assert paths
    for path in paths:
        errors = list(validator.iter_errors(editor_view(path)))
        assert not errors, (path, [e.message for e in errors[:3]])


def test_schemas_reject_what_the_validator_rejects():
    validator = jsonschema.Draft202012Validator(kind_schema(NEWS))
    good = {"title": "Tin", "date": "2024-03-05 08:30", "department": "STP-KH", "categories": ["thu-tuc-hanh-chinh"]}
    assert not list(validator.iter_errors(good))
    for broken in ({**good, "date": "05/03/2024"}, {**good, "categories": ["tin-vui"]}, {**good, "draft": "yes"},
                   {**good, "titel": "Tin"}, {k: v for k, v in good.items() if k != "department"}):
        assert list(validator.iter_errors(broken)), broken


def test_one_schema_file_per_kind_with_labels_in_vietnamese():
    written = files()
    assert sorted(written) == sorted(f"schemas/{kind.name}.json" for kind in KINDS)
    plan = json.loads(written["schemas/plan.json"])
    assert plan["properties"]["issued"]["title"] == "Ngày ban hành" and "issuer" in plan["required"]
    jsonschema.Draft202012Validator.check_schema(plan)
