"""Writes schemas/json/record.schema.json from the Record model (`make schema`); a test keeps it in sync."""

from __future__ import annotations

import json
from pathlib import Path

from schemas import Record

TARGET = Path(__file__).resolve().parents[1] / "schemas" / "json" / "record.schema.json"


def render() -> str:
    schema = Record.model_json_schema(mode="serialization")
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main() -> None:
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
