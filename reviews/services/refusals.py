"""The one exception our services raise when an action is not allowed or its input is unusable."""


class Refused(Exception):
    """An action refused with a message for the user; ``lines`` lists the individual problems, if any."""

    def __init__(self, message: str, lines: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.lines = lines or []
