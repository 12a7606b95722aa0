"""`govwatch schedule`: the nightly service in the foreground (systemd: deploy/govwatch.service),
`--list` its jobs and next run times, `--run-now JOB` one job through the same code path."""

from __future__ import annotations

import logging
import sys
from typing import Annotated

import typer

from core.config import Config, load_config, resolve_db_url
from govwatch.cli.app import app
from govwatch.cli.common import DEFAULT_CONFIG, ConfigOpt, DbOpt, UsageProblem, out, user_errors

STATUS_LABELS = {
    "ok": "完成",
    "failed": "失败",
    "skipped": "跳过",
    "interrupted": "已中断",
    "running": "运行中",
}


@app.command()
def schedule(
    config: ConfigOpt = DEFAULT_CONFIG,
    db: DbOpt = None,
    list_jobs: Annotated[
        bool, typer.Option("--list", help="Show each job and its next run time, then exit.")
    ] = False,
    run_now: Annotated[
        str | None,
        typer.Option(
            "--run-now",
            metavar="JOB",
            help="Run one job now: nightly, probe, report, backup, deliver or digest.",
        ),
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Debug logs.")] = False,
) -> None:
    """Run every job on time (nightly crawl and digest, probes, quarterly report, backup)."""
    from govwatch.jobs import schedule as sched
    from govwatch.jobs.tasks import JOBS, JobContext

    with user_errors():
        cfg = load_config(config)
        db_url = resolve_db_url(db)
        if list_jobs:
            print_jobs(cfg, db_url)
            return
        if run_now is not None and run_now not in JOBS:
            raise UsageProblem(f"--run-now {run_now!r}: choose one of {', '.join(JOBS)}")
        _logging(cfg, verbose)
        from storage.db import upgrade

        upgrade(db_url)
        context = JobContext(str(config), db_url)
        if run_now is None:
            raise typer.Exit(sched.serve(context, cfg))
        status = sched.run_now(run_now, context)
    out.print(f"任务 {run_now}：{STATUS_LABELS.get(status, status)}")
    if status == "failed":
        raise typer.Exit(1)


def print_jobs(cfg: Config, db_url: str) -> None:
    from govwatch.jobs.schedule import RUN_NOW_ONLY, planned_jobs

    out.print(f"{cfg.county} 计划任务（时区 {cfg.schedule.timezone}）", markup=False)
    jobs = planned_jobs(cfg, db_url)
    if not jobs:
        out.print("  没有启用的任务（govwatch.yaml 的 schedule: 全部为 null）")
    for job in jobs:
        if job.next_run is None:
            when = "—"
        elif job.missed:
            when = f"{job.next_run:%Y-%m-%d %H:%M}（已错过，启动后补跑一次）"
        else:
            when = f"{job.next_run:%Y-%m-%d %H:%M}"
        out.print(f"  {job.name:<8} 下次运行 {when}  [{job.when}] {job.label}", markup=False)
    for name, label in RUN_NOW_ONLY.items():
        out.print(f"  {name:<8} {label}", markup=False)
    for module, name in (("probe", "可用性监测"), ("report", "季度报告")):
        if not _has_module(f"govwatch.jobs.{module}"):
            out.print(
                f"注：{name}任务调用 govwatch/jobs/{module}.py，本版本尚未提供，到时记录为“跳过”。"
            )


def _has_module(name: str) -> bool:
    from importlib.util import find_spec

    return find_spec(name) is not None


def _logging(cfg: Config, verbose: bool) -> None:
    """Log lines to stderr (journald), every known secret masked at the handler."""
    from core.accounts import load_secrets
    from core.secrets import Redactor, channel_urls
    from govwatch.jobs.deliver import secrets_file

    urls = channel_urls([c.name for c in cfg.delivery.channels], secrets_file(cfg))
    values = [u for u in urls.values() if u]
    values += list(load_secrets(cfg.newmedia.secrets_file).values())
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(Redactor(values))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    if not verbose:  # APScheduler's and apprise's chatter only when asked for
        logging.getLogger("apscheduler").setLevel(logging.WARNING)
        logging.getLogger("apprise").setLevel(logging.WARNING)
