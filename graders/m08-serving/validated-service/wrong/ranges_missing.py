"""Types without ranges: the schema checks that each field is present and has the right
type, and bounds the batch and the zone id (an index), but an hour of 31, a negative
distance or a region of "mars" (an all-zero one-hot) are scored instead of rejected.

fails: statuses-example, rejects-invalid"""

from pathlib import Path

MAIN = Path("data/service/main.py")
source = MAIN.read_text()
old = """    distance_km: float = Field(gt=0, le=500)
    parcels: int = Field(ge=1, le=20)
    weight_kg: float = Field(gt=0, le=70)
    hour: int = Field(ge=0, le=23)
    express: bool
    region: Literal["north", "south", "east", "west", "central"]"""
new = """    distance_km: float
    parcels: int
    weight_kg: float
    hour: int
    express: bool
    region: str"""
assert old in source
MAIN.write_text(source.replace(old, new))
