"""python manage.py create_inspection --force cleveland --programme "PEEL effectiveness 2016"
--window 2016-01-01:2016-03-31 [--lead USER] [--hmi USER] [--team USER,USER]"""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from forces.models import Force
from forces.selectors import force_find
from peel.models import Programme
from peel.services.inspections import inspection_create


def _window(value: str) -> tuple[datetime.date, datetime.date]:
    start, separator, end = value.partition(":")
    if not separator:
        raise CommandError(f"--window {value!r}: give two dates as YYYY-MM-DD:YYYY-MM-DD.")
    try:
        first, last = datetime.date.fromisoformat(start.strip()), datetime.date.fromisoformat(end.strip())
    except ValueError:
        raise CommandError(
            f"--window {value!r}: {start!r} or {end!r} is not a date written YYYY-MM-DD (e.g. 2016-01-01)."
        ) from None
    if first > last:
        raise CommandError(f"--window {value!r}: the window starts after it ends.")
    return first, last


def _users(usernames: list[str], option: str) -> list:
    found = {user.username: user for user in get_user_model().objects.filter(username__in=usernames)}
    unknown = [name for name in usernames if name not in found]
    if unknown:
        raise CommandError(f"{option}: no user is called {', '.join(repr(name) for name in unknown)}.")
    return [found[name] for name in usernames]


class Command(BaseCommand):
    help = "Create an inspection of one force in one programme, with its draft judgments and summaries."

    def add_arguments(self, parser):
        parser.add_argument("--force", required=True, help="The force's slug, short name or name.")
        parser.add_argument(
            "--programme",
            required=True,
            help='The programme\'s name or slug, e.g. "PEEL effectiveness 2016".',
        )
        parser.add_argument("--window", required=True, help="The file-review window, YYYY-MM-DD:YYYY-MM-DD.")
        parser.add_argument("--lead", help="The lead's username (a user with the Lead role).")
        parser.add_argument("--hmi", help="The HM Inspector's username (a user with the HM Inspector role).")
        parser.add_argument("--team", default="", help="The inspectors' usernames, separated by commas.")

    def handle(self, *args, **options):
        try:
            force = force_find(identifier=options["force"])
        except Force.DoesNotExist as error:
            raise CommandError(f"--force: {error}") from None
        name = options["programme"].strip()
        programme = (
            Programme.objects.filter(name__iexact=name).first() or Programme.objects.filter(slug=name).first()
        )
        if programme is None:
            known = ", ".join(repr(p.name) for p in Programme.objects.order_by("-year", "name"))
            raise CommandError(f"--programme: no programme is called {name!r} (known: {known or 'none'}).")
        start, end = _window(options["window"])
        lead = _users([options["lead"].strip()], "--lead")[0] if options["lead"] else None
        hmi = _users([options["hmi"].strip()], "--hmi")[0] if options["hmi"] else None
        team_names = [name.strip() for name in options["team"].split(",") if name.strip()]
        if len(set(team_names)) != len(team_names):
            raise CommandError("--team: a username is listed twice.")
        team = _users(team_names, "--team")
        try:
            inspection = inspection_create(
                force=force,
                programme=programme,
                review_window_start=start,
                review_window_end=end,
                lead=lead,
                hmi=hmi,
                team=team,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"created inspection: {inspection} (id {inspection.pk})")
