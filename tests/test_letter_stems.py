"""A tall letter's stem, or the tops of a run of ring digits, is no ruling
line (`pipeline.extract.scan.ruling`).  The first test's crop is the end
of a generated plan's table and the approver's name under it (scan
benchmark seed 9393, plan 6, page 2, 300 dpi).  The stem of ใ in ทองใบ is
48 px tall, longer than the vertical kernel (dpi / 7), with its loop
beside its top only; taken for a rule, it was painted out of the page and
the name read ทอง'.บ."""

from __future__ import annotations

from pathlib import Path

import cv2

from pipeline.extract.scan.ruling import ruling
from pipeline.extract.scan.threshold import binarize

CROP = Path(__file__).parent / "data" / "rules" / "signer_name_under_table.png"


def test_a_letters_stem_under_the_table_is_no_rule():
    gray = cv2.imread(str(CROP), cv2.IMREAD_GRAYSCALE)
    hmask, vmask, hs, vs = ruling(binarize(gray, 300.0), 300.0)
    # the table's three row rules and five column rules, all of them
    assert len(hs) == 3 and all(s.x1 - s.x0 > 400 for s in hs)
    assert sorted(round(s.x0) for s in vs) == [40, 162, 220, 342, 399]
    # nothing under the table is painted out: the name's ใ (x 285-300, y 245-292) stays
    assert cv2.countNonZero(vmask[130:, :]) == 0


def test_the_tops_of_a_run_of_ring_digits_are_no_rule():
    # a 300-dpi Sawasdee scan (seed 8181 plan 2, page 2), binarised as the
    # page is: the rings of ๑๑๐๑๐๑.๕๐ touch, and their tops and bottoms made
    # bars of 76-77 px (twice the kernel), painted out with the rules; the
    # cell was then read ๑๓๐๓๐๑๕๐.  A rule has no ink along it
    binary = cv2.imread(str(CROP.parent / "ring_tops_sawasdee_binary.png"), cv2.IMREAD_GRAYSCALE)
    hmask, _vmask, hs, _vs = ruling(binary, 300.0)
    assert sorted(round(s.y0) for s in hs) == [20, 64] and all(s.x1 - s.x0 > 500 for s in hs)
    assert cv2.countNonZero(hmask[28:58, 240:380]) == 0
