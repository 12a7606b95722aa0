"""Decoding raw bytes the way county portals serve them (header, meta, neither, wrong)."""

import pytest

from spiders.encoding import DecodeError, decode_html

TEXT = "大姚县人民政府 王玥 李堃 镕基 政务要闻"


def html(body: str, meta: str = "") -> str:
    return f"<html><head>{meta}<title>t</title></head><body><p>{body}</p></body></html>"


def test_header_charset_wins():
    result = decode_html(html(TEXT).encode("gbk"), "text/html; charset=GBK")
    assert (result.charset, result.source) == ("gb18030", "header")
    assert TEXT in result.text


def test_gb2312_meta_decodes_gbk_only_characters_as_gb18030():
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
    result = decode_html(html(TEXT, meta).encode("gbk"), "text/html")
    assert (result.charset, result.source) == ("gb18030", "meta")
    assert "王玥 李堃 镕基" in result.text


def test_latin1_server_default_does_not_beat_a_chinese_meta():
    meta = '<meta charset="utf-8">'
    result = decode_html(html(TEXT, meta).encode("utf-8"), "text/html; charset=ISO-8859-1")
    assert (result.charset, result.source) == ("utf-8", "meta")
    assert TEXT in result.text


def test_latin1_server_default_without_meta_is_ignored_for_chinese_bytes():
    result = decode_html(html(TEXT).encode("gbk"), "text/html; charset=ISO-8859-1")
    assert (result.charset, result.source) == ("gb18030", "detected")
    assert TEXT in result.text


def test_wrong_utf8_header_on_a_gbk_page_falls_back_to_detection():
    result = decode_html(html(TEXT).encode("gbk"), "text/html; charset=utf-8")
    assert result.charset == "gb18030" and result.source == "detected"
    assert TEXT in result.text


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_no_declaration_at_all(encoding):
    result = decode_html(html(TEXT * 3).encode(encoding), None)
    assert result.charset == encoding and result.source == "detected"
    assert TEXT in result.text


def test_utf8_bom():
    result = decode_html("\ufeff".encode() + html(TEXT).encode("utf-8"), "text/html")
    assert result.source == "bom" and TEXT in result.text


def test_binary_is_a_decode_error():
    with pytest.raises(DecodeError):
        decode_html(bytes(range(256)) * 8, "application/octet-stream")
