#!/usr/bin/env python3
"""Machine-independent performance counts: callgrind's instruction counts of the
steps in tools/bench/counts.replay (first frame, page switch, language switch,
fling), run headless at 1920x1080 on the full Dortmund bundle.

usage: counts.py measure BUILD_DIR [FUNCTION]  print the counts (FUNCTION: what writes
                                               a shot's PNG, for older trees whose
                                               replay used IMG_SavePNG)
       counts.py check BUILD_DIR BASELINE      compare with BASELINE (exit 1 when a
                                               count grew more than MARGIN)
       counts.py record BUILD_DIR BASELINE HISTORY
                                               write BASELINE anew and add the counts
                                               to HISTORY (one line per step)
       counts.py chart HISTORY OUT.png         draw HISTORY

Instructions, not seconds: the same binary, bundle and libraries give the same
count on any machine and under any load (within a few hundred instructions of
ld.so and the environment).  They do change with the compiler, the libraries'
versions, the fonts in the bundle and the CPU features valgrind shows glibc
(AVX2; valgrind hides AVX-512): those are written into BASELINE, and a
check in another environment says so and compares nothing.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

MARGIN = 0.05  # a count may grow 5 % before bench-check fails
SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "counts.replay")
SIZE = "1920x1080"
# Debian packages whose code runs in the counted steps (or made the bundle).
PACKAGES = ("libc6", "libsdl2-2.0-0", "libsdl2-ttf-2.0-0", "libsdl2-image-2.0-0",
            "libfreetype6", "libharfbuzz0b", "libpng16-16", "libdeflate0", "libzstd1",
            "libsodium23", "libinih1", "fonts-noto-core", "libhyphen0", "libmd4c0", "valgrind")


def steps():
    """The step names, in order: the shots of counts.replay."""
    with open(SCRIPT) as f:
        return [line.split()[1][:-len(".png")] for line in f
                if line.startswith("shot ") and line.split()[1].endswith(".png")]


def environment(build):
    """What the counts depend on besides foyer's own code and content."""
    env = {"arch": os.uname().machine}
    with open("/proc/cpuinfo") as f:
        flags = next((line.split(":", 1)[1].split() for line in f if line.startswith("flags")), [])
    env["cpu"] = "avx2" if "avx2" in flags else "no-avx2"
    comment = subprocess.run(["readelf", "-p", ".comment", os.path.join(build, "foyer")],
                             capture_output=True, text=True).stdout
    compilers = sorted(set(re.findall(r"(GCC: .*|clang version [^\s]+)", comment)))
    env["compiler"] = "; ".join(c.strip() for c in compilers) or "unknown"
    for p in PACKAGES:
        v = subprocess.run(["dpkg-query", "-W", "-f=${Version}", p], capture_output=True,
                           text=True).stdout.strip()
        env[p] = v or "-"
    return env


def measure(build, mark="snapshot_write_png"):
    """{step: instructions}, from one callgrind run that dumps its counters
    before and after every PNG the replay writes."""
    foyer = os.path.abspath(os.path.join(build, "foyer"))
    bundle = os.path.abspath(os.path.join(build, "content.fpk"))
    tmp = tempfile.mkdtemp(prefix="foyer-counts-")
    try:
        out = os.path.join(tmp, "callgrind.out")
        os.mkdir(os.path.join(tmp, "shots"))
        cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
               f"--dump-before={mark}", f"--dump-after={mark}",
               foyer, "--bundle", bundle, "--replay", SCRIPT, "--size", SIZE,
               "--out", os.path.join(tmp, "shots")]
        # A fixed, small environment: ld.so and the start-up code read all of it.
        env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "SDL_VIDEODRIVER": "dummy",
               "FOYER_NO_RSS": "1"}
        r = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=tmp)
        if r.returncode != 0:
            raise SystemExit(f"counts: {' '.join(cmd)} failed:\n{r.stderr[-2000:]}")
        dumps = sorted((f for f in os.listdir(tmp) if re.fullmatch(r"callgrind\.out\.\d+", f)),
                       key=lambda f: int(f.rsplit(".", 1)[1]))
        totals = []
        for name in dumps:
            with open(os.path.join(tmp, name)) as f:
                totals.append(next(int(line.split()[1]) for line in f
                                   if line.startswith("summary:")))
        names = steps()
        # dumps: step 1, its PNG, step 2, its PNG, ...
        if len(totals) < 2 * len(names):
            raise SystemExit(f"counts: {len(totals)} callgrind dumps for {len(names)} steps")
        return {n: totals[2 * i] for i, n in enumerate(names)}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def read_baseline(path):
    counts, env = {}, {}
    with open(path) as f:
        for line in f:
            words = line.rstrip("\n").split("\t")
            if line.startswith("# env\t") and len(words) == 3:
                env[words[1]] = words[2]
            elif not line.startswith("#") and len(words) == 2:
                counts[words[0]] = int(words[1])
    return counts, env


