"""A lone Thai ๑ read as ๐ in a table that prints its zeros as dashes
(`table._lone_zeros_as_ones`): Sawasdee's ๑ is a ring with a short tail
inside, which a 300-dpi scan blurs shut.  Seed 9797 plan 10 of the scan
benchmark read nine of its lone ๑s as ๐."""

from __future__ import annotations

from tests.test_typist_digits import scanned_first_page


def test_lone_ones_of_a_dashed_table_are_no_zeros(tmp_path):
    truth, pairs = scanned_first_page(tmp_path, 9797, 10)
    assert (truth["style"]["font"], truth["style"]["zero"]) == ("Sawasdee", "-")
    ones = [text for want, text in pairs if want == "๑"]
    zeros = sum(text == "๐" for text in ones)
    assert len(ones) >= 10
    assert zeros == 0, (zeros, len(ones))
