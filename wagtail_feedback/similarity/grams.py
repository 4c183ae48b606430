"""The default backend: an inverted index of normalised n-grams in the database.

Needs no extra service and runs on SQLite and PostgreSQL. A search runs a fixed
number of queries whatever the size of the site: how common each query gram is,
the best candidates by weighted gram hits (a few telling grams of every part of
the query, within a budget of index rows), which of them are in scope (and
their votes, to break ties), then the candidates' matching grams, which
:func:`wagtail_feedback.rules.similarity.scorer` turns into scores.
"""

import time
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
    def __init__(self, CANDIDATES=60, POSTINGS_BUDGET=3_000, FREQUENCY_CAP=1_000, BATCH_SIZE=500,
                 COMMON_GRAM_SECONDS=300):
        #: How many requests are scored exactly per search.
        self.candidates = int(CANDIDATES)
        #: Most index rows the candidate query may read; rarer grams are used first.
        self.postings_budget = int(POSTINGS_BUDGET)
        #: Grams are counted up to this many requests; commoner ones are "very common".
        self.frequency_cap = int(FREQUENCY_CAP)
        #: Requests indexed per batch by the rebuild command.
        self.batch_size = int(BATCH_SIZE)
        #: How long this process remembers that a gram reached the cap instead of counting it again.
        self.common_gram_seconds = float(COMMON_GRAM_SECONDS)
        self._common = {}  # gram -> time until which it counts as "at the cap"

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

        One query; each count reads at most ``frequency_cap`` index entries. A
        gram found at the cap is remembered for ``common_gram_seconds`` and not
        counted again meanwhile: those are the costly counts, and a gram in a
        thousand requests does not become rare in minutes (requests are added,
        hardly ever removed).
        """
        now = time.monotonic()
        cap = int(self.frequency_cap)
        counts = {g: cap for g in grams if self._common.get(g, 0.0) > now}
        uncounted = [g for g in grams if g not in counts]
        table = connection.ops.quote_name(RequestGram._meta.db_table)
        column = connection.ops.quote_name("request_id")
        # The span of indexed ids approximates the number of requests in two index probes (a count
        # would read them all); requests are merged and closed, rarely deleted, so it stays close.
        # MAX and MIN in separate subqueries: SQLite probes the index for a lone MIN or MAX only.
        span = (
            f"SELECT -1, COALESCE((SELECT MAX({column}) FROM {table} WHERE gram = %s)"
            f" - (SELECT MIN({column}) FROM {table} WHERE gram = %s) + 1, 0)"
        )
        if uncounted:
            # One correlated count over a list of grams: PostgreSQL plans it once, not once per gram.
            rows = ", ".join(["(%s, %s)"] * len(uncounted))
            sql = (
                f"WITH q(k, g) AS (VALUES {rows}) SELECT k, (SELECT COUNT(*) FROM "
                f"(SELECT 1 AS one FROM {table} WHERE gram = q.g LIMIT {cap}) AS s) FROM q UNION ALL {span}"
            )
            params = [x for i, g in enumerate(uncounted) for x in (i, g)]
        else:
            sql, params = span, []
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, TITLE_SIZE_GRAM, TITLE_SIZE_GRAM])
            found = dict(cursor.fetchall())
        if len(self._common) > 100_000:  # a bound on memory; forgetting only costs a recount
            self._common.clear()
        for i, gram in enumerate(uncounted):
            counts[gram] = found.get(i, 0)
            if counts[gram] >= cap:
                self._common[gram] = now + self.common_gram_seconds
        return counts, max(found.get(-1, 0), 1)

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

    def candidates_sql(self, chosen, weights, counts, scope, shortlist):
        """SQL for the ids of the ``shortlist`` requests with the most weighted hits among the chosen grams.

        A gram at the frequency cap may be in many more requests than it was
        counted in: only its ``frequency_cap`` newest postings are read, so the
        query never reads more than the postings budget.
        """
        table = connection.ops.quote_name(RequestGram._meta.db_table)
        requests = connection.ops.quote_name(FeatureRequest._meta.db_table)
        cap = int(self.frequency_cap)
        scope_sql, scope_params = "", []
        if scope.selective:
            # A narrow scope (an app, an area) is applied here, or the best few could all be outside it.
            where, where_params = scope.where()
            scope_sql, scope_params = f" AND request_id IN (SELECT id FROM {requests} WHERE {where})", list(where_params)
        branches, params = [], []
        for i, gram in enumerate(chosen):
            limit = f" ORDER BY request_id DESC LIMIT {cap}" if counts[gram] >= cap else ""
            branches.append(
                f"SELECT request_id, weight * %s AS points FROM "
                f"(SELECT request_id, weight FROM {table} WHERE gram = %s{scope_sql}{limit}) AS p{i}"
            )
            params += [max(1, round(weights[gram] * 100)), gram, *scope_params]
        sql = (
            f"SELECT request_id FROM ({' UNION ALL '.join(branches)}) AS hits "
            f"GROUP BY request_id ORDER BY SUM(points) DESC, request_id LIMIT {int(shortlist)}"
        )
        return sql, params

    def shortlist(self, limit, offset):
        # A page beyond the usual shortlist (an admin search listing 200) widens it rather than coming up short.
        return max(self.candidates, offset + limit)

    def scored(self, query, *, scope, shortlist):
        """Exact scores of the best ``shortlist`` candidates in scope: ``{request_id: (score, vote_count)}``."""
        grams = query.grams
        counts, total = self.frequencies(grams)
        weights = {g: rules.gram_weight(counts[g], total) for g in grams}
        chosen = self.candidate_grams(query, counts)
        if not chosen:
            return {}
        top_sql, top_params = self.candidates_sql(chosen, weights, counts, scope, shortlist)
        table = connection.ops.quote_name(RequestGram._meta.db_table)
        requests = connection.ops.quote_name(FeatureRequest._meta.db_table)
        marks = ", ".join(["%s"] * len(grams))
        where, where_params = scope.where()
        # PostgreSQL would read every posting of the query's grams and hash-join them with the
        # candidates; given an array it cannot size, it probes each candidate's rows instead.
        in_top = (
            "= ANY(ARRAY(SELECT request_id FROM top))" if connection.vendor == "postgresql"
            else "IN (SELECT request_id FROM top)"
        )
        # One round trip: the candidates, those in scope with their votes (gram NULL), their title
        # sizes (a branch of its own, so that no planner takes the sentinel gram for a selective
        # one), and their grams that are in the query.
        sql = (
            # MATERIALIZED (SQLite 3.35+, PostgreSQL 12+, both below Django's minimum): found once, used thrice.
            f"WITH top AS MATERIALIZED ({top_sql}) "
            f"SELECT id, vote_count, NULL FROM {requests} WHERE id IN (SELECT request_id FROM top) AND {where} "
            f"UNION ALL SELECT request_id, weight, gram FROM {table} "
            f"WHERE request_id IN (SELECT request_id FROM top) AND gram = %s "
            f"UNION ALL SELECT request_id, weight, gram FROM {table} "
            f"WHERE request_id {in_top} AND gram IN ({marks})"
        )
        votes, docs = {}, defaultdict(dict)
        with connection.cursor() as cursor:
            cursor.execute(sql, [*top_params, *where_params, TITLE_SIZE_GRAM, *grams])
            for pk, number, gram in cursor.fetchall():
                if gram is None:
                    votes[pk] = number
                else:
                    docs[pk][gram] = number
        score = rules.scorer(query, weights)
        return {
            pk: (score(doc, doc.pop(TITLE_SIZE_GRAM, 0)), votes[pk]) for pk, doc in docs.items() if pk in votes
        }

    def search(self, text, *, scope, limit, offset=0, threshold=0.0, synonyms=()):
        query = rules.build_query(text, synonyms)
        if not query:
            return []
        found = self.scored(query, scope=scope, shortlist=self.shortlist(limit, offset))
        ranked = sorted(
            ((pk, s, v) for pk, (s, v) in found.items() if s >= threshold), key=lambda t: (-t[1], -t[2], t[0])
        )
        return [(pk, s) for pk, s, _v in ranked[offset : offset + limit]]
