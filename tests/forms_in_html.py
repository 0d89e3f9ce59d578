"""The forms of a rendered page, and what a browser would submit from each.

Tests build their POSTs from here instead of writing dictionaries by hand, so they send what the page
really holds: an ``<input type="date">`` whose value is not ISO (2016-09-05) submits empty, unchecked
boxes submit nothing, a select submits its selected options only (the first where none is selected),
a textarea its content (less the newline after its start tag, as the HTML parser drops it), disabled
fields nothing, and only the clicked submit button its name and value. Fields outside the ``<form>``
that name it with ``form="id"`` belong to it.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_BUTTON_TYPES = {"submit", "image"}
_NEVER_SUBMITTED = {"reset", "button", "file"}


@dataclass
class Control:
    tag: str  # input, select, textarea, button
    attrs: dict[str, str]
    disabled: bool = False
    text: str = ""  # a textarea's content
    options: list[dict] = field(default_factory=list)  # a select's: {"value", "selected", "disabled"}

    @property
    def name(self) -> str:
        return self.attrs.get("name", "")

    @property
    def type(self) -> str:
        if self.tag == "input":
            return self.attrs.get("type", "text").lower()
        if self.tag == "button":
            return self.attrs.get("type", "submit").lower()
        return self.tag

    @property
    def is_button(self) -> bool:
        return self.tag in ("input", "button") and self.type in _BUTTON_TYPES

    def values(self) -> list[str]:
        """What the control contributes to a submission (not for buttons)."""
        if self.disabled or not self.name or self.type in _NEVER_SUBMITTED or self.is_button:
            return []
        if self.tag == "textarea":
            return [self.text]
        if self.tag == "select":
            return self._selected()
        value = self.attrs.get("value", "")
        if self.type in ("checkbox", "radio"):
            return [self.attrs.get("value", "on")] if "checked" in self.attrs else []
        if self.type == "date":
            return [value if _ISO_DATE.match(value) else ""]
        return [value]

    def _selected(self) -> list[str]:
        options = [option for option in self.options if not option["disabled"]]
        chosen = [option["value"] for option in options if option["selected"]]
        if chosen or "multiple" in self.attrs or not options:
            return chosen
        if "size" in self.attrs and self.attrs["size"] not in ("", "1"):
            return []  # a list box with nothing selected submits nothing
        return [options[0]["value"]]


@dataclass
class HtmlForm:
    attrs: dict[str, str]
    controls: list[Control] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.attrs.get("id", "")

    @property
    def method(self) -> str:
        return self.attrs.get("method", "get").lower()

    def action(self, page_url: str) -> str:
        """Where the form posts: its action, or the page itself when it has none."""
        return self.attrs.get("action") or page_url

    @property
    def names(self) -> set[str]:
        return {control.name for control in self.controls if control.name}

    @property
    def buttons(self) -> list[Control]:
        return [control for control in self.controls if control.is_button and not control.disabled]

    def has_editing_fields(self) -> bool:
        """A form a person types or chooses in (not only hidden fields and buttons)."""
        return any(
            control.name and not control.is_button and control.type not in ("hidden", *_NEVER_SUBMITTED)
            for control in self.controls
        )

    def submission(self, button: str | None = None, **changes) -> dict[str, list[str]]:
        """The fields a browser sends when ``button`` (a submit button's name, or its name=value) is
        clicked; the first submit button when none is named. ``changes`` replace fields' values as a
        person would type them (a list for a multiple choice)."""
        data: dict[str, list[str]] = {}
        for control in self.controls:
            for value in control.values():
                data.setdefault(control.name, []).append(value)
        clicked = self._button(button)
        if clicked is not None and clicked.name:
            data.setdefault(clicked.name, []).append(clicked.attrs.get("value", ""))
        for name, value in changes.items():
            if name not in self.names:
                raise KeyError(f"the form has no field {name!r}; it has {sorted(self.names)}")
            data[name] = list(value) if isinstance(value, list | tuple) else [str(value)]
        return data

    def _button(self, wanted: str | None) -> Control | None:
        buttons = self.buttons
        if wanted is None:
            return buttons[0] if buttons else None
        name, _, value = wanted.partition("=")
        for button in buttons:
            if button.name == name and (not value or button.attrs.get("value", "") == value):
                return button
        raise KeyError(f"no submit button {wanted!r}; the form has {[b.name for b in buttons]}")


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[HtmlForm] = []
        self.loose: list[tuple[str, Control]] = []  # controls outside any form that name one
        self._form: HtmlForm | None = None
        self._select: Control | None = None
        self._option: dict | None = None
        self._textarea: Control | None = None
        self._fieldsets: list[bool] = []

    def handle_starttag(self, tag, attrs):
        attrs = {key: value if value is not None else "" for key, value in attrs}
        if tag == "form":
            self._form = HtmlForm(attrs)
            self.forms.append(self._form)
        elif tag == "fieldset":
            self._fieldsets.append("disabled" in attrs)
        elif tag in ("input", "select", "textarea", "button"):
            control = Control(tag, attrs, disabled="disabled" in attrs or any(self._fieldsets))
            self._add(control)
            if tag == "select":
                self._select = control
            elif tag == "textarea":
                self._textarea = control
        elif tag == "option" and self._select is not None:
            self._option = {
                "value": attrs.get("value"),
                "selected": "selected" in attrs,
                "disabled": "disabled" in attrs,
                "text": "",
            }
            self._select.options.append(self._option)

    def _add(self, control: Control) -> None:
        owner = control.attrs.get("form")
        if owner:
            self.loose.append((owner, control))
        elif self._form is not None:
            self._form.controls.append(control)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "fieldset" and self._fieldsets:
            self._fieldsets.pop()
        elif tag == "select":
            self._close_option()
            self._select = None
        elif tag == "option":
            self._close_option()
        elif tag == "textarea":
            self._textarea = None

    def _close_option(self):
        if self._option is not None and self._option["value"] is None:
            self._option["value"] = " ".join(self._option["text"].split())
        self._option = None

    def handle_data(self, data):
        if self._textarea is not None:
            if not self._textarea.text and data.startswith("\n"):
                data = data[1:]  # the newline right after <textarea> is not part of its value
            self._textarea.text += data
        elif self._option is not None:
            self._option["text"] += data


def forms_in(html: str | bytes) -> list[HtmlForm]:
    """Every form of the page, with the controls that belong to it."""
    parser = _Parser()
    parser.feed(html.decode() if isinstance(html, bytes) else html)
    parser.close()
    by_id = {form.id: form for form in parser.forms if form.id}
    for owner, control in parser.loose:
        if owner in by_id:
            by_id[owner].controls.append(control)
    return parser.forms


def form_with(html: str | bytes, field: str) -> HtmlForm:
    """The one form of the page that has a field (or a button) named ``field``."""
    found = [form for form in forms_in(html) if field in form.names]
    if len(found) != 1:
        raise AssertionError(f"expected one form with a field {field!r}, found {len(found)}")
    return found[0]


def posting_forms(html: str | bytes) -> list[HtmlForm]:
    return [form for form in forms_in(html) if form.method == "post"]
