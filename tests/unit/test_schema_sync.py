"""The JSON Schema consumers read is the one the models generate."""

from __future__ import annotations

from workers.schema_export import TARGET, render


def test_record_schema_json_is_in_sync_with_the_models() -> None:
    assert TARGET.read_text(encoding="utf-8") == render(), "run `make schema` and commit schemas/json"


def test_record_schema_names_the_fields_of_the_spec() -> None:
    import json

    schema = json.loads(render())
    assert set(schema["required"]) >= {"record_id", "source", "pipeline", "meta", "text"}
    assert set(schema["properties"]) >= {
        "schema_version", "record_id", "source", "pipeline", "meta", "sections", "facts", "tables", "checks", "text"
    }  # fmt: skip
