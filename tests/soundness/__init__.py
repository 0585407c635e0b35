"""Soundness gate (issue 6): a hand-written corpus of classic inequalities, half true and half
false, and automatic mutants of every encoded step.  The checker must never prove a false item.

* :mod:`.corpus` -- the hand-written items, each with its truth established by hand (true items:
  a proof sketch; false items: an exact witness point re-checked independently).
* :mod:`.mutants` -- mutants of every step of :func:`derivations.all_results`.
* :mod:`.run` -- ``python -m tests.soundness.run`` prints the figures and exits non-zero on any
  false proof or soundness alarm.
"""
