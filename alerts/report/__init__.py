"""The quarterly 通报 (govwatch report): content built from stored data (build.py), section
二 drafted from findings (problems.py), 三 from an editable template (requirements.py), one
chart (chart.py). Renderings: alerts/render/docx.py, report_md.py, report_html.py, and the
figures as JSON."""
