"""Serve Ralph (``ralph.api:app``) with uvicorn for the tests: ``python ralph_server.py PORT``.

Ralph's file-system LRS backend writes every POST with the data backend's default operation,
"create", which refuses to write to its one statements file once it exists: the second POST
of a test run would get HTTP 500. Appending is what a file-backed LRS needs, so the launcher
makes "append" that backend's default before serving; everything else is Ralph as released.
"""

import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

if __name__ == "__main__":
    uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
