"""The trusted core, LCF style: facts are made only by the rules in this file.

A :class:`Fact` records the rule that made it, its claim (an
:class:`~symbolic.domain.Obligation`), its premises (other facts), its source (a paper location
or a citation), the certificate of every side condition, and its trust level:

=========  ==================================================================================
proved     a sound backend (SymPy, z3, arb) decided it and the kernel re-checked the certificate
cited      an instance of an external theorem (:class:`Citation`); its proof is out of scope
assumed    a hypothesis of the paper (a definition or an assumption of a theorem)
evidence   sampling only; never promoted to proved
=========  ==================================================================================

Rules: :func:`decide`, :func:`cite`, :func:`invoke`, :func:`assume`, :func:`record_evidence`,
:func:`combine`, and :func:`conclude`, which makes a result's fact from the facts of its proof's steps,
so that :func:`replay` of that one fact re-checks the whole proof.
Tactics (``symbolic.check``, a paper's encoding) do not have to be trusted: whatever they produce,
a fact is only made after the kernel re-checks the certificate itself.

Python cannot make a constructor truly private: :class:`Fact` refuses to be built without the
kernel's token and refuses attribute assignment, but ``object.__setattr__`` can still tamper with
one.  :func:`replay` is the real guarantee: it recomputes every digest and re-runs every
certificate's backend from scratch, so a tampered fact fails.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Mapping, Sequence

import sympy

from .citation import Citation
from .domain import Domain, Obligation
from .errors import DerivationError, ReplayError
from .verdict import SOUND_BACKENDS, Certificate, Verdict

__all__ = ["Fact", "Citation", "Statement", "decide", "cite", "invoke", "assume", "record_evidence", "combine",
           "conclude", "replay", "TRUST"]

#: Trust levels from the strongest to the weakest.
TRUST = ("proved", "cited", "assumed", "evidence")

_TOKEN = object()


@dataclass(frozen=True)
class Statement:
    """A claim stated in words and mathematics (LaTeX), not as an obligation: a cited theorem's
    statement, or a result's statement (the claim of a :func:`conclude` fact)."""

    text_: str

    def key(self) -> str:
        return "statement:" + self.text_

    def text(self) -> str:
        return self.text_


class Fact:
    """An established claim.  Build one only through the rules of this module.

    Raises
    ------
    DerivationError
        When constructed outside the kernel, or when an attribute is assigned.
    """

    __slots__ = ("rule", "claim", "premises", "source", "certificates", "trust", "citation", "digest")

    def __init__(self, token, rule: str, claim: Obligation, premises: tuple, source: str,
                 certificates: tuple, trust: str, citation: Citation | None = None):
        if token is not _TOKEN:
            raise DerivationError(f"Fact: facts are made only by kernel rules (decide, cite, assume, "
                                  f"record_evidence, combine); refused to build {rule!r}")
        for name, value in (("rule", rule), ("claim", claim), ("premises", tuple(premises)),
                            ("source", source), ("certificates", tuple(certificates)),
                            ("trust", trust), ("citation", citation)):
            object.__setattr__(self, name, value)
        object.__setattr__(self, "digest", _digest(self))

    def __setattr__(self, name, value):
        raise DerivationError(f"Fact: facts are immutable; refused to set {name!r}")

    def __repr__(self):
        return f"Fact({self.rule}, {self.trust}: {self.claim.text()})"


def _digest(f: Fact) -> str:
    h = hashlib.sha256()
    for part in (f.rule, f.claim.key(), f.source, f.trust,
                 repr([c.to_json() for c in f.certificates]),
                 "" if f.citation is None else repr(f.citation.to_json()),
                 *[p.digest for p in f.premises]):
        h.update(part.encode())
        h.update(b"\x00")
    return h.hexdigest()


def _replayer(cert: Certificate):
    """The independent re-check of ``cert``'s backend (a MetiTarski certificate is z3's, with its bounds)."""
    from .backends import exact, smt
    if cert.backend == "z3" and isinstance(cert.data, dict) and cert.data.get("method") == "metitarski":
        from .backends import metitarski
        return metitarski.replay_certificate
    table = {"sympy": exact.replay_certificate, "z3": smt.replay_certificate}
    if cert.backend == "arb":
        from .backends import interval
        table["arb"] = interval.replay_certificate
    return table.get(cert.backend)


def _recheck(rule: str, ob: Obligation, cert: Certificate | None):
    if cert is None or cert.verdict != "proved" or cert.backend not in SOUND_BACKENDS:
        raise DerivationError(f"{rule}: needs a 'proved' certificate from a sound backend "
                              f"({', '.join(sorted(SOUND_BACKENDS))}); got {None if cert is None else cert.backend}")
    replayer = _replayer(cert)
    if replayer is None or not replayer(ob, cert):
        raise DerivationError(f"{rule}: the {cert.backend} certificate does not re-check for {ob.text()}")


