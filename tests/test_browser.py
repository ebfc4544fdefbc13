"""Does the student's path work in a real browser: JupyterLab with nbgrader's extension in
headless Chromium (Debian's package, installed here if absent), driven by Selenium?

On a scratch copy of the released ``ps2_activations``: open the notebook, Run All on the
blank stubs (every check cell shows its ✗ lines), Validate (the dialog lists every check
cell with its reasons), restart the kernel and run one check cell alone (it says to run the
exercise's cell first), paste the reference answers and Run All again (every check passes),
Validate again (nbgrader's "Success!"). A screenshot of each step goes to ``screenshots/browser/``
at the course root (git-ignored), for a person to look at.

Chromium missing and not installable fails this test with the reason; it is skipped only
when the machine has no network at all (apt-get cannot reach any mirror).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from nnbasics.course import grade_id, is_solution_cell, read_notebook, write_notebook
from nnbasics.release_kit import selfcheck_wording as wording
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

A = "ps2_activations"
NAMES = ["step_function", "sigmoid", "relu", "softmax"]
SHOTS = ROOT / "screenshots" / "browser"
APT_ENV = {"DEBIAN_FRONTEND": "noninteractive"}
APT_LOCK_WAIT = ["-o", "DPkg::Lock::Timeout=300"]
NO_NETWORK = ("Temporary failure resolving", "Could not resolve", "Network is unreachable", "No route to host")
WAIT = 120  # seconds for JupyterLab, a kernel or a dialog on a loaded 2-core machine


def browser_binaries() -> tuple[str, str] | None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (chromium, driver) if chromium and driver else None


def install_chromium() -> tuple[str, str]:
    """Debian's chromium and chromium-driver, as tests/postgres.py installs PostgreSQL."""
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        pytest.fail("chromium and chromedriver are not installed, and installing them needs root and apt-get: "
                    "apt-get install chromium chromium-driver")
    env = {**os.environ, **APT_ENV}
    for command in (["apt-get", *APT_LOCK_WAIT, "update"],
                    ["apt-get", *APT_LOCK_WAIT, "install", "-y", "--no-install-recommends", "chromium",
                     "chromium-driver"]):
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=1800, check=False)
        if done.returncode != 0 or (command[-1] == "update" and any(s in done.stdout + done.stderr
                                                                    for s in NO_NETWORK)):
            output = done.stdout[-1500:] + done.stderr[-1500:]
            if any(s in output for s in NO_NETWORK):
                pytest.skip(f"no network to install chromium (`{' '.join(command)}`): {output[-300:]}")
            pytest.fail(f"`{' '.join(command)}` failed ({done.returncode}), so the browser test cannot run:\n{output}")
    found = browser_binaries()
    if found is None:
        pytest.fail("apt-get installed chromium and chromium-driver, but `chromium` or `chromedriver` is not on PATH")
    return found


def korean_font() -> None:
    """A Korean font, so the screenshots are readable (the test itself reads the page's text)."""
    listed = subprocess.run(["fc-list", ":lang=ko"], capture_output=True, text=True, check=False) \
        if shutil.which("fc-list") else None
    if listed is not None and listed.stdout.strip():
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", *APT_LOCK_WAIT, "install", "-y", "--no-install-recommends", "fonts-nanum"],
                       env={**os.environ, **APT_ENV}, capture_output=True, timeout=900, check=False)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab (this .venv, nbgrader's extension) on 127.0.0.1 with a token, in a copy of the release."""
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(ROOT / "release" / A, root / A, symlinks=False)
    home = root / ".home"
    home.mkdir()
    port, token = free_port(), secrets.token_hex(16)
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "HOME": str(home), "JUPYTER_CONFIG_DIR": str(home / ".jupyter"),
           "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "IPYTHONDIR": str(home / ".ipython"),
           "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    settings = home / "lab-settings"  # every cell rendered (not windowed), no news pop-up
    for plugin, values in {"@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
                           "@jupyterlab/apputils-extension/notification": {"fetchNews": "false",
                                                                           "checkForUpdates": False}}.items():
        (settings / plugin).parent.mkdir(parents=True, exist_ok=True)
        (settings / f"{plugin}.jupyterlab-settings").write_text(json.dumps(values))
    env["JUPYTERLAB_SETTINGS_DIR"] = str(settings)
    env["JUPYTERLAB_WORKSPACES_DIR"] = str(home / "workspaces")
    log = open(root / "lab.log", "w")
    server = subprocess.Popen(
        [str(bin_dir / "jupyter"), "lab", "--no-browser", "--allow-root", "--ip=127.0.0.1", f"--port={port}",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}", "--ServerApp.port_retries=0",
         "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + WAIT
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=5):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not start:\n{(root / 'lab.log').read_text()[-3000:]}")
                time.sleep(0.5)
        yield {"url": url, "token": token, "root": root}
    finally:
        server.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(30)
        if server.poll() is None:
            server.kill()
        log.close()


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, driver = browser_binaries() or install_chromium()
    korean_font()
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1400,1000", "--lang=ko-KR"):
        options.add_argument(argument)
    chrome = webdriver.Chrome(service=Service(driver), options=options)
    chrome.set_script_timeout(WAIT)
    try:
        yield chrome
    finally:
        chrome.quit()


# --------------------------------------------------------------------------- the page


def wait_for(condition, what: str, seconds: float = WAIT):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            value = condition()
            if value:
                return value
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {what}")


def shoot(browser, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SHOTS / f"{name}.png"))


