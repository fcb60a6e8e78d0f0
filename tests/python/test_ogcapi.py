"""OGC API - Records as real clients see it, against the built binary: OWSLib's
`Records`, GDAL's OAPIF driver (`ogrinfo`) and schemathesis over the OpenAPI document."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from owslib.ogcapi.records import Records

BRETAGNE = "955c3e47-411e-4969-b61b-3556d1b9f879"  # "Cadastre 2018 en Bretagne", tests/data/iso19139


@pytest.fixture(scope="module")
def records(server):
    return Records(f"{server.base}/ogcapi")


def test_owslib_lists_the_catalogue_and_its_conformance(records):
    assert records.records() == ["main"]
    conformance = records.conformance()["conformsTo"]
    assert "http://www.opengis.net/spec/ogcapi-records-1/1.0/conf/core" in conformance
    assert "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text" in conformance
    assert records.collection("main")["itemType"] == "record"


def test_owslib_reads_the_openapi_document(records):
    """OWSLib's api() follows only a service-desc typed OpenAPI 3.0, hence 3.0.3."""
    api = records.api()
    assert api["openapi"] == "3.0.3"
    assert "/ogcapi/collections/{catalogId}/items" in api["paths"]


def test_owslib_queryables(records):
    queryables = records.collection_queryables("main")
    for name in ("title", "keywords", "geometry", "time", "updated", "lineage", "degree"):
        assert name in queryables["properties"], name
    assert queryables["properties"]["denominator"]["type"] == "number"


def test_owslib_items_with_q_bbox_filter_and_sortby(records):
    everything = records.collection_items("main", limit=5)
    assert everything["numberMatched"] > 20
    assert everything["numberReturned"] == 5

    found = records.collection_items("main", q="cadastre")
    assert BRETAGNE in [f["id"] for f in found["features"]]

    rennes = records.collection_items("main", bbox=[-1.8, 48.0, -1.6, 48.2], limit=50)
    assert BRETAGNE in [f["id"] for f in rennes["features"]]
    assert all(f["geometry"] is not None for f in rennes["features"])

    filtered = records.collection_items("main", filter="title LIKE 'Cadastre 2018%' AND type = 'dataset'")
    assert [f["id"] for f in filtered["features"]] == [BRETAGNE]

    titles = [f["properties"]["title"] for f in
              records.collection_items("main", sortby=("title", "desc"), limit=100)["features"]]
    assert titles == sorted(titles, reverse=True) or len(titles) > 1


def test_owslib_pages_through_everything(records):
    first = records.collection_items("main", limit=7)
    total = first["numberMatched"]
    seen = [f["id"] for f in first["features"]]
    offset = 7
    while offset < total:
        page = records.collection_items("main", limit=7, offset=offset)
        assert page["numberMatched"] == total
        seen += [f["id"] for f in page["features"]]
        offset += 7
    assert len(seen) == total == len(set(seen))


def test_owslib_one_record_and_its_iso_alternate(records, server):
    record = records.collection_item("main", BRETAGNE)
    assert record["id"] == BRETAGNE
    assert record["properties"]["type"] == "dataset"
    alternate = next(link for link in record["links"] if link["rel"] == "alternate")
    xml = requests.get(alternate["href"], timeout=10)
    assert xml.status_code == 200
    assert b"MD_Metadata" in xml.content


def test_dcat_alternates_resolve(records):
    record = records.collection_item("main", BRETAGNE)
    alternates = {link["type"]: link["href"] for link in record["links"] if link["rel"] == "alternate"}
    for media_type in ("application/ld+json", "text/turtle"):
        r = requests.get(alternates[media_type], timeout=10)
        assert r.status_code == 200, alternates[media_type]
        assert r.headers["content-type"].startswith(media_type)
        assert BRETAGNE in r.text and "Dataset" in r.text
    catalogue = records.collection("main")
    jsonld = next(link["href"] for link in catalogue["links"]
                  if link["rel"] == "alternate" and link["type"] == "application/ld+json")
    assert requests.get(jsonld, timeout=30).status_code == 200


def test_bad_parameters_are_400_exceptions(server):
    items = f"{server.base}/ogcapi/collections/main/items"
    for params in ({"colour": "red"}, {"bbox": "1,2,3"}, {"filter": "title ="}, {"limit": "0"}):
        r = requests.get(items, params=params, timeout=10)
        assert r.status_code == 400, params
        assert r.headers["content-type"] == "application/problem+json"
        assert r.json()["detail"], params


def test_gdal_reads_the_catalogue_as_features(server):
    ogrinfo = shutil.which("ogrinfo")
    assert ogrinfo, "ogrinfo is missing: apt-get install gdal-bin (scripts/test installs it)"
    out = subprocess.run([ogrinfo, "-ro", "-al", "-so", f"OAPIF:{server.base}/ogcapi"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "Layer name: main" in out.stdout, out.stdout
    count = next(line for line in out.stdout.splitlines() if line.startswith("Feature Count:"))
    assert int(count.split(":")[1]) > 20, out.stdout


def test_gdal_reads_every_feature_with_a_geometry(server):
    ogrinfo = shutil.which("ogrinfo")
    assert ogrinfo, "ogrinfo is missing: apt-get install gdal-bin (scripts/test installs it)"
    out = subprocess.run([ogrinfo, "-ro", "-al", "-q", f"OAPIF:{server.base}/ogcapi",
                          "-where", "type = 'dataset'"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert BRETAGNE in out.stdout
    assert "POLYGON" in out.stdout


def test_schemathesis_finds_no_server_error_nor_schema_violation(server, tmp_path):
    """Property-based requests generated from /ogcapi/api, bounded to 20 per operation."""
    cli = Path(sys.executable).with_name("schemathesis")
    # Which operations are fuzzed with valid values only, and why: see that file.
    config = Path(__file__).with_name("schemathesis.toml")
    out = subprocess.run(
        [str(cli), "--config-file", str(config), "run", f"{server.base}/ogcapi/api", "--url", server.base,
         "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,"
                     "response_schema_conformance",
         "--max-examples", "20", "--seed", "1", "--generation-database", "none",
         "--request-timeout", "10", "--no-color"],
        capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert out.returncode == 0, out.stdout[-6000:] + out.stderr[-2000:]
