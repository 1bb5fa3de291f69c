"""One run per output folder: an exclusive `flock` on `OUT/.thaiplan.lock`.

The lock is held on an open file descriptor, so the kernel drops it when the
process ends in any way (exit, Ctrl-C, SIGKILL, power loss): there is never a
stale lock to clean up by hand.  The file keeps the holder's pid (and start
time) so the second run can say who holds it.  The descriptor is opened
non-inheritable (Python's default), so worker processes started by exec
(forkserver, spawn, Dask) do not keep the lock alive after the runner dies.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from pathlib import Path

from pipeline.errors import OutputLockedError

LOCK_NAME = ".thaiplan.lock"


class OutputLock:
    def __init__(self, out: Path) -> None:
        self.path = out / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> OutputLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            holder = self.holder()
            where = f"{self.path}" + (f", held by pid {holder['pid']}" if holder and "pid" in holder else "")
            raise OutputLockedError(where) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, (json.dumps({"pid": os.getpid(), "since": time.strftime("%Y-%m-%dT%H:%M:%S%z")}) + "\n").encode(), 0)
        self._fd = fd
        return self

    def holder(self) -> dict | None:
        try:
            return json.loads(self.path.read_text() or "null")
        except (OSError, ValueError):
            return None

    def release(self) -> None:
        if self._fd is not None:
            try:
                os.ftruncate(self._fd, 0)
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            finally:
                os.close(self._fd)
                self._fd = None

    def __enter__(self) -> OutputLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
