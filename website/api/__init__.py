"""The partner cities in the public open-data API (/api/partners/), as JSON and CSV."""
