"""Portal pages outside the columns: home, 信息公开 landing, 互动交流, 走进大姚, the
browser-built 政策解读 list and its JSON, robots.txt, scripts, styles, images, attachments.
"""

from __future__ import annotations

import json
import struct
import zlib
from html import escape

from demo.board import BOARDS
from demo.columns import (
    COLUMNS,
    COLUMNS_BY_KEY,
    JSON_LIST_ID,
    JSON_LIST_PATH,
)
from demo.items import Item
from demo.render_common import (
    attr,
    footer_script,
    page,
    site_metas,
    truncate,
)
from demo.site_plants import home_links
from demo.units import PORTAL_NAME

ROBOTS_TXT = """User-agent: *
Disallow: /admin/
Disallow: /search/

"""

# -- home page --------------------------------------------------------------------------------


def _block(title: str, more: str, items: list[Item], date_format: str) -> str:
    rows = "\n".join(
        f'<li><a href="{i.path}" title="{attr(i.title)}" target="_blank">'
        f"{escape(truncate(i.title, 26))}</a><span>{i.published:{date_format}}</span></li>"
        for i in items
        if i.published
    )
    return f"""<div class="index-box">
 <div class="index-title"><span>{title}</span><a class="more" href="{more}">更多&gt;&gt;</a></div>
 <ul class="index-list">
{rows}
 </ul>
</div>
"""


def render_home(latest: dict[str, list[Item]], accounts: list[tuple[str, str]]) -> str:
    zwyw, tzgg = COLUMNS_BY_KEY["zwyw"], COLUMNS_BY_KEY["tzgg"]
    bmdt, xzdt = COLUMNS_BY_KEY["bmdt"], COLUMNS_BY_KEY["xzdt"]
    tabs = f"""<div class="index-box">
 <ul class="tab J_tabHandler"><li class="on"><a href="{bmdt.path}">部门动态</a></li><li><a href="{xzdt.path}">乡镇动态</a></li></ul>
 <ul class="infoList">
{"".join(f'<li><a href="{i.path}" title="{attr(i.title)}">{escape(truncate(i.title, 22))}</a><span>{i.published:%m-%d}</span></li>' for i in latest["bmdt"][:6] if i.published)}
 </ul>
 <ul class="infoList" style="display:none">
{"".join(f'<li><a href="{i.path}" title="{attr(i.title)}">{escape(truncate(i.title, 22))}</a><span>{i.published:%m-%d}</span></li>' for i in latest["xzdt"][:6] if i.published)}
 </ul>
</div>
"""  # noqa: E501
    xxgk = "".join(
        f'<li><a href="{c.path}">{c.name}</a></li>' for c in COLUMNS if c.family != "trs"
    )
    media = "".join(
        f"<li><span>{escape(name)}</span><em>{escape(owner)}</em></li>" for name, owner in accounts
    )
    body = f"""<div class="index-search"><form action="/search/" method="get" target="_blank">
<input type="text" name="searchword" class="search-input" placeholder="请输入关键词">
<input type="submit" value="搜索" class="search-btn"></form></div>
<div class="index-row">
{_block(zwyw.name, zwyw.path, latest["zwyw"][:8], "%Y-%m-%d")}
{_block(tzgg.name, tzgg.path, latest["tzgg"][:8], "%Y-%m-%d")}
</div>
<div class="index-row">
{tabs}
<div class="index-box"><div class="index-title"><span>政府信息公开</span></div><ul class="xxgk-links">
<li><a href="/zfxxgk/zn.html">政府信息公开指南</a></li><li><a href="/zfxxgk/nb.html">政府信息公开年报</a></li>
{xxgk}</ul></div>
</div>
<div class="index-row">{home_links()}</div>
<div class="index-row"><div class="index-box"><div class="index-title"><span>政务新媒体</span></div><ul class="media-list">{media}</ul></div></div>
"""  # noqa: E501
    metas = site_metas() + (
        '<meta name="ColumnName" content="首页">\n'
        '<meta name="ColumnDescription" content="大姚县人民政府门户网站">\n'
        '<meta name="ColumnKeywords" content="大姚,大姚县人民政府">\n'
        '<meta name="ColumnType" content="首页">\n'
    )
    return page(title=PORTAL_NAME, charset="utf-8", metas=metas, body=body)


