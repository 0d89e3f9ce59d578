"""Adds people and clients to the test provider: ``python -m tests.oidc_provider.seed '<json list>'``, each
record ``{"user": name, "password", "groups", "email", "full_name"}`` or ``{"client": id, "secret",
"redirect", "post_logout"}`` (run by tests/identity/provider.py with the provider's environment)."""

import json
import sys

import django


def main() -> None:
    django.setup()
    for record in json.loads(sys.argv[1]):
        if "user" in record:
            _user(**record)
        else:
            _client(**record)


def _user(*, user, password, groups, email, full_name) -> None:
    from django.contrib.auth.models import Group, User

    person, _ = User.objects.get_or_create(username=user)
    person.set_password(password)
    person.email = email
    person.first_name, _, person.last_name = full_name.partition(" ")
    person.save()
    person.groups.set([Group.objects.get_or_create(name=name)[0] for name in groups])


def _client(*, client, secret, redirect, post_logout="") -> None:
    from oauth2_provider.models import Application

    Application.objects.filter(client_id=client).delete()
    Application.objects.create(
        name=client,
        client_id=client,
        client_secret=secret,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=redirect,
        post_logout_redirect_uris=post_logout,
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )


if __name__ == "__main__":
    main()
