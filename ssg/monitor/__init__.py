"""After deployment: what only the running site can tell (RULES `[deploy]`).

- `fetch.py`    one HTTP(S) request with a hard deadline, redirects followed: the network part
- `urls.py`     what is wrong with a URL a person wrote (also read by the lifecycle and deploy)
- `probe.py`    SEC-05 availability: one visit per URL as a JSON line; the week's report
- `links.py`    SEC-06 external links of the built output, checked politely, cached a day
- `verify.py`   SEC-07 tamper check of a deployed copy against the build's SHA-256 manifest
- `sources.py`  which content file made which output page (for findings on pages)

Everything but `fetch.py` is pure over its inputs (records, files, a fetch function), so the
tests give them a real local server or a fake clock.
"""
