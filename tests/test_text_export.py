"""Text exports of earlier OCR runs: the writer (`pipeline.generate.export`)
and the extractor (`pipeline.extract.text_export`), round trip and the
shared sample."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from pipeline.errors import EmptyFileError, UnsupportedFileError
from pipeline.extract.text_export import (
    cell_text,
    detect_flavour,
    extract_text_export,
    parse_text_export,
)
from pipeline.generate.export import FLAVOURS, MONTH_ABBR, write_export
from pipeline.model import SourceKind, Table, TextLine
from pipeline.settings import Settings

DATA = Path(__file__).parent / "data"
SETTINGS = Settings()
THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


# --------------------------------------------------------------------------
# a tiny hand-made plan (2 levels, 4 leaves), independent of the generator
# --------------------------------------------------------------------------


def _months(rng: random.Random, satang: bool) -> list[list[float]]:
    months: list[list[float]] = [[0, 0.0] for _ in range(12)]
    for m in rng.sample(range(12), rng.randint(1, 5)):
        w = rng.randint(1, 3)
        b = w * rng.choice([50, 100, 500, 1200])
        if satang and rng.random() < 0.5:
            b += 0.5
        months[m] = [w, float(b)]
    return months


def small_plan(seed: int, thai_digits: bool = False, zero: str = "-", commas: bool = True,
               group_targets: bool = False) -> dict[str, Any]:
    rng = random.Random(seed)
    P = (lambda s: s.translate(THAI)) if thai_digits else (lambda s: s)  # noqa: E731
    leaves = {
        "1.1": "ประชุมคณะกรรมการเพื่อจัดทำแผนธุรกิจ",
        "1.2": "ติดตามผลการดำเนินงานตามแผน",
        "2.1": "แนะนำการจัดทำบัญชีรายรับรายจ่าย",
        "2.2": "ตรวจเยี่ยมกลุ่มเกษตรกร & สมาชิก <ใหม่>",  # markup-like text survives
    }
    groups = {"1": "สหกรณ์ได้รับการแนะนำส่งเสริมด้านการบริหารจัดการ", "2": "กลุ่มเกษตรกรได้รับการพัฒนาศักยภาพ"}
    leaf_months = {c: _months(rng, satang=(c == "2.1")) for c in leaves}
    acts: list[dict[str, Any]] = []
    seq = 0
    for g, gdesc in groups.items():
        kids = [c for c in leaves if c.startswith(g + ".")]
        seq += 1
        tw = sum(sum(w for w, _ in leaf_months[k]) for k in kids)
        tb = round(sum(sum(b for _, b in leaf_months[k]) for k in kids), 2)
        acts.append({"seq": seq, "code": g, "parent_code": None, "level": 1, "description": gdesc,
                     "target_work": tw if group_targets else None,
                     "target_budget_thb": tb if group_targets else None, "page": None, "months": None})
        for k in kids:
            seq += 1
            ms = leaf_months[k]
            acts.append({"seq": seq, "code": k, "parent_code": g, "level": 2, "description": leaves[k],
                         "target_work": sum(w for w, _ in ms),
                         "target_budget_thb": round(sum(b for _, b in ms), 2), "page": None, "months": ms})
    tot_m = [[sum(leaf_months[c][m][0] for c in leaves), round(sum(leaf_months[c][m][1] for c in leaves), 2)]
             for m in range(12)]
    tw = sum(w for w, _ in tot_m)
    tb = round(sum(b for _, b in tot_m), 2)
    return {
        "seed": seed,
        "style": {"thai_digits": thai_digits, "zero": zero, "commas": commas, "budget_decimals": False,
                  "budget_suffix": " บาท", "header_numbers": False},
        "plan": {
            "fiscal_year_be": 2567, "fiscal_year_ce": 2024,
            "office": "สำนักงานสหกรณ์จังหวัดตรัง", "province": "ตรัง",
            "officer_name": "นายสมชาย ใจดี", "officer_position": "นักวิชาการสหกรณ์ชำนาญการ",
            "unit": P("กลุ่มส่งเสริมสหกรณ์ 2"),
            "plan_program": "พัฒนาศักยภาพสร้างความสามารถในการแข่งขัน",
            "output_project": "สหกรณ์และกลุ่มเกษตรกรได้รับการส่งเสริมและพัฒนาให้มีความเข้มแข็ง",
            "main_activity": "ส่งเสริมและพัฒนาสหกรณ์และกลุ่มเกษตรกร",
            "responsible_entities": P("สหกรณ์ 2 แห่ง = สหกรณ์การเกษตรเมืองตรัง จำกัด\nกลุ่มเกษตรกร = กลุ่มเกษตรกรทำสวนบ้านนา"),
            "budget_received_thb": tb, "total_work": tw, "total_budget_thb": tb,
            "proposer_name": "นายสมชาย ใจดี", "proposer_position": "นักวิชาการสหกรณ์ชำนาญการ",
            "approver_name": "นางสาวมาลี ศรีสุข", "approver_position": P("ผู้อำนวยการกลุ่มส่งเสริมสหกรณ์ 2"),
        },
        "activities": acts,
        "totals": {"target_work": tw, "target_budget_thb": tb, "months": tot_m},
        "indicators": [
            {"number": 1, "text": P("สหกรณ์มีความเข้มแข็งระดับชั้น 1 และ 2 ไม่น้อยกว่าร้อยละ 80"), "target_percent": 80.0},
            {"number": 2, "text": P("กลุ่มเกษตรกรจัดทำบัญชีได้ ร้อยละ 100"), "target_percent": 100.0},
        ],
    }


# --------------------------------------------------------------------------
# what the page should print (written independently of the writer)
# --------------------------------------------------------------------------


def _num(value: float | None, style: dict[str, Any], money: bool, zero: bool = True) -> str:
    if value is None:
        return ""
    cents = round(value * 100)
    if cents == 0 and zero:
        return style["zero"]
    whole, frac = divmod(cents, 100)
    text = f"{whole:,}" if style["commas"] else str(whole)
    if money and (frac or style.get("budget_decimals")):
        text += f".{frac:02d}"
    return text.translate(THAI) if style["thai_digits"] else text


def expected_numbers(row: dict[str, Any], style: dict[str, Any]) -> list[str]:
    out = [_num(row["target_work"], style, False), _num(row["target_budget_thb"], style, True)]
    for m in range(12):
        if row["months"] is None:
            out += ["", ""]
        else:
            out += [_num(row["months"][m][0], style, False), _num(row["months"][m][1], style, True)]
    return out


def expected_first_cell(act: dict[str, Any], style: dict[str, Any]) -> str:
    code = act["code"].translate(THAI) if style["thai_digits"] else act["code"]
    return " ".join(f"{code} {act['description']}".split())


def has_numbers(act: dict[str, Any]) -> bool:
    return act["target_work"] is not None or act["target_budget_thb"] is not None or bool(act["months"])


def tables_and_lines(doc) -> tuple[list[Table], list[TextLine]]:
    blocks = doc.blocks()
    return [b for b in blocks if isinstance(b, Table)], [b for b in blocks if isinstance(b, TextLine)]


def activity_table(tables: list[Table]) -> Table:
    found = [t for t in tables if any(c.text.startswith("กิจกรรม/ขั้นตอน") and c.row == 0 for c in t.cells)]
    assert len(found) == 1, [t.n_rows for t in tables]
    return found[0]


def check_round_trip(truth: dict[str, Any], doc, flavour: str, invented: list[int]) -> None:
    style = truth["style"]
    N = (lambda s: s.translate(THAI)) if style["thai_digits"] else (lambda s: s)  # noqa: E731
    assert doc.source_kind is SourceKind.OCR_TEXT
    assert [p.number for p in doc.pages] == [1]
    tables, lines = tables_and_lines(doc)
    texts = [line.text for line in lines]
    plan = truth["plan"]

    # header lines
    assert f"แผนปฏิบัติการและงบประมาณประจำปีงบประมาณ พ.ศ. {N(str(plan['fiscal_year_be']))} (Action Plan)" in texts
    assert f"ของ{plan['office']}" in texts
    assert f"{plan['officer_name']} ตำแหน่ง{plan['officer_position']} สังกัด{plan['unit']}" in texts
    assert f"{N('(1)')} แผนงาน : {plan['plan_program']}" in texts
    assert f"{N('(2)')} ผลผลิต/โครงการ : {plan['output_project']}" in texts
    assert f"{N('(3)')} กิจกรรมหลัก : {plan['main_activity']}" in texts
    assert f"{N('(7)')} กิจกรรม/ขั้นตอนของกิจกรรม" in texts
    assert f"ชื่อ - สกุล ({plan['proposer_name']})" in texts
    assert f"ชื่อ - สกุล ({plan['approver_name']})" in texts
    assert f"ตำแหน่ง {plan['approver_position']}" in texts
    assert any(t.startswith(N("(13)")) for t in texts) and any(t.startswith(N("(14)")) for t in texts)

    # the (4)(5)(6) table: header row + content row, <p> runs as items
    assert len(tables) == 2
    info = tables[0]
    assert info.n_rows == 2 and info.n_cols == 3
    head, content = info.rows()
    assert [c.text for c in head][0].endswith("สหกรณ์/กลุ่มเกษตรกรที่รับผิดชอบ")
    ent, budget, inds = (c.text for c in content)
    assert ent == plan["responsible_entities"]
    assert budget == (_num(plan["budget_received_thb"], style, True, zero=False) + style.get("budget_suffix", " บาท")).strip()
    assert inds.split("\n") == [f"{N(str(i['number']))}. {i['text']}" for i in truth["indicators"]]

    # the activity table
    act = activity_table(tables)
    assert tables.index(act) == 1
    rows = act.rows()
    n_head = 4 if style.get("header_numbers") else 3
    activities = truth["activities"]
    assert len(rows) == n_head + len(activities) + len(invented) + 1
    assert act.n_rows == len(rows)
    # header rows: 27 slots each, months in odd slots from 3
    for r in rows[:3]:
        assert sum(c.colspan for c in r) == 27
    month_row = {c.col: c.text for c in rows[1]}
    assert all(month_row[3 + 2 * m] for m in range(12))
    quarter_row = {c.col: c.text for c in rows[0]}
    assert [quarter_row[3 + 6 * q] for q in range(4)] == [f"ไตรมาส {N(str(q + 1))}" for q in range(4)]
    if flavour == "html":
        assert {c.col: c.colspan for c in rows[0]}[3] == 6
        assert {c.col: c.colspan for c in rows[1]}[3] == 2

    body = rows[n_head:-1]
    real = [r for i, r in enumerate(body) if i not in invented]
    assert len(real) == len(activities)
    for row, a in zip(real, activities):
        assert [c.col for c in row] == list(range(len(row)))
        assert " ".join(row[0].text.split()) == expected_first_cell(a, style)
        if has_numbers(a):
            assert [c.text for c in row[1:]] == expected_numbers(a, style)
        else:
            assert len(row) == 1
        for c in row:
            assert c.page == 1 and c.box is not None and c.box.x0 == c.col
    for i in invented:
        row = body[i]
        assert 39 <= len(row) <= 43
        assert any(" ".join(row[0].text.split()) == expected_first_cell(a, style) for a in activities)
    totals = rows[-1]
    assert totals[0].text == f"{N('(12)')} รวมแผนการใช้งบประมาณ (บาท)"
    assert [c.text for c in totals[1:]] == expected_numbers(truth["totals"], style)

    # reading order: title first, the signature blocks last
    blocks = doc.blocks()
    assert isinstance(blocks[0], TextLine) and blocks[0].text.startswith("แผนปฏิบัติการ")
    assert blocks.index(info) < blocks.index(act)
    assert isinstance(blocks[-1], TextLine) and blocks[-1].text.startswith("ตำแหน่ง")


STYLES = [
    dict(thai_digits=False, zero="-", commas=True),
    dict(thai_digits=True, zero="-", commas=True),
    dict(thai_digits=False, zero="", commas=False),
    dict(thai_digits=True, zero="", commas=False, group_targets=True),
]


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("style_i", range(len(STYLES)))
@pytest.mark.parametrize("invent", [False, True])
def test_round_trip_small_plan(tmp_path: Path, flavour: str, style_i: int, invent: bool) -> None:
    seed = 10 * style_i + (1 if invent else 0)
    truth = small_plan(seed, **STYLES[style_i])
    path = tmp_path / f"plan.{ {'tab': 'txt', 'markdown': 'txt', 'html': 'txt'}[flavour] }"
    invented = write_export(truth, path, flavour=flavour, rng=random.Random(seed), invented_rows=invent)
    assert (1 <= len(invented) <= 2) if invent else invented == []
    assert detect_flavour(path.read_text(encoding="utf-8")) == flavour
    doc = extract_text_export(path, SETTINGS)
    check_round_trip(truth, doc, flavour, invented)


def test_truth_is_not_touched_by_invented_rows(tmp_path: Path) -> None:
    truth = small_plan(3)
    before = repr(truth)
    write_export(truth, tmp_path / "x.txt", rng=random.Random(1), invented_rows=True)
    assert repr(truth) == before


def test_satang_and_commas_printed() -> None:
    truth = small_plan(0)
    truth["activities"][-1]["months"] = None  # keep it simple: a targets-only row
    truth["activities"][-1]["target_budget_thb"] = 1250.5
    truth["activities"][-1]["target_work"] = 1
    truth["activities"][-1]["description"] = "x"
    from pipeline.generate.render_html import row_cells

    cells = row_cells(truth["activities"][-1], truth["style"])
    assert cells[:2] == ["1", "1,250.50"]
    assert cells[2:] == [""] * 24


def test_header_noise_varies_but_keeps_shape(tmp_path: Path) -> None:
    seen: set[str] = set()
    budget_labels: set[str] = set()
    for seed in range(60):
        truth = small_plan(1)
        path = tmp_path / f"n{seed}.txt"
        write_export(truth, path, rng=random.Random(seed))
        act = activity_table(tables_and_lines(extract_text_export(path, SETTINGS))[0])
        rows = act.rows()
        months = [{c.col: c.text for c in rows[1]}[3 + 2 * m] for m in range(12)]
        seen.update(months)
        budget_labels.update(c.text for c in rows[2] if c.col >= 3 and c.col % 2 == 0)
        assert len(rows[1]) == 27 and len(rows[2]) == 27
    assert {"ค.ค.", "น.บ."} & seen or {"ค.ศ.", "น.บ."} & seen
    assert "ตค" in seen or "ตุลาคม" in seen
    assert budget_labels == {"งบ", "ยว"}
    assert seen - set(MONTH_ABBR)


def test_clean_headers_without_rng(tmp_path: Path) -> None:
    path = tmp_path / "clean.txt"
    write_export(small_plan(2), path)
    act = activity_table(tables_and_lines(extract_text_export(path, SETTINGS))[0])
    rows = act.rows()
    assert [{c.col: c.text for c in rows[1]}[3 + 2 * m] for m in range(12)] == list(MONTH_ABBR)


def test_unknown_flavour(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_export(small_plan(0), tmp_path / "x.txt", flavour="pdf")


# --------------------------------------------------------------------------
# with the project's generator, when present
# --------------------------------------------------------------------------


def _random_plan():
    try:
        from pipeline.generate.truth import random_plan
    except ImportError:  # pragma: no cover - the generator lives elsewhere
        return None
    return random_plan


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_round_trip_generated_plan(tmp_path: Path, seed: int) -> None:
    random_plan = _random_plan()
    if random_plan is None:
        pytest.skip("pipeline.generate.truth.random_plan not available")
    truth = random_plan(random.Random(seed), seed)
    flavour = FLAVOURS[seed % 3]
    path = tmp_path / "gen.txt"
    invented = write_export(truth, path, flavour=flavour, rng=random.Random(seed), invented_rows=seed % 2 == 0)
    check_round_trip(truth, extract_text_export(path, SETTINGS), flavour, invented)


# --------------------------------------------------------------------------
# the shared sample
# --------------------------------------------------------------------------


def test_sample_export_structure() -> None:
    doc = extract_text_export(DATA / "ocr-export-example.txt", SETTINGS)
    assert doc.source_kind is SourceKind.OCR_TEXT
    assert len(doc.pages) == 1
    tables, lines = tables_and_lines(doc)
    texts = [line.text for line in lines]
    assert texts[0] == "แผนปฏิบัติการและงบประมาณประจำปีงบประมาณ พ.ศ. 2567 (Action Plan)"
    assert "ของสำนักงานสหกรณ์จังหวัดตรัง" in texts
    assert "(1) แผนงาน : พัฒนาศักยภาพสร้างความสามารถในการแข่งขัน" in texts
    assert "(7) กิจกรรม/ขั้นตอนของกิจกรรม" in texts
    assert texts[-3:] == ["(14) ผู้อนุมัติแผน", "ชื่อ - สกุล (นางสาวมาลี ศรีสุข)", "ตำแหน่ง ผู้อำนวยการกลุ่มส่งเสริมสหกรณ์ 2"]

    info, act = tables
    assert (info.n_rows, info.n_cols) == (2, 3)
    content = info.rows()[1]
    assert content[0].text.split("\n") == [
        "สหกรณ์ 2 แห่ง = สหกรณ์การเกษตรเมืองตรัง จำกัด สหกรณ์ออมทรัพย์ครูตรัง จำกัด",
        "กลุ่มเกษตรกร = กลุ่มเกษตรกรทำสวนบ้านนา",
    ]
    assert content[1].text == "2300 บาท"
    assert len(content[2].text.split("\n")) == 2

    rows = act.rows()
    assert (act.n_rows, act.n_cols) == (11, 27)
    assert [len(r) for r in rows] == [27, 27, 27, 1, 1, 27, 27, 1, 27, 27, 27]
    assert rows[1][3].text == "ค.ค." and rows[1][5].text == "น.บ."
    assert [rows[1][3 + 2 * m].text for m in (9, 10, 11)] == ["ก.ค."] * 3
    assert rows[2][4].text == "ยว"
    assert rows[3][0].text == "1 สหกรณ์ได้รับการแนะนำส่งเสริมด้านการบริหารจัดการ"
    assert [c.text for c in rows[5][:5]] == ["1.1.1 ประชุมคณะกรรมการเพื่อจัดทำแผนธุรกิจ", "6", "300", "2", "100"]
    assert rows[9][2].text == "1,000"
    assert rows[10][0].text == "(12) รวมแผนการใช้งบประมาณ (บาท)"
    assert [c.text for c in rows[10][1:3]] == ["30", "2,300"]
    # boxes give reading order and grid slots
    assert rows[3][0].box.y0 < rows[5][0].box.y0
    assert rows[5][4].box.x0 == 4
    assert info.box.y0 < act.box.y0


def test_sample_through_dispatcher() -> None:
    from pipeline.extract import extract

    doc = extract(DATA / "ocr-export-example.txt", SETTINGS)
    assert doc.source_kind is SourceKind.OCR_TEXT
    assert len(tables_and_lines(doc)[0]) == 2


# --------------------------------------------------------------------------
# encodings, markers, odd content
# --------------------------------------------------------------------------


def test_bom_crlf_and_cp874(tmp_path: Path) -> None:
    sample = (DATA / "ocr-export-example.txt").read_text(encoding="utf-8")
    ref = extract_text_export(DATA / "ocr-export-example.txt", SETTINGS)
    ref_tables = [[c.text for c in t.cells] for t in tables_and_lines(ref)[0]]
    for name, data in [
        ("bom.txt", b"\xef\xbb\xbf" + sample.encode("utf-8")),
        ("crlf.txt", sample.replace("\n", "\r\n").encode("utf-8")),
        ("tis.txt", sample.encode("cp874")),
        ("u16.txt", sample.encode("utf-16")),
    ]:
        p = tmp_path / name
        p.write_bytes(data)
        doc = extract_text_export(p, SETTINGS)
        tables, lines = tables_and_lines(doc)
        assert [[c.text for c in t.cells] for t in tables] == ref_tables, name
        assert lines[0].text.startswith("แผนปฏิบัติการ"), name


def test_empty_and_binary(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(EmptyFileError):
        extract_text_export(empty, SETTINGS)
    binary = tmp_path / "bin.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(UnsupportedFileError):
        extract_text_export(binary, SETTINGS)


def test_not_a_plan_yields_lines(tmp_path: Path) -> None:
    p = tmp_path / "letter.txt"
    p.write_text("เรียน ผู้อำนวยการ\n\nขอส่งเอกสารตามที่แนบมา\n", encoding="utf-8")
    doc = extract_text_export(p, SETTINGS)
    tables, lines = tables_and_lines(doc)
    assert tables == [] and [line.text for line in lines] == ["เรียน ผู้อำนวยการ", "ขอส่งเอกสารตามที่แนบมา"]
    ws = tmp_path / "ws.txt"
    ws.write_text("  \n\n", encoding="utf-8")
    assert tables_and_lines(extract_text_export(ws, SETTINGS)) == ([], [])


def test_page_markers_tab() -> None:
    text = (
        "หัวเรื่อง\n"
        "a\tb\tc\n"
        "1 กลุ่ม\n"
        "1.1 x\t1\t2\n"
        "\f1.2 y\t3\t4\n"
        "--- page 5 ---\n"
        "1.3 z\t5\t6\n"
        "<!-- page ๗ -->\n"
        "ท้าย\n"
    )
    doc = parse_text_export(text)
    assert [p.number for p in doc.pages] == [1, 2, 5, 7]
    p1, p2, p5, p7 = doc.pages
    assert [line.text for line in p1.lines] == ["หัวเรื่อง"]
    assert [[c.text for c in r] for r in p1.tables[0].rows()] == [["a", "b", "c"], ["1 กลุ่ม"], ["1.1 x", "1", "2"]]
    assert [[c.text for c in r] for r in p2.tables[0].rows()] == [["1.2 y", "3", "4"]]
    assert p5.tables[0].cells[0].page == 5
    assert [line.text for line in p7.lines] == ["ท้าย"] and p7.lines[0].page == 7


def test_page_markers_html() -> None:
    text = (
        "<p>หัว</p><table><tr><td>a</td><td colspan=2>b</td></tr>"
        "<!-- page 2 --><tr><td rowspan='2'>c</td><td>d &amp; e</td></tr><tr><td>f</td></tr></table>"
        "<p>--- page 3 ---</p><p>ท้าย<br>บรรทัดสอง</p>"
    )
    doc = parse_text_export(text)
    assert [p.number for p in doc.pages] == [1, 2, 3]
    t1 = doc.pages[0].tables[0]
    assert [(c.col, c.colspan, c.text) for c in t1.cells] == [(0, 1, "a"), (1, 2, "b")]
    t2 = doc.pages[1].tables[0]
    assert [(c.row, c.col, c.rowspan, c.text) for c in t2.cells] == [(0, 0, 2, "c"), (0, 1, 1, "d & e"), (1, 1, 1, "f")]
    assert [line.text for line in doc.pages[2].lines] == ["ท้าย", "บรรทัดสอง"]


def test_markdown_details() -> None:
    text = "ข้อความ\n| h1 | h2 |\n|:--|--:|\n| a \\| b | <p>x</p><p>y</p> |\n1 กลุ่มไม่มีท่อ\n| c |  |\n"
    doc = parse_text_export(text)
    (table,) = doc.pages[0].tables
    assert [[c.text for c in r] for r in table.rows()] == [["h1", "h2"], ["a | b", "x\ny"], ["1 กลุ่มไม่มีท่อ"], ["c", ""]]
    assert [line.text for line in doc.pages[0].lines] == ["ข้อความ"]


def test_cell_text() -> None:
    assert cell_text("  12 ") == "12"
    assert cell_text("<p>ก</p> <p> ข  ค </p>") == "ก\nข ค"
    assert cell_text("a<br/>b") == "a\nb"
    assert cell_text("&lt;x&gt; &amp;") == "<x> &"
    assert cell_text("ร้อยละ < 80") == "ร้อยละ < 80"


@pytest.mark.parametrize("seed", range(30))
def test_odd_content_never_raises(seed: int) -> None:
    rng = random.Random(seed)
    alphabet = ["\t", "|", "<", ">", "/", "p", "table", "tr", "td", "colspan=", "x", "๑", "-", "\n", "\f", " ",
                "<!--", "-->", "&", ";", "ก", "=", "'", "\r", "<table>", "<tr>", "<td colspan='abc'>", "</table>"]
    text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 400)))
    doc = parse_text_export(text)
    assert doc.pages
    for page in doc.pages:
        for table in page.tables:
            assert len(table.rows()) == table.n_rows
            assert all(c.col + c.colspan <= table.n_cols for c in table.cells)


# --------------------------------------------------------------------------
# tables over pages
# --------------------------------------------------------------------------


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize("page_rows", [1, 2, 4])
def test_paged_export_round_trip(tmp_path: Path, flavour: str, page_rows: int) -> None:
    truth = small_plan(7, thai_digits=page_rows == 2)
    one, paged = tmp_path / "one.txt", tmp_path / "paged.txt"
    write_export(truth, one, flavour=flavour)
    write_export(truth, paged, flavour=flavour, page_rows=page_rows)
    ref = activity_table(tables_and_lines(extract_text_export(one, SETTINGS))[0]).rows()
    doc = extract_text_export(paged, SETTINGS)
    n_pages = -(-len(truth["activities"]) // page_rows)
    assert [p.number for p in doc.pages] == list(range(1, n_pages + 1))
    acts = [t for p in doc.pages for t in p.tables if any(c.text.startswith("กิจกรรม/ขั้นตอน") for c in t.cells)]
    assert len(acts) == n_pages
    body = []
    for t in acts:
        rows = t.rows()
        assert [[c.text for c in r] for r in rows[:3]] == [[c.text for c in r] for r in ref[:3]]  # header repeated
        assert all(c.page == t.page for c in t.cells)
        body += rows[3:]
    assert [[c.text for c in r] for r in body] == [[c.text for c in r] for r in ref[3:]]
    texts = [line.text for line in doc.pages[-1].lines]
    assert any(t.startswith("ชื่อ - สกุล (") for t in texts)


def test_group_row_at_page_break_stays_in_table() -> None:
    text = "h\tงาน\n1.1 a\t1\n2 กลุ่มท้ายหน้า\n\f3 กลุ่มต้นหน้า\n3.1 b\t2\n(13) ลายมือชื่อ\n"
    doc = parse_text_export(text)
    t1, t2 = (p.tables[0] for p in doc.pages)
    assert [r[0].text for r in t1.rows()] == ["h", "1.1 a", "2 กลุ่มท้ายหน้า"]
    assert [r[0].text for r in t2.rows()] == ["3 กลุ่มต้นหน้า", "3.1 b"]
    assert [line.text for line in doc.pages[1].lines] == ["(13) ลายมือชื่อ"]


def test_looks_like_text() -> None:
    from pipeline.extract.text_export import looks_like_text

    sample = (DATA / "ocr-export-example.txt").read_text(encoding="utf-8")
    for enc in ("utf-8", "utf-8-sig", "cp874", "utf-16"):
        head = sample.encode(enc)[:4096]
        assert looks_like_text(head), enc
        assert looks_like_text(head[:-1]), enc  # a character cut at the end
    assert not looks_like_text(b"")
    assert not looks_like_text(bytes(range(256)) * 4)
    assert not looks_like_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_row_of_bare_tabs_stays_in_table() -> None:
    doc = parse_text_export("a\tb\n\t\n1.1 x\t1\n")
    (table,) = doc.pages[0].tables
    assert [[c.text for c in r] for r in table.rows()] == [["a", "b"], ["", ""], ["1.1 x", "1"]]
