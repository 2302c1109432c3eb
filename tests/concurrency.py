"""Running one piece of work in several threads at once, as two requests or two job workers would."""

import threading

from jobfair.extensions import db


def run_at_once(app, work, count: int) -> list:
    """`work()` in `count` threads, each in its own app context and session, released together by a barrier.
    Returns the results (in the order the threads finished); an exception in a thread is raised here."""
    barrier, results, errors = threading.Barrier(count), [], []

    def run():
        with app.app_context():
            try:
                barrier.wait()
                results.append(work())
            except Exception as exc:  # noqa: BLE001 - raised in the test's thread below
                errors.append(exc)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results
