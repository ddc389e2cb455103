#!/usr/bin/env python3
"""make bench: end-to-end timings of the jixiao command line on generated sheets.

Prints a table: load + compute + validate, set (load + edit + atomic save), get and print
(the official form as text at width 100, and as an XLSX workbook), on the
seed 000 example and on generated sheets of 1,000 and 10,000 indicator rows. Each figure is
the median of several runs of the real binary, process start included. Before that, the
editor in process: keys on the generated sheets, and keys with a 1.4 MB long text pasted
into seed 000 (jixiao-bench --long-text). Then `validate` on hostile files that fit under
the 16 MB read limit (issue 11), with peak memory. Last, `summary` over 10,000 sheets made from
the examples (issue 15): seed 004's 40 projects as national-project sheets and the four
examples, copied into 100 folders with their units renamed.
"""
import csv, glob, json, os, re, shutil, statistics, subprocess, sys, tempfile, time
from decimal import Decimal

import seed004
from measure import run_measured

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


def hostile_files(tmp):
    """The costliest files to read found so far, each under 16 MB: (name, path)."""
    src = open(EXAMPLE, "rb").read()

    def splice(after, extra):
        i = src.index(after) + len(after)
        return src[:i] + extra + src[i:]

    cases = [
        ("1.2M unknown keys in /fields", splice(b'"fields": {', b"".join(b'"u%d":1,' % k for k in range(1_200_000)))),
        ("7.5M numbers in $schema", splice(b"{", b'"$schema":[' + b"0," * 7_500_000 + b"0],")),
        ("49,979 rows lacking 4 values", splice(b'"indicators": [', b'{"weight":1},' * 49_979)),
        ("50,000 rows of buildings", splice(b'"buildings": [', b'{"name":"b","approved_area":100,"actual_area":90,'
                                            b'"budget_investment":10,"actual_investment":9},' * 49_978 + b'{"name":"b"}')),
    ]
    out = []
    for k, (name, data) in enumerate(cases):
        path = os.path.join(tmp, f"hostile-{k}.json")
        with open(path, "wb") as f:
            f.write(data)
        out.append((name, path))
    return out


def measured(cmd, runs):
    """Median wall time (ms) of `runs` runs, the exit code, and the largest peak memory (MB)
    of one run (tests/measure.py)."""
    times, peak, code = [], 0.0, None
    for _ in range(runs):
        code, seconds, mb = run_measured(cmd)
        times.append(seconds * 1000)
        peak = max(peak, mb)
    return statistics.median(times), code, peak


PTY_ENV = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8", TERM="xterm-256color")


class Pty:
    """A program in an 80x24 pseudo-terminal, read and written directly (no pexpect: its
    send and spawn delays would swamp what is measured here)."""

    def __init__(self, argv):
        import fcntl, pty, struct, termios
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.start = time.perf_counter()
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=PTY_ENV, start_new_session=True)
        os.close(slave)

    def read(self, timeout):
        import select
        r, _, _ = select.select([self.master], [], [], timeout)
        if not r:
            return None
        try:
            return os.read(self.master, 1 << 20)
        except OSError:
            return None

    def until(self, marker, timeout=20):
        data = b""
        deadline = time.perf_counter() + timeout
        while marker not in data:
            chunk = self.read(max(0.0, deadline - time.perf_counter()))
            if chunk is None:
                raise SystemExit(f"{marker!r} never appeared")
            data += chunk
        return data

    def quiet(self, gap=0.05):
        """Reads until nothing comes for `gap` seconds: (bytes, time of the last byte)."""
        data, last = b"", time.perf_counter()
        while True:
            chunk = self.read(gap)
            if chunk is None:
                return data, last
            data += chunk
            last = time.perf_counter()

    def send(self, b):
        os.write(self.master, b)

    def close(self):
        self.proc.kill()
        self.proc.wait()
        os.close(self.master)


def first_frame_ms(argv, marker, runs=5):
    """Start to the first complete frame in an 80x24 pseudo-terminal (median of runs)."""
    times = []
    for _ in range(runs):
        p = Pty(argv)
        p.until(marker)
        times.append((time.perf_counter() - p.start) * 1000)
        p.close()
    return statistics.median(times)


