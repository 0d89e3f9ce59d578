from django.core.management.base import BaseCommand

from notifications.tasks import digests_send


class Command(BaseCommand):
    help = "Send the daily digest emails now (beat runs this at 07:00 each day)."

    def handle(self, *args, **options):
        queued = digests_send()
        self.stdout.write(f"Digest emails queued for {queued} people.")
