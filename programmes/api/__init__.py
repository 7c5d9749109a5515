"""Krakow's EU programme participations in the open-data API (/api/eu-programmes/)."""
