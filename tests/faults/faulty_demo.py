"""The demo county served with deterministic faults, as a hostile county server would.

Transient faults hit a request's first attempt only (5 % 500/502/503, 3 % hangs beyond the
crawl's timeout, 2 % truncated bodies, 429 with Retry-After on some list pages), so Scrapy's
retries must absorb every one of them. Persistent faults stay: captcha pages with HTTP 200 on
a few articles, a redirect loop, a response that never ends, a 50 MB page. Two pages are
served with a wrong and with no charset (they must still read right). `redesign()` switches
政务要闻's list to a card template the spider cannot page through.
"""

from __future__ import annotations

import hashlib
import threading
from collections import Counter
from dataclasses import dataclass
from html import escape
from random import Random

from demo import DemoServer, DemoSite
from demo.loopback import Resource

CAPTCHA = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>安全验证</title>
<script>document.cookie="acw_sc__v2=5f3c2a";</script></head><body>
<div class="nc-container"><p>请按住滑块，拖动到最右边</p>
<div id="nc_1_n1z" class="slide-verify"></div>
</div><p>为保障您的访问安全，请完成安全验证后继续访问。</p></body></html>"""


@dataclass
class FaultPlan:
    """Which URLs carry which persistent fault; derived from the site and a seed."""

    captcha: list[str]
    loop: str
    endless: str
    huge: str
    wrong_charset: str
    no_charset: str
    rate_limited_lists: list[str]

    @property
    def persistent(self) -> dict[str, str]:
        """Path → the failure code the crawl must report for it, exactly once."""
        out = dict.fromkeys(self.captcha, "blocked")
        out[self.loop] = "redirect_loop"
        out[self.endless] = "too_large"
        out[self.huge] = "too_large"
        return out


def plan_faults(site: DemoSite, seed: int = 7) -> FaultPlan:
    rng = Random(seed)
    # quarter articles of TRS and Hanweb columns (the browser column's list is JSON)
    items = [i for i in site.plan.quarter_items() if i.col.family != "json" and not i.split]
    picked = rng.sample(sorted(i.path for i in items), 9)
    # a GBK page whose header claims UTF-8: the bytes do not decode, the <meta> tells the truth
    gbk = sorted(i.path for i in items if i.col.encoding == "gbk" and i.path not in picked)
    return FaultPlan(
        captcha=picked[:5],
        loop=picked[5],
        endless=picked[6],
        huge=picked[7],
        no_charset=picked[8],
        wrong_charset=rng.choice(gbk),
        rate_limited_lists=["/bmdt/", "/xzdt/"],
    )


class FaultyDemoServer(DemoServer):
    """DemoServer with faults; `faults_on = False` serves the clean site."""

    def __init__(self, site: DemoSite, plan: FaultPlan, *, seed: int = 7, hang: float = 4.0):
        super().__init__(site)
        self.plan = plan
        self.seed = seed
        self.hang = hang
        self.faults_on = True
        self.redesigned = False
        self.attempts: Counter[str] = Counter()
        self._count_lock = threading.Lock()

    def _respond(self, method: str, target: str, body: bytes) -> Resource:
        if self.redesigned and _is_zwyw_list(target):
            return self._card_list(target)
        if not self.faults_on or target == "/robots.txt":
            return super()._respond(method, target, body)
        path = target.split("?", 1)[0]
        with self._count_lock:
            attempt = self.attempts[target]
            self.attempts[target] += 1
        persistent = self._persistent(target)
        if persistent is not None:
            return persistent
        clean = super()._respond(method, target, body)
        if path == self.plan.wrong_charset:
            return Resource(clean.body, "text/html; charset=utf-8")
        if path == self.plan.no_charset:
            return Resource(clean.body, "text/html")
        if attempt == 0:
            transient = self._transient(target, clean)
            if transient is not None:
                return transient
        return clean

    def _persistent(self, target: str) -> Resource | None:
        plan = self.plan
        path = target.split("?", 1)[0]
        if path in plan.captcha:
            return Resource(CAPTCHA.encode("utf-8"))
        if target == plan.loop:
            return Resource(b"", status=302, location=plan.loop + "?from=1")
        if target == plan.loop + "?from=1":
            return Resource(b"", status=302, location=plan.loop)
        if path == plan.endless:
            return Resource(b"<p>" + b"x" * 65533 + b"</p>", stream=True)
        if path == plan.huge:
            return Resource(b"<html><body>" + b"<p>x</p>" * (50 * 1024 * 1024 // 8) + b"</body>")
        return None

    def _transient(self, target: str, clean: Resource) -> Resource | None:
        if target in self.plan.rate_limited_lists:
            return Resource(b"slow down", status=429, headers=(("Retry-After", "1"),))
        draw = _draw(self.seed, target)
        if draw < 0.05:
            return Resource(b"<h1>bad gateway</h1>", status=(500, 502, 503)[int(draw * 60) % 3])
        if draw < 0.08:
            return Resource(clean.body, clean.content_type, delay=self.hang)
        if draw < 0.10 and len(clean.body) > 200:
            return Resource(clean.body, clean.content_type, truncate_at=len(clean.body) // 2)
        return None

    def _card_list(self, target: str) -> Resource:
        """政务要闻 after a redesign: cards without dates, a pager drawn by a script from data
        the spider cannot see — the first page reads as 20 undated entries and nothing more."""
        items = sorted(
            (i for i in self.site.items if i.column == "zwyw" and i.published),
            key=lambda i: i.published,  # type: ignore[arg-type,return-value]
            reverse=True,
        )[:20]
        cards = "".join(
            f'<div class="news-card"><a href="{i.path}"><h3>{escape(i.title)}</h3></a>'
            f'<p class="summary">{escape(i.title)}……</p></div>'
            for i in items
        )
        html = (
            '<!DOCTYPE html><html><head><meta charset="utf-8"><title>政务要闻_大姚县人民政府'
            f'</title></head><body><div class="card-list">{cards}</div>'
            '<div id="pager" data-api="/api/news/pages"></div>'
            "<script src='/static/js/pager.bundle.js'></script></body></html>"
        )
        return Resource(html.encode("utf-8"))


def _is_zwyw_list(target: str) -> bool:
    path = target.split("?", 1)[0]
    return path in ("/zwyw/", "/zwyw/index.html") or (
        path.startswith("/zwyw/index_") and path.endswith(".html")
    )


def _draw(seed: int, target: str) -> float:
    digest = hashlib.sha256(f"{seed}|{target}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64
