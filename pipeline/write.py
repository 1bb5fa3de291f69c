"""Writers: the six tables as CSV (UTF-8 with BOM) and Parquet, each file
written under a temporary name and renamed, so no reader sees half a file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.schema import SCHEMAS, check_frame, to_frame
from pipeline.tables import TABLES, Rows


def merge_rows(parts: Iterable[Rows]) -> Rows:
    out: Rows = {name: [] for name in TABLES}
    for part in parts:
        for name in TABLES:
            out[name] += part.get(name, [])
    return out


def build_frames(rows: Rows) -> dict[str, pd.DataFrame]:
    """Typed, schema-checked frames in a stable order (so reruns give
    byte-identical files)."""
    frames = {}
    for name in TABLES:
        frame = to_frame(name, rows.get(name, []))
        keys = [k for k in SCHEMAS[name].key] or ["plan_id"]
        frame = frame.sort_values(keys, kind="stable", na_position="last").reset_index(drop=True)
        check_frame(name, frame)
        frames[name] = frame
    return frames


_UMASK = os.umask(0)
os.umask(_UMASK)


def atomic_write(path: Path, write) -> None:
    """`write(tmp_name)` fills a temporary file beside `path`, which then
    replaces `path` in one rename: readers see the old file or the new one."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; tables are for other accounts too
    try:
        write(tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_bytes(path: Path, data: bytes) -> None:
    atomic_write(path, lambda tmp: Path(tmp).write_bytes(data))


def write_frames(frames: dict[str, pd.DataFrame], out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in frames.items():
        csv_path = out_dir / f"{name}.csv"
        atomic_write(csv_path, lambda tmp, f=frame: f.to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\n"))
        pq_path = out_dir / f"{name}.parquet"
        table = pa.Table.from_pandas(frame, preserve_index=False)  # keeps pandas dtypes (Int64) for readers
        atomic_write(pq_path, lambda tmp, t=table: pq.write_table(t, tmp, compression="zstd"))
        written += [csv_path, pq_path]
    return written


def write_tables(rows: Rows, out_dir: Path) -> list[Path]:
    return write_frames(build_frames(rows), out_dir)
