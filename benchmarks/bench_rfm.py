"""RFM speed on a generated 1,000,000-row / ~60,000-client transaction CSV (~36 MB).

Prints:
- median wall and CPU time from bytes to a scored RfmResult (reading, detection, column matching and
  parsing included), over a few runs in this process;
- peak memory of one such run in a fresh subprocess (VmHWM of /proc/self/status: ru_maxrss would inherit
  the parent's peak across fork);
- the same for `lifetimes.utils.summary_data_from_transaction_data` on the same file in the same run
  (lifetimes 0.11.3 does not import with pandas 3, so it runs in its own venv under benchmarks/.cache/,
  created on first use with pandas 2.1), and the ratio;
- end-to-end time of the CLI (`run_analysis_cli("rfm", ...)` in a fresh interpreter), XLSX and PNG included.

Run: .venv/bin/python benchmarks/bench_rfm.py [--runs 5]
Targets (issue 7): < 1 s compute, < 700 MB peak, ≥ 2× faster than lifetimes.
"""

from __future__ import annotations

import argparse
import json
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

LIFETIMES_VENV = CACHE / "lifetimes-venv"
LIFETIMES_PACKAGES = ["lifetimes==0.11.3", "pandas==2.1.4", "numpy<2"]

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
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    path = transactions_csv()
    data = path.read_bytes()
    print(f"file: {path.name}, {len(data) / 2**20:.1f} MB")

    wall, cpu, clients = _ours_in_process(data, args.runs)
    print(
        f"ours, bytes -> scored RFM: median {statistics.median(wall):.3f} s wall, "
        f"{statistics.median(cpu):.3f} s CPU over {args.runs} runs (min {min(wall):.3f} s); {clients} clients"
    )

    once = json.loads(_run([sys.executable, "-c", _OURS_ONCE.format(root=str(ROOT), path=str(path))]))
    print(
        f"ours, one run in a fresh process: {once['seconds']:.3f} s, peak RSS {once['peak_mb']:.0f} MB "
        f"({once['peak_mb'] - once['before_mb']:.0f} MB above the process with the file loaded)"
    )

    lifetimes = _lifetimes(path, max(1, min(args.runs, 3)))
    if lifetimes:
        ours = statistics.median(wall)
        print(
            f"lifetimes 0.11.3 summary_data_from_transaction_data: median {lifetimes['total']:.3f} s "
            f"(read_csv + filter + summary), {lifetimes['summary_only']:.3f} s summary alone; "
            f"peak RSS {lifetimes['peak_mb']:.0f} MB; {lifetimes['clients']} clients"
        )
        print(
            f"ratio: lifetimes / ours = {lifetimes['total'] / ours:.1f}× end to end, "
            f"{lifetimes['summary_only'] / ours:.1f}× against its summary step alone"
        )

    out = CACHE / "cli_report"
    cli = [
        sys.executable,
        "-c",
        f"import sys; sys.path.insert(0, {str(ROOT)!r}); from bot.analytics_cli import run_analysis_cli; "
        f"sys.exit(run_analysis_cli('rfm', [{str(path)!r}, '--out', {str(out)!r}]))",
    ]
    start = time.perf_counter()
    _run(cli)
    print(
        f"CLI end to end (fresh interpreter, imports, XLSX {out}.xlsx and PNG included): "
        f"{time.perf_counter() - start:.2f} s"
    )


def _ours_in_process(data: bytes, runs: int) -> tuple[list[float], list[float], int]:
    from services.analytics.engine import rfm
    from services.analytics.engine.columns import match_columns
    from services.analytics.engine.detect import detect_kind
    from services.analytics.engine.reader import read_table

    wall, cpu = [], []
    clients = 0
    for i in range(runs + 1):
        start, start_cpu = time.perf_counter(), time.process_time()
        table = read_table(data, "transactions.csv")
        kind = detect_kind(table).kind
        result = rfm.compute(table, match_columns(table, kind).mapping, rfm.RfmOptions())
        if i:  # the first run warms imports and caches
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        clients = result.total_clients
    return wall, cpu, clients


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


def _run(command: list[str]) -> str:
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        raise SystemExit(f"failed: {command[:2]}\n{done.stderr[-3000:]}")
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


if __name__ == "__main__":
    main()
