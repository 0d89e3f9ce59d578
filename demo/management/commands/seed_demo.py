from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo.cleveland import cleveland_inspection_ensure
from demo.cleveland_figures import cleveland_figures_ensure
from demo.cleveland_reviews import cleveland_reviews_ensure
from demo.users import DEMO_PASSWORD, DEMO_USERS, demo_users_ensure


class Command(BaseCommand):
    help = "Load the demo data (idempotent): demo users and the Cleveland Police 2016 inspection."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even though DEBUG is off.")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "Refusing to load demo data with DEBUG off: this looks like production. "
                "Use --force if you really mean it."
            )
        with transaction.atomic():
            users = demo_users_ensure()
            cleveland = cleveland_inspection_ensure(users=users)
            cleveland_reviews_ensure(inspection=cleveland, users=users)
            cleveland_figures_ensure()
        usernames = ", ".join(user.username for user in DEMO_USERS)
        self.stdout.write(f"demo users (password {DEMO_PASSWORD!r}): {usernames}")
        self.stdout.write(f"demo inspection: {cleveland} (id {cleveland.pk})")
