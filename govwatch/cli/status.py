"""`govwatch status`: what an operator checks first — the last runs and how they ended, the
next scheduled jobs, each channel and its last delivery, the database size. Read-only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import make_url, select, text

from core.config import Config, load_config, resolve_db_url
from core.jsonable import dumps
from core.vocab import RunStatus
from govwatch.cli.app import app
from govwatch.cli.common import DEFAULT_CONFIG, ConfigOpt, DbOpt, JsonOpt, out, user_errors

DELIVERY_LABELS = {
    "sent": "已发送",
    "failed": "发送失败",
    "held": "免打扰时段暂缓",
    "skipped": "未发送",
    "sending": "发送中",
}
JOB_LABELS = {"ok": "完成", "failed": "失败", "skipped": "跳过", "interrupted": "已中断"}
JOB_LABELS["running"] = "运行中"


@app.command()
def status(config: ConfigOpt = DEFAULT_CONFIG, db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Last runs, next scheduled jobs, delivery channels, database size."""
    with user_errors():
        cfg = load_config(config)
        data = collect(cfg, resolve_db_url(db))
    if as_json:
        print(dumps(data))
        return
    print_status(data)


def collect(cfg: Config, db_url: str) -> dict[str, Any]:
    from core.secrets import channel_urls
    from govwatch.jobs.deliver import last_deliveries, secrets_file
    from govwatch.jobs.schedule import planned_jobs
    from storage.db import make_engine, require_current, session_factory
    from storage.models import AccountRun, CrawlRun, JobRun

    require_current(db_url)
    engine = make_engine(db_url)
    try:
        with session_factory(engine)() as session:
            crawls = session.scalars(select(CrawlRun).order_by(CrawlRun.id.desc()).limit(5))
            runs = [_crawl(r) for r in crawls]
            account = session.scalar(select(AccountRun).order_by(AccountRun.id.desc()).limit(1))
            jobs: dict[str, Any] = {}
            for row in session.scalars(select(JobRun).order_by(JobRun.id.desc()).limit(200)):
                jobs.setdefault(row.job, _job(row))
            delivered = last_deliveries(session)
            size = _size(engine, db_url)
    finally:
        engine.dispose()
    urls = channel_urls([c.name for c in cfg.delivery.channels], secrets_file(cfg))
    channels = []
    for channel in cfg.delivery.channels:
        row = delivered.get(channel.name)
        channels.append(
            {
                "name": channel.name,
                "configured": bool(urls.get(channel.name)),  # never the URL itself
                "variable": channel.variable,
                "units": channel.units,
                "last_status": row.status if row else None,
                "last_attempt_at": (row.last_attempt_at or row.created_at) if row else None,
                "attempts": row.attempts if row else 0,
                "error": row.error if row else None,
            }
        )
    planned = [
        {
            "name": p.name,
            "label": p.label,
            "when": p.when,
            "next_run": p.next_run,
            "missed": p.missed,
        }
        for p in planned_jobs(cfg, db_url)
    ]
    return {
        "runs": runs,
        "account_run": _account(account) if account else None,
        "jobs": list(jobs.values()),
        "planned": planned,
        "channels": channels,
        "database": {"url": _safe_url(db_url), "bytes": size},
    }


def print_status(data: dict[str, Any]) -> None:
    out.print("[bold]最近采集[/bold]")
    if not data["runs"]:
        out.print("  尚无采集记录")
    for r in data["runs"]:
        note = f"，{r['note']}" if r["note"] else ""
        out.print(
            f"  #{r['id']} {_t(r['started_at'])} {r['status_label']}，新增 {r['articles_new']} 篇，"
            f"采集失败 {r['errors']} 处{note}",
            markup=False,
        )
    if data["account_run"]:
        a = data["account_run"]
        out.print(f"  政务新媒体检查 #{a['id']} {_t(a['started_at'])} {a['status']}", markup=False)
    out.print("[bold]任务执行[/bold]")
    if not data["jobs"]:
        out.print("  尚无记录（govwatch schedule 尚未运行）")
    for j in data["jobs"]:
        note = f"：{j['note']}" if j["note"] else ""
        out.print(f"  {j['job']} {_t(j['started_at'])} {j['status_label']}{note}", markup=False)
    out.print("[bold]计划任务[/bold]")
    for p in data["planned"]:
        late = "（已错过，启动后补跑一次）" if p["missed"] else ""
        out.print(f"  {p['name']} 下次 {_t(p['next_run'])}{late}  {p['label']}", markup=False)
    out.print("[bold]推送渠道[/bold]")
    if not data["channels"]:
        out.print("  未配置（govwatch.yaml 的 delivery.channels）")
    for c in data["channels"]:
        scope = "、".join(c["units"]) if c["units"] else "全部单位"
        state = "已配置" if c["configured"] else f"未配置（缺少 {c['variable']}）"
        last = "尚未推送"
        if c["last_status"]:
            last = f"{_t(c['last_attempt_at'])} {DELIVERY_LABELS.get(c['last_status'])}"
            if c["last_status"] == "failed":
                last += f"（尝试 {c['attempts']} 次：{c['error'] or '原因不明'}）"
        out.print(f"  {c['name']}（{scope}）{state}，最近一次：{last}", markup=False)
    size = data["database"]["bytes"]
    shown = f"{size / 1024 / 1024:.1f} MB" if size is not None else "未知"
    out.print(f"[bold]数据库[/bold] {data['database']['url']}：{shown}")


def _t(value: Any) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else "—"


def _crawl(r: Any) -> dict[str, Any]:
    return {
        "id": r.id,
        "started_at": r.started_at,
        "finished_at": r.finished_at,
        "status": r.status,
        "status_label": RunStatus(r.status).label,
        "articles_new": r.articles_new,
        "errors": r.errors,
        "note": r.note,
    }


def _account(a: Any) -> dict[str, Any]:
    return {"id": a.id, "started_at": a.started_at, "status": a.status, "note": a.note}


def _job(row: Any) -> dict[str, Any]:
    return {
        "job": row.job,
        "scheduled_for": row.scheduled_for,
        "started_at": row.started_at,
        "finished_at": row.finished_at,
        "status": row.status,
        "status_label": JOB_LABELS.get(row.status, row.status),
        "manual": row.manual,
        "note": row.note,
    }


def _size(engine: Any, db_url: str) -> int | None:
    url = make_url(db_url)
    if url.get_backend_name() == "sqlite":
        path = Path(str(url.database))
        files = [path, Path(f"{path}-wal"), Path(f"{path}-shm")]
        return sum(p.stat().st_size for p in files if p.exists())
    if url.get_backend_name() == "postgresql":
        with engine.connect() as connection:
            return connection.scalar(text("select pg_database_size(current_database())"))
    return None


def _safe_url(db_url: str) -> str:
    return make_url(db_url).render_as_string(hide_password=True)
