#!/usr/bin/env python3
"""Builds `thesauri/covadis.ttl`, a SKOS scheme of the COVADIS theme tree, from its two
public descriptions (see `thesauri/SOURCES.md`):

- the COVADIS tree as YAML (benoitdavidfr/browsecat `arbocovadis.yaml`): codes, levels,
  the "Theme/Sub-theme" labels of the COVADIS document, definitions;
- the Ecosphères themes SKOS (benoitdavidfr/themesecospheres `thespheres.json`, Licence
  Ouverte), derived from that tree: each COVADIS theme whose label the Ecosphères theme
  carries gets a skos:closeMatch to it.

Only the nomenclature itself is kept (codes, labels, hierarchy, definitions): not the
author's regular expressions, notes or themes he added (notes saying "ajout").

    python3 scripts/build_covadis.py YAML JSON > thesauri/covadis.ttl
"""

import json
import sys

import yaml

SCHEME = "urn:moisson:thesaurus:covadis"
ECO = "http://registre.data.developpement-durable.gouv.fr/ecospheres/themes-ecospheres/"


def lit(s):
    s = " ".join(s.split())
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"@fr'


def uri(path):
    return "<" + SCHEME + ":" + "/".join(path) + ">"


def is_addition(node):
    return "ajout" in (node.get("note") or "").lower()


def eco_labels(path):
    """Ecosphères concept URI by each of its folded labels."""
    data = json.load(open(path, encoding="utf-8"))
    out = {}
    for c in data["@graph"]:
        if not c.get("@id", "").startswith("themes:"):
            continue
        labels = []
        for p in ("skos:prefLabel", "skos:altLabel"):
            v = c.get(p, [])
            labels += [x["@value"] for x in (v if isinstance(v, list) else [v])]
        for lab in labels:
            out.setdefault(lab.strip().lower(), ECO + c["@id"].split(":", 1)[1])
    return out


def top_label(key, children):
    for child in children.values():
        for alt in (child or {}).get("altLabels") or []:
            if "/" in alt:
                return alt.split("/", 1)[0].strip()
    return key.replace("_", " ").capitalize()


def own_label(key, node):
    for alt in node.get("altLabels") or []:
        if "/" in alt:
            return alt.split("/", 1)[1].strip()
    return key.removeprefix("N_").replace("_", " ").capitalize()


def concept(path, node, label, eco, out, parent):
    lines = [f"{uri(path)} a skos:Concept ;", f"  skos:inScheme <{SCHEME}> ;",
             f"  skos:prefLabel {lit(label)} ;", f"  skos:hiddenLabel {lit(path[-1])} ;"]
    if parent:
        lines.append(f"  skos:broader {uri(parent)} ;")
    else:
        lines.append(f"  skos:topConceptOf <{SCHEME}> ;")
    if node.get("short"):
        lines.append(f'  skos:notation "{node["short"]}" ;')
    alts = [a for a in node.get("altLabels") or [] if a.strip() and a.strip() != label]
    for a in alts:
        lines.append(f"  skos:altLabel {lit(a)} ;")
    definition = node.get("definitionInitiale") or node.get("definition")
    if definition and definition.strip():
        lines.append(f"  skos:definition {lit(definition)} ;")
    matches = sorted({eco[k] for k in [label.lower()] + [a.strip().lower() for a in alts] if k in eco})
    for m in matches:
        lines.append(f"  skos:closeMatch <{m}> ;")
    lines[-1] = lines[-1][:-2] + " ."
    out.append("\n".join(lines))


def walk(children, parent, eco, out):
    for key, node in children.items():
        node = node or {}
        if is_addition(node):
            continue
        path = parent + [key]
        kids = node.get("children") or {}
        label = top_label(key, kids) if not parent else own_label(key, node)
        concept(path, node, label, eco, out, parent)
        walk(kids, path, eco, out)


def main():
    yaml_path, json_path = sys.argv[1:3]
    # The YAML has a stray TAB (line 311) that strict parsers refuse.
    tree = yaml.safe_load(open(yaml_path, encoding="utf-8").read().replace("\t", " "))
    eco = eco_labels(json_path)
    out = []
    walk(tree["children"], [], eco, out)
    print("@prefix skos: <http://www.w3.org/2004/02/skos/core#> .")
    print("@prefix dct: <http://purl.org/dc/terms/> .")
    print("# Built by crates/moisson-thesaurus/scripts/build_covadis.py; sources in SOURCES.md.")
    print(f"<{SCHEME}> a skos:ConceptScheme ;")
    print('  dct:title "Arborescence thématique COVADIS"@fr , "COVADIS theme tree"@en ;')
    print('  dct:source <https://github.com/benoitdavidfr/browsecat/blob/5fb0f14873/arbocovadis.yaml> ,')
    print('    <https://github.com/benoitdavidfr/themesecospheres/blob/ff00504e6b/thespheres.json> .')
    print("\n".join(out))


main()
