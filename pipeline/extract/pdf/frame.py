"""PDF user space (origin bottom-left, y up) -> the displayed page (origin
top-left, y down, page rotation applied): every box the extractor hands on
is in displayed-page points, as a reader sees the page."""

from __future__ import annotations

import numpy as np
import pypdfium2 as pdfium


class Frame:
    """Maps PDF user-space points to the displayed page (origin top-left,
    y down, page rotation applied)."""

    def __init__(self, page: pdfium.PdfPage, rotation: int | None = None) -> None:
        l, b, r, t = page.get_cropbox()
        self.l, self.b, self.r, self.t = l, b, r, t
        self.rot = (page.get_rotation() if rotation is None else rotation) % 360
        if self.rot in (90, 270):
            self.width, self.height = t - b, r - l
        else:
            self.width, self.height = r - l, t - b

    def xy(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if self.rot == 90:
            return y - self.b, x - self.l
        if self.rot == 180:
            return self.r - x, y - self.b
        if self.rot == 270:
            return self.t - y, self.r - x
        return x - self.l, self.t - y

    def box(self, x0, y0, x1, y1):
        """Vectorised: user-space boxes -> (X0, Y0, X1, Y1) top-left boxes."""
        ax, ay = self.xy(x0, y0)
        bx, by = self.xy(x1, y1)
        return np.minimum(ax, bx), np.minimum(ay, by), np.maximum(ax, bx), np.maximum(ay, by)
