"""Markdown for the pages the hooks generate or extend. Links point at source files, so MkDocs
resolves them and `--strict` catches any that break."""
