"""Mine PLOVER trigger candidates from the Arabic CAMEO verb dictionary, and check our lexicon.

    python tools/curate_triggers.py ../shared/data/petrarch-arabic-dicts/CAMEO.ar.0.5.txt \
        ../shared/data/plover-cameo-map/CAMEO2PLOVER-2021.txt [--check]

Each verb block of CAMEO.ar lists Arabic verb forms and patterns coded with CAMEO
codes; CAMEO2PLOVER maps a code to a PLOVER type. A block's verbs become candidates
for the types its codes map to (the most common type first). The dictionary is
machine-translated and noisy, so candidates are read by hand before a row goes into
marsad/data/plover/triggers.tsv. With --check, prints each lexicon verb row whose
``source`` column disagrees with the dictionary (cameo = a verb of a block mapped to
that type).
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict

from marsad.events.lexicon import read_table
from marsad.text.normalize import normalize_key

_CODE = re.compile(r"\[(\d{2,4})\]")


def read_plover_map(path: str) -> dict[str, str]:
    """CAMEO code -> PLOVER type. Example: read_plover_map(p)["0871"] == "RETREAT"."""
    mapping = {}
    for line in open(path, encoding="utf-8"):
        match = re.match(r"\s*(\d{2,4}):\s*([A-Z]+)", line)
        if match and not line.lstrip().startswith("#"):
            mapping[match.group(1)] = match.group(2)
    return mapping


def read_verb_blocks(path: str) -> list[tuple[list[str], list[str]]]:
    """(verbs, CAMEO codes) per verb block after the VERB PATTERNS line."""
    blocks: list[tuple[list[str], list[str]]] = []
    started = False
    for line in open(path, encoding="utf-8"):
        started = started or "VERB PATTERNS" in line
        if not started or not line.strip():
            continue
        if line.startswith("---"):
            blocks.append(([], _CODE.findall(line)))
        elif blocks and line.startswith("-"):
            blocks[-1][1].extend(_CODE.findall(line))
        elif blocks and not line.startswith("#"):
            verb = line.split("#")[0].strip().split("+")[0]
            if verb:
                blocks[-1][0].append(normalize_key(verb))
    return blocks


def find_candidates(dictionary: str, plover_map: str) -> dict[str, Counter]:
    """Normalised verb -> Counter of PLOVER types its blocks' patterns map to."""
    mapping = read_plover_map(plover_map)
    candidates: dict[str, Counter] = defaultdict(Counter)
    for verbs, codes in read_verb_blocks(dictionary):
        types = Counter(mapping[c] for c in codes if c in mapping)
        for verb in verbs:
            candidates[verb].update(types)
    return candidates


def check_sources(candidates: dict[str, Counter]) -> list[str]:
    """Lexicon verb rows whose source column disagrees with the dictionary."""
    problems = []
    for number, row in read_table("triggers"):
        lemma = normalize_key(row["pattern"].split()[0])
        in_cameo = row["type"] in candidates.get(lemma, Counter())
        if row["pos"].startswith("verb") and (row["source"] == "cameo") != in_cameo:
            problems.append(f"line {number}: {row['type']} {row['pattern']} source={row['source']}"
                            f" but CAMEO says {dict(candidates.get(lemma, {})) or 'nothing'}")
    return problems


def main(argv: list[str]) -> None:
    candidates = find_candidates(argv[0], argv[1])
    if "--check" in argv:
        print("\n".join(check_sources(candidates)) or "sources agree")
        return
    for verb, types in sorted(candidates.items(), key=lambda item: -sum(item[1].values())):
        if types:
            print(f"{types.most_common(1)[0][0]}\t{verb}\t{dict(types)}")


if __name__ == "__main__":
    main(sys.argv[1:])
