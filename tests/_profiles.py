"""Profiles shared by test modules."""

from __future__ import annotations

#: Every fact but the use cases declared: a commercial product that shares nothing.
DECLARED = {
    "commercial": True,
    "monthly_active_users": 10,
    "annual_revenue_usd": 10,
    "licensee_territory": "US",
    "redistributes_weights": False,
    "fine_tunes": False,
    "distributes_derivative": False,
    "offers_hosted_service": False,
    "trains_on_outputs": False,
}
