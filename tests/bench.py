#!/usr/bin/env python3
"""make bench: end-to-end timings of the jixiao command line on generated sheets.

Prints a table: load + compute + validate, set (load + edit + atomic save), get and print
(text at width 100), on the
seed 000 example and on generated sheets of 1,000 and 10,000 indicator rows. Each figure is
the median of several runs of the real binary, process start included.
"""
import json, os, shutil, statistics, subprocess, sys, tempfile, time

BIN = sys.argv[1] if len(sys.argv) > 1 else os.path.abspath(".build/release/jixiao")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE = os.path.join(ROOT, "Templates/examples/suining-2024.json")
TIERS = [("产出指标", ["数量指标", "质量指标", "时效指标", "成本指标"], 50),
         ("效益指标", ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"], 30),
         ("满意度指标", ["服务对象满意度指标"], 10)]


def generate(rows, path):
    doc = json.load(open(EXAMPLE, encoding="utf-8"))
    out = []
    per = rows // 3
    for t, (l1, l2s, w) in enumerate(TIERS):
        n = per if t < 2 else rows - 2 * per
        # weights in hundredths so that each tier still adds up to its weight exactly
        cents = [w * 100 // n] * n
        cents[-1] += w * 100 - sum(cents)
        for i in range(n):
            wt = f"{cents[i] // 100}.{cents[i] % 100:02d}"
            out.append({"level1": l1, "level2": l2s[i % len(l2s)], "name": f"指标{t}-{i} 培训人次",
                        "target": "≥95%", "actual": "100%", "weight": float(wt), "score": float(wt),
                        "deviation": ""})
    doc["indicators"] = out
    doc["computed"] = {}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=2)
    subprocess.run([BIN, "format", path], check=True)


def median_ms(cmd, runs, ok=(0, 1)):
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - t0) * 1000)
        if r.returncode not in ok:
            raise SystemExit(f"{cmd} exited {r.returncode}")
    return statistics.median(times)


def pty_frames(path, rows=24, cols=80):
    """The real binary in a pseudo-terminal: time to the first complete frame, and the bytes
    written to the terminal for a one-cell edit (type a digit, Enter)."""
    import pexpect
    env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8", TERM="xterm-256color")
    t0 = time.perf_counter()
    child = pexpect.spawn(BIN, ["edit", path], dimensions=(rows, cols), env=env, encoding=None, timeout=10)

    def drain(quiet=0.15, until=None):
        data = b""
        while True:
            try:
                chunk = child.read_nonblocking(65536, timeout=quiet)
                data += chunk
            except pexpect.TIMEOUT:
                if until is None or until in data:
                    return data
            except pexpect.EOF:
                return data

    first = drain(until="错误".encode())
    first_ms = (time.perf_counter() - t0) * 1000 - 150  # minus the quiet period that ended it
    child.send(b"\x1bOS")  # F4: nothing; makes sure the first frame is complete
    drain()
    # one-cell edit on the indicator grid: to section 5, then type a digit and Enter
    for _ in range(4):
        child.send(b"\x1b[17~")  # F6
        drain(0.1)
    child.send(b"\x1b[C" * 6)
    drain(0.1)
    child.send(b"4")
    a = drain()
    child.send(b"\r")
    b = drain()
    child.send(b"\x11")  # Ctrl-Q
    drain(0.1)
    child.send(b"d")
    child.close(force=True)
    return first_ms, len(a), len(b), len(first)


def main():
    tmp = tempfile.mkdtemp(prefix="jixiao-bench-")
    try:
        sheets = [("seed 000 (21 rows)", EXAMPLE)]
        editor_sheets = []
        for n in (30, 1000, 10000):
            p = os.path.join(tmp, f"editor-{n}.json")
            generate(n, p)
            editor_sheets.append(p)
        print("Editor, in process (update + view + diff), 80x24, median per keystroke:")
        subprocess.run([os.path.join(os.path.dirname(BIN), "jixiao-bench")] + editor_sheets, check=True)
        print()
        print("Editor in a pseudo-terminal (80x24):")
        print(f"{'sheet':<22}{'first frame ms':>16}{'frame bytes':>13}{'type 1 key B':>14}{'Enter B':>10}")
        for name, path in [("seed 000 (21 rows)", EXAMPLE), ("1,000 rows", editor_sheets[1])]:
            work = os.path.join(tmp, "pty.json")
            shutil.copy(path, work)
            ms, typed, entered, frame = pty_frames(work)
            print(f"{name:<22}{ms:>16.1f}{frame:>13,}{typed:>14,}{entered:>10,}")
        print()
        print("Command line:")
        for n in (1000, 10000):
            p = os.path.join(tmp, f"rows-{n}.json")
            generate(n, p)
            sheets.append((f"{n:,} rows", p))
        print(f"{'sheet':<22}{'bytes':>10}{'validate ms':>14}{'set+save ms':>14}{'get ms':>10}{'print ms':>10}")
        for name, path in sheets:
            work = os.path.join(tmp, "work.json")
            shutil.copy(path, work)
            runs = 15 if "10,000" not in name else 7
            v = median_ms([BIN, "validate", work], runs)
            s = median_ms([BIN, "set", work, "/indicators/0/actual=99%"], runs, ok=(0,))
            g = median_ms([BIN, "get", work, "/computed/total"], runs, ok=(0,))
            pr = median_ms([BIN, "print", work, "--width", "100"], runs, ok=(0,))
            print(f"{name:<22}{os.path.getsize(path):>10,}{v:>14.1f}{s:>14.1f}{g:>10.1f}{pr:>10.1f}")
        print(f"binary: {BIN}; process start included; median of repeated runs")
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
