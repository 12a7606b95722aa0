"""政务新媒体 benchmark over a local replay of the platforms. Prints figures; asserts nothing.

1. 100 accounts (Weibo, 公众号 via Sogou, Bilibili, RSSHub feeds; a few blocked or gone)
   through `check_accounts` — the nightly code path — with politeness delays set to 0:
   wall time against the 2-minute budget, accounts/s, requests.
2. 50 Douyin accounts through one Chromium (pages closed, images blocked): peak RSS of the
   accounts crawl's process tree (worker + browser) against the 400 MB budget.

    .venv/bin/python benchmarks/accounts_bench.py [--accounts 100] [--douyin 50]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.periods import BEIJING
from demo.platforms import PlatformServer, ReplayAccount, ReplayPost
from govwatch.jobs.accounts import check_accounts

AS_OF = datetime(2025, 7, 1, tzinfo=BEIJING)
HEAD = """county: 大姚县
portal: {name: 大姚县人民政府, start_url: "http://127.0.0.1:9/"}
units: [{name: 县公安局}]
"""


def posts(prefix: str, n: int, every: float) -> list[ReplayPost]:
    return [ReplayPost(f"{prefix}{i:04d}", AS_OF - timedelta(days=0.7 + every * i),
                       f"第{i}条：大姚县召开专题会议，部署近期重点工作。", title=f"标题{i}")
            for i in range(n)]  # fmt: skip


def mixed(count: int) -> tuple[list[ReplayAccount], list[str]]:
    replay, lines = [], []
    for i in range(count):
        kind = ("weibo", "wechat", "bilibili", "feed")[i % 4]
        block = "gone" if i % 25 == 7 else None
        if kind == "weibo":
            uid = str(6000000000 + i)
            replay.append(
                ReplayAccount("weibo", uid, f"微博{i}", posts(f"w{i}_", 60, 1.6), block=block)
            )
            lines.append(
                f'  - {{name: 微博{i}, owner: 县公安局, url: "https://m.weibo.cn/u/{uid}"}}'
            )
        elif kind == "wechat":
            replay.append(
                ReplayAccount(
                    "wechat", f"wx{i}", f"公众号{i}", posts(f"{i}0", 30, 3), fakeid=f"biz{i}=="
                )
            )
            lines.append(
                f"  - {{name: 公众号{i}, owner: 县公安局, platform: wechat, wechat_id: wx{i}}}"
            )
        elif kind == "bilibili":
            mid = str(100000 + i)
            replay.append(
                ReplayAccount("bilibili", mid, f"B站{i}", posts(f"BV{i}_", 45, 2), block=block)
            )
            lines.append(
                f'  - {{name: B站{i}, owner: 县公安局, url: "https://space.bilibili.com/{mid}"}}'
            )
        else:
            uid = str(7000000000 + i)
            replay.append(ReplayAccount("feed", uid, f"订阅{i}", posts(f"f{i}_", 20, 2)))
            lines.append(
                f'  - {{name: 订阅{i}, owner: 县公安局, feed: "{{base}}/rsshub/weibo/user/{uid}"}}'
            )
    return replay, lines


def douyin(count: int) -> tuple[list[ReplayAccount], list[str]]:
    replay, lines = [], []
    for i in range(count):
        sec = f"MS4wLjABAAAAbench{i:04d}"
        replay.append(ReplayAccount("douyin", sec, f"抖音{i}", posts(f"7{i}_", 40, 2.2)))
        lines.append(
            f'  - {{name: 抖音{i}, owner: 县公安局, url: "https://www.douyin.com/user/{sec}"}}'
        )
    return replay, lines


def tree_memory(root: int) -> tuple[int, int, int]:
    """(Chromium RSS, Chromium PSS, whole-tree PSS) in bytes over a process's descendants,
    from /proc. RSS summed over Chromium's processes counts their shared pages once per
    process; PSS shares them out. The tree adds the Python worker and Playwright's driver."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
    rss = pss = tree = 0
    stack = list(children.get(root, []))
    while stack:
        pid = stack.pop()
        stack += children.get(pid, [])
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0]
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        share = _pss(pid)
        tree += share
        if b"chrom" in command:
            pss += share
            for line in status.splitlines():
                if line.startswith("VmRSS:"):
                    rss += int(line.split()[1]) * 1024
    return rss, pss, tree


def _pss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def run(replay: list[ReplayAccount], lines: list[str], folder: Path, tag: str) -> tuple:
    with PlatformServer(replay) as server:
        base = server.base_url.rstrip("/")
        config = folder / f"{tag}.yaml"
        text = HEAD + "accounts:\n" + "\n".join(lines).replace("{base}", base) + "\n"
        text += "platforms:\n" + "\n".join(server.platforms_yaml()) + "\n"
        text += "newmedia: {delay_seconds: 0, backoff_seconds: 0, allow_private_hosts: true}\n"
        config.write_text(text, encoding="utf-8")
        peak = [0, 0, 0]
        stop = threading.Event()

        def sample() -> None:
            while not stop.wait(0.2):
                peak[:] = [max(a, b) for a, b in zip(peak, tree_memory(os.getpid()), strict=True)]

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        started = time.perf_counter()
        result = check_accounts(config, f"sqlite:///{folder / (tag + '.db')}", as_of=AS_OF)
        elapsed = time.perf_counter() - started
        stop.set()
        sampler.join()
        statuses: dict[str, int] = {}
        for row in result.checks:
            statuses[row["status"]] = statuses.get(row["status"], 0) + 1
        return elapsed, server.requests, peak, statuses


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--accounts", type=int, default=100)
    parser.add_argument("--douyin", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="govwatch-accounts-bench-") as tmp:
        folder = Path(tmp)
        elapsed, requests, _, statuses = run(*mixed(args.accounts), folder, "mixed")
        print(
            f"{args.accounts} accounts (weibo/公众号/bilibili/feed), delays 0: {elapsed:.1f} s "
            f"= {elapsed / 120:.2f} of the 2-minute budget; {args.accounts / elapsed:.1f} "
            f"accounts/s; {requests} requests; statuses {statuses}"
        )
        elapsed, requests, peak, statuses = run(*douyin(args.douyin), folder, "douyin")
        rss, pss, tree = (value / 1024 / 1024 for value in peak)
        print(
            f"{args.douyin} Douyin accounts through one Chromium: {elapsed:.1f} s "
            f"({elapsed / args.douyin:.2f} s/account); peak Chromium memory PSS {pss:.0f} MB = "
            f"{pss / 400:.2f} of the 400 MB budget (RSS summed per process, shared pages counted "
            f"in each: {rss:.0f} MB = {rss / 400:.2f}); with the Python worker and Playwright's "
            f"driver the whole tree's PSS peaks at {tree:.0f} MB; {requests} requests; "
            f"statuses {statuses}"
        )


if __name__ == "__main__":
    main()
