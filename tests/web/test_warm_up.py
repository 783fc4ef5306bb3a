"""A serving process opens the search index and loads the report font before its first request."""


def test_warm_up_opens_the_index_and_loads_the_font(search_engine):
    from portal.warm_up import warm_up

    steps = list(warm_up())
    assert [(step, problem) for step, _, problem in steps] == [("search index", None), ("report font", None)]


def test_an_index_that_cannot_open_is_reported_and_the_font_still_loads(unopenable_index):
    from portal.warm_up import warm_up

    problems = {step: problem for step, _, problem in warm_up()}
    assert "another" in problems["search index"] or "other than" in problems["search index"]
    assert problems["report font"] is None


def test_a_gunicorn_worker_warms_up_before_serving(tmp_path):
    import os
    import subprocess
    import sys
    import time
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "DATA_DIR": str(tmp_path), "SEARCH_INDEX_DIR": str(tmp_path / "index"),
           "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "SEARCH_URL": "",
           "ELASTICSEARCH_URL": "", "SEARCH_ENGINE": "embedded"}
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "portal/gunicorn_conf.py", "--log-level",
                               "info", "--bind", "127.0.0.1:0", "--workers", "1", "portal.wsgi"], cwd=root, env=env,
                              stderr=subprocess.PIPE, text=True)
    lines = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not any("warm-up: report font" in line for line in lines):
            lines.append(server.stderr.readline())
    finally:
        server.terminate()
        server.wait(timeout=30)
    log = "".join(lines)
    assert "warm-up: search index in" in log and "warm-up: report font in" in log, log
