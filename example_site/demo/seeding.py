"""Demo data written in bulk: accounts, visitors, requests, votes, priorities, comments.

The rows are planned in memory, then written in batches (``bulk_create``, and
multi-row INSERTs or COPY for the three big tables, see :class:`Writer`), so a
million votes take minutes, not hours. Nothing goes through the
services (that would send e-mails and take a lock per vote), so this module
keeps their invariants itself:

* every visitor's active votes on open requests hold shares that sum to
  exactly ``priorities.BUDGET``; the shares come from the same pure rules the
  services use (``add_vote`` when a vote is cast, ``set_share`` when a
  visitor or a CSM moves a slider, ``remove_vote`` when a request closes), and
  every change is written as a ``PriorityChange`` row at the time it happened;
* votes on released or declined requests stay active with share 0, and
  "not interested" marks hold 0;
* ``FeatureRequest.vote_count`` / ``not_interested_count`` are the true counts;
* every active vote comes with a subscription.

:func:`verify` checks all of that with a few aggregate queries.
"""

import math
import random
from bisect import bisect_right
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from functools import lru_cache
from itertools import accumulate, chain

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.utils import timezone

from wagtail_feedback.models import (
    CLOSED_STATUSES,
    Account,
    AccountStatus,
    App,
    Comment,
    FeatureRequest,
    PriorityChange,
    PriorityReason,
    ProductArea,
    SigningKey,
    Status,
    StatusChange,
    Subscription,
    Tag,
    Visibility,
    Visitor,
    Vote,
    VoteKind,
)
from wagtail_feedback.rules import priorities
from wagtail_feedback.rules.markdown import render_markdown

from . import data
from .links import ACCOUNT_PREFIX, VISITOR_PREFIX, demo_kid
from .progress import Progress

#: The first visitors get rich data (several open votes, a released request):
#: they are the ones offered on the stand-in product page.
FEATURED_VISITORS = 8
ADMIN_USERNAME = "admin"
DEFAULT_ADMIN_PASSWORD = "admin-demo-password"
DEFAULT_SIGNING_SECRET = "demo-secret-change-me-please-0123456789"

STATUS_MIX = {
    Status.NOT_REVIEWED: 22,
    Status.AWAITING_FEEDBACK: 14,
    Status.PLANNED: 16,
    Status.BUILDING: 12,
    Status.RELEASED: 24,
    Status.DECLINED: 12,
}
#: How much a status makes a request attract votes.
STATUS_APPEAL = {
    Status.NOT_REVIEWED: 0.7,
    Status.AWAITING_FEEDBACK: 1.0,
    Status.PLANNED: 1.3,
    Status.BUILDING: 1.4,
    Status.RELEASED: 1.5,
    Status.DECLINED: 0.6,
}
ACCOUNT_STATUS_MIX = [(AccountStatus.PAYING, 60), (AccountStatus.NOT_PAYING, 15), (AccountStatus.PROSPECT, 25)]
SLIDER_TARGETS = [1000, 1500, 2000, 2500, 3000, 3500, 4000, 5000, 6000, 7000]


@dataclass
class Options:
    accounts: int = 12
    visitors: int = 60
    requests: int = 80
    votes_per_visitor: int = 6
    seed: int = 1
    batch_size: int = 2000


@dataclass
class Summary:
    created: bool = False
    counts: dict = field(default_factory=dict)
    seconds: float = 0.0


# --------------------------------------------------------------------------
# Positional wrappers of the priority rules, cached
# --------------------------------------------------------------------------
#
# A visitor's open votes are a tuple of shares in the order the votes were
# cast (the order the services use: created_at, pk). The rules only look at
# values and order, so the result for a tuple is the same for every visitor;
# caching it makes a million votes cheap.


@lru_cache(maxsize=200_000)
def shares_after_vote(shares):
    n = len(shares)
    result = priorities.add_vote(dict(enumerate(shares)), n)
    return tuple(result[i] for i in range(n + 1))


@lru_cache(maxsize=200_000)
def shares_after_set(shares, index, target):
    result = priorities.set_share(dict(enumerate(shares)), index, target)
    return tuple(result[i] for i in range(len(shares)))


@lru_cache(maxsize=200_000)
def shares_after_close(shares, index):
    result = priorities.remove_vote(dict(enumerate(shares)), index)
    return tuple(result[i] for i in range(len(shares)) if i != index)


# Event kinds in a visitor's timeline. At equal times, votes come first.
VOTE, NOT_INTERESTED, SET, CLOSE = 0, 1, 2, 3
# Plain strings for rows written without the ORM.
ACTIVE, NOT_INTERESTED_KIND = str(VoteKind.ACTIVE.value), str(VoteKind.NOT_INTERESTED.value)
REASONS = {reason: str(reason.value) for reason in PriorityReason}


