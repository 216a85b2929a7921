"""The progress line on its own: what it says, and that log lines clear it."""

from __future__ import annotations

import io
import logging
import time
from types import SimpleNamespace

from keelrt.cli._progress import ProgressLine


def test_the_line_names_the_step_the_total_and_the_running_nodes() -> None:
    line = ProgressLine(io.StringIO())
    line.before_pipeline_run(SimpleNamespace(nodes=[1, 2, 3]))
    line.before_node_run(SimpleNamespace(name="a"))
    line(1, 3, "a")
    line.before_node_run(SimpleNamespace(name="b"))
    line.before_node_run(SimpleNamespace(name="c"))
    assert line.text() == "[node 2 of 3] running b, c  0:00"
    line.close()


def test_the_elapsed_time_is_redrawn_while_a_node_runs() -> None:
    stream = io.StringIO()
    line = ProgressLine(stream, interval=0.01)
    line.before_node_run(SimpleNamespace(name="slow"))
    deadline = time.monotonic() + 5
    while stream.getvalue().count("running slow") < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    line.close()
    assert stream.getvalue().count("running slow") >= 3


def test_log_records_clear_the_line_until_close() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    line = ProgressLine(stream)
    line.attach([handler, logging.NullHandler()])
    record = logging.makeLogRecord({"msg": "hello", "levelno": logging.INFO})
    handler.handle(record)
    line.close()  # erases the line once more, then stops clearing
    handler.handle(record)
    assert stream.getvalue() == "\r\x1b[Khello\n" + "\r\x1b[K" + "hello\n"


def test_between_nodes_the_line_names_the_last_finished_node() -> None:
    line = ProgressLine(io.StringIO())
    line(1, 2, "a")
    assert line.text() == "[node 2 of 2] done a  0:00"
