"""Start the desk under gunicorn for a benchmark, and drive it with wrk."""

import os
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RESULTS = ROOT / "bench-results"
SQLITE_URL = f"sqlite:///{RESULTS / 'bench.sqlite3'}"


def production_env(**extra: str) -> dict[str, str]:
    """The environment of a production process, on plain HTTP on this machine."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",  # testserver: Django's test client
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "FACTCHECK_ORGANIZATION_NAME": os.environ.get("FACTCHECK_ORGANIZATION_NAME") or "Benchmark desk",
        "FACTCHECK_ORGANIZATION_URL": os.environ.get("FACTCHECK_ORGANIZATION_URL") or "http://localhost/",
        "PYTHONPATH": str(ROOT),
        **extra,
    }


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=env, check=True)


def demo_claims(env: dict[str, str]) -> int:
    """How many demo claims the database holds (0 when it has none)."""
    code = (
        "from factcheck.models import Claim; "
        "print(Claim.objects.filter(article__source_file__startswith='demo/').count())"
    )
    output = subprocess.run(
        [str(BIN / "python"), "manage.py", "shell", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    ).stdout
    return int(output.split()[-1]) if output.strip() else 0


def prepare_archive(env: dict[str, str], *, claims: int, reuse: bool) -> None:
    """Migrate, and generate the demo archive unless `reuse` and one of about that size is there."""
    RESULTS.mkdir(exist_ok=True)
    manage("migrate", "--no-input", "--verbosity", "0", env=env)
    if not (reuse and abs(demo_claims(env) - claims) < claims * 0.05):
        manage("generate_demo_data", "--clear", "--claims", str(claims), env=env)


@contextmanager
def gunicorn(
    *, port: int, env: dict[str, str], workers: int | None = 2, log_name: str = "gunicorn", boot_seconds: float = 30
):
    """Serve on 127.0.0.1:port with the project's gunicorn.conf.py until the block ends.

    `workers` None runs as many as production does (gunicorn.conf.py: 2 per core + 1).

    Worker recycling (max_requests) is turned off: at thousands of requests a
    second it would restart a worker every second and measure Django's start-up.
    """
    RESULTS.mkdir(exist_ok=True)
    log = (RESULTS / f"{log_name}.log").open("w")
    process = subprocess.Popen(
        [
            *(str(BIN / "gunicorn"), "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"),
            *(("--workers", str(workers)) if workers else ()),
            *("--max-requests", "0", "--access-logfile", "-"),
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/healthz", process, timeout=boot_seconds)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=40)
        log.close()


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {process.returncode}; see bench-results/")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


@dataclass
class WrkResult:
    url: str
    requests_per_second: float
    latency_p50_ms: float
    latency_p99_ms: float
    requests: int
    non_2xx_3xx: int
    socket_errors: int
    output: str


def _milliseconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


# What every browser and CDN sends (among other encodings): the cached pages are then sent gzip-compressed.
BROWSER_HEADERS = {"Accept-Encoding": "gzip"}


def wrk(
    url: str,
    *,
    seconds: int,
    connections: int,
    threads: int = 2,
    script: Path | None = None,
    headers: dict[str, str] | None = None,
) -> WrkResult:
    """Run wrk against url, sending `headers` with every request, and read its summary."""
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return WrkResult(
        url=url,
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        latency_p50_ms=_milliseconds(percentiles["50"]),
        latency_p99_ms=_milliseconds(percentiles["99"]),
        requests=int(re.search(r"(\d+) requests in", output).group(1)),
        non_2xx_3xx=int((re.search(r"Non-2xx or 3xx responses: (\d+)", output) or [0, 0])[1]),
        socket_errors=sum(int(count) for count in socket_errors.groups()) if socket_errors else 0,
        output=output,
    )
