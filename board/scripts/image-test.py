#!/usr/bin/python3
"""Boot the SD-card image in qemu-system-aarch64 and check it like a technician would.

The image's own kernel, initramfs and cmdline.txt are taken from its FAT partition;
the disk is attached read-only-in-effect (snapshot=on).  QEMU's virt machine gets a
virtio GPU (the kiosk's KMS display), a USB tablet (its touch screen) and a
virtio-serial port on which the image's test agent answers (it runs only with
foyer.test=1 on the kernel command line, which only this test passes).

Checks, each reported as PASS/FAIL/SKIP, then one line "N passed, N failed":
  boot       the agent answers (the system booted to multi-user)
  root-ro    / is mounted read-only; /boot/firmware too
  no-getty   no getty process and no getty unit on any terminal
  no-listen  no TCP socket listening and no UDP socket bound
  sysrq      kernel.sysrq = 0, ctrl-alt-del.target masked
  watchdog   systemd arms the hardware watchdog (14 s)
  journal    the journal is volatile (RAM only)
  kiosk-user foyer.service runs as the unprivileged user foyer
  mode       the kiosk uses the display's preferred mode (1280x800 here)
  start-page the screen (QMP screendump) matches the headless render of the start
             page within the tolerance below
  tap        a tap (QMP input-send-event) changes the screen to another page,
             which matches that page's headless render
  restart    after SIGKILL, systemd restarts foyer and the start page returns
  hang       after SIGSTOP (a hung main loop), systemd's watchdog for foyer.service
             kills it, restarts it, and the start page returns
  no-rtc     this boot has no real-time clock (QEMU's PL031 is kept from probing)
             and its clock is set to a Saturday, when the shipped foyer.conf says
             closed: foyer logs that it cannot trust the clock, and
  weekend-on longer than the idle timeout after the last touch or restart the
             screen still shows the start page (it never blanks on that clock)
A second, shorter boot with the PL031 RTC set to a Saturday (the kernel sets
the system time from it: hctosys):
  rtc        rtc0 set the clock at boot and foyer follows the opening hours
  hwclock    the technicians' command (board/README.md) writes the system time
             into rtc0 and reads it back
  closed     after the idle timeout the screen is the dimmed closed screen: not
             black, not one colour, far darker than the start page

Screens are compared per pixel on RGB: a pixel "differs" when any channel differs
by more than PIXEL_TOLERANCE; two screens match when at most MATCH_FRACTION of the
pixels differ.  GLES (Mesa llvmpipe in QEMU) and the kiosk's software renderer
round blending and text anti-aliasing differently, hence the tolerance.
"""

import argparse
import base64
import calendar
import json
import os
import shutil
import socket
import subprocess
import sys
import time

from PIL import Image, ImageChops

PIXEL_TOLERANCE = 40     # per channel, 0..255
MATCH_FRACTION = 0.02    # at most 2 % of the pixels may differ beyond it
# The virtio GPU's preferred mode: the kiosk must use it (check "mode"); the
# references are rendered at whatever mode the first screendump shows.
WIDTH, HEIGHT = 1280, 800
BOOT_TIMEOUT = 420        # s; TCG on 2 busy cores took 200 s to reach the agent
SCREEN_TIMEOUT = 240
QEMU_WATCHDOG_SEC = 60    # foyer.service's WatchdogSec in this test (10 on a Pi)


def log(msg):
    print(f"image-test: [{time.strftime('%H:%M:%S')}] {msg}", flush=True)


class Results:
    def __init__(self):
        self.rows = []

    def add(self, name, ok, detail=""):
        status = "SKIP" if ok is None else ("PASS" if ok else "FAIL")
        self.rows.append((name, status, detail))
        log(f"{status} {name}: {detail}")

    def summary(self):
        passed = sum(1 for r in self.rows if r[1] == "PASS")
        failed = sum(1 for r in self.rows if r[1] == "FAIL")
        skipped = sum(1 for r in self.rows if r[1] == "SKIP")
        return passed, failed, skipped


