#!/usr/bin/env python3
"""Start-up of two pooler binaries, side by side: each command run ROUNDS times by each binary,
alternating which goes first, and the median wall time of each with their ratio. Used to compare
a build with the previous release (build that revision in its own worktree first).

    python3 bench/pairs.py NEW_BINARY OLD_BINARY [--rounds 41]

Run from the repository root (the dry run reads scripts/create_pool.rhai).
"""

import argparse
import statistics
import subprocess
import time

COMMANDS = [
    ["run", "--dry-run", "scripts/create_pool.rhai"],
    ["eval", "1"],
    ["--version"],
]


def wall(binary, args):
    start = time.perf_counter()
    subprocess.run([binary] + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("new")
    ap.add_argument("old")
    ap.add_argument("--rounds", type=int, default=41)
    a = ap.parse_args()
    for args in COMMANDS:
        times = {a.new: [], a.old: []}
        for i in range(a.rounds):
            for b in (a.new, a.old) if i % 2 else (a.old, a.new):
                times[b].append(wall(b, args))
        new = statistics.median(times[a.new]) * 1000
        old = statistics.median(times[a.old]) * 1000
        print(f"{' '.join(args):45s} new {new:7.2f} ms  old {old:7.2f} ms  new/old {new / old:.2f}")


if __name__ == "__main__":
    main()
