#!/usr/bin/env python3
# Copied from the project's shared tools (shared/tools/gen_records.py), unchanged below this line.
"""Generate N realistic ISO 19139 records from real sample records, for benchmarks.

Each output is a copy of one sample (round robin) with a new fileIdentifier, a French title and
abstract drawn from a territorial vocabulary, a bounding box somewhere in metropolitan France,
a date stamp and keywords. Deterministic for a given --seed. Standard library only.

  gen_records.py --samples ../data/iso19139 --count 100000 --out /tmp/records
"""
import argparse, os, random, uuid
import xml.etree.ElementTree as ET

GMD = "http://www.isotc211.org/2005/gmd"
GCO = "http://www.isotc211.org/2005/gco"
NS = {"gmd": GMD, "gco": GCO}

SUBJECTS = ["Plan local d'urbanisme", "Cadastre", "Réseau d'eau potable", "Assainissement",
            "Pistes cyclables", "Arrêts de bus", "Qualité de l'air", "Zones inondables",
            "Bâtiments", "Espaces verts", "Éclairage public", "Stationnement", "Collecte des déchets",
            "Établissements scolaires", "Population légale", "Cartes de bruit", "Végétation",
            "Parcelles agricoles", "Voirie", "Limites communales", "Bornes de recharge",
            "Défibrillateurs", "Points d'apport volontaire", "Sites pollués", "Trame verte et bleue",
            "Orthophotographie", "Modèle numérique de terrain", "Permis de construire",
            "Logements sociaux", "Équipements sportifs"]
PLACES = ["Rouen", "Lille", "Roubaix", "Tourcoing", "Villeneuve-d'Ascq", "Lyon", "Grenoble",
          "Clermont-Ferrand", "Marseille", "Nice", "Toulon", "Avignon", "Gap", "Elbeuf",
          "Saint-Étienne", "Annecy", "Chambéry", "Valence", "Aix-en-Provence", "Montreuil"]
WORDS = ["données", "géographiques", "inventaire", "mise à jour", "référentiel", "territoire",
         "métropole", "commune", "région", "service", "producteur", "diffusion", "ouverture",
         "précision", "échelle", "réseau", "surface", "linéaire", "ponctuel", "observatoire"]
KEYWORDS = ["eau", "urbanisme", "transport", "environnement", "mobilité", "énergie", "santé",
            "éducation", "agriculture", "risques", "bruit", "air", "foncier", "habitat"]


def text_el(parent, path):
    el = parent.find(path, NS)
    return el


def set_text(root, path, value):
    el = root.find(path, NS)
    if el is not None:
        el.text = value
        return True
    return False


def generate(template: bytes, i: int, rng: random.Random) -> bytes:
    root = ET.fromstring(template)
    rid = str(uuid.UUID(int=rng.getrandbits(128)))
    set_text(root, "gmd:fileIdentifier/gco:CharacterString", rid)
    subject, place = rng.choice(SUBJECTS), rng.choice(PLACES)
    title = f"{subject} — {place} {2000 + rng.randrange(26)} (n°{i})"
    abstract = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(20, 80)))
    abstract = f"{subject} sur le territoire de {place}. " + abstract.capitalize() + "."
    ident = ".//gmd:identificationInfo/*"
    for info in root.findall(ident, NS):
        set_text(info, "gmd:citation/gmd:CI_Citation/gmd:title/gco:CharacterString", title)
        set_text(info, "gmd:abstract/gco:CharacterString", abstract)
        for kw in info.findall(".//gmd:keyword/gco:CharacterString", NS):
            kw.text = rng.choice(KEYWORDS)
    west = rng.uniform(-4.5, 7.0); south = rng.uniform(42.5, 50.5)
    east = min(west + rng.uniform(0.01, 1.5), 8.2); north = min(south + rng.uniform(0.01, 1.0), 51.1)
    for box in root.findall(".//gmd:EX_GeographicBoundingBox", NS):
        for name, v in (("westBoundLongitude", west), ("eastBoundLongitude", east),
                        ("southBoundLatitude", south), ("northBoundLatitude", north)):
            set_text(box, f"gmd:{name}/gco:Decimal", f"{v:.5f}")
    stamp = f"{2010 + rng.randrange(16)}-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}"
    if not set_text(root, "gmd:dateStamp/gco:DateTime", stamp + "T10:00:00"):
        set_text(root, "gmd:dateStamp/gco:Date", stamp)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--samples", required=True, help="folder of ISO 19139 records to copy")
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=19139)
    a = ap.parse_args()
    for prefix, uri in (("gmd", GMD), ("gco", GCO), ("gml", "http://www.opengis.net/gml"),
                        ("xlink", "http://www.w3.org/1999/xlink"), ("srv", "http://www.isotc211.org/2005/srv"),
                        ("gmx", "http://www.isotc211.org/2005/gmx"), ("xsi", "http://www.w3.org/2001/XMLSchema-instance")):
        ET.register_namespace(prefix, uri)
    templates = []
    for dirpath, _, files in os.walk(a.samples):
        for f in sorted(files):
            if f.endswith(".xml"):
                data = open(os.path.join(dirpath, f), "rb").read()
                try:
                    root = ET.fromstring(data)
                except ET.ParseError:
                    continue
                if root.tag == f"{{{GMD}}}MD_Metadata" and root.find("gmd:fileIdentifier", NS) is not None:
                    templates.append(data)
    if not templates:
        raise SystemExit("no gmd:MD_Metadata sample with a fileIdentifier found")
    os.makedirs(a.out, exist_ok=True)
    rng = random.Random(a.seed)
    for i in range(a.count):
        sub = os.path.join(a.out, f"{i // 10000:03d}")
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, f"r{i:07d}.xml"), "wb") as fh:
            fh.write(generate(templates[i % len(templates)], i, rng))
    print(f"wrote {a.count} records from {len(templates)} templates to {a.out}")


if __name__ == "__main__":
    main()
