"""The HTML reports: the page shell, the SVG charts and the pages themselves (the trainee and
cohort reports for HR, the balance report for scenario authors).

The layer sits above the records and the assessment, whose figures it draws, and below the
command line that writes the files; nothing below imports it. Its words and numbers follow the
same rules as the window's (``game.text``).
"""
