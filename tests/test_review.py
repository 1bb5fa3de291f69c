"""Issue 7: the review page and corrections fed back into the next run.

The end-to-end test makes a small batch with findings (a digital PDF that
disagrees with itself, a clean PDF, a text export with a wrong number),
writes the review page, opens it in headless Chromium (Chrome DevTools
Protocol over `--remote-debugging-pipe`: no extra Python package), checks
that every crop loads, types one correction, downloads `corrections.csv`
through the page's own button, reruns with it and sees the plan turn `ok`
and stay `ok`.  A screenshot is left at tests/artifacts/review.png.
"""

from __future__ import annotations

import base64
import copy
import inspect
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pandas as pd
import pytest

from pipeline.model import Box, MonthPair, Num, Plan, TotalsRow
from pipeline.review import apply_corrections, load_corrections, parse_corrections, write_review
from pipeline.review.corrections import CorrectionsError
from pipeline.review.cells import guess_cell

REPO = Path(__file__).resolve().parents[1]
SCREENSHOT = REPO / "tests" / "artifacts" / "review.png"


# --------------------------------------------------------------------------
# corrections: parsing and applying
# --------------------------------------------------------------------------


def test_load_corrections_ok(tmp_path: Path) -> None:
    path = tmp_path / "corrections.csv"
    path.write_text(
        "\ufeffplan_id,code,month_index,field,value,note\n"
        "abc,๑.๒,3,budget,\"1,250.50\",typo\n"
        "abc,total,,target_work,12,\n"
        "\n"
        "abc,,,budget_received,5000,\n"
        "abc,1.2,3,budget,1300,later row wins\n",
        encoding="utf-8",
    )
    got = load_corrections(path)
    assert list(got) == ["abc"]
    by_key = {(c.code, c.month_index, c.field): c.value for c in got["abc"]}
    assert by_key == {("TOTAL", None, "target_work"): 12, (None, None, "budget_received"): 5000, ("1.2", 3, "budget"): 1300}


@pytest.mark.parametrize(
    ("row", "words"),
    [
        ("abc,1.2,,budget,10", "row 2: month_index"),
        ("abc,1.2,13,work,10", "row 2: month_index"),
        ("abc,1.2,,target_work,1.5", "row 2: value '1.5' must be a whole number"),
        ("abc,1.2,2,color,10", "row 2: field 'color'"),
        ("abc,1.2,2,work,ten", "row 2: value 'ten' is not a number"),
        ("abc,,2,work,1", "row 2: code is empty"),
        ("abc,1.2,4,target_budget,1", "row 2: month_index must be empty"),
        (",1.2,4,work,1", "row 2: plan_id is empty"),
    ],
)
def test_load_corrections_bad_rows(row: str, words: str) -> None:
    with pytest.raises(CorrectionsError, match=words.replace("(", r"\(").replace(".", r"\.")) as err:
        parse_corrections("plan_id,code,month_index,field,value\n" + row + "\n", where="c.csv")
    assert err.value.exit_code == 2


def test_load_corrections_missing_column(tmp_path: Path) -> None:
    with pytest.raises(CorrectionsError, match="missing column"):
        parse_corrections("plan_id,code,field,value\nabc,1,work,2\n")
    with pytest.raises(CorrectionsError, match="cannot read"):
        load_corrections(tmp_path / "nope.csv")


def _small_plan() -> Plan:
    from pipeline.model import Activity

    def n(v: float, conf: float | None = None) -> Num:
        return Num(v, str(v), conf, 1, Box(0, 0, 1, 1))

    months = [MonthPair(n(1), n(100)) for _ in range(12)]
    months[2] = MonthPair(n(1), n(900))  # wrong: should be 100
    act = Activity(1, "1", None, 1, "งาน", 1, n(12), n(1200), months, 12)
    totals = TotalsRow(n(12), n(1200), [MonthPair(n(1), n(100)) for _ in range(12)], 2)
    plan = Plan(activities=[act], totals=totals)
    plan.header.budget_received = n(1200)
    return plan


def test_apply_corrections_makes_plan_ok() -> None:
    from pipeline.validate.validate import validate

    flagged = validate(_small_plan(), "ocr")
    assert flagged.status == "flagged"
    plan = _small_plan()
    corr = parse_corrections(
        "plan_id,code,month_index,field,value\np,1,3,budget,100\np,9.9,,target_work,1\n"
    )["p"]
    found = apply_corrections(plan, corr)
    assert [(f.check, f.severity) for f in found] == [("manual_correction", "info"), ("manual_correction", "warning")]
    assert plan.activities[0].months[2].budget.value == 100
    assert plan.activities[0].months[2].budget.confidence is None
    plan.findings.extend(found)
    validate(plan, "all")  # even repair-all leaves a corrected plan as it is
    assert plan.status == "ok", plan.findings


