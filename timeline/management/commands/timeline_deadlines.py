import datetime

from django.core.management.base import BaseCommand

from timeline.services import deadlines_notify


class Command(BaseCommand):
    help = "Notify leads now of milestones due within three days or overdue (beat runs this each morning)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--on",
            type=datetime.date.fromisoformat,
            help="Count days from this date (YYYY-MM-DD), not today.",
        )

    def handle(self, *args, **options):
        sent = deadlines_notify(on=options["on"])
        self.stdout.write(f"Deadline notifications recorded: {sent}.")
