"""Reading Bot API parameters the way Telegram does: query string, JSON, urlencoded or multipart form.

In a form every value is a string and nested objects (reply_markup, allowed_updates) are JSON inside it;
uploaded files arrive as separate parts referenced by `attach://<name>` or by the parameter name itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from .errors import bad_request


@dataclass
class Upload:
    field_name: str
    file_name: str
    content_type: str
    data: bytes


@dataclass
class ApiRequest:
    method: str
    params: dict[str, Any] = field(default_factory=dict)
    uploads: dict[str, Upload] = field(default_factory=dict)

    def has(self, name: str) -> bool:
        value = self.params.get(name)
        return value is not None and value != ""

    def text(self, name: str, default: str | None = None) -> str | None:
        value = self.params.get(name)
        if value is None:
            return default
        return value if isinstance(value, str) else json.dumps(value)

    def integer(self, name: str, default: int | None = None, *, error: str | None = None) -> int | None:
        value = self.params.get(name)
        if value is None or value == "":
            return default
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request(error or f'Bad Request: field "{name}" must be a valid Number') from None

    def flag(self, name: str, default: bool = False) -> bool:
        value = self.params.get(name)
        if value is None or value == "":
            return default
        if isinstance(value, bool):
            return value
        return str(value).strip().lower() in ("true", "1")

    def nested(self, name: str, *, error: str) -> Any:
        """A nested object: already decoded in a JSON body, a JSON string in a form."""
        value = self.params.get(name)
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            return value
        try:
            return json.loads(value)
        except ValueError:
            raise bad_request(error) from None

    def upload_for(self, name: str) -> Upload | None:
        """The file part a parameter points to (`attach://x`), or a part sent under the parameter's name."""
        value = self.params.get(name)
        if isinstance(value, str) and value.startswith("attach://"):
            return self.uploads.get(value[len("attach://") :])
        if value is None:
            return self.uploads.get(name)
        return None


async def read_request(request: web.Request, method: str) -> ApiRequest:
    api = ApiRequest(method=method, params=dict(request.query))
    if request.method != "POST" or not request.can_read_body:
        return api
    content_type = request.content_type
    if content_type == "application/json":
        body = await request.json()
        if isinstance(body, dict):
            api.params.update(body)
    elif content_type == "multipart/form-data":
        reader = await request.multipart()
        while (part := await reader.next()) is not None:
            data = await part.read()  # type: ignore[union-attr]
            name = part.name or ""
            if part.filename is not None:  # type: ignore[union-attr]
                api.uploads[name] = Upload(
                    name, part.filename or name,  # type: ignore[union-attr]
                    part.headers.get("Content-Type", "application/octet-stream"), bytes(data),
                )
            else:
                api.params[name] = bytes(data).decode("utf-8")
    else:
        form = await request.post()
        api.params.update({key: value for key, value in form.items() if isinstance(value, str)})
    return api