# -- small static pages -----------------------------------------------------------------------


def _simple(title: str, crumbs: str, inner: str, footer_js: bool = False) -> str:
    body = f"""<div class="position">您现在的位置是：<a href="/">首页</a>&nbsp;&gt;&gt;&nbsp;{crumbs}</div>
<div class="simple">
<h2>{title}</h2>
{inner}
</div>
"""  # noqa: E501
    return page(
        title=f"{title}_{PORTAL_NAME}",
        charset="utf-8",
        metas=site_metas(),
        body=body,
        footer_html=footer_script() if footer_js else None,
    )


def render_zfxxgk() -> str:
    links = "".join(f'<li><a href="{c.path}">{c.name}</a></li>' for c in COLUMNS)
    inner = f"""<ul class="xxgk-menu">
<li><a href="/zfxxgk/zn.html">政府信息公开指南</a></li>
<li><a href="/zfxxgk/nb.html">政府信息公开年报</a></li>
<li><a href="/hdjl/">依申请公开</a></li>
{links}
</ul>"""
    return _simple("政府信息公开", "政府信息公开", inner)


def render_guide() -> str:
    inner = (
        "<p>为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制本指南。"
        "本指南适用于大姚县人民政府及其工作部门、各乡镇人民政府。</p>"
        "<p>一、主动公开。主动公开的政府信息，通过大姚县人民政府门户网站“政府信息公开”专栏发布。"
        "</p><p>二、依申请公开。公民、法人或者其他组织可以向县人民政府办公室提出政府信息公开申请。"
        "</p>"
    )
    return _simple("政府信息公开指南", '<a href="/zfxxgk/">政府信息公开</a>', inner)


def render_report() -> str:
    inner = (
        "<p>本报告由大姚县人民政府办公室根据《中华人民共和国政府信息公开条例》要求编制，"
        "内容包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况等。</p>"
    )
    return _simple("政府信息公开年报", '<a href="/zfxxgk/">政府信息公开</a>', inner)


def render_about() -> str:
    inner = (
        "<p>大姚县位于云南省中北部、楚雄彝族自治州北部，总面积4146平方千米，辖8个镇、4个乡，"
        "县人民政府驻金碧镇。</p>"
        "<p>大姚是“中国核桃之乡”，境内有唐代白塔、石羊古镇孔子铜像、昙华山、三潭瀑布等人文"
        "和自然景观，蜻蛉河穿城而过。</p>"
        "<p>全县各族群众团结奋斗，经济社会持续健康发展，民族团结进步事业不断巩固。</p>"
    )
    return _simple("走进大姚", "走进大姚", inner)


def render_letters() -> str:
    """互动交流: the landing page of the boards (their lists are columns of the config)."""
    links = "".join(f'<li><a href="{b.path}">{b.name}</a></li>' for b in BOARDS)
    inner = f"""<ul class="hdjl-menu">{links}</ul>
<p>网民留言办理时限：政务咨询类5个工作日内答复，其他类15个工作日内答复。</p>"""
    return _simple("互动交流", "互动交流", inner)


# -- the browser-built column -----------------------------------------------------------------


def render_json_list_page() -> str:
    """政策解读: the HTML has an empty <ul>; a script fills it from a JSON file."""
    column = COLUMNS_BY_KEY["zcjd"]
    body = f"""<div class="position">您现在的位置是：<a href="/">首页</a>&nbsp;&gt;&gt;&nbsp;<a href="{column.path}">{column.name}</a></div>
<div class="list-left">
 <div class="list-title"><span>{column.name}</span></div>
 <ul class="list" id="{JSON_LIST_ID}"></ul>
 <noscript>请开启浏览器的JavaScript功能以查看信息列表。</noscript>
</div>
<script type="text/javascript">
(function () {{
  var ul = document.getElementById('{JSON_LIST_ID}');
  fetch('{JSON_LIST_PATH}', {{headers: {{'Accept': 'application/json'}}}})
    .then(function (response) {{ return response.json(); }})
    .then(function (data) {{
      data.list.forEach(function (row) {{
        var li = document.createElement('li');
        var a = document.createElement('a');
        a.href = row.url; a.title = row.title; a.target = '_blank';
        a.textContent = row.title;
        var span = document.createElement('span');
        span.textContent = row.date;
        li.appendChild(a); li.appendChild(span); ul.appendChild(li);
      }});
    }});
}})();
</script>
"""  # noqa: E501
    metas = site_metas() + f'<meta name="ColumnName" content="{column.name}">\n'
    return page(
        title=f"{column.name}_{PORTAL_NAME}",
        charset="utf-8",
        metas=metas,
        body=body,
        footer_html=footer_script(),
    )


