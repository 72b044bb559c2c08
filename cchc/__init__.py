"""Domain logic of the CCHC portal: content kinds, validation and page rendering.

Nothing in this package imports MkDocs; `hooks/portal.py` is the thin adapter.
"""
