"""Writes for the case-file review, by topic: design, frame (import), draw, allocation, reviewing,
moderation, double review. Each refuses a forbidden action with a ``Refused`` (see ``refusals``)."""
