"""Issue 8: a corpus of hostile and broken inputs, made by the test suite
(nothing downloaded).  `build(folder, good)` writes the bad files into
`folder` from the generated plans in `good` (plan_0001..0003.pdf/.txt with
their .truth.json) and returns a description of each: what the run must
produce for it.

Everything is small on disk and cheap to make: the 500-page PDF repeats one
page object; the huge and the bomb PNGs are streamed through zlib row by
row (a few hundred kB for 0.9 G / 0.26 G pixels), never allocated."""

from __future__ import annotations

import os
import random
import re
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

# a name with "..", a control character, spaces, Thai and rich-markup
# brackets; it holds a genuine plan (plan_0001's text export)
WEIRD_NAME = "แผน ..\x01 ฉบับ [/red] [bold]ปี 66.txt"
# a Unix-hidden name ("..\x01 แผน ฉบับ.pdf"): not an input, like .DS_Store
HIDDEN_NAME = "..\x01 แผน ฉบับ.pdf"


@dataclass
class Case:
    name: str  # file name inside the inbox (relative path)
    expect: str  # "read_error" | "unparsed" | "plan" (read fine) | "skipped" (no plan row) | "duplicate"
    needle: str = ""  # words the finding's message (and the console line) must contain
    truth: str | None = None  # for expect == "plan": the truth file it must match exactly
    console: list[str] = field(default_factory=list)  # extra words the console must show


def _png(path: Path, width: int, height: int, bit_depth: int = 8, color_type: int = 0) -> None:
    """A valid PNG of width x height zero pixels, streamed (no big buffer)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    channels = {0: 1, 2: 3, 4: 2, 6: 4}[color_type]
    row = b"\x00" + bytes((width * channels * bit_depth + 7) // 8)
    comp = zlib.compressobj(9)
    parts = []
    for _ in range(height):
        out = comp.compress(row)
        if out:
            parts.append(out)
    parts.append(comp.flush())
    with path.open("wb") as fh:
        fh.write(b"\x89PNG\r\n\x1a\n")
        fh.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, 0)))
        fh.write(chunk(b"IDAT", b"".join(parts)))
        fh.write(chunk(b"IEND", b""))


def _text_pdf(path: Path, lines: list[str]) -> None:
    """A one-page PDF with a Latin text layer (Helvetica): a real PDF that
    is not an action plan."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
    )
    ops = ["BT", "/F1 14 Tf", "72 760 Td", "18 TL"]
    for line in lines:
        ops.append(f"({line}) Tj T*")
    ops.append("ET")
    page = pdf.add_blank_page(page_size=(595, 842))
    page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    page.Contents = pdf.make_stream("\n".join(ops).encode("latin-1"))
    pdf.save(path)


