"""The schema's one error shape, declared on every operation (the responses api/errors.py gives)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension

ERROR_SCHEMA = {
    "type": "object",
    "description": "Every error the API answers.",
    "properties": {
        "status": {"type": "integer", "description": "The HTTP status, repeated."},
        "code": {"type": "string", "description": "E.g. invalid, not_found, permission_denied, conflict."},
        "message": {"type": "string", "description": "What went wrong, in words for a person."},
        "errors": {
            "type": "object",
            "description": "Per field, what is wrong with it (non_field_errors: with the whole request).",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
        "current_version": {
            "description": "On 409 only: the version the object has now.",
            "nullable": True,
            "oneOf": [{"type": "integer"}, {"type": "string"}],
        },
    },
    "required": ["status", "code", "message", "errors"],
}

ERRORS = {
    "400": "The request is not valid: 'errors' says what, field by field.",
    "401": "No valid token or session.",
    "403": "Your role does not allow this on this inspection.",
    "404": "No such object, or not one you may see.",
    "405": "This method is not allowed here.",
    "409": "Someone saved the object since you read it: read it again and send its current version.",
    "415": "Send JSON (Content-Type: application/json).",
    "429": "Too many requests for this token: wait the seconds in Retry-After.",
}
WRITES_ONLY = ("409", "415")


# What the URL converters accept (<int:...>, <slug:...>), so that a client knows it before a 404 says so.
PATH_PARAMETERS = {
    "integer": {"minimum": 0, "maximum": 2**63 - 1},
    "string": {"pattern": "^[-a-zA-Z0-9_]+$"},
}


def declare_errors_and_path_bounds(result, generator, request, public):
    """drf-spectacular post-processing hook: the Error component, each operation's error answers, and
    the path parameters' bounds."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for methods in result.get("paths", {}).values():
        for method, operation in methods.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path":
                    parameter["schema"].update(PATH_PARAMETERS.get(parameter["schema"].get("type"), {}))
            for status, description in ERRORS.items():
                if status in WRITES_ONLY and method == "get":
                    continue
                operation["responses"].setdefault(status, {"description": description, "content": reference})
    return result


class PersonalAccessTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.PersonalAccessTokenAuthentication"
    name = "personalAccessToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal access token from /account/tokens/: `Authorization: Bearer peel_...`.",
        }
