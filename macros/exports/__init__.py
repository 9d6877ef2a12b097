"""Exports and open data: every table as Excel and CSV, each plan as JSON, iCalendar and OCDS.

Core code: no MkDocs here. The modules that describe what is exported (`dataset`, `catalog`,
`plan_json`, `calendar`, `ocds`) are plain Python over the model and are cheap to import; the
writers that need pandas, XlsxWriter or icalendar (`tabular`, `ical`, `writer`) import them
only when a file is written, which only the build does (`macros.adapter.exports` runs them in
a separate process while MkDocs renders the pages). `make check` and the data engine's import
path never import pandas.
"""