def render_json_list(items: list[Item]) -> bytes:
    rows = [
        {
            "id": item.doc_id,
            "title": item.title,
            "url": item.path,
            "date": f"{item.published:%Y-%m-%d}" if item.published else "",
            "source": item.source or "",
        }
        for item in items
    ]
    data = {"code": 0, "msg": "success", "total": len(rows), "list": rows}
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


# -- static files -----------------------------------------------------------------------------

STYLE_CSS = """body{margin:0;font:14px/1.8 "Microsoft YaHei",SimSun,sans-serif;color:#333}
a{color:#333;text-decoration:none}a:hover{color:#c00}
.w1200{width:1200px;margin:0 auto}.top{background:#b40000;height:110px}
.nav,.navo{background:#8c0000}.nav ul,.navo ul{margin:0 auto;padding:0;list-style:none;overflow:hidden}
.nav li,.navo li{float:left}.nav a,.navo a{display:block;padding:0 14px;line-height:46px;color:#fff}
.list li,.index-list li,.infoList li,.xxgk-list li{list-style:none;border-bottom:1px dashed #ddd;overflow:hidden}
.list li span,.index-list span,.infoList span,.xxgk-list span,.xxgk-list i{float:right;color:#999}
.list-left{float:left;width:880px}.list-right{float:right;width:300px}
.xxgk_table,.bd1{width:100%;border-collapse:collapse}.xxgk_table th,.xxgk_table td,.bd1 td{border:1px solid #ddd;padding:4px}
.ov li{float:left;width:50%;list-style:none}.m-list{display:none}
.footer{clear:both;background:#f3f3f3;text-align:center;padding:20px 0;color:#666}
"""  # noqa: E501

# Form A as a site library function (4 arguments, 0-based; page k ≥ 2 is name_{k-1})
CREATE_PAGE_HTML_JS = """function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt) {
  if (_nPageCount == null || _nPageCount <= 1) { return; }
  function href(i) { return i == 0 ? _sPageName + "." + _sPageExt : _sPageName + "_" + i + "." + _sPageExt; }
  var html = "共" + _nPageCount + "页&nbsp;";
  html += _nCurrIndex > 0 ? "<a href=\\"" + href(0) + "\\">首页</a>&nbsp;<a href=\\"" + href(_nCurrIndex - 1) + "\\">上一页</a>&nbsp;" : "首页&nbsp;上一页&nbsp;";
  html += _nCurrIndex < _nPageCount - 1 ? "<a href=\\"" + href(_nCurrIndex + 1) + "\\">下一页</a>&nbsp;<a href=\\"" + href(_nPageCount - 1) + "\\">尾页</a>" : "下一页&nbsp;尾页";
  document.write(html);
}
"""  # noqa: E501

# Form B (6 arguments, 1-based; page k ≥ 2 is name_{k})
PAGENAV_JS = """function createPageHTML(divName, _nPageCount, _nCurrIndex, _sPageName, _sPageExt, _nPageSum) {
  var el = document.getElementById(divName);
  if (!el || _nPageCount <= 1) { return; }
  function href(n) { return n == 1 ? _sPageName + "." + _sPageExt : _sPageName + "_" + n + "." + _sPageExt; }
  var html = "共" + _nPageSum + "条&nbsp;" + _nCurrIndex + "/" + _nPageCount + "页&nbsp;";
  html += _nCurrIndex > 1 ? "<a href=\\"" + href(1) + "\\">首页</a>&nbsp;<a href=\\"" + href(_nCurrIndex - 1) + "\\">上一页</a>&nbsp;" : "首页&nbsp;上一页&nbsp;";
  html += _nCurrIndex < _nPageCount ? "<a href=\\"" + href(_nCurrIndex + 1) + "\\">下一页</a>&nbsp;<a href=\\"" + href(_nPageCount) + "\\">尾页</a>" : "下一页&nbsp;尾页";
  el.innerHTML = html;
}
"""  # noqa: E501

