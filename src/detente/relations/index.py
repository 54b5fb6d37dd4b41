"""The cooperation–conflict index, shared by timelines and change-point detection.

For a period with C cooperative events (QuadClass 1–2) and K conflictual ones (3–4):

    index = (C − K) / (C + K + PRIOR)

This is 2·E[p] − 1, where p is the chance that an event between the two actors is cooperative,
under a Beta(PRIOR/2, PRIOR/2) prior. With PRIOR = 2 (a uniform prior on p) one cooperative
event gives 1/3, not 1, and ten give 10/12: a quiet week cannot swing the index to an extreme,
while busy weeks are barely shrunk. The index lives in (−1, 1), is 0 for an empty period, and
does not move when the volume of news doubles with the mix unchanged, unlike a Goldstein sum.
"""

from __future__ import annotations

PRIOR = 2.0


def coop_conflict_index(coop: float, conflict: float, prior: float = PRIOR) -> float:
    return (coop - conflict) / (coop + conflict + prior)


INDEX_SQL = f"(coop - conflict) / (coop + conflict + {PRIOR})"