# -- rules -----------------------------------------------------------------------------------

def decide(ob: Obligation, verdict: Verdict, source: str) -> Fact:
    """Rule *decide*: a proved obligation becomes a fact after its certificate re-checks.

    Raises
    ------
    DerivationError
        If ``verdict`` is not ``proved`` by a sound backend, or its certificate does not replay.
    """
    if verdict.verdict != "proved":
        raise DerivationError(f"decide: the verdict is {verdict.verdict!r}, not 'proved', for {ob.text()}")
    _recheck("decide", ob, verdict.certificate)
    return Fact(_TOKEN, "decide", ob, (), source, (verdict.certificate,), "proved")


def record_evidence(ob: Obligation, verdict: Verdict, source: str) -> Fact:
    """Rule *evidence*: sampling support, recorded at trust ``evidence`` (never ``proved``)."""
    if verdict.verdict != "evidence" or verdict.evidence is None:
        raise DerivationError(f"record_evidence: needs an 'evidence' verdict with figures, got {verdict.verdict!r}")
    cert = Certificate("mpmath-sampling", "evidence", verdict.evidence.to_json())
    return Fact(_TOKEN, "evidence", ob, (), source, (cert,), "evidence")


def assume(ob: Obligation, source: str) -> Fact:
    """Rule *assume*: a hypothesis of the paper (definition, assumption of a theorem)."""
    if not source:
        raise DerivationError("assume: a hypothesis needs its source (paper location)")
    return Fact(_TOKEN, "assume", ob, (), source, (), "assumed")


def _instantiate(citation: Citation, subs: Mapping, domain: Domain) -> Obligation:
    t = citation.template
    concl = t.conclusion.xreplace(dict(subs))
    hyps = tuple(h.xreplace(dict(subs)) for h in t.hypotheses)
    hyps = tuple(h for h in hyps if h is not sympy.true)
    if concl is sympy.false or any(h is sympy.false for h in hyps):
        raise DerivationError(f"cite: instantiating {citation.key} with {subs} gives a false statement")
    return Obligation(concl, hyps, domain)


def cite(citation: Citation, subs: Mapping, domain: Domain, source: str) -> Fact:
    """Rule *cite*: the instance of ``citation.template`` under ``subs`` (template symbol -> expression).

    The hypotheses of the cited statement stay hypotheses of the instance; a step that uses it
    must discharge them (see :func:`combine`).

    Raises
    ------
    DerivationError
        If the citation has no template, a template symbol is left free, or the instance is false.
    """
    if citation.template is None:
        raise DerivationError(f"cite: {citation.key} has no symbolic template to instantiate")
    free = set(citation.template.domain.symbol_map().values()) - set(subs)
    if free:
        raise DerivationError(f"cite: {citation.key}: no value given for {', '.join(sorted(map(str, free)))}")
    ob = _instantiate(citation, subs, domain)
    return Fact(_TOKEN, "cite", ob, (), source, (Certificate("citation", "cited", {"subs": {str(k): sympy.sstr(v) for k, v in subs.items()}}),),
                "cited", citation)


def combine(premises: Sequence[Fact], ob: Obligation, verdict: Verdict, source: str) -> Fact:
    """Rule *combine* (modus ponens): from facts P1..Pk and a proof of "P1 and ... and Pk imply Q",
    the fact Q, under the premises' own hypotheses.

    ``ob.hypotheses`` must be exactly the premises' conclusions (in any order) and ``ob`` must be
    proved by a sound backend; the new fact's trust is the weakest of its premises'.

    Raises
    ------
    DerivationError
        If a hypothesis of ``ob`` is not a premise's conclusion, or the proof does not re-check.
    """
    concls = [p.claim.conclusion for p in premises]
    missing = [h for h in ob.hypotheses if h not in concls]
    if missing:
        raise DerivationError(f"combine: hypothesis {sympy.sstr(missing[0])} is not the conclusion of any premise")
    if verdict.verdict != "proved":
        raise DerivationError(f"combine: the implication is {verdict.verdict!r}, not 'proved'")
    _recheck("combine", ob, verdict.certificate)
    inherited = tuple(dict.fromkeys(h for p in premises for h in p.claim.hypotheses))
    claim = Obligation(ob.conclusion, inherited, ob.domain)
    trust = max((p.trust for p in premises), key=TRUST.index, default="proved")
    return Fact(_TOKEN, "combine", claim, tuple(premises), source, (verdict.certificate,), trust)


