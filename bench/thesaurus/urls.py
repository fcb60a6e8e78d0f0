#!/usr/bin/env python3
"""Autocomplete requests over GEMET (issue 23): one request path per line, for
bench/ogcapi/replay.lua. Prefixes of 1 to 4 letters of the words of GEMET's French labels,
accents kept as users type them, shuffled with a fixed seed; weighted like typing: every
prefix a user types on the way to a word is asked."""
import random
import re
import sys
from pathlib import Path
from urllib.parse import quote

labels = Path(sys.argv[1]).read_text(encoding="utf-8")
words = sorted({w.lower() for w in re.findall(r'prefLabel "([^"]+)"@fr', labels) for w in w.split()
                if len(w) >= 4 and w.isalpha()})
random.seed(23)
prefixes = [w[:n] for w in random.sample(words, 500) for n in (1, 2, 3, 4)]
random.shuffle(prefixes)
for p in prefixes:
    print(f"/api/v1/thesauri/gemet/concepts?lang=fr&limit=10&q={quote(p)}")
