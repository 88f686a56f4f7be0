"""The gazetteer: GeoNames places by name, apart from the rules that read places in a text (extract/places.py).

- `names.py`: the keys names are compared by, and the looser keys of other romanisations;
- `entries.py`: one place (`GazetteerEntry`) and the CSV format of data/gazetteer.csv;
- `index.py`: `Gazetteer` (the bundled file merged with the user's imports, its name index cached) and
  `NameIndex` (its names by first word, for finding them in a text);
- `geonames.py`: `corroborate gazetteer import`, a GeoNames dump into a user gazetteer (imported on its own:
  reading places does not need it).

No module here imports spaCy.
"""

from corroborate.gazetteer.entries import (
    FEATURES,
    GAZETTEER_COLUMNS,
    GazetteerEntry,
    GazetteerRows,
    distance_km,
    read_gazetteer_csv,
    read_gazetteer_rows,
    write_gazetteer_csv,
)
from corroborate.gazetteer.index import (
    BUNDLED_GAZETTEER,
    GAZETTEER_ENV,
    SMALLEST_WORLD_TOWN,
    Gazetteer,
    GazetteerIndexCache,
    NameIndex,
    default_extra_paths,
    user_gazetteer_path,
)
from corroborate.gazetteer.names import ascii_form, fine_vowel_key, fold_word, is_latin_name, name_key, skeleton, vowel_key

__all__ = [
    "BUNDLED_GAZETTEER",
    "FEATURES",
    "GAZETTEER_COLUMNS",
    "GAZETTEER_ENV",
    "SMALLEST_WORLD_TOWN",
    "Gazetteer",
    "GazetteerEntry",
    "GazetteerIndexCache",
    "GazetteerRows",
    "NameIndex",
    "ascii_form",
    "default_extra_paths",
    "distance_km",
    "fine_vowel_key",
    "fold_word",
    "is_latin_name",
    "name_key",
    "read_gazetteer_csv",
    "read_gazetteer_rows",
    "skeleton",
    "user_gazetteer_path",
    "vowel_key",
    "write_gazetteer_csv",
]
