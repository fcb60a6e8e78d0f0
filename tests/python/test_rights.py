"""Accounts and rights as real clients see them, against the built binary on a fresh
database: an organisation, an editor and a draft record, made over the REST API with the
admin token; the draft is hidden from anonymous OWSLib (CSW), OGC API and DCAT clients and
shown to the editor's bearer token; a forged token is refused everywhere. Then schemathesis
over the REST API's OpenAPI document (every route, accounts included) with the admin token."""
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from owslib.csw import CatalogueServiceWeb

from conftest import start_server

DRAFT = "rights-test/draft-1"
PASSWORD = "editor's password"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    srv = start_server(tmp_path_factory.mktemp("rights"), [])
    yield srv
    srv.proc.terminate()
    srv.proc.wait(timeout=10)


def admin(srv):
    return {"Authorization": f"Bearer {srv.admin_token}"}


@pytest.fixture(scope="module")
def editor_token(fresh):
    base = f"{fresh.base}/api/v1"
    r = requests.post(f"{base}/organisations", json={"id": "org-a", "name": "Org A"}, headers=admin(fresh), timeout=10)
    assert r.status_code == 201, r.text
    r = requests.post(f"{base}/users", json={"username": "ed", "password": PASSWORD}, headers=admin(fresh), timeout=30)
    assert r.status_code == 201, r.text
    assert "password" not in r.text and "hash" not in r.text
    r = requests.put(f"{base}/units/org-a/members/ed", json={"role": "editor"}, headers=admin(fresh), timeout=10)
    assert r.status_code == 204, r.text
    r = requests.post(f"{base}/auth/token", json={"username": "ed", "password": "wrong"}, timeout=30)
    assert r.status_code == 401 and r.headers["content-type"] == "application/problem+json"
    r = requests.post(f"{base}/auth/token", json={"username": "ed", "password": PASSWORD}, timeout=30)
    assert r.status_code == 200, r.text
    token = r.json()["access_token"]
    record = {"id": DRAFT, "title": "Brouillon de l'éditeur", "abstract": "Pas encore publié",
              "catalogue": {"owner_org": "org-a", "status": "draft"}}
    bearer = {"Authorization": f"Bearer {token}"}
    r = requests.post(f"{base}/records", json={**record, "catalogue": {**record["catalogue"], "status": "published"}},
                      headers=bearer, timeout=10)
    assert r.status_code == 403, "an editor may not publish: " + r.text
    r = requests.post(f"{base}/records", json=record, headers=bearer, timeout=10)
    assert r.status_code == 201, r.text
    return token


def test_rest_hides_the_draft_from_anonymous(fresh, editor_token):
    url = f"{fresh.base}/api/v1/records/{DRAFT}"
    assert requests.get(url, timeout=10).status_code == 404
    r = requests.get(url, headers={"Authorization": f"Bearer {editor_token}"}, timeout=10)
    assert r.status_code == 200 and r.json()["catalogue"]["status"] == "draft"
    me = requests.get(f"{fresh.base}/api/v1/auth/me", headers={"Authorization": f"Bearer {editor_token}"}, timeout=10)
    assert me.json()["memberships"] == [{"unit": "org-a", "role": "editor"}]


def test_owslib_sees_the_draft_only_with_the_token(fresh, editor_token):
    url = f"{fresh.base}/csw"
    anonymous = CatalogueServiceWeb(url, timeout=60)
    anonymous.getrecordbyid([DRAFT])
    assert DRAFT not in anonymous.records
    anonymous.getrecords2(esn="brief", maxrecords=10)
    assert anonymous.results["matches"] == 0
    editor = CatalogueServiceWeb(url, timeout=60, headers={"Authorization": f"Bearer {editor_token}"})
    editor.getrecordbyid([DRAFT])
    assert DRAFT in editor.records
    editor.getrecords2(esn="brief", maxrecords=10)
    assert editor.results["matches"] == 1


def test_ogcapi_and_dcat_follow_the_token(fresh, editor_token):
    items = f"{fresh.base}/ogcapi/collections/main/items"
    bearer = {"Authorization": f"Bearer {editor_token}"}
    assert requests.get(items, timeout=10).json()["numberMatched"] == 0
    assert requests.get(items, headers=bearer, timeout=10).json()["numberMatched"] == 1
    catalog = f"{fresh.base}/dcat/catalog.ttl"
    assert "Brouillon" not in requests.get(catalog, timeout=10).text
    assert "Brouillon" in requests.get(catalog, headers=bearer, timeout=10).text


def test_a_forged_token_is_refused_by_every_protocol(fresh):
    forged = {"Authorization": "Bearer eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJtb2lzc29uIn0.c2lnbmF0dXJl"}
    for path in ["/api/v1/records", "/csw?service=CSW&request=GetCapabilities",
                 "/ogcapi/collections/main/items", "/dcat/catalog.ttl"]:
        r = requests.get(f"{fresh.base}{path}", headers=forged, timeout=10)
        assert r.status_code == 401, path
        assert r.headers["www-authenticate"].startswith("Bearer"), path


def test_schemathesis_finds_no_server_error_nor_schema_violation_in_the_rest_api(fresh, editor_token, tmp_path):
    """Every REST operation, accounts included, with the admin token (so that writes reach
    the store), bounded to 20 examples per operation."""
    cli = Path(sys.executable).with_name("schemathesis")
    # Which operations are fuzzed with valid values only, and why: see that file.
    config = Path(__file__).with_name("schemathesis.toml")
    out = subprocess.run(
        [str(cli), "--config-file", str(config), "run", f"{fresh.base}/api", "--url", fresh.base,
         "-H", f"Authorization: Bearer {fresh.admin_token}",
         "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,"
                     "response_schema_conformance",
         "--max-examples", "20", "--seed", "1", "--generation-database", "none",
         "--suppress-health-check", "filter_too_much",
         "--request-timeout", "10", "--no-color"],
        capture_output=True, text=True, timeout=900, cwd=tmp_path)
    assert out.returncode == 0, out.stdout[-6000:] + out.stderr[-2000:]
