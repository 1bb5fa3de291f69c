"""grid.find_grids on hand-made segments (shared by the PDF and scan paths)."""

from __future__ import annotations

import random
import time

from pipeline.extract.grid import Segment, find_grids


def H(y, x0, x1):
    return Segment(x0, y, x1, y)


def V(x, y0, y1):
    return Segment(x, y0, x, y1)


def header_table(x0=0.0, y0=0.0, broken=False):
    """An activity-table header: rows at y0+{0,20,40,60,80,100}, cols 0..8 of
    width 20 after a description column 0..100.

    row 0-2: description cell spans 3 rows (col 0)
    row 0: "เป้าหมาย" spans cols 1-2 and rows 0-1; "ไตรมาส" spans cols 3-8
    row 1: months span 2 cols each (3-4, 5-6, 7-8)
    row 2: งาน/งบ single cells; rows 3-4: body."""
    xs = [x0 + 0] + [x0 + 100 + 20 * k for k in range(9)]  # 10 col edges -> 9 cols
    ys = [y0 + 20 * k for k in range(6)]  # 6 row edges -> 5 rows
    h, v = [], []
    left, right = xs[0], xs[-1]
    # horizontal lines
    h.append(H(ys[0], left, right))
    h.append(H(ys[1], xs[3], right))  # under ไตรมาส only
    h.append(H(ys[2], xs[1], right))  # under months and เป้าหมาย
    for y in ys[3:]:
        if broken and y == ys[4]:
            # a broken rule: two pieces with a 3-unit gap + slight tilt
            h.append(Segment(left, y - 0.4, x0 + 150, y + 0.3))
            h.append(Segment(x0 + 153, y + 0.2, right, y - 0.2))
        else:
            h.append(H(y, left, right))
    # vertical lines
    v.append(V(xs[0], ys[0], ys[-1]))
    v.append(V(xs[1], ys[0], ys[-1]))
    v.append(V(xs[2], ys[2], ys[-1]))  # between งาน/งบ of เป้าหมาย
    v.append(V(xs[3], ys[0], ys[-1]))
    v.append(V(xs[4], ys[2], ys[-1]))
    v.append(V(xs[5], ys[1], ys[-1]))
    v.append(V(xs[6], ys[2], ys[-1]))
    v.append(V(xs[7], ys[1], ys[-1]))
    v.append(V(xs[8], ys[2], ys[-1]))
    v.append(V(xs[9], ys[0], ys[-1]))
    return h, v


def spans(grid):
    return {(c.row, c.col): (c.rowspan, c.colspan) for c in grid.cells}


def check_header(grid):
    assert grid.n_rows == 5 and grid.n_cols == 9
    sp = spans(grid)
    assert sp[(0, 0)] == (3, 1)  # description: 3 rows
    assert sp[(0, 1)] == (2, 2)  # เป้าหมาย
    assert sp[(0, 3)] == (1, 6)  # ไตรมาส: 6 cols
    assert sp[(1, 3)] == (1, 2) and sp[(1, 5)] == (1, 2) and sp[(1, 7)] == (1, 2)
    for c in range(1, 9):
        assert sp[(2, c)] == (1, 1)
    for r in (3, 4):
        for c in range(9):
            assert sp[(r, c)] == (1, 1)
    # every slot is covered exactly once
    covered = [(r, c) for cell in grid.cells for r in range(cell.row, cell.row + cell.rowspan)
               for c in range(cell.col, cell.col + cell.colspan)]
    assert len(covered) == len(set(covered)) == 45


def test_merged_header_cells():
    h, v = header_table()
    grids = find_grids(h, v, tol=2.0)
    assert len(grids) == 1
    g = grids[0]
    check_header(g)
    big = next(c for c in g.cells if (c.row, c.col) == (0, 3))
    assert (big.box.x0, big.box.y0, big.box.x1, big.box.y1) == (140.0, 0.0, 260.0, 20.0)


def test_broken_and_noisy_lines():
    h, v = header_table(broken=True)
    rng = random.Random(3)
    # split every line into jittered pieces with small gaps (a scan)
    def chop(seg, horizontal):
        out = []
        a, b = (seg.x0, seg.x1) if horizontal else (seg.y0, seg.y1)
        pos = seg.y0 if horizontal else seg.x0
        t = a
        while t < b:
            e = min(b, t + rng.uniform(8, 30))
            p = pos + rng.uniform(-0.6, 0.6)
            out.append(Segment(t, p, e, p) if horizontal else Segment(p, t, p, e))
            t = e + rng.uniform(0, 1.5)
        return out
    hh = [p for s in h for p in chop(s, True)]
    vv = [p for s in v for p in chop(s, False)]
    grids = find_grids(hh, vv, tol=2.0)
    assert len(grids) == 1
    check_header(grids[0])


def test_short_lines_and_a_missing_piece():
    h, v = header_table()
    # lines stop 1.5 short of the frame; a dash inside a cell is no line
    v = [Segment(s.x0, s.y0 + 1.5, s.x1, s.y1 - 1.5) for s in v]
    h = h + [H(70, 125, 131)]
    grids = find_grids(h, v, tol=2.0)
    assert len(grids) == 1
    check_header(grids[0])


def test_two_tables_on_a_page():
    # small 2x3 box (blocks 4-6) above the activity table
    small_h = [H(y, 10, 310) for y in (10, 30, 60)]
    small_v = [V(x, 10, 60) for x in (10, 110, 210, 310)]
    h, v = header_table(x0=0, y0=100)
    grids = find_grids(small_h + h, small_v + v, tol=2.0)
    assert len(grids) == 2
    small, big = grids
    assert small.n_rows == 2 and small.n_cols == 3 and len(small.cells) == 6
    assert small.box.y1 == 60
    check_header(big)


def test_unruled_notch_is_not_a_cell():
    # an L-shaped ruled area: the top-right slot has no top/right rule
    h = [H(0, 0, 20), H(10, 0, 40), H(20, 0, 40)]
    v = [V(0, 0, 20), V(20, 0, 20), V(40, 10, 20)]
    grids = find_grids(h, v, tol=1.0)
    assert len(grids) == 1
    sp = spans(grids[0])
    assert (0, 1) not in sp
    assert sp[(0, 0)] == (1, 1) and sp[(1, 0)] == (1, 1) and sp[(1, 1)] == (1, 1)


def test_nothing():
    assert find_grids([], [], 2.0) == []
    assert find_grids([H(0, 0, 100)], [V(0, 0, 100)], 2.0) == []


def test_speed_30x30():
    h = [H(10 * i, 0, 300) for i in range(31)]
    v = [V(10 * j, 0, 300) for j in range(31)]
    find_grids(h, v, 2.0)
    best = float("inf")
    for _ in range(10):
        t = time.perf_counter()
        g = find_grids(h, v, 2.0)
        best = min(best, time.perf_counter() - t)
    assert len(g[0].cells) == 900
    assert best < 0.01  # ~1.5 ms on an idle core; generous for a loaded CI
