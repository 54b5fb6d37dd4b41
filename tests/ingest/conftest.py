"""Helpers for the reader tests: read paths or bytes into (documents, issues)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from detente.ingest.base import Issue, ReadOptions, Reporter
from detente.ingest.sources import FileCounts, read_paths
from detente.model import Document

Result = tuple[list[Document], list[Issue]]


def read_inputs(
    paths: list[str], options: ReadOptions | None = None, stdin: bytes | None = None
) -> Result:
    issues: list[Issue] = []
    reporter = Reporter(options or ReadOptions(), issues.append)
    stream = io.BytesIO(stdin) if stdin is not None else None
    documents = list(read_paths(paths, reporter, FileCounts(), stdin=stream))
    return documents, issues


@pytest.fixture
def read() -> Callable[..., Result]:
    """read(paths, options=None, stdin=None) -> (documents, issues)."""
    return read_inputs


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """write(name, content) -> path under tmp_path (str content is written as UTF-8)."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(data)
        return path

    return _write
