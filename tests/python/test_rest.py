"""The REST API as a plain HTTP client sees it, against the built binary."""
import requests


def test_health_and_ready(server):
    assert requests.get(f"{server.base}/health", timeout=5).status_code == 200
    assert requests.get(f"{server.base}/ready", timeout=5).status_code == 200


def test_search_lists_imported_records(server):
    r = requests.get(f"{server.base}/api/v1/records", params={"limit": 5}, timeout=5)
    assert r.status_code == 200
    body = r.json()
    assert body["total"] > 20
    assert len(body["items"]) == 5


def test_openapi_document_is_served(server):
    r = requests.get(f"{server.base}/api", timeout=5)
    assert r.status_code == 200
    assert r.json()["openapi"].startswith("3.")
