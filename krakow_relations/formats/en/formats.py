# Dates in English as a British reader writes them, so that a day's date and a month's read alike on one page
# ("9 December 1991", "October 1979"): Django's default abbreviates the day's month ("Dec. 9, 1991").
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
