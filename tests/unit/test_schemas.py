"""The checked-in JSON schemas are exactly what the models generate."""

from __future__ import annotations

import json

import jsonschema
import yaml

from academy.schemas import generated

from ..conftest import ROOT


def test_checked_in_schemas_are_current():
    for path, text in generated(ROOT).items():
        assert path.is_file(), f"{path} is missing: run 'academy schema'"
        assert path.read_text() == text, f"{path} is stale: run 'academy schema'"


def test_module_files_validate_against_the_schema():
    schema = json.loads((ROOT / "catalog/module.schema.json").read_text())
    assert schema["additionalProperties"] is False
    for path in sorted((ROOT / "modules").glob("*/module.yaml")):
        jsonschema.validate(yaml.safe_load(path.read_text()), schema)


def test_taxonomy_validates_against_its_schema():
    schema = json.loads((ROOT / "catalog/skills.schema.json").read_text())
    jsonschema.validate(yaml.safe_load((ROOT / "catalog/skills.yaml").read_text()), schema)
