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


def measure(rounds: int) -> dict[str, float]:
    from detente.actors import ActorResolver

    started = time.perf_counter()
    resolver = ActorResolver()
    build_s = time.perf_counter() - started
    pairs = [(m, d) for d in DATES for m in MENTIONS]
    cold_best = warm_best = 0.0
    for _ in range(rounds):
        resolver.cache_clear()
        t0 = time.perf_counter()
        for text, date in pairs:
            resolver.resolve(text, date)
        cold = len(pairs) / (time.perf_counter() - t0)
        t0 = time.perf_counter()
        repeats = 20
        for _ in range(repeats):
            for text, date in pairs:
                resolver.resolve(text, date)
        warm = repeats * len(pairs) / (time.perf_counter() - t0)
        cold_best, warm_best = max(cold_best, cold), max(warm_best, warm)
    # A corpus: the same mentions on every day of a year, starting from an empty cache.
    days = [(_date(2023, 1, 1) + timedelta(days=n)).isoformat() for n in range(365)]
    corpus_best = 0.0
    for _ in range(max(1, rounds // 2)):
        resolver.cache_clear()
        t0 = time.perf_counter()
        for day in days:
            for text in MENTIONS:
                resolver.resolve(text, day)
        corpus_best = max(corpus_best, len(days) * len(MENTIONS) / (time.perf_counter() - t0))
    return {
        "build_s": build_s,
        "cold": cold_best,
        "warm": warm_best,
        "corpus": corpus_best,
        "pairs": len(pairs),
    }


def run(rounds: int = 5, write: bool = True) -> dict[str, float]:
    load = os.getloadavg()[0]
    result = measure(rounds)
    body = (
        f"| measure | value |\n|---|---|\n"
        f"| KB load and index build | {result['build_s']:.2f} s |\n"
        f"| cold cache (every call matched) | {result['cold']:,.0f} resolutions/s |\n"
        f"| warm cache | {result['warm']:,.0f} resolutions/s |\n"
        f"| a year of daily dates, cache starting empty | {result['corpus']:,.0f} resolutions/s |\n"
        f"| peak memory | {peak_rss_mib():.0f} MiB |\n\n"
        f"{len(MENTIONS)} mention strings x {len(DATES)} dates = {int(result['pairs'])} distinct "
        f"(mention, date) pairs; best of {rounds} rounds, one process, one core. Load average "
        f"when the run started: {load:.1f} on {os.cpu_count()} cores (a shared machine slows "
        "the cold figure most)."
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
