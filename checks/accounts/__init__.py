"""政务新媒体 checks: the 逾期 rule (rule.py), judging a run (evaluate.py), post texts
(texts.py), account findings (findings.py) and unregistered accounts (unregistered.py)."""
