"""MkDocs hooks: the thin adapter between MkDocs and the `cchc` package.

Content is read and checked once, before MkDocs cleans or writes anything, so a content mistake
stops the build with every problem listed and the previous site untouched.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from cchc import clock
from cchc.content import DEPARTMENT, NEWS, Layout, Site, load_site
from cchc.reference import URI as REFERENCE_URI, reference_page
from cchc.render import departments, home, plans

log = logging.getLogger("mkdocs.hooks.cchc")


class _Build:
    site: Site | None = None
    titles: dict[str, str] = {}
    writing = False
    site_dir = ""


def on_pre_build(config) -> None:
    _Build.writing = False
    _Build.site_dir = config.site_dir
    try:
        clock.now()
    except clock.ClockError as error:
        raise PluginError(str(error)) from None
    site = load_site(Layout.at(Path(config.config_file_path).parent, Path(config.docs_dir)))
    for warning in site.report.warnings:
        log.warning(warning.format())
    if site.report.errors:
        raise PluginError("Nội dung có lỗi, chưa dựng trang:\n" + site.report.format())
    _Build.site = site
    _Build.writing = True


def on_files(files, config):
    site = _Build.site
    titles: dict[str, str] = {}
    generated: dict[str, str] = {}
    for plan in site.plans:
        titles[plan.src_uri] = plans.heading(plan)
        generated[plan.src_uri] = plans.plan_page(plan, site)
    for grouping, (uri, label) in plans.INDEX_PAGES.items():
        titles[uri] = f"Văn bản – {label.lower()}"
        generated[uri] = plans.index_page(site, grouping)
    titles[departments.INDEX_URI] = "Cơ quan, đơn vị"
    generated[departments.INDEX_URI] = departments.index_page(site)
    titles[REFERENCE_URI] = "Các trường dữ liệu"
    generated[REFERENCE_URI] = reference_page()
    for uri, content in generated.items():
        files.append(File.generated(config, uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV))

    for uri, entry in site.pages.items():
        if entry.kind is NEWS and entry.get("draft"):
            files.remove(files.get_file_from_path(uri))
        elif entry.kind in (NEWS, DEPARTMENT):
            files.get_file_from_path(uri).inclusion = InclusionLevel.NOT_IN_NAV
            titles[uri] = entry.get("title") or entry.get("name")
    _Build.titles = titles
    return files


def on_page_markdown(markdown, page, config, files):
    site = _Build.site
    uri = page.file.src_uri
    if uri in _Build.titles:
        page.meta["title"] = _Build.titles[uri]
    entry = site.pages.get(uri)
    if entry is None:
        return markdown  # generated: already written from checked content
    if entry.kind is DEPARTMENT:
        return departments.department_page(entry, site)
    if uri == "index.md":
        return entry.body + "\n\n" + home.latest_plans(site)
    return entry.body  # our parse: NFC, front matter checked and removed


def on_build_error(error) -> None:
    # Output half-written by an unexpected failure is worse than none.
    if _Build.writing:
        shutil.rmtree(_Build.site_dir, ignore_errors=True)
