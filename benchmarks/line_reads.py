"""Description lines through Tesseract: where a line's time goes and what a
cheaper read would change (issue 3: scans spend ~45 % of their CPU time here).

    .venv/bin/python benchmarks/line_reads.py --scans DIR [--n 8] [--every 3]

DIR holds generated scans with their truth (`plan_0001_300.scan.pdf` and
`plan_0001.truth.json`, as `benchmarks/scan.py --out DIR` leaves them).  The
lines the pipeline reads in description cells (each single-line read under
`read_text_cell`) are caught as it extracts the first --n scans, then read
again by each variant, line by line in turn, each variant's CPU time the
least of three reads (three helpers share the machine).  Printed per
variant: ms a line and against the pipeline's own read, lines read as it reads them,
and characters wrong: the edit distance of a line's reading to the piece of
its plan's codes and descriptions it matches best (whitespace folded), over
the lines whose pipeline reading matches one within 30 % (header cells and
block texts match none).
"""

from __future__ import annotations

import argparse
import json
import os
import time
import traceback
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import cv2  # noqa: E402
import numpy as np  # noqa: E402
import tesserocr  # noqa: E402

from pipeline.extract import extract  # noqa: E402
from pipeline.ocr import tesseract  # noqa: E402
from pipeline.ocr.crops import prepare_crop  # noqa: E402
from pipeline.settings import Settings  # noqa: E402

Line = tuple[np.ndarray, str, str]  # (line image as the pipeline got it, its reading, the plan's truth text)


def caught_lines(scans: list[Path]) -> list[Line]:
    """The description lines of `scans` as `TesseractEngine._read_one_line` got them."""
    got: list[Line] = []
    plain = tesseract.TesseractEngine._read_one_line
    truth = [""]

    def catch(self, image):
        res = plain(self, image)
        if any(f.name == "read_text_cell" for f in traceback.extract_stack()):
            got.append((np.array(image), res.text, truth[0]))
        return res

    tesseract.TesseractEngine._read_one_line = catch
    try:
        for scan in scans:
            t = json.loads((scan.parent / ("_".join(scan.name.split("_")[:2]) + ".truth.json")).read_text())
            truth[0] = "\n".join(f"{a.get('code') or ''}{a['description']}" for a in t["activities"])
            extract(scan, Settings())
    finally:
        tesseract.TesseractEngine._read_one_line = plain
    return got


def fold(text: str) -> str:
    return "".join(text.split())


def fitting_distance(text: str, truth: str) -> int:
    """Least edit distance of `text` to any piece of `truth` (one row of the
    dynamic programme at a time, vectorised over `truth`)."""
    t = np.frombuffer(truth.encode("utf-32-le"), dtype=np.uint32)
    cols = np.arange(len(t) + 1, dtype=np.int32)
    row = np.zeros(len(t) + 1, np.int32)
    for i, ch in enumerate(text, 1):
        new = np.empty_like(row)
        new[0] = i
        new[1:] = np.minimum(row[:-1] + (t != ord(ch)), row[1:] + 1)
        row = np.minimum.accumulate(new - cols) + cols
    return int(row.min()) if text else 0


def x_height(gray: np.ndarray) -> float | None:
    """The line's own x-height: median height of its letter-sized ink pieces."""
    thr, _ = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    _, _, st, _ = cv2.connectedComponentsWithStats((gray < thr).astype(np.uint8), connectivity=8)
    hs = st[1:, 3][st[1:, 4] >= 2]
    return float(np.median(hs[hs >= 0.5 * np.percentile(hs, 75)])) if len(hs) else None


def shrunk_to(target: float) -> Callable[[np.ndarray], np.ndarray]:
    """Line preparation with the line scaled down until its x-height is `target` px."""
    def prep(img: np.ndarray) -> np.ndarray:
        xh = x_height(img)
        if xh and xh > target:
            img = cv2.resize(img, None, fx=target / xh, fy=target / xh, interpolation=cv2.INTER_AREA)
        return prepare_crop(img)
    return prep


class Reader:
    """One Tesseract set-up: language, page segmentation mode, variables, line preparation."""

    def __init__(self, tessdata: str, lang: str = "tha+eng", psm: int = tesserocr.PSM.SINGLE_LINE,
                 variables: dict[str, str] | None = None,
                 prep: Callable[[np.ndarray], np.ndarray] = prepare_crop) -> None:
        self.api = tesserocr.PyTessBaseAPI(path=tessdata, lang=lang, psm=psm, oem=tesserocr.OEM.LSTM_ONLY,
                                           variables={"debug_file": "/dev/null", **(variables or {})})
        self.prep = prep

    def read(self, img: np.ndarray) -> str:
        img = self.prep(img)
        self.api.SetImageBytes(img.tobytes(), img.shape[1], img.shape[0], 1, img.shape[1])
        self.api.SetSourceResolution(300)
        self.api.Recognize()
        return " ".join((self.api.GetUTF8Text() or "").split())