def invoke(citation: Citation, source: str) -> Fact:
    """Rule *invoke*: the use of an external theorem as stated (its claim is the citation's statement),
    at trust ``cited``.  Unlike :func:`cite` it needs no symbolic template.

    Raises
    ------
    DerivationError
        If ``citation`` is not a :class:`Citation` or has no statement or source.
    """
    if not isinstance(citation, Citation) or not citation.statement or not citation.source:
        raise DerivationError(f"invoke: needs a Citation with a statement and a source, got {citation!r}")
    return Fact(_TOKEN, "invoke", Statement(citation.statement), (), source,
                (Certificate("citation", "cited", {"key": citation.key}),), "cited", citation)


def conclude(statement: str, premises: Sequence[Fact], source: str) -> Fact:
    """Rule *conclude*: a result's statement from the facts of every step of its proof.

    The claim is ``statement`` (a :class:`Statement`); the premises are the steps' facts, in the
    proof's order; the trust is the weakest of theirs (a proof with a cited step is ``cited``, one
    resting on sampling is ``evidence``).  That the steps together give the statement is the
    derivation's reading of the proof, not a decided implication: what the kernel guarantees is that
    every premise is a fact, so :func:`replay` of the result re-checks every step.

    Raises
    ------
    DerivationError
        If there is no premise, a premise is not a :class:`Fact`, or ``statement`` is empty.
    """
    premises = tuple(premises)
    if not statement or not premises or not all(isinstance(p, Fact) for p in premises):
        raise DerivationError("conclude: needs a statement and at least one premise, each a kernel Fact")
    trust = max((p.trust for p in premises), key=TRUST.index)
    return Fact(_TOKEN, "conclude", Statement(statement), premises, source, (), trust)


# -- replay ----------------------------------------------------------------------------------

def replay(fact: Fact) -> bool:
    """Re-check the whole derivation tree of ``fact`` independently.

    Recomputes every digest, re-runs every proof certificate's backend from scratch, and
    re-instantiates every citation.

    Returns ``True``; raises :class:`ReplayError` naming the first fact that fails.
    """
    if not isinstance(fact, Fact):
        raise ReplayError(f"replay: {fact!r} is not a Fact")
    for p in fact.premises:
        replay(p)
    if fact.digest != _digest(fact):
        raise ReplayError(f"replay: {fact.rule} fact for {fact.claim.text()} was altered after it was made")
    if fact.trust not in TRUST:
        raise ReplayError(f"replay: unknown trust level {fact.trust!r}")
    if fact.rule == "decide":
        _replay_proof(fact, fact.claim)
    elif fact.rule == "combine":
        hyps = tuple(p.claim.conclusion for p in fact.premises)
        ob = Obligation(fact.claim.conclusion, hyps, fact.claim.domain)
        _replay_proof(fact, ob)
        expected = max((p.trust for p in fact.premises), key=TRUST.index, default="proved")
        if fact.trust != expected:
            raise ReplayError(f"replay: combine fact claims trust {fact.trust!r}, its premises give {expected!r}")
    elif fact.rule == "cite":
        subs = {sympy.Symbol(k, **_assumptions(fact.citation, k)): sympy.sympify(v, locals=fact.claim.domain.symbol_map())
                for k, v in fact.certificates[0].data["subs"].items()}
        again = _instantiate(fact.citation, subs, fact.claim.domain)
        if again.key() != fact.claim.key() or fact.trust != "cited":
            raise ReplayError(f"replay: cite fact for {fact.citation.key} is not the instance it claims")
    elif fact.rule == "invoke":
        if fact.trust != "cited" or fact.citation is None or fact.claim != Statement(fact.citation.statement):
            raise ReplayError(f"replay: invoke fact for {fact.claim.text()[:60]} is not its citation's statement")
    elif fact.rule == "conclude":
        expected = max((p.trust for p in fact.premises), key=TRUST.index, default=None)
        if not fact.premises or fact.trust != expected:
            raise ReplayError(f"replay: conclude fact claims trust {fact.trust!r}, its premises give {expected!r}")
    elif fact.rule == "assume":
        if fact.trust != "assumed":
            raise ReplayError("replay: an assumption can only have trust 'assumed'")
    elif fact.rule == "evidence":
        if fact.trust != "evidence":
            raise ReplayError("replay: sampling evidence can only have trust 'evidence'")
    else:
        raise ReplayError(f"replay: unknown rule {fact.rule!r}")
    return True


def _assumptions(citation: Citation, name: str) -> dict:
    return citation.template.domain[name].symbol.assumptions0


def _replay_proof(fact: Fact, ob: Obligation):
    if fact.trust == "proved" and fact.rule == "decide" or fact.rule == "combine":
        try:
            _recheck("replay", ob, fact.certificates[0] if fact.certificates else None)
        except DerivationError as exc:
            raise ReplayError(str(exc)) from exc
    else:
        raise ReplayError(f"replay: a {fact.rule} fact must have trust 'proved', has {fact.trust!r}")
