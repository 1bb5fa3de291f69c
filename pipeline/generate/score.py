"""Compare what thaiplan wrote for a plan with the generator's ground truth.

Used by the tests that claim accuracy and by the benchmarks, so both count
the same way."""

from __future__ import annotations

import copy
import re
import unicodedata
from dataclasses import dataclass, field

from pipeline.tables import Rows
from pipeline.textdist import levenshtein

HEADER_FIELDS = (
    "fiscal_year_be",
    "fiscal_year_ce",
    "office",
    "province",
    "officer_name",
    "officer_position",
    "unit",
    "plan_program",
    "output_project",
    "main_activity",
    "responsible_entities",
    "proposer_name",
    "proposer_position",
    "approver_name",
    "approver_position",
)
PLAN_NUMBERS = ("budget_received_thb", "total_work", "total_budget_thb")


def collapse(text: object) -> str:
    """NFC, whitespace runs collapsed to one space."""
    if text is None:
        return ""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(text))).strip()


def fold(text: object) -> str:
    """NFC, whitespace folded away: how descriptions and header texts compare.
    Thai is written without spaces between words, and a PDF text layer does
    not record a space where a Thai line wraps inside a cell, so a space
    there is unknowable from the document; `collapse` keeps spaces for the
    stricter count."""
    return re.sub(r"[\s\u200b]+", "", collapse(text))


def cer(got: str, want: str) -> float:
    """Character error rate: edit distance / length of the truth."""
    a, b = fold(got), fold(want)
    if not b:
        return 0.0 if not a else 1.0
    return levenshtein(a, b) / len(b)


