"""The portal's departments as editors' tools read them: codes, names and provinces, without a full check.

The importers name an issuer or an assignee by code from it; `scripts/new.py` checks a code against it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import frontmatter
from .text import fold


@dataclass
class Department:
    code: str
    name: str
    short_name: str
    province: str
    roles: tuple[str, ...] = ()


class Registry:
    """The portal's departments, to name an issuer or an assignee by code."""

    def __init__(self, departments: list[Department]):
        self.departments = departments

    @classmethod
    def load(cls, folder: Path) -> "Registry":
        departments = []
        for path in sorted(folder.glob("*.md")):
            data = frontmatter.parse(path.read_text(encoding="utf-8")).data
            if data.get("code") and data.get("name"):
                roles = data.get("roles") or []
                departments.append(Department(str(data["code"]), str(data["name"]),
                                              str(data.get("short_name") or data["name"]), str(data.get("province", "")),
                                              tuple(map(str, roles if isinstance(roles, list) else [roles]))))
        return cls(departments)

    def by_role(self) -> dict[str, str]:
        """Role -> department code, as the department files declare (`roles:`)."""
        return {role: d.code for d in self.departments for role in d.roles}

    def find(self, code: str) -> Department | None:
        return next((d for d in self.departments if d.code.lower() == code.lower()), None)

    @property
    def provinces(self) -> list[str]:
        return sorted({d.province for d in self.departments if d.province})

    def by_symbol(self, suffix: str, province: str) -> Department | None:
        found = [d for d in self.departments if d.code.split("-")[0].lower() == suffix.lower()]
        if province:  # a symbol names a body of the document's own province, never one elsewhere
            found = [d for d in found if fold(d.province) == fold(province)]
        return found[0] if len(found) == 1 else None

    def by_name(self, name: str, province: str = "") -> Department | None:
        wanted = name_key(name)
        if not wanted:
            return None
        local = [d for d in self.departments if not province or fold(d.province) == fold(province)]
        exact = [d for d in local if wanted in (name_key(d.name), name_key(d.short_name))]
        if len(exact) == 1:
            return exact[0]
        within = [d for d in local if (len(wanted) >= 4 and wanted in name_key(d.name)) or name_key(d.short_name) in wanted]
        return within[0] if len(within) == 1 else None


def name_key(name: str) -> str:
    """A name as compared: no tone marks or case, `UBND` spelt out, any dash a hyphen."""
    folded = fold(name).replace("ubnd", "uy ban nhan dan").replace("–", "-").replace("—", "-")
    return " ".join(re.findall(r"[a-z0-9]+|-", folded))
