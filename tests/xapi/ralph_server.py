"""Serve Ralph (``ralph.api:app``) with uvicorn for the tests: ``python ralph_server.py PORT``.

Ralph's file-system LRS backend writes every POST with the data backend's default operation,
"create", which refuses to write to its one statements file once it exists: the second POST
of a test run would get HTTP 500. Appending is what a file-backed LRS needs, so the launcher
makes "append" that backend's default before serving.

The API coerces the ``verb`` and ``activity`` filters to its ``IRI`` model before handing them
to the backend, and the file-system backend compares that model with the statement's plain
string, so a verb or activity filter matches nothing (the database backends compare strings).
The launcher gives that backend the filters as strings. Everything else is Ralph as released.
"""

import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND


def _as_text(value):
    while hasattr(value, "root"):
        value = value.root
    return value


def _string_filters(add):
    def wrapped(filters, value, *rest):
        return add(filters, None if value is None else str(_as_text(value)), *rest)
    return staticmethod(wrapped)


FSLRSBackend._add_filter_by_verb = _string_filters(FSLRSBackend._add_filter_by_verb)
FSLRSBackend._add_filter_by_activity = _string_filters(FSLRSBackend._add_filter_by_activity)

if __name__ == "__main__":
    uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