def test_guess_cell() -> None:
    assert guess_cell("row_sum_budget", "1.2", 3, "the 12 monthly values").field == "budget"
    assert guess_cell("row_sum_work", "1.2", None, "the 12 monthly values").field == "target_work"
    ref = guess_cell("column_total", "TOTAL", 4, "work in ม.ค.: the rows add up to 5")
    assert (ref.code, ref.month_index, ref.field) == ("TOTAL", 4, "work")
    ref = guess_cell("grand_total", None, None, "budget received (5): the rows add up to 5")
    assert (ref.code, ref.field) == (None, "budget_received")
    assert guess_cell("unreadable_cell", "2", None, "target budget of 2 could not be read").field == "target_budget"
    assert guess_cell("duplicate_row", "2", None, "row 2 repeats row 1").field is None


# --------------------------------------------------------------------------
# headless Chromium over the DevTools pipe
# --------------------------------------------------------------------------


def _chromium() -> str:
    for b in ("/usr/bin/chromium", "/usr/bin/chromium-browser", shutil.which("chromium") or ""):
        if b and os.access(b, os.X_OK):
            return b
    script = REPO / "scripts" / "chromium.sh"
    proc = subprocess.run(["bash", str(script)], capture_output=True, text=True, timeout=600)
    if proc.returncode != 0 or not proc.stdout.strip():
        pytest.skip(f"headless Chromium unavailable and not installable here: {proc.stderr.strip()[-300:]}")
    return proc.stdout.strip().splitlines()[-1]


