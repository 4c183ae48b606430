"""``manage.py seed_demo``: demo data for the example site, sized by options.

The work is in :mod:`demo.seeding`; this command parses options and reports.
"""

import os
import time

from django.core.checks import Tags
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from demo import seeding


def positive(value):
    number = int(value)
    if number < 1:
        raise ValueError("must be at least 1")
    return number


def not_negative(value):
    number = int(value)
    if number < 0:
        raise ValueError("must not be negative")
    return number


class Command(BaseCommand):
    help = (
        "Seed demo data: accounts, visitors, feature requests in Japanese and English, votes, "
        "priorities with history, comments and releases. Also makes sure the 'demo' signing key, "
        "the admin user and the home page exist. Runs once: use --reset to start over."
    )

    # Not the security checks: the missing signing key they warn about is made here.
    requires_system_checks = [Tags.models, Tags.compatibility]

    def add_arguments(self, parser):
        parser.add_argument("--accounts", type=positive, default=12, help="Customer accounts (default 12).")
        parser.add_argument("--visitors", type=positive, default=60, help="Visitors (default 60).")
        parser.add_argument("--requests", type=positive, default=80, help="Feature requests (default 80).")
        parser.add_argument(
            "--votes-per-visitor", type=not_negative, default=6,
            help="Average votes per visitor (default 6); each visitor gets between half and 1.5 times as many.",
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1): same seed, same data.")
        parser.add_argument(
            "--reset", action="store_true",
            help="Delete ALL feedback data in this database (not signing keys or status settings) first.",
        )
        parser.add_argument("--batch-size", type=positive, default=2000, help="Rows per INSERT (default 2000).")
        parser.add_argument(
            "--admin-password", default=os.environ.get("DEMO_ADMIN_PASSWORD") or seeding.DEFAULT_ADMIN_PASSWORD,
            help="Password of the 'admin' superuser (default: $DEMO_ADMIN_PASSWORD or admin-demo-password).",
        )
        parser.add_argument("--no-admin", action="store_true", help="Do not create or update the admin user.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bars.")

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        progress = verbosity > 0 and not options["no_progress"]
        started = time.monotonic()

        call_command("createcachetable", verbosity=0)
        seeding.ensure_signing_key()
        if not options["no_admin"]:
            _user, created = seeding.ensure_admin(options["admin_password"])
            if verbosity:
                self.stdout.write(f"Admin user 'admin' {'created' if created else 'updated'}.")
        seeding.ensure_home_page()

        if options["reset"]:
            if verbosity:
                self.stdout.write("Deleting existing feedback data (--reset)…")
            seeding.reset()
        elif seeding.has_demo_data():
            if verbosity:
                self.stdout.write(self.style.WARNING(
                    "Feedback data already exists: leaving it as it is (use --reset to seed afresh)."
                ))
                self._report(seeding.counts())
            return

        opts = seeding.Options(
            accounts=options["accounts"],
            visitors=options["visitors"],
            requests=options["requests"],
            votes_per_visitor=options["votes_per_visitor"],
            seed=options["seed"],
            batch_size=options["batch_size"],
        )
        if verbosity:
            self.stdout.write(
                f"Seeding {opts.accounts:,} accounts, {opts.visitors:,} visitors, {opts.requests:,} requests, "
                f"~{opts.visitors * opts.votes_per_visitor:,} votes (seed {opts.seed})…"
            )
        summary = seeding.seed(opts, stderr=self.stderr._out, progress=progress)
        if verbosity > 1:
            self.stdout.write(f"Rows written in {summary.seconds:.1f}s: {summary.counts}")
        problems = seeding.verify()
        if problems:
            raise CommandError("Demo data is inconsistent: " + "; ".join(problems))
        if verbosity:
            self._report(seeding.counts())
            self.stdout.write(self.style.SUCCESS(
                f"Demo data ready in {time.monotonic() - started:.1f}s "
                f"(shares, counters and subscriptions checked)."
            ))

    def _report(self, counts):
        width = max(len(name) for name in counts)
        for name, value in counts.items():
            self.stdout.write(f"  {name:<{width}}  {value:>12,}")
