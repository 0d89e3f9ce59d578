from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo.cleveland import cleveland_inspection_ensure
from demo.cleveland_figures import cleveland_figures_ensure
from demo.cleveland_reviews import cleveland_reviews_ensure
from demo.factual_accuracy import liaisons_ensure
from demo.figure_values import figure_values_ensure
from demo.publication import cleveland_publication_ensure, newcomer_inspection_ensure
from demo.report_sections import cleveland_report_content_ensure
from demo.timeline import demo_timelines_ensure
from demo.users import DEMO_PASSWORD, DEMO_USERS, demo_users_ensure


class Command(BaseCommand):
    help = (
        "Load the demo data (idempotent): demo users, the Cleveland Police 2016 inspection (published) "
        "and Northumbria 2016, ready to be submitted for sign-off."
    )

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
            liaisons_ensure(users=users)
            cleveland = cleveland_inspection_ensure(users=users)
            cleveland_reviews_ensure(inspection=cleveland, users=users)
            cleveland_figures_ensure()
            figure_values_ensure()
            # Written and approved before publication, which fixes the report's text.
            cleveland_report_content_ensure(inspection=cleveland, users=users)
            cleveland = cleveland_publication_ensure(inspection=cleveland, users=users)
            newcomer = newcomer_inspection_ensure(programme=cleveland.programme, users=users)
            demo_timelines_ensure(cleveland=cleveland, newcomer=newcomer)
        usernames = ", ".join(user.username for user in DEMO_USERS)
        self.stdout.write(f"demo users (password {DEMO_PASSWORD!r}): {usernames}")
        self.stdout.write(f"demo inspection: {cleveland} (id {cleveland.pk}), published")
        self.stdout.write(f"to take through sign-off and publication: {newcomer} (id {newcomer.pk})")
