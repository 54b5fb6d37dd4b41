"""A small knowledge base written by the tests, so resolver logic is checked on known facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.actors import ActorResolver

MINI_YAML = """\
provenance: "test fixture"
as_of: "2026-01-01"
countries:
  - {iso3: ROU, cameo: ROM, name: Romania, names: [Romania], adjectives: [Romanian],
     demonyms: [Romanians], capitals: [Bucharest], metonyms: [Cotroceni Palace]}
  - {iso3: ARN, name: Arnor, names: [Arnor], adjectives: [Arnorian], demonyms: [Arnorians],
     capitals: [Fornost], metonym_sectors: {Weathertop: MIL}}
  - {iso3: USA, name: United States, names: [United States, US, U.S.], adjectives: [American],
     demonyms: [Americans], capitals: [Washington]}
organizations:
  - code: NAT
    cameo: IGOWSTNAT
    name: North Atlantic Treaty Organization
    names: [NATO, Nato]
    sector: IGO
    bodies:
      - {names: [NATO Secretary General], sector: GOV}
sectors:
  GOV: [president, minister, foreign minister, official, government]
  MIL: [soldier, warplane, army, general]
  COP: [police]
  BUS: [company]
  CVL: [parents, civilian]
  EDU: [schoolchildren]
  "GOV MIL": [defence minister]
modifiers:
  former: ELI
bodies:
  - {names: [Rangers of the North, Rangers], country: ARN, sector: REB}
"""

MINI_PEOPLE = """\
# as_of: 2026-01-01
id,name,aliases,country,sector,role,start,end,provenance
aragorn,Aragorn Elessar,Strider,ARN,GOV,head_of_state,2019-03-25,2023-01-01,test
arwen,Arwen Undomiel,,ARN,GOV,head_of_state,2023-01-01,,test
arwen,Arwen Undomiel,,ARN,GOV,foreign_minister,2020-01-01,2023-01-01,test
boromir,Boromir Denethorson,,ARN,MIL,defence_minister,2018,2019-06,test
"""

MINI_CITIES = """\
# provenance: test fixture
# as_of: 2026-01-01
name,aliases,country
Bree,,ARN
Annuminas,,ARN
"""


@pytest.fixture
def mini_kb(tmp_path: Path) -> list[Path]:
    files = {
        "mini.yaml": MINI_YAML,
        "people.csv": MINI_PEOPLE,
        "cities.csv": MINI_CITIES,
    }
    paths = []
    for name, text in files.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def mini(mini_kb: list[Path]) -> ActorResolver:
    return ActorResolver(extra_files=mini_kb, include_default=False)
