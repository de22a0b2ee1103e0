"""`ssg build` without the compliance checks and the search index, for issue 9's pure-rendering
comparison with Hugo and Pelican (which have neither). Not a product command: the CLI has no
switch for it, so that no site is ever published unchecked. Run as ssg is run by compare.py:

    python -P bench/ssg_render_only.py SOURCE OUT DATE
"""

from __future__ import annotations

import datetime as dt
import gc
import sys
from pathlib import Path

from ssg.build import BuildOptions, build


def main(argv: list[str]) -> int:
    source, out, date = Path(argv[0]), Path(argv[1]), dt.date.fromisoformat(argv[2])
    # The process ends with the build, as `ssg build`'s does (BuildOptions.ends_process).
    options = BuildOptions(source, out, date, checks=False, search_index=False, ends_process=True)
    result = build(options)
    for name, seconds in result.stages:
        print(f"  {name:<18} {seconds * 1000:8.1f} ms", file=sys.stderr)
    if not result.written:
        for diagnostic in result.diagnostics.sorted():
            print(diagnostic, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    code = main(sys.argv[1:])
    gc.freeze()  # (as ssg's own main: Python's last collection would walk it all for nothing)
    raise SystemExit(code)
