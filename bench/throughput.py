"""Coding throughput: `detente extract` against spaCy's own `nlp.pipe` on the same news texts.

detente parses with the same spaCy pipeline and then runs its rules, actor resolution and
dating, so spaCy alone is the ceiling; the goal is at least 0.85 of its speed in one process.
Each measurement runs in a fresh subprocess so its peak RSS is its own (a model loaded by an
earlier run would otherwise hide it); `--repeat N` feeds the corpus N times as a stream to
show that memory stays flat as the input grows.

    python bench/throughput.py                   # Wikinews corpus, 1x and 2x, writes BENCHMARKS.md
    python bench/throughput.py --repeat 5 --docs 50 --no-write
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._report import peak_rss_mib, update_section

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "news" / "wikinews_2019_2020.jsonl"
GOAL_RATIO = 0.85


def load_texts(path: Path, docs: int | None) -> list[dict[str, str]]:
    records = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record.get("text"):
                records.append({"id": record.get("id", ""), "date": record.get("date", "")})
                records[-1]["text"] = record["text"]
            if docs is not None and len(records) >= docs:
                break
    return records


def stream(records: list[dict[str, str]], repeat: int) -> Iterator[dict[str, str]]:
    """The corpus `repeat` times over, one record at a time (nothing is accumulated)."""
    for _ in range(repeat):
        yield from records


def work_spacy(records: list[dict[str, str]], repeat: int) -> dict[str, Any]:
    """spaCy alone, batched like the coder (spaCy's default batch of 1,000 documents would
    hold the whole corpus in memory at once and make peak RSS grow with the input)."""
    from detente.coding.coder import CoderConfig
    from detente.nlp.pipeline import load_nlp

    started = time.perf_counter()
    nlp = load_nlp()
    nlp("Warm-up sentence for the pipeline.")
    loaded = time.perf_counter()
    sentences = 0
    texts = (r["text"] for r in stream(records, repeat))
    for doc in nlp.pipe(texts, batch_size=CoderConfig().batch_size):
        sentences += sum(1 for _ in doc.sents)
    done = time.perf_counter()
    return {"load_s": loaded - started, "seconds": done - loaded, "sentences": sentences}


def work_detente(records: list[dict[str, str]], repeat: int) -> dict[str, Any]:
    from detente.coding import Coder
    from detente.model import Document

    started = time.perf_counter()
    coder = Coder()
    coder.extract("Warm-up: Norway thanked Iceland.", date="2020-01-01")
    loaded = time.perf_counter()
    docs = (
        Document(text=r["text"], id=r["id"], date=r["date"] or None)
        for r in stream(records, repeat)
    )
    events = sum(len(found) for _, found in coder.extract_documents(docs))
    done = time.perf_counter()
    return {"load_s": loaded - started, "seconds": done - loaded, "events": events}


WORKERS = {"spacy": work_spacy, "detente": work_detente}


def measure(tool: str, corpus: Path, docs: int | None, repeat: int) -> dict[str, Any]:
    """One worker subprocess; its JSON result plus its own peak RSS."""
    command = [sys.executable, __file__, "--worker", tool, "--corpus", str(corpus)]
    command += ["--repeat", str(repeat)] + (["--docs", str(docs)] if docs else [])
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"{tool} worker failed:\n{done.stderr.strip()}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def run(corpus: Path = CORPUS, docs: int | None = None, repeat: int = 2) -> dict[str, Any]:
    records = load_texts(corpus, docs)
    words = sum(len(r["text"].split()) for r in records)
    load = os.getloadavg()[0]
    spacy_1 = measure("spacy", corpus, docs, 1)
    detente_1 = measure("detente", corpus, docs, 1)
    spacy_n = measure("spacy", corpus, docs, repeat) if repeat > 1 else spacy_1
    detente_n = measure("detente", corpus, docs, repeat) if repeat > 1 else detente_1
    sentences = int(spacy_1["sentences"])  # same pipeline and texts: same segmentation
    rates = {
        name: {
            "sentences_per_s": sentences / result["seconds"],
            "words_per_s": words / result["seconds"],
        }
        for name, result in (("spacy", spacy_1), ("detente", detente_1))
    }
    return {
        "docs": len(records),
        "sentences": sentences,
        "words": words,
        "repeat": repeat,
        "spacy": {**spacy_1, **rates["spacy"]},
        "detente": {**detente_1, **rates["detente"]},
        "spacy_repeat": spacy_n,
        "detente_repeat": detente_n,
        "load_average": load,
        "ratio": rates["detente"]["words_per_s"] / rates["spacy"]["words_per_s"],
    }


def _row(label: str, result: dict[str, Any], sentences: float, words: float) -> str:
    return (
        f"| {label} | {sentences / result['seconds']:,.0f} | {words / result['seconds']:,.0f} | "
        f"{result['seconds']:.1f} | {result['peak_rss_mib']:.0f} |"
    )


def section(result: dict[str, Any], corpus: Path) -> str:
    n, sentences, words = result["repeat"], result["sentences"], result["words"]
    runs = [
        ("spaCy `nlp.pipe`, same batch size", result["spacy"], result["spacy_repeat"]),
        ("detente `Coder.extract_documents`", result["detente"], result["detente_repeat"]),
    ]
    rows = [_row(f"{label}, 1×", one, sentences, words) for label, one, _ in runs]
    if n > 1:
        rows += [_row(f"{label}, {n}×", many, n * sentences, n * words) for label, _, many in runs]
    growth = "; ".join(
        f"{label.split(' ')[0]} {many['peak_rss_mib'] - one['peak_rss_mib']:+.0f} MiB"
        for label, one, many in runs
    )
    status = "meets" if result["ratio"] >= GOAL_RATIO else "below"
    return "\n".join(
        [
            f"Corpus: `{corpus.name}`, {result['docs']} articles, {sentences:,} sentences, "
            f"{words:,} words; one process each, model load excluded; load average "
            f"{result['load_average']:.1f} when the run started (the machine is shared).",
            "",
            "| run | sentences/s | words/s | seconds | peak RSS (MiB) |",
            "|---|---:|---:|---:|---:|",
            *rows,
            "",
            f"detente/spaCy speed ratio (1×): **{result['ratio']:.2f}** ({status} the "
            f"{GOAL_RATIO} goal). Peak RSS growth from 1× to {n}×: {growth}.",
        ]
    )


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="JSONL with a text field")
    parser.add_argument("--docs", type=int, help="use only the first N documents")
    parser.add_argument("--repeat", type=int, default=2, help="corpus repetitions, larger run")
    parser.add_argument("--no-write", action="store_true", help="do not touch BENCHMARKS.md")
    parser.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        sys.exit(f"throughput: {args.corpus} not found (the shared Wikinews corpus)")
    if args.worker:
        result = WORKERS[args.worker](load_texts(args.corpus, args.docs), max(1, args.repeat))
        result["peak_rss_mib"] = peak_rss_mib()
        print(json.dumps(result))
        return result
    result = run(args.corpus, args.docs, max(1, args.repeat))
    body = section(result, args.corpus)
    print(body)
    if not args.no_write:
        update_section("throughput", "Coding throughput", body)
    return result


if __name__ == "__main__":
    main()
