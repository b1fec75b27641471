#!/usr/bin/env python3
"""Build marsad's generated knowledge base from the public data in shared/data.

    python tools/build_kb.py [--data ../shared/data] [--out marsad/data/kb]

Writes, reproducibly (sorted, no timestamps):
  places.jsonl        countries, regions and cities: {"id","name","type","aliases","rank",...}
  people.jsonl        well-known people (ArWikiCats peoples.json)
  demonyms.tsv        demonym form -> country canonical name (الروسي/الروسية/الروس -> Russia)
  common_words.tsv    frequent non-name words of the NewsFANE news text (guards for names)
  person_stopwords.tsv  words of that text never (or almost never) inside a person's name

The hand-kept story_actors.jsonl beside them is never touched.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad.text.normalize import normalize_key  # noqa: E402

# English Wikipedia titles where the data's common name differs.
_COUNTRY_TITLES = {"Türkiye": "Turkey", "DR Congo": "Democratic Republic of the Congo",
                   "Congo": "Republic of the Congo", "Czechia": "Czech Republic",
                   "Timor-Leste": "East Timor", "Eswatini": "Eswatini"}
_CITY_TITLES = {"Kiev": "Kyiv", "Masqat": "Muscat", "Washington": "Washington, D.C.", "Odessa": "Odesa",
                "Kharkov": "Kharkiv", "Lugansk": "Luhansk"}
_ARABIC = re.compile("[\u0600-\u06ff]")
_MIN_CITY_POPULATION = 100_000
_MIN_FIRST_NAME_CITY = 1_000_000  # a city spelt like a first name keeps that spelling from this size up
_GEO_ARABIC = re.compile(r"^(?:مقاطعة|محافظة|إقليم|اقليم|جزيرة|جزر|شبه جزيرة|المحيط|البحر|بحر|نهر|جبال|جبل|صحراء|خليج|الخليج|وادي|سهل)\s")
_GEO_ENGLISH = re.compile(r"\b(?:oblast|province|governorate|county|region|island|islands|ocean|sea|river|mountains|desert|gulf|peninsula|krai)$")
_PARTICLES = {"al", "el", "bin", "ibn", "de", "da", "von", "van", "der", "la", "du", "of", "the"}


def slug(name: str) -> str:
    """An id part from an English name: "Washington, D.C." -> "washington_d_c"."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "_", plain).strip("_")


def title_case(name: str) -> str:
    """Wikipedia-like capitalisation of a lower-cased name: "bashar al-assad" -> "Bashar al-Assad"."""
    words = []
    for word in name.split():
        if word in _PARTICLES:
            words.append(word)
            continue
        parts = word.split("-")
        words.append("-".join(part if i == 0 and part in _PARTICLES and len(parts) > 1
                              else part[:1].upper() + part[1:] for i, part in enumerate(parts)))
    return " ".join(words)


def _newsfane_words(path: Path) -> Iterator[tuple[str, str]]:
    """(normalised Arabic word, fine BIO tag) for each token of NewsFANE."""
    with path.open(encoding="utf-8-sig") as handle:
        for line in handle:
            token, _, tag = line.replace("\u200e", "").strip("\r\n").partition("\t")
            key = normalize_key(token.strip())
            if key and _ARABIC.search(key):
                yield key, tag.strip()


def read_common_words(path: Path) -> dict[str, tuple[int, int]]:
    """Per normalised word of NewsFANE: (times outside a name, times inside one)."""
    outside: Counter[str] = Counter()
    inside: Counter[str] = Counter()
    for key, tag in _newsfane_words(path):
        (outside if tag == "O" else inside)[key] += 1
    return {w: (outside[w], inside[w]) for w in outside if outside[w] >= 2 and inside[w] * 5 < outside[w]}


def read_person_stopwords(path: Path, person_classes: set[str]) -> dict[str, tuple[int, int]]:
    """Per normalised word of NewsFANE seen twice or more: (times in all, times inside a person's name),
    kept when a person's name holds it less than one time in ten ("مكتب", "صندوق", "طالب")."""
    total: Counter[str] = Counter()
    in_person: Counter[str] = Counter()
    for key, tag in _newsfane_words(path):
        total[key] += 1
        in_person[key] += tag[2:] in person_classes
    return {w: (total[w], in_person[w]) for w in total if total[w] >= 2 and in_person[w] * 10 < total[w]}


