#!/usr/bin/env python3
"""Start to first frame of the full-screen client, launched for real in a pseudo-terminal.

Each run starts the built `govreport` (no arguments: the embedded server, data in ./data of a scratch working
directory) on a fresh pty of the given size and timestamps, from just before the process is spawned:
  first frame  - the first frame is on the screen (the connect screen's "正在启动本机内置服务…" text has been written)
  home         - the embedded server is up and the home screen (its 新建报告草稿 item) has been written
then sends Ctrl+C and checks that the process exits 0, that the last bytes leave the alternate screen and that the
pty's termios settings are back to what they were before the start (raw mode undone).

"cold" runs use a new, empty working directory each time (first start: database created, admin written);
"warm" runs reuse one working directory whose data was created by an untimed first run.

Usage (from the repository root, after building the client):
  python3 bench/tui/first_frame.py --exe /tmp/art/bin/GovReport.Client/release/govreport --runs 20
"""
import argparse
import fcntl
import math
import os
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

FIRST_FRAME = "正在启动本机内置服务".encode()
HOME = "新建报告草稿".encode()  # a main-menu item: only the home screen has it
LEAVE_ALTERNATE_SCREEN = b"\x1b[?1049l"


def run_once(exe, cwd, cols, rows, timeout):
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    env = dict(os.environ, TERM="xterm-256color")
    start = time.perf_counter()
    before = termios.tcgetattr(slave)
    proc = subprocess.Popen([exe], cwd=cwd, stdin=slave, stdout=slave, stderr=slave, env=env,
                            start_new_session=True, close_fds=True)
    output = bytearray()
    first = home = None
    sent = False
    deadline = start + timeout
    try:
        while True:
            now = time.perf_counter()
            if now > deadline:
                raise RuntimeError(f"timed out; output so far: {bytes(output[-400:])!r}")
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: the child closed the pty
                    chunk = b""
                if not chunk:
                    break
                output += chunk
                now = time.perf_counter()
                if first is None and FIRST_FRAME in output:
                    first = now - start
                if home is None and HOME in output:
                    home = now - start
            if home is not None and not sent:
                os.write(master, b"\x03")
                sent = True
            if proc.poll() is not None and not ready:
                break
        code = proc.wait(timeout=max(1.0, deadline - time.perf_counter()))
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        after = termios.tcgetattr(slave)
        os.close(slave)
        os.close(master)
    exited = time.perf_counter() - start
    if after != before:
        raise RuntimeError(f"terminal modes not restored: {before} -> {after}")
    if code != 0:
        raise RuntimeError(f"exit code {code}")
    if not output.rstrip().endswith(LEAVE_ALTERNATE_SCREEN):
        raise RuntimeError(f"terminal not restored: last bytes {bytes(output[-60:])!r}")
    return first, home, exited


def describe(values):
    ms = sorted(v * 1000 for v in values)
    p95 = ms[max(0, math.ceil(0.95 * len(ms)) - 1)]
    return f"median {statistics.median(ms):7.1f} ms   p95 {p95:7.1f} ms   min {ms[0]:7.1f}   max {ms[-1]:7.1f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--exe", required=True, help="the built govreport executable (apphost)")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--cols", type=int, default=120)
    parser.add_argument("--rows", type=int, default=40)
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--mode", choices=["cold", "warm", "both"], default="both")
    args = parser.parse_args()
    exe = os.path.abspath(args.exe)
    load = os.getloadavg()
    print(f"# {exe}, {args.runs} runs per mode, {args.cols}x{args.rows}, {os.cpu_count()} cores, "
          f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    scratch = tempfile.mkdtemp(prefix="govreport-first-frame-")
    try:
        modes = ["cold", "warm"] if args.mode == "both" else [args.mode]
        for mode in modes:
            warm_dir = os.path.join(scratch, "warm")
            if mode == "warm":
                os.makedirs(warm_dir, exist_ok=True)
                run_once(exe, warm_dir, args.cols, args.rows, args.timeout)  # untimed: creates the data
            firsts, homes, exits = [], [], []
            for i in range(args.runs):
                cwd = warm_dir if mode == "warm" else os.path.join(scratch, f"cold-{i}")
                os.makedirs(cwd, exist_ok=True)
                first, home, exited = run_once(exe, cwd, args.cols, args.rows, args.timeout)
                firsts.append(first)
                homes.append(home)
                exits.append(exited)
            print(f"{mode:4}  start -> first frame  {describe(firsts)}")
            print(f"{mode:4}  start -> home screen  {describe(homes)}")
            print(f"{mode:4}  start -> exited (^C)  {describe(exits)}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
