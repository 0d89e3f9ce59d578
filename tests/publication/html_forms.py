"""Submit a form the way a browser would, from the page's rendered HTML: what each field holds as
rendered (checked boxes only, the selected option only, a date input's value only if it is ISO), plus
the button pressed."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class RenderedForm:
    action: str
    method: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    buttons: list[tuple[str, str, str]] = field(default_factory=list)  # name, value, label

    def submission(self, button: str | None = None, **changes: str) -> dict[str, list[str]]:
        """The data a browser sends: the fields as rendered, ``changes`` typed in, and the button whose
        label is ``button`` (its name and value, if it has a name)."""
        data: dict[str, list[str]] = {}
        for name, value in self.fields:
            data.setdefault(name, []).append(value)
        for name, value in changes.items():
            assert name in data, f"the form has no field {name!r}: {sorted(data)}"
            data[name] = [value]
        if button is not None:
            pressed = [b for b in self.buttons if b[2] == button]
            assert pressed, f"no button {button!r} in the form: {[b[2] for b in self.buttons]}"
            name, value, _ = pressed[0]
            if name:
                data.setdefault(name, []).append(value)
        return data


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[RenderedForm] = []
        self._textarea: tuple[str, list[str]] | None = None
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []
        self._button: tuple[str, str] | None = None
        self._button_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append(RenderedForm(a.get("action") or "", (a.get("method") or "get").lower()))
            return
        if not self.forms:
            return
        form = self.forms[-1]
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            name = a.get("name")
            if kind == "submit":
                form.buttons.append((name or "", a.get("value") or "", a.get("value") or ""))
            elif not name or "disabled" in a:
                return
            elif kind in ("checkbox", "radio"):
                if "checked" in a:
                    form.fields.append((name, a.get("value", "on")))
            elif kind == "date":
                value = a.get("value") or ""
                form.fields.append((name, value if ISO_DATE.match(value) else ""))
            else:
                form.fields.append((name, a.get("value") or ""))
        elif tag == "textarea" and a.get("name"):
            self._textarea = (a["name"], [])
        elif tag == "select" and a.get("name"):
            self._select, self._options = a["name"], []
        elif tag == "option" and self._select is not None:
            self._options.append((a.get("value", ""), "selected" in a))
        elif tag == "button" and (a.get("type") or "submit") == "submit":
            self._button, self._button_text = (a.get("name") or "", a.get("value") or ""), []

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1].append(data)
        if self._button is not None:
            self._button_text.append(data)

    def handle_endtag(self, tag):
        if not self.forms:
            return
        form = self.forms[-1]
        if tag == "textarea" and self._textarea is not None:
            name, parts = self._textarea
            text = "".join(parts)
            form.fields.append((name, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            chosen = [v for v, selected in self._options if selected] or [v for v, _ in self._options[:1]]
            form.fields += [(self._select, value) for value in chosen]
            self._select = None
        elif tag == "button" and self._button is not None:
            form.buttons.append((*self._button, " ".join("".join(self._button_text).split())))
            self._button = None


def forms_of(html: str) -> list[RenderedForm]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def form_with_button(html: str, label: str) -> RenderedForm:
    """The form that holds a button labelled ``label``."""
    found = [form for form in forms_of(html) if any(button[2] == label for button in form.buttons)]
    assert found, f"no form with a {label!r} button on the page"
    return found[0]
