#!/usr/bin/env python3
"""Whole-process comparison: pooler against curl --aws-sigv4, a one-shot boto3 script and the
AWS CLI, each sending the seed's CreateUserPool request to a local endpoint on 127.0.0.1 that
answers a canned response. Prints the median wall time and peak memory (max RSS) of N runs and
the ratios to pooler; then the rate of 1,000 sequential calls in one process, pooler against
boto3; then 1,000 AdminCreateUser through pooler's concurrent bulk runner
(`cognito.admin_create_users`) against a boto3 loop and a 16-thread boto3 pool; then
`pooler port` of each seed program in ../shared/seeds, once.

    python3 bench/compare.py [--runs 21] [--pooler target/release/pooler]
                             [--previous REV | --against OLD_BINARY]

With `--previous REV` (a tag, commit or branch; default with no value: the newest tag, else
`HEAD~1`) the revision is built in release in its own worktree under target/bench-previous/
(kept between runs, so a second comparison builds nothing), and with `--against OLD_BINARY` an
already built binary is used. Then each pooler measure is also taken with the old binary, in
interleaved pairs (the order alternating every round, so a change in the machine's load hits
both alike), and the table of new/old ratios is printed last.

Tools that are not installed are reported as skipped. The endpoint is bench/canned_server.rs
(std only, a thread per keep-alive connection), compiled with rustc on the fly; its own
capacity is measured and printed first, so it is known not to be the bottleneck. Without
rustc a threaded Python server is used instead (a few thousand requests per second).
"""

import argparse
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOOP_CALLS = 1000
RESPONSE = json.dumps({
    "UserPool": {"Id": "us-west-2_Bench0001", "Name": "MyTestPool",
                 "Arn": "arn:aws:cognito-idp:us-west-2:000000000000:userpool/us-west-2_Bench0001"}
}).encode()


