"""modelclear's figures, one line each with its unit (no pass/fail: targets are in docs).

Usage: python benchmarks/bench.py [--quick] [--peer]

1. cold CLI: `modelclear check llama3.1 --profile P` as a whole process, median of interleaved
   runs, beside `python -c pass`, `python -c "import yaml"` and, with --peer (which installs it
   into a scratch venv), `weight-audit scan`;
2. warm API: check_use calls per second on one core, for a license, an `A OR B` expression and
   a three-deep lineage, the profile varied between calls;
3. database: load and validate from YAML, and from the compiled copy;
4. bulk scan: generated model folders (cards with front matter and lineage) checked through
   the public API, folders per second and peak memory, serial and on every core;
5. identification of a 20 KB license-like text.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PROFILE = REPO / "examples" / "profiles" / "saas-startup.yaml"


def line(name: str, value: float, unit: str, extra: str = "") -> None:
    print(f"{name:<52} {value:>12,.1f} {unit}{('  ' + extra) if extra else ''}", flush=True)


def _interleaved(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    times: dict[str, list[float]] = {k: [] for k in commands}
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    for _ in range(runs):
        for name, cmd in commands.items():
            start = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
            times[name].append(time.perf_counter() - start)
    return {k: statistics.median(v) for k, v in times.items()}


def _peer(scratch: Path) -> list[str] | None:
    venv = scratch / "peer-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = venv / "bin" / "pip"
    done = subprocess.run([str(pip), "install", "-q", "weight-audit"], capture_output=True)
    exe = venv / "bin" / "weight-audit"
    return (
        [str(exe), "scan", str(REPO / "examples" / "project" / "models")]
        if done.returncode == 0 and exe.exists()
        else None
    )


def cold(runs: int, peer: bool) -> None:
    py = sys.executable
    exe = shutil.which("modelclear") or ""
    commands = {
        "python -c pass": [py, "-c", "pass"],
        "python -c 'import yaml'": [py, "-c", "import yaml"],
        "modelclear check llama3.1 --profile P": [exe or py, *([] if exe else ["-m", "modelclear"]),
                                                   "check", "llama3.1", "--profile", str(PROFILE)],
    }  # fmt: skip
    scratch = Path(tempfile.mkdtemp(prefix="mc-bench-"))
    if peer:
        found = _peer(scratch)
        if found:
            commands["weight-audit scan"] = found
        else:
            print("weight-audit could not be installed; peer figure left out")
    medians = _interleaved(commands, runs)
    for name, seconds in medians.items():
        line(f"cold: {name}", seconds * 1000, "ms", f"median of {runs}")
    base = medians["python -c pass"]
    ours = medians["modelclear check llama3.1 --profile P"]
    line("cold: modelclear / python -c pass", ours / base, "x")
    if "weight-audit scan" in medians:
        line("cold: modelclear / weight-audit", ours / medians["weight-audit scan"], "x")
    shutil.rmtree(scratch, ignore_errors=True)


def _rate(fn: Callable[[int], object], seconds: float) -> float:
    fn(0)
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        fn(n)
        n += 1
    return n / (time.perf_counter() - start)


def warm(seconds: float) -> None:
    from modelclear import ModelInfo, check_use, load_database

    db = load_database()
    profiles = [
        {"commercial": True, "monthly_active_users": m, "licensee_territory": t,
         "redistributes_weights": False, "fine_tunes": False, "distributes_derivative": False,
         "offers_hosted_service": True, "trains_on_outputs": False}
        for m in (10, 10_000, 800_000_000) for t in ("US", "FR")
    ]  # fmt: skip
    chain = ModelInfo.model_validate(
        {"id": "acme/c", "license": "mit", "relation": "finetune",
         "base_models": [{"id": "acme/b", "license": "apache-2.0", "relation": "finetune",
                          "base_models": ["meta-llama/Llama-3.1-8B-Instruct"]}]}
    )  # fmt: skip
    for name, subject in (
        ("one license (llama3.1)", "llama3.1"),
        ("an A OR B expression", "apache-2.0 OR cc-by-nc-4.0"),
        ("a three-deep lineage", chain),
    ):
        rate = _rate(lambda i, s=subject: check_use(s, profiles[i % 6], database=db), seconds)
        line(f"warm check_use: {name}", rate, "checks/s", "one core")


def database(repeat: int) -> None:
    from modelclear import compiled
    from modelclear.database import _load

    root = REPO / "license_db"
    scratch = Path(tempfile.mkdtemp(prefix="mc-db-"))
    plain = scratch / "license_db"
    shutil.copytree(root, plain, ignore=shutil.ignore_patterns(compiled.COMPILED))
    os.environ["MODELCLEAR_CACHE"] = str(scratch / "no-cache")

    def yaml_load() -> None:
        shutil.rmtree(scratch / "no-cache", ignore_errors=True)
        _load(plain, check_requirement=True)

    for name, fn in (
        ("from YAML", yaml_load),
        ("from the compiled copy", lambda: _load(root, check_requirement=False)),
    ):
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        line(f"database load and validate {name}", statistics.median(times) * 1000, "ms")
    shutil.rmtree(scratch, ignore_errors=True)


_CARD = "---\nlicense: {lic}\nbase_model: {base}\nbase_model_relation: finetune\n---\n# m{i}\n"
_BASES = ["meta-llama/Llama-3.1-8B-Instruct", "google/gemma-2-9b-it", "mistralai/Mistral-7B-v0.1"]
_LICS = ["llama3.1", "gemma", "apache-2.0"]


def _make_folders(root: Path, n: int) -> list[str]:
    out = []
    for i in range(n):
        folder = root / f"m{i:06d}"
        folder.mkdir(parents=True)
        k = i % 3
        (folder / "README.md").write_text(_CARD.format(lic=_LICS[k], base=_BASES[k], i=i))
        out.append(str(folder))
    return out


def _scan(paths: list[str]) -> list[str]:
    from modelclear import check_use

    profile = {"commercial": True, "monthly_active_users": 1000, "licensee_territory": "US",
               "redistributes_weights": True, "fine_tunes": True, "distributes_derivative": True,
               "derivative_name": "Llama-Acme", "offers_hosted_service": False,
               "trains_on_outputs": False}  # fmt: skip
    return [check_use(p, profile).verdict.value for p in paths]


def bulk(n: int) -> None:
    scratch = Path(tempfile.mkdtemp(prefix="mc-bulk-"))
    paths = _make_folders(scratch, n)
    start = time.perf_counter()
    serial = _scan(paths)
    elapsed = time.perf_counter() - start
    line(f"bulk scan of {n:,} folders, serial", n / elapsed, "folders/s")
    workers = os.cpu_count() or 1
    chunks = [paths[i::workers] for i in range(workers)]
    start = time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        parts = list(pool.map(_scan, chunks))
    elapsed = time.perf_counter() - start
    merged = [None] * n
    for w, part in enumerate(parts):
        for j, verdict in enumerate(part):
            merged[w + j * workers] = verdict  # type: ignore[call-overload]
    line(f"bulk scan of {n:,} folders, {workers} processes", n / elapsed, "folders/s",
         "same results" if merged == serial else "RESULTS DIFFER")  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    line("bulk scan: peak memory of the serial process", peak, "MiB")
    shutil.rmtree(scratch, ignore_errors=True)


def identification(repeat: int) -> None:
    from modelclear import identify

    corpus = REPO.parent / "shared" / "corpus" / "licenses" / "llama3.1.txt"
    base = corpus.read_text() if corpus.exists() else "This model may be used for research. " * 400
    text = (base * (20_000 // len(base) + 1))[:20_000]
    identify(text)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        identify(text)
        times.append(time.perf_counter() - start)
    line("identify a 20 KB license-like text", statistics.median(times) * 1000, "ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer runs: under a minute")
    parser.add_argument("--peer", action="store_true", help="also time weight-audit (installs it)")
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.platform()}"
    )
    cold(5 if args.quick else 15, args.peer)
    warm(1.0 if args.quick else 3.0)
    database(3 if args.quick else 7)
    bulk(1_000 if args.quick else 10_000)
    identification(20 if args.quick else 100)


if __name__ == "__main__":
    main()
