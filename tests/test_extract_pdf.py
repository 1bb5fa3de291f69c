"""extract_pdf on real PDFs (made here with WeasyPrint and with the project's
generator), and the error cases."""

from __future__ import annotations

import html
import io
import json
import re
import sys
import types
from pathlib import Path

import numpy as np
import pytest

from pipeline.errors import CorruptPdfError, EmptyFileError, EncryptedPdfError, LimitExceededError
from pipeline.extract import extract
from pipeline.extract.pdf import extract_pdf
from pipeline.model import Document, SourceKind, Table
from pipeline.normalize.numbers import parse_number
from pipeline.normalize.thai_text import clean_thai, fold
from pipeline.settings import Settings

weasyprint = pytest.importorskip("weasyprint")

MONTHS = ["ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย."]
DESCS = [
    "ส่งเสริมความรู้ความเข้าใจแก่สมาชิกสหกรณ์",
    "ประชุมชี้แจงผู้นำกลุ่มเกษตรกร ทั่วไป",
    "จัดทำคู่มือการดำเนินงานสำหรับสหกรณ์ที่มีผลการดำเนินงานต่ำกว่าเกณฑ์ให้เป็นไปตามกฎหมายและระเบียบที่เกี่ยวข้อง",
]
LATIN = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda"
N_BODY = 40  # enough rows for the table to continue on page 2
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def _numbers(i: int) -> list[str]:
    out = []
    for j in range(13):
        out.append(str((i + j) % 4) if (i + j) % 4 else "-")
        out.append(f"{(i * 13 + j) * 50:,}" if j % 3 == 0 else "-")
    return out


def _body_row(i: int) -> tuple[str, str, list[str]]:
    code = f"{i // 3 + 1}.{i % 3 + 1}"
    return code, DESCS[i % 3], _numbers(i)


def _html(font: str) -> str:
    head = (
        '<tr><th rowspan="3">กิจกรรม/ขั้นตอนของกิจกรรม</th><th colspan="2" rowspan="2">เป้าหมาย</th>'
        + "".join(f'<th colspan="6">ไตรมาส {q}</th>' for q in range(1, 5))
        + "</tr><tr>"
        + "".join(f'<th colspan="2">{m}</th>' for m in MONTHS)
        + "</tr><tr>"
        + "<th>งาน</th><th>งบ</th>" * 13
        + "</tr>"
    )
    body = ""
    for i in range(N_BODY):
        code, desc, nums = _body_row(i)
        body += f'<tr><td class="d">{code} {html.escape(desc)}</td>' + "".join(f"<td>{n}</td>" for n in nums) + "</tr>"
    return f"""<html><head><style>
@page {{ size: A4 landscape; margin: 1cm; }}
body {{ font-family: "{font}"; font-size: 10pt; }}
table {{ border-collapse: collapse; }}
td, th {{ border: 0.6pt solid black; padding: 1pt 2pt; text-align: center; }}
td.d {{ text-align: left; width: 170pt; }}
.small td {{ border: 1px solid #333; vertical-align: top; }}
thead th {{ background: #e4ecf7; }}
tr {{ break-inside: avoid; }}
</style></head><body>
<p>แผนปฏิบัติการและงบประมาณประจำปีงบประมาณ พ.ศ. 2566</p>
<p>ของสำนักงานสหกรณ์จังหวัดพัทลุง</p>
<table class="small" style="width: 70%"><tr><td>(4) สหกรณ์/กลุ่มเกษตรกรที่รับผิดชอบ</td>
<td>(5) งบประมาณที่ได้รับ</td><td style="width: 90pt">(6) ตัวชี้วัดเป้าหมาย</td></tr>
<tr><td>สหกรณ์การเกษตรเมืองพัทลุง จำกัด<br>กลุ่มเกษตรกรทำนา</td><td>15,590 บาท</td>
<td style="width: 90pt">{LATIN}</td></tr></table>
<p>(7) กิจกรรม/ขั้นตอนของกิจกรรม</p>
<table style="width: 100%"><thead>{head}</thead><tbody>{body}</tbody></table>
<p>ลายมือชื่อผู้เสนอแผน</p></body></html>"""


@pytest.fixture(scope="session")
def thai_fixed() -> bool:
    """True when the generator's ToUnicode fix for WeasyPrint is available
    (stock WeasyPrint 70 writes a wrong text layer for Thai)."""
    try:
        from pipeline.generate.render_pdf import install_tounicode_fix
    except Exception:  # noqa: BLE001
        return False
    install_tounicode_fix()
    return True


