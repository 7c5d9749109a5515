"""Turning a database constraint violation back into the rule it enforces."""

from django.apps import apps


def constraint_message(error):
    """The rule's own message for a constraint that a racing writer hit, else the database's own text.

    PostgreSQL names the violated constraint; SQLite names a check constraint, or a unique one by its columns.
    """
    text = str(error)
    constraint_name = getattr(getattr(error.__cause__, "diag", None), "constraint_name", None)
    for model in apps.get_models():
        table = model._meta.db_table
        for constraint in model._meta.constraints:
            columns = ", ".join(
                f"{table}.{model._meta.get_field(name).column}" for name in getattr(constraint, "fields", ())
            )
            if constraint.name == constraint_name or text.endswith(columns or constraint.name):
                return str(constraint.get_violation_error_message())
    return text
