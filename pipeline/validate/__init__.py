"""Validators: arithmetic checks, findings and the plan's status.

Nothing here knows PDFs or pixels."""
