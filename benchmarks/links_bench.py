"""Link-check cost on the embedded demo county, over loopback. Prints figures; asserts nothing.

Two full crawls (`govwatch run`, fresh databases, the default politeness of govwatch.yaml as
the demo writes it): one with the link checks, attachment texts and identity samples switched
off, one with the defaults. Printed: requests and crawl seconds of each, and the ratios
(issue: at most 1.30 × the requests and 1.50 × the wall time), plus the link targets found.

    .venv/bin/python benchmarks/links_bench.py [--repeat 1]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from demo import DemoServer, build_site
from storage.db import make_engine, session_factory
from storage.models import CrawlRun, LinkCheck

OFF = """
links:
  enabled: false
privacy:
  attachments: false
identity:
  enabled: false
"""


def _crawl(config: Path, db_url: str) -> tuple[float, int, int, int, int]:
    """(crawl seconds, requests, link requests, link targets, not-ok targets) of one run."""
    command = [sys.executable, "-m", "govwatch", "run", "-c", str(config), "--db", db_url]
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - started
    with session_factory(make_engine(db_url))() as session:
        run = session.scalars(select(CrawlRun).order_by(CrawlRun.id.desc())).first()
        assert run is not None and run.finished_at is not None
        targets = session.scalar(select(func.count()).where(LinkCheck.run_id == run.id)) or 0
        failing = session.scalar(
            select(func.count()).where(LinkCheck.run_id == run.id, LinkCheck.outcome != "ok")
        )
        seconds = (run.finished_at - run.started_at).total_seconds()
        print(f"    whole command {wall:.1f} s, crawl {seconds:.1f} s, status {run.status}")
        return seconds, run.requests, run.link_requests, targets, int(failing or 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=1, help="pairs of crawls to average")
    args = parser.parse_args()
    site = build_site()
    base: list[tuple[float, int]] = []
    full: list[tuple[float, int]] = []
    with tempfile.TemporaryDirectory() as tmp, DemoServer(site) as server:
        text = site.config_yaml(server.base_url)
        on, off = Path(tmp) / "on.yaml", Path(tmp) / "off.yaml"
        on.write_text(text, encoding="utf-8")
        off.write_text(text + OFF, encoding="utf-8")
        for n in range(args.repeat):
            print(f"pair {n + 1}: without link checks")
            seconds, requests, _, _, _ = _crawl(off, f"sqlite:///{tmp}/off{n}.db")
            base.append((seconds, requests))
            print(f"pair {n + 1}: with link checks (defaults)")
            seconds, requests, links, targets, failing = _crawl(on, f"sqlite:///{tmp}/on{n}.db")
            full.append((seconds, requests))
            print(
                f"    {targets} link targets recorded, {links} link requests, "
                f"{failing} not ok (dead, suspected or not checked)"
            )
    base_s = sum(s for s, _ in base) / len(base)
    base_r = sum(r for _, r in base) / len(base)
    full_s = sum(s for s, _ in full) / len(full)
    full_r = sum(r for _, r in full) / len(full)
    print(f"without link checks: {base_r:.0f} requests, {base_s:.1f} s crawl")
    print(f"with link checks   : {full_r:.0f} requests, {full_s:.1f} s crawl")
    print(f"requests ratio {full_r / base_r:.2f} (target ≤ 1.30)")
    print(f"wall-time ratio {full_s / base_s:.2f} (target ≤ 1.50)")


if __name__ == "__main__":
    main()