def read_person_classes() -> set[str]:
    """NewsFANE fine classes of people, from the tagger's class map (marsad/data/models/ner.classes.tsv)."""
    lines = (ROOT / "marsad/data/models/ner.classes.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines[2:] if line.strip()]
    return {fine for fine, coarse in rows if coarse == "PER"}


def read_place_stopwords() -> set[str]:
    """Ordinary words that some gazetteer lists as a place (marsad/data/lexicons/entity_place_stopwords.tsv)."""
    lines = (ROOT / "marsad/data/lexicons/entity_place_stopwords.tsv").read_text(encoding="utf-8").splitlines()
    return {normalize_key(line) for line in lines[2:] if line.strip()}


def is_common(alias: str, common: dict[str, tuple[int, int]]) -> bool:
    """Whether a one-word Arabic alias is an ordinary word, too risky as a place name."""
    key = normalize_key(alias)
    if key in _PLACE_STOPWORDS:
        return True
    bare = key[2:] if key.startswith("ال") else key
    return " " not in key and (key in common or bare in common or len(bare) <= 2)


def build_countries(data: Path) -> list[dict]:
    """Countries: English common name, Arabic common/official names, Latin spellings, capital."""
    entries = []
    for country in json.loads((data / "countries-ar/countries.json").read_text(encoding="utf-8")):
        common = country["name"]["common"]
        name = _COUNTRY_TITLES.get(common, common)
        arabic = country["translations"].get("ara", {})
        latin = [common, country["name"]["official"]] + [s for s in country.get("altSpellings", []) if len(s) > 3]
        # "مالي" is Mali and "financial": a listed ordinary word keeps only the country's longer names.
        arabic_names = [a for a in (arabic.get("common", ""), arabic.get("official", ""))
                        if normalize_key(a) not in _PLACE_STOPWORDS]
        aliases = [*arabic_names, *latin]
        capital = (country.get("capital") or [None])[0]
        entries.append({"id": "loc:" + slug(name), "name": name, "type": "LOC", "kind": "country",
                        "aliases": unique(aliases + [name]), "capital": capital, "rank": 3})
    return entries


def build_regions(data: Path, common: dict) -> list[dict]:
    """Multi-word regions, blocs and territories from ArWikiCats P17 ("الشرق الأوسط")."""
    table = json.loads((data / "arwikicats-labels/P17_2_final_ll.json").read_text(encoding="utf-8"))
    entries = []
    for english, arabic in sorted(table.items()):
        # One-word labels of this table are mostly plants, eras and feelings, not places.
        if " " not in arabic.strip() or "," in english or re.search(r"\d", english):
            continue
        if not (_GEO_ARABIC.match(arabic) or _GEO_ENGLISH.search(english)):
            continue  # the table also holds people, films and empires
        name = title_case(english)
        entries.append({"id": "loc:" + slug(name), "name": name, "type": "LOC", "kind": "region",
                        "aliases": unique([arabic, name]), "rank": 2})
    return entries


def build_cities(data: Path, common: dict, first_names: set[str] = frozenset()) -> list[dict]:
    """Cities of at least 100k people (world-cities-ar), with ArWikiCats spellings added.

    A smaller city spelt like a first name ("فلاديمير", "جورج", "بشار") loses that
    spelling: in news the word is far more often the person.
    """
    extra = json.loads((data / "arwikicats-labels/cities_full.json").read_text(encoding="utf-8"))
    entries: dict[str, dict] = {}
    with (data / "world-cities-ar/world-cities.csv").open(encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            population = int(float(row["Population"] or 0))
            english = row["CityNameEn"].strip()
            if population < _MIN_CITY_POPULATION or not english:
                continue
            arabic = re.sub(r"^(?:ولاية|محافظة|مدينة|بلدية|منطقة) ", "", row["CityNameAr"].strip())
            spellings = [s for s in unique([arabic, extra.get(english.lower(), "")]) if not is_common(s, common)
                         and not (population < _MIN_FIRST_NAME_CITY and normalize_key(s) in first_names)]
            if not spellings:
                continue
            name = _CITY_TITLES.get(english, english)
            entry = entries.setdefault(name, {"id": "loc:" + slug(name), "name": name, "type": "LOC",
                                              "kind": "city", "aliases": [], "country": row["CountryNameEn"],
                                              "population": population, "rank": 1})
            if population > entry["population"]:
                # Several cities share the name (Tripoli: Libya, Lebanon): news means the biggest.
                entry["country"], entry["population"] = row["CountryNameEn"], population
            entry["aliases"] = unique(entry["aliases"] + spellings + [english, name])
    return list(entries.values())


def read_first_names(people: list[dict], hand_kept: Path) -> set[str]:
    """First words of the Arabic full names of known people ("فلاديمير" of "فلاديمير بوتين")."""
    entries = people + [json.loads(line) for line in hand_kept.read_text(encoding="utf-8").splitlines() if line.strip()]
    names = set()
    for entry in entries:
        if entry.get("type") != "PER":
            continue
        for alias in entry.get("aliases", []):
            words = alias.split()
            if len(words) > 1 and _ARABIC.search(words[0]):
                names.add(normalize_key(words[0]))
    return names


def build_people(data: Path) -> list[dict]:
    """Well-known people from ArWikiCats: English name (title-cased) and the Arabic label."""
    table = json.loads((data / "arwikicats-labels/peoples.json").read_text(encoding="utf-8"))
    entries = []
    for english, label in sorted(table.items()):
        arabic = unique([label])[0] if unique([label]) else ""
        # One-word labels ("آن", "أي") are ordinary words far more often than these people.
        if not _ARABIC.search(arabic) or len(arabic.split()) < 2 or re.search(r"\d", english):
            continue
        name = title_case(re.sub(r"\s*\([^)]*\)", "", english))
        entries.append({"id": "per:" + slug(name), "name": name, "type": "PER", "kind": "person",
                        "aliases": unique([arabic, name]), "rank": 1})
    return entries


def build_demonyms(data: Path, countries: list[dict]) -> list[tuple[str, str, str]]:
    """(demonym form, country canonical name, "yes" when the form names the people) for every
    gender/number form of the table."""
    by_key = {normalize_key(a): c["name"] for c in countries for a in c["aliases"]}
    table = json.loads((data / "arwikicats-labels/nationalities_data.json").read_text(encoding="utf-8"))
    rows: dict[tuple[str, str], str] = {}
    for entry in table.values():
        country = by_key.get(normalize_key(entry.get("ar", ""))) or by_key.get(normalize_key(entry.get("en", "")))
        if not country:
            continue
        for form, people in _demonym_forms(entry):
            for written in (form, form if form.startswith("ال") else "ال" + form):
                if people or (written, country) not in rows:
                    rows[(written, country)] = "yes" if people else ""
    return sorted((form, country, people) for (form, country), people in rows.items())


def _demonym_forms(entry: dict) -> list[tuple[str, bool]]:
    """One-word forms of a demonym, each with whether it is a masculine plural, the people itself
    ("الروس", "الأوكرانيون"); with the sound plurals (أمريكيون/أمريكيين) the table may lack."""
    fields = ("male", "males", "female", "females", "the_male", "the_female")
    forms = [((entry.get(f) or "").strip(), f == "males") for f in fields]
    male = forms[0][0]
    if male.endswith("ي"):
        forms += [(male + "ون", True), (male + "ين", True)]
    return [(f, people) for f, people in forms if f and " " not in f]


def absorb_duplicates(entries: list[dict]) -> list[dict]:
    """One entry per id; a later entry with the same id adds its aliases to the first."""
    merged: dict[str, dict] = {}
    for entry in entries:
        if entry["id"] in merged:
            kept = merged[entry["id"]]
            kept["aliases"] = unique(kept["aliases"] + entry["aliases"])
        else:
            merged[entry["id"]] = entry
    return list(merged.values())


def unique(items: list[str]) -> list[str]:
    """Distinct aliases in order, without Wikipedia's "(disambiguation)" parentheses."""
    cleaned = (re.sub(r"\s*\([^)]*\)", "", i or "").strip() for i in items)
    return list(dict.fromkeys(i for i in cleaned if i))


def write_jsonl(path: Path, entries: list[dict]) -> None:
    lines = [json.dumps(e, ensure_ascii=False, sort_keys=True) for e in sorted(entries, key=lambda e: e["id"])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_tsv(path: Path, header: str, rows: list[tuple]) -> None:
    body = "\n".join("\t".join(str(v) for v in row) for row in rows)
    path.write_text(header + "\n" + body + "\n", encoding="utf-8")


_PLACE_STOPWORDS = read_place_stopwords()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data")
    parser.add_argument("--out", type=Path, default=ROOT / "marsad/data/kb")
    args = parser.parse_args()
    common = read_common_words(args.data / "newsfane-gold/NewsFANE_Gold_2014_170K.txt")
    countries = build_countries(args.data)
    people = absorb_duplicates(build_people(args.data))
    first_names = read_first_names(people, args.out / "story_actors.jsonl")
    places = absorb_duplicates(countries + build_regions(args.data, common)
                               + build_cities(args.data, common, first_names))
    args.out.mkdir(parents=True, exist_ok=True)
    write_jsonl(args.out / "places.jsonl", places)
    write_jsonl(args.out / "people.jsonl", people)
    write_tsv(args.out / "demonyms.tsv",
              "# A demonym form, the country it stands for, and \"yes\" when the form is a plural"
              " naming the people (الروس، الأوكرانيون) (generated).\nform\tcountry\tpeople",
              build_demonyms(args.data, countries))
    write_tsv(args.out / "common_words.tsv",
              "# A frequent word of news text, rarely part of a name (generated from NewsFANE Gold, CC BY-SA 3.0).\n"
              "word\toutside\tinside",
              sorted((w, o, i) for w, (o, i) in common.items()))
    person_stop = read_person_stopwords(args.data / "newsfane-gold/NewsFANE_Gold_2014_170K.txt", read_person_classes())
    write_tsv(args.out / "person_stopwords.tsv",
              "# A word of news text seen at least twice and (almost) never inside a person's name: never taken as\n"
              "# an unknown person's name after a title (generated from NewsFANE Gold, CC BY-SA 3.0).\n"
              "word\tseen\tin_person",
              sorted((w, n, p) for w, (n, p) in person_stop.items()))
    print(f"kb: {len(places)} places, written to {args.out}")


if __name__ == "__main__":
    main()
