"""Worker processes for the audit and ``lawaudit explain`` (issue 15): tasks run side by side, the
answers come back in the order of the tasks.

Workers are forked where the platform forks safely (Linux), so that a worker starts with the paper
already built and the engine imported, and spawned elsewhere.  Either way a worker decides each
task on its own and seeded (no z3 or arb state is shared: the parent has created none when it
forks), so the answers are those of a single process.  Each worker memoises inside itself
(:func:`symbolic.memo.enable`), so tasks that ask the same questions (the steps of one result share
their hypotheses) are cheapest in the same task.  A worker names each step it finishes with
:func:`step_done`; the parent moves the progress bar for it.  ``LAWAUDIT_START=spawn`` forces fresh
interpreters; ``LAWAUDIT_JOBS`` sets the default number of workers.
"""
from __future__ import annotations

import os

__all__ = ["jobs", "run", "step_done"]

_QUEUE = None          # in a worker: where finished steps are named, when the parent draws a bar


def jobs(n: int | None = None) -> int:
    """``n`` workers, or by default ``LAWAUDIT_JOBS``, else the number of CPUs up to 2."""
    if n is None:
        n = int(os.environ.get("LAWAUDIT_JOBS", "0") or 0) or min(2, os.cpu_count() or 1)
    return max(1, int(n))


def _context():
    import multiprocessing
    import sys
    method = os.environ.get("LAWAUDIT_START") or ("fork" if sys.platform.startswith("linux") else "spawn")
    return multiprocessing.get_context(method)


def _init(queue) -> None:
    global _QUEUE
    from . import memo, progress
    progress.detach()        # the parent draws the bar
    memo.enable()
    _QUEUE = queue


def step_done(step_id: str) -> None:
    """In a worker: ``step_id`` is finished (the parent's bar moves by one).  Elsewhere: nothing."""
    if _QUEUE is not None:
        _QUEUE.put(step_id)


def run(fn, tasks: list, n: int, bar, order: list[int] | None = None) -> list:
    """``[fn(t) for t in tasks]``, computed in ``n`` worker processes; ``fn`` is a module-level
    function and ``tasks`` are picklable.  Tasks are started in ``order`` (indices, default the
    tasks' own; the longest first makes the workers finish together).  Each step a worker names with
    :func:`step_done` moves ``bar`` (a :class:`symbolic.progress.Bar`) by one.

    Raises whatever ``fn`` raised in a worker, as soon as that task ends; then, and on Ctrl-C, the
    other tasks are cancelled and the workers stopped (they hold nothing but their answers).
    """
    import concurrent.futures as cf
    ctx = _context()
    queue = ctx.SimpleQueue() if bar.shown else None
    with cf.ProcessPoolExecutor(max_workers=n, mp_context=ctx, initializer=_init, initargs=(queue,)) as pool:
        futures = {pool.submit(fn, tasks[i]): i for i in (order if order is not None else range(len(tasks)))}
        try:
            _wait(futures, queue, bar)
        except BaseException:         # a task failed, or Ctrl-C: the other tasks are of no use now
            # the workers (private: Python 3.14 has terminate_workers()); shutdown forgets them
            processes = list((getattr(pool, "_processes", None) or {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.terminate()   # a task already handed to a worker would run to its end
            raise
        return [f.result() for f in sorted(futures, key=futures.get)]


def _wait(futures: dict, queue, bar) -> None:
    """Until every future is done, moving ``bar`` for each step named on ``queue``; raises the first
    exception a task raised, as soon as that task ends."""
    import concurrent.futures as cf
    pending = set(futures)
    while pending:
        done, pending = cf.wait(pending, timeout=0.2, return_when=cf.FIRST_COMPLETED)
        while queue is not None and not queue.empty():
            bar.update(1, queue.get())
        failed = next((f.exception() for f in done if f.exception() is not None), None)
        if failed is not None:
            raise failed