def editor_session(path):
    """Keystroke round trip through the pty (key written to the last byte of the frame it
    causes: the terminal layer writes only what changed), bytes for a one-cell edit, and
    peak memory."""
    p = Pty([BIN, "edit", path])
    p.until("错误".encode())
    for _ in range(4):
        p.send(b"\x1b[17~")  # F6: on to the indicator grid
    p.until("三级指标".encode())
    p.send(b"\x1b[C" * 6)  # to 得分 of the first row
    p.quiet(0.2)
    rounds, commits = [], []
    for _ in range(7):
        t0 = time.perf_counter()
        p.send(b"4")
        _, last = p.quiet(0.03)
        rounds.append((last - t0) * 1000)
        p.send(b"\x1b")
        p.quiet(0.2)
    # The first edit of the sheet: its bytes include the [已修改] mark appearing. Down
    # commits it and moves down, one cell: Enter moves along the row, to 偏差原因, which is
    # off screen at 80 columns, so that the whole grid scrolls (a frame, not an edit).
    p.send(b"4")
    typed = len(p.quiet(0.15)[0])
    p.send(b"\x1b[B")
    entered = len(p.quiet(0.15)[0])
    for k in range(7):
        # Down commits: the sheet is recomputed, checked and the frame updated.
        p.send(b"\x1b[A" + (b"3" if k % 2 else b"4"))
        p.quiet(0.15)
        t0 = time.perf_counter()
        p.send(b"\x1b[B")
        _, last = p.quiet(0.03)
        commits.append((last - t0) * 1000)
    with open(f"/proc/{p.proc.pid}/status") as f:
        peak = next(int(l.split()[1]) for l in f if l.startswith("VmHWM")) / 1024
    p.send(b"\x11")  # Ctrl-Q, then d: quit without saving, leaving no recovery file behind
    p.quiet(0.1)
    p.send(b"d")
    p.quiet(0.1)
    p.close()
    return statistics.median(rounds), statistics.median(commits), typed, entered, peak


def main():
    tmp = tempfile.mkdtemp(prefix="jixiao-bench-")
    results = {}
    try:
        sheets = [("seed 000 (21 rows)", EXAMPLE)]
        editor_sheets = []
        for n in (30, 1000, 10000):
            p = os.path.join(tmp, f"editor-{n}.json")
            generate(n, p)
            editor_sheets.append(p)
        print("Editor, in process (update + view + diff), 80x24, median per keystroke:")
        out = subprocess.run([os.path.join(os.path.dirname(BIN), "jixiao-bench")] + editor_sheets, check=True,
                             stdout=subprocess.PIPE, text=True).stdout
        print(out, end="")
        for line in out.splitlines()[1:]:
            f = line.split()
            results[f"inproc {f[0]}"] = {"open": float(f[1]), "move": float(f[2]), "type": float(f[3]), "commit": float(f[4]),
                                         "add row": float(f[6])}
        print()
        out = subprocess.run([os.path.join(os.path.dirname(BIN), "jixiao-bench"), "--long-text", EXAMPLE], check=True,
                             stdout=subprocess.PIPE, text=True).stdout
        print(out, end="")
        results["long text"] = long_text_figures(out)
        print()
        print("The editor's start on 1,000 rows, in process, by step (median ms; the first frame in a")
        print("terminal adds the process's start, the terminal's and the lock's, and a cold cache):")
        out = subprocess.run([os.path.join(os.path.dirname(BIN), "jixiao-bench"), "--opening", editor_sheets[1]], check=True,
                             stdout=subprocess.PIPE, text=True).stdout
        print(out, end="")
        print()
        print("Editor in a pseudo-terminal (80x24): first frame; round trips from the key sent to the")
        print("last byte of the frame it causes, for a digit typed and for the Down that commits it;")
        print("bytes written for the first edit of the sheet (a digit, then Down); peak memory:")
        print(f"{'sheet':<22}{'first frame ms':>15}{'digit ms':>9}{'Down ms':>9}{'digit B':>9}{'Down B':>9}{'peak MB':>9}")
        for k, (name, path) in enumerate([("seed 000 (21 rows)", EXAMPLE), ("1,000 rows", editor_sheets[1]), ("10,000 rows", editor_sheets[2])]):
            work = os.path.join(tmp, f"pty-{k}.json")
            shutil.copy(path, work)
            ff = first_frame_ms([BIN, "edit", work], "错误".encode())
            key, commit, typed, entered, peak = editor_session(work)
            results[f"pty {k}"] = {"first": ff, "key": key, "commit": commit, "bytes": typed + entered, "peak": peak}
            print(f"{name:<22}{ff:>15.1f}{key:>9.1f}{commit:>9.1f}{typed:>9,}{entered:>9,}{peak:>9.1f}")
        vd = shutil.which("vd")
        if vd:
            csv_path = os.path.join(tmp, "rows-1000.csv")
            with open(csv_path, "w", encoding="utf-8", newline="") as f:
                w = csv.writer(f)
                w.writerow(["level1", "level2", "name", "target", "actual", "weight", "score", "deviation"])
                for r in json.load(open(editor_sheets[1], encoding="utf-8"))["indicators"]:
                    w.writerow(["" if r[k] is None else r[k] for k in ["level1", "level2", "name", "target", "actual", "weight", "score", "deviation"]])
            ours = first_frame_ms([BIN, "edit", editor_sheets[1]], "错误".encode(), runs=9)
            theirs = first_frame_ms([vd, csv_path], b"1000 rows")
            results["vd"] = theirs / ours
            print(f"\nFirst frame, the same 1,000 rows: jixiao {ours:.1f} ms, VisiData (CSV) {theirs:.1f} ms: {theirs / ours:.1f}x faster")
        else:
            print("\nVisiData (Debian package visidata) is not installed: no comparison")
        print()
        print("Command line:")
        for n in (1000, 10000):
            p = os.path.join(tmp, f"rows-{n}.json")
            generate(n, p)
            sheets.append((f"{n:,} rows", p))
        print(f"{'sheet':<22}{'bytes':>10}{'validate ms':>14}{'set+save ms':>14}{'get ms':>10}{'print ms':>10}{'xlsx ms':>10}")
        for name, path in sheets:
            work = os.path.join(tmp, "work.json")
            shutil.copy(path, work)
            runs = 15 if "10,000" not in name else 7
            v = median_ms([BIN, "validate", work], runs)
            s = median_ms([BIN, "set", work, "/indicators/0/actual=99%"], runs, ok=(0,))
            g = median_ms([BIN, "get", work, "/computed/total"], runs, ok=(0,))
            pr = median_ms([BIN, "print", work, "--width", "100"], runs, ok=(0,))
            xl = median_ms([BIN, "print", work, "--format", "xlsx", "--output", os.path.join(tmp, "work.xlsx")], runs, ok=(0,))
            results[f"cli {name}"] = {"print": pr, "xlsx": xl}
            print(f"{name:<22}{os.path.getsize(path):>10,}{v:>14.1f}{s:>14.1f}{g:>10.1f}{pr:>10.1f}{xl:>10.1f}")
        print(f"binary: {BIN}; process start included; median of repeated runs")
        print()
        print("Hostile files under the 16 MB read limit, validate (exit 2: refused, 1: read, with errors):")
        print(f"{'file':<32}{'bytes':>12}{'exit':>6}{'ms':>9}{'peak MB':>9}")
        worst = {"ms": 0.0, "peak": 0.0}
        for name, path in hostile_files(tmp):
            ms, code, peak = measured([BIN, "validate", path], 5)
            worst = {"ms": max(worst["ms"], ms), "peak": max(worst["peak"], peak)}
            print(f"{name:<32}{os.path.getsize(path):>12,}{code:>6}{ms:>9.0f}{peak:>9.1f}")
        results["hostile"] = worst
        print()
        results["summary"] = summary_figures(tmp)
        goals(results)
    finally:
        shutil.rmtree(tmp)


