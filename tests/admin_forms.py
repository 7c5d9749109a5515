"""Pieces of admin form posts shared by the tests."""

ATTACHMENTS_PREFIX = "krakow_relations-attachment-content_type-object_id"
NO_ATTACHMENTS = {f"{ATTACHMENTS_PREFIX}-TOTAL_FORMS": "0", f"{ATTACHMENTS_PREFIX}-INITIAL_FORMS": "0"}
