"""Progress of a batch run on standard error: a bar on a terminal, else a log line now and then."""

from __future__ import annotations

import shutil
import sys
import time


class Progress:
    """A progress bar on a terminal, else a plain line now and then (CI, cron); on stderr."""

    def __init__(self, total: int, mode: str = "auto", stream=None):
        self.stream = stream if stream is not None else sys.stderr
        if mode == "auto":
            isatty = getattr(self.stream, "isatty", None)
            mode = "bar" if isatty is not None and isatty() else "log"
        self.mode = mode
        self.total = total
        self.done = self.failed = self.skipped = 0
        self.start = time.monotonic()
        self.last = 0.0
        self.shown = False

    def rate(self) -> float:
        converted = self.done - self.skipped
        elapsed = time.monotonic() - self.start
        return converted / elapsed if elapsed > 0 and converted else 0.0

    def line(self) -> str:
        rate = self.rate()
        todo = self.total - self.done
        eta = f", ETA {int(todo / rate) // 60}:{int(todo / rate) % 60:02d}" if rate and todo else ""
        return (
            f"{self.done}/{self.total} done, {self.failed} failed"
            + (f", {self.skipped} up to date" if self.skipped else "")
            + f", {rate:.1f} docs/s{eta}"
        )

    def update(self, status: str) -> None:
        self.done += 1
        self.failed += status == "failed"
        self.skipped += status == "skipped"
        now = time.monotonic()
        if self.mode == "bar" and (now - self.last >= 0.1 or self.done == self.total):
            width = max(10, min(30, shutil.get_terminal_size((80, 20)).columns - 60))
            filled = int(width * self.done / self.total) if self.total else width
            bar = "#" * filled + "." * (width - filled)
            self.stream.write(f"\r\x1b[K[{bar}] {self.line()}")
            self.stream.flush()
            self.shown = True
            self.last = now
        elif self.mode == "log" and (now - self.last >= 5 or self.done == self.total):
            if self.done < self.total or self.total > 1:
                self.stream.write(f"un2akn batch: {self.line()}\n")
                self.stream.flush()
            self.last = now

    def message(self, text: str) -> None:
        """A line above the bar (or in the log)."""
        if self.mode == "none":
            return
        if self.shown:
            self.stream.write("\r\x1b[K")
        self.stream.write(text + "\n")
        if self.shown:
            self.shown = False
            self.last = 0.0
        self.stream.flush()

    def finish(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
            self.shown = False