def summary_sheets(tmp, count):
    """`count` sheets in 100 folders, made from seed 004's 40 projects (tests/seed004.py) and
    the four examples, each saved once by `jixiao format` so that it has its `computed` block,
    as sheets do; the copies differ in their unit's name. Returns the top folder."""
    base = os.path.join(tmp, "summary-base")
    seed004.split(base)
    for name in sorted(os.listdir(os.path.dirname(EXAMPLE))):
        shutil.copy(os.path.join(os.path.dirname(EXAMPLE), name), base)
    sources = sorted(glob.glob(os.path.join(base, "*.json")))
    subprocess.run([BIN, "format"] + sources, check=True)
    texts = [open(p, encoding="utf-8").read() for p in sources]
    top = os.path.join(tmp, "summary")
    for i in range(count):
        folder = os.path.join(top, f"unit-{i % 100:02d}")
        os.makedirs(folder, exist_ok=True)
        text = texts[i % len(texts)]
        doc = json.loads(text)
        text = text.replace(json.dumps(doc["unit"], ensure_ascii=False), json.dumps(f"{doc['unit']}（{i % 100}）", ensure_ascii=False), 1)
        with open(os.path.join(folder, f"{i:05d}.json"), "w", encoding="utf-8") as f:
            f.write(text)
    return top


