"""The model's derived columns."""

RUSH_HOURS = (18, 20)
"""First and last hour (both included) of the evening rush."""
LONG_DISTANCE_KM = 8.0
"""Deliveries strictly farther than this are long."""
MIN_DISTANCE_KM = 0.5
"""Shorter distances count as this much in value_per_km (no division by zero)."""


def add_features(orders):
    """A copy of `orders` with three more columns; the input is left unchanged."""
    out = orders.copy()
    out["is_rush_hour"] = out["hour"].between(*RUSH_HOURS).astype(int)
    out["is_long_distance"] = (out["distance_km"] > LONG_DISTANCE_KM).astype(int)
    out["value_per_km"] = out["order_value"] / out["distance_km"].clip(lower=MIN_DISTANCE_KM)
    return out