class Qmp:
    def __init__(self, path, timeout=60):
        deadline = time.time() + timeout
        while True:
            try:
                self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.sock.connect(path)
                break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.2)
        self.file = self.sock.makefile("rw")
        json.loads(self.file.readline())  # greeting
        self.cmd("qmp_capabilities")

    def cmd(self, name, **args):
        msg = {"execute": name}
        if args:
            msg["arguments"] = args
        self.file.write(json.dumps(msg) + "\n")
        self.file.flush()
        while True:
            reply = json.loads(self.file.readline())
            if "return" in reply:
                return reply["return"]
            if "error" in reply:
                raise RuntimeError(f"QMP {name}: {reply['error']}")
            # asynchronous events are skipped

    def screendump(self, path):
        ppm = path + ".ppm"
        self.cmd("screendump", filename=ppm)
        img = Image.open(ppm).convert("RGB")
        img.save(path)
        os.unlink(ppm)
        return img

    def tap(self, x, y, width, height):
        # usb-tablet coordinates run from 0 to 0x7fff across the screen.
        ax = round(x * 0x7FFF / (width - 1))
        ay = round(y * 0x7FFF / (height - 1))
        self.cmd("input-send-event", events=[
            {"type": "abs", "data": {"axis": "x", "value": ax}},
            {"type": "abs", "data": {"axis": "y", "value": ay}}])
        time.sleep(0.1)
        self.cmd("input-send-event", events=[
            {"type": "btn", "data": {"down": True, "button": "left"}}])
        time.sleep(0.15)
        self.cmd("input-send-event", events=[
            {"type": "btn", "data": {"down": False, "button": "left"}}])


class Agent:
    """The image's test agent on the virtio-serial port (see test-agent)."""

    def __init__(self, path):
        self.path = path
        self.sock = None
        self.tag = 0

    def ask(self, word, timeout=120, arg=None):
        """Send WORD with a fresh tag; return the lines between "BEGIN tag" and
        "END tag".  Anything else on the port (a late answer to a request given up
        on, or a guest console line) is skipped."""
        if self.sock is None:
            self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self.sock.connect(self.path)
            self.buf = b""
        self.tag += 1
        begin, end = f"BEGIN {self.tag}", f"END {self.tag}"
        self.sock.settimeout(timeout)
        self.sock.sendall(f"{word} {self.tag}{'' if arg is None else ' ' + str(arg)}\n".encode())
        lines = None
        deadline = time.time() + timeout
        while time.time() < deadline:
            while b"\n" in self.buf:
                line, self.buf = self.buf.split(b"\n", 1)
                line = line.decode(errors="replace")
                if line == begin:
                    lines = []
                elif line == end and lines is not None:
                    return lines
                elif lines is not None:
                    lines.append(line)
            chunk = self.sock.recv(4096)
            if not chunk:
                raise OSError("agent port closed")
            self.buf += chunk
        raise TimeoutError(word)

    def state(self):
        st = {}
        for line in self.ask("state"):
            key, _, value = line.partition(" ")
            if key == "listener":
                st.setdefault("listener_list", []).append(value)
            else:
                st[key] = value.strip()
        return st

    def wait(self, timeout):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                if self.ask("ping", timeout=5) == ["pong"]:
                    return True
            except (OSError, TimeoutError):
                self.sock = None
                time.sleep(2)
        return False


def compare(a, b):
    """Fraction of pixels whose RGB differs by more than PIXEL_TOLERANCE."""
    if a.size != b.size:
        return 1.0
    diff = ImageChops.difference(a.convert("RGB"), b.convert("RGB"))
    # max over channels, then count pixels above the tolerance
    r, g, bl = diff.split()
    mx = ImageChops.lighter(ImageChops.lighter(r, g), bl)
    hist = mx.histogram()
    over = sum(hist[PIXEL_TOLERANCE + 1:])
    return over / (a.size[0] * a.size[1])


