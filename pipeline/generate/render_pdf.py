"""Truth dict -> digital PDF (WeasyPrint) whose text layer says what the page shows.

Stock WeasyPrint 70 writes, for each glyph, the text of the first cluster the
glyph appeared in, so Thai marks come out as whole syllables (`ความร้้`) and
the glyphs of a decomposed ำ get no text.  `install_tounicode_fix()` wraps
WeasyPrint's `build_fonts_dictionary` and, before the fonts are subset and the
ToUnicode CMaps written, replaces each used glyph's text by the glyph's own
character(s), derived from the font file itself:

1. the inverted cmap (a glyph reached from several code points takes the
   smallest non-PUA one; PUA-only glyphs go through the HarfBuzz Thai PUA
   table, so the text layer never carries PUA code points);
2. GSUB single substitutions (lookup type 1, also inside extension lookups)
   followed backwards (shifted / small tone marks, descender-less ญ ฐ ...),
   and ligatures (type 4) as the concatenation of their components;
3. glyph names (`uni0E48.small`, AGL names) as a last resort.

Glyphs that none of these explain keep WeasyPrint's own text.

HarfBuzz decomposes ำ into nikhahit + sara aa and moves the nikhahit before a
tone mark, so the text layer reads `น ํ ้ า` for น้ำ; `normalize_page_text`
recomposes that (the pipeline's normalizers must do the same).
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

from pipeline.normalize.thai_text import PUA_MAP

from .render_html import render_html

# the one PUA -> standard table (HarfBuzz's), shared with the normalizers
PUA_TO_STANDARD: dict[int, int] = {cp: ord(ch) for cp, ch in PUA_MAP.items()}
_PUA_TRANS = PUA_TO_STANDARD


def _is_pua(cp: int) -> bool:
    return 0xE000 <= cp <= 0xF8FF


def depua(text: str) -> str:
    return text.translate(_PUA_TRANS)


# --------------------------------------------------------------------------
# glyph -> text from the font file
# --------------------------------------------------------------------------

_MAP_CACHE: dict[tuple[bytes, int], dict[int, str]] = {}


def glyph_text_map(font_bytes: bytes, index: int = 0) -> dict[int, str]:
    """Glyph id -> the Unicode text that glyph shows, for one font file."""
    key = (hashlib.md5(font_bytes, usedforsecurity=False).digest(), index)
    if key in _MAP_CACHE:
        return _MAP_CACHE[key]
    from fontTools import agl
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(font_bytes), fontNumber=index, lazy=False)
    order = font.getGlyphOrder()
    gid_of = {name: i for i, name in enumerate(order)}
    by_name: dict[str, str] = {}
    # 1. cmap inverted
    cands: dict[str, list[int]] = {}
    if "cmap" in font:
        for table in font["cmap"].tables:
            if not table.isUnicode():
                continue
            for cp, name in table.cmap.items():
                cands.setdefault(name, []).append(cp)
    for name, cps in cands.items():
        std = sorted(cp for cp in set(cps) if not _is_pua(cp))
        if std:
            by_name[name] = chr(std[0])
        else:
            mapped = sorted(PUA_TO_STANDARD[cp] for cp in set(cps) if cp in PUA_TO_STANDARD)
            if mapped:
                by_name[name] = chr(mapped[0])
    # 2. GSUB reverse
    if "GSUB" in font and font["GSUB"].table.LookupList is not None:
        singles: list[tuple[str, str]] = []
        ligs: list[tuple[list[str], str]] = []
        for lookup in font["GSUB"].table.LookupList.Lookup:
            for sub in lookup.SubTable:
                typ = lookup.LookupType
                if typ == 7:
                    typ = sub.ExtSubTable.LookupType
                    sub = sub.ExtSubTable
                if typ == 1:
                    singles.extend(sub.mapping.items())
                elif typ == 3:  # alternates: any alternate shows the input
                    for src, alts in sub.alternates.items():
                        singles.extend((src, a) for a in alts)
                elif typ == 4:
                    for first, lig_list in sub.ligatures.items():
                        for lig in lig_list:
                            ligs.append(([first, *lig.Component], lig.LigGlyph))
        for _ in range(6):
            changed = False
            for src, dst in singles:
                if dst not in by_name and src in by_name:
                    by_name[dst] = by_name[src]
                    changed = True
            for comps, dst in ligs:
                if dst not in by_name and all(c in by_name for c in comps):
                    by_name[dst] = "".join(by_name[c] for c in comps)
                    changed = True
            if not changed:
                break
    # 3. glyph names
    for name in order:
        if name in by_name or name in (".notdef", ".null", "nonmarkingreturn"):
            continue
        try:
            text = agl.toUnicode(name)
        except Exception:  # pragma: no cover - odd names
            text = ""
        if text:
            by_name[name] = depua(text)
    result = {gid_of[n]: unicodedata.normalize("NFC", depua(t)) for n, t in by_name.items() if n in gid_of}
    _MAP_CACHE[key] = result
    return result


_INSTALLED = False

# Marks that HarfBuzz + TLWG fonts emit before a below vowel although the
# logical (NFC) order puts them after it: ธ ์ ุ is drawn for ธุ์.
_ABOVE_CCC0 = frozenset("\u0e4c\u0e4d\u0e4e")
_BELOW = frozenset("\u0e38\u0e39\u0e3a")
_TJ_TOKEN = re.compile(rb"<([0-9a-fA-F]*)>|(-?[0-9]*\.?[0-9]+(?:[eE]-?[0-9]+)?)")
_FONT_INFO: dict[int, tuple[Any, set[int], set[int]]] = {}


def _current_font(stream):
    current = getattr(stream, "_current_font", None)
    if current is None:
        return None
    if isinstance(current, tuple):  # WeasyPrint keeps (font hash, size)
        current = current[0]
    cache = stream.__dict__.setdefault("_thaiplan_fonts", {})
    font = cache.get(current)
    if font is None:
        for candidate in stream._fonts.values():
            if candidate.hash == current:
                font = cache[current] = candidate
                break
    return font


def _font_marks(font) -> tuple[set[int], set[int]]:
    info = _FONT_INFO.get(id(font))
    if info is None or info[0] is not font:
        try:
            gmap = glyph_text_map(font.file_content, font.index)
        except Exception:
            gmap = {}
        above = {g for g, t in gmap.items() if t in _ABOVE_CCC0}
        below = {g for g, t in gmap.items() if t in _BELOW}
        info = _FONT_INFO[id(font)] = (font, above, below)
    return info[1], info[2]


def _reorder_marks(data: bytes, font) -> bytes:
    """Swap `above-ccc0-mark, below-vowel` glyph pairs of one TJ body into
    logical order, keeping every glyph exactly where it was drawn."""
    if font.bitmap:
        return data
    above, below = _font_marks(font)
    if not above or not below:
        return data
    glyphs: list[list[float | int]] = []  # [x, gid]
    pen = 0.0
    for m in _TJ_TOKEN.finditer(data):
        if m.group(1) is not None:
            hexs = m.group(1)
            for k in range(0, len(hexs), 4):
                gid = int(hexs[k:k + 4], 16)
                glyphs.append([pen, gid])
                pen += font.widths.get(gid, 0)
        else:
            pen -= float(m.group(2))
    swapped = False
    for i in range(len(glyphs) - 1):
        if glyphs[i][1] in above and glyphs[i + 1][1] in below:
            glyphs[i], glyphs[i + 1] = glyphs[i + 1], glyphs[i]
            swapped = True
    if not swapped:
        return data
    out: list[str] = []
    cur = 0.0
    for x, gid in glyphs:
        d = x - cur
        if abs(d) > 1e-6:
            out.append(f"{-d:.6f}".rstrip("0").rstrip("."))
        out.append(f"<{gid:04x}>")
        cur = x + font.widths.get(gid, 0)
    if abs(pen - cur) > 1e-6:
        out.append(f"{-(pen - cur):.6f}".rstrip("0").rstrip("."))
    return " ".join(out).encode("ascii")
SOURCE_DATE_EPOCH = "1700000000"  # 2023-11-14, any fixed value will do


def install_tounicode_fix() -> None:
    """Wrap WeasyPrint's font dictionary builder (idempotent, process-wide)."""
    global _INSTALLED
    if _INSTALLED:
        return
    import weasyprint.pdf as wpdf

    original = wpdf.build_fonts_dictionary

    def build_fonts_dictionary(pdf, fonts, compress, subset, options):
        for font in fonts.values():
            if font.bitmap or not font.to_unicode:
                continue
            try:
                gmap = glyph_text_map(font.file_content, font.index)
            except Exception:  # keep WeasyPrint's map for fonts we cannot read
                continue
            missing = set(font.missing.values())
            for gid in list(font.to_unicode):
                if gid in missing:
                    continue
                text = gmap.get(gid)
                if text is not None:
                    font.to_unicode[gid] = text
        return original(pdf, fonts, compress, subset, options)

    wpdf.build_fonts_dictionary = build_fonts_dictionary

    # One TJ per run of glyphs.  WeasyPrint draws a glyph with a vertical
    # offset (GPOS mark stacking) as its own text object with `Ts`; pdfium's
    # text extraction sorts the text objects of a line by start x, and those
    # objects start at (nearly) the same x as their neighbours, so marks land
    # in the wrong place (`คีรขันธ์ ี`, `ท่ี`).  Dropping the rise (never more
    # than ~1 pt here: WeasyPrint scales it by 1/1000) and merging consecutive
    # TJ arrays keeps each line one text object in logical order; the glyphs'
    # horizontal positions are unchanged.
    from weasyprint.pdf.stream import Stream

    def set_text_rise(self, height):  # noqa: ARG001 - deliberately ignored
        return None

    def show_text(self, text):
        data = text.encode("ascii") if isinstance(text, str) else bytes(text)
        font = _current_font(self)
        last = self.stream[-1] if self.stream else None
        if isinstance(last, bytes) and last.startswith(b"[") and last.endswith(b"] TJ"):
            self.stream.pop()
            data = last[1:-4] + b" " + data
        if font is not None:
            data = _reorder_marks(data, font)
        self.stream.append(b"[" + data + b"] TJ")

    Stream.set_text_rise = set_text_rise
    Stream.show_text = show_text
    _INSTALLED = True


