"""Assembles the self-contained HTML page: styles, ECharts (from the npm
package, inlined), the run's data as JSON, and page.js. Nothing in the page
refers to a network address, so it opens offline anywhere."""

import html
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 1180px;
       padding: 0 18px 40px; color: #222; }
h1 { font-size: 1.5em; margin: 18px 0 4px; } h2 { font-size: 1.2em; margin: 26px 0 6px; border-bottom: 1px solid #ddd; }
h3 { font-size: 1em; margin: 6px 0; }
.note, .sub { color: #555; font-size: 0.9em; margin: 2px 0 8px; }
.figure { width: 100%; margin: 6px 0 10px; }
.headline { display: flex; gap: 28px; flex-wrap: wrap; background: #f6f7f9; border: 1px solid #e2e4e8;
            border-radius: 6px; padding: 10px 14px; }
.headline table th { text-align: left; font-weight: 600; padding-right: 12px; }
.pair { display: flex; gap: 18px; flex-wrap: wrap; }
.pair .headline { flex: 1; }
table { border-collapse: collapse; font-size: 0.88em; margin: 6px 0; }
td, th { padding: 2px 8px; } #content > section > table td { text-align: right; border-bottom: 1px solid #eee; }
.selector { font-size: 0.9em; margin-right: 16px; }
"""


def _script(text):
    # "</script" inside inlined code or JSON would end the element early.
    return "<script>" + text.replace("</script", "<\\/script") + "</script>"


def build(data, assets, title, subtitle):
    with open(os.path.join(assets, "echarts", "dist", "echarts.min.js"), encoding="utf-8") as f:
        echarts = f.read()
    with open(os.path.join(HERE, "page.js"), encoding="utf-8") as f:
        page_js = f.read()
    payload = json.dumps(data, separators=(",", ":"), allow_nan=False)
    return "\n".join([
        "<!DOCTYPE html>",
        "<!-- plantpath report: made by `plantpath report` from a run's output files; columns in papers/outputs.md -->",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # No request may leave the page: only inline scripts, styles and data: images.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; "
        "style-src 'unsafe-inline'; img-src data:\">",
        f"<title>{html.escape(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head><body>",
        f"<h1>{html.escape(title)}</h1>",
        f'<p class="sub">{html.escape(subtitle)}</p>',
        '<div id="content"></div>',
        _script(echarts),
        _script("window.PLANTPATH = " + payload + ";"),
        _script(page_js),
        "</body></html>",
        "",
    ])
