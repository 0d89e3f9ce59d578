"""Filters for peel's logging configuration (``settings.LOGGING``)."""

import logging


class SvgStyleWarnings(logging.Filter):
    """Drop WeasyPrint's "Ignored `fill: …`, unknown property." warnings.

    WeasyPrint checks the ``style`` attribute of every element of a document against the CSS properties
    of HTML. The report's inline SVG charts use SVG's own properties there (fill, stroke, text-anchor…),
    which WeasyPrint's SVG renderer does read, so every render of the demo report logged about 1,500 of
    these. They said nothing an operator could act on, they buried the warnings that do matter in the
    worker's log, and emitting them cost about 3 % of the render. WeasyPrint's other warnings pass."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (message.startswith("Ignored `") and message.endswith(", unknown property."))
