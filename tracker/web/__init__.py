"""The read-only web: `tracker serve` (a Starlette app over the store, `app.py`) and
`tracker site OUT` (the same pages as static files, `site.py`). `library.py` reads the store
and caches reports; `pages.py` and `templates/` make the pages; the diff pages are the HTML
reports of `tracker.render`. Imports the store, analyze and render; nothing imports it but cli/."""
