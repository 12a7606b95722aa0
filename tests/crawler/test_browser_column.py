"""A column whose list the page builds with JavaScript from a JSON endpoint (Playwright)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from govwatch.jobs.run import run_job
from storage.db import make_engine, session_factory
from storage.models import Article, ColumnRunState
from tests.httpserver import LocalSite

pytestmark = pytest.mark.browser

LIST_PAGE = """<html><head><meta charset="utf-8"><title>政策解读_测试县人民政府</title></head>
<body><div class="nav"><a href="/zcjd/">政策解读</a></div>
<ul id="list" class="list"></ul>
<script>
// Some provincial platforms render county lists in the browser from a JSON API.
fetch('/api/zcjd/list.json').then(r => r.json()).then(items => {
  const ul = document.getElementById('list');
  for (const it of items) {
    const li = document.createElement('li');
    li.innerHTML = '<a href="' + it.url + '" title="' + it.title + '">' + it.title +
      '</a><span class="date">' + it.date + '</span>';
    ul.appendChild(li);
  }
});
</script></body></html>"""

ARTICLE = """<html><head><meta charset="utf-8"><meta name="ArticleTitle" content="{title}">
<meta name="PubDate" content="{date} 09:30"><meta name="ContentSource" content="县发展和改革局">
</head><body><h1>{title}</h1>
<div class="TRS_Editor"><p>{title}。解读正文。</p></div></body></html>"""


def test_js_built_list_is_rendered_and_its_articles_fetched(tmp_path):
    items = [
        {
            "url": f"/zcjd/202506/t2025060{i}_{i}.html",
            "title": f"政策解读第{i}篇",
            "date": f"2025-06-0{i}",
        }
        for i in range(1, 4)
    ]
    with LocalSite() as site:
        site.page("/", "<html><body>首页</body></html>")
        site.page("/zcjd/", LIST_PAGE)
        site.page("/api/zcjd/list.json", json.dumps(items), content_type="application/json")
        for item in items:
            site.page(item["url"], ARTICLE.format(title=item["title"], date=item["date"]))
        config = tmp_path / "govwatch.yaml"
        config.write_text(
            f"""county: 测试县
portal: {{name: 测试县人民政府, start_url: "{site.url}", discover_columns: false}}
columns:
  - {{name: 政策解读, url: "{site.url}zcjd/", category: policy, render: browser,
     wait_for: "#list li"}}
units:
  - {{name: 县发展和改革局, aliases: [县发改局]}}
crawl: {{download_delay: 0, autothrottle: false}}
text_check: {{enabled: false}}
""",
            encoding="utf-8",
        )
        db_url = f"sqlite:///{tmp_path / 'g.db'}"
        result = run_job(config, db_url)

    assert result.status == "finished"
    assert "/api/zcjd/list.json" in site.hits()  # the browser ran the page's script
    with session_factory(make_engine(db_url))() as session:
        titles = sorted(a.title for a in session.scalars(select(Article)))
        assert titles == ["政策解读第1篇", "政策解读第2篇", "政策解读第3篇"]
        assert all(a.unit.name == "县发展和改革局" for a in session.scalars(select(Article)))
        (state,) = session.scalars(select(ColumnRunState)).all()
        assert state.complete and state.entries == 3
