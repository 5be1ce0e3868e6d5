"""The JSON Schema of the scenario format, generated from the loader's own key declarations.

Editors with a YAML language server use it for completion and inline errors. The copy
shipped in the package (``scenario.schema.json``) is checked against this generator by a test.
"""

from __future__ import annotations

import json
from pathlib import Path

from .schema import ID_PATTERN, REPLY_ID_PATTERN, SECTIONS, Key

SCHEMA_FILE = Path(__file__).with_name("scenario.schema.json")
SCHEMA_ID = "https://service-roleplay-simulator.invalid/scenario-format-1.schema.json"
# YAML readers may turn plain words such as 'No' or '12' into booleans or numbers; the app reads them as text.
_TEXT = {"type": ["string", "number", "boolean"]}
_ID = {"type": "string", "pattern": ID_PATTERN}


def _value(key: Key) -> dict:
    kind = key.kind
    if kind in ("text", "condition"):
        out = dict(_TEXT)
    elif kind in ("integer", "number"):
        out = {"type": kind}
        if key.minimum is not None:
            out["minimum"] = key.minimum
        if key.maximum is not None:
            out["maximum"] = key.maximum
    elif kind == "choice":
        out = {"enum": list(key.choices)}
    elif kind == "id":
        out = dict(_ID)
    elif kind == "reply-id":
        out = {"type": "string", "pattern": REPLY_ID_PATTERN}
    elif kind == "text-list":
        out = {"anyOf": [{"type": "array", "items": _TEXT}, _TEXT]}
    elif kind == "id-list":
        out = {"anyOf": [{"type": "array", "items": _ID}, _ID]}
    elif kind == "route":
        branches = {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/branch"},
                    "contains": {"required": ["else"]}}  # the loader also checks that 'else' comes last
        out = {"anyOf": [_ID, branches]}
    elif kind == "section":
        out = {"$ref": f"#/$defs/{key.section}"}
    elif kind == "list-of":
        out = {"type": "array", "items": {"$ref": f"#/$defs/{key.section}"}}
    elif kind == "map-of":
        out = {"type": "object", "propertyNames": {"pattern": ID_PATTERN}, "minProperties": 1,
               "additionalProperties": {"$ref": f"#/$defs/{key.section}"}}
    else:  # pragma: no cover - a kind added to schema.py without a mapping here
        raise ValueError(f"no JSON Schema for kind {kind!r}")
    out["description"] = key.doc
    return out


def _section(name: str) -> dict:
    keys = SECTIONS[name]
    out: dict = {
        "type": "object",
        "properties": {k.name: _value(k) for k in keys.values()},
        "additionalProperties": False,
    }
    required = [k.name for k in keys.values() if k.required]
    if required:
        out["required"] = required
    if name == "node":
        out["not"] = {"required": ["replies", "ending"]}
    if name == "branch":
        out["oneOf"] = [{"required": ["if", "then"], "not": {"required": ["else"]}},
                        {"required": ["else"], "not": {"anyOf": [{"required": ["if"]}, {"required": ["then"]}]}}]
    return out


def scenario_schema() -> dict:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Service role-play scenario, format 1",
        "description": "A branching customer conversation for service training. See docs/scenario-format.md.",
        **_section("scenario"),
        "$defs": {name: _section(name) for name in SECTIONS if name != "scenario"},
    }
    return schema


def schema_text() -> str:
    return json.dumps(scenario_schema(), indent=2) + "\n"