def mtools_get(img, name, dest, offset):
    with open(dest, "wb") as f:
        subprocess.run(["mcopy", "-n", "-i", f"{img}@@{offset}", f"::{name}", "-"],
                       check=True, stdout=f)


def render(foyer, bundle, config, page, lang, size, out):
    subprocess.run([foyer, "--bundle", bundle, "--config", config, "--screenshot", out,
                    "--page", page, "--lang", lang, "--size", f"{size[0]}x{size[1]}"],
                   check=True, env=dict(os.environ, SDL_VIDEODRIVER="dummy"))
    return Image.open(out).convert("RGB")


def next_saturday_10utc():
    """A Saturday, 11:00 or 12:00 in Dortmund, at least a day ahead: closed by the
    shipped foyer.conf, and later than the image's clock epoch (systemd moves a
    clock that is earlier than that forward).  Returns (epoch seconds, QEMU -rtc
    base)."""
    t = time.time() + 86400
    while time.gmtime(t).tm_wday != 5:
        t += 86400
    g = time.gmtime(t)
    base = f"{g.tm_year:04d}-{g.tm_mon:02d}-{g.tm_mday:02d}T10:00:00"
    return int(calendar.timegm(time.strptime(base, "%Y-%m-%dT%H:%M:%S"))), base


def clock_detail(st, journal):
    """The guest's RTC state and foyer's clock line, for a check's detail."""
    line = next((l.split("foyer: ", 1)[-1] for l in journal.splitlines() if "clock:" in l),
                "no clock line in the journal")
    return f"rtc0 hctosys {st.get('rtc_hctosys')}, guest clock {st.get('date')}; foyer: {line}"


def idle_timeout(config):
    """[kiosk] idle_timeout of the image's foyer.conf (90 s when not set)."""
    section = None
    with open(config, encoding="utf-8-sig") as f:
        for line in f:
            line = line.strip()
            if line.startswith("["):
                section = line.strip("[]").strip().lower()
            elif section == "kiosk" and line.split("=")[0].strip().lower() == "idle_timeout":
                return int(line.split("=", 1)[1].split(";")[0].strip())
    return 90


def dimness(img):
    """(mean luminance 0..255, number of distinct grey levels) of a screendump."""
    grey = img.convert("L")
    hist = grey.histogram()
    total = sum(hist)
    return sum(i * n for i, n in enumerate(hist)) / total, sum(1 for n in hist if n)


