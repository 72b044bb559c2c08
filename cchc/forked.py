"""Part of a build done by a copy of its process (`fork`) on the machine's second core, while the build goes on.

A build checks its sources and converts its pages one after the other in one process, and until the search index
starts (once every page is converted) the second core of a 2-core CI runner waits. A copy made by `fork` has
everything the build loaded (the checked content, MkDocs' files and nav) without reading it again; it does its
share (the sources to check, then the pages to convert; in a rebuild, the pages out of the nav to key), taken from
the last while the build takes them from the first, until they meet (`Meeting`), and hands back:

- the cache entries it made, as the search process does (`Cache.handing_back`): the build reads them as entries a
  previous build kept, and goes on as a rebuild does;
- what `work` returns;
- what it logged, logged again by the build, so that a warning it met fails a strict build as the build's own would.

The copy never touches the build's SQLite file (a connection must not be used across `fork`, and one opened after
it would share SQLite's record of the build's locks): its cache reads nothing and writes no file (`Cache(None)`, its
entries handed back), and it ends by `os._exit`, which runs no finalizer. Where `fork` does not exist (Windows),
nothing is done elsewhere.
"""

from __future__ import annotations

import logging
import mmap
import multiprocessing
import os
import pickle
import signal
import struct
import tempfile
import threading
import traceback
from typing import IO, Any, Callable, Iterator

from .build_cache import Cache

AVAILABLE = hasattr(os, "fork")


class Meeting:
    """Items 0…n−1 shared by the build, which takes them from the first, and its copy, which takes them from the last,
    until they meet: neither share is fixed beforehand, so neither waits on the other while it has work left (the
    build has work of its own besides, and the machine's cores are not always alike). Made before the copy."""

    def __init__(self, count: int):
        self._bounds = mmap.mmap(-1, 16)  # shared with the copy: the next item from the first, the last one left + 1
        self._lock = multiprocessing.Lock()
        struct.pack_into("qq", self._bounds, 0, 0, count)

    def mine(self, index: int) -> bool:
        """For the build: True if it does item `index`, which the copy then never does; False if the copy did it."""
        with self._lock:
            first, end = struct.unpack_from("qq", self._bounds)
            if index >= end:
                return False
            struct.pack_into("q", self._bounds, 0, max(first, index + 1))
            return True

    def from_last(self) -> Iterator[int]:
        """For the copy: each item it does, the last first, until it meets the build's."""
        while True:
            with self._lock:
                first, end = struct.unpack_from("qq", self._bounds)
                if end <= first:
                    return
                struct.pack_into("q", self._bounds, 8, end - 1)
            yield end - 1


class ForkedError(Exception):
    """The copy failed: what it raised, its traceback included."""


class Answering:
    """What the copy asks of the build while it works, answered by a thread of the build by `answer`: what only the
    build reads, its cache's SQLite file (a kept check's page part, for a page the copy makes: `content.Entry.page`).
    A question the build cannot answer is answered None."""

    def __init__(self, answer: Callable[[str], bytes | None]):
        self._answer = answer
        self._questions, self._answers = os.pipe(), os.pipe()
        self._thread: threading.Thread | None = None
        self._heard: IO[bytes] | None = None

    def start(self) -> None:
        """In the build, once the copy is made."""
        os.close(self._questions[1])
        os.close(self._answers[0])
        self._thread = threading.Thread(target=self._answering, daemon=True)
        self._thread.start()

    def _answering(self) -> None:
        with open(self._questions[0], "rb") as questions:
            try:
                for question in questions:  # until the copy ends
                    try:
                        answer = self._answer(question[:-1].decode("utf-8"))
                    except Exception:  # noqa: BLE001 - the copy does without (`ask`)
                        answer = None
                    said = memoryview(_SIZE.pack(-1 if answer is None else len(answer)) + (answer or b""))
                    while said:
                        said = said[os.write(self._answers[1], said):]
            except BrokenPipeError:  # the copy was stopped
                pass
            finally:
                os.close(self._answers[1])

    def end(self) -> None:
        """In the build, once the copy ended."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def in_copy(self) -> None:
        os.close(self._questions[0])
        os.close(self._answers[1])
        self._heard = open(self._answers[0], "rb")  # noqa: SIM115 - the copy ends by `os._exit`

    def ask(self, question: str) -> bytes | None:
        """In the copy: the build's answer."""
        os.write(self._questions[1], question.encode("utf-8") + b"\n")
        size = self._heard.read(_SIZE.size)
        if len(size) < _SIZE.size:  # the build's thread ended
            return None
        (length,) = _SIZE.unpack(size)
        return None if length < 0 else self._heard.read(length)


