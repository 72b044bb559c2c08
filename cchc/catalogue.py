"""The procedure catalogue as open data: `procedures.json` (every field) and `procedures.csv` (for Excel)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .content import Site, url_of
from .procedure_shapes import NO_UNIT
from .vocab import CHANNELS, ONLINE_LEVELS, PROCEDURE_LEVELS

CSV_COLUMNS = ["Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Cấp thực hiện", "Mã cơ quan chủ trì", "Cơ quan chủ trì",
               "Cơ quan thực hiện", "Đối tượng thực hiện", "Dịch vụ công trực tuyến", "Cách thức, thời hạn, phí",
               "Quyết định công bố", "Địa chỉ trang", "Cổng Dịch vụ công quốc gia"]


def records(site: Site, site_url: str) -> list[dict[str, Any]]:
    base = site_url.rstrip("/") + "/"
    return [{**p.values, "department_name": site.departments[p["department"]]["name"], "url": base + url_of(p.src_uri)}
            for p in site.procedures]


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def to_json(site: Site, site_url: str) -> bytes:
    """One procedure a line: each reads whole, a change shows as the lines of the procedures it changed, and it is
    written by the json module's C encoder (indented, 3,000 procedures took half a second of every build)."""
    head = {"title": "Danh mục thủ tục hành chính", "count": len(site.procedures)}
    rows = ",".join("\n" + _ENCODE(record) for record in records(site, site_url))
    return f'{_ENCODE(head)[:-1]}, "procedures": [{rows}\n]}}\n'.encode("utf-8")


def _raw_time(channel: dict) -> str:
    return f"{channel['time_raw']} ({NO_UNIT})" if channel.get("time_raw") else ""


def _channels(channels: list[dict]) -> str:
    return "; ".join(
        ": ".join(filter(None, [CHANNELS.get(c.get("method", ""), ""),
                                ", ".join(filter(None, [c.get("time") or _raw_time(c), c.get("fee")]))]))
        for c in channels)


def _cell(value: str) -> str:
    """A value Excel shows as text: one starting with = + - @ (or a tab or return) would run as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def to_csv(site: Site, site_url: str) -> bytes:
    """UTF-8 with a byte order mark and CRLF lines: what Excel needs to show Vietnamese."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for record in records(site, site_url):
        writer.writerow([_cell(value) for value in [
            record["code"], record["name"], record["field"],
            ", ".join(PROCEDURE_LEVELS[level] for level in record["levels"]),
            record["department"], record["department_name"], record.get("executing_agency", ""),
            ", ".join(record.get("applicants", [])),
            ONLINE_LEVELS.get(record.get("online", ""), "Không"), _channels(record.get("channels", [])),
            record.get("decision", ""), record["url"], record.get("portal_url", ""),
        ]])
    return out.getvalue().encode("utf-8-sig")
