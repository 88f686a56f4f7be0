"""Regenerate lang/en/signals/loaded_vader.tsv from the VADER sentiment lexicon.

    python -m tools.build_lexicons [--threshold 2.5] [--output PATH]

Needs the `build-data` extra (vaderSentiment, MIT licence). VADER's lexicon
gives each word the mean valence that ten raters gave it on a -4..+4 scale
(Hutto & Gilbert, ICWSM 2014). Loaded words are the strongly negative ones
(valence <= -threshold), minus the factual vocabulary of violence that a
neutral report cannot avoid (EXCLUDED, with the reason for each group) and
minus words the hand-curated lexicons already list. Positive words are left
out: in war news they are mostly ordinary words ("peace talks", "Great
Britain", "best known"); the glorifying words of communiques are hand-curated
in lang/en/signals/loaded.toml. See data/README.md, "Lexicons".
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from corroborate.signals import LEXICON_DIR, read_curated_lexicons
from tools.build_gazetteer import package_dir

DEFAULT_OUTPUT = LEXICON_DIR / "loaded_vader.tsv"
DEFAULT_THRESHOLD = 2.5
MIN_LENGTH = 4  # shorter entries are chat abbreviations ("wtf", "kia") that collide with names
WORD = re.compile(r"[a-z][a-z'-]+")

# Factual words of violence and of its reporting: strongly negative in VADER, but a
# neutral report of an attack needs them, so they are no sign of loaded language.
EXCLUDED: dict[str, frozenset[str]] = {
    "death and injury": frozenset(
        {
            "kill",
            "killed",
            "killing",
            "killings",
            "kills",
            "killingly",
            "dead",
            "death",
            "die",
            "died",
            "fatal",
            "fatality",
            "fatalities",
            "fatally",
            "suicide",
            "suicidal",
            "corpse",
            "drown",
            "drowned",
            "starved",
            "strangled",
            "stab",
            "choke",
        }
    ),
    "kinds of violence named by the event taxonomy (ACLED) or by human-rights documentation": frozenset(
        {
            "war",
            "wars",
            "violence",
            "violent",
            "violently",
            "assault",
            "assaults",
            "assassination",
            "assassinations",
            "attacker",
            "attackers",
            "abduction",
            "riot",
            "torture",
            "tortured",
            "tortures",
            "torturing",
            "torturers",
            "rape",
            "raped",
            "rapes",
            "raping",
            "rapist",
            "rapists",
            "raper",
            "rapers",
            "slavery",
            "enslave",
            "prisoner",
            "poison",
            "poisoning",
            "poisons",
            "poisoners",
            "poisoner",
            "destroy",
            "destroying",
            "destroys",
            "destruction",
            "abuse",
            "abuses",
            "abuser",
            "abusers",
            "rob",
            "robber",
            "stealing",
            "harm",
        }
    ),
    "owned by the name-calling lexicon (name_calling.toml), not counted twice": frozenset(
        {
            "terrorist",
            "terrorists",
            "terrorism",
            "terrorisms",
            "terroristic",
        }
    ),
    "ordinary words of news about politics and aid": frozenset(
        {
            "crisis",
            "disaster",
            "disasters",
            "condemnation",
            "ban",
            "fired",
            "illegal",
            "negative",
            "rejection",
            "hostility",
            "fail",
            "bankrupt",
            "cancer",
            "depression",
            "bad",
        }
    ),
}


def vader_lexicon() -> list[tuple[str, float]]:
    """(token, mean valence) rows of the installed vaderSentiment package."""
    text = (package_dir("vaderSentiment") / "vader_lexicon.txt").read_text(encoding="utf-8")  # a clear error when the extra is missing
    rows = []
    for line in text.splitlines():
        fields = line.split("\t")
        if len(fields) >= 2:
            rows.append((fields[0], float(fields[1])))
    return rows


def loaded_words(rows: list[tuple[str, float]], threshold: float = DEFAULT_THRESHOLD) -> list[tuple[str, float]]:
    excluded = frozenset().union(*EXCLUDED.values())
    curated = {phrase.lower() for lexicon in read_curated_lexicons(LEXICON_DIR) for entry in lexicon for phrase in entry.phrases}
    kept = [
        (word, valence)
        for word, valence in rows
        if valence <= -threshold and WORD.fullmatch(word) and len(word) >= MIN_LENGTH and word not in excluded and word not in curated
    ]
    return sorted(kept, key=lambda row: (row[1], row[0]))


def write_tsv(rows: list[tuple[str, float]], output: Path, threshold: float) -> None:
    header = [
        "# Loaded words: VADER lexicon entries with valence <= -%s (scale -4..+4)," % threshold,
        "# without the factual vocabulary of violence. Generated by tools/build_lexicons.py",
        "# from vaderSentiment 3.3.2 (MIT licence, C.J. Hutto); do not edit by hand.",
        "word\tvalence",
    ]
    lines = header + [f"{word}\t{valence:g}" for word, valence in rows]
    output.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args()
    rows = loaded_words(vader_lexicon(), args.threshold)
    write_tsv(rows, args.output, args.threshold)
    print(f"{args.output}: {len(rows)} words")


if __name__ == "__main__":
    main()
