from django.core.management.base import BaseCommand

from ...services import notify


class Command(BaseCommand):
    help = "Deliver due feedback notifications, including retries whose back-off has passed. Run it every minute (cron)."

    def handle(self, *args, **options):
        sent = notify.deliver_pending()
        self.stdout.write(f"{sent} notification(s) sent.")
