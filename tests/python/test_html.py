"""The OGC API's HTML pages, and Swagger UI at /api, in a real headless browser (Debian's chromium), driven over
the DevTools protocol: each page renders, the links of the landing page lead on to the
collections, the catalogue, the items (search form, next page) and a record, every
same-site link answers, no page runs a script or logs a console error, and each record
page carries its schema.org Dataset in JSON-LD."""
import itertools
import json
import re
import shutil
import subprocess
import threading
import time
from urllib.parse import urlparse

import pytest
import requests
import websocket

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--remote-debugging-port=0", "about:blank"]


class Browser:
    """One chromium and one tab; `visit` loads a page and returns what it saw."""

    def __init__(self, profile):
        assert CHROMIUM, "chromium is missing: scripts/test installs it (apt)"
        self.proc = subprocess.Popen([CHROMIUM, f"--user-data-dir={profile}", *FLAGS],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        url = self._devtools_url()
        # Keep reading chromium's log, so that a full pipe never blocks it.
        threading.Thread(target=lambda: self.proc.stderr.read(), daemon=True).start()
        self.ws = websocket.create_connection(url, timeout=30, suppress_origin=True)
        self.ids = itertools.count(1)
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable", session=True)

    def _devtools_url(self):
        deadline = time.time() + 30
        while time.time() < deadline:
            line = self.proc.stderr.readline()
            found = re.search(r"DevTools listening on (ws://\S+)", line)
            if found:
                return found.group(1)
        raise RuntimeError("chromium did not open its DevTools port")

    def call(self, method, session=False, **params):
        msg = {"id": next(self.ids), "method": method, "params": params}
        if session:
            msg["sessionId"] = self.session
        self.ws.send(json.dumps(msg))
        while True:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == msg["id"]:
                assert "error" not in reply, f"{method}: {reply['error']}"
                return reply.get("result", {})
            self.events.append(reply)

    events: list = []

    def visit(self, url):
        """Loads `url`; returns (status, problems, page) once the load event fired."""
        self.events = []
        self.call("Page.navigate", session=True, url=url)
        deadline = time.time() + 30
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            assert time.time() < deadline, f"{url} did not load"
            self.events.append(json.loads(self.ws.recv()))
        page = self.evaluate("""({
            title: document.title,
            h1: (document.querySelector('h1') || {}).textContent,
            links: Array.from(document.links).map(a => a.href),
            rel: Object.fromEntries(Array.from(document.querySelectorAll('a[rel]')).map(a => [a.rel, a.href])),
            forms: document.forms.length,
            scripts: Array.from(document.scripts).map(s => s.type),
            jsonld: Array.from(document.querySelectorAll('script[type="application/ld+json"]')).map(s => s.textContent),
            head: Array.from(document.querySelectorAll('link[rel]')).map(l => [l.rel, l.href]),
        })""")
        return self._status(url), self._problems(), page

    def wait_for(self, expression, seconds=20):
        """Polls `expression` in the page until it is truthy (for pages that render with
        a script, as Swagger UI does); returns its last value."""
        deadline = time.time() + seconds
        value = self.evaluate(expression)
        while not value and time.time() < deadline:
            time.sleep(0.2)
            value = self.evaluate(expression)
        return value

    def requested(self):
        """Every URL the page asked for so far."""
        return [e["params"]["request"]["url"] for e in self.events
                if e.get("method") == "Network.requestWillBeSent"]

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", session=True, expression=expression, returnByValue=True)
        return result["result"]["value"]

    def _status(self, url):
        for e in self.events:
            if e.get("method") == "Network.responseReceived" and e["params"]["type"] == "Document":
                return e["params"]["response"]["status"]
        return None

    def _problems(self):
        out = []
        for e in self.events:
            method, params = e.get("method"), e.get("params", {})
            if method == "Runtime.consoleAPICalled" and params["type"] in ("error", "warning", "assert"):
                out.append(f"console.{params['type']}: {params['args']}")
            elif method == "Runtime.exceptionThrown":
                out.append(f"exception: {params['exceptionDetails']}")
            elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
                out.append(f"log: {params['entry']['text']} ({params['entry'].get('url')})")
            elif method == "Network.loadingFailed":
                out.append(f"failed to load: {params}")
        return out

    def close(self):
        self.ws.close()
        self.proc.terminate()
        self.proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    b = Browser(tmp_path_factory.mktemp("chromium"))
    yield b
    b.close()


def looks_right(browser, url):
    status, problems, page = browser.visit(url)
    assert status == 200, url
    assert problems == [], f"{url}: {problems}"
    assert page["h1"], f"{url} has no heading"
    assert [t for t in page["scripts"] if t != "application/ld+json"] == [], f"{url} runs a script"
    return page


def test_pages_render_and_lead_from_the_landing_page_to_a_record(server, browser):
    landing = looks_right(browser, f"{server.base}/ogcapi?f=html")
    catalog = [href for rel, href in landing["head"] if rel == "http://www.opengis.net/def/rel/ogc/1.0/ogc-catalog"]
    assert catalog == [f"{server.base}/ogcapi/collections/main/items"], landing["head"]

    collections = next(h for h in landing["links"] if h.endswith("/ogcapi/collections?f=html"))
    catalogue = next(h for h in looks_right(browser, collections)["links"]
                     if h.endswith("/collections/main?f=html"))
    search = looks_right(browser, catalogue)
    assert search["forms"] == 1, "the catalogue page has the search form"

    items = looks_right(browser, f"{server.base}/ogcapi/collections/main/items?q=cadastre&limit=2&f=html")
    assert items["forms"] == 1
    second = looks_right(browser, f"{server.base}/ogcapi/collections/main/items?limit=3&f=html")
    assert "next" in second["rel"], "paging links"
    following = looks_right(browser, second["rel"]["next"])
    assert "prev" in following["rel"]

    record_url = next(h for h in items["links"] if "/items/" in h and h.endswith("f=html"))
    record = looks_right(browser, record_url)
    [ld] = record["jsonld"]
    dataset = json.loads(ld)
    assert dataset["@type"] == "Dataset" and dataset["name"] == record["h1"]


def test_every_same_site_link_of_the_pages_answers(server, browser):
    """The links of each page (JSON alternates, DCAT, ISO XML, other pages) all answer."""
    pages = [f"{server.base}/ogcapi?f=html", f"{server.base}/ogcapi/conformance?f=html",
             f"{server.base}/ogcapi/collections/main?f=html",
             f"{server.base}/ogcapi/collections/main/items?limit=2&f=html"]
    first = requests.get(f"{server.base}/ogcapi/collections/main/items?limit=1", timeout=30).json()
    pages.append(f"{server.base}/ogcapi/collections/main/items/{first['features'][0]['id']}?f=html")
    host = urlparse(server.base).netloc
    checked = set()
    for page in pages:
        for href in looks_right(browser, page)["links"]:
            target = href.split("#")[0]
            if urlparse(target).netloc != host or target in checked:
                continue
            checked.add(target)
            status = requests.get(target, timeout=60).status_code
            assert status == 200, f"{page} links to {target}: {status}"
    assert len(checked) > 20, checked


def test_api_docs_are_interactive_and_served_by_moisson(server, browser):
    """/api in a browser is Swagger UI over /api/openapi.json, every file from Moisson."""
    status, problems, page = browser.visit(f"{server.base}/api")
    assert status == 200
    operations = browser.wait_for("document.querySelectorAll('.opblock').length")
    assert operations > 10, "Swagger UI lists the operations of the OpenAPI document"
    problems += browser._problems()
    assert problems == [], problems
    requested = browser.requested()
    assert f"{server.base}/api/openapi.json" in requested
    foreign = [u for u in requested if not u.startswith(server.base) and not u.startswith("data:")]
    assert foreign == [], f"loaded from elsewhere: {foreign}"
    as_json = requests.get(f"{server.base}/api", headers={"Accept": "application/json"}, timeout=30)
    assert "json" in as_json.headers["content-type"] and as_json.json()["paths"], "JSON stays at /api"
