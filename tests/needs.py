"""What a test does when a server or program it needs is not on this machine.

It skips with the reason printed; where the named variable is 1 (``.ci/run`` sets them, after starting or installing
what they name) it fails instead, so CI cannot pass by skipping."""
import os

import pytest


def missing(reason: str, variable: str) -> None:
    """Skip the test with ``reason``, or fail it when the environment variable ``variable`` is ``1``."""
    if os.environ.get(variable) == "1":
        pytest.fail(f"{reason}, and {variable}=1 asks for it")
    pytest.skip(reason)
