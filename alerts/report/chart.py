"""The one chart of the 通报, after 一(一): items published per month, by unit type (县级部门,
乡镇), as a PNG. Chinese labels need a CJK font: the first installed of CJK_FONTS (the set-up
installs Debian's fonts-noto-cjk); without one there is no chart (a note says so), never a
chart of empty boxes."""

from __future__ import annotations

import io
import logging
from functools import cache
from typing import Any

logger = logging.getLogger(__name__)

CJK_FONTS = ("Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei",
             "WenQuanYi Micro Hei", "SimHei", "Microsoft YaHei", "AR PL UMing CN")  # fmt: skip
SERIES = (("department", "县级部门"), ("township", "乡镇"))


@cache
def cjk_font() -> str | None:
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def by_unit_type(
    units: dict[str, dict[str, dict[str, int]]], kinds: dict[str, str], months: list[str]
) -> dict[str, dict[str, int]]:
    """month → unit type → items (attributed items only)."""
    out = {m: {key: 0 for key, _ in SERIES} for m in months}
    for unit, per_month in units.items():
        kind = kinds.get(unit, "department")
        for month, cell in per_month.items():
            if month in out:
                out[month][kind] = out[month].get(kind, 0) + cell["all"]
    return out


def render_chart(data: dict[str, dict[str, int]], labels: list[str], title: str) -> bytes | None:
    font = cjk_font()
    if font is None:
        logger.warning("no CJK font installed (fonts-noto-cjk): the report has no chart")
        return None
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    plt.rcParams["font.family"] = font
    plt.rcParams["axes.unicode_minus"] = False
    fig, ax = plt.subplots(figsize=(6.0, 3.2), dpi=200)
    try:
        months = list(data)
        width = 0.36
        for i, (key, label) in enumerate(SERIES):
            xs = [m + (i - 0.5) * width for m in range(len(months))]
            values = [data[m][key] for m in months]
            bars = ax.bar(xs, values, width, label=label, color=("#3a5f8f", "#c8874a")[i])
            ax.bar_label(bars, labels=[str(v) for v in values], fontsize=9, padding=2)
        ax.set_xticks(range(len(months)), labels)
        ax.set_ylabel("信息数（条）")
        ax.set_title(title, fontsize=11)
        ax.legend(frameon=False, fontsize=9)
        ax.spines[["top", "right"]].set_visible(False)
        ax.margins(y=0.15)
        fig.tight_layout()
        out = io.BytesIO()
        # no timestamp in the file: the same figures give the same bytes
        fig.savefig(out, format="png", metadata={"Software": None})
        return out.getvalue()
    finally:
        plt.close(fig)


def chart_caption(quarter_label: str, unattributed: int) -> str:
    caption = f"图1  {quarter_label}各月信息发布数量（按单位类型）"
    if unattributed:
        caption += f"（另有{unattributed}条信息未对应到单位，未计入）"
    return caption


def chart_json(data: dict[str, Any]) -> dict[str, Any]:
    return {"by_unit_type": data, "series": dict(SERIES)}
