"""Check that every chart of the newswire dashboard returns data; optionally screenshot it.

Logs in over the REST API, lists the charts of the dashboard (slug "newswire"), fetches each
chart's data with its saved query context (GET /api/v1/chart/{id}/data/) and prints the row
count per chart. Exit status 1 if the dashboard has no charts or any chart errors or returns
0 rows.

--screenshot PATH logs in through the login form in headless Chromium (Playwright driving
/usr/bin/chromium, no browser download), opens the dashboard, waits until every chart has
rendered (a canvas/svg for ECharts, a table for tables) and saves a full-page PNG. Requests
to any host other than Superset's are aborted and reported. Exit status 1 if a chart shows
an error or does not render in time.

Runs with the Superset venv's python; does not import the project's packages.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import requests

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--metrics-recording-only",
]


def api_session(base: str, user: str, password: str) -> requests.Session:
    s = requests.Session()
    s.headers["Referer"] = base
    r = s.post(
        f"{base}/api/v1/security/login",
        json={"username": user, "password": password, "provider": "db", "refresh": True},
        timeout=60,
    )
    r.raise_for_status()
    s.headers["Authorization"] = f"Bearer {r.json()['access_token']}"
    return s


def check_charts(base: str, s: requests.Session, dashboard: str) -> tuple[bool, list[dict]]:
    r = s.get(f"{base}/api/v1/dashboard/{dashboard}/charts", timeout=60)
    if r.status_code != 200:
        print(f"dashboard {dashboard!r}: HTTP {r.status_code} {r.text[:300]}")
        return False, []
    charts = r.json()["result"]
    if not charts:
        print(f"dashboard {dashboard!r} has no charts")
        return False, []
    ok = True
    for chart in charts:
        cid, name = chart["id"], chart["slice_name"]
        r = s.get(
            f"{base}/api/v1/chart/{cid}/data/",
            params={"format": "json", "type": "full", "force": "true"},
            timeout=300,
        )
        if r.status_code != 200:
            ok = False
            print(f"FAIL  chart {cid} {name!r}: HTTP {r.status_code} {r.text[:500]}")
            continue
        results = r.json().get("result", [])
        rows = sum(int(q.get("rowcount") or 0) for q in results)
        errors = [q.get("error") for q in results if q.get("error")]
        status = "ok  " if rows > 0 and not errors else "FAIL"
        ok = ok and rows > 0 and not errors
        print(f"{status}  chart {cid} {name!r} ({chart.get('form_data', {}).get('viz_type', '?')}): "
              f"{rows} rows" + (f" errors={errors}" if errors else ""))
    return ok, charts


def screenshot(base: str, user: str, password: str, dashboard: str, path: Path,
               n_charts: int, chromium: str, timeout_s: float) -> bool:
    from playwright.sync_api import sync_playwright

    host = urlsplit(base).netloc
    external: list[str] = []

    def guard(route):  # never let the browser leave the Superset host
        if urlsplit(route.request.url).netloc == host or route.request.url.startswith(("data:", "blob:")):
            return route.continue_()
        external.append(route.request.url)
        return route.abort()

    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bi-chromium-") as profile, sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            profile,
            executable_path=chromium,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1600, "height": 1200},
        )
        try:
            ctx.route("**/*", guard)
            page = ctx.new_page()
            page.set_default_timeout(timeout_s * 1000)
            page.goto(f"{base}/login/")
            page.fill("#username", user)
            page.fill("#password", password)
            page.click("button[type=submit]")
            page.wait_for_url(lambda url: "/login" not in url)
            page.goto(f"{base}/superset/dashboard/{dashboard}/")
            # Every chart holder must contain a rendered chart (canvas/svg or table) or an error.
            page.wait_for_function(
                """(n) => {
                    const holders = document.querySelectorAll('.dashboard-component-chart-holder');
                    if (holders.length < n) return false;
                    return [...holders].every(h =>
                        h.querySelector('canvas, svg, table') ||
                        h.querySelector('[data-test="error-message"], .ant-alert-error'));
                }""",
                arg=n_charts,
            )
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(1500)  # let ECharts finish its animation
            errors = page.eval_on_selector_all(
                '.dashboard-component-chart-holder [data-test="error-message"], '
                ".dashboard-component-chart-holder .ant-alert-error",
                "els => els.map(e => e.innerText.slice(0, 300))",
            )
            page.screenshot(path=str(path), full_page=True)
        finally:
            ctx.close()
    print(f"screenshot: {path}")
    if external:
        print(f"note: blocked {len(external)} request(s) to other hosts: "
              f"{sorted({urlsplit(u).netloc for u in external})}")
    if errors:
        print(f"FAIL  charts rendered with errors: {errors}")
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", default=os.environ.get("NEWSWIRE_BI_URL", "http://127.0.0.1:8088"))
    ap.add_argument("--user", default=os.environ.get("NEWSWIRE_BI_USER", "admin"))
    ap.add_argument("--password", default=os.environ.get("NEWSWIRE_BI_PASSWORD", "newswire"))
    ap.add_argument("--dashboard", default="newswire", help="dashboard slug or id")
    ap.add_argument("--screenshot", type=Path, metavar="PATH", help="save a PNG of the dashboard")
    ap.add_argument("--chromium", default=os.environ.get("NEWSWIRE_BI_CHROMIUM", "/usr/bin/chromium"))
    ap.add_argument("--timeout", type=float, default=90.0, help="seconds to wait for rendering")
    args = ap.parse_args(argv)
    base = args.url.rstrip("/")

    ok, charts = check_charts(base, api_session(base, args.user, args.password), args.dashboard)
    if args.screenshot:
        if not Path(args.chromium).exists():
            print(f"chromium not found at {args.chromium} (apt-get install -y chromium)", file=sys.stderr)
            return 2
        ok = screenshot(base, args.user, args.password, args.dashboard, args.screenshot,
                        len(charts), args.chromium, args.timeout) and ok
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
