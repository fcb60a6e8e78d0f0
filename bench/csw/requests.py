#!/usr/bin/env python3
"""Writes the CSW request bodies the CSW benchmark replays, one file per request.

GetRecords: csw:AnyText word + a BBOX in metropolitan France (urn:ogc:def:crs:EPSG::4326,
so lat/lon axis order, which both servers honour), 10 results, full ISO 19139 records.
The same files are sent to Moisson and to pycsw.

  requests.py --out DIR [--count 200] [--seed 7]
"""
import argparse, os, random

WORDS = ["eau", "urbanisme", "transport", "environnement", "mobilité", "bruit", "cadastre",
         "voirie", "habitat", "risques", "réseau", "commune"]

TEMPLATE = """<?xml version="1.0" encoding="UTF-8"?>
<csw:GetRecords xmlns:csw="http://www.opengis.net/cat/csw/2.0.2" xmlns:ogc="http://www.opengis.net/ogc"
  xmlns:gml="http://www.opengis.net/gml" xmlns:gmd="http://www.isotc211.org/2005/gmd"
  service="CSW" version="2.0.2" resultType="results" startPosition="1" maxRecords="10"
  outputSchema="http://www.isotc211.org/2005/gmd">
  <csw:Query typeNames="gmd:MD_Metadata">
    <csw:ElementSetName>full</csw:ElementSetName>
    <csw:Constraint version="1.1.0">
      <ogc:Filter>
        <ogc:And>
          <ogc:PropertyIsLike wildCard="%" singleChar="_" escapeChar="\\">
            <ogc:PropertyName>csw:AnyText</ogc:PropertyName>
            <ogc:Literal>%{word}%</ogc:Literal>
          </ogc:PropertyIsLike>
          <ogc:BBOX>
            <ogc:PropertyName>ows:BoundingBox</ogc:PropertyName>
            <gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326">
              <gml:lowerCorner>{miny:.3f} {minx:.3f}</gml:lowerCorner>
              <gml:upperCorner>{maxy:.3f} {maxx:.3f}</gml:upperCorner>
            </gml:Envelope>
          </ogc:BBOX>
        </ogc:And>
      </ogc:Filter>
    </csw:Constraint>
  </csw:Query>
</csw:GetRecords>
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    for i in range(a.count):
        minx = rng.uniform(-4.5, 6.0)
        miny = rng.uniform(42.5, 49.5)
        size = rng.uniform(1.0, 3.0)
        body = TEMPLATE.format(word=rng.choice(WORDS), minx=minx, miny=miny,
                               maxx=minx + size, maxy=miny + size)
        with open(os.path.join(a.out, f"{i:04d}.xml"), "w", encoding="utf-8") as f:
            f.write(body)


if __name__ == "__main__":
    main()
