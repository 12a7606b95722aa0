"""Is this a verification or WAF page instead of the page we asked for?

County portals sit behind cloud WAFs (阿里云盾, 创宇盾, 安全狗, 云锁, 加速乐 …) that answer a
crawler with a slider captcha or a JavaScript challenge — often with HTTP 200. Such a page
must never be stored as an article or read as an empty list: it is 采集失败 (访问验证/WAF
拦截). The signs: the WAF's own words or cookies, on a short page with no article structure
(no date, no government meta tags).
"""

from __future__ import annotations

import re

from spiders.dates import DATE_RE, normalize

# words a verification or block page shows
_STRONG = (
    "滑动验证", "滑块验证", "拖动滑块", "向右滑动", "按住滑块", "请完成验证", "完成验证后",
    "安全验证", "人机验证", "访问验证", "进行验证", "验证后继续", "我不是机器人",
    "网站防火墙", "应用防火墙", "访问被拦截", "已被拦截", "请求被拦截", "拦截了您的访问",
    "被阻断", "安全狗", "云锁", "创宇盾", "知道创宇", "云盾", "百度云加速", "加速乐",
    "网站卫士", "非法请求", "恶意访问", "访问频率过高", "访问过于频繁",
    "Please enable JavaScript", "Just a moment", "Checking your browser", "Access Denied",
    "Request blocked", "Web Application Firewall",
)  # fmt: skip
# what the WAFs leave in the markup: challenge cookies and scripts
_MARKUP = re.compile(
    r"__jsl_clearance|acw_sc__v2|acw_tc|wzws_cid|yunsuo_session|safedog|_waf_|"
    r"cf-chl|challenge-platform|cf_clearance|captcha|nc_token|slide-verify|geetest",
    re.I,
)
_WEAK = ("验证码", "请稍后再试", "异常访问", "Forbidden")
_SHORT = 2000  # visible characters: every verification page seen is far shorter
_TINY = 400


def blocked_reason(text: str, markup: str = "", *, has_structure: bool = False) -> str | None:
    """Why the page looks like a block page (the words that say so), or None.

    `text` is what a reader sees, `markup` the raw HTML, `has_structure` whether the page
    carries an article's signs (government meta tags): a real article about 安全验证 is long
    and dated, a block page is neither.
    """
    visible = re.sub(r"\s+", "", text)
    if has_structure or len(visible) > _SHORT or DATE_RE.search(normalize(text)):
        return None
    words = [w for w in _STRONG if w.lower() in text.lower()]
    found = _MARKUP.search(markup) if markup else None
    if words or found:
        return "、".join(words[:3]) or f"页面含{found.group(0) if found else ''}"
    if len(visible) <= _TINY:
        weak = [w for w in _WEAK if w in text]
        if weak:
            return "、".join(weak)
    return None
