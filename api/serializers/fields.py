"""Related objects named by a code, slug, username or id, declared for the schema (the serializers
here are plain ones, without a model for drf-spectacular to read the types from)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


@extend_schema_field({"type": "string"})  # one name; ``names`` makes the list
class NamesField(serializers.SlugRelatedField):
    def __init__(self, slug_field: str, **kwargs):
        super().__init__(slug_field=slug_field, many=False, read_only=True, **kwargs)


def names(slug_field: str, **kwargs) -> serializers.ManyRelatedField:
    return serializers.ManyRelatedField(child_relation=NamesField(slug_field), read_only=True, **kwargs)


@extend_schema_field({"type": "array", "items": {"type": "integer"}})
class IdsField(serializers.ManyRelatedField):
    def __init__(self, **kwargs):
        super().__init__(child_relation=serializers.PrimaryKeyRelatedField(read_only=True), **kwargs)
