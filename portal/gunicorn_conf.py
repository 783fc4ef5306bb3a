"""gunicorn settings for every way the portal is served (make run, deploy/compose.yaml, the benchmarks):
`gunicorn -c portal/gunicorn_conf.py portal.wsgi`.

Each worker pays its one-time costs before it takes a request, so the first visitor after a start or a worker
restart is not the one who waits: opening the search index (about 0.2 s at a million items) and loading the
report's Chinese font with the PDF library (about 0.15 s)."""
import logging

logger = logging.getLogger("gunicorn.error")

# Threads, not one request per process: a client that sends its request slowly (a bad mobile link, or a slowloris
# attack) holds one thread while it dribbles, not a whole worker. With sync workers, 8 such clients stalled a
# 2-worker server completely (0 requests served in 20 s, /healthz timing out); with 8 threads per worker the same
# load was served at full rate and /healthz answered in under 0.1 s (benchmarks/hostile_load.py, docs/benchmarks.md).
# More slow clients than threads still stall it: in production nginx sits in front and buffers whole requests
# before passing them on (deploy/nginx.conf), which is the real protection.
worker_class = "gthread"
threads = 8
# Idle keep-alive connections wait in the worker's event loop, not in a thread.
keepalive = 5


def post_worker_init(worker):
    """Open the search index and load the report font in the new worker."""
    from portal.warm_up import warm_up

    for step, seconds, problem in warm_up():
        if problem:
            # The worker serves anyway: pages without search work, and the search pages say what is wrong.
            logger.warning("warm-up: %s failed after %.2f s: %s", step, seconds, problem)
        else:
            logger.info("warm-up: %s in %.2f s", step, seconds)
