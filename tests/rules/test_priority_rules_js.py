"""The sliders' JavaScript rule gives exactly the server's answer."""

import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest

import wagtail_feedback
from wagtail_feedback.rules.priorities import BUDGET, set_share

RULES_JS = Path(wagtail_feedback.__file__).parent / "static" / "wagtail_feedback" / "js" / "priority-rules.js"


def test_javascript_and_python_rebalance_identically():
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    rng = random.Random(7)
    cases = []
    for _ in range(2000):
        n = rng.randint(1, 9)
        weights = [rng.choice([0, rng.randint(0, 50), rng.randint(0, 3000)]) for _ in range(n)]
        total = sum(weights) or 1
        shares = [w * BUDGET // total for w in weights]
        shares[0] += BUDGET - sum(shares)
        cases.append({"shares": shares, "index": rng.randrange(n), "target": rng.randint(-50, BUDGET + 50)})
    script = (
        f"import({json.dumps(RULES_JS.as_uri())}).then(m => {{"
        "const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        f"process.stdout.write(JSON.stringify(cases.map(c => m.setShare(c.shares, c.index, c.target, {BUDGET}))));"
        "})"
    )
    out = subprocess.run(["node", "-e", script], input=json.dumps(cases), capture_output=True, text=True, check=True)
    from_js = json.loads(out.stdout)
    for case, js in zip(cases, from_js, strict=True):
        keyed = {i: s for i, s in enumerate(case["shares"])}
        expected = set_share(keyed, case["index"], case["target"])
        assert js == [expected[i] for i in range(len(case["shares"]))], case
