"""Worker processes (issue 15, symbolic.workers): answers in the order of the tasks, a worker's error
raised in the parent, steps named by the workers moving the parent's bar; a run decided in a worker
gets its kernel fact again from the parent's kernel (facts never cross processes)."""
from __future__ import annotations

import time
from dataclasses import replace

import pytest

from symbolic import workers
from symbolic.audit import Settings, run_step, with_fact
from symbolic.papers import load


class _Bar:
    def __init__(self, shown):
        self.shown, self.names = shown, []

    def update(self, n=1, doing=None):
        self.names.append((n, doing))


def _square(x):
    workers.step_done(f"task/{x}")
    return x * x


def _fails_on_two(x):
    if x == 2:
        raise ValueError("task 2 fails")
    return x


def test_answers_come_in_the_order_of_the_tasks_and_each_step_moves_the_bar():
    bar = _Bar(shown=True)
    assert workers.run(_square, [0, 1, 2, 3, 4], 2, bar, order=[4, 3, 2, 1, 0]) == [0, 1, 4, 9, 16]
    assert sorted(bar.names) == [(1, f"task/{x}") for x in range(5)]


def test_no_bar_no_queue_and_the_same_answers():
    bar = _Bar(shown=False)
    assert workers.run(_square, [5, 6], 2, bar) == [25, 36]
    assert bar.names == []


def test_a_workers_error_is_raised_in_the_parent():
    with pytest.raises(ValueError, match="task 2 fails"):
        workers.run(_fails_on_two, [0, 1, 2, 3], 2, _Bar(shown=False))


def _fail_or_finish_later(task):
    x, marker = task
    if x == 0:
        raise ValueError("task 0 fails")
    time.sleep(1.5)
    with open(marker, "w") as fh:        # reached only by a worker left running
        fh.write("finished")


def test_a_failing_task_stops_the_other_workers(tmp_path):
    marker = tmp_path / "finished"
    with pytest.raises(ValueError, match="task 0 fails"):
        workers.run(_fail_or_finish_later, [(1, str(marker)), (0, str(marker))], 2, _Bar(shown=False))
    time.sleep(2.5)
    assert not marker.exists()           # the other worker was stopped, not left to finish its task


def test_jobs_default_and_bounds(monkeypatch):
    monkeypatch.setenv("LAWAUDIT_JOBS", "3")
    assert workers.jobs() == 3 and workers.jobs(0) == 1 and workers.jobs(5) == 5
    monkeypatch.delenv("LAWAUDIT_JOBS")
    assert 1 <= workers.jobs() <= 2


@pytest.mark.parametrize("result_id,slugs", [
    ("definition-1.1", None),                                    # proved steps
    ("section-1.1", None),                                       # cited, proved and refuted steps
    ("theorem-4", ["probability-exponent"]),                     # refuted along a family (a proved family)
])
def test_a_run_from_a_worker_gets_the_same_fact_from_the_kernel(result_id, slugs):
    result = next(r for r in load().results if r.id == result_id)
    settings = Settings(samples=100, dps=15)
    steps = [s for s in result.steps if slugs is None or s.slug in slugs]
    facts = 0
    for step in steps:
        run = run_step(step, result.id, settings)
        again = with_fact(replace(run, step=None, fact=None), step)
        assert again.step is step and again.verdict == run.verdict
        assert (again.fact is None) == (run.fact is None), step.slug
        if run.fact is not None:
            facts += 1
            assert again.fact.digest == run.fact.digest and again.fact.rule == run.fact.rule
    assert facts >= 1


def test_a_result_is_one_task_unless_there_are_fewer_results_than_workers():
    from types import SimpleNamespace
    from symbolic.audit import _tasks
    a, b = SimpleNamespace(steps=[1, 2, 3]), SimpleNamespace(steps=[1])
    assert _tasks([a, b], 2) == [(0, [0, 1, 2]), (1, [0])]
    assert _tasks([a], 2) == [(0, [0, 2]), (0, [1])]
    assert _tasks([b], 2) == [(0, [0])]                  # a part without a step is no task
