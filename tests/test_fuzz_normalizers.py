"""Issue 8: property-based fuzzing (hypothesis) of the normalizers, plus
regressions the coverage-guided fuzzer (fuzz/fuzz_text_export.py) found.

For any string: `parse_number`, `match_month`, `split_code` and `clean_thai`
never raise and return values of their declared shape; `clean_thai` is
idempotent and its output is NFC without Private Use Area code points."""

from __future__ import annotations

import math
import re
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract.text_export import decode_bytes, parse_text_export
from pipeline.normalize.codes import split_code
from pipeline.normalize.months import match_month
from pipeline.normalize.numbers import parse_number
from pipeline.normalize.thai_text import PUA_MAP, clean_thai

# characters that matter to these functions, mixed with anything at all
_THAI = [chr(c) for c in range(0x0E01, 0x0E5C)]
_PUA = [chr(c) for c in PUA_MAP] + ["\ue000", "\uf8ff", "\U000f0000"]
_SPECIAL = list("0123456789๐๑๒๓๔๕๖๗๘๙ .,-–—−_\t\n\r\f\u00a0\u200b\u200c\u200d\u2060\ufeff\u00ad\u2007\u202f\u3000")
_SPECIAL += ["บาท", "บ.", "ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "ก.ย.", "ตุลาคม", "\u0e4d\u0e32", "\u0e33\u0e32"]
_SPECIAL += ["\u0301", "\u0e48\u0e48", "เเ", "1.1.", "1 . 2", "12,345.50", "\ud7ff", "\U0001f600"]

thaiish = st.lists(
    st.one_of(st.sampled_from(_THAI), st.sampled_from(_PUA), st.sampled_from(_SPECIAL), st.characters()),
    max_size=40,
).map("".join)
anything = st.one_of(thaiish, st.text(max_size=60))

FUZZ = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_PUA_RE = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")


@FUZZ
@given(anything)
def test_parse_number_never_raises(text):
    value = parse_number(text)
    assert value is None or (isinstance(value, float) and math.isfinite(value) and value >= 0)


@FUZZ
@given(anything)
def test_match_month_never_raises(text):
    month = match_month(text)
    assert month is None or (isinstance(month, int) and 1 <= month <= 12)


@FUZZ
@given(anything)
def test_split_code_never_raises(text):
    code, rest = split_code(text)
    assert isinstance(rest, str)
    if code is not None:
        assert re.fullmatch(r"\d{1,2}(\.\d{1,2}){0,4}", code), code
        assert rest.strip(), (text, code)


@FUZZ
@given(anything)
def test_clean_thai_idempotent_nfc_no_pua(text):
    once = clean_thai(text)
    assert isinstance(once, str)
    assert clean_thai(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert not _PUA_RE.search(once), once
    assert not re.search("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]", once), once
    assert once == once.strip()


@FUZZ
@given(st.binary(max_size=400))
def test_text_export_bytes_never_crash(data):
    """The bytes entry of the text-export reader: a Document or an
    InputFileError, nothing else (the atheris fuzzer runs this for hours)."""
    from pipeline.errors import InputFileError

    try:
        text = decode_bytes(data)
    except InputFileError:
        return
    assert parse_text_export(text).pages


def test_fuzz_regression_malformed_html_declaration():
    """Found by fuzz/fuzz_text_export.py: the standard library's HTML parser
    raised AssertionError on `<![` + a non-name (`expected name token`), so
    a text export holding it failed with "unexpected AssertionError"."""
    for text in (
        "<table><tr><td><![00\t\t\t5\t2,500\t\t\t</td></tr></table>",
        "<html><!DOCTYPE x y=\"",
        "<body><![CDATA[ a",
        "<body><!DOCTYPE html [<!ELEMENT x (#PCDATA|",
    ):
        doc = parse_text_export(text)
        assert doc.pages
    doc = parse_text_export("<table><tr><td><![00 x</td><td>5</td></tr></table>")
    cells = [c.text for c in doc.pages[0].tables[0].cells]
    assert cells == ["<![00 x", "5"]