class Browser:
    """Chrome DevTools Protocol over --remote-debugging-pipe (fd 3 in, fd 4
    out, messages are JSON ended by NUL)."""

    def __init__(self, binary: str, profile: Path) -> None:
        import fcntl

        r, self._w = os.pipe()
        self._r, w = os.pipe()
        # the child's ends at fds >= 10, so the shell's 3<& / 4>& never clobber them
        to_chrome_r, from_chrome_w = fcntl.fcntl(r, fcntl.F_DUPFD, 10), fcntl.fcntl(w, fcntl.F_DUPFD, 10)
        os.close(r)
        os.close(w)
        flags = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--hide-scrollbars", f"--user-data-dir={profile}",
            "--remote-debugging-pipe", "about:blank",
        ]  # fmt: skip
        cmd = f'exec "$0" "$@" 3<&{to_chrome_r} 4>&{from_chrome_w} {to_chrome_r}<&- {from_chrome_w}>&-'
        self.proc = subprocess.Popen(
            ["bash", "-c", cmd, binary, *flags],
            pass_fds=(to_chrome_r, from_chrome_w),
            stdout=subprocess.DEVNULL,
            stderr=open(os.environ["THAIPLAN_CHROMIUM_LOG"], "ab") if os.environ.get("THAIPLAN_CHROMIUM_LOG") else subprocess.DEVNULL,
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buf = b""
        self._id = 0
        self.events: list[dict] = []

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=5)
        except Exception:  # noqa: BLE001
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._w)
        os.close(self._r)

    def _read_message(self, deadline: float) -> dict:
        import select

        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no answer from Chromium")
            ready, _, _ = select.select([self._r], [], [], left)
            if ready:
                chunk = os.read(self._r, 1 << 20)
                if not chunk:
                    raise RuntimeError("Chromium closed the DevTools pipe")
                self._buf += chunk
        msg, self._buf = self._buf.split(b"\0", 1)
        return json.loads(msg)

    def send(self, method: str, params: dict | None = None, session: str | None = None, timeout: float = 30) -> dict:
        self._id += 1
        msg: dict = {"id": self._id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._w, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            got = self._read_message(deadline)
            if got.get("id") == self._id:
                if "error" in got:
                    raise RuntimeError(f"{method}: {got['error']}")
                return got.get("result", {})
            self.events.append(got)

    def wait_event(self, method: str, timeout: float = 30, where=lambda p: True) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            for i, ev in enumerate(self.events):
                if ev.get("method") == method and where(ev.get("params", {})):
                    return self.events.pop(i)["params"]
            self.events.append(self._read_message(deadline))

    def js(self, session: str, expr: str, timeout: float = 30):
        res = self.send(
            "Runtime.evaluate",
            {"expression": expr, "awaitPromise": True, "returnByValue": True},
            session,
            timeout=timeout,
        )
        if "exceptionDetails" in res:
            raise RuntimeError(f"page script failed: {res['exceptionDetails']}")
        return res["result"].get("value")


# --------------------------------------------------------------------------
# the batch and the rerun
# --------------------------------------------------------------------------


def _make_inputs(root: Path) -> dict:
    from pipeline.generate.export import write_export
    from pipeline.generate.render_pdf import render_pdf
    from pipeline.generate.samples import make_truth
    from pipeline.generate.truth import leaf_codes

    root.mkdir(parents=True, exist_ok=True)
    truth = make_truth(0, 1)  # 17 rows, two pages
    bad = copy.deepcopy(truth)
    leaf = next(a for a in bad["activities"] if a["code"] in leaf_codes(bad) and a["months"] and a["months"][2][1] > 0)
    right = leaf["months"][2][1]
    leaf["months"][2][1] = right + 1000  # the row and the column total now disagree with this cell
    render_pdf(bad, root / "tampered.pdf")
    render_pdf(make_truth(0, 3), root / "clean.pdf")
    text = copy.deepcopy(make_truth(0, 2))
    tleaf = next(a for a in text["activities"] if a["code"] in leaf_codes(text) and a["months"])
    tleaf["months"][4][0] += 3
    write_export(text, root / "export.txt")
    return {"code": leaf["code"], "month_index": 3, "right": right}


def _cli_has_corrections() -> bool:
    from typer.testing import CliRunner

    from pipeline.cli import app

    res = CliRunner().invoke(app, ["run", "--help"], terminal_width=200)
    return "--corrections" in res.output


def _run(root: Path, out: Path, corrections: Path | None = None) -> pd.DataFrame:
    """Read every file under root into out, as `thaiplan run ... [--corrections]`
    does; returns plans.  Uses the CLI once it knows --corrections."""
    if corrections is not None and _cli_has_corrections():
        from typer.testing import CliRunner

        from pipeline.cli import app

        res = CliRunner().invoke(app, ["run", str(root), "--out", str(out), "--workers", "1",
                                       "--corrections", str(corrections)])
        assert res.exit_code == 0, res.output
        return pd.read_parquet(out / "plans.parquet")

    from pipeline.extract import extract
    from pipeline.normalize.form import normalize_document
    from pipeline.process import process_file
    from pipeline.settings import Settings
    from pipeline.tables import result_rows
    from pipeline.validate.validate import validate
    from pipeline.write import merge_rows, write_tables

    settings = Settings()
    corr = load_corrections(corrections) if corrections else {}
    takes = "corrections" in inspect.signature(process_file).parameters
    results = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        if corrections is not None and takes:
            res = process_file(path, root, settings, corrections=corr)
        else:
            res = process_file(path, root, settings)
            if corr.get(res.source.plan_id):  # what process_file will do once wired
                plan = normalize_document(extract(path, settings))
                plan.findings.extend(apply_corrections(plan, corr[res.source.plan_id]))
                res.plan = validate(plan, settings.repair)
        results.append(res)
    write_tables(merge_rows(result_rows(r) for r in results), out)
    return pd.read_parquet(out / "plans.parquet")


def test_review_page_in_chromium_and_corrections_rerun(tmp_path: Path) -> None:
    binary = _chromium()
    started = time.monotonic()
    root, out = tmp_path / "raw", tmp_path / "clean"
    wrong = _make_inputs(root)
    plans = _run(root, out)
    status = dict(zip(plans["source_file"], plans["status"]))
    assert status["tampered.pdf"] == "flagged" and status["export.txt"] == "flagged", status
    findings = pd.read_parquet(out / "findings.parquet")
    pid = plans.loc[plans["source_file"] == "tampered.pdf", "plan_id"].item()
    checks = set(findings.loc[findings["plan_id"] == pid, "check"])
    assert {"row_sum_budget", "column_total"} <= checks, checks

    page = write_review(out, [root])
    assert page == out / "review" / "index.html"
    body = page.read_text(encoding="utf-8")
    assert "data:image" not in body and "http://" not in body and "https://" not in body
    crops = sorted((out / "review" / "crops").glob("*.png"))
    with_box = findings[findings["box_x0"].notna()].merge(plans[["plan_id", "source_kind"]], on="plan_id")
    n_pdf_crops = int((with_box["source_kind"] != "ocr_text").sum())
    assert len(crops) >= n_pdf_crops >= 2  # every located finding of a page image has its crop

    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser = Browser(binary, Path(tempfile.mkdtemp(prefix="chromium-", dir=tmp_path)))
    try:
        browser.send("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads),
                                                     "eventsEnabled": True})
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        browser.send("Page.enable", session=session)
        browser.send("Emulation.setDeviceMetricsOverride",
                     {"width": 1280, "height": 1900, "deviceScaleFactor": 1, "mobile": False}, session)
        browser.send("Page.navigate", {"url": page.as_uri()}, session)
        browser.wait_event("Page.loadEventFired", 30)

        # every crop loads (lazy images forced to load first)
        images = browser.js(session, """(async () => {
            const imgs = Array.from(document.querySelectorAll('.finding img'));
            imgs.forEach(i => { i.loading = 'eager'; });
            await Promise.all(imgs.map(i => i.complete && i.naturalWidth ? 1 : new Promise(r => {
                i.addEventListener('load', r); i.addEventListener('error', r); setTimeout(r, 10000); })));
            return imgs.map(i => [i.getAttribute('src'), i.naturalWidth]);
        })()""")
        assert len(images) == len(crops), images
        assert all(w > 0 for _, w in images), images
        n_cards = browser.js(session, "document.querySelectorAll('.finding').length")
        assert n_cards == len(findings)

        # the correction form of the tampered cell is prefilled with its place
        form_id = browser.js(session, f"""(() => {{
            const f = Array.from(document.querySelectorAll('form.fix[data-plan="{pid}"]')).find(f =>
                f.elements.code.value === '{wrong["code"]}' && f.elements.month.value === '3'
                && f.elements.field.value === 'budget');
            return f ? f.id : null; }})()""")
        assert form_id, "no correction form prefilled with the tampered cell"
        browser.js(session, f"document.getElementById('{form_id}').elements.value.focus()")
        browser.send("Input.insertText", {"text": f"{wrong['right']:,.0f}"}, session)
        assert browser.js(session, "document.getElementById('n-fixes').textContent") == "1"

        browser.js(session, "window.scrollTo(0, 0)")
        shot = browser.send("Page.captureScreenshot", {"format": "png"}, session)
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        SCREENSHOT.write_bytes(base64.b64decode(shot["data"]))

        # download through the page's own button, with a real click
        rect = browser.js(session, """(() => { const r = document.getElementById('download').getBoundingClientRect();
            return [r.x + r.width / 2, r.y + r.height / 2]; })()""")
        for kind in ("mousePressed", "mouseReleased"):
            browser.send("Input.dispatchMouseEvent",
                         {"type": kind, "x": rect[0], "y": rect[1], "button": "left", "clickCount": 1}, session)
        browser.wait_event("Browser.downloadProgress", 30, lambda p: p.get("state") == "completed")
    finally:
        browser.close()
    downloaded = downloads / "corrections.csv"
    assert downloaded.exists(), list(downloads.iterdir())
    text = downloaded.read_text(encoding="utf-8-sig")
    assert text.splitlines() == [
        "plan_id,code,month_index,field,value",
        f"{pid},{wrong['code']},3,budget,{wrong['right']:.0f}",
    ], text

    # the rerun with the corrections: the plan is ok, and stays ok
    for _ in range(2):
        plans = _run(root, out, downloaded)
        status = dict(zip(plans["source_file"], plans["status"]))
        assert status["tampered.pdf"] == "ok", status
        assert status["export.txt"] == "flagged" and status["clean.pdf"] == "ok", status
        findings = pd.read_parquet(out / "findings.parquet")
        mine = findings[findings["plan_id"] == pid]
        assert list(mine["check"]) == ["manual_correction"] and list(mine["severity"]) == ["info"], mine
    monthly = pd.read_parquet(out / "monthly.parquet")
    cell = monthly[(monthly["plan_id"] == pid) & (monthly["code"] == wrong["code"]) & (monthly["month_index"] == 3)]
    assert cell["budget_thb"].item() == wrong["right"]
    page = write_review(out, [root])  # the page shows the manual correction, crop included
    assert "manual_correction" in page.read_text(encoding="utf-8")
    assert time.monotonic() - started < 90
