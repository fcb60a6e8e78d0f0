"""DCAT-AP 3 export checked by real RDF clients: pySHACL validates the records and the whole
catalogue against the official DCAT-AP 3.0.1 shapes and the GeoDCAT-AP 2.0.0 shapes (the
newest GeoDCAT-AP release with shapes; zero Violations; Warnings allowed), and
rdflib checks that JSON-LD, Turtle, RDF/XML and N-Triples give isomorphic graphs.

Two sources: the `export` example of moisson-dcat over the fixtures of tests/data (always),
and the server's /dcat endpoints (the `server` fixture)."""
import os
import subprocess
from pathlib import Path

import pyshacl
import pytest
import rdflib
import requests
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SH

from conftest import ROOT

SHAPES = ROOT / "tests" / "data" / "shapes"
SHAPE_FILES = {
    "dcat-ap-3.0.1": ("shapes.ttl", "range.ttl"),
    "geodcat-ap-2.0.0": ("geodcat-ap.shacl.ttl",),
}
EXAMPLE = ROOT / "target" / "debug" / "examples" / "export"
PUBLIC = "https://catalogue.example.fr"
FORMATS = {"ttl": "turtle", "jsonld": "json-ld", "rdf": "xml", "nt": "nt"}
MEDIA = {"ttl": "text/turtle", "jsonld": "application/ld+json", "rdf": "application/rdf+xml",
         "nt": "application/n-triples"}


@pytest.fixture(scope="session", params=sorted(SHAPE_FILES))
def shapes(request) -> rdflib.Graph:
    g = rdflib.Graph()
    for name in SHAPE_FILES[request.param]:
        g.parse(SHAPES / request.param / name, format="turtle")
    return g


@pytest.fixture(scope="session")
def inputs() -> list[str]:
    data = ROOT / "tests" / "data"
    # lossless/: records with translations of keywords, constraints and lineage (issue 21).
    return sorted(str(p) for d in ("iso19139", "dublin-core", "lossless")
                  for p in (data / d).rglob("*.xml"))


@pytest.fixture(scope="session")
def export(inputs):
    """Runs the `export` example (built once) and returns its output for an extension."""
    subprocess.run(["cargo", "build", "-q", "-p", "moisson-dcat", "--example", "export"],
                   cwd=ROOT, check=True)

    def run(ext: str, *flags: str) -> bytes:
        env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
        return subprocess.run([str(EXAMPLE), *flags, ext, PUBLIC, *inputs], cwd=ROOT, check=True,
                              capture_output=True, env=env).stdout
    return run


def violations(data: rdflib.Graph, shapes: rdflib.Graph) -> list[str]:
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    out = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        if report.value(r, SH.resultSeverity) == SH.Violation:
            out.append(f"{report.value(r, SH.focusNode)} {report.value(r, SH.resultPath)}: "
                       f"{report.value(r, SH.resultMessage)}")
    return sorted(out)


def parse(body: bytes, ext: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=body, format=FORMATS[ext])


def without_paging(graph: rdflib.Graph) -> rdflib.Graph:
    """The graph without its hydra view, whose page links name the requested URL form."""
    hydra = "http://www.w3.org/ns/hydra/core#"
    views = {s for s, p, _ in graph if str(p).startswith(hydra)}
    out = rdflib.Graph()
    for t in graph:
        if t[0] not in views:
            out.add(t)
    return out


def test_exported_catalogue_conforms(export, shapes):
    graph = parse(export("ttl"), "ttl")
    assert len(graph) > 1000
    assert violations(graph, shapes) == []


def test_each_exported_record_conforms(export, shapes):
    documents = [d for d in export("ttl", "--records").decode().split("\n#--\n") if d.strip()]
    assert len(documents) >= 20
    for doc in documents:
        graph = rdflib.Graph().parse(data=doc, format="turtle")
        found = violations(graph, shapes)
        assert found == [], doc[:2000]


def test_four_serialisations_are_isomorphic(export):
    reference = parse(export("ttl"), "ttl")
    for ext in ("jsonld", "rdf", "nt"):
        assert isomorphic(reference, parse(export(ext), ext)), ext


def test_server_catalogue_conforms_and_pages(server, shapes):
    seen, url, pages = [], f"{server.base}/dcat/catalog.ttl?page_size=7", 0
    hydra = rdflib.Namespace("http://www.w3.org/ns/hydra/core#")
    dcat = rdflib.Namespace("http://www.w3.org/ns/dcat#")
    while url:
        r = requests.get(url, timeout=30, allow_redirects=False)
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith("text/turtle")
        graph = parse(r.content, "ttl")
        assert violations(graph, shapes) == [], url
        seen += [str(o) for p in (dcat.dataset, dcat.service) for o in graph.objects(None, p)]
        nxt = list(graph.objects(None, hydra.next))
        url, pages = (str(nxt[0]) if nxt else None), pages + 1
        assert pages < 100
    total = int(next(graph.objects(None, hydra.totalItems)))
    assert len(seen) == len(set(seen)) == total


@pytest.mark.parametrize("ext", list(FORMATS))
def test_server_formats_heads_and_isomorphism(server, ext):
    reference = parse(requests.get(f"{server.base}/dcat/catalog.ttl", timeout=30).content, "ttl")
    by_suffix = requests.get(f"{server.base}/dcat/catalog.{ext}", timeout=30, allow_redirects=False)
    by_accept = requests.get(f"{server.base}/dcat/catalog", headers={"Accept": MEDIA[ext]}, timeout=30,
                             allow_redirects=False)
    head = requests.head(f"{server.base}/dcat/catalog.{ext}", timeout=30, allow_redirects=False)
    for r in (by_suffix, by_accept, head):
        assert r.status_code == 200
        assert r.headers["content-type"].startswith(MEDIA[ext])
    assert isomorphic(without_paging(reference), without_paging(parse(by_suffix.content, ext)))
    assert isomorphic(without_paging(reference), without_paging(parse(by_accept.content, ext)))
    assert "localhost" not in by_suffix.text
