"""`govwatch probe`: one availability round now, stored, and the week's figures (19号 站点无法
访问). A site that is down is a result, not an error: the exit code is 0 whenever the probes
ran."""

from __future__ import annotations

from core.config import load_config, resolve_db_url
from core.failures import label_of
from govwatch.cli.app import app
from govwatch.cli.common import DEFAULT_CONFIG, ConfigOpt, DbOpt, err, out, user_errors


@app.command()
def probe(config: ConfigOpt = DEFAULT_CONFIG, db: DbOpt = None) -> None:
    """Request the home page, probe.urls and the reference URL once; print and store the result."""
    from govwatch.jobs.probe import ROLES, probe_job, verdict

    with user_errors():
        cfg = load_config(config)
        result = probe_job(config, resolve_db_url(db), origin="cli")
    if result.interrupted:
        err.print("探测被中断，本轮未记录")
        return
    out.print(f"可用性探测 {result.round_at:%Y-%m-%d %H:%M:%S}（超时{cfg.probe.timeout:g}秒）")
    for p in result.probed:
        a = p.answer
        state = "可访问" if a.ok else "无法访问"
        status = f"HTTP {a.http_status}" if a.http_status else "无应答"
        elapsed = f"{a.elapsed_ms}毫秒" if a.elapsed_ms is not None else "—"
        line = f"  {ROLES[p.role]} {a.url}  {state}，{status}，响应时间{elapsed}"
        if a.code:  # a failure, or an available answer worth noting (a WAF page)
            why = "备注" if a.ok else "失败原因"
            line += f"，{why}：{label_of(a.code)}" + (f"（{a.detail}）" if a.detail else "")
        out.print(line, markup=False)
    if result.window is not None:
        window = result.window
        out.print(verdict(window, cfg), markup=False)
        if window.excluded_rounds:
            out.print(
                f"  其中{window.excluded_rounds}轮参照网址也无法访问，视为本机网络故障，整轮未计入",
                markup=False,
            )