_SIZE = struct.Struct("<q")


class Forked:
    """`work(cache)` run by a copy of this process; `result(cache)` waits for it. An error of a type in `plain` is
    reported by its message alone, as the build reports it (MkDocs' PluginError), any other with its traceback.
    With `answering`, the build answers what the copy asks meanwhile."""

    def __init__(self, work: Callable[[Cache], Any], code: str, started: float,
                 plain: tuple[type[BaseException], ...] = (), answering: Answering | None = None):
        self._plain = plain
        self._entries = tempfile.TemporaryFile()
        self._result = tempfile.TemporaryFile()
        self._answering = answering
        self._pid = os.fork()
        if self._pid == 0:
            if answering is not None:
                answering.in_copy()
            self._run(work, code, started)
        if answering is not None:
            answering.start()

    def _run(self, work: Callable[[Cache], Any], code: str, started: float) -> None:
        status = 1
        try:
            records = _Records.instead_of_handlers()
            cache = Cache(None, code).handing_back(self._entries, started)
            try:
                value, error = work(cache), None
            except BaseException as raised:  # noqa: BLE001 - raised again by the build, where it would have been
                value, error = None, str(raised) if isinstance(raised, self._plain) else traceback.format_exc()
            pickle.dump((value, error, cache.notes(), records.kept), self._result, protocol=pickle.HIGHEST_PROTOCOL)
            self._result.flush()
            status = 0
        finally:
            os._exit(status)  # noqa: SLF001 - the build's finalizers (its cache's connection) are not the copy's

    def result(self, cache: Cache, hold: bool = False) -> Any:
        """What `work` returned, once the copy ended; its entries are now in `cache` (`Cache.take`, `hold`), its
        records logged."""
        try:
            _pid, status = os.waitpid(self._pid, 0)
            if self._answering is not None:
                self._answering.end()
            self._result.seek(0)
            try:
                value, error, notes, records = pickle.load(self._result)
            except EOFError:
                raise ForkedError(f"tiến trình phụ dừng trước khi xong (mã {status})") from None
            for record in records:
                logging.getLogger(record.name).handle(record)
            if error is not None:
                raise ForkedError(error)
            cache.take(self._entries, notes, hold=hold)
            return value
        finally:
            self._entries.close()
            self._result.close()

    def cancel(self) -> None:
        """The build failed meanwhile: the copy is stopped, if it is still running."""
        try:
            os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        if self._answering is not None:
            self._answering.end()
        self._entries.close()
        self._result.close()


class _Records(logging.Handler):
    """Every record the copy logs, kept for the build to log, in place of the handlers it inherited (which would
    print them, and count MkDocs' warnings in a process that does not decide the build)."""

    @classmethod
    def instead_of_handlers(cls) -> "_Records":
        records = cls()
        loggers = [logging.getLogger()] + [logging.getLogger(name) for name in list(logging.root.manager.loggerDict)]
        for logger in loggers:  # the root, and any that does not pass its records on (MkDocs' own)
            handlers = list(getattr(logger, "handlers", []))
            for handler in handlers:
                logger.removeHandler(handler)
            if logger is logging.root or handlers:
                logger.addHandler(records)
        return records

    def __init__(self):
        super().__init__(logging.NOTSET)
        self.kept: list[logging.LogRecord] = []
        self._seen: set[int] = set()

    def emit(self, record: logging.LogRecord) -> None:
        if id(record) in self._seen:  # met again on its way up to another logger's handlers
            return
        self._seen.add(id(record))
        record.msg, record.args = record.getMessage(), None  # what it says, without arguments that may not pickle
        if record.exc_info:
            record.exc_text = record.exc_text or logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        self.kept.append(record)
