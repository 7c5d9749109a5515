"""The partner cities in the public open-data API (/api/partners/), as JSON and CSV, and their public visits
(/api/visits/)."""
