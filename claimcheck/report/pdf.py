"""PDF from the HTML report, printed by Chromium through Playwright.

Chromium prints the very HTML people see, with the print styles (a claim's section is never cut
in two, headings stay with what follows). The page is loaded with every network request
refused, so nothing in a report can reach out while it is printed. Playwright drives an installed
Chromium (``CLAIMCHECK_CHROMIUM``, or ``chromium`` / ``google-chrome`` on the PATH); it never
downloads a browser of its own.
"""

from __future__ import annotations

import os
import re
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
        if not os.access(named, os.X_OK):
            raise ReportError(
                f"CLAIMCHECK_CHROMIUM={named} is not a program (not executable): point it at "
                "Chromium (Debian: apt-get install chromium)"
            )
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
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        raise ReportError("PDF export needs Playwright: pip install 'claimcheck[pdf]'") from None
    executable = find_chromium()
    named = os.environ.get("CLAIMCHECK_CHROMIUM")
    chromium = f"CLAIMCHECK_CHROMIUM={named}" if named else f"Chromium ({executable})"

    def render() -> bytes:
        with sync_playwright() as pw:
            try:
                browser = pw.chromium.launch(executable_path=executable, args=BROWSER_ARGS)
            except Error as exc:
                raise ReportError(
                    f"{chromium} could not be started: {_why_not_started(str(exc))}; point "
                    "CLAIMCHECK_CHROMIUM at Chromium (Debian: apt-get install chromium), or "
                    "export --format html and print that"
                ) from None
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
        try:
            return pool.submit(render).result()
        except Error as exc:  # started, then failed or stopped while printing
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ReportError(f"{chromium} could not print the report: {first}") from None


def _why_not_started(message: str) -> str:
    """What Playwright's launch error says in a few words: how the program ended, and the first
    line it wrote to stderr (a real Chromium says what it lacks there)."""
    spawn = re.search(r"spawn \S+ (E[A-Z]+)", message)
    ended = re.search(r"exitCode=(-?\d+|null), signal=(\w+)", message)
    said = re.search(r"\[err\] *(\S.*)", message)
    if spawn:
        why = {"EACCES": "permission denied", "ENOENT": "no such file"}.get(
            spawn.group(1), spawn.group(1)
        )
    elif ended and ended.group(1) != "null":
        why = f"it exited with status {ended.group(1)}"
    elif ended:
        why = f"it was stopped by {ended.group(2)}"
    else:
        why = message.strip().splitlines()[0].removeprefix("BrowserType.launch: ")
    if said:
        why += f" (it said: {said.group(1).strip()[:120]})"
    return why