def summary_figures(tmp):
    """jixiao summary over 10,000 sheets: each output format, median wall time and peak memory."""
    n = 10_000
    top = summary_sheets(tmp, n)
    print(f"Summary of {n:,} sheets ({sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(top) for f in fs) / 1e6:.0f} MB),"
          f" release build, {os.cpu_count()} cores, output to a file:")
    print(f"{'format':<24}{'ms':>9}{'peak MB':>9}")
    figures = {}
    for label, args in [("text", []), ("csv", ["--format", "csv"]), ("markdown", ["--format", "markdown"]),
                        ("text, by 主管部门", ["--group-by", "主管部门"]), ("csv, one core", ["--format", "csv", "--jobs", "1"])]:
        out = os.path.join(tmp, "summary-out")
        ms, code, peak = measured([BIN, "summary", top, "--output", out] + args, 5)
        os.unlink(out)
        if code != 0:
            raise SystemExit(f"summary {args} exited {code}")
        figures[label] = {"ms": ms, "peak": peak}
        print(f"{label:<24}{ms:>9.0f}{peak:>9.1f}")
    return figures


def long_text_figures(out):
    """`name  ms [slowest ms]` lines of jixiao-bench --long-text: name -> the first figure."""
    figures = {}
    for line in out.splitlines():
        m = re.match(r"^(\S.*?)\s+(\d+\.\d+)(?:\s+\d+\.\d+)?$", line)
        if m:
            figures[m.group(1)] = float(m.group(2))
    return figures


def goals(r):
    """The goals of issues 5, 11, 12, 13 and 15, each against what was measured in this run."""
    long = r["long text"]
    rows = [
        ("first frame, seed 000 < 10 ms", r["pty 0"]["first"], 10, "ms"),
        ("first frame, 1,000 rows < 10 ms (issue 13)", r["pty 1"]["first"], 10, "ms"),
        ("keystroke at 1,000 rows < 1 ms (commit, in process)", r["inproc 1000"]["commit"], 1, "ms"),
        ("keystroke at 1,000 rows < 1 ms (digit, in process)", r["inproc 1000"]["type"], 1, "ms"),
        ("keystroke at 10,000 rows < 5 ms (commit, in process)", r["inproc 10000"]["commit"], 5, "ms"),
        ("paste of 1.4 MB into a long text and its commit < 1 s", long["paste: 1.4 MB"] + long["paste: commit (F2)"], 1000, "ms"),
        ("key in a section with a 1.4 MB long text < 5 ms", max(v for k, v in long.items() if k.startswith("section:")), 5, "ms"),
        ("key in the long-text editor holding 1.4 MB < 5 ms", max(v for k, v in long.items() if k.startswith("editor:")), 5, "ms"),
        ("key in one 1.4 MB paragraph, once it is open < 5 ms",
         max(v for k, v in long.items() if k.startswith("one paragraph:") and "paste" not in k and "open" not in k), 5, "ms"),
        ("commit round trip through the pty, 10,000 rows < 5 ms", r["pty 2"]["commit"], 5, "ms"),
        ("one-cell edit < 300 bytes (digit + Down)", r["pty 0"]["bytes"], 300, "B"),
        ("print of 1,000 rows as the form's text < 50 ms", r["cli 1,000 rows"]["print"], 50, "ms"),
        ("print of 1,000 rows as an XLSX workbook < 150 ms", r["cli 1,000 rows"]["xlsx"], 150, "ms"),
        ("peak memory, seed 000 < 20 MB", r["pty 0"]["peak"], 20, "MB"),
        ("slowest hostile file < 2,000 ms", r["hostile"]["ms"], 2000, "ms"),
        ("largest peak memory of a hostile file < 200 MB", r["hostile"]["peak"], 200, "MB"),
        ("summary of 10,000 sheets < 2,000 ms (slowest format)", max(v["ms"] for k, v in r["summary"].items() if "one core" not in k), 2000, "ms"),
        ("summary of 10,000 sheets < 200 MB (largest peak)", max(v["peak"] for v in r["summary"].values()), 200, "MB"),
    ]
    print()
    print("Goals:")
    for name, value, limit, unit in rows:
        print(f"  {'met ' if value < limit else 'MISSED'}  {name:<56}{value:>8.2f} {unit}")
    if "vd" in r:
        print(f"  {'met ' if r['vd'] >= 30 else 'MISSED'}  {'first frame >= 30x faster than VisiData (issue 13)':<56}{r['vd']:>8.1f} x")
    # Cost no faster than the screen: a commit at 10,000 rows against one at 30.
    growth = r["inproc 10000"]["commit"] / max(r["inproc 30"]["commit"], 1e-9)
    print(f"  {'met ' if growth < 2 else 'MISSED'}  {'commit cost flat in rows (10,000 vs 30 rows) < 2x':<56}{growth:>8.2f} x")


if __name__ == "__main__":
    main()
