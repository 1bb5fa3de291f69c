"""Options that reach every stage of one run."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Settings:
    dpi: int = 300  # render resolution for scanned PDF pages
    ocr_engine: str = "tesseract"
    max_pages: int = 200  # pages per file
    max_bytes: int = 200 * 1024 * 1024  # bytes per file
    max_pixels: int = 200_000_000  # pixels per page image
    max_seconds: float = 600.0  # seconds per file
    repair: str = "ocr"  # which cells repair may change: ocr | all | none