CELLS_JS = """
return Array.from(document.querySelectorAll('.jp-Notebook .jp-Cell.jp-CodeCell')).map(cell => ({
  source: (cell.querySelector('.jp-InputArea-editor .cm-content') || {}).innerText || '',
  prompt: (cell.querySelector('.jp-InputArea-prompt') || {}).innerText || '',
  stdout: Array.from(cell.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stdout"]'))
            .map(e => e.innerText).join(''),
  stderr: Array.from(cell.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'))
            .map(e => e.innerText).join(''),
  error: cell.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]').length,
  images: cell.querySelectorAll('.jp-OutputArea-output img').length,
}));
"""


def cells(browser) -> list[dict]:
    return browser.execute_script(CELLS_JS)


def check_cell(browser, name: str) -> dict:
    return next(c for c in cells(browser) if f'check("{name}", globals())' in c["source"])


def command(browser, menu: str, label: str) -> None:
    """A menu's item, clicked as a person would (Run > Run All Cells, ...)."""
    from selenium.webdriver.common.by import By

    items = browser.find_elements(By.CSS_SELECTOR, ".lm-MenuBar-item")
    next(i for i in items if i.text.strip() == menu).click()

    def item():
        return next(e for e in browser.find_elements(By.CSS_SELECTOR, ".lm-Menu-item .lm-Menu-itemLabel")
                    if e.text.strip() == label)
    wait_for(item, f"{menu} > {label}").click()


def accept_dialog(browser) -> None:
    from selenium.webdriver.common.by import By

    wait_for(lambda: browser.find_element(By.CSS_SELECTOR, ".jp-Dialog .jp-mod-accept"), "a dialog").click()
    wait_for(lambda: not browser.find_elements(By.CSS_SELECTOR, ".jp-Dialog"), "the dialog to close")


def kernel_idle(browser) -> bool:
    return browser.execute_script(
        "const s = document.querySelector('.jp-Notebook-ExecutionIndicator');"
        "const k = document.querySelector('.jp-KernelName, .jp-Toolbar-kernelName');"
        "return !!s && s.getAttribute('data-status') === 'idle' && !!k && !k.innerText.includes('No Kernel');")


def run_all_done(browser) -> bool:
    code = cells(browser)
    return kernel_idle(browser) and all(c["prompt"].strip() not in ("[*]:", "[ ]:", "") for c in code)


def scroll_to(browser, name: str) -> None:
    browser.execute_script(
        "const cell = Array.from(document.querySelectorAll('.jp-Notebook .jp-CodeCell'))"
        ".find(c => c.innerText.includes(arguments[0])); cell.scrollIntoView({block: 'start'});",
        f'check("{name}", globals())')
    time.sleep(0.5)


def open_notebook(browser, lab) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{lab['url']}/lab/tree/{A}/{A}.ipynb?token={lab['token']}")
    wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, ".jp-Notebook .jp-CodeCell"), "the notebook")
    wait_for(lambda: kernel_idle(browser), "the kernel")
    wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, ".validate-button"), "nbgrader's Validate button")


def validate(browser) -> str:
    from selenium.webdriver.common.by import By

    browser.find_element(By.CSS_SELECTOR, ".validate-button .jp-ToolbarButtonComponent-label").click()
    body = wait_for(lambda: browser.find_element(By.CSS_SELECTOR, ".jp-Dialog #validation-message"),
                    "Validate's dialog")
    time.sleep(0.5)
    return body.text


