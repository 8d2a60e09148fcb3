"""Time from starting `pooler repl` on a pseudo-terminal to its first prompt (median of runs).

Usage: python3 benches/repl_startup.py [BINARY] [RUNS]   (default target/debug/pooler, 21)
"""
import os
import pty
import select
import statistics
import sys
import tempfile
import time

binary = sys.argv[1] if len(sys.argv) > 1 else "target/debug/pooler"
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 21
state = tempfile.mkdtemp()
env = dict(os.environ, TERM="xterm", NO_COLOR="1", XDG_STATE_HOME=state,
           AWS_REGION="us-west-2", AWS_ACCESS_KEY_ID="AKIDBENCH", AWS_SECRET_ACCESS_KEY="bench")
times = []
for _ in range(runs):
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(binary, [binary, "--dry-run", "repl"], env)
    seen = b""
    while b"pooler> " not in seen:
        ready, _, _ = select.select([fd], [], [], 10)
        if not ready:
            sys.exit("no prompt within 10 s")
        seen += os.read(fd, 4096)
    times.append(time.perf_counter() - start)
    os.write(fd, b"\x04")
    os.waitpid(pid, 0)
    os.close(fd)
print(f"start to first prompt: median {statistics.median(times) * 1e3:.1f} ms, "
      f"min {min(times) * 1e3:.1f} ms, max {max(times) * 1e3:.1f} ms ({runs} runs, {binary})")
