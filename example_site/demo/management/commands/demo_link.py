"""``manage.py demo_link``: print a fresh signed entry link for a demo visitor."""

from django.core.management.base import BaseCommand, CommandError

from demo import links
from wagtail_feedback.models import Visitor


class Command(BaseCommand):
    help = (
        "Sign a fresh token for a demo visitor (as the host product would) and print the portal entry link. "
        "The link is single-use and valid for 10 minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--visitor", help="Host id of the visitor (default: the first demo visitor).")
        parser.add_argument("--base-url", help="Site address (default: WAGTAILADMIN_BASE_URL).")
        parser.add_argument("--plain", action="store_true", help="Print the URL only.")

    def handle(self, *args, visitor=None, base_url=None, plain=False, **options):
        if visitor:
            subject = Visitor.objects.select_related("account").filter(host_id=visitor).first()
            if subject is None:
                raise CommandError(f"No visitor with host id {visitor!r}.")
        else:
            found = links.demo_visitors(limit=1)
            if not found:
                raise CommandError("No demo visitors yet: run `manage.py seed_demo` first.")
            subject = found[0]
        try:
            url = links.entry_url(subject, base_url=base_url)
        except links.DemoKeyMissing as error:
            raise CommandError(str(error)) from None
        if plain:
            self.stdout.write(url)
            return
        account = subject.account.name if subject.account else "no account"
        self.stdout.write(
            f"Visitor entry link for {subject.name} ({account}, language {subject.language or '-'}); "
            f"single use, valid {links.LINK_LIFETIME // 60} minutes:"
        )
        self.stdout.write(f"  {url}")