@pytest.fixture(scope="session")
def handmade(tmp_path_factory, thai_fixed) -> dict[str, Document]:
    out = tmp_path_factory.mktemp("handmade")
    docs = {}
    for font in ("Garuda", "Norasi", "Loma"):
        path = out / f"{font}.pdf"
        weasyprint.HTML(string=_html(font)).write_pdf(str(path))
        docs[font] = extract_pdf(path, Settings())
    return docs


@pytest.fixture(scope="session")
def handmade_path(tmp_path_factory, handmade) -> Path:
    out = tmp_path_factory.mktemp("handmade1")
    path = out / "plan.pdf"
    weasyprint.HTML(string=_html("Garuda")).write_pdf(str(path))
    return path


def _activity(doc: Document) -> list[Table]:
    return [t for p in doc.pages for t in p.tables if t.n_cols == 27]


FONTS = ("Garuda", "Norasi", "Loma")


@pytest.mark.parametrize("font", FONTS)
def test_structure(handmade, font):
    doc = handmade[font]
    assert doc.source_kind == SourceKind.PDF_TEXT
    assert len(doc.pages) >= 2
    assert [p.number for p in doc.pages] == list(range(1, len(doc.pages) + 1))
    p1 = doc.pages[0]
    assert len(p1.tables) == 2
    small, big = sorted(p1.tables, key=lambda t: t.box.y0)
    assert (small.n_rows, small.n_cols) == (2, 3)
    assert big.n_cols == 27
    spans = {(c.row, c.col): (c.rowspan, c.colspan) for c in big.cells}
    assert spans[(0, 0)] == (3, 1)
    assert spans[(0, 1)] == (2, 2)
    for q in range(4):
        assert spans[(0, 3 + 6 * q)] == (1, 6)
    for m in range(12):
        assert spans[(1, 3 + 2 * m)] == (1, 2)
    texts = {(c.row, c.col): c.text for c in big.cells}
    assert [texts[(1, 3 + 2 * m)] for m in range(12)] == MONTHS
    assert [texts[(2, c)] for c in range(1, 27)] == ["งาน", "งบ"] * 13
    # the table continues on page 2 with its header repeated
    tables = _activity(doc)
    assert len(tables) >= 2
    assert tables[1].page == 2
    assert {(c.row, c.col): c.text for c in tables[1].cells}[(1, 3)] == "ต.ค."
    # boxes: points, top-left origin, inside the page
    for page in doc.pages:
        for t in page.tables:
            assert 0 <= t.box.x0 < t.box.x1 <= page.width
            assert 0 <= t.box.y0 < t.box.y1 <= page.height


@pytest.mark.parametrize("font", FONTS)
def test_numbers_and_rows(handmade, font):
    rows = {}
    for t in _activity(handmade[font]):
        for row in t.rows()[3:]:
            if len(row) == 27:
                rows.setdefault(row[0].text.split(" ", 1)[0], row)
    assert len(rows) == N_BODY
    for i in range(N_BODY):
        code, desc, nums = _body_row(i)
        row = rows[code]
        assert [c.text for c in row[1:]] == nums
        assert all(c.page == row[0].page for c in row)


@pytest.mark.parametrize("font", FONTS)
def test_cell_text(handmade, font, thai_fixed):
    doc = handmade[font]
    small = min(doc.pages[0].tables, key=lambda t: t.box.y0)
    texts = {(c.row, c.col): c.text for c in small.cells}
    assert texts[(1, 1)] == "15,590 บาท"
    assert texts[(1, 2)] == LATIN  # wrapped Latin text: one space per break
    first, second = texts[(1, 0)].split("\n")  # <br> inside a cell -> newline
    if not thai_fixed:
        pytest.skip("stock WeasyPrint Thai text layer is wrong; generator fix not available")
    assert clean_thai(first) == "สหกรณ์การเกษตรเมืองพัทลุง จำกัด"
    assert clean_thai(second) == "กลุ่มเกษตรกรทำนา"
    rows = {}
    for t in _activity(doc):
        for row in t.rows()[3:]:
            code, _, rest = row[0].text.partition(" ")
            rows.setdefault(code, rest)
    for i in range(N_BODY):
        code, desc, _ = _body_row(i)
        # wrapped Thai never gets a space the PDF did not store; WeasyPrint
        # drops the space it wraps at, so compare without spaces
        assert fold(rows[code]) == fold(desc)
        assert " " not in clean_thai(rows[code]).replace(" ทั่วไป", "")