def simulate_priorities(events, pick):
    """Replay a visitor's timeline; return final shares and the history.

    ``events`` are ``(time, kind, request_key, by_user_id)`` sorted by time;
    ``pick(n)`` chooses which of ``n`` open votes a slider move is for. The
    result is ``(shares, history, last_change)``: ``shares`` maps each request
    key still open at the end to its share, ``history`` lists ``(key, old, new,
    reason, time, by_user_id)``, ``last_change`` maps keys to the time their
    share last moved.
    """
    keys, values = [], ()
    history, last_change = [], {}

    def record(old_keys, old_values, new_keys, new_values, reason, time, by_user, extra=()):
        before = dict(zip(old_keys, old_values, strict=True))
        for key, new in zip(new_keys, new_values, strict=True):
            old = before.get(key, 0)
            if old != new:
                history.append((key, old, new, REASONS[reason], time, by_user))
                last_change[key] = time
        for key, old in extra:
            history.append((key, old, 0, REASONS[reason], time, by_user))
            last_change[key] = time

    for time, kind, key, by_user in events:
        if kind == VOTE:
            new_values = shares_after_vote(values)
            new_keys = [*keys, key]
            record(keys, values, new_keys, new_values, PriorityReason.VOTE, time, by_user)
            keys, values = new_keys, new_values
        elif kind == SET:
            if len(keys) < 2:
                continue
            index = pick(len(keys))
            target = key
            new_values = shares_after_set(values, index, target)
            record(keys, values, keys, new_values, PriorityReason.SET, time, by_user)
            values = new_values
        elif kind == CLOSE:
            if key not in keys:
                continue
            index = keys.index(key)
            new_values = shares_after_close(values, index)
            new_keys = keys[:index] + keys[index + 1 :]
            record(keys, values, new_keys, new_values, PriorityReason.CLOSED, time, by_user,
                   extra=[(key, values[index])])
            keys, values = new_keys, new_values
    return dict(zip(keys, values, strict=True)), history, last_change


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


@contextmanager
def explicit_timestamps(*models):
    """Let bulk_create keep the created_at / updated_at values we set.

    ``auto_now`` and ``auto_now_add`` fields overwrite any value on insert;
    the demo needs history spread over past months, so they are switched off
    for the duration (this process only).
    """
    saved = []
    for model in models:
        for model_field in model._meta.concrete_fields:
            if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False):
                saved.append((model_field, model_field.auto_now, model_field.auto_now_add))
                model_field.auto_now = model_field.auto_now_add = False
    try:
        yield
    finally:
        for model_field, auto_now, auto_now_add in saved:
            model_field.auto_now, model_field.auto_now_add = auto_now, auto_now_add


def description_markdown(language, why, asks, rng):
    bullets = "\n".join(f"- {ask}" for ask in asks)
    if language == "ja":
        closing = rng.choice(["", "\n\nご検討よろしくお願いします。", "\n\n社内の複数部署から同じ要望が出ています。"])
        return f"## 背景\n\n{why}\n\n## 要望\n\n{bullets}{closing}"
    closing = rng.choice(["", "\n\nThanks for considering it!", "\n\nSeveral teams here have asked for this."])
    return f"**Problem:** {why}\n\n**What we would like:**\n\n{bullets}{closing}"


def weighted_picker(rng, weights):
    """``pick()`` returns an index drawn with the given weights (fast: bisect)."""
    cumulative = list(accumulate(weights))
    total = cumulative[-1]

    def pick():
        return bisect_right(cumulative, rng.random() * total)

    return pick


