"""Which files a run reads: inputs given as files or folders (recursive).

Inside a folder given as input:
- hidden names (starting with "."), ground-truth JSON and our own outputs
  (.csv, .parquet, ...) are not inputs; nor is the output folder itself,
  when it sits inside the input folder;
- a symlink is followed only when it resolves inside the input folder (then
  it is another name for a file that is read anyway, under its own name); a
  symlink that leads outside the input folder, a dangling symlink and
  anything that is not a regular file (named pipe, socket, device: opening
  one could block the run) are skipped, each with one console line, and
  have no plan row.
A file named explicitly on the command line is read even through a symlink
(the user chose it), but must be a regular file.

`printable(name)` is how a path is shown on the console: control characters
escaped (a name can hold any byte but "/" and NUL) and rich markup escaped,
so a file name can neither restyle nor garble the terminal.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable
from pathlib import Path

SKIP_SUFFIXES = {".json", ".parquet", ".csv", ".jsonl", ".lock", ".tmp"}

OnSkip = Callable[[str, str], None]  # (printable relative path, why)


def printable(name: str) -> str:
    """A path for the console: C0/C1 control characters and DEL as \\xNN,
    rich markup brackets escaped."""
    from rich.markup import escape

    out = "".join(
        f"\\x{ord(ch):02x}" if (ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0) else ch for ch in str(name)
    )
    return escape(out)


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _walk(root: Path, exclude: set[Path], skip: OnSkip) -> list[Path]:
    """Regular files under `root` (symlinks to files inside it included),
    never following a symlinked folder."""
    real_root = root.resolve()
    out: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        keep = []
        for d in sorted(dirnames):
            sub = here / d
            rel = sub.relative_to(root).as_posix()
            if d.startswith("."):
                continue
            if sub.is_symlink():
                target = sub.resolve()
                if not _inside(target, real_root):
                    skip(rel, f"symlink to a folder outside the input folder ({target}): not followed")
                # a symlinked folder inside the root is walked under its own name
                continue
            if sub.resolve() in exclude:
                continue  # the output folder inside the input folder
            keep.append(d)
        dirnames[:] = keep
        for name in sorted(filenames):
            path = here / name
            rel = path.relative_to(root).as_posix()
            if name.startswith("."):
                skip(rel, "hidden file (its name starts with '.'): not read; rename it to read it")
                continue
            if path.suffix.lower() in SKIP_SUFFIXES:
                continue
            if path.is_symlink():
                try:
                    target = path.resolve(strict=True)
                except (OSError, RuntimeError):
                    skip(rel, "dangling symlink (its target does not exist): not read")
                    continue
                if not _inside(target, real_root):
                    skip(rel, f"symlink to a file outside the input folder ({target}): not followed")
                    continue
            try:
                mode = path.stat().st_mode
            except OSError as err:
                skip(rel, f"cannot be read ({err.strerror or err}): left out")
                continue
            if not stat.S_ISREG(mode):
                skip(rel, f"{_kind(mode)}, not a file: not read")
                continue
            out.append(path)
    return out


def collect(
    inputs: list[Path], on_skip: OnSkip | None = None, exclude: list[Path] | tuple[Path, ...] = ()
) -> list[tuple[Path, Path]]:
    """(file, root) pairs in a stable order; the root is what `source_file`
    is relative to.  Ground-truth JSON and our own outputs are not inputs.
    `on_skip(printable_rel, why)` hears about every file left out for a
    reason a person should know (see the module doc); `exclude`: folders
    (e.g. the output folder) never read."""
    skipped_as: dict[Path, str] = {}

    def skip(rel: str, why: str) -> None:
        if on_skip is not None:
            on_skip(printable(rel), why)

    excluded = {Path(p).resolve() for p in exclude}
    found: dict[Path, tuple[Path, Path]] = {}
    links: list[tuple[Path, Path]] = []
    for item in inputs:
        if item.is_dir():
            for path in _walk(item, excluded, skip):
                if path.is_symlink():
                    links.append((path, item))  # after the real files: the real name wins
                else:
                    found.setdefault(path.resolve(), (path, item))
        elif item.exists():
            mode = item.stat().st_mode
            if not stat.S_ISREG(mode):
                skip(str(item), f"{_kind(mode)}, not a file: not read")
                continue
            found.setdefault(item.resolve(), (item, item.parent))
        elif item.is_symlink():
            skip(str(item), "dangling symlink (its target does not exist): not read")
        else:
            raise FileNotFoundError(f"input not found: {item}")
    for path, root in links:
        real = path.resolve()
        if real in found:
            other, other_root = found[real]
            skipped_as[path] = other.relative_to(other_root).as_posix()
            skip(
                path.relative_to(root).as_posix(),
                f"symlink to {printable(skipped_as[path])}, which is read under its own name",
            )
            continue
        found[real] = (path, root)
    return sorted(found.values(), key=lambda pair: pair[0].relative_to(pair[1]).as_posix())


def sha256_of(path: Path) -> str:
    """The file's content hash: a plan's identity, whatever the file is called."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
