import time

from django.core.management.base import BaseCommand
from django.db import transaction

from ...models import FeatureRequest
from ...similarity import backend_config, get_backend


class Command(BaseCommand):
    help = (
        "Rebuild the similarity index of feature requests (after bulk loads, an upgrade that changes matching, "
        "or switching the similarity backend). The site keeps answering while it runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=None, help="Requests indexed per transaction.")
        parser.add_argument("--clear", action="store_true", help="Empty the index first (searches find less until done).")

    def handle(self, *args, batch_size=None, clear=False, **options):
        backend = get_backend()
        batch_size = batch_size or backend.batch_size
        total = FeatureRequest.objects.count()
        self.stdout.write(f"Rebuilding the similarity index ({backend_config()['BACKEND']}) for {total} request(s).")
        if clear:
            backend.clear()
        done, last, started = 0, 0, time.monotonic()
        self.progress(done, total, started)
        while True:
            with transaction.atomic():
                batch = list(FeatureRequest.objects.filter(pk__gt=last).order_by("pk")[:batch_size])
                if not batch:
                    break
                backend.index(batch)
            done += len(batch)
            last = batch[-1].pk
            self.progress(done, total, started)
        if self.stdout.isatty():
            self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Indexed {done} request(s) in {time.monotonic() - started:.1f} s."))

    def progress(self, done, total, started, width=30):
        share = done / total if total else 1.0
        bar = "#" * round(width * share) + "-" * (width - round(width * share))
        line = f"[{bar}] {done}/{total} ({share:.0%}) {time.monotonic() - started:.1f} s"
        if self.stdout.isatty():
            self.stdout.write("\r" + line, ending="")
            self.stdout.flush()
        else:
            self.stdout.write(line)
