"""Krakow's memberships of international associations in the open-data API (/api/associations/)."""
