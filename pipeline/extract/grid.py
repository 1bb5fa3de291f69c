"""Tables from ruling lines: shared by the PDF text-layer path and the scan path.

Input: horizontal and vertical line segments in page coordinates (PDF points
or pixels, origin top-left; the y axis may point either way as long as both
lists agree).  Segments may be broken into pieces, slightly off-axis, drawn
twice (double borders) or a little short of the lines they should meet.

Output: one `Grid` per connected ruled region, with its row and column edges
and the cells of the grid, merged cells included.

How:
1. every segment is reduced to (position, start, end) on its axis;
2. positions within `tol` are clustered (one ruling line per cluster) and the
   pieces of a line merged when the gap between them is small;
3. merged lines that touch (within `tol`) form connected regions: one region,
   one table (a page may hold several);
4. the region's clustered positions give the slot grid; between two
   neighbouring slots the boundary counts as ruled when segments cover at
   least `min_cover` of it; unruled boundaries join slots into merged cells;
5. slot groups that are not rectangles (noise) are cut into rectangles, and
   groups outside the ruled area (an unruled side) are dropped.

Pure python + numpy; a 30x30 grid takes ~2 ms.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from pipeline.model import Box

__all__ = ["Segment", "GridCell", "Grid", "find_grids"]


@dataclass(frozen=True, slots=True)
class Segment:
    """A ruling-line piece.  Horizontal if y0 ~ y1, vertical if x0 ~ x1."""

    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(slots=True)
class GridCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    box: Box


@dataclass(slots=True)
class Grid:
    box: Box
    row_edges: list[float]
    col_edges: list[float]
    cells: list[GridCell] = field(default_factory=list)

    @property
    def n_rows(self) -> int:
        return len(self.row_edges) - 1

    @property
    def n_cols(self) -> int:
        return len(self.col_edges) - 1


# A "line" below is a numpy row: (pos, start, end) with start <= end.


def _as_lines(segments: list[Segment], horizontal: bool) -> np.ndarray:
    if not segments:
        return np.zeros((0, 3))
    a = np.array([(s.x0, s.y0, s.x1, s.y1) for s in segments], dtype=float)
    if horizontal:
        pos = (a[:, 1] + a[:, 3]) / 2
        lo = np.minimum(a[:, 0], a[:, 2])
        hi = np.maximum(a[:, 0], a[:, 2])
    else:
        pos = (a[:, 0] + a[:, 2]) / 2
        lo = np.minimum(a[:, 1], a[:, 3])
        hi = np.maximum(a[:, 1], a[:, 3])
    return np.column_stack([pos, lo, hi])


def _cluster_1d(values: np.ndarray, tol: float) -> np.ndarray:
    """Label sorted-chain clusters: neighbours closer than `tol` share a label.
    Returns labels in the order of `values`."""
    if len(values) == 0:
        return np.zeros(0, dtype=int)
    order = np.argsort(values, kind="stable")
    v = values[order]
    breaks = np.concatenate([[0], (np.diff(v) > tol).astype(int)])
    lab_sorted = np.cumsum(breaks)
    labels = np.empty(len(values), dtype=int)
    labels[order] = lab_sorted
    return labels


def _merge_lines(lines: np.ndarray, tol: float, gap: float) -> np.ndarray:
    """Cluster positions within `tol` (each cluster snapped to its
    length-weighted mean position) and merge collinear pieces whose gap is
    at most `gap`.  Returns merged lines (pos, start, end)."""
    if len(lines) == 0:
        return lines
    labels = _cluster_1d(lines[:, 0], tol)
    n = int(labels.max()) + 1
    w = np.maximum(lines[:, 2] - lines[:, 1], 1e-6)
    pos = np.bincount(labels, weights=lines[:, 0] * w, minlength=n) / np.bincount(labels, weights=w, minlength=n)
    order = np.lexsort((lines[:, 1], labels))
    lab = labels[order]
    lo = lines[order, 1]
    hi = lines[order, 2]
    # running max of `hi` restarted per cluster: offset each cluster far apart
    span = float(np.max(np.abs(lines[:, 1:3]))) * 4 + 4 * gap + 1.0
    run_hi = np.maximum.accumulate(hi + lab * span) - lab * span
    new = np.ones(len(lo), dtype=bool)
    new[1:] = (lab[1:] != lab[:-1]) | (lo[1:] - run_hi[:-1] > gap)
    starts = np.nonzero(new)[0]
    m_lo = lo[starts]
    m_hi = np.maximum.reduceat(hi, starts)
    return np.column_stack([pos[lab[starts]], m_lo, m_hi])


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        p = self.parent
        while p[i] != i:
            p[i] = p[p[i]]
            i = p[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _edges(positions: np.ndarray, lengths: np.ndarray, tol: float) -> np.ndarray:
    """Cluster line positions of one region into grid edges."""
    labels = _cluster_1d(positions, tol)
    n = labels.max() + 1
    w = np.maximum(lengths, 1e-6)
    sums = np.bincount(labels, weights=positions * w, minlength=n)
    wts = np.bincount(labels, weights=w, minlength=n)
    return np.sort(sums / wts)


def _coverage(lines: np.ndarray, edges: np.ndarray, spans: np.ndarray, tol: float) -> np.ndarray:
    """cov[i, j]: fraction of the interval spans[j]..spans[j+1] at position
    edges[i] covered by `lines` (pos, start, end); pieces are extended by
    `tol` at both ends so lines stopping a little short still count."""
    n_e, n_s = len(edges), len(spans) - 1
    cov = np.zeros((n_e, n_s))
    if len(lines) == 0 or n_s <= 0:
        return cov
    a = spans[:-1]
    b = spans[1:]
    length = np.maximum(b - a, 1e-9)
    # line -> nearest edge
    idx = np.searchsorted(edges, lines[:, 0])
    idx = np.clip(idx, 1, max(n_e - 1, 1)) if n_e > 1 else np.zeros(len(lines), dtype=int)
    if n_e > 1:
        left = edges[idx - 1]
        right = edges[idx]
        choose_left = np.abs(lines[:, 0] - left) <= np.abs(lines[:, 0] - right)
        idx = np.where(choose_left, idx - 1, idx)
    near = np.abs(lines[:, 0] - edges[idx]) <= tol
    ln = lines[near]
    lo = ln[:, 1:2] - tol
    hi = ln[:, 2:3] + tol
    ov = np.clip(np.minimum(b[None, :], hi) - np.maximum(a[None, :], lo), 0, None) / length[None, :]
    np.add.at(cov, idx[near], ov)
    # overlapping pieces (double borders) may add up beyond 1
    return np.minimum(cov, 1.0)


def _region_grid(h: np.ndarray, v: np.ndarray, tol: float, min_cover: float) -> Grid | None:
    row_edges = _edges(h[:, 0], h[:, 2] - h[:, 1], tol)
    col_edges = _edges(v[:, 0], v[:, 2] - v[:, 1], tol)
    if len(row_edges) < 2 or len(col_edges) < 2:
        return None
    n_r, n_c = len(row_edges) - 1, len(col_edges) - 1
    # hcov[i, j]: horizontal edge i over column slot j; vcov[j, i]: vertical edge j over row slot i
    hcov = _coverage(h, row_edges, col_edges, tol) >= min_cover
    vcov = _coverage(v, col_edges, row_edges, tol) >= min_cover

    # union only across unruled boundaries (few); all other slots are single cells
    uf = _UnionFind(n_r * n_c)
    touched = np.zeros((n_r, n_c), dtype=bool)
    for jb, i in zip(*np.nonzero(~vcov[1:-1, :])):  # between col jb and jb+1, row i
        uf.union(int(i) * n_c + int(jb), int(i) * n_c + int(jb) + 1)
        touched[i, jb] = touched[i, jb + 1] = True
    for ib, j in zip(*np.nonzero(~hcov[1:-1, :])):  # between row ib and ib+1, col j
        uf.union(int(ib) * n_c + int(j), (int(ib) + 1) * n_c + int(j))
        touched[ib, j] = touched[ib + 1, j] = True

    cells: list[GridCell] = []
    # single slots: only their outer sides can be unruled
    rr, cc = np.nonzero(~touched)
    ok = hcov[rr, cc] & hcov[rr + 1, cc] & vcov[cc, rr] & vcov[cc + 1, rr]
    ce = col_edges.tolist()
    re_ = row_edges.tolist()
    for r, c in zip(rr[ok].tolist(), cc[ok].tolist()):
        cells.append(GridCell(r, c, 1, 1, Box(ce[c], re_[r], ce[c + 1], re_[r + 1])))

    groups: dict[int, list[int]] = {}
    for r, c in zip(*np.nonzero(touched)):
        s = int(r) * n_c + int(c)
        groups.setdefault(uf.find(s), []).append(s)
    for slots in groups.values():
        for r0, c0, r1, c1 in _rectangles(slots, n_c):
            # a rectangle with an unruled outer side lies outside the table
            top = hcov[r0, c0 : c1 + 1].mean() >= 0.5
            bottom = hcov[r1 + 1, c0 : c1 + 1].mean() >= 0.5
            left = vcov[c0, r0 : r1 + 1].mean() >= 0.5
            right = vcov[c1 + 1, r0 : r1 + 1].mean() >= 0.5
            if not (top and bottom and left and right):
                continue
            box = Box(ce[c0], re_[r0], ce[c1 + 1], re_[r1 + 1])
            cells.append(GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, box))
    if not cells:
        return None
    cells.sort(key=lambda c: (c.row, c.col))
    box = Box(float(col_edges[0]), float(row_edges[0]), float(col_edges[-1]), float(row_edges[-1]))
    return Grid(box, [float(x) for x in row_edges], [float(x) for x in col_edges], cells)


def _rectangles(slots: list[int], n_c: int) -> list[tuple[int, int, int, int]]:
    """Cut a group of slots into rectangles (r0, c0, r1, c1), inclusive.  A
    clean merged cell is one rectangle; an irregular group (noise) is cut
    greedily: widest run from the top-left slot, then as many rows as fit."""
    if len(slots) == 1:
        r, c = divmod(slots[0], n_c)
        return [(r, c, r, c)]
    rc = [divmod(s, n_c) for s in slots]
    r0 = min(r for r, _ in rc)
    r1 = max(r for r, _ in rc)
    c0 = min(c for _, c in rc)
    c1 = max(c for _, c in rc)
    if (r1 - r0 + 1) * (c1 - c0 + 1) == len(slots):
        return [(r0, c0, r1, c1)]
    left = set(rc)
    out = []
    while left:
        r, c = min(left)
        ce = c
        while (r, ce + 1) in left:
            ce += 1
        re = r
        while all((re + 1, k) in left for k in range(c, ce + 1)):
            re += 1
        for rr in range(r, re + 1):
            for cc in range(c, ce + 1):
                left.discard((rr, cc))
        out.append((r, c, re, ce))
    return out


def find_grids(
    horizontal: list[Segment],
    vertical: list[Segment],
    tol: float,
    *,
    min_cover: float = 0.5,
    gap: float | None = None,
    min_length: float | None = None,
) -> list[Grid]:
    """Find ruled tables.

    tol: how far apart two strokes may be and still be one line (also how far
    a line may stop short of the line it meets); ~1.5-3 pt for PDFs, a few
    pixels for scans.  gap: pieces of one line closer than this are joined
    (default 2*tol).  min_cover: share of a slot boundary that must be ruled
    for the boundary to count.  min_length: shorter merged lines are ignored
    (default 2*tol; keeps dashes and dots out).

    Returns grids sorted top to bottom, then left to right."""
    if gap is None:
        gap = 2 * tol
    if min_length is None:
        min_length = 2 * tol
    h = _merge_lines(_as_lines(list(horizontal), True), tol, gap)
    v = _merge_lines(_as_lines(list(vertical), False), tol, gap)
    if len(h):
        h = h[(h[:, 2] - h[:, 1]) >= min_length]
    if len(v):
        v = v[(v[:, 2] - v[:, 1]) >= min_length]
    if len(h) < 2 or len(v) < 2:
        return []

    # intersections: h (y, x0, x1) meets v (x, y0, y1)
    hy, hx0, hx1 = h[:, 0:1], h[:, 1:2], h[:, 2:3]
    vx, vy0, vy1 = v[:, 0][None, :], v[:, 1][None, :], v[:, 2][None, :]
    meet = (vx >= hx0 - tol) & (vx <= hx1 + tol) & (hy >= vy0 - tol) & (hy <= vy1 + tol)
    # connected regions by label propagation over the meet matrix (a ruled
    # table has a small diameter: converges in a few rounds)
    n_h, n_v = len(h), len(v)
    big = n_h + n_v
    lab_h = np.arange(n_h)
    lab_v = np.full(n_v, big)
    for _ in range(big):
        new_v = np.where(meet, lab_h[:, None], big).min(axis=0)
        new_h = np.minimum(lab_h, np.where(meet, new_v[None, :], big).min(axis=1))
        if np.array_equal(new_h, lab_h) and np.array_equal(new_v, lab_v):
            break
        lab_h, lab_v = new_h, new_v
    has_h = meet.any(axis=1)
    has_v = meet.any(axis=0)
    comps: dict[int, tuple[list[int], list[int]]] = {}
    for i in np.nonzero(has_h)[0].tolist():
        comps.setdefault(int(lab_h[i]), ([], []))[0].append(i)
    for j in np.nonzero(has_v)[0].tolist():
        comps.setdefault(int(lab_v[j]), ([], []))[1].append(j)

    grids: list[Grid] = []
    for hi, vi in comps.values():
        if len(hi) < 2 or len(vi) < 2:
            continue
        g = _region_grid(h[hi], v[vi], tol, min_cover)
        if g is not None:
            grids.append(g)
    grids.sort(key=lambda g: (g.box.y0, g.box.x0))
    return grids
