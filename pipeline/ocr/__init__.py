"""OCR engines behind one small interface (`pipeline.ocr.base.OcrEngine`).

`get_engine()` returns the process's engine, made on first use and reused for
every page after (Tesseract models load once per process, never per call)."""

from __future__ import annotations

from pipeline.ocr.base import OcrEngine, OcrResult, OcrWord

__all__ = ["get_engine", "OcrEngine", "OcrResult", "OcrWord"]

_ENGINES: dict[str, OcrEngine] = {}


def get_engine(name: str = "tesseract") -> OcrEngine:
    engine = _ENGINES.get(name)
    if engine is None:
        if name == "tesseract":
            from pipeline.ocr.tesseract import TesseractEngine

            engine = TesseractEngine()
        else:
            raise ValueError(f"unknown OCR engine {name!r}: the one engine today is 'tesseract'")
        _ENGINES[name] = engine
    return engine
