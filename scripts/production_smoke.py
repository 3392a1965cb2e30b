"""Serve Collegium with production settings and open real pages in Chromium.

    .venv/bin/python scripts/production_smoke.py --database-url postgres://…/collegium_smoke

Migrates the (empty) database, loads the demo network, collects static files into the manifest
storage, starts gunicorn with DEBUG off on a loopback port, then Chromium opens the public
pages and, for every demo role, signs in, opens the home page and the first three pages of the
navigation. Any response of 400 or more (pages, styles, scripts, images) or any console error
(a Content-Security-Policy refusal is one) fails the run. HTTPS is terminated by a proxy in
production: the browser sends X-Forwarded-Proto as that proxy would.
"""

import argparse
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
PUBLIC_PAGES = ["/", "/account/sign-in/", "/schools/", "/frameworks/", "/nope-not-a-page/"]
PAGES_PER_ROLE = 3


def production_env(database_url: str, port: int) -> dict[str, str]:
    origin = f"http://127.0.0.1:{port}"
    return os.environ | {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": origin,
        # The browser reaches gunicorn over plain HTTP on loopback; the origin it sends is
        # trusted as a TLS-terminating proxy's public address would be.
        "CSRF_TRUSTED_ORIGINS": origin,
        "DATABASE_URL": database_url,
    }


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [str(PYTHON), "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def demo_sign_ins(output: str) -> tuple[str, list[tuple[str, str]]]:
    """The password and (role, email) of each demo sign-in that load_demo_network printed."""
    password = re.search(r"password for all: (\S+)\)", output)
    sign_ins = re.findall(r"^  (\S.*?)\s{2,}(\S+@\S+)", output, flags=re.MULTILINE)
    return (password.group(1) if password else ""), sign_ins


@contextmanager
def gunicorn(env: dict[str, str], port: int) -> Iterator[None]:
    bind = ["--bind", f"127.0.0.1:{port}", "--workers", "2", "--access-logfile", "-"]
    server = subprocess.Popen([str(GUNICORN), "collegium.wsgi", *bind], cwd=ROOT, env=env)
    try:
        for _ in range(60):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/account/sign-in/", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        yield
    finally:
        server.terminate()
        server.wait(timeout=30)


class Visit:
    """One browser context that records every failed response and console error."""

    def __init__(self, browser: Any, base_url: str) -> None:
        self.context = browser.new_context(
            base_url=base_url, extra_http_headers={"X-Forwarded-Proto": "https"}
        )
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.page.on("response", self._response)
        self.page.on("console", self._console)

    def _response(self, response: Any) -> None:
        expected_404 = response.url.endswith("/nope-not-a-page/")
        if response.status >= 400 and not (expected_404 and response.status == 404):
            self.problems.append(f"{response.status} {response.url}")

    def _console(self, message: Any) -> None:
        # A failed load is already counted, with its status, by _response.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.problems.append(f"console error on {self.page.url}: {message.text}")

    def open(self, path: str) -> None:
        self.page.goto(path)
        print(f"  {self.page.url}", flush=True)

    def sign_in(self, email: str, password: str) -> None:
        self.open("/account/sign-in/")
        self.page.get_by_label("Email address").fill(email)
        self.page.get_by_label("Password").fill(password)
        with self.page.expect_navigation():
            self.page.get_by_role("button", name="Sign in").click()
        if "/account/sign-in/" in self.page.url:
            self.problems.append(f"{email} could not sign in")

    def navigation_links(self) -> list[str]:
        links = self.page.locator(".govuk-service-navigation__list a").all()
        return [link.get_attribute("href") for link in links][:PAGES_PER_ROLE]


def browse(base_url: str, sign_ins: list[tuple[str, str]], password: str) -> list[str]:
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        visit = Visit(browser, base_url)
        print("anonymous", flush=True)
        for path in PUBLIC_PAGES:
            visit.open(path)
        problems += visit.problems
        for role, email in sign_ins:
            print(f"{role} ({email})", flush=True)
            visit = Visit(browser, base_url)
            visit.sign_in(email, password)
            for path in ["/", *visit.navigation_links()]:
                visit.open(path)
            problems += visit.problems
            visit.context.close()
        browser.close()
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", required=True, help="an empty PostgreSQL database")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    env = production_env(args.database_url, args.port)
    manage(env, "migrate", "--no-input")
    password, sign_ins = demo_sign_ins(manage(env, "load_demo_network"))
    if not (password and sign_ins):
        sys.exit("load_demo_network printed no demo sign-ins")
    manage(env, "collectstatic", "--no-input")
    with gunicorn(env, args.port):
        problems = browse(f"http://127.0.0.1:{args.port}", sign_ins, password)
    for problem in problems:
        print(f"FAILED: {problem}")
    print(f"smoke: {len(sign_ins)} roles signed in, {len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
