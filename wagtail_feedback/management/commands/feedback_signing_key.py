from django.core.management.base import BaseCommand, CommandError

from ...services import signing_keys


class Command(BaseCommand):
    help = "Create, list or deactivate the keys host products sign visitor tokens with."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create a key and print its secret once.")
        create.add_argument("--kid", required=True, help="Key id the host puts in the token header.")
        create.add_argument("--secret", help="Use this secret instead of a random one (at least 32 characters).")
        sub.add_parser("list", help="List keys (without secrets).")
        deactivate = sub.add_parser("deactivate", help="Refuse tokens signed with this key from now on.")
        deactivate.add_argument("--kid", required=True)

    def handle(self, *args, action, **options):
        if action == "create":
            try:
                key = signing_keys.create_key(options["kid"], secret=options.get("secret"))
            except ValueError as error:
                raise CommandError(str(error)) from None
            self.stdout.write(f"kid={key.kid}\nsecret={key.secret}")
        elif action == "list":
            for key in signing_keys.list_keys():
                state = "active" if key.is_active else "inactive"
                self.stdout.write(f"{key.kid}\t{state}\t{key.created_at:%Y-%m-%d %H:%M}")
        else:
            if not signing_keys.deactivate_key(options["kid"]):
                raise CommandError(f"No key with id {options['kid']!r}.")
            self.stdout.write(f"Key {options['kid']} deactivated.")
