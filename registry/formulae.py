"""Text a spreadsheet would run as a formula (OWASP: CSV injection), and OWASP's defence against it.

Every file the registry writes for a spreadsheet goes through `formula_neutralise`: the public and the
dashboard's CSV downloads (`tables.neutralise`) and the admin's CSV and XLSX exports (`RegistryResource`).
A single quote before the text makes a spreadsheet read it as text. Stripping the dangerous character
instead is no defence: `==1+1` loses its first `=` and becomes the formula `=1+1`.
"""

# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def formula_neutralise(text):
    """The text with a quote before it if a spreadsheet would run it as a formula.

    Text that already starts with quotes before such a character gets one more as well, so that
    `formula_restore` can tell the quote added here from one the text had: the two undo each other.
    """
    if text.lstrip(QUOTE).startswith(FORMULA_STARTS):
        return QUOTE + text
    return text


def formula_restore(text):
    """The text as it was before `formula_neutralise`: without the quote it added, if it added one."""
    if text.startswith(QUOTE) and text.lstrip(QUOTE).startswith(FORMULA_STARTS):
        return text.removeprefix(QUOTE)
    return text
