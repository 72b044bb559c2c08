"""A finder: a catalogue readers filter by facets and by words typed with or without tone marks, the state in the
URL (`overrides/assets/finder.js`). The page carries the form; the items are in a compact data file, so the page
stays small however large the catalogue; a finder page also links to listings that work without JavaScript.

Used by the procedure finder (`render/procedures.py`) and the document finder (`render/plans.py`)."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field

TEXT = "tim"  # the words' URL parameter (not `q`: Material opens its own search box for `?q=`)


@dataclass(frozen=True)
class Facet:
    name: str  # its URL parameter
    label: str
    values: dict[str, str]  # value -> label, in the order the select lists them


@dataclass
class Item:
    title: str
    href: str  # relative to the finder page
    id: str  # what identifies it to readers: a procedure's code, a document's symbol
    note: str = ""  # shown after the title and searched with it
    values: dict[str, list[str]] = field(default_factory=dict)  # facet -> its values


def data(facets: list[Facet], items: list[Item], groups: tuple[str, ...] = (), note_class: str = "cchc-note") -> bytes:
    """The data file: each item's facet values as indexes into the facet's values (the list arrives in the order
    it is shown; `groups` are facets whose first value opens a section, outermost first)."""
    index = [{value: n for n, value in enumerate(f.values)} for f in facets]
    rows = [[item.title, item.href, item.note, item.id,
             *(" ".join(str(index[n][v]) for v in item.values.get(f.name, [])) for n, f in enumerate(facets))]
            for item in items]
    found = {"facets": [{"name": f.name, "values": [[v, label] for v, label in f.values.items()]} for f in facets],
             "groups": list(groups), "noteClass": note_class, "items": rows}
    return json.dumps(found, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def form(facets: list[Facet], noun: str, text_label: str, placeholder: str, data_file: str) -> list[str]:
    """The form (shown by the script once the data is in) and the list the script fills."""
    def attr(value: str) -> str:
        return html.escape(value, quote=True)

    def select(facet: Facet) -> str:
        options = "".join(f'<option value="{attr(v)}" data-label="{attr(label)}">{attr(label)}</option>'
                          for v, label in facet.values.items())
        return (f'<label class="cchc-finder__facet"><span>{attr(facet.label)}</span>'
                f'<select name="{attr(facet.name)}"><option value="">Tất cả</option>{options}</select></label>')

    return [f'<form class="cchc-finder" role="search" aria-label="Lọc {attr(noun)}" data-noun="{attr(noun)}" hidden>',
            f'<label class="cchc-finder__text"><span>{attr(text_label)}</span>'
            f'<input type="search" name="{TEXT}" autocomplete="off" placeholder="{attr(placeholder)}"></label>',
            *(select(f) for f in facets),
            '<p class="cchc-finder__status" aria-live="polite"></p>', "</form>", "",
            f'<div class="cchc-catalogue" data-source="{attr(data_file)}"></div>', ""]