# --------------------------------------------------------------------------
# rendering
# --------------------------------------------------------------------------


def render_pdf(truth: dict[str, Any], path: Path) -> int:
    """Render `truth` to `path`; fill each activity's "page"; return page count.

    Output bytes depend only on the truth (no dates, fixed /ID)."""
    from weasyprint import HTML

    install_tounicode_fix()
    source = render_html(truth)
    document = HTML(string=source, base_url=".").render()
    first_page: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for anchor in page.anchors:
            first_page.setdefault(anchor, number)
    for act in truth["activities"]:
        act["page"] = first_page.get(f"act-{act['seq']}")
    identifier = hashlib.md5(source.encode(), usedforsecurity=False).hexdigest().encode()
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    # fontTools (WeasyPrint's subsetter fallback) stamps head.modified with
    # the current time unless SOURCE_DATE_EPOCH is set.
    old_epoch = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = old_epoch or SOURCE_DATE_EPOCH
    try:
        document.write_pdf(str(path), pdf_identifier=identifier, uncompressed_pdf=False)
    finally:
        if old_epoch is None:
            del os.environ["SOURCE_DATE_EPOCH"]
    return len(document.pages)


# --------------------------------------------------------------------------
# text-layer check
# --------------------------------------------------------------------------

_AM = re.compile("\u0e4d\\s*([\u0e48-\u0e4b]?)\\s*\u0e32")


