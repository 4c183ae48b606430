"""The default backend: an inverted index of normalised n-grams in the database.

Needs no extra service and runs on SQLite and PostgreSQL. A search runs a fixed
number of queries whatever the size of the site: how common each query gram is,
the best candidates by weighted gram hits (a few telling grams of every part of
the query, within a budget of index rows), which of them are in scope (and
their votes, to break ties), then the candidates' matching grams, which
:func:`wagtail_feedback.rules.similarity.scorer` turns into scores.
"""

from collections import defaultdict

from django.db import connection

from ..rules import similarity as rules
from ..models import FeatureRequest
from .base import SimilarityBackend
from .models import TITLE_SIZE_GRAM, RequestGram

#: Grams of each alternative of a query unit used to find candidates.
GRAMS_PER_ALTERNATIVE = 2
#: Index rows per INSERT statement.
INSERT_ROWS = 5_000


class GramBackend(SimilarityBackend):
    def __init__(self, CANDIDATES=100, POSTINGS_BUDGET=6_000, FREQUENCY_CAP=1_000, BATCH_SIZE=500):
        #: How many requests are scored exactly per search.
        self.candidates = int(CANDIDATES)
        #: Most index rows the candidate query may read; rarer grams are used first.
        self.postings_budget = int(POSTINGS_BUDGET)
        #: Grams are counted up to this many requests; commoner ones are "very common".
        self.frequency_cap = int(FREQUENCY_CAP)
        #: Requests indexed per batch by the rebuild command.
        self.batch_size = int(BATCH_SIZE)

    # --- indexing --------------------------------------------------------------

    def index(self, requests, *, fresh=False):
        """(Re)index requests: one delete (unless ``fresh``) and one insert."""
        requests = [r for r in requests if r.pk is not None]
        if not requests:
            return 0
        if not fresh:
            RequestGram.objects.filter(request_id__in=[r.pk for r in requests]).delete()
        rows = []
        for request in requests:
            doc = rules.document(request.title, request.description)
            rows.append((request.pk, TITLE_SIZE_GRAM, doc.title_grams))
            rows.extend((request.pk, g, w) for g, w in doc.weights.items())
        # Plain multi-row inserts, not model instances: a rebuild writes millions of rows.
        table = connection.ops.quote_name(RequestGram._meta.db_table)
        with connection.cursor() as cursor:
            size = min(INSERT_ROWS, connection.ops.bulk_batch_size(["request_id", "gram", "weight"], rows))
            for start in range(0, len(rows), size):
                chunk = rows[start : start + size]
                values = ", ".join(["(%s, %s, %s)"] * len(chunk))
                cursor.execute(
                    f"INSERT INTO {table} (request_id, gram, weight) VALUES {values}", [x for row in chunk for x in row]
                )
        return len(requests)

    def clear(self):
        RequestGram.objects.all().delete()

    # --- searching -------------------------------------------------------------

    def frequencies(self, grams):
        """How many requests hold each gram (up to the cap), and an estimate of the request count.

        One query; each count reads at most ``frequency_cap`` index entries.
        """
        table = connection.ops.quote_name(RequestGram._meta.db_table)
        column = connection.ops.quote_name("request_id")
        cap = int(self.frequency_cap)
        parts = [
            f"SELECT {i} AS k, COUNT(*) AS n FROM (SELECT 1 AS one FROM {table} WHERE gram = %s LIMIT {cap}) AS s{i}"
            for i in range(len(grams))
        ]
        # The span of indexed ids approximates the number of requests in two index probes (a count
        # would read them all); requests are merged and closed, rarely deleted, so it stays close.
        parts.append(
            f"SELECT -1 AS k, COALESCE(MAX({column}) - MIN({column}) + 1, 0) AS n FROM {table} WHERE gram = %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), [*grams, TITLE_SIZE_GRAM])
            found = dict(cursor.fetchall())
        return {g: found.get(i, 0) for i, g in enumerate(grams)}, max(found.get(-1, 0), 1)

    def candidate_grams(self, query, counts):
        """A few telling grams of every part of the query, rarest first, within the postings budget.

        Each alternative of each unit offers its rarest grams (a word's grams all
        find much the same requests, so two of them say enough), and the union is
        cut at ``postings_budget`` index rows: the candidate query reads only these.
        """
        offered = set()
        for unit in query.units:
            for alternative in unit.alternatives:
                present = sorted((g for g in alternative if counts.get(g)), key=lambda g: (counts[g], g))
                offered.update(present[:GRAMS_PER_ALTERNATIVE])
        chosen, postings = [], 0
        for gram in sorted(offered, key=lambda g: (counts[g], g)):
            if chosen and postings + counts[gram] > self.postings_budget:
                break
            chosen.append(gram)
            postings += counts[gram]
        return chosen

    def find_candidates(self, chosen, weights, scope):
        """Ids of the requests with the most weighted hits among the chosen grams (one query)."""
        table = connection.ops.quote_name(RequestGram._meta.db_table)
        wanted = " UNION ALL ".join(["SELECT %s AS g, %s AS w"] * len(chosen))
        params = [x for g in chosen for x in (g, max(1, round(weights[g] * 100)))]
        where = ""
        if scope.selective:
            # A narrow scope (an app, an area) is applied here, or the best few could all be outside it.
            sub_sql, sub_params = FeatureRequest.objects.filter(scope.q()).values("pk").query.sql_with_params()
            where, params = f"WHERE rg.request_id IN ({sub_sql})", params + list(sub_params)
        sql = (
            f"SELECT rg.request_id, SUM(q.w * rg.weight) AS points FROM ({wanted}) AS q "
            f"JOIN {table} AS rg ON rg.gram = q.g {where} "
            f"GROUP BY rg.request_id ORDER BY points DESC, rg.request_id LIMIT {int(self.candidates)}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]

    def scored(self, query, *, scope):
        """Exact scores of the best candidates in scope: ``{request_id: (score, vote_count)}``."""
        grams = query.grams
        counts, total = self.frequencies(grams)
        weights = {g: rules.gram_weight(counts[g], total) for g in grams}
        chosen = self.candidate_grams(query, counts)
        if not chosen:
            return {}
        candidates = self.find_candidates(chosen, weights, scope)
        votes = dict(FeatureRequest.objects.filter(scope.q(), pk__in=candidates).values_list("pk", "vote_count"))
        if not votes:
            return {}
        docs = defaultdict(dict)
        table = connection.ops.quote_name(RequestGram._meta.db_table)
        ids = ", ".join(str(int(pk)) for pk in votes)
        marks = ", ".join(["%s"] * len(grams))
        # Title sizes in a branch of their own, so that no planner takes the sentinel gram for a selective one.
        sql = (
            f"SELECT request_id, gram, weight FROM {table} WHERE request_id IN ({ids}) AND gram IN ({marks}) "
            f"UNION ALL SELECT request_id, gram, weight FROM {table} WHERE request_id IN ({ids}) AND gram = %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*grams, TITLE_SIZE_GRAM])
            for pk, gram, weight in cursor.fetchall():
                docs[pk][gram] = weight
        score = rules.scorer(query, weights)
        return {pk: (score(doc, doc.pop(TITLE_SIZE_GRAM, 0)), votes[pk]) for pk, doc in docs.items()}

    def search(self, text, *, scope, limit, offset=0, threshold=0.0, synonyms=()):
        query = rules.build_query(text, synonyms)
        if not query:
            return []
        found = self.scored(query, scope=scope)
        ranked = sorted(
            ((pk, s, v) for pk, (s, v) in found.items() if s >= threshold), key=lambda t: (-t[1], -t[2], t[0])
        )
        return [(pk, s) for pk, s, _v in ranked[offset : offset + limit]]
