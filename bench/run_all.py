"""`make bench`: every benchmark in turn, each rewriting its own section of BENCHMARKS.md.

Each script runs in its own process (so one's memory or a crash cannot skew the next) with
its default settings. A script that is missing is reported and skipped; the exit status is
1 when any script is missing or fails, so CI notices.

    python bench/run_all.py                  # all of them
    python bench/run_all.py throughput       # only the named ones
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
SCRIPTS = ("ingest", "resolve", "relations", "throughput")


def run_script(name: str) -> str:
    """'ok', 'missing' or 'failed (exit N)' for one bench script."""
    path = BENCH / f"{name}.py"
    if not path.is_file():
        print(f"run_all: bench/{name}.py is missing; its section is not updated", file=sys.stderr)
        return "missing"
    print(f"run_all: bench/{name}.py", file=sys.stderr, flush=True)
    started = time.perf_counter()
    code = subprocess.run([sys.executable, str(path)], cwd=BENCH.parent).returncode
    seconds = time.perf_counter() - started
    status = "ok" if code == 0 else f"failed (exit {code})"
    print(f"run_all: bench/{name}.py {status} in {seconds:.0f} s", file=sys.stderr)
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help=f"benchmarks to run: {', '.join(SCRIPTS)}")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.names) - set(SCRIPTS))
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)} (known: {', '.join(SCRIPTS)})")
    results = {name: run_script(name) for name in (args.names or SCRIPTS)}
    width = max(len(name) for name in results)
    for name, status in results.items():
        print(f"{name:<{width}}  {status}")
    return 0 if all(status == "ok" for status in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
