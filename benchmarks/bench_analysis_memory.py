"""Peak memory of four big analyses sent at once: without a cap, and through the analyses' line.

    python benchmarks/bench_analysis_memory.py [--files 4] [--mb 190] [--slots N]

Generates a ZIP of a ~190 MB CSV of transactions (2.2 million rows, RFM-ready; ~17 MB zipped, so it passes
Telegram's 20 MB limit), then runs, each in a fresh process so the peaks don't mix:

- before: the four analyses at once, straight into worker threads (`run_analysis` under `asyncio.to_thread`, as the
  chat did before the cap);
- after: the four through the real path of the chat (`services.analytics.flow.Analyses.run`: the per-file budget,
  the process's `AnalysisQueue`, then the worker thread), with the line as wide as ANALYSIS_CONCURRENCY's default
  on this machine (or --slots).

Each process samples its resident memory (VmRSS in /proc/self/status) every 10 ms, and reads the kernel's
high-water mark (VmHWM) at the end; it prints the larger of the two, its memory before the analyses, and the time
until the last report. Linux only (/proc).
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import re
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MB = 2**20
HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
ITEMS = (("85123A", "WHITE HANGING HEART T-LIGHT HOLDER", "2.55"), ("71053", "WHITE METAL LANTERN", "3.39"),
         ("84406B", "CREAM CUPID HEARTS COAT HANGER", "2.75"), ("22752", "SET 7 BABUSHKA NESTING BOXES", "7.65"))


# ---- the file ---------------------------------------------------------------------------------------------

def make_csv(target_mb: int, block_rows: int = 300, variants: int = 40) -> bytes:
    """Transactions like the UCI Online Retail export: 9,000 clients, an order every 7 minutes over years."""
    templates = []
    for v in range(variants):
        lines = []
        for i in range(block_rows):
            code, description, price = ITEMS[(i + v) % len(ITEMS)]
            client = 12000 + (v * block_rows + i) % 9000
            lines.append(f"{{order}}{i // 4:02d},{code},{description},{1 + (i * 7 + v) % 23},{{date}},{price},"
                         f"{client},United Kingdom\n")
        templates.append("".join(lines))
    parts, size, block = [HEADER], len(HEADER), 0
    start = datetime(2021, 1, 1, 8, 0)
    while size < target_mb * MB:
        date = (start + timedelta(minutes=7 * block)).strftime("%d.%m.%Y %H:%M")
        chunk = templates[block % variants].replace("{date}", date).replace("{order}", str(100000 + block))
        parts.append(chunk)
        size += len(chunk)
        block += 1
    return "".join(parts).encode()


def make_zip(path: Path, target_mb: int) -> None:
    table = make_csv(target_mb)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("sales.csv", table)
    path.write_bytes(archive.getvalue())


# ---- one measured process -----------------------------------------------------------------------------------

def _status(field: str) -> int:
    match = re.search(rf"^{field}:\s+(\d+) kB", Path("/proc/self/status").read_text(), re.MULTILINE)
    return int(match.group(1)) * 1024 if match else 0


class Sampler:
    def __init__(self, every: float = 0.01) -> None:
        self.every = every
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _status("VmRSS"))
            self._stop.wait(self.every)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _status("VmRSS"), _status("VmHWM"))


async def _measure(mode: str, data: bytes, files: int, slots: int) -> dict[str, object]:
    from services.analytics.flow import Analyses
    from services.analytics.runtime import AnalysisRuntime
    from services.analytics.session import AnalysisRequest, run_analysis
    from services.clock import Clock

    requests = [AnalysisRequest.for_file(f"f{n}", f"sales{n}.zip") for n in range(files)]
    runtime = AnalysisRuntime.create(slots=slots)
    analyses = Analyses(None, runtime, Clock())  # type: ignore[arg-type]  # `run` never touches the records
    most_waiting = 0

    async def on_wait(place: int) -> None:
        nonlocal most_waiting
        most_waiting = max(most_waiting, place)

    run_analysis(b"a,b\n1,2\n", AnalysisRequest.for_file("warm", "warm.csv"))  # imports, fonts: not the file's cost
    baseline = _status("VmRSS")
    started = time.perf_counter()
    with Sampler() as sampler:
        if mode == "before":
            outcomes = await asyncio.gather(*(asyncio.to_thread(run_analysis, data, r) for r in requests))
        else:
            outcomes = await asyncio.gather(*(analyses.run(data, r, on_wait) for r in requests))
    seconds = time.perf_counter() - started
    kinds = sorted({o.report.kind if o.report else (o.error or "question")[:60] for o in outcomes})
    return {"mode": mode, "slots": files if mode == "before" else slots, "baseline": baseline,
            "peak": sampler.peak, "seconds": seconds, "outcomes": kinds, "most_waiting": most_waiting}


# ---- the comparison -----------------------------------------------------------------------------------------

def _run_child(mode: str, path: Path, files: int, slots: int) -> dict[str, object]:
    command = [sys.executable, __file__, "--child", mode, "--path", str(path), "--files", str(files),
               "--slots", str(slots)]
    output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument("--mb", type=int, default=190, help="size of the CSV inside each ZIP")
    parser.add_argument("--slots", type=int, default=0, help="the line's width (default: ANALYSIS_CONCURRENCY's)")
    parser.add_argument("--child", choices=("before", "after"), help=argparse.SUPPRESS)
    parser.add_argument("--path", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(asyncio.run(_measure(args.child, args.path.read_bytes(), args.files, args.slots))))
        return

    from services.analytics.capacity import cpu_cores, default_concurrency, machine_memory

    slots = args.slots or default_concurrency()
    memory = machine_memory() or 0
    print(f"machine: {memory / 2**30:.1f} GB, {cpu_cores()} cores → "
          f"ANALYSIS_CONCURRENCY default {default_concurrency()}")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sales.zip"
        made = time.perf_counter()
        make_zip(path, args.mb)
        with zipfile.ZipFile(path) as zf:
            unpacked = zf.infolist()[0].file_size
        print(f"file: {path.stat().st_size / MB:.1f} MB ZIP holding a {unpacked / MB:.0f} MB CSV "
              f"(made in {time.perf_counter() - made:.1f} s); {args.files} sent at once")
        print(f"{'':>34} {'at once':>8} {'RSS before':>11} {'peak RSS':>9} {'per file':>9} {'time':>7}")
        for mode, label in (("before", "before: no cap"), ("after", "after: through the line")):
            result = _run_child(mode, path, args.files, slots)
            baseline, peak = int(result["baseline"]), int(result["peak"])  # type: ignore[call-overload]
            extra = (peak - baseline) / min(args.files, int(result["slots"]))  # type: ignore[call-overload]
            print(f"{label:>34} {result['slots']:>8} {baseline / MB:>8.0f} MB {peak / MB:>6.0f} MB "
                  f"{extra / MB:>6.0f} MB {result['seconds']:>6.1f}s   {', '.join(result['outcomes'])}"  # type: ignore[arg-type]
                  + (f" (longest line: {result['most_waiting']})" if mode == "after" else ""))


if __name__ == "__main__":
    main()
