"""Adds a person or a client to the test provider: ``python -m tests.oidc_provider.seed user|client ...``
(run by tests/identity/provider.py with the provider's environment)."""

import argparse

import django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=["user", "client"])
    parser.add_argument("--name", required=True)
    parser.add_argument("--secret", default="")
    parser.add_argument("--groups", default="")
    parser.add_argument("--email", default="")
    parser.add_argument("--full-name", default="")
    parser.add_argument("--redirect", default="")
    parser.add_argument("--post-logout", default="")
    args = parser.parse_args()
    django.setup()
    if args.kind == "user":
        _user(args)
    else:
        _client(args)


def _user(args) -> None:
    from django.contrib.auth.models import Group, User

    user, _ = User.objects.get_or_create(username=args.name)
    user.set_password(args.secret)
    user.email = args.email
    user.first_name, _, user.last_name = args.full_name.partition(" ")
    user.save()
    user.groups.set([Group.objects.get_or_create(name=name)[0] for name in args.groups.split(",") if name])


def _client(args) -> None:
    from oauth2_provider.models import Application

    Application.objects.filter(client_id=args.name).delete()
    Application.objects.create(
        name=args.name,
        client_id=args.name,
        client_secret=args.secret,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=args.redirect,
        post_logout_redirect_uris=args.post_logout,
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )


if __name__ == "__main__":
    main()
