"""JSONL and Parquet input and output for `pii-stream scan` (no Kafka)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.core.codes import Route
from pipeline.core.schemas import json_line
from pipeline.errors import InputFileError

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.parquet as pq

ROUTES = tuple(Route)
KEYS_FILE = "quarantine.keys.jsonl"  # wrapped data keys, kept apart so purge can delete them


def count_records(path: Path) -> int:
    """How many records a file holds (for progress), without parsing them."""
    if path.suffix == ".parquet":
        return _parquet_file(path).metadata.num_rows
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())


def read_records(path: Path) -> Iterator[bytes]:
    """Each record as the bytes of one message value. A JSONL line that is not valid
    JSON or UTF-8 is passed through as-is, to be quarantined as malformed."""
    if not path.is_file():
        raise InputFileError(f"input not found: {path}")
    if path.suffix == ".parquet":
        yield from _read_parquet(path)
        return
    with path.open("rb") as handle:
        for line in handle:
            line = line.rstrip(b"\r\n")
            if line.strip():
                yield line


def _parquet_file(path: Path) -> pq.ParquetFile:
    import pyarrow as pa  # imported only for Parquet: a tenth of a second of every scan's start
    import pyarrow.parquet as pq

    try:
        return pq.ParquetFile(path)
    except (pa.ArrowInvalid, OSError) as exc:
        raise InputFileError(f"{path} is not a readable Parquet file: {type(exc).__name__}") from None


def _read_parquet(path: Path) -> Iterator[bytes]:
    for batch in _parquet_file(path).iter_batches(batch_size=1024):
        for row in batch.to_pylist():
            row = {k: v for k, v in row.items() if v is not None}
            yield json.dumps(row, ensure_ascii=False, default=str).encode("utf-8")


class RouteWriter:
    """Writes DIR/clean|quarantine|drop.jsonl (or .parquet) as records arrive."""

    def __init__(self, out_dir: Path, fmt: str) -> None:
        if fmt not in ("jsonl", "parquet"):
            raise ValueError("format must be jsonl or parquet")
        out_dir.mkdir(parents=True, exist_ok=True)
        self.fmt = fmt
        self.paths = {r: out_dir / f"{r}.{fmt}" for r in ROUTES}
        self._jsonl = {r: p.open("w", encoding="utf-8") for r, p in self.paths.items()} if fmt == "jsonl" else {}
        self._rows: dict[str, list[dict]] = {r: [] for r in ROUTES}
        self.keys_path = out_dir / KEYS_FILE
        self._keys = os.fdopen(os.open(self.keys_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="utf-8")

    def write(self, route: str, record: Mapping[str, Any], key_record: Mapping[str, Any] | None = None) -> None:
        if key_record is not None:
            self._keys.write(json_line(key_record) + "\n")
        if self.fmt == "jsonl":
            self._jsonl[Route(route)].write(json_line(record) + "\n")
        else:
            self._rows[route].append(_flat_row(record))

    def close(self) -> None:
        self._keys.close()
        for handle in self._jsonl.values():
            handle.close()
        if self.fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            for route, rows in self._rows.items():
                table = _table(rows) if rows else pa.table({"event_id": pa.array([], pa.string())})
                pq.write_table(table, self.paths[Route(route)])


def _table(rows: list[dict]) -> pa.Table:
    """One table over the union of the rows' columns (from_pylist alone takes the first row's)."""
    import pyarrow as pa

    columns = sorted({k for row in rows for k in row})
    return pa.Table.from_pylist([{c: row.get(c) for c in columns} for row in rows])


def _flat_row(record: Mapping[str, Any]) -> dict:
    """Nested values as JSON text, so every row of a route has one Parquet schema."""
    return {k: json.dumps(v, sort_keys=True) if isinstance(v, (dict, list)) else v for k, v in record.items()}


def write_generated(path: Path, text: str, argv: list[str], module: str) -> int:
    """A generator's main: write `text` to `path`, or with `--check` exit 1 when the file
    differs from it (stale). `module` is how to run the generator, for the message."""
    if "--check" in argv:
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            print(f"{path} is stale: run python -m {module}", file=sys.stderr)
            return 1
        return 0
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")
    return 0
