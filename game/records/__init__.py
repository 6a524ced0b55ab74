"""HR records: the crash-safe store, autosave and resume, the figures of the reports (their HTML
is ``game.reports``), signed exports and xAPI.

The package sits above the engine, the bots and the assessment and below the window and the
command line. It never imports pygame. See docs/records.md for the API the window uses.
"""
