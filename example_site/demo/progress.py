"""A dependency-free text progress bar for long management commands.

On a terminal the bar is redrawn in place (at most ten times a second); when
the stream is a file or a pipe (CI logs, ``make … | tee``) it prints one line
at every quarter instead, so logs stay readable.
"""

import sys
import time


class Progress:
    def __init__(self, label, total, *, unit="", stream=None, enabled=True, width=28):
        self.label = label
        self.total = max(0, int(total))
        self.unit = unit
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled
        self.width = width
        self.done = 0
        self.started = time.monotonic()
        self._last_draw = 0.0
        self._last_quarter = 0  # no 0% line in logs
        isatty = getattr(self.stream, "isatty", None)
        self.interactive = bool(isatty and isatty())
        self._closed = False
        self._draw(force=True)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        self.close(failed=exc_type is not None)

    def advance(self, n=1):
        self.done = min(self.total, self.done + n) if self.total else self.done + n
        self._draw()

    def close(self, *, failed=False):
        if self._closed:
            return
        self._closed = True
        if not failed and self.total:
            self.done = self.total
        self._draw(force=True, final=True)

    def line(self):
        percent = 100 if not self.total else int(self.done * 100 / self.total)
        filled = self.width if not self.total else int(self.width * self.done / self.total)
        bar = "#" * filled + "." * (self.width - filled)
        unit = f" {self.unit}" if self.unit else ""
        elapsed = time.monotonic() - self.started
        return (
            f"  {self.label:<22} [{bar}] {percent:3d}%  "
            f"{self.done:,}/{self.total:,}{unit}  {elapsed:6.1f}s"
        )

    def _draw(self, *, force=False, final=False):
        if not self.enabled:
            return
        if self.interactive:
            now = time.monotonic()
            if not (force or final or now - self._last_draw >= 0.1):
                return
            self._last_draw = now
            self.stream.write("\r" + self.line() + ("\n" if final else ""))
            self.stream.flush()
            return
        quarter = 4 if not self.total else self.done * 4 // self.total
        if quarter > self._last_quarter or (final and self.done < self.total):
            self._last_quarter = quarter
            self.stream.write(self.line() + "\n")
            self.stream.flush()
