"""PDF from the HTML report, printed by Chromium through Playwright.

Chromium prints the very HTML people see, with the print styles (a claim's section is never cut
in two, headings stay with what follows). The page is loaded with every network request
refused, so nothing in a report can reach out while it is printed. Playwright drives an installed
Chromium (``CLAIMCHECK_CHROMIUM``, or ``chromium`` / ``google-chrome`` on the PATH); it never
downloads a browser of its own.
"""

from __future__ import annotations

import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..errors import ClaimcheckError

BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class ReportError(ClaimcheckError):
    """A report cannot be written: a missing renderer, an unwritable path."""

    exit_code = 5


def find_chromium() -> str:
    named = os.environ.get("CLAIMCHECK_CHROMIUM")
    if named:
        if not Path(named).is_file():
            raise ReportError(f"CLAIMCHECK_CHROMIUM={named} is not a file: point it at Chromium")
        return named
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    raise ReportError(
        "PDF export needs Chromium: install it (Debian: apt-get install chromium) or set "
        "CLAIMCHECK_CHROMIUM to its path; or export --format html and print that"
    )


def html_to_pdf(html: str, path: str | os.PathLike[str]) -> Path:
    """Print ``html`` to a PDF file, written whole or not at all."""
    from ..files import write_atomic

    return write_atomic(path, pdf_bytes(html))


def pdf_bytes(html: str) -> bytes:
    """``html`` printed by Chromium as PDF bytes (all network requests refused)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise ReportError("PDF export needs Playwright: pip install 'claimcheck[pdf]'") from None
    executable = find_chromium()

    def render() -> bytes:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=executable, args=BROWSER_ARGS)
            try:
                page = browser.new_page()
                page.route("**/*", lambda route: route.abort())
                page.set_content(html, wait_until="load")
                page.emulate_media(media="print")
                return page.pdf(
                    format="A4",
                    print_background=True,
                    margin={"top": "16mm", "bottom": "16mm", "left": "14mm", "right": "14mm"},
                    display_header_footer=True,
                    header_template="<span></span>",
                    footer_template=(
                        '<div style="font-size:8px;width:100%;text-align:center;color:#666">'
                        'page <span class="pageNumber"></span> of <span class="totalPages">'
                        "</span></div>"
                    ),
                )
            finally:
                browser.close()

    # Playwright's sync API refuses to run inside an asyncio loop (a Jupyter kernel has one),
    # so it runs in a thread of its own.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(render).result()
