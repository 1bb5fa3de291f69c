"""Normalizers: know the form, turn a `Document` into a `Plan`.

Nothing here knows PDFs or pixels."""
