"""The budget chart: an inline SVG, so the page needs nothing from outside."""

from __future__ import annotations

import math

import pandas as pd

from pipeline.normalize.months import FISCAL_ABBR
from pipeline.review.formatting import plain


def _compact(v: float) -> str:
    if v >= 1e6:
        return f"{v / 1e6:.1f}M".replace(".0M", "M")
    if v >= 1e3:
        return f"{v / 1e3:.0f}k"
    return f"{v:.0f}"


def budget_chart(totals: pd.DataFrame) -> str:
    """Inline SVG: budget per fiscal month over all plans (totals row)."""
    sums = [0.0] * 12
    if len(totals):
        g = totals.groupby("month_index")["budget_thb"].sum(min_count=1)
        for m, v in g.items():
            if plain(v) is not None and 1 <= int(m) <= 12:
                sums[int(m) - 1] = float(v)
    W, H, left, top, bottom = 720, 190, 56, 18, 30
    plot_h = H - top - bottom
    bar_w = (W - left - 10) / 12
    top_v = max(sums) or 1.0
    step = 10 ** math.floor(math.log10(top_v))
    for mult in (1, 2, 2.5, 5, 10):
        if top_v / (step * mult) <= 5:
            step *= mult
            break
    ymax = step * math.ceil(top_v / step)
    parts = [
        f'<svg class="chart" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" '
        f'aria-label="งบประมาณรายเดือน รวมทุกแผน">'
    ]
    tick = 0.0
    while tick <= ymax + 1e-9:
        y = top + plot_h - plot_h * tick / ymax
        parts.append(f'<line x1="{left}" x2="{W - 6}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" class="ylab">{_compact(tick)}</text>')
        tick += step
    for i, v in enumerate(sums):
        h = plot_h * v / ymax
        x = left + i * bar_w + bar_w * 0.15
        y = top + plot_h - h
        q = "q" + str(i // 3 % 2)
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w * 0.7:.1f}" height="{h:.1f}" rx="2" class="bar {q}">'
            f"<title>{FISCAL_ABBR[i]}: {v:,.2f} บาท</title></rect>"
        )
        if v:
            parts.append(f'<text x="{x + bar_w * 0.35:.1f}" y="{y - 4:.1f}" class="vlab">{_compact(v)}</text>')
        parts.append(f'<text x="{x + bar_w * 0.35:.1f}" y="{H - 10}" class="xlab">{FISCAL_ABBR[i]}</text>')
    parts.append("</svg>")
    return "".join(parts)
