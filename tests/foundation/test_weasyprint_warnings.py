"""WeasyPrint's warnings about the charts' SVG style properties are dropped from the log; its other
warnings are kept."""

import logging

import pytest


class Kept(logging.Handler):
    def __init__(self):
        super().__init__()
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@pytest.fixture
def kept():
    handler = Kept()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    yield handler.messages
    logger.removeHandler(handler)


def test_an_svg_property_weasyprint_ignores_is_not_logged(kept):
    logging.getLogger("weasyprint").warning("Ignored `text-anchor: end` at 1:194, unknown property.")

    assert kept == []


def test_weasyprint_s_other_warnings_are_logged(kept):
    logging.getLogger("weasyprint").warning("Anchor defined twice: fn1")
    logging.getLogger("weasyprint").warning("Failed to load image at 'chart.png'")

    assert kept == ["Anchor defined twice: fn1", "Failed to load image at 'chart.png'"]
