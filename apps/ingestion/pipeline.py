"""Running the pure part of an import (read, parse, prepare) in a child process beside the database writer.

On a machine with two cores this overlaps the two halves of the work. The child never touches the database: it
is forked after the rule tables are loaded, hands prepared chunks over a bounded queue, and leaves with os._exit
so no inherited connection is closed or flushed from the child. If the parent dies, the child notices at its
next hand-over and exits too.
"""
import multiprocessing
import os
import queue as queue_module
from collections.abc import Callable, Iterator
from typing import TypeVar

T = TypeVar("T")
_QUEUE_CHUNKS = 4
_POLL_SECONDS = 1.0


def in_child_process(produce: Callable[[], Iterator[T]]) -> Iterator[T]:
    """Yield what `produce()` yields, computed in a forked child; its exceptions are raised here."""
    if "fork" not in multiprocessing.get_all_start_methods():
        yield from produce()  # no fork (not Linux): the same work, in this process
        return
    context = multiprocessing.get_context("fork")
    channel = context.Queue(maxsize=_QUEUE_CHUNKS)
    parent = os.getpid()
    child = context.Process(target=_run, args=(produce, channel, parent), daemon=True)
    child.start()
    try:
        while True:
            try:
                tag, payload = channel.get(timeout=_POLL_SECONDS)
            except queue_module.Empty:
                if not child.is_alive():
                    raise RuntimeError(f"import reader process died (exit code {child.exitcode})") from None
                continue
            if tag == "item":
                yield payload
            elif tag == "done":
                return
            else:
                raise payload
    finally:
        if child.is_alive():
            child.terminate()
        child.join()
        channel.close()


def _run(produce, channel, parent: int) -> None:
    code = 0
    try:
        for item in produce():
            _hand_over(channel, ("item", item), parent)
        _hand_over(channel, ("done", None), parent)
    except BaseException as exc:  # the parent re-raises it; nothing is swallowed
        code = 1
        try:
            _hand_over(channel, ("error", exc), parent)
        except BaseException:
            pass
    finally:
        channel.close()
        channel.join_thread()
        os._exit(code)


def _hand_over(channel, message, parent: int) -> None:
    while True:
        try:
            channel.put(message, timeout=_POLL_SECONDS)
            return
        except queue_module.Full:
            if os.getppid() != parent:
                os._exit(2)  # the importer is gone; nobody will read this
