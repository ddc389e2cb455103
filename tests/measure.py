"""Wall time and peak memory of one run of a command, its own.

Why a Python process in between: a child's peak resident memory, as resource.RUSAGE_CHILDREN
or os.wait4 report it, includes what its parent had when it forked, before exec. A test run or
the benchmark holds tens of megabytes of generated files; a fresh interpreter that only starts
the command holds a few, well under the program's own floor.
"""
import json
import subprocess
import sys

_RUNNER = """
import json, os, subprocess, sys, time
out, err = (open(p, "wb") if p else subprocess.DEVNULL for p in sys.argv[1:3])
t = time.perf_counter()
child = subprocess.Popen(sys.argv[3:], stdout=out, stderr=err)
_, status, usage = os.wait4(child.pid, 0)
print(json.dumps([os.waitstatus_to_exitcode(status), time.perf_counter() - t, usage.ru_maxrss]))
"""


def run_measured(argv, env=None, stdout=None, stderr=None, timeout=120):
    """Runs argv with its output to the files `stdout` and `stderr` (None: discarded), and
    returns (exit code, seconds, peak memory in MB)."""
    p = subprocess.run([sys.executable, "-c", _RUNNER, str(stdout or ""), str(stderr or "")] + [str(a) for a in argv],
                       capture_output=True, text=True, env=env, timeout=timeout)
    if p.returncode != 0:
        raise RuntimeError(f"measuring {argv[:2]} failed: {p.stderr}")
    code, seconds, kb = json.loads(p.stdout)
    return code, seconds, kb / 1024
