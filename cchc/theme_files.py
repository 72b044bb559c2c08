"""The theme's files as a build lists them. MkDocs lists every file of the theme's folders to find the static ones it
copies (`Files.add_files_from_theme`), and leaves out every hidden path by name: Material's folder of icons
(`.icons`, 14,000 files, each matched against a dozen patterns) was 0.04 s of every build for none of them."""

from __future__ import annotations

import os
from typing import Callable

import jinja2


class VisibleFiles(jinja2.FileSystemLoader):
    """Jinja's loader of a theme's folders, that lists no hidden file and looks in no hidden folder: templates (the
    icons included) are loaded as Jinja's loader loads them."""

    def list_templates(self) -> list[str]:
        found = set()
        for searchpath in self.searchpath:
            for folder, folders, names in os.walk(searchpath, followlinks=self.followlinks):
                folders[:] = [name for name in folders if not name.startswith(".")]
                inside = os.path.relpath(folder, searchpath)
                prefix = "" if inside == os.curdir else inside.replace(os.sep, "/") + "/"
                found.update(prefix + name for name in names if not name.startswith("."))
        return sorted(found)


def environment(make: Callable[[], jinja2.Environment]) -> jinja2.Environment:
    """The theme's environment as `make` (MkDocs' `Theme.get_env`) makes it, its loader listing no hidden file."""
    env = make()
    loader = env.loader
    env.loader = VisibleFiles(loader.searchpath, encoding=loader.encoding, followlinks=loader.followlinks)
    return env
