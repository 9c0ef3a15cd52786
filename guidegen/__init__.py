"""The guide generator's plain core: content model, validation and rendering.

Nothing in this package imports MkDocs; the thin adapter lives in ``hooks/``.
"""