class Canned(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # one reply is two writes; no 40 ms delayed-ACK stalls

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        self.rfile.read(length)
        self.send_response(200)
        self.send_header("Content-Type", "application/x-amz-json-1.1")
        self.send_header("Content-Length", str(len(RESPONSE)))
        self.send_header("x-amzn-RequestId", "bench")
        self.end_headers()
        self.wfile.write(RESPONSE)

    def log_message(self, *args):
        pass


GNU_TIME = "/usr/bin/time"
BULK_CALLS = 1000


def start_server(tmp):
    """The canned endpoint: bench/canned_server.rs when rustc is there, else the Python one.
    Returns (url, stop, label)."""
    source = os.path.join(ROOT, "bench", "canned_server.rs")
    binary = os.path.join(tmp, "canned_server")
    if shutil.which("rustc") and subprocess.run(
            ["rustc", "--edition", "2024", "-O", "-o", binary, source],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0:
        capacity = subprocess.run([binary, "capacity", "40000", "16"], capture_output=True,
                                  text=True, check=True).stdout.strip()
        proc = subprocess.Popen([binary, "serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                text=True)
        port = int(proc.stdout.readline())

        def stop():
            proc.stdin.close()
            proc.wait(timeout=10)
        return f"http://127.0.0.1:{port}", stop, f"bench/canned_server.rs ({capacity} requests/s " \
            "over 16 keep-alive connections, measured with its own client)"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Canned)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server.shutdown, \
        "threaded Python server (rustc not found; it limits the bulk numbers)"


def peak_rss_kib(cmd, env):
    """Peak RSS of one run, from GNU time (Debian package `time`): a child forked by Python
    would report Python's own size, since Linux keeps the pre-exec peak."""
    if not os.path.exists(GNU_TIME):
        return None
    out = subprocess.run([GNU_TIME, "-f", "%M", *cmd], env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, check=False).stderr.decode().strip().splitlines()
    return int(out[-1]) if out and out[-1].isdigit() else None


def measure(cmd, env, runs):
    """Median wall seconds and median peak RSS (KiB) over `runs` runs; None if it fails."""
    walls, rss = [], []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
        walls.append(time.perf_counter() - start)
        if proc.returncode != 0:
            return None, proc.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["failed"]
    for _ in range(min(runs, 5)):
        kib = peak_rss_kib(cmd, env)
        if kib is not None:
            rss.append(kib)
    return (statistics.median(walls), statistics.median(rss) if rss else None), None


def git(*args):
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()


def default_previous():
    """The newest tag, else the commit before HEAD."""
    tags = subprocess.run(["git", "describe", "--tags", "--abbrev=0"], cwd=ROOT, capture_output=True,
                          text=True)
    return tags.stdout.strip() if tags.returncode == 0 and tags.stdout.strip() else "HEAD~1"


def build_previous(rev):
    """Builds `rev` in release in its own detached worktree; returns (binary, label)."""
    commit = git("rev-parse", "--verify", f"{rev}^{{commit}}")
    where = os.path.join(ROOT, "target", "bench-previous", commit[:12])
    if not os.path.isdir(where):
        os.makedirs(os.path.dirname(where), exist_ok=True)
        git("worktree", "add", "--detach", where, commit)
        # The model and seeds are read from ../shared beside the checkout at build and test time.
        shared = os.path.join(os.path.dirname(ROOT), "shared")
        link = os.path.join(os.path.dirname(where), "shared")
        if os.path.isdir(shared) and not os.path.exists(link):
            os.symlink(shared, link)
    binary = os.path.join(where, "target", "release", "pooler")
    if not os.path.exists(binary):
        print(f"building {rev} ({commit[:12]}) in release in {os.path.relpath(where, ROOT)} ...", flush=True)
        subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "pooler"], cwd=where, check=True)
    return binary, f"{rev} ({commit[:12]})"


def paired(cmd_of, new, old, env, rounds):
    """Median wall seconds of `cmd_of(binary)` for both binaries, run in interleaved pairs
    (the order alternating every round); None for a side whose run failed."""
    times = ([], [])  # by side, not by path: the same binary may be compared with itself
    for i in range(rounds):
        for side in (0, 1) if i % 2 else (1, 0):
            start = time.perf_counter()
            proc = subprocess.run(cmd_of((new, old)[side]), env=env, cwd=ROOT,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if proc.returncode != 0:
                return None
            times[side].append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=21)
    ap.add_argument("--pooler", default=os.path.join(ROOT, "target/release/pooler"))
    old = ap.add_mutually_exclusive_group()
    old.add_argument("--previous", nargs="?", const="", metavar="REV",
                     help="also build REV (default: the newest tag, else HEAD~1) and compare pair by pair")
    old.add_argument("--against", metavar="OLD_BINARY", help="compare pair by pair with this binary")
    args = ap.parse_args()
    if not os.path.exists(args.pooler):
        sys.exit(f"no {args.pooler}: run `cargo build --release` first")
    previous = None
    if args.previous is not None:
        previous = build_previous(args.previous or default_previous())
    elif args.against:
        if not os.path.exists(args.against):
            sys.exit(f"no {args.against}")
        previous = (args.against, args.against)

    tmp = tempfile.mkdtemp(prefix="pooler-bench-")
    url, stop_server, server_label = start_server(tmp)
    print(f"endpoint: {url}, {server_label}\n")
    body = subprocess.run([args.pooler, "run", "scripts/json_stepwise.rhai"], cwd=ROOT,
                          capture_output=True, check=True).stdout
    body_file = os.path.join(tmp, "body.json")
    with open(body_file, "wb") as f:
        f.write(body)
    boto_script = os.path.join(tmp, "one_shot.py")
    with open(boto_script, "w") as f:
        f.write(
            "import json, sys, boto3\n"
            f"c = boto3.client('cognito-idp', endpoint_url='{url}')\n"
            "print(c.create_user_pool(**json.load(open(sys.argv[1])))['UserPool']['Id'])\n"
        )

    loop_script = os.path.join(tmp, "loop.rhai")
    with open(loop_script, "w") as f:
        f.write(f'for n in 0..{LOOP_CALLS} {{ cognito.describe_user_pool(#{{ UserPoolId: "us-west-2_Bench0001" }}); }}\n')
    boto_loop = os.path.join(tmp, "loop.py")
    with open(boto_loop, "w") as f:
        f.write(
            "import sys, boto3\n"
            "c = boto3.client('cognito-idp', endpoint_url=sys.argv[1])\n"
            f"for _ in range({LOOP_CALLS}):\n"
            "    c.describe_user_pool(UserPoolId='us-west-2_Bench0001')\n"
        )

    bulk_script = os.path.join(tmp, "bulk.rhai")
    with open(bulk_script, "w") as f:
        f.write(
            f'let users = []; for n in 0..{BULK_CALLS} {{ users.push(#{{ Username: `user${{n}}`, '
            'MessageAction: "SUPPRESS" }); }\n'
            'let s = cognito.admin_create_users("us-west-2_Bench0001", users, '
            '#{ concurrency: 64, on_exists: "fail" });\n'
            'if s.done != users.len() { throw `only ${s.done} done`; }\n'
        )
    each_script = os.path.join(tmp, "each.rhai")
    with open(each_script, "w") as f:
        f.write(
            f'let inputs = []; for n in 0..{LOOP_CALLS} {{ inputs.push(#{{ UserPoolId: "us-west-2_Bench0001" }}); }}\n'
            'let s = cognito.each("DescribeUserPool", inputs);\n'
            'if s.done != inputs.len() { throw `only ${s.done} done`; }\n'
        )
    boto_bulk = os.path.join(tmp, "bulk.py")
    with open(boto_bulk, "w") as f:
        f.write(
            "import sys, boto3\n"
            "from concurrent.futures import ThreadPoolExecutor\n"
            "c = boto3.client('cognito-idp', endpoint_url=sys.argv[1])\n"
            "def one(n):\n"
            "    c.admin_create_user(UserPoolId='us-west-2_Bench0001', Username=f'user{n}',"
            " MessageAction='SUPPRESS')\n"
            "threads = int(sys.argv[2])\n"
            "if threads == 1:\n"
            f"    for n in range({BULK_CALLS}): one(n)\n"
            "else:\n"
            "    with ThreadPoolExecutor(threads) as pool:\n"
            f"        list(pool.map(one, range({BULK_CALLS})))\n"
        )

    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update({
        "AWS_ACCESS_KEY_ID": "AKIDBENCHMARK", "AWS_SECRET_ACCESS_KEY": "bench-secret",
        "AWS_REGION": "us-west-2", "AWS_DEFAULT_REGION": "us-west-2",
        "AWS_CONFIG_FILE": os.path.join(tmp, "none"), "AWS_SHARED_CREDENTIALS_FILE": os.path.join(tmp, "none"),
        "AWS_EC2_METADATA_DISABLED": "true", "AWS_PAGER": "",
        # The canned endpoint is an emulator: pooler's quota pacing (Cognito's 15-50 calls a
        # second) is turned off, as docs/quotas.md says to for emulators.
        "POOLER_QUOTAS": "none",
    })
    venv_python = os.path.join(ROOT, ".venv/bin/python")
    python = venv_python if os.path.exists(venv_python) else sys.executable
    target = "AWSCognitoIdentityProviderService.CreateUserPool"
    cases = [
        ("pooler run --dry-run", [args.pooler, "run", "--dry-run", "scripts/create_pool.rhai"]),
        ("pooler run (local endpoint)", [args.pooler, "run", "--endpoint-url", url, "scripts/create_pool.rhai"]),
        ("curl --aws-sigv4", ["curl", "-sf", "--aws-sigv4", "aws:amz:us-west-2:cognito-idp",
                              "--user", "AKIDBENCHMARK:bench-secret",
                              "-H", "Content-Type: application/x-amz-json-1.1",
                              "-H", f"X-Amz-Target: {target}", "--data-binary", f"@{body_file}", url + "/"]),
        ("boto3 one-shot", [python, boto_script, body_file]),
        ("aws cognito-idp create-user-pool", ["aws", "cognito-idp", "create-user-pool", "--cli-input-json",
                                              f"file://{body_file}", "--endpoint-url", url]),
    ]
    results = {}
    print(f"{'command':<36} {'median wall':>12} {'peak RSS':>10}   ({args.runs} runs each)")
    for name, cmd in cases:
        if shutil.which(cmd[0]) is None and not os.path.exists(cmd[0]):
            print(f"{name:<36} {'skipped: ' + cmd[0] + ' not found':>24}")
            continue
        measured, err = measure(cmd, env, args.runs)
        if measured is None:
            print(f"{name:<36} failed: {err}")
            continue
        results[name] = measured
        wall, rss = measured
        shown = f"{rss / 1024:>7.1f} MB" if rss else "    n/a"
        print(f"{name:<36} {wall * 1e3:>9.2f} ms {shown}")
    loops = [
        ("pooler: 1,000 DescribeUserPool in one run", [args.pooler, "run", "--endpoint-url", url, loop_script]),
        ("pooler: the same through cognito.each", [args.pooler, "run", "--endpoint-url", url, each_script]),
        ("boto3: 1,000 describe_user_pool in one run", [python, boto_loop, url]),
    ]
    print(f"\nmany calls in one process ({LOOP_CALLS} calls, median of 3 runs):")
    rates = {}
    for name, cmd in loops:
        measured, err = measure(cmd, env, 3)
        if measured is None:
            print(f"  {name:<44} failed: {err}")
            continue
        rates[name] = LOOP_CALLS / measured[0]
        print(f"  {name:<44} {measured[0]:7.2f} s  {rates[name]:8.0f} calls/s")
    if len(rates) == 3:
        pooler_rate, each_rate, boto_rate = rates.values()
        print(f"  pooler / boto3 rate: {pooler_rate / boto_rate:.2f}x")
        print(f"  each / sequential loop: {each_rate / pooler_rate:.2f}x (--quota none)")

    bulk = [
        ("pooler: admin_create_users (concurrency 64)", [args.pooler, "run", "--endpoint-url", url, bulk_script]),
        ("boto3: admin_create_user loop", [python, boto_bulk, url, "1"]),
        ("boto3: 16 threads", [python, boto_bulk, url, "16"]),
    ]
    print(f"\nconcurrent bulk ({BULK_CALLS} AdminCreateUser in one process, median of 3 runs):")
    bulk_rates = {}
    for name, cmd in bulk:
        measured, err = measure(cmd, env, 3)
        if measured is None:
            print(f"  {name:<44} failed: {err}")
            continue
        bulk_rates[name] = BULK_CALLS / measured[0]
        print(f"  {name:<44} {measured[0]:7.2f} s  {bulk_rates[name]:8.0f} calls/s")
    first = bulk_rates.get(bulk[0][0])
    for name, rate in list(bulk_rates.items())[1:]:
        if first:
            print(f"  pooler / {name}: {first / rate:.2f}x")

    seeds = os.path.join(ROOT, "..", "shared", "seeds")
    if os.path.isdir(seeds):
        print("\nporting the seed programs (pooler port, whole process, median of the runs):")
        for seed in sorted(os.listdir(seeds)):
            out = os.path.join(tmp, "ported.rhai")
            measured, err = measure([args.pooler, "port", os.path.join(seeds, seed), "-o", out], env, args.runs)
            if measured is None:
                print(f"  {seed:<44} failed: {err}")
            else:
                print(f"  {seed:<44} {measured[0] * 1e3:7.2f} ms {measured[1] / 1024 if measured[1] else 0:7.1f} MB")

    if previous:
        old_bin, label = previous
        print(f"\nthis build against {label}, interleaved pairs (median wall, new/old):")
        against = [
            ("run --dry-run scripts/create_pool.rhai", lambda b: [b, "run", "--dry-run", "scripts/create_pool.rhai"], args.runs),
            ("eval 1", lambda b: [b, "eval", "1"], args.runs),
            ("--version", lambda b: [b, "--version"], args.runs),
            ("one CreateUserPool (local endpoint)", lambda b: [b, "run", "--endpoint-url", url, "scripts/create_pool.rhai"], args.runs),
            (f"{LOOP_CALLS} DescribeUserPool", lambda b: [b, "run", "--endpoint-url", url, loop_script], 3),
            (f"{LOOP_CALLS} through cognito.each", lambda b: [b, "run", "--endpoint-url", url, each_script], 3),
            (f"bulk {BULK_CALLS} AdminCreateUser", lambda b: [b, "run", "--endpoint-url", url, bulk_script], 3),
        ]
        for name, cmd_of, rounds in against:
            pair = paired(cmd_of, args.pooler, old_bin, env, rounds)
            if pair is None:
                print(f"  {name:<40} failed with one of the binaries")
                continue
            new_s, old_s = pair
            print(f"  {name:<40} new {new_s * 1e3:9.2f} ms  old {old_s * 1e3:9.2f} ms  new/old {new_s / old_s:5.2f}")

    base = results.get("pooler run (local endpoint)")
    if base:
        print("\nratios of wall time to `pooler run` against the same endpoint:")
        for name, (wall, _) in results.items():
            print(f"  {name:<36} {wall / base[0]:6.2f}x")
    stop_server()
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
