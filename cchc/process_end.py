"""A process of the build that has done its work ends at once, without Python's teardown, which would free the
site's millions of objects one by one: 0.5-0.7 s of a 6.5-s rebuild at 10,000 documents, after the site was written
(the pattern of Instagram's `atexit.register(os._exit, 0)`). What teardown would still do for us is done first:
logging's handlers closed, the standard streams flushed. Nothing else of ours is left open then: the cache was
committed and closed, the processes the build started were waited for."""

from __future__ import annotations

import logging
import os
import pickle
import subprocess
import sys
from typing import Any


def after_build(command: str) -> None:
    """Ends the process if it is `mkdocs build` run from the command line and its build succeeded (this is called
    from MkDocs' `on_shutdown`, in the `finally` of its build command, after every plugin's: an exception on its way
    out means the build failed, and MkDocs must go on to say so and exit non-zero). In any other process, a test's or
    a program's that builds by MkDocs' API, it returns: the process is not the build's to end."""
    if command == "build" and sys.exc_info()[0] is None and _mkdocs_is_main():
        end(0)


def end(status: int) -> None:
    """Ends the process with `status`, once what it logged and printed is out."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()
    os._exit(status)  # noqa: SLF001 - the point: no teardown


def _mkdocs_is_main() -> bool:
    """`python -m mkdocs` or the `mkdocs` script (whose main module is the script itself, not a module of MkDocs)."""
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    if spec is not None:
        return spec.name == "mkdocs.__main__"
    return os.path.basename(getattr(main, "__file__", "") or "") == "mkdocs"


def answer(process: subprocess.Popen) -> Any:
    """What a process the build started answered, pickled on its standard output, once it ended: None where it
    failed, or where its output is not its answer (a profiler following it writes there too)."""
    output, _ = process.communicate()
    try:
        return pickle.loads(output) if process.returncode == 0 else None
    except Exception:  # noqa: BLE001 - not an answer: the build does the work itself
        return None
