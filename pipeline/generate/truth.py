"""Random, internally consistent action plans in the truth format.

See `pipeline.generate` for the format.  Conventions used here:

* Text fields hold the text *as printed* (NFC).  When `style["thai_digits"]`
  is true every digit in printed text (unit numbers, percentages inside
  indicator texts, "ระดับชั้น ๑ และ ๒" ...) is a Thai digit; numeric fields
  (`fiscal_year_be`, `target_work`, `target_percent`, money ...) are always
  plain numbers and `code` always uses Arabic digits (the contract's
  normalised form), even though the page prints ๑.๑.
* Money is computed in satang (integers) and stored as float baht rounded to
  2 places, so every sum in the truth is exact.
* Leaf rows (rows without children) carry targets and 12 month pairs; group
  rows carry nothing (`target_*` and `months` null) or, sometimes, the sums of
  their children (`style["group_numbers"]` says whether with months or
  targets only).
* `page` is null until `render_pdf` fills it.
"""

from __future__ import annotations

import random
import unicodedata
from typing import Any

from . import vocab

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def thai(text: str) -> str:
    """Arabic digits -> Thai digits."""
    return text.translate(THAI_DIGITS)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


def _person(rng: random.Random, used: set[str]) -> str:
    for _ in range(100):
        title = rng.choices(vocab.TITLES, weights=(5, 3, 4))[0]
        first = rng.choice(vocab.FIRST_NAMES_M if title == "นาย" else vocab.FIRST_NAMES_F)
        name = f"{title}{first} {rng.choice(vocab.LAST_NAMES)}"
        if name not in used:
            used.add(name)
            return name
    raise RuntimeError("name pool exhausted")


