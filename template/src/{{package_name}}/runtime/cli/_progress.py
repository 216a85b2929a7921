"""The updating line ``run`` shows on a terminal: node k of n, running node, time."""

from __future__ import annotations

import logging
import shutil
import threading
import time
from typing import Any
from typing import TextIO

from ..hooks import hook_impl

__all__ = ["ProgressLine"]

_CLEAR = "\r\x1b[K"


class _ClearFirst(logging.Filter):
    """Clears the progress line before a log record is written on the same stream."""

    def __init__(self, line: ProgressLine) -> None:
        super().__init__()
        self._line = line

    def filter(self, _record: logging.LogRecord) -> bool:
        self._line.clear()
        return True


class ProgressLine:
    """Draws ``[node k of n] running NODE  0:12`` on one line of a terminal stream.

    Register it on the session's hook manager (it implements ``before_pipeline_run``
    and ``before_node_run``) and pass it as the runner's ``progress`` callback. A
    ticker thread redraws the elapsed time; log lines on the same stream clear it
    first.

    Args:
        stream: The terminal (stderr).
        interval: Seconds between redraws of the elapsed time.
    """

    def __init__(self, stream: TextIO, *, interval: float = 0.5) -> None:
        """Start the clock; nothing is drawn until the first node starts."""
        self._stream = stream
        self._interval = interval
        self._lock = threading.Lock()
        self._started = time.monotonic()
        self._done = 0
        self._total = 0
        self._running: list[str] = []
        self._last = ""
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None
        self._filters: list[tuple[logging.Handler, logging.Filter]] = []

    def attach(self, handlers: list[logging.Handler]) -> None:
        """Clear the line before each record that ``handlers`` write to this stream."""
        for handler in handlers:
            if getattr(handler, "stream", None) is self._stream:
                log_filter = _ClearFirst(self)
                handler.addFilter(log_filter)
                self._filters.append((handler, log_filter))

    @hook_impl
    def before_pipeline_run(self, pipeline: Any) -> None:
        """Learn how many nodes the run has."""
        with self._lock:
            self._total = len(pipeline.nodes)

    @hook_impl
    def before_node_run(self, node: Any) -> None:
        """Note the node that starts and redraw."""
        with self._lock:
            self._running.append(node.name)
        self._start_ticker()
        self.draw()

    def __call__(self, done: int, total: int, node_name: str) -> None:
        """The runner's ``progress`` callback: a node finished."""
        with self._lock:
            self._done, self._total, self._last = done, total, node_name
            if node_name in self._running:
                self._running.remove(node_name)
        self.draw()

    def text(self) -> str:
        """Return the line's text (without terminal control characters)."""
        with self._lock:
            step = min(self._done + 1, self._total) if self._total else self._done + 1
            total = str(self._total) if self._total else "?"
            running = ", ".join(self._running)
            doing = f"running {running}" if running else f"done {self._last or '-'}"
        seconds = int(time.monotonic() - self._started)
        elapsed = f"{seconds // 60}:{seconds % 60:02d}"
        return f"[node {step} of {total}] {doing}  {elapsed}"

    def draw(self) -> None:
        """Redraw the line, cut to the terminal's width."""
        width = shutil.get_terminal_size((80, 24)).columns - 1
        self._write(_CLEAR + self.text()[:width])

    def clear(self) -> None:
        """Erase the line (before a log record or the end of the run)."""
        self._write(_CLEAR)

    def close(self) -> None:
        """Stop the ticker, erase the line and remove the log filters (idempotent)."""
        if self._stop.is_set():
            return
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join()
        for handler, log_filter in self._filters:
            handler.removeFilter(log_filter)
        self.clear()

    def _write(self, text: str) -> None:
        with self._lock:
            self._stream.write(text)
            self._stream.flush()

    def _start_ticker(self) -> None:
        with self._lock:
            if self._ticker is not None or self._stop.is_set():
                return
            self._ticker = threading.Thread(target=self._tick, daemon=True)
            self._ticker.start()

    def _tick(self) -> None:
        while not self._stop.wait(self._interval):
            self.draw()