def wait_first_frame(qmp, agent, out_dir, timeout):
    """Wait until foyer.service is active (READY=1) and the screen holds still:
    two screendumps 2 s apart, equal, and not a single colour.  Before the guest
    sets a mode, QEMU shows its own 640x480 "Display output is not active" text,
    which must not be taken for the kiosk's first frame."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if agent.state().get("foyer_active") == "active":
                break
        except (OSError, TimeoutError):
            pass
        time.sleep(3)
    prev = None
    while time.time() < deadline:
        shot = qmp.screendump(os.path.join(out_dir, "screen-first.png"))
        lo, hi = zip(*shot.getextrema())
        if (max(hi) - min(lo) > 64 and prev is not None and prev.size == shot.size
                and ImageChops.difference(prev, shot).getbbox() is None):
            return shot
        prev = shot
        time.sleep(2)
    return None


def wait_screen(qmp, out_dir, stem, want, timeout):
    """Screendump until it matches `want` (an image) or the time is up; returns
    (matched, last image, difference)."""
    deadline = time.time() + timeout
    shot = None
    d = 1.0
    while time.time() < deadline:
        shot = qmp.screendump(os.path.join(out_dir, f"{stem}.png"))
        d = compare(shot, want)
        if d <= MATCH_FRACTION:
            return True, shot, d
        time.sleep(3)
    return False, shot, d


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--image", required=True)
    ap.add_argument("--out", required=True, help="directory for screendumps and logs")
    ap.add_argument("--foyer", help="host build of foyer, for the headless renders")
    ap.add_argument("--pack", help="host build of foyer-pack, to list the page ids")
    ap.add_argument("--tap", default="", help="X,Y to tap (default: from the kiosk)")
    ap.add_argument("--boot-only", action="store_true",
                    help="check the system only, not the kiosk's screens")
    ap.add_argument("--qemu", default="qemu-system-aarch64")
    ap.add_argument("--smp", type=int, default=2, help="guest CPUs (default 2)")
    args = ap.parse_args()

    out = os.path.abspath(args.out)
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    res = Results()
    t_start = time.time()

    # Kernel, initramfs and command line from the image's FAT partition (4 MiB in).
    offset = 4 * 1024 * 1024
    kernel = os.path.join(out, "vmlinuz")
    initrd = os.path.join(out, "initrd.img")
    mtools_get(args.image, "vmlinuz", kernel, offset)
    mtools_get(args.image, "initrd.img", initrd, offset)
    cmdline_path = os.path.join(out, "cmdline.txt")
    mtools_get(args.image, "cmdline.txt", cmdline_path, offset)
    # The references are rendered from what the image carries, not from the tree.
    bundle = os.path.join(out, "content.fpk")
    config = os.path.join(out, "foyer.conf")
    if not args.boot_only:
        mtools_get(args.image, "content.fpk", bundle, offset)
        mtools_get(args.image, "foyer.conf", config, offset)
    with open(cmdline_path) as f:
        words = f.read().split()
    # The Pi's serial and screen consoles become QEMU's PL011; the rest is the image's.
    words = [w for w in words if not w.startswith("console=")
             and w not in ("quiet",) and not w.startswith("loglevel=")]
    words += ["console=ttyAMA0,115200", "foyer.test=1"]
    # Emulation is some 50 times slower than a Pi, and a frame that needs new
    # llvmpipe shaders takes seconds; on a loaded host one took over the unit's
    # 10 s (WatchdogSec=10) and systemd restarted foyer three times during the
    # test.  A drop-in passed as a system credential gives this boot a longer
    # watchdog without changing the image.
    dropin = f"[Service]\nWatchdogSec={QEMU_WATCHDOG_SEC}\n".encode()
    words += ["systemd.set_credential_binary=systemd.unit-dropin.foyer.service:"
              + base64.b64encode(dropin).decode()]
    cmdline = " ".join(words)

    saturday, saturday_rtc = next_saturday_10utc()
    # This boot has no RTC: the PL031 driver (built into Debian's kernel) is kept
    # from probing, as on a Pi 4 without a clock module.
    qemu = start_qemu(args, out, kernel, initrd,
                      cmdline + " initcall_blacklist=pl031_driver_init", saturday_rtc, "")
    try:
        qmp = Qmp(os.path.join(out, "qmp.sock"))
        agent = Agent(os.path.join(out, "agent.sock"))
        booted = agent.wait(BOOT_TIMEOUT)
        res.add("boot", booted, f"agent answered after {time.time() - t_start:.0f} s"
                if booted else f"no answer within {BOOT_TIMEOUT} s (see serial.log)")
        if not booted:
            return finish(res, out, t_start)

        # Let the boot finish before judging failed units and listeners.
        deadline = time.time() + 60
        st = agent.state()
        while time.time() < deadline and st.get("foyer_active") == "activating":
            time.sleep(2)
            st = agent.state()
        with open(os.path.join(out, "state-boot.txt"), "w") as f:
            json.dump(st, f, indent=1)
        root_opts = st.get("root_options", "").split(",")
        boot_opts = st.get("boot_options", "").split(",")
        res.add("root-ro", "ro" in root_opts and "ro" in boot_opts,
                f"/ {st.get('root_options')}; /boot/firmware {st.get('boot_options')}")
        res.add("no-getty", st.get("getty_procs") == "0" and st.get("getty_units") == "0",
                f"{st.get('getty_procs')} getty processes, {st.get('getty_units')} getty units")
        res.add("no-listen", st.get("listeners") == "0",
                f"{st.get('listeners')} listening/bound sockets "
                f"{st.get('listener_list', [])}")
        res.add("sysrq", st.get("sysrq") == "0" and st.get("ctrl_alt_del") == "masked",
                f"sysrq={st.get('sysrq')} ctrl-alt-del.target {st.get('ctrl_alt_del')}")
        res.add("watchdog", st.get("watchdog") == "14s", f"RuntimeWatchdog {st.get('watchdog')}")
        res.add("journal", st.get("journal_storage") == "volatile", st.get("journal_storage"))
        log(f"failed units: {st.get('failed_units') or 'none'}")

        if args.boot_only:
            for name in ("kiosk-user", "mode", "start-page", "tap", "restart", "hang",
                         "no-rtc", "weekend-on", "rtc", "hwclock", "closed"):
                res.add(name, None, "--boot-only")
            return finish(res, out, t_start, agent)

        # A weekend clock nobody can trust: set by hand (the kernel marks such a
        # clock unsynchronised), then foyer restarted to start on it.
        answer = agent.ask("set-clock", timeout=SCREEN_TIMEOUT, arg=saturday)
        log(f"set-clock: {answer}")
        first = wait_first_frame(qmp, agent, out, SCREEN_TIMEOUT)
        if first is None:
            res.add("start-page", False, f"nothing on screen after {SCREEN_TIMEOUT} s")
            for name in ("mode", "tap", "restart", "hang", "no-rtc", "weekend-on", "rtc",
                         "hwclock", "closed"):
                res.add(name, None, "no picture")
            return finish(res, out, t_start, agent)
        size = first.size
        res.add("mode", size == (WIDTH, HEIGHT),
                f"kiosk runs at {size[0]}x{size[1]}; the display prefers {WIDTH}x{HEIGHT}")

        # Reference renders of every page, headless, on the host, from the image's
        # bundle and settings, at the screen's size.
        pages = subprocess.run([args.pack, "ls", bundle], check=True,
                               capture_output=True, text=True).stdout.split()
        refs = {}
        for page in pages:
            refs[page] = render(args.foyer, bundle, config, page, "de", size,
                                os.path.join(out, f"ref-{page}.png"))
        start = pages[0]

        ok, shot, d = wait_screen(qmp, out, "screen-start", refs[start], SCREEN_TIMEOUT)
        res.add("start-page", ok, f"{d:.2%} of pixels differ from ref-{start}.png "
                f"(tolerance {MATCH_FRACTION:.0%} beyond ±{PIXEL_TOLERANCE})")
        st = agent.state()
        res.add("kiosk-user", st.get("foyer_active") == "active" and st.get("foyer_user") == "foyer",
                f"foyer.service {st.get('foyer_active')} as {st.get('foyer_user')}, "
                f"{st.get('foyer_restarts')} restarts so far, watchdog {st.get('foyer_watchdog')} "
                f"(a credential drop-in: {QEMU_WATCHDOG_SEC} s in QEMU), guest clock {st.get('date')}")

        tap = args.tap or os.environ.get("FOYER_TEST_TAP", "")
        if not tap:
            res.add("tap", False, "no tap position (--tap X,Y)")
        else:
            # Given for a 1280x800 screen; scaled to the mode in use.
            x, y = (int(v) for v in tap.split(","))
            x, y = x * size[0] // WIDTH, y * size[1] // HEIGHT
            qmp.tap(x, y, size[0], size[1])
            best, best_d, shot = None, 1.0, None
            deadline = time.time() + 60
            while time.time() < deadline:
                time.sleep(3)
                shot = qmp.screendump(os.path.join(out, "screen-after-tap.png"))
                scores = {p: compare(shot, r) for p, r in refs.items()}
                best = min(scores, key=scores.get)
                best_d = scores[best]
                if best != start and best_d <= MATCH_FRACTION:
                    break
            res.add("tap", best != start and best_d <= MATCH_FRACTION,
                    f"tap at {x},{y}: screen matches page {best} ({best_d:.2%} differ)")

        ok, detail = restarted_by_systemd(agent, qmp, out, refs[start], "kill-foyer",
                                          "screen-after-restart")
        res.add("restart", ok, detail)
        kills_before = int(agent.ask("watchdog-kills")[0])
        ok, detail = restarted_by_systemd(agent, qmp, out, refs[start], "hang-foyer",
                                          "screen-after-hang")
        kills = int(agent.ask("watchdog-kills")[0]) - kills_before
        res.add("hang", ok and kills == 1,
                f"{detail}; {kills} watchdog timeouts in the journal meanwhile")
        last_start = time.time()

        st = agent.state()
        journal = "\n".join(agent.ask("journal"))
        res.add("no-rtc", st.get("rtc_hctosys") == "none"
                and "the opening hours are not applied" in journal,
                clock_detail(st, journal))
        idle = idle_timeout(config)
        wait = last_start + idle + 20 - time.time()
        if wait > 0:
            log(f"weekend-on: waiting {wait:.0f} s, past the {idle} s idle timeout")
            time.sleep(wait)
        ok, shot, d = wait_screen(qmp, out, "screen-weekend", refs[start], 10)
        res.add("weekend-on", ok, f"{time.time() - last_start:.0f} s after the last start, "
                f"{d:.2%} of pixels differ from the start page")
        with open(os.path.join(out, "journal-foyer.txt"), "w") as f:
            f.write("\n".join(agent.ask("journal")) + "\n")
    finally:
        stop_qemu(qemu)
    agent.sock = None

    # The second boot: QEMU's PL031 RTC set to the Saturday; the kernel sets the
    # system time from it at boot, so foyer trusts the clock and follows the hours.
    qemu = start_qemu(args, out, kernel, initrd, cmdline, saturday_rtc, "rtc-")
    try:
        qmp = Qmp(os.path.join(out, "rtc-qmp.sock"))
        agent = Agent(os.path.join(out, "rtc-agent.sock"))
        if not agent.wait(BOOT_TIMEOUT):
            res.add("rtc", False, f"no answer within {BOOT_TIMEOUT} s (see rtc-serial.log)")
            res.add("hwclock", None, "did not boot")
            res.add("closed", None, "did not boot")
            return finish(res, out, t_start)
        first = wait_first_frame(qmp, agent, out, SCREEN_TIMEOUT)
        shown = time.time()
        st = agent.state()
        journal = "\n".join(agent.ask("journal"))
        res.add("rtc", st.get("rtc_hctosys") == "1"
                and "rtc0 set the clock at boot; following the opening hours" in journal,
                clock_detail(st, journal))
        answer = agent.ask("rtc-set")
        today = st.get("date", "?")[:10]
        res.add("hwclock", any(line.startswith(today) for line in answer),
                f"hwclock --systohc, then --show: {' '.join(answer)} (guest date {today})")
        if first is None:
            res.add("closed", False, f"nothing on screen after {SCREEN_TIMEOUT} s")
            return finish(res, out, t_start, agent, "rtc-journal-foyer.txt")
        idle = idle_timeout(config)
        start_mean, _ = dimness(refs[start])
        deadline = shown + idle + SCREEN_TIMEOUT
        wait = shown + idle + 5 - time.time()
        if wait > 0:
            time.sleep(wait)
        mean, levels = 255.0, 0
        while time.time() < deadline:
            shot = qmp.screendump(os.path.join(out, "screen-closed.png"))
            mean, levels = dimness(shot)
            if levels > 8 and mean < start_mean / 3:
                break
            time.sleep(3)
        res.add("closed", levels > 8 and mean < start_mean / 3,
                f"{time.time() - shown:.0f} s after the first frame: mean luminance "
                f"{mean:.0f} (start page {start_mean:.0f}), {levels} grey levels")
        return finish(res, out, t_start, agent, "rtc-journal-foyer.txt")
    finally:
        stop_qemu(qemu)


def start_qemu(args, out, kernel, initrd, cmdline, rtc_base, prefix):
    """Boots the image; sockets and logs in out, named with prefix."""
    qmp_path = os.path.join(out, f"{prefix}qmp.sock")
    agent_path = os.path.join(out, f"{prefix}agent.sock")
    serial_log = os.path.join(out, f"{prefix}serial.log")
    qemu_cmd = [
        args.qemu, "-M", "virt", "-cpu", "cortex-a72", "-smp", str(args.smp), "-m", "2048",
        "-kernel", kernel, "-initrd", initrd, "-append", cmdline,
        "-drive", f"if=none,id=sd,file={os.path.abspath(args.image)},format=raw,snapshot=on",
        "-device", "virtio-blk-pci,drive=sd",
        "-device", f"virtio-gpu-pci,xres={WIDTH},yres={HEIGHT}",
        "-device", "qemu-xhci", "-device", "usb-tablet",
        "-device", "virtio-serial-pci",
        "-chardev", f"socket,id=agent,path={agent_path},server=on,wait=off",
        "-device", "virtserialport,chardev=agent,name=foyer.test",
        "-qmp", f"unix:{qmp_path},server=on,wait=off",
        "-serial", f"file:{serial_log}",
        "-display", "none", "-nic", "none", "-no-reboot",
        # The PL031's time (UTC); a boot without it probing ignores it.
        "-rtc", f"base={rtc_base}",
    ]
    log("starting: " + " ".join(qemu_cmd))
    return subprocess.Popen(qemu_cmd, stdin=subprocess.DEVNULL,
                            stdout=open(os.path.join(out, f"{prefix}qemu.log"), "w"),
                            stderr=subprocess.STDOUT)


def stop_qemu(qemu):
    qemu.terminate()
    try:
        qemu.wait(20)
    except subprocess.TimeoutExpired:
        qemu.kill()
        qemu.wait()


def restarted_by_systemd(agent, qmp, out_dir, start_ref, word, stem):
    """Ask the agent to kill-foyer (SIGKILL) or hang-foyer (SIGSTOP: only the
    watchdog notices), then wait until systemd runs a new foyer and the start page
    is back.  Returns (ok, detail)."""
    before = agent.state()
    agent.ask(word)
    # A hang takes WatchdogSec to notice; then RestartSec=1, wait-display and the
    # first frame: seconds on a Pi, a minute or more in emulation.
    deadline = time.time() + QEMU_WATCHDOG_SEC + SCREEN_TIMEOUT
    after = before
    while time.time() < deadline:
        time.sleep(2)
        after = agent.state()
        if (after.get("foyer_active") == "active"
                and after.get("foyer_pid") not in ("0", before.get("foyer_pid"))):
            break
    restarted = (after.get("foyer_active") == "active"
                 and after.get("foyer_pid") not in ("0", before.get("foyer_pid")))
    ok, _, d = (wait_screen(qmp, out_dir, stem, start_ref, SCREEN_TIMEOUT)
                if restarted else (False, None, 1.0))
    return restarted and ok, (f"{word}: pid {before.get('foyer_pid')} -> {after.get('foyer_pid')}, "
                              f"restarts {before.get('foyer_restarts')} -> "
                              f"{after.get('foyer_restarts')}, start page {d:.2%} differ")


def finish(res, out, t_start, agent=None, journal="journal-foyer.txt"):
    if agent is not None:
        try:
            with open(os.path.join(out, journal), "w") as f:
                f.write("\n".join(agent.ask("journal")) + "\n")
        except (OSError, TimeoutError):
            pass
    passed, failed, skipped = res.summary()
    with open(os.path.join(out, "report.txt"), "w") as f:
        for name, status, detail in res.rows:
            f.write(f"{status} {name}: {detail}\n")
    log(f"finished in {time.time() - t_start:.0f} s; screendumps and logs in {out}")
    line = f"image-test: {passed} passed, {failed} failed"
    if skipped:
        line += f", {skipped} skipped"
    print(line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
