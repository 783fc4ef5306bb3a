"""Real server processes for tests that need one: a free port, gunicorn started on it, answers read."""
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    """A port nothing listens on (also what a closed service looks like)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, timeout: float = 10) -> tuple[int, dict, bytes]:
    """(status, headers, body) of a GET, whatever the status."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def status(url: str) -> int:
    return fetch(url)[0]


def wait_until_serving(url: str, server: subprocess.Popen) -> None:
    """Until `url` answers anything at all (an error status counts), or the server dies."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stdout.read().decode()
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"server at {url} did not start")


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def gunicorn(env: dict, port: int, *options: str) -> subprocess.Popen:
    """gunicorn serving the portal on 127.0.0.1:port with this environment (one worker unless told)."""
    return subprocess.Popen([sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind", f"127.0.0.1:{port}",
                             "--workers", "1", *options], cwd=ROOT, env={**os.environ, **env},
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def stop(server: subprocess.Popen) -> str:
    """Stop the server and return what it wrote."""
    server.terminate()
    try:
        output = server.communicate(timeout=10)[0]
    except subprocess.TimeoutExpired:
        server.kill()
        output = server.communicate()[0]
    return output.decode(errors="replace")