def _kind_key(prefix: str, table: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    return table.get(prefix, table["*"])


# --------------------------------------------------------------------------
# style
# --------------------------------------------------------------------------


def random_style(rng: random.Random) -> dict[str, Any]:
    font = rng.choice(vocab.FONTS)
    return {
        "thai_digits": rng.random() < 0.3,
        "zero": rng.choices(["-", ""], weights=(7, 3))[0],
        "commas": rng.random() < 0.75,
        "budget_decimals": rng.random() < 0.12,  # print 1,250.00 for whole baht
        "font": font,
        "font_size_pt": round(rng.uniform(9.0, 12.0), 1),
        "table_font_scale": round(rng.uniform(0.8, 1.0), 2),
        "margins_mm": [rng.randint(8, 18), rng.randint(8, 20), rng.randint(8, 18), rng.randint(8, 20)],
        "desc_width_frac": round(rng.uniform(0.15, 0.26), 3),
        "number_slack": round(rng.uniform(1.0, 1.25), 3),
        "header_numbers": rng.random() < 0.5,  # the (8) (9) (10) (11) row
        "signature_layout": rng.choice(["side", "stacked"]),
        "entities_markup": rng.choice(["p", "br"]),
        "title_align": rng.choice(["center", "center", "left"]),
        "header_bg": rng.choice(["#ffffff", "#eeeeee", "#e4ecf7", "#f2f2e6"]),
        "border_pt": rng.choice([0.5, 0.6, 0.75, 1.0]),
        "indent_levels": rng.random() < 0.5,
        "group_bold": rng.random() < 0.6,
        "row_padding_pt": round(rng.uniform(0.8, 2.2), 1),
        "budget_suffix": rng.choice([" บาท", " บาท", "บาท"]),
        "group_numbers": rng.choices(["none", "targets", "full"], weights=(6, 2, 2))[0],
    }


# --------------------------------------------------------------------------
# activity rows
# --------------------------------------------------------------------------


def _leaf_description(rng: random.Random) -> str:
    for _ in range(50):
        verb = rng.choice(vocab.LEAF_VERBS)
        obj = rng.choice(vocab.LEAF_OBJECTS)
        tail = rng.choice(vocab.LEAF_TAILS)
        text = f"{verb}{obj}{' ' + tail if tail else ''}" if rng.random() < 0.7 else f"{verb}{obj}{tail}"
        if 10 <= len(text) <= 110:
            return text
    return f"{verb}{obj}"


def _leaf_numbers(rng: random.Random, satang_ok: bool) -> tuple[list[list[int]], bool]:
    """12 (work, budget_satang) pairs for one leaf."""
    pattern = rng.choices(["one", "quarter", "every", "random", "spread"], weights=(3, 2, 2, 4, 2))[0]
    if pattern == "one":
        active = [rng.randrange(12)]
    elif pattern == "quarter":
        q = rng.randrange(4)
        active = list(range(q * 3, q * 3 + 3))
    elif pattern == "every":
        active = list(range(12))
    elif pattern == "spread":
        step = rng.choice([2, 3, 4, 6])
        start = rng.randrange(step)
        active = list(range(start, 12, step))
    else:
        active = sorted(rng.sample(range(12), rng.randint(1, 6)))
    has_budget = rng.random() < 0.75
    unit = rng.choice([50, 100, 100, 150, 200, 250, 300, 500, 500, 1000, 1200, 1500, 2000, 2500, 3000, 5000])
    work_per = rng.choices([1, 1, 1, 2, 3, 4, 5, 10], k=1)[0]
    used_satang = False
    months = [[0, 0] for _ in range(12)]
    for m in active:
        w = work_per if rng.random() < 0.7 else rng.randint(1, max(1, work_per + 2))
        b = 0
        if has_budget and rng.random() < 0.9:
            b = w * unit * 100
            if rng.random() < 0.2:
                b += rng.choice([-1, 1]) * rng.choice([50, 100, 250]) * 100
                b = max(b, 5000)
            if satang_ok and rng.random() < 0.15:
                b += 50
                used_satang = True
        months[m] = [w, b]
    if all(b == 0 for _, b in months) and has_budget:
        months[active[0]][1] = unit * 100
    return months, used_satang


def _build_rows(rng: random.Random, n_leaves: int, depth: int) -> list[dict[str, Any]]:
    """Rows in document order with code/level/parent and children filled in."""
    rows: list[dict[str, Any]] = []
    topics = list(vocab.GROUP_TOPICS)
    rng.shuffle(topics)
    topic_iter = iter(topics * 4)
    leaves = 0
    top = 0
    while leaves < n_leaves:
        top += 1
        remaining = n_leaves - leaves
        code1 = str(top)
        if remaining <= 2 or rng.random() < 0.06:
            # a top-level leaf
            rows.append({"code": code1, "level": 1, "parent_code": None, "leaf": True, "desc": _leaf_description(rng)})
            leaves += 1
            continue
        rows.append({"code": code1, "level": 1, "parent_code": None, "leaf": False, "desc": next(topic_iter)})
        if depth == 2:
            k = min(remaining, rng.randint(2, 8))
            for j in range(1, k + 1):
                rows.append({"code": f"{code1}.{j}", "level": 2, "parent_code": code1, "leaf": True, "desc": _leaf_description(rng)})
            leaves += k
        else:
            n_sub = rng.randint(1, 4)
            for j in range(1, n_sub + 1):
                remaining = n_leaves - leaves
                if remaining <= 0:
                    break
                code2 = f"{code1}.{j}"
                if rng.random() < 0.25 or remaining == 1:
                    rows.append({"code": code2, "level": 2, "parent_code": code1, "leaf": True, "desc": _leaf_description(rng)})
                    leaves += 1
                    continue
                rows.append({"code": code2, "level": 2, "parent_code": code1, "leaf": False, "desc": next(topic_iter)})
                k = min(remaining, rng.randint(1, 5))
                for i in range(1, k + 1):
                    rows.append({"code": f"{code2}.{i}", "level": 3, "parent_code": code2, "leaf": True, "desc": _leaf_description(rng)})
                leaves += k
    # a group whose children all ended up missing would be a leaf: fix
    codes_with_children = {r["parent_code"] for r in rows if r["parent_code"]}
    for r in rows:
        r["leaf"] = r["code"] not in codes_with_children
    return rows


def _money(satang: int) -> float:
    return round(satang / 100, 2)


# --------------------------------------------------------------------------
# the plan
# --------------------------------------------------------------------------


def random_plan(rng: random.Random, seed: int | None = None) -> dict[str, Any]:
    """A random plan in the truth format (see `pipeline.generate`)."""
    style = random_style(rng)
    td = style["thai_digits"]
    P = (lambda s: _nfc(thai(s))) if td else _nfc  # text as printed

    kinds = vocab.OFFICE_KINDS
    prefix, head, _ = rng.choices(kinds, weights=[k[2] for k in kinds])[0]
    province = rng.choice(vocab.PROVINCES)
    office = f"{prefix}จังหวัด{province}"
    fy = rng.randint(2560, 2568)

    used: set[str] = set()
    officer = _person(rng, used)
    position = rng.choice(_kind_key(prefix, vocab.POSITIONS))
    unit = rng.choice(_kind_key(prefix, vocab.UNITS))

    if rng.random() < 0.85:
        proposer, proposer_pos = officer, position
    else:
        proposer = _person(rng, used)
        proposer_pos = rng.choice([f"ผู้อำนวยการ{unit}", f"หัวหน้า{unit}", rng.choice(_kind_key(prefix, vocab.POSITIONS))])
    approver = _person(rng, used)
    r = rng.random()
    if r < 0.6:
        approver_pos = f"{head}จังหวัด{province}"
    elif r < 0.85:
        other_unit = rng.choice(_kind_key(prefix, vocab.UNITS))
        approver_pos = f"ผู้อำนวยการ{other_unit}"
    else:
        approver_pos = f"ผู้อำนวยการ{unit} รักษาราชการแทน{head}จังหวัด{province}"

    # activity rows and numbers
    n_leaves = rng.randint(10, 50)
    depth = rng.choice([2, 3, 3])
    rows = _build_rows(rng, n_leaves, depth)
    satang_ok = rng.random() < 0.15
    by_code: dict[str, dict[str, Any]] = {r["code"]: r for r in rows}
    for row in rows:
        if row["leaf"]:
            months, _ = _leaf_numbers(rng, satang_ok)
            row["months"] = months
    # group sums, bottom-up
    for row in sorted(rows, key=lambda r: -r["level"]):
        if not row["leaf"]:
            kids = [r for r in rows if r["parent_code"] == row["code"]]
            row["months"] = [[sum(k["months"][m][0] for k in kids), sum(k["months"][m][1] for k in kids)] for m in range(12)]
    group_mode = style["group_numbers"]
    activities = []
    for seq, row in enumerate(rows, start=1):
        months = row["months"]
        tw = sum(w for w, _ in months)
        tb = sum(b for _, b in months)
        carry_targets = row["leaf"] or (group_mode != "none" and rng.random() < 0.85)
        carry_months = row["leaf"] or (carry_targets and group_mode == "full")
        activities.append({
            "seq": seq,
            "code": row["code"],
            "parent_code": row["parent_code"],
            "level": row["level"],
            "description": P(row["desc"]),
            "target_work": tw if carry_targets else None,
            "target_budget_thb": _money(tb) if carry_targets else None,
            "page": None,
            "months": [[w, _money(b)] for w, b in months] if carry_months else None,
        })
    leaf_rows = [r for r in rows if r["leaf"]]
    tot_months = [[sum(r["months"][m][0] for r in leaf_rows), sum(r["months"][m][1] for r in leaf_rows)] for m in range(12)]
    total_work = sum(w for w, _ in tot_months)
    total_satang = sum(b for _, b in tot_months)
    del by_code

    # block (4): responsible cooperatives / farmer groups
    entities = []
    n_items = rng.randint(1, 3)
    place_pool = list(vocab.PLACES)
    rng.shuffle(place_pool)
    places = iter(place_pool * 3)
    item_kinds = rng.sample(["coop_list", "group_list", "coop_count", "group_count"], n_items)
    for kind in item_kinds:
        if kind == "coop_list":
            k = rng.randint(1, 3)
            names = [rng.choice(vocab.COOP_KINDS).format(place=next(places), province=province) for _ in range(k)]
            entities.append(f"สหกรณ์ {k} แห่ง = " + " ".join(names))
        elif kind == "group_list":
            k = rng.randint(1, 2)
            names = [rng.choice(vocab.GROUP_KINDS).format(place=next(places)) for _ in range(k)]
            entities.append(f"กลุ่มเกษตรกร {k} แห่ง = " + " ".join(names))
        elif kind == "coop_count":
            entities.append(f"สหกรณ์ภาคการเกษตร จำนวน {rng.randint(2, 25)} แห่ง")
        else:
            entities.append(f"กลุ่มเกษตรกร จำนวน {rng.randint(1, 12)} กลุ่ม")

    # block (6): indicators
    indicators = []
    n_ind = rng.randint(1, 4)
    pct_pool = list(vocab.INDICATORS_PCT)
    plain_pool = list(vocab.INDICATORS_PLAIN)
    rng.shuffle(pct_pool)
    rng.shuffle(plain_pool)
    for number in range(1, n_ind + 1):
        if rng.random() < 0.65 and pct_pool:
            p = rng.choice(vocab.PERCENTS)
            text = pct_pool.pop().format(p=p)
            percent: float | None = float(p)
        else:
            text = plain_pool.pop()
            percent = None
        indicators.append({"number": number, "text": P(text), "target_percent": percent})

    plan = {
        "fiscal_year_be": fy,
        "fiscal_year_ce": fy - 543,
        "office": P(office),
        "province": P(province),
        "officer_name": P(officer),
        "officer_position": P(position),
        "unit": P(unit),
        "plan_program": P(rng.choice(vocab.PROGRAMS)),
        "output_project": P(rng.choice(vocab.PROJECTS)),
        "main_activity": P(rng.choice(vocab.MAIN_ACTIVITIES)),
        "responsible_entities": "\n".join(P(e) for e in entities),
        "budget_received_thb": _money(total_satang),
        "total_work": total_work,
        "total_budget_thb": _money(total_satang),
        "proposer_name": P(proposer),
        "proposer_position": P(proposer_pos),
        "approver_name": P(approver),
        "approver_position": P(approver_pos),
    }
    return {
        "seed": seed,
        "style": style,
        "plan": plan,
        "activities": activities,
        "totals": {
            "target_work": total_work,
            "target_budget_thb": _money(total_satang),
            "months": [[w, _money(b)] for w, b in tot_months],
        },
        "indicators": indicators,
    }


def leaf_codes(truth: dict[str, Any]) -> set[str]:
    """Codes of rows that have no children."""
    parents = {a["parent_code"] for a in truth["activities"] if a["parent_code"]}
    return {a["code"] for a in truth["activities"] if a["code"] not in parents}


def check_consistency(truth: dict[str, Any]) -> list[str]:
    """Arithmetic and structure problems of a truth dict ([] when consistent)."""
    problems: list[str] = []
    acts = truth["activities"]
    codes = {a["code"] for a in acts}
    leaves = leaf_codes(truth)
    cents = lambda x: round(x * 100)  # noqa: E731
    for i, a in enumerate(acts, start=1):
        if a["seq"] != i:
            problems.append(f"seq {a['seq']} at position {i}")
        parts = a["code"].split(".")
        if a["level"] != len(parts):
            problems.append(f"{a['code']}: level {a['level']}")
        expect_parent = ".".join(parts[:-1]) or None
        if a["parent_code"] != expect_parent or (expect_parent and expect_parent not in codes):
            problems.append(f"{a['code']}: parent {a['parent_code']}")
        if a["code"] in leaves:
            if a["months"] is None or a["target_work"] is None or a["target_budget_thb"] is None:
                problems.append(f"{a['code']}: leaf without numbers")
                continue
        if a["months"] is not None:
            if len(a["months"]) != 12:
                problems.append(f"{a['code']}: {len(a['months'])} months")
            if sum(w for w, _ in a["months"]) != a["target_work"]:
                problems.append(f"{a['code']}: work months != target")
            if sum(cents(b) for _, b in a["months"]) != cents(a["target_budget_thb"]):
                problems.append(f"{a['code']}: budget months != target")
        if a["code"] not in leaves and a["target_work"] is not None:
            kids = [k for k in acts if k["parent_code"] == a["code"]]
            desc = [k for k in acts if k["code"] in leaves and k["code"].startswith(a["code"] + ".")]
            if sum(k["target_work"] for k in desc) != a["target_work"]:
                problems.append(f"{a['code']}: children work")
            if sum(cents(k["target_budget_thb"]) for k in desc) != cents(a["target_budget_thb"]):
                problems.append(f"{a['code']}: children budget")
            if all(k["target_work"] is not None for k in kids):
                if sum(k["target_work"] for k in kids) != a["target_work"]:
                    problems.append(f"{a['code']}: direct children work")
    leaf_acts = [a for a in acts if a["code"] in leaves]
    tot = truth["totals"]
    for m in range(12):
        if sum(a["months"][m][0] for a in leaf_acts) != tot["months"][m][0]:
            problems.append(f"totals month {m + 1} work")
        if sum(cents(a["months"][m][1]) for a in leaf_acts) != cents(tot["months"][m][1]):
            problems.append(f"totals month {m + 1} budget")
    if sum(a["target_work"] for a in leaf_acts) != tot["target_work"]:
        problems.append("totals target work")
    if sum(cents(a["target_budget_thb"]) for a in leaf_acts) != cents(tot["target_budget_thb"]):
        problems.append("totals target budget")
    plan = truth["plan"]
    if cents(plan["budget_received_thb"]) != cents(tot["target_budget_thb"]):
        problems.append("budget_received != totals budget")
    if plan["total_work"] != tot["target_work"] or cents(plan["total_budget_thb"]) != cents(tot["target_budget_thb"]):
        problems.append("plan totals != totals row")
    if plan["fiscal_year_ce"] != plan["fiscal_year_be"] - 543:
        problems.append("fiscal_year_ce")
    if plan["approver_name"] in (plan["proposer_name"], plan["officer_name"]):
        problems.append("approver is the proposer/officer")
    if [i["number"] for i in truth["indicators"]] != list(range(1, len(truth["indicators"]) + 1)):
        problems.append("indicator numbers")
    return problems
