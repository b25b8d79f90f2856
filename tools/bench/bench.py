#!/usr/bin/env python3
"""make bench: foyer side by side with a Chromium kiosk showing the same start page,
in one run, medians of several rounds (alternating, so both see the same machine load).

Measured:
  start      process start until the 1920x1080 start page's first frame is presented
             (foyer, from its FOYER_TIMING line) and until it is written as a PNG
             (foyer --screenshot vs chromium --headless --screenshot: both render the
             page once and encode a PNG, so that column is like for like)
  memory     peak memory of the whole process tree while doing that (sum of PSS,
             sampled every 5 ms; the kernel's own peak RSS for foyer as a check)
  idle       wake-ups per second (context switches of the process tree) while a
             window shows the start page and nothing happens, under Xvfb
  png        the PNG encoders compared on foyer's start page: libpng, libspng,
             libdeflate (tools/bench/png-encoders; the kiosk uses libdeflate)
  open       bundle_open + lookup + close for a 1 MB and a 1 GB bundle (tools/bench/bench-open)
  tap        tap-to-presented-frame latency, p50/p99, software renderer (foyer --replay with
             FOYER_FRAME_TIMES), if the kiosk build supports it

usage: bench.py BUILD_DIR [ROUNDS]
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

BUILD = sys.argv[1] if len(sys.argv) > 1 else "build"
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 7
FOYER = os.path.join(BUILD, "foyer")
BUNDLE = os.path.join(BUILD, "content.fpk")
HTML = os.path.abspath(os.path.join(BUILD, "bench", "start-de.html"))
CHROMIUM = shutil.which("chromium")
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                  "--window-size=1920,1080"]


def tree(root):
    """PIDs of root and all its descendants."""
    children = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(d))
    out, todo = [], [root]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def pss_kb(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def switches(pid):
    n = 0
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if "ctxt_switches" in line:
                    n += int(line.split()[1])
    except OSError:
        pass
    return n


def run_measured(argv, env=None, marker=None):
    """Wall time (ms), peak PSS of the tree (MB), kernel peak RSS of the leader (MB),
    and the time (ms) at which a line containing marker appeared on stderr."""
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    seen = []

    def watch():
        for line in p.stderr:
            if marker and marker in line.decode(errors="replace") and not seen:
                seen.append((time.perf_counter() - t0) * 1000)

    reader = threading.Thread(target=watch, daemon=True)
    reader.start()
    peak = 0
    while True:
        pid, status, ru = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        peak = max(peak, sum(pss_kb(q) for q in tree(p.pid)))
        time.sleep(0.005)
    wall = (time.perf_counter() - t0) * 1000
    reader.join(2)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"bench: {argv[0]} failed (exit {os.waitstatus_to_exitcode(status)})")
    return wall, peak / 1024, ru.ru_maxrss / 1024, seen[0] if seen else float("nan")


def foyer_start(out):
    return run_measured([FOYER, "--bundle", BUNDLE, "--screenshot", out, "--page", "start",
                         "--lang", "de", "--size", "1920x1080"],
                        env=dict(os.environ, FOYER_TIMING="1"), marker="first frame")


def chromium_start(out, profile):
    return run_measured([CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                         f"--screenshot={out}", "file://" + HTML])


def idle_wakeups(argv, env, settle=4.0, window=10.0):
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        time.sleep(settle)
        if p.poll() is not None:
            return None
        a = sum(switches(q) for q in tree(p.pid))
        time.sleep(window)
        b = sum(switches(q) for q in tree(p.pid))
        return (b - a) / window
    finally:
        p.terminate()
        try:
            p.wait(5)
        except subprocess.TimeoutExpired:
            p.kill()


def main():
    if not os.path.exists(FOYER) or not os.path.exists(BUNDLE):
        raise SystemExit("bench: build foyer and the bundle first (make bench does)")
    if not CHROMIUM:
        raise SystemExit("bench: chromium not found (tools/install-deps bench installs it)")
    tmp = tempfile.mkdtemp(prefix="foyer-bench-")
    results = {"foyer": [], "chromium": []}
    try:
        # One warm-up each so both start from a warm page cache.
        foyer_start(os.path.join(tmp, "f.png"))
        chromium_start(os.path.join(tmp, "c.png"), os.path.join(tmp, "profile-warm"))
        for i in range(ROUNDS):
            results["foyer"].append(foyer_start(os.path.join(tmp, "f.png")))
            results["chromium"].append(
                chromium_start(os.path.join(tmp, "c.png"), os.path.join(tmp, f"profile-{i}")))
        shutil.copy(os.path.join(tmp, "f.png"), os.path.join(BUILD, "bench", "foyer-start.png"))
        shutil.copy(os.path.join(tmp, "c.png"), os.path.join(BUILD, "bench", "chromium-start.png"))

        med = {k: [statistics.median(r[i] for r in v) for i in range(4)]
               for k, v in results.items()}
        f, c = med["foyer"], med["chromium"]
        print(f"start page 1920x1080, {ROUNDS} rounds, medians:")
        print(f"  {'':10} {'first frame':>12} {'PNG written':>12} {'peak PSS':>10} {'peak RSS':>10}")
        print(f"  {'foyer':10} {f[3]:9.1f} ms {f[0]:9.1f} ms {f[1]:7.1f} MB {f[2]:7.1f} MB")
        print(f"  {'chromium':10} {'':>12} {c[0]:9.1f} ms {c[1]:7.1f} MB {c[2]:7.1f} MB")
        print(f"  ratio (chromium / foyer): first frame {c[0] / f[3]:.1f}x, PNG written "
              f"{c[0] / f[0]:.1f}x, memory {c[1] / max(f[1], 0.1):.1f}x")
        verdict = (f[3] < 50 and c[0] / f[3] >= 10 and c[1] / max(f[1], 0.1) >= 10
                   and f[2] < 32)
        print(f"  bar (first frame < 50 ms and >= 10x Chromium's screenshot, >= 10x less memory, "
              f"peak RSS < 32 MB): {'met' if verdict else 'NOT met'}")
        print(f"  bar (like for like: PNG written >= 15x sooner than Chromium's): "
              f"{'met' if c[0] / f[0] >= 15 else 'NOT met'}")

        encoders = os.path.join(BUILD, "bench", "png-encoders")
        if os.path.exists(encoders):
            print("PNG encoders on foyer's start page (pixels compared after decoding):")
            subprocess.run([encoders, os.path.join(BUILD, "bench", "foyer-start.png"), "11"],
                           check=True)

        xvfb = shutil.which("Xvfb")
        if xvfb:
            display = ":97"
            x = subprocess.Popen([xvfb, display, "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                time.sleep(1.0)
                env = dict(os.environ, DISPLAY=display)
                fw = idle_wakeups([FOYER, "--bundle", BUNDLE], env)
                cw = idle_wakeups([CHROMIUM, *CHROMIUM_FLAGS[1:], "--kiosk",
                                   f"--user-data-dir={os.path.join(tmp, 'profile-idle')}",
                                   "file://" + HTML], env)
                print("idle, start page in a window, 10 s after 4 s settling:")
                print(f"  foyer     {fw if fw is not None else float('nan'):8.1f} wake-ups/s")
                print(f"  chromium  {cw if cw is not None else float('nan'):8.1f} wake-ups/s")
            finally:
                x.terminate()
                x.wait()

        opener = os.path.join(BUILD, "bench", "bench-open")
        if os.path.exists(opener):
            print("bundle open + lookup + close (median of 201):")
            subprocess.run([opener, os.path.join(BUILD, "bench")], check=True)

        replay = os.path.join("tests", "replay", "bench-taps.replay")
        if os.path.exists(replay):
            times = os.path.join(tmp, "frames.txt")
            env = dict(os.environ, FOYER_FRAME_TIMES=times)
            subprocess.run([FOYER, "--bundle", BUNDLE, "--replay", replay, "--size", "1920x1080"],
                           check=True, env=env, stdout=subprocess.DEVNULL)
            if os.path.exists(times):
                ms = sorted(float(x) for x in open(times).read().split())
                if ms:
                    p50 = ms[len(ms) // 2]
                    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
                    print(f"tap to presented frame, software renderer 1920x1080, {len(ms)} taps:")
                    print(f"  p50 {p50:.2f} ms, p99 {p99:.2f} ms (bar: p99 < 16.7 ms: "
                          f"{'met' if p99 < 16.7 else 'NOT met'})")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
