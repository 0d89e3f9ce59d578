"""Reading a programme file: YAML parsed with its positions kept, so that every problem names the line and
column it is on, and checked against the schema in ``programmes.schema`` before anything is written.

``programme_file_read`` returns the file as plain Python (dicts, lists, strings, numbers) with each
optional key filled in with its default, or raises ``ProgrammeFileError`` listing every problem found.
"""

import re
from dataclasses import dataclass

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from programmes.schema import FILE, Key, Shape


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file; ``line`` and ``column`` count from 1 (None: the file as a whole)."""

    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        return f"line {self.line}, column {self.column}: {self.message}"


class ProgrammeFileError(Exception):
    """The file cannot be loaded; ``problems`` says everything wrong with it, in the file's order."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.line or 0, p.column or 0))
        super().__init__("; ".join(str(problem) for problem in self.problems))


def at_position(position: tuple[int, int] | None) -> dict:
    if position is None:
        return {}
    line, column = position
    return {"line": line + 1, "column": column + 1}


def _node_position(node) -> tuple[int, int] | None:
    if isinstance(node, CommentedMap | CommentedSeq):
        return node.lc.line, node.lc.col
    return None


def _key_position(mapping: CommentedMap, key: str) -> tuple[int, int] | None:
    try:
        return tuple(mapping.lc.key(key))
    except (KeyError, TypeError, AttributeError):
        return _node_position(mapping)


def _value_position(mapping: CommentedMap, key: str) -> tuple[int, int] | None:
    try:
        return tuple(mapping.lc.value(key))
    except (KeyError, TypeError, AttributeError):
        return _key_position(mapping, key)


def _item_position(sequence: CommentedSeq, index: int) -> tuple[int, int] | None:
    try:
        return tuple(sequence.lc.item(index))
    except (KeyError, TypeError, AttributeError, IndexError):
        return _node_position(sequence)


def yaml_parse(text: str):
    """The YAML document, positions kept; refuses bad YAML (and duplicate keys) naming the line."""
    try:
        return YAML(typ="rt").load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = " ".join(part for part in (error.context, error.problem) if part) or "not valid YAML"
        where = at_position((mark.line, mark.column)) if mark else {}
        raise ProgrammeFileError([Problem(f"not valid YAML: {message}", **where)]) from None
    except YAMLError as error:
        raise ProgrammeFileError([Problem(f"not valid YAML: {error}")]) from None


class _Checker:
    def __init__(self):
        self.problems: list[Problem] = []

    def problem(self, message: str, position) -> None:
        self.problems.append(Problem(message, **at_position(position)))

    def mapping(self, node, shape: Shape, where: str, position) -> dict | None:
        if not isinstance(node, dict):
            self.problem(f"{where}: expected {shape.description}", position)
            return None
        result = {}
        for key in node:
            if key not in shape.keys:
                known = ", ".join(shape.keys)
                self.problem(f"{where}: unknown key {key!r} (the keys are {known})", _key_position(node, key))
        for name, key in shape.keys.items():
            if name not in node or node[name] is None:
                if key.required:
                    self.problem(f"{where}.{name}: missing ({key.description})", _node_position(node))
                elif key.default is not None:
                    result[name] = key.default() if callable(key.default) else key.default
                continue
            value = self.value(node[name], key, f"{where}.{name}", _value_position(node, name))
            if value is not None:
                result[name] = value
        return result

    def value(self, node, key: Key, where: str, position):
        if key.shape is not None:
            return self.mapping(node, key.shape, where, position)
        if key.items is not None:
            if not isinstance(node, list):
                self.problem(f"{where}: expected a list ({key.description})", position)
                return None
            items = []
            for index, item in enumerate(node):
                item_position = _item_position(node, index)
                value = self.value(item, key.items, f"{where}[{index + 1}]", item_position)
                if value is not None:
                    items.append((value, item_position))
            return items
        return self.scalar(node, key, where, position)

    def scalar(self, node, key: Key, where: str, position):
        kind = key.kind
        if kind == "text":
            if not isinstance(node, str):
                hint = " (put it in quotes, e.g. '1.1')" if isinstance(node, int | float) else ""
                self.problem(f"{where}: expected text, got {_kind_of(node)}{hint}", position)
                return None
            value = str(node)
            if key.max_length and len(value) > key.max_length:
                self.problem(f"{where}: {len(value)} characters, at most {key.max_length}", position)
                return None
            if key.required and not value.strip():
                self.problem(f"{where}: is empty ({key.description})", position)
                return None
        elif kind == "whole number":
            if not isinstance(node, int) or isinstance(node, bool):
                self.problem(f"{where}: expected a whole number, got {_kind_of(node)}", position)
                return None
            value = int(node)
        elif kind == "number":
            if not isinstance(node, int | float) or isinstance(node, bool):
                self.problem(f"{where}: expected a number, got {_kind_of(node)}", position)
                return None
            value = float(node) if isinstance(node, float) else int(node)
        elif kind == "true or false":
            if not isinstance(node, bool):
                self.problem(f"{where}: expected true or false, got {_kind_of(node)}", position)
                return None
            value = bool(node)
        elif kind == "any":
            return _plain(node)
        else:  # pragma: no cover - the schema names only the kinds above
            raise ValueError(kind)
        if key.choices is not None and value not in key.choices():
            self.problem(f"{where}: {value!r} is not one of {', '.join(key.choices())}", position)
            return None
        if key.check is not None:
            message = key.check(value)
            if message:
                self.problem(f"{where}: {message}", position)
                return None
        return value


def _kind_of(node) -> str:
    if isinstance(node, bool):
        return "true/false"
    if isinstance(node, int | float):
        return f"the number {node}"
    if isinstance(node, dict):
        return "a mapping"
    if isinstance(node, list):
        return "a list"
    return type(node).__name__


def _plain(node):
    """A YAML node as plain JSON-able Python (the grading rules are stored as JSON)."""
    if isinstance(node, dict):
        return {str(key): _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(value) for value in node]
    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    return node


PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def path_position(node, path: str):
    """The position of ``bands[2].conditions[1].value`` (indexes from 1) inside ``node``, as far as the
    path can be followed."""
    position = _node_position(node)
    for name, index in PATH_PART.findall(path):
        if name and isinstance(node, dict) and name in node:
            position, node = _value_position(node, name), node[name]
        elif index and isinstance(node, list) and 0 < int(index) <= len(node):
            position, node = _item_position(node, int(index) - 1), node[int(index) - 1]
        else:
            break
    return position


def programme_file_read(text: str) -> tuple[dict, object]:
    """The checked file as plain data (lists hold ``(item, position)`` pairs) and the parsed document.

    Refuses, listing every problem with its line and column, a file that is not YAML or does not
    follow the schema; the relations between parts (codes, parents) are checked by the loader."""
    document = yaml_parse(text)
    checker = _Checker()
    data = checker.mapping(document, FILE, "file", _node_position(document) or (0, 0))
    if checker.problems:
        raise ProgrammeFileError(checker.problems)
    return data, document