# Just enough of jQuery and jpage for a person to browse the 信息公开 columns in a browser:
# the inline datastore is shown, further groups come from dataproxy.jsp by POST, as on Hanweb.
JQUERY_JS = """/* minimal jQuery stand-in for the govwatch demo portal */
(function () {
  function Q(el) { this.el = el; }
  function $(selector) {
    // "#28301": Hanweb block ids start with a digit, which querySelector rejects
    return new Q(selector.charAt(0) === "#"
      ? document.getElementById(selector.slice(1))
      : document.querySelector(selector));
  }
  $.fn = Q.prototype;
  window.$ = window.jQuery = $;
})();
"""

JPAGE_JS = """/* minimal jpage stand-in for the govwatch demo portal */
(function () {
  var RECORD = /<record><!\\[CDATA\\[([\\s\\S]*?)\\]\\]><\\/record>/g;
  function records(xml) { var out = [], m; RECORD.lastIndex = 0; while ((m = RECORD.exec(xml))) { out.push(m[1]); } return out; }
  $.fn.jpage = function (o) {
    var box = this.el;
    if (!box) { return; }
    var store = box.querySelector('script[type="text/xml"]');
    var cache = store ? records(store.textContent) : [];
    var per = o.perPage, group = per * o.groupSize, pages = Math.max(1, Math.ceil(o.totalRecord / per));
    var list = document.createElement("div"), bar = document.createElement("div");
    bar.className = "jpage-bar"; box.appendChild(list); box.appendChild(bar);
    function render(p) {
      list.innerHTML = o.dataBefore + cache.slice((p - 1) * per, p * per).join("") + o.dataAfter;
      bar.innerHTML = "共" + o.totalRecord + "条 " + p + "/" + pages + "页 ";
      [["首页", 1], ["上一页", p - 1], ["下一页", p + 1], ["尾页", pages]].forEach(function (b) {
        var a = document.createElement("a");
        a.textContent = b[0]; a.href = "javascript:void(0)";
        a.onclick = function () { if (b[1] >= 1 && b[1] <= pages) { show(b[1]); } };
        bar.appendChild(a); bar.appendChild(document.createTextNode(" "));
      });
    }
    function show(p) {
      var first = (p - 1) * per;
      if (cache[first] !== undefined) { render(p); return; }
      var start = Math.floor(first / group) * group + 1, end = Math.min(start + group - 1, o.totalRecord);
      var body = Object.keys(o.ajaxParam).map(function (k) { return encodeURIComponent(k) + "=" + encodeURIComponent(o.ajaxParam[k]); }).join("&");
      fetch(o.proxyUrl + "?startrecord=" + start + "&endrecord=" + end + "&perpage=" + per, {
        method: "POST", body: body,
        headers: {"Content-Type": "application/x-www-form-urlencoded", "X-Requested-With": "XMLHttpRequest"}
      }).then(function (r) { return r.text(); }).then(function (xml) {
        records(xml).forEach(function (r, i) { cache[start - 1 + i] = r; });
        render(p);
      });
    }
    show(1);
  };
})();
"""  # noqa: E501


def png(width: int = 1, height: int = 1, rgb: tuple[int, int, int] = (180, 0, 0)) -> bytes:
    """A valid solid-colour PNG (no image library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    row = b"\x00" + bytes(rgb) * width
    raw = zlib.compress(row * height)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def pdf(title: str, line: str = "") -> bytes:
    """A small valid one-page PDF standing in for an uploaded attachment (ASCII text only:
    the built-in Helvetica font has no Chinese)."""
    text = f"{title} {line}".strip()
    text = text.encode("ascii", "replace").decode("ascii").replace("(", "[").replace(")", "]")
    stream = f"BT /F1 12 Tf 72 770 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


NOT_FOUND_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>404 页面不存在</title></head>
<body><h1>404</h1><p>您访问的页面不存在或已被删除。</p><p><a href="/">返回首页</a></p></body></html>
"""
