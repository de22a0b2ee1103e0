"""The gzip bytes of the client index's files (client_index.py), and what makes them.

By libdeflate (the `deflate` package) where it imports: at level 6 it packs the 30 MB of a
10k-item site's fragments and shards in 0.22 s of CPU against zlib's 0.38 s at level 4, and
they come out smaller than zlib's at level 6, the index as a whole too (bench/RESULTS.md,
2026-11-28).
Where it does not import (no wheel for the machine, a venv made before it was a dependency)
zlib packs them: other bytes, the same content, which search.js (the browser's
DecompressionStream) reads alike. Both are deterministic: the same data, the same bytes.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable


def _libdeflate() -> tuple[Callable[[bytes, int], bytearray], str] | None:
    """libdeflate's gzip function and the package's version, if it imports."""
    try:
        import deflate
    except ImportError:
        return None
    return deflate.gzip_compress, deflate.__version__


_LIBDEFLATE = _libdeflate()
if _LIBDEFLATE is not None:
    LEVEL = BULK_LEVEL = 6  # libdeflate's (1-12); 9: 0.1 % smaller at 10k items, 1.2 x the time
    PACKER = f"libdeflate {_LIBDEFLATE[1]}"
else:
    LEVEL = 6  # zlib's, for the small files (entry, tables, terms); 9: 0.1 % smaller, half as fast
    # Fragments (JSON text) and shards (varints) are nearly all the bytes compressed (10k
    # items: 22 MB and 7.5 MB, in 5,000 and 660 files). At level 4 rather than 6 they take
    # 0.39 s instead of 0.46 at 10k items, and the index grows 0.7 % (1k: 0.7 %, the sample
    # portal's 1.2 %); level 3 would save 0.03 s more for 1 % more bytes.
    BULK_LEVEL = 4
    PACKER = f"zlib {zlib.ZLIB_RUNTIME_VERSION}"
# (PACKER is part of the search cache's code fingerprint: files packed by one compressor, or
# one version of it, are not reused by a build that packs with another.)


def pack(data: bytes, level: int = LEVEL) -> bytes:
    """gzip bytes of `data` (no file name, no time: the same bytes for the same data)."""
    if _LIBDEFLATE is not None:
        return bytes(_LIBDEFLATE[0](data, level))
    return gzip.compress(data, compresslevel=level, mtime=0)
