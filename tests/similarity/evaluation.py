"""Runs the labelled set (eval_set.py) through a search function and scores it.

Shared by the floor test (test_evaluation.py) and benchmarks/similarity_bench.py.
"""

from collections import defaultdict

from .eval_set import QUERIES, REQUESTS


def load_requests():
    """Create the set's requests through the ORM (so the index receivers run); key → pk."""
    from wagtail_feedback.models import FeatureRequest

    return {key: FeatureRequest.objects.create(title=t, description=d).pk for key, (t, d) in REQUESTS.items()}


def evaluate(search, ids, queries=QUERIES):
    """``search(text) -> [request pk, …]`` (shown results, best first).

    Returns ``{(kind, language): stats}`` plus ``("all", "all")`` where stats has
    n, hit1, hit3 (shares of queries) or, for novel queries, false (share that
    showed anything); ``misses`` lists the queries that were not hit@3.
    """
    groups = defaultdict(list)
    for kind, language, text, expected in queries:
        shown = search(text)
        wanted = {ids[k] for k in expected}
        groups[(kind, language)].append((text, expected, shown, wanted))
    report = {}
    for key, rows in sorted(groups.items()):
        kind = key[0]
        if kind == "novel":
            report[key] = {"n": len(rows), "false": sum(1 for r in rows if r[2]) / len(rows),
                           "misses": [r[0] for r in rows if r[2]]}
        else:
            report[key] = {
                "n": len(rows),
                "hit1": sum(1 for r in rows if r[2][:1] and r[2][0] in r[3]) / len(rows),
                "hit3": sum(1 for r in rows if set(r[2][:3]) & r[3]) / len(rows),
                "misses": [r[0] for r in rows if not set(r[2][:3]) & r[3]],
            }
    for kind in sorted({k for k, _l in report}):
        parts = [v for (k, _l), v in report.items() if k == kind]
        n = sum(p["n"] for p in parts)
        merged = {"n": n, "misses": [m for p in parts for m in p["misses"]]}
        for stat in ("hit1", "hit3", "false"):
            if stat in parts[0]:
                merged[stat] = sum(p[stat] * p["n"] for p in parts) / n
        report[(kind, "all")] = merged
    found = [v for (k, lang), v in report.items() if lang != "all" and k != "novel"]
    n = sum(p["n"] for p in found)
    report[("all", "all")] = {
        "n": n,
        "hit1": sum(p["hit1"] * p["n"] for p in found) / n,
        "hit3": sum(p["hit3"] * p["n"] for p in found) / n,
    }
    return report


def format_report(report):
    lines = [f"{'kind':<16}{'lang':<6}{'n':>4}{'hit@1':>8}{'hit@3':>8}{'novel false':>13}"]
    for (kind, language), stats in report.items():
        if "false" in stats:
            lines.append(f"{kind:<16}{language:<6}{stats['n']:>4}{'':>8}{'':>8}{stats['false']:>13.3f}")
        else:
            lines.append(f"{kind:<16}{language:<6}{stats['n']:>4}{stats['hit1']:>8.3f}{stats['hit3']:>8.3f}")
    return "\n".join(lines)