@dataclass
class Score:
    numbers: int = 0
    numbers_right: int = 0
    headers: int = 0
    headers_right: int = 0
    descriptions: int = 0
    descriptions_right: int = 0
    descriptions_exact: int = 0  # equal with spaces kept (collapsed), not only folded
    desc_chars: int = 0
    desc_errors: float = 0.0
    rows_expected: int = 0
    rows_found: int = 0
    wrong: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("numbers", "numbers_right", "headers", "headers_right", "descriptions",
                     "descriptions_right", "descriptions_exact", "desc_chars", "desc_errors", "rows_expected", "rows_found"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.wrong += other.wrong

    @property
    def number_accuracy(self) -> float:
        return self.numbers_right / self.numbers if self.numbers else 1.0

    @property
    def header_accuracy(self) -> float:
        return self.headers_right / self.headers if self.headers else 1.0

    @property
    def description_accuracy(self) -> float:
        return self.descriptions_right / self.descriptions if self.descriptions else 1.0

    @property
    def description_cer(self) -> float:
        return self.desc_errors / self.desc_chars if self.desc_chars else 0.0


def _num_equal(got: object, want: object) -> bool:
    if want is None:
        return got is None
    if got is None:
        return False
    try:
        return abs(float(got) - float(want)) < 0.005  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def score_rows(rows: Rows, truth: dict) -> Score:
    """Score one plan's output rows (from `tables.result_rows`) against its
    truth dict."""
    s = Score()
    plan_row = rows["plans"][0] if rows["plans"] else {}
    want_plan = truth["plan"]

    def number(label: str, got: object, want: object) -> None:
        s.numbers += 1
        if _num_equal(got, want):
            s.numbers_right += 1
        else:
            s.wrong.append(f"{label}: got {got!r}, want {want!r}")

    for name in HEADER_FIELDS:
        s.headers += 1
        if fold(plan_row.get(name)) == fold(want_plan.get(name)):
            s.headers_right += 1
        else:
            s.wrong.append(f"header {name}: got {plan_row.get(name)!r}, want {want_plan.get(name)!r}")
    for name in PLAN_NUMBERS:
        number(f"plan {name}", plan_row.get(name), want_plan.get(name))

    got_acts = {a["seq"]: a for a in rows["activities"]}
    got_months = {(m["seq"], m["month_index"]): m for m in rows["monthly"]}
    s.rows_expected = len(truth["activities"])
    s.rows_found = len(rows["activities"])
    for want in truth["activities"]:
        got = got_acts.get(want["seq"], {})
        label = want["code"] or f"seq {want['seq']}"
        if got.get("code") != want["code"]:
            s.wrong.append(f"row {want['seq']}: code {got.get('code')!r}, want {want['code']!r}")
        s.descriptions += 1
        s.desc_chars += len(fold(want["description"]))
        s.desc_errors += cer(got.get("description") or "", want["description"]) * len(fold(want["description"]))
        s.descriptions_exact += collapse(got.get("description")) == collapse(want["description"])
        if fold(got.get("description")) == fold(want["description"]):
            s.descriptions_right += 1
        else:
            s.wrong.append(f"row {label} description: got {got.get('description')!r}, want {want['description']!r}")
        if want.get("target_work") is not None or want.get("target_budget_thb") is not None:
            number(f"{label} target_work", got.get("target_work"), want.get("target_work"))
            number(f"{label} target_budget", got.get("target_budget_thb"), want.get("target_budget_thb"))
        for i, (work, budget) in enumerate(want.get("months") or []):
            m = got_months.get((want["seq"], i + 1), {})
            number(f"{label} m{i + 1} work", m.get("work"), work)
            number(f"{label} m{i + 1} budget", m.get("budget_thb"), budget)
    got_totals = {t["month_index"]: t for t in rows["totals"]}
    for i, (work, budget) in enumerate(truth["totals"]["months"]):
        t = got_totals.get(i + 1, {})
        number(f"TOTAL m{i + 1} work", t.get("work"), work)
        number(f"TOTAL m{i + 1} budget", t.get("budget_thb"), budget)
    want_inds = truth.get("indicators", [])
    got_inds = rows["indicators"]
    s.headers += 1
    if [(i["number"], fold(i["text"]), i["target_percent"]) for i in got_inds] == [
        (i["number"], fold(i["text"]), i["target_percent"]) for i in want_inds
    ]:
        s.headers_right += 1
    else:
        s.wrong.append(f"indicators: got {got_inds!r}, want {want_inds!r}")
    return s


def month_mapping_ok(rows: Rows, truth: dict) -> bool:
    """Whether each month's values landed under that month: for every month
    with non-zero truth values, most rows have that month's work or budget
    at that month_index (a shifted or swapped month column fails it)."""
    got = {(m["seq"], m["month_index"]): m for m in rows["monthly"]}
    for i in range(12):
        want = [(a["seq"], a["months"][i]) for a in truth["activities"]
                if a.get("months") and (a["months"][i][0] or a["months"][i][1])]
        if not want:
            continue
        right = 0
        for seq, (work, budget) in want:
            m = got.get((seq, i + 1), {})
            right += _num_equal(m.get("work"), work) or _num_equal(m.get("budget_thb"), budget)
        if right * 2 <= len(want):
            return False
    return True


SIGNATURE_FIELDS = ("proposer_name", "proposer_position", "approver_name", "approver_position")


def first_page_truth(truth: dict) -> dict:
    """The truth of a plan's first page alone (what one photo shows): its
    activities; the totals row is on the last page."""
    t = copy.deepcopy(truth)
    t["activities"] = [a for a in t["activities"] if a.get("page") in (None, 1)]
    t["totals"] = {**t["totals"], "months": []}
    return t


def score_first_page(rows: Rows, truth: dict, pages: int) -> Score:
    """`score_rows` for a photo of page 1: the plan totals (from the totals
    row) are left out, and the signatures too when they are on a later page."""
    s = score_rows(rows, first_page_truth(truth))
    left_out = [("numbers", f"plan {name}:") for name in ("total_work", "total_budget_thb")]
    if pages > 1:
        left_out += [("headers", f"header {name}:") for name in SIGNATURE_FIELDS]
    for kind, prefix in left_out:
        setattr(s, kind, getattr(s, kind) - 1)
        if not any(w.startswith(prefix) for w in s.wrong):
            setattr(s, f"{kind}_right", getattr(s, f"{kind}_right") - 1)
        s.wrong = [w for w in s.wrong if not w.startswith(prefix)]
    return s
