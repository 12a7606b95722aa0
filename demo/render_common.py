"""Pieces every demo page shares: the served resource, charsets, header, navigation, footer.

Pages are rendered once into bytes in the charset their column uses. The server's host is not
known when pages are rendered, so the few absolute self-references (meta Url, SiteDomain) hold
HOST_TOKEN, which the server replaces with `127.0.0.1:PORT` when it answers.
"""

from __future__ import annotations

from html import escape

from demo.columns import COLUMNS, Charset
from demo.loopback import Resource
from demo.units import PORTAL_NAME

HOST_TOKEN = "__DEMO_HOST__"
SITE_ID_CODE = "5323260001"  # 532326 = 大姚县's administrative code + 4 digits
ICP = "滇ICP备05004015号-1"
PSB_CODE = "53232602000001"
PSB_ICON = "/images/W020190117350825039697.png"
CONAC_ID = "8F3B2C6E1A0D4E7F9B5C3A2D1E0F6A7B"
PHONE = "0878-6221023"


def html_resource(text: str, charset: Charset) -> Resource:
    """Encode a page the way its template family serves it (strict: no silent '?')."""
    if charset == "gbk-header":
        return Resource(text.encode("gbk"), "text/html; charset=GBK")
    if charset == "gbk-meta":
        # header without charset: only <meta ... charset=gb2312> tells the truth (almost:
        # the bytes are GBK, with characters GB2312 lacks)
        return Resource(text.encode("gbk"), "text/html")
    return Resource(text.encode("utf-8"), "text/html; charset=utf-8")


def charset_meta(charset: Charset) -> str:
    if charset == "gbk-header":
        return '<meta http-equiv="Content-Type" content="text/html; charset=gbk">'
    if charset == "gbk-meta":
        return '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
    return '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'


def site_metas() -> str:
    return (
        f'<meta name="SiteName" content="{PORTAL_NAME}">\n'
        f'<meta name="SiteDomain" content="{HOST_TOKEN}">\n'
        f'<meta name="SiteIDCode" content="{SITE_ID_CODE}">\n'
    )


def attr(value: str) -> str:
    return escape(value, quote=True)


def truncate(title: str, limit: int = 30) -> str:
    """List link text as portals show it: long titles cut with an ellipsis (title= is whole)."""
    return title if len(title) <= limit else title[: limit - 1] + "…"


def header(nav_class: str = "nav") -> str:
    """Top banner and the main navigation: every column is linked from here."""
    links = ['<li><a href="/">网站首页</a></li>', '<li><a href="/xqgk/">走进大姚</a></li>']
    for column in COLUMNS:
        if column.in_nav:
            links.append(f'<li><a href="{column.path}">{column.name}</a></li>')
    links += [
        '<li><a href="/zfxxgk/">政府信息公开</a></li>',
        '<li><a href="/hdjl/">互动交流</a></li>',
        '<li><a href="https://zwfw.yn.gov.cn/" target="_blank">政务服务</a></li>',
    ]
    items = "\n".join(links)
    return f"""<div class="top">
 <div class="w1200">
  <div class="logo"><a href="/"><img src="/images/logo.png" alt="{PORTAL_NAME}"></a></div>
  <div class="top-links"><a href="/zfxxgk/">信息公开</a> | <a href="/hdjl/">领导信箱</a></div>
 </div>
</div>
<div class="{nav_class}" id="nav">
<ul class="w1200">
{items}
</ul>
</div>
"""


def footer() -> str:
    """The footer as TRS county sites print it (§5 of the research notes)."""
    return f"""<div class="footer">
 <div class="w1200">
  <p><a href="/xqgk/">关于本站</a> | <a href="/zfxxgk/">网站地图</a> | <a href="/hdjl/">联系我们</a></p>
  <p>主办：{PORTAL_NAME}　承办：大姚县人民政府办公室　联系电话：{PHONE}</p>
  <p><a href="https://beian.miit.gov.cn/" target="_blank">{ICP}</a>
   <a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode={PSB_CODE}" target="_blank"><img src="{PSB_ICON}" alt=""> 滇公网安备 {PSB_CODE}号</a>
   网站标识码：{SITE_ID_CODE}</p>
  <span id="_ideConac"><a href="//bszs.conac.cn/sitename?method=show&amp;id={CONAC_ID}" target="_blank"><img id="imgConac" vspace="0" hspace="0" border="0" src="//dcs.conac.cn/image/red.png"></a></span>
  <script id="_jiucuo_" sitecode="{SITE_ID_CODE}" src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script>
 </div>
</div>
"""  # noqa: E501


def footer_script() -> str:
    """Footer injected by /js/footer.js: the static HTML then holds no 标识码 (a real quirk)."""
    return '<div class="footer" id="footer"><script src="/js/footer.js"></script></div>\n'


def footer_js() -> str:
    """/js/footer.js. Images are local copies: a page rendered in a headless browser by the
    crawler must not reach out to the internet (the demo runs on machines without it).
    Planted (demo/site_plants.py): this footer lacks the 公安机关备案号 the static one shows."""
    text = (
        f'<div class="w1200"><p>主办：{PORTAL_NAME}　承办：大姚县人民政府办公室　'
        f"联系电话：{PHONE}</p>"
        f'<p><a href="https://beian.miit.gov.cn/" target="_blank">{ICP}</a> '
        f"网站标识码：{SITE_ID_CODE}</p>"
        '<span id="_ideConac"><a href="//bszs.conac.cn/sitename?method=show&amp;id='
        f'{CONAC_ID}" target="_blank"><img id="imgConac" src="/images/red.png"></a></span>'
        '<p><a href="https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code='
        f'{SITE_ID_CODE}" target="_blank">我为政府网站找错</a></p></div>'
    )
    return f"document.write('{text}');\n"


def page(
    *,
    title: str,
    charset: Charset,
    metas: str,
    body: str,
    head_extra: str = "",
    footer_html: str | None = None,
    nav_class: str = "nav",
) -> str:
    """A whole HTML document with the portal's header, navigation and footer."""
    return f"""<!DOCTYPE html>
<html>
<head>
{charset_meta(charset)}
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1">
{metas}<title>{escape(title)}</title>
<link rel="stylesheet" href="/css/style.css">
{head_extra}</head>
<body>
{header(nav_class)}<div class="main w1200">
{body}</div>
{footer_html if footer_html is not None else footer()}</body>
</html>
"""
