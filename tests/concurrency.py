"""Running a function in several threads at once, for tests of races."""
import threading


def run_together(function, arguments) -> None:
    """Call `function(argument)` for each argument, each in its own thread, and wait for all of them."""
    threads = [threading.Thread(target=function, args=(argument,)) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