def side_by_side(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Two lines in one image, a line's height of paper between them."""
    a, b = prepare_crop(a, pad=0), prepare_crop(b, pad=0)
    h = max(a.shape[0], b.shape[0])
    grow = lambda g: cv2.copyMakeBorder(g, 0, h - g.shape[0], 0, 0, cv2.BORDER_CONSTANT, value=255)  # noqa: E731
    return np.hstack([grow(a), np.full((h, h), 255, np.uint8), grow(b)])


def least_cpu(fn: Callable[[], object], reps: int = 3) -> float:
    best = float("inf")
    for _ in range(reps):
        c0 = time.process_time()
        fn()
        best = min(best, time.process_time() - c0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scans", type=Path, required=True)
    ap.add_argument("--n", type=int, default=8, help="scans to take lines from")
    ap.add_argument("--every", type=int, default=3, help="every k-th line")
    ap.add_argument("--xheights", default="20,14", help="x-heights (px) to shrink lines to")
    a = ap.parse_args()
    lines = caught_lines(sorted(a.scans.glob("plan_*.scan.pdf"))[: a.n])[:: a.every]
    td = tesseract.find_tessdata()
    readers = {
        "pipeline (tha+eng, psm 7)": Reader(td),
        "tha alone": Reader(td, lang="tha"),
        "psm 13 (raw line)": Reader(td, psm=tesserocr.PSM.RAW_LINE),
        "tessedit_do_invert 0": Reader(td, variables={"tessedit_do_invert": "0"}),
        "no dictionaries": Reader(td, variables={"load_system_dawg": "0", "load_freq_dawg": "0"}),
        **{f"x-height shrunk to {x} px": Reader(td, prep=shrunk_to(float(x))) for x in a.xheights.split(",")},
    }
    cpu = dict.fromkeys(readers, 0.0)
    same = dict.fromkeys(readers, 0)
    wrong = dict.fromkeys(readers, 0)
    matched = [bool(fold(text)) and fitting_distance(fold(text), fold(truth)) <= 0.3 * len(fold(text))
               for _, text, truth in lines]
    base = next(iter(readers))
    for (img, _, truth), m in zip(lines, matched):
        outs = {}
        for name, r in readers.items():
            cpu[name] += least_cpu(lambda: outs.__setitem__(name, r.read(img)))
            same[name] += outs[name] == outs[base]
            wrong[name] += fitting_distance(fold(outs[name]), fold(truth)) if m else 0
    print(f"{len(lines)} description lines, {sum(matched)} matching the truth "
          f"({sum(len(fold(t)) for (_, t, _), m in zip(lines, matched) if m)} characters)")
    for name in readers:
        print(f"  {name:28s} {1000 * cpu[name] / len(lines):5.1f} ms/line ({100 * (cpu[name] / cpu[base] - 1):+5.1f} %)"
              f"  same {same[name]}/{len(lines)}  characters wrong {wrong[name]}")
    # several lines in one call: the same work, the per-call part saved?
    pipeline = readers[base]
    pairs = [(lines[i][0], lines[i + 1][0]) for i in range(0, len(lines) - 1, 2)]
    two = sum(least_cpu(lambda: (pipeline.read(x), pipeline.read(y))) for x, y in pairs)
    keep = pipeline.prep
    pipeline.prep = lambda g: prepare_crop(g)
    one = sum(least_cpu(lambda: pipeline.read(side_by_side(x, y))) for x, y in pairs)
    pipeline.prep = keep
    print(f"  two lines in one call (side by side): {1000 * one / len(pairs):.1f} ms a pair against "
          f"{1000 * two / len(pairs):.1f} ms in two calls ({100 * (one / two - 1):+.1f} %)")
    # where a line's time goes: a part per call and a part per column the LSTM steps over
    steps, ms = [], []
    for img, _, _ in lines:
        g = prepare_crop(img, pad=0)
        cols, rows = np.nonzero((g < 128).any(axis=0))[0], np.nonzero((g < 128).any(axis=1))[0]
        if len(cols) and len(rows):
            steps.append(36 * (cols[-1] - cols[0] + 1) / (rows[-1] - rows[0] + 1))
            ms.append(1000 * least_cpu(lambda: pipeline.read(img)))
    slope, fixed = np.polyfit(steps, ms, 1)
    print(f"  line time ~ {fixed:.1f} ms + {slope:.3f} ms x ink width scaled to 36 px of ink height "
          f"(corr {np.corrcoef(steps, ms)[0, 1]:.2f}; median line {np.median(ms):.1f} ms, "
          f"{np.median(steps):.0f} such columns)")


if __name__ == "__main__":
    main()
