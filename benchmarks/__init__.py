"""Benchmarks against the budgets of docs/design.md ("Budgets"): ``python -m benchmarks.run`` (``make bench``).

Timings live here and only here: unit tests never assert on time.
"""