_SPACE_BEFORE_MARK = re.compile("\\s+(?=[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e])")


def normalize_page_text(text: str) -> str:
    """NFC, no PUA, no whitespace before a Thai combining mark (text
    extraction sometimes breaks a line there), ํ(+tone)+า -> (tone+)ำ,
    whitespace collapsed."""
    text = _SPACE_BEFORE_MARK.sub("", depua(text))
    text = unicodedata.normalize("NFC", text)
    text = _AM.sub("\\1\u0e33", text)
    text = unicodedata.normalize("NFC", text)
    return " ".join(text.split())


def page_texts(pdf_path: Path) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        out = []
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            out.append(tp.get_text_range())
            tp.close()
            page.close()
        return out
    finally:
        pdf.close()


def expected_strings(truth: dict[str, Any]) -> list[str]:
    plan = truth["plan"]
    items = [plan["office"], plan["officer_name"], plan["officer_position"], plan["unit"],
             plan["plan_program"], plan["output_project"], plan["main_activity"],
             plan["proposer_name"], plan["approver_name"], plan["approver_position"]]
    items += plan["responsible_entities"].split("\n")
    items += [a["description"] for a in truth["activities"]]
    items += [i["text"] for i in truth["indicators"]]
    return items


def text_layer_check(pdf_path: Path, truth: dict[str, Any]) -> list[str]:
    """Truth strings missing from the PDF's text layer ([] when all are there).

    Each string is looked for in the normalized text of all pages, first with
    whitespace collapsed, then with all whitespace removed (text wrapping
    inside a cell splits it by a line break)."""
    text = " ".join(normalize_page_text(t) for t in page_texts(pdf_path))
    squeezed = "".join(text.split())
    missing = []
    for s in expected_strings(truth):
        want = normalize_page_text(s)
        if want in text or "".join(want.split()) in squeezed:
            continue
        missing.append(s)
    return missing