def test_free_lines(handmade, thai_fixed):
    doc = handmade["Garuda"]
    lines = doc.pages[0].lines
    ys = [(ln.box.y0 + ln.box.y1) / 2 for ln in lines]
    assert all(b >= a - 3 for a, b in zip(ys, ys[1:]))  # top to bottom
    assert all(ln.page == 1 for ln in lines)
    assert any("2566" in ln.text for ln in lines)
    if thai_fixed:
        texts = [clean_thai(ln.text) for ln in lines]
        assert texts[0] == "แผนปฏิบัติการและงบประมาณประจำปีงบประมาณ พ.ศ. 2566"
        assert "(7) กิจกรรม/ขั้นตอนของกิจกรรม" in texts
    # nothing inside a table shows up as a free line
    for ln in lines:
        for t in doc.pages[0].tables:
            cy = (ln.box.y0 + ln.box.y1) / 2
            assert not (t.box.y0 < cy < t.box.y1 and t.box.x0 < ln.box.x0 < t.box.x1)


# --------------------------------------------------------------------------
# the project's generator: every number cell and description must match
# --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def generated(tmp_path_factory) -> list[Path]:
    samples = pytest.importorskip("pipeline.generate.samples")
    out = tmp_path_factory.mktemp("generated")
    samples.write_samples(out, 3, 5, kinds=("pdf",))
    pdfs = sorted(out.glob("*.pdf"))
    assert pdfs
    return pdfs


def test_generated_plans(generated):
    for pdf in generated:
        truth = json.loads(pdf.with_suffix("").with_suffix(".truth.json").read_text())
        doc = extract_pdf(pdf, Settings())
        rows, totals = {}, None
        for t in _activity(doc):
            for row in t.rows():
                first = row[0].text.translate(_THAI_DIGITS)
                if first.startswith("(12)"):
                    totals = row
                m = re.match(r"^(\d+(?:\.\d+)*)\.?\s", first + " ")
                if m and len(row) == 27:
                    rows.setdefault(m.group(1), row)
        for act in truth["activities"]:
            row = rows[act["code"]]
            got = clean_thai(row[0].text.translate(_THAI_DIGITS)[len(act["code"]) :].lstrip(". "))
            assert fold(got) == fold(act["description"]), (pdf.name, act["code"])
            want = [act["target_work"], act["target_budget_thb"]]
            for pair in act["months"] or [[None, None]] * 12:
                want += pair
            got_nums = [parse_number(c.text) for c in row[1:]]
            assert got_nums == [float(w or 0) for w in want], (pdf.name, act["code"])
        assert totals is not None
        tt = truth["totals"]
        want = [tt["target_work"], tt["target_budget_thb"]] + [v for p in tt["months"] for v in p]
        assert [parse_number(c.text) for c in totals[1:]] == [float(w) for w in want]


# --------------------------------------------------------------------------
# errors and limits
# --------------------------------------------------------------------------


def test_truncated(handmade_path, tmp_path):
    data = handmade_path.read_bytes()
    for frac in (0.1, 0.5, 0.9):
        bad = tmp_path / f"cut{frac}.pdf"
        bad.write_bytes(data[: int(len(data) * frac)])
        with pytest.raises(CorruptPdfError):
            extract(bad, Settings())


def test_empty_ish(tmp_path):
    for name, data in {
        "eof.pdf": b"%PDF-1.4\n%%EOF\n",
        "junk.pdf": b"%PDF-1.7\n" + bytes(range(256)) * 20,
    }.items():
        bad = tmp_path / name
        bad.write_bytes(data)
        with pytest.raises(CorruptPdfError):
            extract(bad, Settings())
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(EmptyFileError):
        extract(empty, Settings())


def test_no_pages(tmp_path):
    pikepdf = pytest.importorskip("pikepdf")
    buf = io.BytesIO()
    pikepdf.Pdf.new().save(buf)
    path = tmp_path / "nopages.pdf"
    path.write_bytes(buf.getvalue())
    with pytest.raises(CorruptPdfError):
        extract(path, Settings())


def test_encrypted(handmade_path, tmp_path):
    pikepdf = pytest.importorskip("pikepdf")
    with pikepdf.open(handmade_path) as pdf:
        locked = tmp_path / "locked.pdf"
        pdf.save(locked, encryption=pikepdf.Encryption(user="secret", owner="owner"))
        open_ = tmp_path / "owner_only.pdf"
        pdf.save(open_, encryption=pikepdf.Encryption(user="", owner="owner"))
    with pytest.raises(EncryptedPdfError):
        extract(locked, Settings())
    # an owner password alone does not stop reading
    doc = extract(open_, Settings())
    assert len(_activity(doc)) >= 2


