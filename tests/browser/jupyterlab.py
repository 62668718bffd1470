"""JupyterLab on 127.0.0.1 in a folder of the test's, and Debian's chromium driven by Playwright.

The browser is the system's ``chromium`` (Playwright's own browser download is not used). The
server runs with a token, on a free port, with its settings, workspaces and runtime files in the
test's folder, so nothing from the user's own JupyterLab set-up takes part.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Lab:
    def __init__(self, root: Path, url: str, token: str, process: subprocess.Popen, log: Path):
        self.root, self.url, self.token, self.process, self.log = root, url, token, process, log

    def api(self, path: str):
        with urllib.request.urlopen(f"{self.url}/api/{path}?token={self.token}", timeout=5) as r:
            return json.load(r)

    def wait_for_kernel(self, notebook: str, timeout: float = 60) -> str:
        """Wait until the notebook's kernel has started and is idle; returns its id."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for session in self.api("sessions"):
                kernel = session.get("kernel") or {}
                if (
                    session.get("path", "").endswith(notebook)
                    and kernel.get("execution_state") == "idle"
                ):
                    return kernel["id"]
            time.sleep(0.3)
        raise TimeoutError(
            f"the kernel of {notebook} did not start: {self.log.read_text()[-2000:]}"
        )

    def notebook_url(self, name: str) -> str:
        return f"{self.url}/lab/tree/{name}?token={self.token}&reset"


@contextmanager
def jupyterlab(root: Path, env: dict[str, str] | None = None):
    """Start ``jupyter lab`` serving ``root``; yields a Lab and stops the server afterwards."""
    home = root / ".lab"
    for sub in ("config/labconfig", "data", "runtime", "settings", "workspaces", "ipython"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    # No news or update prompts over the notebook in screenshots.
    (home / "config/labconfig/page_config.json").write_text(
        json.dumps(
            {
                "disabledExtensions": {
                    "@jupyterlab/apputils-extension:announcements": True,
                }
            }
        )
    )
    # Start the notebook's kernel without asking which one.
    tracker = home / "settings/@jupyterlab/notebook-extension/tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True, exist_ok=True)
    tracker.write_text(json.dumps({"autoStartDefaultKernel": True}))
    port = free_port()
    token = "claimcheck-test-token"
    full_env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_DATA_DIR": str(home / "data"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
        "IPYTHONDIR": str(home / "ipython"),
        **(env or {}),
    }
    log = home / "server.log"
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--port-retries=0",
        f"--IdentityProvider.token={token}",
        "--allow-root",
        f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=",
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=root, env=full_env, stdout=out, stderr=out)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"jupyter lab exited: {log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(
                        f"jupyter lab did not start: {log.read_text()[-2000:]}"
                    ) from None
                time.sleep(0.3)
        yield Lab(root, url, token, process, log)
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()


def chromium_path() -> str | None:
    return shutil.which("chromium")


def require_chromium() -> None:
    """Called at the top of a browser test module: skip it when Debian's chromium is missing,
    unless ``make test`` said the browser tests are required (then it is an error)."""
    if chromium_path() is not None:
        return
    if os.environ.get("CLAIMCHECK_BROWSER_TESTS") == "required":
        raise RuntimeError("the browser tests are required but Debian's chromium is not installed")
    import pytest

    pytest.skip(
        "Debian's chromium is not installed; `make test` installs it and runs these tests",
        allow_module_level=True,
    )


@contextmanager
def browser_page(viewport=(1400, 1000)):
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    if path is None:
        raise RuntimeError("Debian's chromium is not installed: run `make test`, which installs it")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
            yield page
        finally:
            browser.close()


# -- driving a notebook and the panel ------------------------------------------------------------


def watch_console(page) -> list[str]:
    """Collect the page's console errors and uncaught exceptions as they happen."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


def run_menu(page, menu: str, item: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=menu).first.click()
    page.locator(".lm-Menu-itemLabel", has_text=item).first.click()


def open_notebook(page, lab: Lab, notebook: str) -> None:
    """Open a notebook and wait until its kernel is idle."""
    page.goto(lab.notebook_url(notebook))
    page.wait_for_selector(".jp-Notebook", timeout=60_000)
    lab.wait_for_kernel(notebook.rsplit("/", 1)[-1])


def open_and_run(page, lab: Lab, notebook: str) -> None:
    """Open a notebook, wait for its kernel, run every cell and wait for the panel's highlights."""
    open_notebook(page, lab, notebook)
    run_menu(page, "Run", "Run All Cells")
    page.wait_for_selector(".cc-panel mark.cc-claim", timeout=90_000)


def in_viewport(page, locator) -> bool:
    """Whether the element is wholly inside the browser window (no scrolling needed to see it)."""
    box = locator.bounding_box()
    size = page.viewport_size
    return bool(
        box
        and box["width"] > 0
        and box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= size["width"]
        and box["y"] + box["height"] <= size["height"]
    )


def select_words(page, words: str) -> None:
    """Select words in the panel's article as a mouse would, and let the article see it."""
    page.evaluate(
        """words => {
            const root = document.querySelector('.cc-article');
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode()) && !node.data.includes(words)) {}
            const start = node.data.indexOf(words);
            const range = document.createRange();
            range.setStart(node, start);
            range.setEnd(node, start + words.length);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            root.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
        }""",
        words,
    )
