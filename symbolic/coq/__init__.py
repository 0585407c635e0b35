"""Re-checking proved obligations with the Coq proof assistant (issue 17).

* :mod:`symbolic.coq.terms`: SymPy -> Coq terms over ``R`` (raises :class:`~symbolic.coq.terms.NotExportable`);
* :mod:`symbolic.coq.export`: an obligation -> a self-contained ``.v`` file (statement, digest, proof);
* :mod:`symbolic.coq.script` and :mod:`symbolic.coq.prelude`: the generated proof script and the
  fixed lemmas and tactics it uses;
* :mod:`symbolic.coq.runner`: coqc in parallel with a timeout per file, tamper and axiom checks;
* :mod:`symbolic.coq.attach`: the report's per-step ``coq`` and its ``coq`` summary;
* :mod:`symbolic.coq.cli_hook`: ``lawaudit --export-coq DIR`` and ``--coq``.

Like the rest of :mod:`symbolic`, nothing here knows about the paper.
"""