def test_max_pages(handmade_path):
    with pytest.raises(LimitExceededError) as err:
        extract_pdf(handmade_path, Settings(max_pages=1))
    assert "--max-pages" in str(err.value)


def test_text_file_named_pdf(tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_text("แผนปฏิบัติการ\nนี่ไม่ใช่ PDF\n", encoding="utf-8")
    from pipeline.extract import detect_kind

    assert detect_kind(path.read_bytes()) == "text"
    pytest.importorskip("pipeline.extract.text_export")
    try:
        doc = extract(path, Settings())
    except CorruptPdfError:  # pragma: no cover - must not be treated as a PDF
        pytest.fail("a text file named .pdf went to the PDF reader")
    except Exception:  # noqa: BLE001 - the text reader may reject it its own way
        return
    assert doc.source_kind != SourceKind.PDF_TEXT


# --------------------------------------------------------------------------
# scanned pages: the seam to pipeline.extract.scan
# --------------------------------------------------------------------------


def _image_pdf(path: Path, with_text_page: bool) -> None:
    from PIL import Image

    img = np.full((400, 560), 255, dtype=np.uint8)
    img[50:52, 40:520] = 0
    png = path.with_suffix(".png")
    Image.fromarray(img).save(png)
    pages = f'<div style="page-break-after: always"><img src="{png.as_uri()}" style="width: 100%"></div>'
    if with_text_page:
        pages = "<p>หน้าที่มีข้อความ text page with enough characters</p>" + (
            '<div style="page-break-before: always"></div>' + pages
        )
    weasyprint.HTML(string=f"<html><body style='margin:0'>{pages}</body></html>").write_pdf(str(path))


@pytest.fixture
def fake_scan(monkeypatch):
    calls = []

    def read_page_image(image, page_number, dpi, settings):
        from pipeline.model import Page

        calls.append((image.shape, image.dtype, page_number, dpi))
        return Page(number=page_number, width=image.shape[1], height=image.shape[0], dpi=dpi)

    mod = types.ModuleType("pipeline.extract.scan")
    mod.read_page_image = read_page_image
    monkeypatch.setitem(sys.modules, "pipeline.extract.scan", mod)
    return calls


def test_scanned_pdf(tmp_path, fake_scan):
    path = tmp_path / "scan.pdf"
    _image_pdf(path, with_text_page=False)
    doc = extract_pdf(path, Settings(dpi=100))
    assert doc.source_kind == SourceKind.PDF_SCAN
    assert fake_scan and fake_scan[0][1] == np.uint8 and fake_scan[0][2] == 1 and fake_scan[0][3] == 100
    shape = fake_scan[0][0]
    assert abs(shape[1] - doc.pages[0].width) < 2  # rendered at dpi/72 of the page
    assert abs(shape[1] - 595.3 * 100 / 72) < 3


def test_mixed_pdf(tmp_path, fake_scan):
    path = tmp_path / "mixed.pdf"
    _image_pdf(path, with_text_page=True)
    doc = extract_pdf(path, Settings(dpi=72))
    assert doc.source_kind == SourceKind.PDF_TEXT
    assert doc.pages[0].dpi is None and doc.pages[0].lines
    assert [c[2] for c in fake_scan] == [2]


def test_ocr_layer_over_page_image_is_a_scan(tmp_path, fake_scan):
    """A scanner's invisible OCR text over a page-filling image has no ruled
    table: the page goes to the scan path."""
    from PIL import Image

    png = tmp_path / "page.png"
    Image.fromarray(np.full((842, 595), 250, dtype=np.uint8)).save(png)
    text = "ข้อความจาก OCR " * 30
    src = f"""<html><body style="margin:0"><div style="position:relative">
    <img src="{png.as_uri()}" style="width:210mm; height:296mm; display:block">
    <p style="position:absolute; top:20mm; left:20mm; width:150mm">{text}</p></div></body></html>"""
    path = tmp_path / "ocr.pdf"
    weasyprint.HTML(string=f"<style>@page {{ size: A4; margin: 0 }}</style>{src}").write_pdf(str(path))
    doc = extract_pdf(path, Settings(dpi=50))
    assert doc.source_kind == SourceKind.PDF_SCAN
    assert [c[2] for c in fake_scan] == [1]


def test_rotated_page_reads_like_upright(handmade_path, tmp_path):
    """Landscape stored as a portrait MediaBox + /Rotate 90 with rotated
    content (common from scanners and Word): same cells, boxes top-left."""
    pikepdf = pytest.importorskip("pikepdf")
    base = extract_pdf(handmade_path, Settings())
    with pikepdf.open(handmade_path) as pdf:
        for page in pdf.pages:
            w, h = float(page.MediaBox[2]), float(page.MediaBox[3])
            page.contents_coalesce()
            data = page.Contents.read_bytes()
            page.Contents.write(b"q 0 1 -1 0 %f 0 cm\n" % h + data + b"\nQ")
            page.MediaBox = [0, 0, h, w]
            page.Rotate = 90
        out = tmp_path / "rotated.pdf"
        pdf.save(out)
    doc = extract_pdf(out, Settings())
    for a, b in zip(base.pages, doc.pages, strict=True):
        assert (round(a.width), round(a.height)) == (round(b.width), round(b.height))
        assert [[c.text for c in t.cells] for t in a.tables] == [[c.text for c in t.cells] for t in b.tables]
        for ta, tb in zip(a.tables, b.tables):
            assert abs(ta.box.x0 - tb.box.x0) < 0.1 and abs(ta.box.y0 - tb.box.y0) < 0.1
        assert [ln.text for ln in a.lines] == [ln.text for ln in b.lines]


def test_stroked_rectangles_and_filled_rules(tmp_path):
    """Producers other than WeasyPrint: cells drawn as stroked `re` boxes
    (LibreOffice/Excel) or rules as filled thin rectangles (Word), inside a
    Form XObject with its own matrix."""
    pikepdf = pytest.importorskip("pikepdf")
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
    )
    ops = [b"0.8 w"]
    # table A: 3 rows x 4 cols of stroked boxes (50 x 20) at (100, 700) top
    for r in range(3):
        for c in range(4):
            ops.append(b"%d %d 50 20 re S" % (100 + 50 * c, 680 - 20 * r))
    text = [b"BT /F1 9 Tf"]
    for r in range(3):
        for c in range(4):
            text.append(b"1 0 0 1 %d %d Tm (r%dc%d) Tj" % (110 + 50 * c, 686 - 20 * r, r, c))
    text.append(b"ET")
    # table B inside a form, translated by (0, -300): rules as filled 0.6-pt
    # rectangles; the top row is one merged cell over 2 cols
    form_ops = [b"0 g"]
    for y in (600, 580, 560):
        form_ops.append(b"100 %.1f 200 0.6 re f" % (y - 0.3))
    for x in (100, 300):
        form_ops.append(b"%.1f 560 0.6 40 re f" % (x - 0.3))
    form_ops.append(b"199.7 560 0.6 20 re f")  # splits the lower row only
    form_ops += [b"BT /F1 9 Tf 1 0 0 1 110 586 Tm (merged header) Tj 1 0 0 1 110 566 Tm (7) Tj",
                 b"1 0 0 1 210 566 Tm (8) Tj ET"]
    form = pdf.make_stream(b"\n".join(form_ops))
    form.Type = pikepdf.Name.XObject
    form.Subtype = pikepdf.Name.Form
    form.BBox = [0, 0, 612, 792]
    form.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    content = b"\n".join(ops + text + [b"q 1 0 0 1 0 -300 cm /Fm1 Do Q"])
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=[0, 0, 612, 792],
        Contents=pdf.make_stream(content),
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font), XObject=pikepdf.Dictionary(Fm1=form)),
    )
    pdf.pages.append(pikepdf.Page(page))
    path = tmp_path / "producers.pdf"
    pdf.save(path)
    doc = extract_pdf(path, Settings())
    tables = sorted(doc.pages[0].tables, key=lambda t: t.box.y0)
    assert len(tables) == 2
    a, b = tables
    assert (a.n_rows, a.n_cols) == (3, 4)
    assert [[c.text for c in row] for row in a.rows()] == [[f"r{r}c{c}" for c in range(4)] for r in range(3)]
    assert abs(a.box.y0 - (792 - 700)) < 1 and abs(a.box.x0 - 100) < 1
    assert (b.n_rows, b.n_cols) == (2, 2)
    assert abs(b.box.y0 - (792 - 300)) < 1
    top = b.rows()[0]
    assert len(top) == 1 and (top[0].colspan, top[0].text) == (2, "merged header")
    assert [c.text for c in b.rows()[1]] == ["7", "8"]
