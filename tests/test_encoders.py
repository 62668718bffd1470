"""Output encoders are total and safe where their text goes: CSV rows that stay rows, Markdown
that stays text, JSON-LD that stays inside its script tag, terminals without escape sequences,
and links from URLs however malformed."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3

import pytest

from claimcheck import report
from claimcheck.encoders import csv_cell, csv_text, json_for_script, md, printable
from claimcheck.errors import OptionError
from claimcheck.htmlsafe import link, safe_url
from claimcheck.workbench import Workbench

ROW_BREAK = 'fine\r=HYPERLINK("http://evil.example","x")'
HEADING_TITLE = "A title\r# Injected heading\r\n## Another"
SCRIPT_BREAK = "</script><script>alert(1)</script><!-- & done"


@pytest.fixture(scope="module")
def wb(tmp_path_factory):
    path = tmp_path_factory.mktemp("enc") / "s.sqlite"
    with Workbench(path, reviewer="ana\r# not a heading") as wb:
        article = wb.add_article(
            "Britain expelled 23 Russian diplomats on 14 March 2018.\n\n"
            "Moscow expelled 23 British diplomats on 17 March 2018.",
            title=HEADING_TITLE,
            url="https://example.org/story",
        )
        first, second = article.claims[:2]
        wb.set_verdict(first.id, "true", ROW_BREAK)
        wb.set_verdict(second.id, "false", SCRIPT_BREAK)
        wb.set_setting("organisation", "Example Checks")
        wb.set_setting("base_url", "https://checks.example.org/2018")
        yield wb


def test_csv_cells_are_quoted_rows_end_in_crlf_and_a_bare_cr_starts_no_row(wb):
    text = report.render(wb, "csv")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == 1 + len(wb.claims(1))
    assert text.count('"\r\n') == len(rows) and text.endswith('"\r\n')
    quoted = r'"(?:[^"]|"")*"'
    assert re.fullmatch(rf"((?:{quoted},)*{quoted}\r\n)+", text)  # every cell quoted
    by_rationale = {row[30] for row in rows[1:]}
    assert 'fine\r\'=HYPERLINK("http://evil.example","x")' in by_rationale


def test_csv_cell_neutralises_every_line_and_passes_numbers():
    assert csv_cell("=1+1") == "'=1+1"
    assert csv_cell("a\n@SUM(A1)\r\n-2\rok") == "a\n'@SUM(A1)\r\n'-2\rok"
    assert csv_cell(-3) == -3 and csv_cell(None) is None and csv_cell(0.5) == 0.5
    assert csv_cell("\tx") == "'\tx" and csv_cell("lone \udc80") == "lone ?"
    assert csv_text(["a"], [["\r=x"]]) == '"a"\r\n"\'\r\'=x"\r\n'


def test_markdown_escapes_cr_so_no_text_becomes_a_heading(wb):
    text = report.render(wb, "md")
    lines = text.splitlines()  # splits at a bare CR too, as Markdown renderers do
    assert "## A title # Injected heading ## Another" in lines
    assert not any(line.startswith(("# Injected", "## Another", "# not")) for line in lines)
    assert "\r" not in text
    assert md("a\rb\u2028c\x0bd\x85e") == "a b c d e"
    assert md("# x") == "\\# x" and md("1. x") == "1\\. x" and md("===") == "\\==="


def test_claimreview_cannot_close_its_script_tag(wb):
    text = report.render(wb, "claimreview")
    assert "<" not in text and ">" not in text and "&" not in text
    reviews = json.loads(text)
    assert SCRIPT_BREAK in {r.get("reviewBody") for r in reviews}
    assert all(r["url"].startswith("https://checks.example.org/2018/#claim-") for r in reviews)
    assert json.loads(json_for_script({"a": "\u2028<"})) == {"a": "\u2028<"}


@pytest.mark.parametrize(
    "base", ["javascript:alert(1)", "data:text/html,x", "//evil.example", "https://[::1/x"]
)
def test_claimreview_needs_an_http_base_url(wb, base):
    with pytest.raises(OptionError, match="not an http"):
        report.render(wb, "claimreview", base_url=base)


@pytest.mark.parametrize(
    "url",
    [
        "https://[2001:db8::1/paper", "http://a.example:99999/", "http://a.example:x/",
        "https://\udc80.example/", "http://" + "a" * 5000, "", None, 42, ["https://x.org"],
        "javascript:alert(1)", " https://ok.example/ x",
    ],
)  # fmt: skip
def test_safe_url_never_raises_and_link_shows_text(url):
    assert safe_url(url) is None
    assert "<a" not in link(url, "label")


def test_a_malformed_url_already_in_a_store_breaks_no_report(wb, tmp_path):
    path = tmp_path / "old.sqlite"
    with Workbench(path) as other:
        article = other.add_article("Britain expelled 23 Russian diplomats on 14 March 2018.")
        claim_id = article.claims[0].id
        other.add_evidence(claim_id, url="https://example.org/ok", note="fine")
    with sqlite3.connect(path) as conn:  # as an older claimcheck might have stored it
        conn.execute(
            "UPDATE evidence SET data = json_set(data, '$.url', 'https://[2001:db8::1/paper')"
        )
    with Workbench(path) as other:
        texts = {fmt: report.render(other, fmt) for fmt in ("html", "md", "csv", "json")}
        assert "2001:db8::1" in texts["csv"] and "2001:db8::1" in texts["json"]
        assert "(<https://[2001" not in texts["md"]  # shown as text, not linked
        assert 'href="https://[2001' not in texts["html"]
        from claimcheck.widgets import ReviewPanel

        panel = ReviewPanel(other, 1)
        panel.select(claim_id)  # the card with the evidence draws


def test_terminal_text_loses_escape_sequences():
    assert printable("\x1b[31mred\x1b[0m \x1b]8;;http://x\x07link\x1b]8;;\x07 \x9b2J") == (
        "red link  2J"
    )


def test_scan_table_and_pack_list_print_no_escape_sequences(tmp_path, run_cli):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body><p>Britain expelled 23 Russian diplomats&#27;[2J&#27;]0;pwned&#7; "
        "on 14 March 2018.</p></body></html>"
    )
    scanned = run_cli("scan", str(page), "--published", "2018-03-20", "--link", "--offline")
    assert scanned.returncode == 0, scanned.stderr
    assert b"expelled 23 Russian" in scanned.stdout and b"\x1b" not in scanned.stdout
    pack = tmp_path / "mine.jsonl"
    record = {
        "id": "evil\u001b[2J", "type": "expulsion", "date": "2018-03-14",
        "summary": "Summary \u001b]0;title\u0007 with escapes\u009b",
        "sources": [{"type": "government", "title": "t", "publisher": "p", "url": "https://example.org/x", "date": "2018-03-14"}],
    }  # fmt: skip
    pack.write_text(json.dumps(record) + "\n")
    listed = run_cli("pack", "list", str(pack), "--type", "expulsion")
    assert listed.returncode == 0, listed.stderr
    assert b"Summary" in listed.stdout and b"\x1b" not in listed.stdout
    assert "\x9b" not in listed.stdout.decode()
