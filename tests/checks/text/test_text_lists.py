"""The typo lists: entries that read as correct prose are dropped, real misspellings kept."""

from __future__ import annotations

import jieba

from checks.text.resources import DATA_DIR, typo_pairs
from checks.text.training.list_check import prune
from tests.checks.text.test_text_clean import CLEAN_PARAGRAPHS


def _words() -> dict[str, int]:
    tok = jieba.Tokenizer()
    tok.initialize()
    return {w: f for w, f in tok.FREQ.items() if f}


def test_prune_keeps_misspellings_and_drops_forms_that_are_correct_prose() -> None:
    pairs = {
        "持续的": ("持续地", "pycorrector"),  # 的/地 depends on the sentence
        "建在": ("现在", "pycorrector"),  # 建|在 are two ordinary words
        "再接再砺": ("再接再厉", "ecspell"),  # a misspelt idiom
        "联接": ("连接", "ecspell"),  # occurs in the clean text below
        "做为": ("作为", "curated"),  # clean occurrence explained by its pattern
        "座落": ("坐落", "curated"),  # curated, but the clean text has it
    }
    clean = [
        "物流联接生产和消费。",
        "也要做为后人作铺垫、打基础。",
        "新校区座落在城东。",
    ]
    kept, dropped = prune(pairs, _words(), clean, {"做为": "^(?:后人|子孙)"})
    assert sorted(kept) == ["做为", "再接再砺"]
    reasons = {line.split("\t")[0]: line.split("\t")[3] for line in dropped}
    assert reasons["持续的"].startswith("的/地/得")
    assert reasons["建在"] == "reads as ordinary words: 建|在"
    assert reasons["联接"].startswith("in clean text: 物流联接")
    assert reasons["座落"].startswith("in clean text")


def test_shipped_list_has_no_dropped_entry_and_no_form_found_in_clean_county_text() -> None:
    shipped = {p.wrong for p in typo_pairs()}
    dropped_lines = (DATA_DIR / "typo_pairs_dropped.tsv").read_text(encoding="utf-8")
    dropped = {ln.split("\t")[0] for ln in dropped_lines.splitlines() if not ln.startswith("#")}
    assert shipped and not shipped & dropped
    assert {"持续的", "不断的", "建在", "爬上", "就坐"} <= dropped
    text = "".join(CLEAN_PARAGRAPHS)
    assert [w for w in shipped if w in text] == []