class Writer:
    """Batched inserts.

    Small tables go through ``bulk_create``. The three big ones (votes,
    subscriptions, priority history: several million rows in a benchmark run)
    go through :meth:`add_row`: plain tuples sent as multi-row
    ``INSERT … VALUES (…), (…)`` statements on SQLite and with ``COPY`` on
    PostgreSQL. Building a model instance and compiling SQL per row costs ten
    times more than the database's work, and ``executemany`` is a round trip
    per row on PostgreSQL.
    Values are adapted as the ORM would (datetimes through
    ``connection.ops``); :func:`verify` checks the result with the ORM.
    """

    FAST = {
        Vote: ["visitor", "request", "kind", "share", "added_by", "created_at", "updated_at"],
        Subscription: ["visitor", "request", "created_at"],
        PriorityChange: ["visitor", "request", "old_share", "new_share", "reason", "changed_by_user", "created_at"],
    }
    ORDER = [StatusChange, Vote, Subscription, PriorityChange, Comment]

    def __init__(self, batch_size):
        self.batch_size = batch_size
        self.objects = defaultdict(list)
        self.rows = defaultdict(list)
        self.written = Counter()
        self._sql = {}

    def add(self, obj):
        """Queue a model instance for ``bulk_create``."""
        pending = self.objects[type(obj)]
        pending.append(obj)
        if len(pending) >= self.batch_size * 5:
            self._flush_objects(type(obj))

    def add_row(self, model, values):
        """Queue a row of ``model`` as a tuple in the order of ``FAST[model]``."""
        pending = self.rows[model]
        pending.append(values)
        if len(pending) >= self.batch_size * 5:
            self._flush_rows(model)

    def flush(self):
        for model in [*self.ORDER, *self.objects, *self.rows]:
            self._flush_objects(model)
            self._flush_rows(model)

    def _flush_objects(self, model):
        pending = self.objects.pop(model, None)
        if pending:
            model.objects.bulk_create(pending, batch_size=self.batch_size)
            self.written[model.__name__] += len(pending)

    def _statement(self, model, rows):
        """``INSERT … VALUES (…), (…)`` for ``rows`` rows, and which columns are datetimes."""
        key = (model, rows)
        if key not in self._sql:
            fields = [model._meta.get_field(name) for name in self.FAST[model]]
            quote = connection.ops.quote_name
            columns = ", ".join(quote(f.column) for f in fields)
            one_row = "(" + ", ".join(["%s"] * len(fields)) + ")"
            sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES " + ", ".join([one_row] * rows)
            datetimes = [i for i, f in enumerate(fields) if f.get_internal_type() == "DateTimeField"]
            self._sql[key] = sql, datetimes
        return self._sql[key]

    def _flush_rows(self, model):
        pending = self.rows.pop(model, None)
        if not pending:
            return
        if connection.vendor == "postgresql":
            self._copy_rows(model, pending)
            return
        columns = len(self.FAST[model])
        max_params = connection.features.max_query_params or 65_535
        per_statement = max(1, min(self.batch_size, max_params // columns))
        _sql, datetimes = self._statement(model, 1)
        if datetimes:
            adapt, adapted = connection.ops.adapt_datetimefield_value, {}
            converted = []
            for row in pending:
                row = list(row)
                for i in datetimes:
                    value = row[i]
                    if value not in adapted:
                        adapted[value] = adapt(value)
                    row[i] = adapted[value]
                converted.append(row)
            pending = converted
        with connection.cursor() as cursor:
            for start in range(0, len(pending), per_statement):
                chunk = pending[start:start + per_statement]
                sql, _datetimes = self._statement(model, len(chunk))
                cursor.execute(sql, list(chain.from_iterable(chunk)))
        self.written[model.__name__] += len(pending)

    def _copy_rows(self, model, pending):
        """PostgreSQL: ``COPY … FROM STDIN``, the fastest way in."""
        fields = [model._meta.get_field(name) for name in self.FAST[model]]
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in fields)
        with connection.cursor() as cursor:
            with cursor.cursor.copy(f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN") as copy:
                for row in pending:
                    copy.write_row(row)
        self.written[model.__name__] += len(pending)


# --------------------------------------------------------------------------
# Always: signing key, admin, staff, home page
# --------------------------------------------------------------------------


def signing_secret():
    return getattr(settings, "DEMO_SIGNING_SECRET", None) or DEFAULT_SIGNING_SECRET


def ensure_signing_key():
    """The key the stand-in product page signs with (kid "demo")."""
    key, created = SigningKey.objects.get_or_create(
        kid=demo_kid(), defaults={"secret": signing_secret(), "is_active": True}
    )
    if not created and (key.secret != signing_secret() or not key.is_active):
        key.secret, key.is_active = signing_secret(), True
        key.save(update_fields=["secret", "is_active"])
    return key


def ensure_admin(password, *, username=ADMIN_USERNAME):
    """A superuser for the Wagtail admin; its password is reset to ``password``."""
    User = get_user_model()
    user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
    if user is None:
        user = User.objects.create_superuser(
            username, email="admin@acme-analytics.example", password=password,
            first_name="Demo", last_name="Admin",
        )
        return user, True
    user.is_staff = user.is_superuser = user.is_active = True
    user.set_password(password)
    user.save()
    return user, False


def ensure_staff():
    """Customer-success and product staff who comment and change statuses."""
    User = get_user_model()
    staff = {}
    for username, first, last, email, role in data.STAFF:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": email, "is_staff": True},
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        staff.setdefault(role, []).append(user.pk)
    return staff


#: The feedback blocks on the home page (E1), with the settings an editor would choose. Headings
#: and introductions are left empty: the blocks then show their own, in the visitor's language.
HOME_FEEDBACK_BLOCKS = [
    ("voting_list", {"heading": "", "intro": "", "area": "", "statuses": [], "sort": "votes", "count": 5}),
    ("suggestion_form", {"heading": "", "intro": "", "area": ""}),
    ("my_priorities", {"heading": "", "intro": ""}),
    ("roadmap", {"heading": "", "intro": "", "area": "", "count": 4}),
]

HOME_BODY = [
    ("heading", "Customer feedback, inside your Wagtail site"),
    ("paragraph",
     "<p>This is the example site of <b>wagtail_feedback</b>. Customers of a SaaS product "
     "(“Acme Analytics”) suggest features, vote, and split a fixed budget of priority between "
     "the requests they care about. The company’s customer-success and product teams work with "
     "all of it in the Wagtail admin. The four boxes below are the plugin’s page blocks: an editor "
     "adds them to any page in the Wagtail editor.</p>"),
    *HOME_FEEDBACK_BLOCKS,
    ("heading", "Try it"),
    ("paragraph",
     '<ul><li><a href="/product/">The stand-in product</a>: pick a demo customer and click '
     "“Suggest a feature”. The link carries a signed, single-use token, exactly as a real "
     "product would send it. Then come back here: the blocks above know who you are.</li>"
     '<li><a href="/feedback/">The feedback portal</a>: requests in Japanese and English, votes, '
     "priorities, comments.</li>"
     '<li><a href="/admin/">The Wagtail admin</a>: sign in as <code>admin</code> with the password '
     "<code>make demo</code> printed.</li></ul>"),
    ("heading", "日本語でも"),
    ("paragraph",
     "<p>ポータルは日本語と英語に対応しています。日本語を使うデモ顧客としてログインすると、"
     "そのまま日本語で表示されます。</p>"),
]


def ensure_home_page():
    """Give the root HomePage the demo content, once (editors may change it later).

    An empty body gets it; so does the body an earlier version of this command
    wrote (its first heading, and no feedback block yet). Anything else is an
    editor's work and stays as it is.
    """
    from home.models import HomePage

    page = HomePage.objects.first()
    if page is None:
        return page
    feedback_types = {name for name, _value in HOME_FEEDBACK_BLOCKS}
    earlier_demo = (
        len(page.body)
        and page.body[0].block_type == "heading" and page.body[0].value == HOME_BODY[0][1]
        and not any(block.block_type in feedback_types for block in page.body)
    )
    if len(page.body) and not earlier_demo:
        return page
    page.body = HOME_BODY
    page.save_revision().publish()
    return page


# --------------------------------------------------------------------------
# Reset
# --------------------------------------------------------------------------


def _tables_to_clear():
    """Every feedback model but signing keys and status settings, children before parents."""
    from django.apps import apps

    from wagtail_feedback.models import StatusSetting

    keep = {SigningKey, StatusSetting}
    remaining = [
        m for m in apps.get_app_config("wagtail_feedback").get_models(include_auto_created=True)
        if m not in keep and not m._meta.proxy
    ]

    def references(child, parent):
        return child is not parent and any(
            f.is_relation and f.related_model is parent for f in child._meta.concrete_fields
        )

    order = []
    while remaining:
        free = [m for m in remaining if not any(references(other, m) for other in remaining)]
        if not free:  # a cycle: constraints are checked at commit anyway
            free = remaining[:]
        order.extend(free)
        remaining = [m for m in remaining if m not in free]
    return order


def reset():
    """Delete every feedback row (signing keys and status settings stay) and the demo staff."""
    with transaction.atomic(), connection.cursor() as cursor:
        for model in _tables_to_clear():
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
        get_user_model().objects.filter(username__in=[s[0] for s in data.STAFF]).delete()


def has_demo_data():
    return FeatureRequest.objects.exists() or Visitor.objects.filter(host_id__startswith=VISITOR_PREFIX).exists()


# --------------------------------------------------------------------------
# The seeder
# --------------------------------------------------------------------------


class Seeder:
    def __init__(self, options, *, stderr=None, progress=True):
        self.o = options
        self.rng = random.Random(options.seed)
        self.now = timezone.now().replace(microsecond=0)
        self.stderr = stderr
        self.progress = progress
        self.writer = Writer(options.batch_size)
        self._html_cache = {}

    def bar(self, label, total, unit=""):
        return Progress(label, total, unit=unit, stream=self.stderr, enabled=self.progress)

    def html(self, text):
        if text not in self._html_cache:
            self._html_cache[text] = render_markdown(text)
        return self._html_cache[text]

    def ago(self, low_days, high_days):
        return self.now - timedelta(seconds=self.rng.uniform(low_days, high_days) * 86400)

    def run(self):
        self.staff = ensure_staff()
        self.pms = self.staff["pm"]
        self.csms = self.staff["csm"]
        with explicit_timestamps(Account, Visitor, FeatureRequest, Vote, Subscription, PriorityChange,
                                 Comment, StatusChange):
            self.catalog()
            self.accounts()
            self.visitors()
            self.requests()
            self.status_history()
            self.votes()
            self.comments()
            self.writer.flush()
            self.counters()

    # ---- catalog ----------------------------------------------------------

    def catalog(self):
        self.apps = {}
        for slug, name in data.APPS:
            self.apps[slug], _ = App.objects.get_or_create(slug=slug, defaults={"name": name})
        self.areas = {}
        for slug, name, app_slug in data.AREAS:
            self.areas[slug], _ = ProductArea.objects.get_or_create(
                slug=slug, defaults={"name": name, "app": self.apps[app_slug]}
            )
        self.tags = {}
        for name in data.TAGS:
            self.tags[name], _ = Tag.objects.get_or_create(name=name)

    # ---- accounts -----------------------------------------------------------

    def accounts(self):
        rng, count = self.rng, self.o.accounts
        width = max(4, len(str(count)))
        statuses = [s for s, _ in ACCOUNT_STATUS_MIX]
        pick_status = weighted_picker(rng, [w for _, w in ACCOUNT_STATUS_MIX])
        rows, self.account_langs, self.account_domains = [], [], []
        n = len(data.COMPANIES)
        for i in range(count):
            name, domain, lang = data.COMPANIES[i % n]
            cycle = i // n
            if cycle:
                branch, branch_slug = data.BRANCHES[(cycle - 1) % len(data.BRANCHES)]
                round_ = (cycle - 1) // len(data.BRANCHES)
                suffix = f" {round_ + 1}" if round_ else ""
                name = f"{name} ({branch}{suffix})"
                domain = f"{branch_slug}{round_ + 1 if round_ else ''}.{domain}"
            status = AccountStatus.PAYING if i == 0 else statuses[pick_status()]
            if status == AccountStatus.PAYING:
                value = min(60_000, max(200, round(rng.lognormvariate(math.log(1800), 0.9), -1)))
            elif status == AccountStatus.PROSPECT:
                value = round(rng.uniform(300, 8000), -1)
            else:
                value = 0
            created = self.ago(200, 900)
            rows.append(Account(
                host_id=f"{ACCOUNT_PREFIX}{i + 1:0{width}d}", name=name, status=status,
                monthly_value=Decimal(value).quantize(Decimal("0.01")),
                created_at=created, updated_at=self.ago(0, 30),
            ))
            self.account_langs.append(lang)
            self.account_domains.append(domain)
        with self.bar("accounts", count) as bar:
            for start in range(0, count, self.o.batch_size):
                chunk = rows[start:start + self.o.batch_size]
                Account.objects.bulk_create(chunk, batch_size=self.o.batch_size)
                bar.advance(len(chunk))
        self.account_pks = [a.pk for a in rows]
        self.writer.written["Account"] += count
        # Bigger customers have more people giving feedback.
        self.pick_account = weighted_picker(rng, [1 / (rank + 1) ** 0.6 for rank in range(count)])

    # ---- visitors -----------------------------------------------------------

    def visitors(self):
        rng, count = self.rng, self.o.visitors
        width = max(6, len(str(count)))
        self.visitor_pks = [0] * count
        self.visitor_langs = []
        emails = set()
        with self.bar("visitors", count) as bar:
            for start in range(0, count, self.o.batch_size):
                rows = []
                for i in range(start, min(count, start + self.o.batch_size)):
                    account = i if i < self.o.accounts else self.pick_account()
                    lang = self.account_langs[account]
                    if i >= FEATURED_VISITORS and rng.random() < 0.15:
                        lang = "en" if lang == "ja" else "ja"
                    if lang == "ja":
                        family, family_latin = rng.choice(data.JA_FAMILY_NAMES)
                        given, given_latin = rng.choice(data.JA_GIVEN_NAMES)
                        name = f"{family} {given}"
                    else:
                        given = given_latin = rng.choice(data.EN_GIVEN_NAMES)
                        family = family_latin = rng.choice(data.EN_FAMILY_NAMES)
                        name = f"{given} {family}"
                    local = f"{given_latin}.{family_latin}".lower()
                    email = f"{local}@{self.account_domains[account]}"
                    number = 2
                    while email in emails:
                        email = f"{local}{number}@{self.account_domains[account]}"
                        number += 1
                    emails.add(email)
                    rows.append(Visitor(
                        host_id=f"{VISITOR_PREFIX}{i + 1:0{width}d}", name=name, email=email,
                        language=lang, account_id=self.account_pks[account],
                        created_at=self.ago(100, 400), email_opt_out=rng.random() < 0.03,
                    ))
                    self.visitor_langs.append(lang)
                Visitor.objects.bulk_create(rows, batch_size=self.o.batch_size)
                for offset, visitor in enumerate(rows):
                    self.visitor_pks[start + offset] = visitor.pk
                bar.advance(len(rows))
        self.writer.written["Visitor"] += count
        self.visitors_by_lang = defaultdict(list)
        for i, lang in enumerate(self.visitor_langs):
            self.visitors_by_lang[lang].append(i)

    # ---- requests -----------------------------------------------------------

    def request_pool(self, count):
        """``count`` request specs: the hand-written pool (shuffled), then generated ones."""
        rng = self.rng
        pool = list(data.REQUESTS)
        rng.shuffle(pool)
        specs = pool[:count]
        generated = 0
        while len(specs) < count:
            lang = "ja" if generated % 2 else "en"
            more = data.MORE_JA if lang == "ja" else data.MORE_EN
            combos = len(more["templates"]) * len(more["subjects"])
            n = generated // 2
            s_index = n % len(more["subjects"])
            t_index = (n // len(more["subjects"])) % len(more["templates"])
            title = more["templates"][t_index].format(s=more["subjects"][s_index])
            if n >= combos:
                title += f" (#{n // combos + 1})"
            area = data.MORE_AREAS[s_index]
            if lang == "ja":
                why = f"{more['subjects'][s_index]}が増えてきて、管理に時間がかかっています。"
                asks = ["一覧画面からまとめて操作したい", "操作の履歴を残してほしい"]
            else:
                why = f"We have hundreds of {more['subjects'][s_index]} and managing them one by one is slow."
                asks = ["Do it from the list view for many at once", "Keep a record of who changed what"]
            specs.append((lang, area, [], title, why, asks))
            generated += 1
        return specs

    def requests(self):
        rng, count = self.rng, self.o.requests
        specs = self.request_pool(count)
        status_counts = priorities.apportion(STATUS_MIX, count)
        statuses = [status for status, n in status_counts.items() for _ in range(n)]
        rng.shuffle(statuses)
        rows, tag_links = [], []
        self.req_created, self.req_closed, self.req_status, self.req_lang = [], [], [], []
        self.status_plans = []
        for j, (lang, area_slug, tags, title, why, asks) in enumerate(specs):
            status = statuses[j]
            created, changed, released = self._request_timeline(status)
            candidates = self.visitors_by_lang.get(lang) or range(self.o.visitors)
            requester = rng.choice(candidates)
            area = self.areas[area_slug]
            description = description_markdown(lang, why, asks, rng)
            rows.append(FeatureRequest(
                title=title,
                description=description,
                description_html=self.html(description),
                status=status,
                app=area.app,
                area=area,
                effort=rng.randint(1, 5) if status != Status.NOT_REVIEWED and rng.random() < 0.8 else None,
                requested_by_id=self.visitor_pks[requester],
                created_by_user_id=rng.choice(self.csms) if rng.random() < 0.2 else None,
                created_at=created,
                updated_at=changed or created,
                status_changed_at=changed,
                released_at=released,
            ))
            tag_links.append(tags)
            self.req_created.append(created)
            self.req_closed.append(changed if status in CLOSED_STATUSES else None)
            self.req_status.append(status)
            self.req_lang.append(lang)
            self.status_plans.append((status, created, changed))
        with self.bar("feature requests", count) as bar:
            for start in range(0, count, self.o.batch_size):
                chunk = rows[start:start + self.o.batch_size]
                FeatureRequest.objects.bulk_create(chunk, batch_size=self.o.batch_size)
                bar.advance(len(chunk))
        self.writer.written["FeatureRequest"] += count
        self.request_pks = [r.pk for r in rows]
        # Requester of each request, by visitor index (for their own vote).
        pk_to_index = {pk: i for i, pk in enumerate(self.visitor_pks)}
        self.requesters = defaultdict(list)
        for j, row in enumerate(rows):
            self.requesters[pk_to_index[row.requested_by_id]].append(j)
        Through = FeatureRequest.tags.through
        Through.objects.bulk_create(
            [Through(featurerequest_id=rows[j].pk, tag_id=self.tags[name].pk)
             for j, names in enumerate(tag_links) for name in names],
            batch_size=self.o.batch_size,
        )
        # Popularity: a long tail, by a random rank; closed and planned work attracts more.
        ranks = list(range(count))
        rng.shuffle(ranks)
        base = [STATUS_APPEAL[self.req_status[j]] / (ranks[j] + 1) ** 0.8 for j in range(count)]
        self.pick_request = {
            lang: weighted_picker(rng, [w * (2.5 if self.req_lang[j] == lang else 1) for j, w in enumerate(base)])
            for lang in ("ja", "en")
        }

    def _request_timeline(self, status):
        """``(created_at, status_changed_at, released_at)`` for a request in ``status``."""
        rng = self.rng
        if status == Status.NOT_REVIEWED:
            return self.ago(0.3, 45), None, None
        if status == Status.RELEASED:
            changed = self.ago(0.5, 60)
            created = changed - timedelta(days=rng.uniform(20, 40))
            return created, changed, changed
        spans = {
            Status.AWAITING_FEEDBACK: ((1, 40), (2, 40)),
            Status.PLANNED: ((1, 45), (5, 50)),
            Status.BUILDING: ((1, 30), (10, 60)),
            Status.DECLINED: ((1, 60), (5, 35)),
        }
        (changed_low, changed_high), (age_low, age_high) = spans[status]
        changed = self.ago(changed_low, changed_high)
        created = changed - timedelta(days=rng.uniform(age_low, age_high))
        return created, changed, None

    def status_history(self):
        """StatusChange rows leading each request to its current status."""
        rng = self.rng
        paths = {
            Status.AWAITING_FEEDBACK: [Status.AWAITING_FEEDBACK],
            Status.PLANNED: [Status.PLANNED],
            Status.BUILDING: [Status.PLANNED, Status.BUILDING],
            Status.RELEASED: [Status.PLANNED, Status.BUILDING, Status.RELEASED],
            Status.DECLINED: [Status.DECLINED],
        }
        for j, (status, created, changed) in enumerate(self.status_plans):
            path = paths.get(status)
            if not path:
                continue
            if status == Status.DECLINED and rng.random() < 0.5:
                path = [Status.AWAITING_FEEDBACK, Status.DECLINED]
            # Intermediate steps between creation and the last change, in order.
            times = sorted(created + (changed - created) * rng.uniform(0.2, 0.9) for _ in path[:-1])
            times.append(changed)
            old = Status.NOT_REVIEWED
            pm = rng.choice(self.pms)
            for new, at in zip(path, times, strict=True):
                self.writer.add(StatusChange(
                    request_id=self.request_pks[j], old_status=old, new_status=new,
                    message=data.STATUS_MESSAGES.get(new, ""), changed_by_id=pm, created_at=at,
                ))
                old = new

    # ---- votes and priorities -------------------------------------------------

    def votes(self):
        rng, o = self.rng, self.o
        count = o.requests
        low = max(1, o.votes_per_visitor // 2) if o.votes_per_visitor else 0
        high = 2 * o.votes_per_visitor - low
        released = [j for j in range(count) if self.req_status[j] == Status.RELEASED]
        self.vote_count = [0] * count
        self.ni_count = [0] * count
        self.voters = defaultdict(list)  # request index -> [(visitor index, lang)], a sample
        chunk = max(1, o.batch_size // 4)
        with self.bar("votes & priorities", o.visitors, unit="visitors") as bar:
            for start in range(0, o.visitors, chunk):
                stop = min(o.visitors, start + chunk)
                for i in range(start, stop):
                    self._visitor_votes(i, rng.randint(low, high), released)
                bar.advance(stop - start)

    def _vote_time(self, j):
        start = self.req_created[j] + timedelta(hours=1)
        end = self.req_closed[j] or self.now
        span = (end - start).total_seconds() - 3600
        # Interest is highest soon after a request appears.
        return start + timedelta(seconds=max(0.0, span) * self.rng.random() ** 1.6)

    def _choose(self, i, k, released):
        """Request indices visitor ``i`` votes for: their own first, then by popularity."""
        rng, count = self.rng, self.o.requests
        own = self.requesters.get(i, [])
        chosen = dict.fromkeys(own)
        k = min(count, max(k, len(own)))
        pick = self.pick_request[self.visitor_langs[i]]
        attempts = 0
        while len(chosen) < k and attempts < k * 20:
            chosen.setdefault(pick())
            attempts += 1
        if len(chosen) < k:  # very few requests: fill in order
            for j in range(count):
                if len(chosen) >= k:
                    break
                chosen.setdefault(j)
        if i < FEATURED_VISITORS:
            # Rich data for the visitors on the product page: at least two open
            # votes (sliders) and one released request (the Released tab).
            open_ = [j for j in chosen if self.req_closed[j] is None]
            extra = [j for j in range(count) if self.req_closed[j] is None and j not in chosen]
            rng.shuffle(extra)
            for j in extra[: max(0, 3 - len(open_))]:
                chosen.setdefault(j)
            if released and not any(self.req_status[j] == Status.RELEASED for j in chosen):
                chosen.setdefault(rng.choice(released))
        return list(chosen), set(own)

    def _visitor_votes(self, i, k, released):
        rng = self.rng
        visitor_pk = self.visitor_pks[i]
        add_row = self.writer.add_row
        chosen, own = self._choose(i, k, released)
        events = []
        kinds = {}
        added_by = {}
        for j in chosen:
            if j in own:
                kinds[j] = (VOTE, self.req_created[j])
            else:
                kinds[j] = (NOT_INTERESTED if rng.random() < 0.1 else VOTE, self._vote_time(j))
        if i < FEATURED_VISITORS:
            # Keep at least two open votes for the priority sliders.
            open_votes = sum(1 for j, (kind, _) in kinds.items() if kind == VOTE and self.req_closed[j] is None)
            for j, (kind, at) in kinds.items():
                if open_votes >= 2:
                    break
                if kind == NOT_INTERESTED and self.req_closed[j] is None:
                    kinds[j] = (VOTE, at)
                    open_votes += 1
        for j, (kind, at) in kinds.items():
            by_user = rng.choice(self.csms) if kind == VOTE and j not in own and rng.random() < 0.04 else None
            added_by[j] = by_user
            events.append((at, kind, j, by_user))
            if kind == VOTE and self.req_closed[j] is not None:
                events.append((self.req_closed[j], CLOSE, j, rng.choice(self.pms)))
        vote_times = sorted(at for at, kind, _, _ in events if kind == VOTE)
        if len(vote_times) >= 2 and rng.random() < (0.8 if i < FEATURED_VISITORS else 0.45):
            first_possible = vote_times[1]
            for _ in range(rng.randint(1, 3)):
                at = first_possible + (self.now - first_possible) * rng.random()
                by_user = rng.choice(self.csms) if rng.random() < 0.2 else None
                events.append((at, SET, rng.choice(SLIDER_TARGETS), by_user))
        events.sort(key=lambda e: (e[0], e[1]))
        shares, history, last_change = simulate_priorities(events, lambda n: rng.randrange(n))

        for j, (kind, at) in kinds.items():
            request_pk = self.request_pks[j]
            if kind == VOTE:
                self.vote_count[j] += 1
                add_row(Vote, (visitor_pk, request_pk, ACTIVE, shares.get(j, 0), added_by[j],
                               at, last_change.get(j, at)))
                add_row(Subscription, (visitor_pk, request_pk, at))
            else:
                self.ni_count[j] += 1
                add_row(Vote, (visitor_pk, request_pk, NOT_INTERESTED_KIND, 0, None, at, at))
            sample = self.voters[j]
            if kind == VOTE and len(sample) < 12:
                sample.append(i)
        request_pks = self.request_pks
        for j, old, new, reason, at, by_user in history:
            add_row(PriorityChange, (visitor_pk, request_pks[j], old, new, reason, by_user, at))

    # ---- comments -------------------------------------------------------------

    def comments(self):
        with self.bar("comments", self.o.requests, unit="requests") as bar:
            for j in range(self.o.requests):
                self._request_comments(j)
                bar.advance()

    def _request_comments(self, j):
        rng = self.rng
        request_pk = self.request_pks[j]
        lang, status = self.req_lang[j], self.req_status[j]
        start = self.req_created[j]
        end = self.req_closed[j] or self.now
        comments = []

        def at_random():
            return start + (end - start) * rng.uniform(0.05, 0.98)

        voters = self.voters.get(j, [])
        for i in rng.sample(voters, min(len(voters), rng.choice([0, 1, 1, 2, 2, 3, 4]))):
            text = rng.choice(data.VISITOR_COMMENTS[self.visitor_langs[i]])
            comments.append((at_random(), text, Visibility.PUBLIC, self.visitor_pks[i], None))
        if rng.random() < (0.3 if status == Status.NOT_REVIEWED else 0.8):
            text = rng.choice(data.STAFF_PUBLIC_COMMENTS[lang])
            comments.append((at_random(), text, Visibility.PUBLIC, None, rng.choice(self.csms + self.pms)))
        if rng.random() < 0.35:
            text = rng.choice(data.INTERNAL_COMMENTS)
            comments.append((at_random(), text, Visibility.INTERNAL, None, rng.choice(self.csms + self.pms)))
        if status == Status.RELEASED:
            comments.append((end + timedelta(minutes=5), data.RELEASE_COMMENTS[lang], Visibility.PUBLIC, None,
                             rng.choice(self.pms)))
        for at, text, visibility, visitor_pk, user_pk in sorted(comments, key=lambda c: c[0]):
            self.writer.add(Comment(
                request_id=request_pk, body=text, body_html=self.html(text), visibility=visibility,
                author_visitor_id=visitor_pk, author_user_id=user_pk, created_at=min(at, self.now),
            ))

    # ---- counters ---------------------------------------------------------------

    def counters(self):
        rows = [
            FeatureRequest(pk=pk, vote_count=self.vote_count[j], not_interested_count=self.ni_count[j])
            for j, pk in enumerate(self.request_pks)
        ]
        with self.bar("counters", len(rows) + 1, unit="rows") as bar:
            for start in range(0, len(rows), 500):
                chunk = rows[start:start + 500]
                FeatureRequest.objects.bulk_update(chunk, ["vote_count", "not_interested_count"])
                bar.advance(len(chunk))
            # Visitors were last seen when they last voted.
            latest = (
                Vote.objects.filter(visitor=OuterRef("pk")).order_by("-created_at").values("created_at")[:1]
            )
            Visitor.objects.filter(host_id__startswith=VISITOR_PREFIX).update(last_seen_at=Subquery(latest))
            bar.advance()


# --------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------


def seed(options, *, stderr=None, progress=True):
    """Write the demo data in one transaction; return a :class:`Summary`."""
    import time

    started = time.monotonic()
    seeder = Seeder(options, stderr=stderr, progress=progress)
    # With DEBUG on, Django keeps the text of every query (and quotes every
    # parameter of a bulk insert to build it): not what a million rows need.
    debug, settings.DEBUG = settings.DEBUG, False
    try:
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                # A bigger page cache (256 MB) keeps index inserts off the disk.
                cursor.execute("PRAGMA cache_size = -262144")
        with transaction.atomic():
            seeder.run()
    finally:
        settings.DEBUG = debug
    update_search_index(stderr=stderr, progress=progress)
    counts = dict(seeder.writer.written)
    return Summary(created=True, counts=counts, seconds=time.monotonic() - started)


def update_search_index(*, stderr=None, progress=True):
    """Index the feedback models Wagtail search knows about (bulk_create sends no signals)."""
    from wagtail.search.backends import get_search_backends
    from wagtail.search.index import get_indexed_models

    models = [m for m in get_indexed_models() if m._meta.app_label == "wagtail_feedback"]
    for model in models:
        queryset = model.get_indexed_objects().order_by("pk")
        total = queryset.count()
        with Progress(f"search: {model._meta.model_name}", total, stream=stderr, enabled=progress) as bar:
            for backend in get_search_backends():
                last_pk = None
                while True:
                    chunk_qs = queryset if last_pk is None else queryset.filter(pk__gt=last_pk)
                    chunk = list(chunk_qs[:1000])
                    if not chunk:
                        break
                    backend.add_bulk(model, chunk)
                    last_pk = chunk[-1].pk
                    bar.advance(len(chunk))


def verify():
    """Check the invariants; return a list of problems (empty when all is well)."""
    problems = []
    open_active = Vote.objects.filter(kind=VoteKind.ACTIVE, request__merged_into__isnull=True).exclude(
        request__status__in=CLOSED_STATUSES
    )
    wrong_budget = (
        open_active.values("visitor").annotate(total=Sum("share")).exclude(total=priorities.BUDGET).count()
    )
    if wrong_budget:
        problems.append(f"{wrong_budget} visitor(s) whose open shares do not sum to {priorities.BUDGET}")
    closed_with_share = (
        Vote.objects.filter(Q(request__status__in=CLOSED_STATUSES) | Q(kind=VoteKind.NOT_INTERESTED))
        .exclude(share=0)
        .count()
    )
    if closed_with_share:
        problems.append(f"{closed_with_share} closed or not-interested vote(s) holding a share")
    wrong_counts = (
        FeatureRequest.objects.annotate(
            active=Count("votes", filter=Q(votes__kind=VoteKind.ACTIVE)),
            ni=Count("votes", filter=Q(votes__kind=VoteKind.NOT_INTERESTED)),
        )
        .exclude(vote_count=F("active"), not_interested_count=F("ni"))
        .count()
    )
    if wrong_counts:
        problems.append(f"{wrong_counts} request(s) whose vote counters are wrong")
    return problems


def counts():
    """Row counts of the demo data, for the command's summary."""
    return {
        "accounts": Account.objects.count(),
        "visitors": Visitor.objects.count(),
        "feature requests": FeatureRequest.objects.count(),
        "votes": Vote.objects.filter(kind=VoteKind.ACTIVE).count(),
        "not interested": Vote.objects.filter(kind=VoteKind.NOT_INTERESTED).count(),
        "priority changes": PriorityChange.objects.count(),
        "comments": Comment.objects.count(),
        "released": FeatureRequest.objects.filter(status=Status.RELEASED).count(),
    }