def git_describe():
    r = subprocess.run(["git", "describe", "--always", "--dirty"], capture_output=True, text=True)
    return r.stdout.strip() or "unknown"


def record(build, baseline, history):
    rev = git_describe()  # before the baseline below makes the tree dirty
    env = environment(build)
    counts = measure(build)
    with open(baseline + ".tmp", "w") as f:
        f.write("# Instruction counts (callgrind) of the steps of tools/bench/counts.replay,\n"
                "# headless at 1920x1080; `make bench-check` fails when one grows more than\n"
                f"# {MARGIN:.0%}.  Re-record with `make bench-baseline` (docs/performance.md says when).\n"
                "# The environment they were counted in (a check elsewhere compares nothing):\n")
        for k, v in env.items():
            f.write(f"# env\t{k}\t{v}\n")
        for k, v in counts.items():
            f.write(f"{k}\t{v}\n")
    os.replace(baseline + ".tmp", baseline)
    stamp = time.strftime("%Y-%m-%d")
    new = not os.path.exists(history)
    with open(history, "a") as f:
        if new:
            f.write("# date\trevision\tstep\tinstructions (tools/bench/counts.py record)\n")
        for k, v in counts.items():
            f.write(f"{stamp}\t{rev}\t{k}\t{v}\n")
    for k, v in counts.items():
        print(f"  {k:18} {v:>13,} instructions")
    print(f"counts: wrote {baseline}, added {rev} to {history}")


def check(build, baseline):
    """ok/not ok lines, one per step; returns the number that failed."""
    if not os.path.exists(baseline):
        print(f"not ok counts: no {baseline}; `make bench-baseline` records one")
        return 1
    want, want_env = read_baseline(baseline)
    env = environment(build)
    differ = [f"{k} {want_env.get(k, '?')} -> {v}" for k, v in env.items()
              if want_env.get(k) != v]
    if differ:
        print(f"ok counts # SKIP {baseline} was counted elsewhere ({'; '.join(differ)}): "
              "nothing compared; `make bench-baseline` records this environment's")
        return 0
    got = measure(build)
    failed = 0
    for step in steps():
        g, w = got.get(step), want.get(step)
        if w is None:
            print(f"not ok counts-{step}: not in {baseline}; `make bench-baseline`")
            failed += 1
            continue
        change = (g - w) / w
        line = f"counts-{step}: {g:,} instructions, baseline {w:,} ({change:+.1%})"
        if change > MARGIN:
            print(f"not ok {line}: more than {MARGIN:.0%} more (where: valgrind "
                  "--tool=callgrind and callgrind_annotate, see docs/performance.md)")
            failed += 1
        else:
            note = "; fewer: `make bench-baseline` keeps the gain" if change < -MARGIN else ""
            print(f"ok {line}{note}")
    return failed


def chart(history, out):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    series, revs = {}, []
    with open(history) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            date, rev, step, n = line.rstrip("\n").split("\t")
            label = f"{rev}\n{date}"
            if label not in revs:
                revs.append(label)
            series.setdefault(step, {})[label] = int(n)
    # one panel per step, each on its own scale: a step that grew ten-fold
    # would flatten the others on a shared one
    steps = list(series)
    cols = 2
    rows = (len(steps) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(11, 3.2 * rows), dpi=100, squeeze=False)
    for ax, step in zip(axes.flat, steps):
        points = series[step]
        xs = [i for i, r in enumerate(revs) if r in points]
        ax.plot(xs, [points[revs[i]] / 1e6 for i in xs], marker="o")
        ax.set_title(step, fontsize=10)
        ax.set_xticks(range(len(revs)))
        ax.set_xticklabels(revs, rotation=60, ha="right", fontsize=6)
        ax.set_ylabel("M instructions")
        ax.set_ylim(bottom=0)
        ax.grid(True, alpha=0.3)
    for ax in list(axes.flat)[len(steps):]:
        ax.axis("off")
    fig.suptitle("foyer: callgrind instructions per step, headless 1920x1080 "
                 "(tools/bench/counts.replay)", fontsize=11)
    fig.tight_layout()
    fig.savefig(out)
    print(f"counts: wrote {out}")


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    verb, build = sys.argv[1], sys.argv[2]
    if verb == "measure" and len(sys.argv) in (3, 4):
        for k, v in measure(build, *sys.argv[3:]).items():
            print(f"{k}\t{v}")
    elif verb == "check" and len(sys.argv) == 4:
        failed = check(build, sys.argv[3])
        sys.exit(1 if failed else 0)
    elif verb == "record" and len(sys.argv) == 5:
        record(build, sys.argv[3], sys.argv[4])
    elif verb == "chart" and len(sys.argv) == 4:
        chart(build, sys.argv[3])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
