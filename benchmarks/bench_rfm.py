"""RFM speed on a generated 1,000,000-row / ~60,000-client transaction CSV (~36 MB), against a floor.

Prints:
- the FLOOR and our time side by side, measured in the same run, interleaved (floor, ours, floor, ours …) so that
  a busy machine slows both alike; medians over the repeats, and ours as a multiple of the floor:
  - floor: the same bytes read by pyarrow's CSV reader (its own type inference) and grouped by client with pandas
    (last date, number of rows, sum of quantity × price) — nothing else: no cleaning, no checks, no scores;
  - ours: bytes -> scored RfmResult (reading, detection, column matching, parsing, cleaning, scores, segments);
- peak memory of one such run in a fresh subprocess (VmHWM of /proc/self/status: ru_maxrss would inherit
  the parent's peak across fork);
- with --lifetimes, the same for `lifetimes.utils.summary_data_from_transaction_data` on the same file
  (lifetimes 0.11.3 does not import with pandas 3, so it runs in its own venv under benchmarks/.cache/,
  created on first use with pandas 2.1), and the ratio;
- the command line end to end, `python -m bot rfm FILE --out …` in a fresh interpreter (imports, text, XLSX and
  PNG included): wall time of the subprocess, median over --cli-runs after one warm-up run, for the 1M-row file and
  for ../shared/data/online_retail_uk_2010-12.csv; with the CPU time it used (wall ≈ CPU on an idle machine).
  Bytecode is cached under benchmarks/.cache/pycache (PYTHONPYCACHEPREFIX), as an installed bot caches it in
  __pycache__, even where PYTHONDONTWRITEBYTECODE is set.

Run: .venv/bin/python benchmarks/bench_rfm.py [--runs 7] [--cli-runs 5] [--lifetimes]
Targets (issue 14): bytes -> scored RFM within 2× the floor; the CLI within 3 s on the 1M-row file and within
0.8 s on the 8,000-row shared file.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rfm_data import CACHE, transactions_csv  # noqa: E402

SHARED_UCI = ROOT.parent / "shared" / "data" / "online_retail_uk_2010-12.csv"
LIFETIMES_VENV = CACHE / "lifetimes-venv"
LIFETIMES_PACKAGES = ["lifetimes==0.11.3", "pandas==2.1.4", "numpy<2"]
TARGET_RATIO = 2.0
CLI_TARGETS = {"1M": 3.0, "uci": 0.8}

_PEAK = """
def peak_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
"""

_OURS_ONCE = (
    _PEAK.replace("{", "{{").replace("}", "}}")
    + """
import sys, time, json
sys.path.insert(0, {root!r})
from services.analytics.engine.reader import read_table
from services.analytics.engine.detect import detect_kind
from services.analytics.engine.columns import match_columns
from services.analytics.engine import rfm
data = open({path!r}, "rb").read()
base = peak_mb()
start = time.perf_counter()
table = read_table(data, "transactions.csv")
kind = detect_kind(table).kind
result = rfm.compute(table, match_columns(table, kind).mapping, rfm.RfmOptions())
elapsed = time.perf_counter() - start
print(json.dumps({{"kind": kind, "clients": result.total_clients, "seconds": elapsed,
                  "peak_mb": peak_mb(), "before_mb": base}}))
"""
)

_LIFETIMES = (
    _PEAK
    + """
import json, statistics, sys, time, warnings
warnings.filterwarnings("ignore")
import pandas as pd
from lifetimes.utils import summary_data_from_transaction_data
path, runs = sys.argv[1], int(sys.argv[2])
base = peak_mb()
totals, summaries = [], []
for _ in range(runs):
    start = time.perf_counter()
    df = pd.read_csv(path, dtype={"InvoiceNo": str, "CustomerID": str}, parse_dates=["InvoiceDate"])
    # The same rules as ours: no client, cancelled orders and amounts <= 0 are out.
    df = df[df["CustomerID"].notna() & ~df["InvoiceNo"].str.startswith("C")]
    df = df.assign(Amount=df["Quantity"] * df["UnitPrice"])
    df = df[df["Amount"] > 0]
    mid = time.perf_counter()
    summary = summary_data_from_transaction_data(
        df, "CustomerID", "InvoiceDate", monetary_value_col="Amount",
        observation_period_end=df["InvoiceDate"].max(),
    )
    end = time.perf_counter()
    totals.append(end - start)
    summaries.append(end - mid)
print(json.dumps({"clients": len(summary), "total": statistics.median(totals),
                  "summary_only": statistics.median(summaries), "peak_mb": peak_mb(), "before_mb": base}))
