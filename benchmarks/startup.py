"""Start-up and check cost, printed as figures (no pass/fail: targets belong to their issue).

Usage: python benchmarks/startup.py [--runs N]

Cold start compares a `modelclear check` in a fresh interpreter with a fresh interpreter that
only imports pydantic and yaml; the in-process figures split that time into import, database
load and the check itself, and time repeated checks once everything is loaded.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PROFILE = REPO / "examples" / "profiles" / "saas-startup.yaml"


def _median_seconds(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    py = sys.executable

    baseline = _median_seconds([py, "-c", "import pydantic, yaml"], args.runs)
    check = _median_seconds(
        [py, "-m", "modelclear", "check", "llama3.1", "--profile", str(PROFILE)], args.runs
    )
    print(f"cold start, median of {args.runs} runs")
    print(f"  python -c 'import pydantic, yaml'   {baseline * 1000:7.1f} ms")
    print(f"  modelclear check llama3.1           {check * 1000:7.1f} ms")
    print(f"  ratio                               {check / baseline:7.2f} x")

    code = (
        "import time; t0 = time.perf_counter()\n"
        "import modelclear.cli\n"
        "t1 = time.perf_counter()\n"
        "from modelclear import check_use, load_database; db = load_database()\n"
        "t2 = time.perf_counter()\n"
        "check_use('llama3.1', {'commercial': True}, database=db)\n"
        "t3 = time.perf_counter()\n"
        "print(f'{t1 - t0} {t2 - t1} {t3 - t2}')\n"
    )
    parts = []
    for _ in range(args.runs):
        out = subprocess.run([py, "-c", code], check=True, capture_output=True, text=True)
        parts.append([float(x) for x in out.stdout.split()])
    imp, load, first = (statistics.median(p[i] for p in parts) for i in range(3))
    print("in a fresh process, median")
    print(f"  import modelclear.cli               {imp * 1000:7.1f} ms")
    print(f"  load the license database           {load * 1000:7.1f} ms")
    print(f"  first check (expression parser)     {first * 1000:7.1f} ms")

    from modelclear import check_use, load_database

    db = load_database()
    subjects = ["llama3.1", "meta-llama/Llama-3.2-11B-Vision-Instruct", "apache-2.0 OR mit"]
    profile = {"commercial": True, "licensee_territory": "FR", "use_cases": ["medical-advice"]}
    check_use(subjects[0], profile, database=db)
    n = 300
    start = time.perf_counter()
    for i in range(n):
        check_use(subjects[i % len(subjects)], profile, database=db)
    per = (time.perf_counter() - start) / n
    print(f"warm checks: {per * 1000:.2f} ms each ({1 / per:.0f} per second)")


if __name__ == "__main__":
    main()
