"""Problems found in content: where, what is wrong, what to write instead."""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "lỗi"
WARNING = "cảnh báo"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str
    hint: str = ""
    severity: str = ERROR

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        what = f"[{self.field}] " if self.field else ""
        text = f"{where}: {self.severity}: {what}{self.message}"
        return text + (f"\n    → {self.hint}" if self.hint else "")


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    @property
    def errors(self) -> list[Problem]:
        return sorted(p for p in self.problems if p.severity == ERROR)

    @property
    def warnings(self) -> list[Problem]:
        return sorted(p for p in self.problems if p.severity == WARNING)

    def format(self) -> str:
        lines = [p.format() for p in self.errors + self.warnings]
        summary = f"{len(self.errors)} lỗi, {len(self.warnings)} cảnh báo"
        return "\n".join(lines + [summary])