def close_dialog(browser) -> None:
    from selenium.webdriver.common.by import By

    browser.find_element(By.CSS_SELECTOR, ".jp-Dialog .jp-Dialog-button").click()
    wait_for(lambda: not browser.find_elements(By.CSS_SELECTOR, ".jp-Dialog"), "the dialog to close")


def paste_reference_answers(lab) -> None:
    """The student's notebook with every solution cell holding the reference answer, as if pasted."""
    path = lab["root"] / A / f"{A}.ipynb"
    notebook = read_notebook(path)
    answers = {grade_id(c): c["source"] for c in read_notebook(ROOT / "solutions" / A / f"{A}.ipynb")["cells"]
               if is_solution_cell(c)}
    for cell in notebook["cells"]:
        if is_solution_cell(cell):
            cell["source"] = answers[grade_id(cell)]
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    write_notebook(notebook, path)


# --------------------------------------------------------------------------- the walk


def test_the_student_path_in_jupyterlab(lab, browser):
    for old in SHOTS.glob("*.png"):
        old.unlink()
    open_notebook(browser, lab)
    shoot(browser, "01_opened")

    # Run All on the blank stubs: it reaches the end, every check cell shows its ✗ lines.
    command(browser, "Run", "Run All Cells")
    wait_for(lambda: run_all_done(browser), "Run All on the blank notebook")
    for name in NAMES:
        cell = check_cell(browser, name)
        assert "✗" in cell["stderr"] and "아직 구현하지 않았어요" in cell["stderr"] and not cell["error"], cell
        assert "✓" not in cell["stderr"] + cell["stdout"], cell
    plot = next(c for c in cells(browser) if "plt.subplots" in c["source"])
    assert "그래프가 여기에 나옵니다" in plot["stdout"] and not plot["error"]
    scroll_to(browser, "relu")
    shoot(browser, "02_blank_run_all_relu_check")
    scroll_to(browser, "softmax")
    shoot(browser, "03_blank_run_all_softmax_check")

    # Validate on the blank notebook: every check cell, with its reasons.
    message = validate(browser)
    shoot(browser, "04_blank_validate")
    assert message.count("The following cell failed:") == len(NAMES), message
    assert message.count("아직 구현하지 않았어요 (NotImplementedError)") == 12 and "Traceback" not in message
    close_dialog(browser)

    # A restarted kernel, then one check cell alone: it fails and says what to run first.
    command(browser, "Kernel", "Restart Kernel…")
    accept_dialog(browser)
    wait_for(lambda: kernel_idle(browser), "the restarted kernel")
    scroll_to(browser, "softmax")
    # A real click (mousedown selects a cell in JupyterLab; a script's click() does not).
    browser.execute_script(
        "return Array.from(document.querySelectorAll('.jp-Notebook .jp-CodeCell'))"
        ".find(c => c.innerText.includes('check(\"softmax\", globals())')).querySelector('.jp-InputPrompt');"
    ).click()
    command(browser, "Run", "Run Selected Cell and Do not Advance")
    wait_for(lambda: "먼저 위의 `softmax` 셀을 실행하세요" in check_cell(browser, "softmax")["stderr"],
             "the check cell after a restart")
    shoot(browser, "05_restart_then_check_cell")

    # The reference answers pasted: reload the notebook, Run All, every check passes.
    paste_reference_answers(lab)
    command(browser, "File", "Reload Notebook from Disk")
    with contextlib.suppress(Exception):  # JupyterLab asks when the open notebook is dirty
        accept_dialog(browser)
    wait_for(lambda: "np.exp" in json.dumps([c["source"] for c in cells(browser)]), "the reloaded notebook")
    command(browser, "Kernel", "Restart Kernel and Run All Cells…")
    accept_dialog(browser)
    wait_for(lambda: run_all_done(browser) and all(check_cell(browser, n)["stdout"] for n in NAMES),
             "Run All on the solved notebook")
    for name in NAMES:
        cell = check_cell(browser, name)
        assert cell["stderr"] == "" and wording.ALL_PASSED.format(name=name) in cell["stdout"], cell
    plot = next(c for c in cells(browser) if "plt.subplots" in c["source"])
    assert plot["images"] == 1, plot
    scroll_to(browser, "relu")
    browser.execute_script("window.scrollBy(0, 0);")
    shoot(browser, "06_solved_run_all_relu_check_and_plot")
    scroll_to(browser, "softmax")
    shoot(browser, "07_solved_run_all_softmax_check")

    message = validate(browser)
    shoot(browser, "08_solved_validate")
    assert "Success! Your notebook passes all the tests." in message, message
    close_dialog(browser)
