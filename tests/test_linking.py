"""What the binary loads: FoundationEssentials, never full Foundation or ICU, which would add
about 8 MB to the peak memory of every command and slow every start."""

import shutil
import subprocess

import pytest

from conftest import BIN

HEAVY = ["libFoundation.so", "libFoundationInternationalization.so", "lib_FoundationICU.so"]


@pytest.mark.skipif(shutil.which("ldd") is None, reason="needs ldd")
def test_no_full_foundation_or_icu():
    p = subprocess.run(["ldd", BIN], capture_output=True, text=True)
    loaded = {line.split()[0] for line in p.stdout.splitlines() if line.strip()}
    # An incremental build can keep objects compiled while a file still imported Foundation:
    # `rm -rf .build/*/debug` (or make clean) rebuilds them.
    assert not loaded & set(HEAVY), p.stdout
