"""What a browser would submit from a page's form: read from the rendered HTML, so a test posts the fields
the page really holds (hidden version fields, selected options, checked boxes) and changes only what a
user would."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, list[str]]] = []
        self._form: dict[str, list[str]] | None = None
        self._select: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "form":
            self._form = {}
        elif self._form is None or name is None and tag != "option":
            return
        elif tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                self._form.setdefault(name, [])
            elif kind not in ("submit", "button", "file", "image", "reset"):
                self._form.setdefault(name, []).append(
                    attrs.get("value") or ("on" if kind == "checkbox" else "")
                )
        elif tag == "select":
            self._select = name
            self._form.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self._form[self._select].append(attrs.get("value", ""))
        elif tag == "textarea":
            self._textarea, self._text = name, []

    def handle_endtag(self, tag):
        if tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea and self._form is not None:
            self._form.setdefault(self._textarea, []).append("".join(self._text).removeprefix("\n"))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)


def form_data(html: str | bytes, *, containing: str) -> dict[str, list[str]]:
    """The fields of the page's form that has a field named ``containing``, as the test client posts
    them (name → values; an unchecked box or an unselected list posts nothing)."""
    reader = _FormReader()
    reader.feed(html.decode() if isinstance(html, bytes) else html)
    for form in reader.forms:
        if containing in form:
            return {name: values for name, values in form.items() if values}
    raise AssertionError(f"no form on the page has a field named {containing!r}")
