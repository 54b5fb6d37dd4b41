"""Shared by every bench script: machine description and BENCHMARKS.md section rewriting.

Each benchmark owns one section of BENCHMARKS.md between `<!-- bench:NAME -->` markers and
rewrites only that section, so scripts can run alone or together (`make bench`).
"""

from __future__ import annotations

import os
import platform
import re
import resource
import sys
from datetime import UTC, datetime
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[1] / "BENCHMARKS.md"
HEADER = "# Benchmarks\n\nWritten by the scripts in `bench/` (`make bench`) and `make eval`.\n"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory_gib:.0f} GiB RAM, "
        f"Python {platform.python_version()}, {platform.system()}"
    )


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stamp(command: str) -> str:
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"*{now} · {machine()} · `{command}`*\n"


def update_section(name: str, title: str, body: str, command: str | None = None) -> None:
    """Replace (or append) the section `name` of BENCHMARKS.md."""
    command = command or " ".join(["python", *sys.argv])
    block = (
        f"<!-- bench:{name} -->\n## {title}\n\n{stamp(command)}\n{body.rstrip()}\n"
        f"<!-- /bench:{name} -->"
    )
    text = BENCHMARKS.read_text(encoding="utf-8") if BENCHMARKS.exists() else HEADER
    pattern = re.compile(
        rf"<!-- bench:{re.escape(name)} -->.*?<!-- /bench:{re.escape(name)} -->", re.S
    )
    text = (
        pattern.sub(lambda _: block, text)
        if pattern.search(text)
        else f"{text.rstrip()}\n\n{block}\n"
    )
    BENCHMARKS.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
