"""Actor resolution throughput: mention strings per second, cold cache and warm cache.

The mix is realistic mention strings (titles with and without names, demonyms, capitals,
bodies, people, unknown names, non-actors) at several dates. "Cold" clears the result cache
and resolves each distinct (mention, date) pair once, so every call runs the matcher; "warm"
repeats the same pairs, as a coder does with the few actors a news corpus keeps naming.

    python bench/resolve.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from datetime import date as _date
from datetime import timedelta
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._report import peak_rss_mib, update_section

MENTIONS = [
    "the U.S. president",
    "Russia's foreign minister",
    "Ukrainian Finance Minister Serhiy Marchenko",
    "the Kremlin",
    "Moscow",
    "Americans",
    "Slovak soldiers",
    "two Chinese warplanes",
    "Shanghai police",
    "a former CIA official",
    "Harvard",
    "TEHRAN",
    "president",
    "NATO",
    "the UN Security Council",
    "Hamas",
    "Israeli troops",
    "Syrian rebels",
    "the Pentagon",
    "Kurdish-led Syrian Democratic Forces",
    "FSB, Russia's security service",
    "Vladimir Putin",
    "Biden",
    "Zelensky",
    "Chinese Foreign Ministry spokesman Wang Wenbin",
    "Iranian officials",
    "European Union legislators",
    "a cat named Frank",
    "several protesters",
    "Kyiv police",
    "the Taliban",
    "Indian Prime Minister Narendra Modi",
    "French President Emmanuel Macron",
    "the German government",
    "Turkish authorities",
    "Palestinian militants",
    "Houthi rebels",
    "North Korea",
    "South Korean lawmakers",
    "the Japanese defense ministry",
    "Brazilians",
    "Saudi Crown Prince Mohammed bin Salman",
    "the EU",
    "the World Health Organization",
    "Pakistani army chief",
    "Mexican authorities",
    "Venezuelan opposition leader",
    "Ethiopian troops",
    "Sudanese paramilitary forces",
    "unidentified gunmen",
]
DATES = ["2019-06-01", "2021-03-15", "2023-06-01", "2025-10-01"]


def _rate(calls: int, wall: float, cpu: float) -> tuple[float, float]:
    return calls / wall, calls / max(cpu, 1e-9)


def _timed(work: Callable[[], int]) -> tuple[float, float]:
    """(calls per wall-clock second, calls per CPU second of this process) for `work`."""
    wall, cpu = time.perf_counter(), time.process_time()
    calls = work()
    return _rate(calls, time.perf_counter() - wall, time.process_time() - cpu)


def measure(rounds: int) -> dict[str, float]:
    """Best-of-`rounds` rates; CPU-second rates are what a machine with a free core sees."""
    from detente.actors import ActorResolver

    started = time.perf_counter()
    resolver = ActorResolver()
    build_s = time.perf_counter() - started
    pairs = [(m, d) for d in DATES for m in MENTIONS]

    def cold() -> int:
        resolver.cache_clear()
        for text, day in pairs:
            resolver.resolve(text, day)
        return len(pairs)

    def warm() -> int:
        for _ in range(20):
            for text, day in pairs:
                resolver.resolve(text, day)
        return 20 * len(pairs)

    # A corpus: the same mentions on every day of a year, starting from an empty cache.
    days = [(_date(2023, 1, 1) + timedelta(days=n)).isoformat() for n in range(365)]

    def corpus() -> int:
        resolver.cache_clear()
        for day in days:
            for text in MENTIONS:
                resolver.resolve(text, day)
        return len(days) * len(MENTIONS)

    result: dict[str, float] = {"build_s": build_s, "pairs": len(pairs)}
    for name, work, times in (
        ("cold", cold, rounds),
        ("warm", warm, rounds),
        ("corpus", corpus, max(1, rounds // 2)),
    ):
        rates = [_timed(work) for _ in range(times)]
        result[name] = max(r[0] for r in rates)
        result[f"{name}_cpu"] = max(r[1] for r in rates)
    return result


def run(rounds: int = 5, write: bool = True) -> dict[str, float]:
    load = os.getloadavg()[0]
    result = measure(rounds)
    body = (
        "| measure | per wall-clock second | per CPU second |\n|---|---|---|\n"
        f"| cold cache (every call matched) | {result['cold']:,.0f} | {result['cold_cpu']:,.0f} |\n"
        f"| warm cache | {result['warm']:,.0f} | {result['warm_cpu']:,.0f} |\n"
        f"| a year of daily dates, cache starting empty | {result['corpus']:,.0f} | "
        f"{result['corpus_cpu']:,.0f} |\n\n"
        f"Resolutions per second. KB load and index build: {result['build_s']:.2f} s; peak "
        f"memory {peak_rss_mib():.0f} MiB. {len(MENTIONS)} mention strings x {len(DATES)} dates "
        f"= {int(result['pairs'])} distinct (mention, date) pairs; best of {rounds} rounds, one "
        f"process, one core. Load average when the run started: {load:.1f} on {os.cpu_count()} "
        "cores: on a shared machine the wall-clock rate undercounts, the CPU-second rate is "
        "what a free core gives."
    )
    if write:
        update_section("resolve", "Actor resolution", body)
    print(body)
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="Do not update BENCHMARKS.md.")
    args = parser.parse_args(argv)
    run(args.rounds, write=not args.no_write)


if __name__ == "__main__":
    main()
