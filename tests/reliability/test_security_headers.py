"""Every response of the role × URL walk — each page, each role, GET and POST, refusals and redirects,
the admin site, the report PDF and the CSV/XLSX exports — carries the security headers, and none may be
kept by a browser cache or a proxy. (``check --deploy`` under production settings is in
tests/foundation/test_settings.py.)"""

import pytest

# The walk is built once per session (tests/reliability/conftest.py); the mark makes pytest-django
# set up the test database for it.
pytestmark = pytest.mark.django_db

REQUIRED = {
    "Content-Security-Policy": lambda value: (
        "default-src 'self'" in value and "frame-ancestors 'none'" in value
    ),
    "X-Frame-Options": lambda value: value == "DENY",
    "X-Content-Type-Options": lambda value: value == "nosniff",
    "Referrer-Policy": lambda value: value == "same-origin",
    "Cache-Control": lambda value: "no-store" in value and "private" in value,
}


def test_every_response_of_every_url_carries_the_security_headers(walked):
    answers = [answer for _, answer in walked.site] + walked.admin
    missing = []
    for answer in answers:
        if answer.status is None:
            continue  # an error: the matrix test reports it
        for header, acceptable in REQUIRED.items():
            if not acceptable(answer.headers.get(header, "")):
                value = answer.headers.get(header)
                missing.append(f"{answer.method} {answer.path} as {answer.role}: {header} is {value!r}")

    roles = {answer.role for answer in answers}
    assert {"anonymous", "admin"} <= roles
    assert len(answers) > 500
    assert not missing, "\n".join(missing[:50])
