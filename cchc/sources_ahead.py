"""The project's sources listed (`source_files.find`) and looked at (`source_signatures.signature`) by a process of
their own as a build starts, while it reads its cache: 10,000 files listed and looked at were a tenth of a second of
a rebuild's path at 10,000 documents, the second core idle meanwhile.

What the process found is what the build would have found a moment later: a file saved in between is as one saved
just after the build looked at it (the next build reads it again; a page part read meanwhile is checked against the
bytes read: `content.SourceChanged`).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from . import process_end, source_files
from .source_signatures import Looked

# The process: the folders' sources, then each Markdown file's signature with the clock just before it was taken
# (`Signatures.unchanged`), pickled with the paths as text (the build makes each path once).
_LOOK = """import pickle, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from cchc import source_files, source_signatures
root, found, looked = Path(sys.argv[2]), [], {}
for folder in sys.argv[3:]:
    sources = source_files.find(Path(folder), root)
    found.append(([str(path) for path in sources.markdown], sources.problems))
    for path in sources.markdown:
        try:
            looked[str(path)] = time.time_ns(), source_signatures.signature(path)
        except OSError:
            pass
pickle.dump((found, looked), sys.stdout.buffer, protocol=pickle.HIGHEST_PROTOCOL)"""


class Ahead:
    """The process, started with the folders to list (`folders`, under the project `root`)."""

    def __init__(self, folders: list[Path], root: Path):
        self._process = subprocess.Popen(  # no `site`: it needs the standard library and this package alone
            [sys.executable, "-S", "-c", _LOOK, str(Path(__file__).parent.parent), str(root), *map(str, folders)],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    def found(self) -> tuple[list[source_files.Sources], Looked] | None:
        """Each folder's sources, as `source_files.find` gives them, and the files' signatures; None where the
        process failed (the build lists and looks itself)."""
        answered = process_end.answer(self._process)
        if answered is None:
            return None
        found, looked = answered
        return [source_files.Sources([Path(path) for path in markdown], problems) for markdown, problems in found], looked
