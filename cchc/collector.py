"""Python's cycle collector held off while a build makes many objects none of which can be part of a cycle.

The collector runs as objects are made, and each of its full passes walks the whole heap: reading ten thousand checked
sources back from the build cache, or indexing them for search, makes millions of them (measured at 10,000 documents:
the search index from the build cache 6.3 s with the collector, 2.6 s without; a rebuild's reading 0.6 s less).
"""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def paused():
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