"""
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7, help="repeats of the floor and ours, after a warm-up")
    parser.add_argument("--cli-runs", type=int, default=5, help="repeats of each CLI run (after a warm-up)")
    parser.add_argument("--lifetimes", action="store_true", help="also time lifetimes (installs it in its own venv)")
    args = parser.parse_args()
    path = transactions_csv()
    data = path.read_bytes()
    print(f"file: {path.name}, {len(data) / 2**20:.1f} MB; load average {_load()}; {os.cpu_count()} CPUs")

    floor, ours, clients = _side_by_side(data, args.runs)
    floor_s, ours_s = statistics.median(floor["wall"]), statistics.median(ours["wall"])
    print(f"bytes -> result, medians over {args.runs} interleaved runs:")
    print(f"  FLOOR  pyarrow read_csv + pandas groupby (last date, count, sum): {floor_s:.3f} s wall, "
          f"{statistics.median(floor['cpu']):.3f} s CPU (min {min(floor['wall']):.3f} s); {floor['clients']} clients")
    print(f"  ours   bytes -> scored RFM:                                      {ours_s:.3f} s wall, "
          f"{statistics.median(ours['cpu']):.3f} s CPU (min {min(ours['wall']):.3f} s); {clients} clients")
    ratio = ours_s / floor_s
    ratios = [o / f for o, f in zip(ours["wall"], floor["wall"], strict=True)]
    print(f"  ours / floor = {ratio:.2f}× (median of per-pair ratios {statistics.median(ratios):.2f}×; "
          f"target ≤ {TARGET_RATIO:g}×: {'met' if ratio <= TARGET_RATIO else 'NOT met'})")

    once = json.loads(_run([sys.executable, "-c", _OURS_ONCE.format(root=str(ROOT), path=str(path))]))
    print(
        f"ours, one run in a fresh process: {once['seconds']:.3f} s, peak RSS {once['peak_mb']:.0f} MB "
        f"({once['peak_mb'] - once['before_mb']:.0f} MB above the process with the file loaded)"
    )

    if args.lifetimes:
        lifetimes = _lifetimes(path, max(1, min(args.runs, 3)))
        if lifetimes:
            print(
                f"lifetimes 0.11.3 summary_data_from_transaction_data: median {lifetimes['total']:.3f} s "
                f"(read_csv + filter + summary), {lifetimes['summary_only']:.3f} s summary alone; "
                f"peak RSS {lifetimes['peak_mb']:.0f} MB; {lifetimes['clients']} clients"
            )
            print(
                f"ratio: lifetimes / ours = {lifetimes['total'] / ours_s:.1f}× end to end, "
                f"{lifetimes['summary_only'] / ours_s:.1f}× against its summary step alone"
            )

    print(f"CLI end to end, `python -m bot rfm FILE --out …` in a fresh interpreter (text, XLSX and PNG), "
          f"median of {args.cli_runs} after a warm-up:")
    for label, source in (("1M", path), ("uci", SHARED_UCI)):
        if not source.exists():
            print(f"  {source.name}: not found, skipped")
            continue
        wall, cpu = _cli(source, args.cli_runs)
        target = CLI_TARGETS[label]
        verdict = "met" if statistics.median(wall) <= target else "NOT met"
        print(f"  {source.name}: {statistics.median(wall):.2f} s wall (min {min(wall):.2f}, max {max(wall):.2f}), "
              f"{statistics.median(cpu):.2f} s CPU; target {target:g} s: {verdict}")
    print(f"load average at the end {_load()}")


def _side_by_side(data: bytes, runs: int) -> tuple[dict, dict, int]:
    """Floor and ours alternately, after one warm-up of each (imports, caches)."""
    floor: dict = {"wall": [], "cpu": [], "clients": 0}
    ours: dict = {"wall": [], "cpu": []}
    clients = 0
    for i in range(runs + 1):
        floor_clients, wall, cpu = _timed(_floor, data)
        result, wall2, cpu2 = _timed(_ours, data)
        if i:
            floor["wall"].append(wall)
            floor["cpu"].append(cpu)
            ours["wall"].append(wall2)
            ours["cpu"].append(cpu2)
        floor["clients"], clients = floor_clients, result.total_clients
    return floor, ours, clients


def _timed(fn, data: bytes):
    start, start_cpu = time.perf_counter(), time.process_time()
    value = fn(data)
    return value, time.perf_counter() - start, time.process_time() - start_cpu


def _floor(data: bytes) -> int:
    """The least any RFM must do: read the CSV (pyarrow, types inferred) and group by client."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    frame = pacsv.read_csv(pa.BufferReader(data)).to_pandas()
    frame["Amount"] = frame["Quantity"] * frame["UnitPrice"]
    grouped = frame.groupby("CustomerID").agg(
        last=("InvoiceDate", "max"), count=("InvoiceDate", "size"), total=("Amount", "sum")
    )
    return len(grouped)


def _ours(data: bytes):
    from services.analytics.engine import rfm
    from services.analytics.engine.columns import match_columns
    from services.analytics.engine.detect import detect_kind
    from services.analytics.engine.reader import read_table

    table = read_table(data, "transactions.csv")
    kind = detect_kind(table).kind
    return rfm.compute(table, match_columns(table, kind).mapping, rfm.RfmOptions())


def _cli(source: Path, runs: int) -> tuple[list[float], list[float]]:
    out = CACHE / f"cli_{source.stem}"
    command = [sys.executable, "-m", "bot", "rfm", str(source), "--out", str(out)]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(CACHE / "pycache")
    wall, cpu = [], []
    for i in range(runs + 1):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        _run(command, env=env)
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if i:  # the first run writes the bytecode cache
            wall.append(elapsed)
            cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return wall, cpu


def _lifetimes(path: Path, runs: int) -> dict | None:
    python = LIFETIMES_VENV / "bin" / "python"
    if not python.exists():
        print("creating a venv for lifetimes (pandas 2.1) under benchmarks/.cache/ …")
        venv.create(LIFETIMES_VENV, with_pip=True)
        install = subprocess.run(
            [str(python), "-m", "pip", "install", "-q", *LIFETIMES_PACKAGES], capture_output=True, text=True
        )
        if install.returncode:
            print("lifetimes could not be installed:\n" + install.stderr[-2000:])
            return None
    return json.loads(_run([str(python), "-c", _LIFETIMES, str(path), str(runs)]))


def _load() -> str:
    return " ".join(f"{v:.1f}" for v in os.getloadavg())


def _run(command: list[str], env: dict[str, str] | None = None) -> str:
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env)
    if done.returncode:
        raise SystemExit(f"failed: {command[:4]}\n{done.stderr[-3000:]}")
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


if __name__ == "__main__":
    main()
