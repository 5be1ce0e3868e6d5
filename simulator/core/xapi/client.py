"""A small xAPI 1.0.3 HTTP client over the standard library (urllib): post, read, about.

The endpoint is the LRS's xAPI base (``https://lrs.example.org/xAPI/``); an address without a
path ending in ``xAPI`` gets ``/xAPI/`` added, so ``http://127.0.0.1:8100`` works too.
"""

from __future__ import annotations

import base64
import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from .statements import XAPI_VERSION


class LrsUnreachable(Exception):
    """No answer from the LRS (offline, wrong address, timed out); nothing was sent."""


@dataclass(frozen=True)
class LrsResponse:
    status: int
    body: bytes

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def json(self) -> object:
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return None

    def reason(self) -> str:
        """The LRS's own words about a refusal, shortened."""
        data = self.json()
        if isinstance(data, dict):
            for key in ("detail", "message", "error"):
                if key in data:
                    return str(data[key])[:500]
        return self.body.decode("utf-8", "replace").strip()[:500]


def xapi_base(endpoint: str) -> str:
    endpoint = endpoint.strip()
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{endpoint!r} is not an http:// or https:// address")
    path = parts.path.rstrip("/")
    if not path.lower().endswith("xapi"):
        path += "/xAPI"
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path + "/", "", ""))


class LrsClient:
    def __init__(self, endpoint: str, key: str = "", secret: str = "", timeout: float = 10.0) -> None:
        self.base = xapi_base(endpoint)
        self.timeout = timeout
        token = base64.b64encode(f"{key}:{secret}".encode("utf-8")).decode("ascii")
        self._auth = f"Basic {token}" if key or secret else ""

    def _request(self, method: str, url: str, body: bytes | None = None) -> LrsResponse:
        headers = {"X-Experience-API-Version": XAPI_VERSION, "Accept": "application/json"}
        if self._auth:
            headers["Authorization"] = self._auth
        if body is not None:
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                return LrsResponse(answer.status, answer.read())
        except urllib.error.HTTPError as error:
            try:
                data = error.read()
            except Exception:
                data = b""
            return LrsResponse(error.code, data)
        except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise LrsUnreachable(f"the LRS at {self.base} did not answer ({reason})") from exc

    def url(self, resource: str, query: dict | None = None) -> str:
        url = urllib.parse.urljoin(self.base, resource)
        return url + ("?" + urllib.parse.urlencode(query) if query else "")

    def post_statements(self, statements: list[dict]) -> LrsResponse:
        body = json.dumps(statements, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return self._request("POST", self.url("statements"), body)

    def about(self) -> LrsResponse:
        return self._request("GET", self.url("about"))

    def get_statements(self, query: dict | None = None) -> LrsResponse:
        return self._request("GET", self.url("statements", query))

    def get_more(self, more: str) -> LrsResponse:
        """Follow a result's ``more`` link (relative to the LRS's server)."""
        return self._request("GET", urllib.parse.urljoin(self.base, more))

    def all_statements(self, query: dict | None = None, limit_pages: int = 1000) -> list[dict]:
        """Every statement matching ``query``, following ``more`` page by page."""
        answer = self.get_statements(query)
        found: list[dict] = []
        for _ in range(limit_pages):
            if not answer.ok:
                raise LrsRefused(answer)
            data = answer.json() or {}
            found.extend(data.get("statements", []))
            more = data.get("more")
            if not more:
                break
            answer = self.get_more(more)
        return found


class LrsRefused(Exception):
    def __init__(self, response: LrsResponse) -> None:
        super().__init__(f"the LRS answered {response.status}: {response.reason()}")
        self.response = response
