"""Prepare a freshly started moto server for pooler's end-to-end tests.

Used by tests/run.sh, with the Python of the test venv (it needs boto3, which moto brings):

    python tests/moto_setup.py free-port
        print a free TCP port on 127.0.0.1

    python tests/moto_setup.py serve PORT LOG
        exec moto_server on 127.0.0.1:PORT with its output in LOG, set up (Linux) to receive
        SIGTERM when its parent (tests/run.sh) dies, so that even a killed run leaves no server

    python tests/moto_setup.py setup ENDPOINT MOTO_PID [WAIT_SECONDS]
        wait until the moto server at ENDPOINT answers (giving up early if process MOTO_PID
        exits), create an IAM user with an allow-everything policy and an access key while
        moto's auth checks are still off, turn SigV4/IAM checking on (POST
        /moto-api/reset-auth, body "0", text/plain), check that a wrongly signed request is
        now refused and a correctly signed one accepted, and print "KEY_ID SECRET" as the only
        line on stdout. Everything else goes to stderr, and the secret never does.
"""

import json
import os
import socket
import sys
import time
import urllib.error
import urllib.request

REGION = "us-west-2"
USER = "pooler-tests"
POLICY = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
}


def log(msg):
    print(f"moto_setup: {msg}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie still answers kill(0); look at /proc when there is one.
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


def serve(port, log_path):
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGTERM, 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)
    exe = os.path.join(os.path.dirname(sys.executable), "moto_server")
    os.execv(exe, [exe, "-H", "127.0.0.1", "-p", str(port)])


def wait_until_up(endpoint, pid, seconds):
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(endpoint + "/moto-api/data.json", timeout=2) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        if not alive(pid):
            raise SystemExit(f"moto_setup: moto_server (pid {pid}) exited before answering")
        if time.monotonic() > deadline:
            raise SystemExit(f"moto_setup: moto_server did not answer at {endpoint} within {seconds}s")
        time.sleep(0.2)


def client(service, endpoint, key_id, secret):
    import boto3
    from botocore.config import Config

    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=key_id,
        aws_secret_access_key=secret,
        config=Config(retries={"max_attempts": 1}),
    )


def error_code(call):
    """Run call(); return None if it succeeded, else the error code the client decoded."""
    from botocore.exceptions import ClientError

    try:
        call()
    except ClientError as e:
        err = e.response.get("Error", {})
        code, msg = str(err.get("Code", "")), str(err.get("Message", ""))
        # moto answers auth failures with an XML body (ErrorResponse/Errors/Error/Code) sent as
        # text/html, which a JSON-protocol client sees as code "403" and the XML as message.
        for known in ("SignatureDoesNotMatch", "InvalidClientTokenId", "AccessDenied"):
            if known in code or f"<Code>{known}</Code>" in msg:
                return known
        return code or "unknown"
    return None


def setup(endpoint, pid, seconds):
    wait_until_up(endpoint, pid, seconds)

    iam = client("iam", endpoint, "testing", "testing")
    iam.create_user(UserName=USER)
    arn = iam.create_policy(PolicyName=USER + "-all", PolicyDocument=json.dumps(POLICY))["Policy"]["Arn"]
    iam.attach_user_policy(UserName=USER, PolicyArn=arn)
    key = iam.create_access_key(UserName=USER)["AccessKey"]
    key_id, secret = key["AccessKeyId"], key["SecretAccessKey"]

    req = urllib.request.Request(
        endpoint + "/moto-api/reset-auth",
        data=b"0",
        headers={"Content-Type": "text/plain"},
        method="POST",
    )
    with urllib.request.urlopen(req, timeout=10) as r:
        body = r.read().decode()
        if r.status != 200 or '"ok"' not in body:
            raise SystemExit(f"moto_setup: reset-auth answered {r.status}: {body}")

    bad = client("cognito-idp", endpoint, key_id, secret[:-4] + "XXXX")
    code = error_code(lambda: bad.list_user_pools(MaxResults=1))
    if code != "SignatureDoesNotMatch":
        raise SystemExit(f"moto_setup: signature checking is not on (wrong secret gave {code!r})")

    good = client("cognito-idp", endpoint, key_id, secret)
    code = error_code(lambda: good.list_user_pools(MaxResults=1))
    if code is not None:
        raise SystemExit(f"moto_setup: the test access key is refused ({code})")

    log(f"IAM user {USER} ready, SigV4 checking on at {endpoint}")
    print(key_id, secret)


def main(argv):
    if argv[1:2] == ["free-port"]:
        print(free_port())
    elif argv[1:2] == ["serve"] and len(argv) == 4:
        serve(int(argv[2]), argv[3])
    elif argv[1:2] == ["setup"] and len(argv) in (4, 5):
        setup(argv[2].rstrip("/"), int(argv[3]), float(argv[4]) if len(argv) == 5 else 60.0)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
