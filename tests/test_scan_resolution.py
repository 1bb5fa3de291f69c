"""A PDF scanned at half the run's dpi or less is brought to the run's dpi
by OpenCV's cubic resampling of its own pixels, not by PDFium's render,
whose stretched glyph edges Tesseract misreads: a 150-dpi plan read at 300
dpi had 593 of 911 number cells right, 856 now."""

from __future__ import annotations

import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest

pytest.importorskip("tesserocr")
pytest.importorskip("cv2")

from pipeline.extract import extract  # noqa: E402
from pipeline.extract.pdf.render import page_image  # noqa: E402
from pipeline.generate.samples import write_samples  # noqa: E402
from pipeline.generate.score import score_rows  # noqa: E402
from pipeline.model import Result, SourceInfo  # noqa: E402
from pipeline.normalize.form import normalize_document  # noqa: E402
from pipeline.settings import Settings  # noqa: E402
from pipeline.tables import result_rows  # noqa: E402


@pytest.fixture(scope="module")
def scan_150dpi(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Plan 2 of seed 3434 (Tlwg Purisa), scanned at 150 dpi."""
    folder = tmp_path_factory.mktemp("scan150")
    write_samples(folder, 2, seed=3434, kinds=("scan_pdf",), scan_dpi=150)
    return folder / "plan_0002.scan.pdf"


@pytest.mark.parametrize("dpi, decoded", [(300, True), (450, True), (200, False), (100, False)])
def test_a_scan_stretched_twice_or_more_is_decoded_at_the_render_size(scan_150dpi: Path, dpi: int, decoded: bool) -> None:
    """Stretched 2 or 3 times: OpenCV; by 1.33 or shrunk: PDFium renders it."""
    page = pdfium.PdfDocument(scan_150dpi)[0]
    rendered = page.render(scale=dpi / 72, grayscale=True).to_numpy()
    image = page_image(page, dpi / 72)
    if decoded:
        assert image is not None and image.shape == rendered.shape[:2]
    else:
        assert image is None


def test_a_150_dpi_scan_read_at_300_dpi(scan_150dpi: Path) -> None:
    doc = extract(scan_150dpi, Settings(dpi=300))
    plan = normalize_document(doc)
    source = SourceInfo(path=scan_150dpi.name, sha256="0" * 64, source_kind=doc.source_kind.value, pages=len(doc.pages))
    truth = json.loads(scan_150dpi.with_name("plan_0002.truth.json").read_text(encoding="utf-8"))
    score = score_rows(result_rows(Result(source, plan)), truth)
    assert score.number_accuracy >= 0.9, score.wrong[:20]