def build(folder: Path, good: Path, outside: Path) -> list[Case]:
    """Write the hostile files into `folder` (the inbox) and one file into
    `outside` (a sibling of the inbox, the target of a symlink)."""
    folder.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    p1, p2, p3 = (good / f"plan_000{i}.pdf" for i in (1, 2, 3))
    t1, t2, t3 = (good / f"plan_000{i}.truth.json" for i in (1, 2, 3))
    cases: list[Case] = []

    def add(name: str, data: bytes, expect: str, needle: str = "", truth: Path | None = None, **kw) -> Path:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        cases.append(Case(name, expect, needle, str(truth) if truth else None, **kw))
        return path

    # the good plans themselves
    for p, t in ((p1, t1), (p2, t2), (p3, t3)):
        add(f"good/{p.name}", p.read_bytes(), "plan", truth=t)
    # the same bytes under a second name: one plan, a duplicate_file warning
    add("plan_0002 (copy).pdf", p2.read_bytes(), "duplicate", needle="same bytes")

    add("empty.pdf", b"", "read_error", "empty")
    data = p1.read_bytes()
    add("truncated.pdf", data[: len(data) * 2 // 5], "read_error", "damaged or truncated")
    # broken xref: the cross-reference stream is replaced by an empty table
    # and startxref points into the middle of it: no object can be found
    # by offset.  PDFium rebuilds the table by scanning, so the plan reads.
    k = data.rfind(b"startxref")
    xref = int(data[k + 9 :].split()[0])
    head = data[xref : xref + 400]
    root = re.search(rb"/Root (\d+ \d+ R)", head).group(1)
    size = re.search(rb"/Size (\d+)", head).group(1)
    broken = (
        data[:xref] + b"xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Root " + root + b" /Size " + size
        + b" >>\nstartxref\n" + str(xref + 1).encode() + b"\n%%EOF\n"
    )
    add("broken_xref.pdf", broken, "plan", truth=t1)

    src = pikepdf.open(p3)
    enc_user = folder / "encrypted_user_password.pdf"
    src.save(enc_user, encryption=pikepdf.Encryption(user="geheim", owner="owner-pw", R=6))
    cases.append(Case(enc_user.name, "read_error", "password"))
    enc_owner = folder / "encrypted_owner_only.pdf"  # opens without a password: a normal plan
    src.save(enc_owner, encryption=pikepdf.Encryption(user="", owner="owner-pw", R=4))
    cases.append(Case(enc_owner.name, "plan", truth=str(t3)))

    rotated = pikepdf.open(p2)
    for page in rotated.pages:
        page.Rotate = 90
    rotated.save(folder / "rotated_90.pdf")
    cases.append(Case("rotated_90.pdf", "plan", truth=str(t2)))

    # the other way round: landscape content drawn turned into a portrait
    # page, /Rotate 90 shows it upright (what some scanners and drivers write)
    upright = pikepdf.open(p1)
    for page in upright.pages:
        x0, y0, x1, y1 = (float(v) for v in page.MediaBox)
        w, h = x1 - x0, y1 - y0
        page.contents_coalesce()
        page.Contents.write(
            f"q 0 1 -1 0 {h:.4f} 0 cm 1 0 0 1 {-x0:.4f} {-y0:.4f} cm\n".encode() + page.Contents.read_bytes() + b"\nQ"
        )
        page.MediaBox = pikepdf.Array([0, 0, h, w])
        if "/CropBox" in page:
            del page.CropBox
        page.Rotate = 90
    upright.save(folder / "rotated_upright.pdf")
    cases.append(Case("rotated_upright.pdf", "plan", truth=str(t1)))

    rng = random.Random(8)
    add("not_a_pdf.pdf", b"PK\x03\x04\x14\x00" + bytes(rng.getrandbits(8) for _ in range(4000)), "read_error",
        "not a PDF, image or text export")
    _text_pdf(folder / "not_a_plan.pdf", ["Quarterly newsletter", "Nothing to see here.", "Page 1 of 1"])
    cases.append(Case("not_a_plan.pdf", "unparsed", "no action-plan table"))

    zero = pikepdf.new()
    zero.save(folder / "zero_pages.pdf")
    cases.append(Case("zero_pages.pdf", "read_error", "no pages"))

    many = pikepdf.open(p1)
    first = many.pages[0]
    for _ in range(500 - len(many.pages)):
        many.pages.append(first)
    many.save(folder / "pages_500.pdf")
    cases.append(Case("pages_500.pdf", "read_error", "pages per file limit", console=["--max-pages"]))

    _png(folder / "huge_30000x30000.png", 30000, 30000, bit_depth=1)
    cases.append(Case("huge_30000x30000.png", "read_error", "pixels per page limit", console=["--max-pixels"]))
    _png(folder / "bomb.png", 16000, 16000, bit_depth=8, color_type=6)  # 1 GB of RGBA when decoded
    cases.append(Case("bomb.png", "read_error", "pixels per page limit", console=["--max-pixels"]))

    add("thai_not_a_plan.txt",
        ("ประกาศสำนักงานสหกรณ์จังหวัด\nเรื่อง การประชุมใหญ่สามัญประจำปี\n"
         "ขอเชิญสมาชิกทุกท่านเข้าร่วมประชุมพร้อมกันโดยเพรียงกัน\n").encode("utf-8"),
        "unparsed", "no action-plan table")

    # bytes limit: a sparse file (no disk blocks) larger than --max-bytes
    big = folder / "oversize.tsv"
    with big.open("wb") as fh:
        fh.truncate(6_000_000)
    cases.append(Case(big.name, "read_error", "bytes per file limit", console=["--max-bytes"]))

    # seconds limit: the runner's documented test hook makes this file hang
    add("hangs.txt", (good / "plan_0002.txt").read_bytes() + b"\n", "read_error", "s limit per file",
        console=["--max-seconds"])

    # hostile names
    add(WEIRD_NAME, (good / "plan_0001.txt").read_bytes(), "plan", truth=t1)
    add(HIDDEN_NAME, b"%PDF-1.4 garbage", "skipped")

    # a symlink out of the input folder: not followed (skipped, with a line)
    secret = outside / "secret_plan.pdf"
    secret.write_bytes(p3.read_bytes() + b"\n% outside\n")
    os.symlink(os.path.relpath(secret, folder), folder / "link_outside.pdf")
    cases.append(Case("link_outside.pdf", "skipped", console=["symlink", "outside"]))
    os.symlink(os.path.relpath(outside, folder), folder / "linked_dir_outside")
    cases.append(Case("linked_dir_outside", "skipped", console=["symlink", "outside"]))
    # a symlink inside the folder is just another name for a file read anyway
    os.symlink("good/plan_0003.pdf", folder / "link_inside.pdf")
    cases.append(Case("link_inside.pdf", "skipped", console=["read under its own name"]))
    # a dangling symlink
    os.symlink("no/such/file.pdf", folder / "dangling.pdf")
    cases.append(Case("dangling.pdf", "skipped", console=["dangling"]))
    # a named pipe: opening it would block forever
    os.mkfifo(folder / "pipe.pdf")
    cases.append(Case("pipe.pdf", "skipped", console=["a named pipe, not a file"]))
    return cases
