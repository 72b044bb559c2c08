"""Which sources a Git checkout holds as they were committed, told by Git's own index.

A CI job builds a fresh checkout: every source is a new file, so no signature an earlier build noted matches
(`source_signatures`), and each was read and hashed again (0.7 s at 10,000 documents). Git knows each file's blob
and whether the file is still that blob (`git diff-files` compares its index's stat information, and the content of
a file too recently written for it), and a source's digest is its Git blob id (`content.source_digest`): a file Git
vouches for whose blob is the digest an earlier build noted for that path need not be read. Where a checkout's files
differ from their blobs (line ends converted, filters), the ids never match and every file is read, as before.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


class Committed:
    """Git asked at once, on the side, for the files under `root` as the index has them (`git ls-files`) and those
    changed since (`git diff-files`); answered by `blob` when a build first needs it, in a build that finds every
    source by its signature not at all. Used with `with`, which waits for the two processes."""

    def __init__(self, root: Path):
        self._blobs: dict[str, str] | None = None
        try:
            # Git takes no lock for what it only reads: a build beside an editor's `git commit` must not fail it.
            environment = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
            self._asked = [subprocess.Popen(["git", *command, "-z", "--", "."], cwd=root, env=environment,
                                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
                           for command in (["ls-files", "--stage", "-v"], ["diff-files", "--name-only", "--relative"])]
        except OSError:  # no git on this machine
            self._asked = []

    def __enter__(self) -> "Committed":
        return self

    def __exit__(self, *_exc) -> None:
        for process in self._asked:
            process.stdout.close()  # where it was not read, git stops at its next write instead of waiting on the pipe
            process.wait()

    def blob(self, path: str) -> str | None:
        """The blob id of the file at `path` (relative to `root`, with `/`) if Git says it holds that blob's bytes."""
        if self._blobs is None:
            self._blobs = self._answered()
        return self._blobs.get(path)

    def _answered(self) -> dict[str, str]:
        said = [process.communicate()[0] for process in self._asked]
        if len(said) != 2 or any(process.returncode for process in self._asked):  # not a work tree, or git failed
            return {}
        staged, changed = said
        blobs = {}
        for line in staged.split(b"\0"):
            head, _tab, name = line.partition(b"\t")
            fields = head.split()
            # "H": cached and not told to be assumed unchanged ("h") nor skipped ("S"); stage 0: no conflict;
            # a regular file, not a link or a submodule.
            if len(fields) == 4 and fields[0] == b"H" and fields[3] == b"0" and fields[1] in (b"100644", b"100755"):
                blobs[os.fsdecode(name)] = fields[2].decode()
        for name in changed.split(b"\0"):
            blobs.pop(os.fsdecode(name), None)
        return blobs
