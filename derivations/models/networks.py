"""The network class of Section 3 as real numpy models, and the checks of Lemma 3.1.

Source: Bubeck & Sellke, "A Universal Law of Robustness via Isoperimetry" (arXiv:2105.12806v1),
Section 3 ("Deep neural networks"): layers L_1..L_D, matrices W_j of shape
|L_j| x sum_{i<j} |L_i|, fixed 1-Lipschitz non-linearities sigma_{j,l}, scalar biases b_{j,l},
a parameter index map a(j,k,l) in [p] (weight sharing, multiplicity Q), the quantity

    B(w) = max_{i in {0,1,...,D}} prod_{j in [D], j != i} ||W_j||_op,

and Lemma 3.1:  |f_w1(x) - f_w2(x)| <= Bbar Q R sqrt(p) ||w1 - w2||  when ||x|| <= R and
B(w1), B(w2) <= Bbar;  B(w) <= (W sqrt(pQ))^D  for w in [-W, W]^p, W >= 1.

Conventions (decided here, documented because the paper leaves them open)
--------------------------------------------------------------------------
* ``L_0`` is the input layer (size d) and **is** included in "i < j": W_j has shape
  ``(|L_j|, d + |L_1| + ... + |L_{j-1}|)`` and acts on the concatenation ``[x; h_1; ...; h_{j-1}]``.
  Without it, W_1 would have no columns and the input could not reach the network.
  A plain feed-forward network is the special case whose W_j has fixed zeros outside the
  block of L_{j-1}; zero columns do not change ``||W_j||_op``.
* Layer j computes ``h_j = sigma_j(W_j [h_0; ...; h_{j-1}] + b_j)`` neuron by neuron; the output
  layer L_D has one neuron and ``f_w(x) = h_D[0]``.
* Biases are parameters but are not part of W_j, so B(w) never sees them (as in the paper).
* The empty product is 1: for D = 1, ``B(w) = max(||W_1||_op, 1)``.
* Derivatives at kinks (relu, abs at 0; clip at +-1) use the one-sided convention ``0`` in float and
  mpmath arithmetic; the exact (rational) variant refuses a kink (``NetworkError``).
* ``Q`` is the largest number of matrix entries and biases tied to one parameter (0 if none is).

Checks return numbers (ratios; a ratio > 1 is a violation); verdicts are made elsewhere.
Float64 is for search only: a violation is re-checked with mpmath (:meth:`SearchResult.recheck_mp`)
and, when every activation is piecewise linear, certified in exact rational arithmetic
(:func:`certify_exact`): the latter returns a rational lower bound of ratio**2, obtained from exact
forward passes and exact upper bounds on ``||W_j||_op**2`` (positive definiteness of
``t I - W_j^T W_j`` by Sylvester's criterion with python-flint ``fmpq_mat`` determinants).

What the checks find (see tests/symbolic/test_networks.py, each with a hand-written network):
* the gradient step ||grad g_x(w)||_inf <= B(w) Q R of the proof of Lemma 3.1 holds for plain
  feed-forward networks (no skip connection, no bias, sigma(0) = 0): there the gradient w.r.t. an
  entry of W_j is delta_j[k] h_{j-1}[l], bounded by prod_{i != j} ||W_i||_op R;
* it fails, and so does the first claim of Lemma 3.1 (even with w in [-1, 1]^p and R = 1), with
  bias terms (B(w) ignores biases, which enter h_j), with skip connections (the input reaches a
  later layer without the factors ||W_i||_op), and with a 1-Lipschitz activation with
  sigma(0) != 0 such as softplus; with a bias and R < 1 it fails already at depth 1;
* "B(w) is an upper bound on the Lipschitz constant of x -> f_w(x)" fails with skip connections;
* w -> B(w) is not convex for D >= 2 (products of norms), so "B <= Bbar on the segment" is
  unsupported; yet no violation of the first claim was found on plain networks (sampling only);
* the second claim B(w) <= (W sqrt(pQ))^D holds (each W_j has at most pQ variable entries) and is
  attained; the only exception is the degenerate Q = 0, D = 1 (B = 1 from the empty product).
Float64 ratios near 1 can be off by cancellation when ||w1 - w2|| is tiny; re-check them.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

import flint
import mpmath
import numpy as np

from symbolic.errors import LawauditError

__all__ = [
    "NetworkError", "ACTIVATIONS", "PIECEWISE_LINEAR", "CHECKS", "Architecture",
    "plain_architecture", "random_architecture",
    "lipschitz_observed", "lipschitz_bound", "lipschitz_ratio", "max_B_on_segment",
    "convexity_ratio", "grad_inf_bound_ratio", "B_bound_ratio", "opnorm_frobenius_chain",
    "lipschitz_x_ratio", "ratio_mp", "certify_exact", "SearchResult", "adversarial_search",
]


class NetworkError(LawauditError):
    """A network, parameter vector or input is malformed (message names the argument)."""


#: Fixed 1-Lipschitz activations.  ``softplus(t) = log(1 + e^t)`` is the one with sigma(0) != 0.
ACTIVATIONS = ("identity", "relu", "tanh", "abs", "clip", "softplus")
#: Activations computed exactly on rationals (``clip(t) = min(max(t, -1), 1)``).
PIECEWISE_LINEAR = frozenset({"identity", "relu", "abs", "clip"})
_KINKS = {"identity": (), "relu": (0,), "abs": (0,), "clip": (-1, 1), "tanh": (), "softplus": ()}
#: The checks :func:`adversarial_search` can maximise.
CHECKS = ("lipschitz", "grad_inf", "B_bound", "opnorm_frobenius", "convexity", "lipschitz_x")


# ----------------------------------------------------------------------------- activations

def _act_float(name: str, z: np.ndarray):
    if name == "identity":
        return z.copy(), np.ones_like(z)
    if name == "relu":
        return np.maximum(z, 0.0), (z > 0).astype(float)
    if name == "tanh":
        t = np.tanh(z)
        return t, 1.0 - t * t
    if name == "abs":
        return np.abs(z), np.sign(z)
    if name == "clip":
        return np.clip(z, -1.0, 1.0), (np.abs(z) < 1).astype(float)
    if name == "softplus":
        e = np.exp(-np.abs(z))
        return np.logaddexp(0.0, z), np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    raise NetworkError(f"activation: unknown name {name!r}; known: {', '.join(ACTIVATIONS)}")


def _act_scalar(name: str, z, kind: str, grad: bool):
    """Value and derivative of one activation at a scalar (kind 'mp' or 'exact')."""
    if kind == "exact" and name not in PIECEWISE_LINEAR:
        raise NetworkError(f"forward_exact: activation {name!r} is not rational-valued; use mpmath")
    if grad and kind == "exact" and any(z == k for k in _KINKS[name]):
        raise NetworkError(f"grad_exact: pre-activation {z} sits on a kink of {name!r}")
    zero, one = (Fraction(0), Fraction(1)) if kind == "exact" else (mpmath.mpf(0), mpmath.mpf(1))
    if name == "identity":
        return z, one
    if name == "relu":
        return (z, one) if z > 0 else (zero, zero)
    if name == "abs":
        return (z, one) if z > 0 else (-z, -one if z < 0 else zero)
    if name == "clip":
        if z >= 1:
            return one, zero
        if z <= -1:
            return -one, zero
        return z, one
    if name == "tanh":
        t = mpmath.tanh(z)
        return t, 1 - t * t
    if name == "softplus":
        return mpmath.log1p(mpmath.exp(z)), 1 / (1 + mpmath.exp(-z))
    raise NetworkError(f"activation: unknown name {name!r}; known: {', '.join(ACTIVATIONS)}")


def _convert(values, kind: str) -> np.ndarray:
    """An array of float64 ('float'), mpf ('mp', at the current mp.dps) or Fraction ('exact')."""
    a = np.asarray(values, dtype=object if kind != "float" else float)
    if kind == "float":
        return a
    out = []
    for v in a.ravel():
        if isinstance(v, mpmath.mpf):
            if kind == "exact":
                raise NetworkError("exact arithmetic: mpmath numbers cannot be converted exactly")
            out.append(+v)
            continue
        q = v if isinstance(v, Fraction) else Fraction(int(v)) if isinstance(v, (int, np.integer)) \
            else Fraction(float(v))
        out.append(q if kind == "exact" else mpmath.mpf(q.numerator) / q.denominator)
    return np.array(out, dtype=object).reshape(a.shape)


# ----------------------------------------------------------------------------- architecture

@dataclass(frozen=True, eq=False)
class Architecture:
    """A fixed architecture of Section 3: layers, 0/variable masks, index map a(j,k,l), activations.

    Parameters
    ----------
    d : input dimension (size of L_0), >= 1.
    widths : ``(|L_1|, ..., |L_D|)``; the output layer has ``|L_D| = 1``.
    weight_index : for each j = 1..D an int array of shape ``(|L_j|, d + |L_1| + ... + |L_{j-1}|)``;
        entry ``-1`` means the matrix entry W_j[k, l] is always 0, entry ``a >= 0`` means
        ``W_j[k, l] = w[a]`` (the paper's a(j, k, l), numbered from 0).
    bias_index : for each j an int array of shape ``(|L_j|,)``; ``-1`` is a fixed zero bias.
    activations : for each j a tuple of |L_j| names from :data:`ACTIVATIONS` (sigma_{j,l}).
    p : number of parameters; at least ``1 + max index`` (unused parameters are allowed and count in p).

    Raises
    ------
    NetworkError
        on any shape, index or name that does not fit (the message names the argument).

    Source: Section 3, paragraphs 1-2 (the network class and the parametrization).
    Python cannot forbid mutating the arrays' owners; the arrays are stored read-only copies.
    """

    d: int
    widths: tuple
    weight_index: tuple
    bias_index: tuple
    activations: tuple
    p: int

    def __post_init__(self):
        d, widths = int(self.d), tuple(int(n) for n in self.widths)
        if d < 1:
            raise NetworkError(f"Architecture: d must be >= 1, got {self.d!r}")
        if len(widths) < 1 or min(widths) < 1 or widths[-1] != 1:
            raise NetworkError(f"Architecture: widths must be positive with output width 1, got {widths!r}")
        D = len(widths)
        if not (len(self.weight_index) == len(self.bias_index) == len(self.activations) == D):
            raise NetworkError(f"Architecture: weight_index, bias_index, activations need {D} layers each")
        sizes = (d,) + widths
        wi, bi, acts = [], [], []
        for j in range(1, D + 1):
            a = np.array(self.weight_index[j - 1], dtype=np.int64)
            shape = (sizes[j], sum(sizes[:j]))
            if a.shape != shape:
                raise NetworkError(f"Architecture: weight_index[{j - 1}] (W_{j}) has shape {a.shape}, expected {shape}")
            b = np.array(self.bias_index[j - 1], dtype=np.int64)
            if b.shape != (sizes[j],):
                raise NetworkError(f"Architecture: bias_index[{j - 1}] has shape {b.shape}, expected {(sizes[j],)}")
            s = tuple(str(n) for n in self.activations[j - 1])
            if len(s) != sizes[j] or any(n not in ACTIVATIONS for n in s):
                raise NetworkError(f"Architecture: activations[{j - 1}] must be {sizes[j]} names from {ACTIVATIONS}, got {s!r}")
            for arr in (a, b):
                if arr.size and (arr.min() < -1):
                    raise NetworkError(f"Architecture: indices must be -1 (fixed zero) or >= 0, layer {j}")
                arr.setflags(write=False)
            wi.append(a), bi.append(b), acts.append(s)
        top = max([int(x.max()) for x in wi + bi if x.size] + [-1])
        if int(self.p) < top + 1:
            raise NetworkError(f"Architecture: p = {self.p!r} but index {top} is used (p must be >= {top + 1})")
        object.__setattr__(self, "d", d)
        object.__setattr__(self, "widths", widths)
        object.__setattr__(self, "weight_index", tuple(wi))
        object.__setattr__(self, "bias_index", tuple(bi))
        object.__setattr__(self, "activations", tuple(acts))
        object.__setattr__(self, "p", int(self.p))

    # -- counts -----------------------------------------------------------------------
    @property
    def D(self) -> int:
        """Depth D (number of layers L_1..L_D)."""
        return len(self.widths)

    @property
    def Q(self) -> int:
        """Largest number of matrix entries/biases tied to one parameter (Section 3, "denote Q")."""
        idx = np.concatenate([a.ravel() for a in self.weight_index + self.bias_index])
        idx = idx[idx >= 0]
        return int(np.bincount(idx, minlength=self.p).max()) if idx.size else 0

    @property
    def has_skip(self) -> bool:
        """True if some W_j (j >= 2) has a variable entry outside the block of L_{j-1}."""
        sizes = (self.d,) + self.widths
        return any((a[:, :sum(sizes[:j - 1])] >= 0).any() for j, a in enumerate(self.weight_index, 1) if j >= 2)

    @property
    def has_bias(self) -> bool:
        """True if some bias is variable."""
        return any((b >= 0).any() for b in self.bias_index)

    # -- parameters -> matrices --------------------------------------------------------
    def _check_w(self, w, kind="float"):
        w = _convert(w, kind)
        if w.shape != (self.p,):
            raise NetworkError(f"w: expected shape ({self.p},), got {w.shape}")
        if kind == "float" and not np.all(np.isfinite(w)):
            raise NetworkError("w: entries must be finite")
        return w

    def _check_x(self, x, kind="float"):
        x = _convert(x, kind)
        if x.shape != (self.d,):
            raise NetworkError(f"x: expected shape ({self.d},), got {x.shape}")
        return x

    def _fill(self, indices, w, kind: str) -> list:
        """Arrays shaped like ``indices`` holding ``w[a]`` where ``a >= 0`` and 0 elsewhere."""
        w = self._check_w(w, kind)
        zero = 0.0 if kind == "float" else (Fraction(0) if kind == "exact" else mpmath.mpf(0))
        out = []
        for a in indices:
            arr = np.full(a.shape, zero, dtype=float if kind == "float" else object)
            arr[a >= 0] = w[a[a >= 0]]
            out.append(arr)
        return out

    def matrices(self, w, kind: str = "float") -> list:
        """The matrices W_1..W_D at ``w`` (float64, or object arrays for kind 'mp'/'exact')."""
        return self._fill(self.weight_index, w, kind)

    def biases(self, w, kind: str = "float") -> list:
        """The bias vectors b_1..b_D at ``w`` (fixed biases are 0)."""
        return self._fill(self.bias_index, w, kind)

    # -- forward and backprop ------------------------------------------------------------
    def _run(self, w, x, kind: str, grad: bool):
        Ws, bs, x = self.matrices(w, kind), self.biases(w, kind), self._check_x(x, kind)
        hs, us, dhs = [x], [], []
        for j in range(self.D):
            u = np.concatenate(hs)
            z = Ws[j] @ u + bs[j]
            if kind == "float":
                h, dh = np.empty_like(z), np.empty_like(z)
                names = np.array(self.activations[j])
                for name in set(self.activations[j]):
                    m = names == name
                    h[m], dh[m] = _act_float(name, z[m])
            else:
                pairs = [_act_scalar(n, zi, kind, grad) for n, zi in zip(self.activations[j], z)]
                h = np.array([q[0] for q in pairs], dtype=object)
                dh = np.array([q[1] for q in pairs], dtype=object)
            hs.append(h), us.append(u), dhs.append(dh)
        f = hs[-1][0]
        if not grad:
            return f, None, None
        zero = 0.0 if kind == "float" else (Fraction(0) if kind == "exact" else mpmath.mpf(0))
        gh = [np.full(h.shape, zero, dtype=h.dtype) for h in hs]
        gh[-1][0] = zero + 1
        gw = np.full(self.p, zero, dtype=float if kind == "float" else object)
        sizes = (self.d,) + self.widths
        for j in reversed(range(self.D)):
            delta = gh[j + 1] * dhs[j]
            gW = np.outer(delta, us[j])
            a = self.weight_index[j]
            np.add.at(gw, a[a >= 0], gW[a >= 0])
            b = self.bias_index[j]
            np.add.at(gw, b[b >= 0], delta[b >= 0])
            gu = Ws[j].T @ delta
            start = 0
            for i in range(j + 1):
                gh[i] = gh[i] + gu[start:start + sizes[i]]
                start += sizes[i]
        return f, gw, gh[0]

    def preactivations(self, w, x) -> list:
        """The pre-activations z_j = W_j [h_0; ...; h_{j-1}] + b_j, j = 1..D (float64 arrays)."""
        Ws, bs, x = self.matrices(w), self.biases(w), self._check_x(x)
        hs, zs = [x], []
        for j in range(self.D):
            z = Ws[j] @ np.concatenate(hs) + bs[j]
            h = np.empty_like(z)
            names = np.array(self.activations[j])
            for name in set(self.activations[j]):
                h[names == name] = _act_float(name, z[names == name])[0]
            hs.append(h), zs.append(z)
        return zs

    def kink_distance(self, w, x) -> float:
        """Smallest |z - kink| over neurons with a kink (relu/abs at 0, clip at +-1); inf if none.

        Finite-difference tests need it bounded away from 0 (the gradient is classical there).
        """
        best = math.inf
        for z, names in zip(self.preactivations(w, x), self.activations):
            for zi, n in zip(z, names):
                for k in _KINKS[n]:
                    best = min(best, abs(float(zi) - k))
        return best

    def forward(self, w, x) -> float:
        """f_w(x) in float64.  ``w``: shape (p,), ``x``: shape (d,).  Section 3 (the network f_w)."""
        return float(self._run(w, x, "float", False)[0])

    def forward_mp(self, w, x, dps: int = 50):
        """f_w(x) as an mpmath mpf computed at ``dps`` decimal digits (inputs converted exactly)."""
        with mpmath.workdps(dps):
            return +self._run(w, x, "mp", False)[0]

    def forward_exact(self, w, x) -> Fraction:
        """f_w(x) exactly on rationals (floats are converted exactly); piecewise-linear activations only.

        Raises NetworkError for tanh/softplus.
        """
        return self._run(w, x, "exact", False)[0]

    def grad_w(self, w, x) -> np.ndarray:
        """Gradient of g_x(w) = f_w(x) w.r.t. the p parameters (float64, shape (p,)), by backprop.

        Tied entries add up (weight sharing).  Section 3, proof of Lemma 3.1 ("g_x").
        """
        return self._run(w, x, "float", True)[1]

    def grad_w_mp(self, w, x, dps: int = 50) -> np.ndarray:
        """:meth:`grad_w` in mpmath at ``dps`` digits (object array of mpf)."""
        with mpmath.workdps(dps):
            return np.array([+g for g in self._run(w, x, "mp", True)[1]], dtype=object)

    def grad_w_exact(self, w, x) -> np.ndarray:
        """:meth:`grad_w` exactly (object array of Fraction); raises NetworkError on a kink."""
        return self._run(w, x, "exact", True)[1]

    def grad_x(self, w, x) -> np.ndarray:
        """Gradient of x -> f_w(x) (float64, shape (d,)); used for "B(w) is an upper bound on Lip"."""
        return self._run(w, x, "float", True)[2]

    # -- norms ------------------------------------------------------------------------------
    def op_norms(self, w) -> np.ndarray:
        """``(||W_1||_op, ..., ||W_D||_op)`` (largest singular value, numpy.linalg.norm(ord=2))."""
        return np.array([np.linalg.norm(M, 2) for M in self.matrices(w)])

    def op_norms_mp(self, w, dps: int = 50) -> list:
        """:meth:`op_norms` in mpmath (``mpmath.svd_r`` at ``dps`` digits)."""
        with mpmath.workdps(dps):
            out = []
            for M in self.matrices(w, "mp"):
                if all(v == 0 for v in M.ravel()):
                    out.append(mpmath.mpf(0))
                    continue
                s = mpmath.svd_r(mpmath.matrix(M.tolist()), compute_uv=False)
                out.append(+max(s[i] for i in range(len(s))))
            return out

    def frobenius(self, w) -> np.ndarray:
        """``(||W_1||_F, ..., ||W_D||_F)`` (the paper's ||W_j||_2 in the proof of Lemma 3.1)."""
        return np.array([np.linalg.norm(M) for M in self.matrices(w)])

    def B(self, w) -> float:
        """B(w) = max_{i in {0..D}} prod_{j in [D], j != i} ||W_j||_op (Section 3, definition of B).

        i = 0 gives the full product; the empty product (D = 1, i = 1) is 1.
        """
        return float(_B_from_norms(list(self.op_norms(w)), 1.0))

    def B_mp(self, w, dps: int = 50):
        """:meth:`B` in mpmath at ``dps`` digits."""
        with mpmath.workdps(dps):
            return +_B_from_norms(self.op_norms_mp(w, dps), mpmath.mpf(1))


def _B_from_norms(n: list, one):
    best = one
    for v in n:
        best = best * v
    for i in range(len(n)):
        prod = one
        for j, v in enumerate(n):
            if j != i:
                prod = prod * v
        best = max(best, prod)
    return best


# ----------------------------------------------------------------------------- constructors

def _assemble(d, widths, skip, bias, acts, share, rng, density=1.0):
    sizes = (d,) + tuple(widths)
    D = len(widths)
    masks, bmasks = [], []
    for j in range(1, D + 1):
        m = np.zeros((sizes[j], sum(sizes[:j])), dtype=bool)
        if skip:
            m[:, :] = True
        else:
            m[:, sum(sizes[:j - 1]):] = True
        if density < 1.0 and rng is not None:
            m &= rng.random(m.shape) < density
        masks.append(m)
        bmasks.append(np.full(sizes[j], bool(bias)))
    slots = [("w", j, k) for j, m in enumerate(masks) for k in np.flatnonzero(m.ravel())]
    slots += [("b", j, k) for j, m in enumerate(bmasks) for k in np.flatnonzero(m)]
    order = np.arange(len(slots)) if rng is None or share == 1 else rng.permutation(len(slots))
    groups, pos = [], 0
    while pos < len(order):
        size = 1 if share == 1 else (min(share, len(order) - pos) if not groups
                                       else int(rng.integers(1, share + 1)))
        groups.append(order[pos:pos + size])
        pos += size
    wi = [np.full(m.shape, -1, dtype=np.int64) for m in masks]
    bi = [np.full(m.shape, -1, dtype=np.int64) for m in bmasks]
    for a, g in enumerate(groups):
        for s in g:
            kind, j, k = slots[s]
            if kind == "w":
                wi[j].ravel()[k] = a
            else:
                bi[j][k] = a
    return Architecture(d, tuple(widths), tuple(wi), tuple(bi), tuple(acts), max(len(groups), 1))


def plain_architecture(d: int, widths: Sequence[int], skip: bool = False, bias: bool = False,
                       activation: str = "relu", output_activation: str = "identity") -> Architecture:
    """A deterministic architecture without sharing (Q = 1): the weights of W_1, ..., W_D are
    numbered first (layer by layer, row-major), then the biases b_1, ..., b_D.  ``widths = (|L_1|, ..., |L_D|)`` with ``|L_D| = 1``.

    ``skip=False``: W_j reads only L_{j-1}; ``skip=True``: W_j reads every earlier layer
    including the input.  Source: Section 3 (the network class).
    """
    widths = tuple(int(n) for n in widths)
    acts = [(activation,) * n for n in widths[:-1]] + [(output_activation,)]
    return _assemble(int(d), widths, skip, bias, acts, 1, None)


def random_architecture(rng: np.random.Generator, depth: int, width, d: int, skip: bool = True,
                        bias: bool = True, share: int = 1,
                        activations: Sequence[str] = ("relu", "tanh", "identity", "abs", "clip"),
                        output_activation: str = "identity", density: float = 1.0) -> Architecture:
    """A random architecture of depth ``depth`` (Section 3), reproducible from ``rng``.

    ``width``: int (every hidden layer) or a sequence of ``depth - 1`` hidden widths; the output
    layer has width 1.  ``skip``: connections from every earlier layer (else only L_{j-1} -> L_j).
    ``bias``: variable biases.  ``share``: the multiplicity Q — the variable slots are shuffled and
    tied in groups of random size in [1, share], the first group of size exactly ``share`` (so
    Q = share when there are at least ``share`` slots).  Hidden neurons draw their activation from
    ``activations``; the output neuron uses ``output_activation``.  ``density`` < 1 makes some
    allowed entries fixed zeros.

    Raises NetworkError on a bad depth, width, share or activation name.
    """
    if int(depth) < 1 or int(share) < 1 or not 0 < density <= 1:
        raise NetworkError(f"random_architecture: need depth >= 1, share >= 1, 0 < density <= 1; "
                           f"got depth={depth!r}, share={share!r}, density={density!r}")
    hidden = [int(width)] * (depth - 1) if np.isscalar(width) else [int(n) for n in width]
    if len(hidden) != depth - 1 or (hidden and min(hidden) < 1):
        raise NetworkError(f"random_architecture: width must give {depth - 1} positive hidden widths, got {width!r}")
    for n in list(activations) + [output_activation]:
        if n not in ACTIVATIONS:
            raise NetworkError(f"random_architecture: unknown activation {n!r}")
    widths = tuple(hidden) + (1,)
    acts = [tuple(str(a) for a in rng.choice(list(activations), size=n)) for n in hidden] + [(output_activation,)]
    return _assemble(int(d), widths, skip, bias, acts, int(share), rng, density)


# ----------------------------------------------------------------------------- the checks

def _ratio(num: float, den: float) -> float:
    if den == 0:
        return 0.0 if num == 0 else math.inf
    return num / den


def _radius(x, R):
    nx = float(np.linalg.norm(np.asarray(x, dtype=float)))
    if R is None:
        return nx
    if R < 0 or nx > R * (1 + 1e-12):
        raise NetworkError(f"R: need ||x|| <= R, got ||x|| = {nx!r}, R = {R!r}")
    return float(R)


def lipschitz_observed(arch: Architecture, w1, w2, x) -> float:
    """|f_w1(x) - f_w2(x)| / ||w1 - w2|| (Euclidean), float64.  Section 3, Lemma 3.1 (first claim)."""
    dw = float(np.linalg.norm(np.asarray(w1, float) - np.asarray(w2, float)))
    return _ratio(abs(arch.forward(w1, x) - arch.forward(w2, x)), dw)


def lipschitz_bound(arch: Architecture, w1, w2, R: float) -> float:
    """Bbar Q R sqrt(p) with Bbar = max(B(w1), B(w2)) (Section 3, Lemma 3.1, first claim)."""
    return max(arch.B(w1), arch.B(w2)) * arch.Q * float(R) * math.sqrt(arch.p)


def lipschitz_ratio(arch: Architecture, w1, w2, x, R: float | None = None) -> float:
    """lipschitz_observed / lipschitz_bound; > 1 is a violation of Lemma 3.1's first claim.

    ``R`` defaults to ||x|| (the smallest radius the lemma allows).  Returns inf when the bound is
    0 and f_w1(x) != f_w2(x), 0 when both vanish.  Raises NetworkError if ||x|| > R.
    Source: Section 3, Lemma 3.1.
    """
    R = _radius(x, R)
    dw = float(np.linalg.norm(np.asarray(w1, float) - np.asarray(w2, float)))
    num = abs(arch.forward(w1, x) - arch.forward(w2, x))
    return _ratio(num, lipschitz_bound(arch, w1, w2, R) * dw)


def max_B_on_segment(arch: Architecture, w1, w2, samples: int = 65) -> tuple[float, float]:
    """(max_t B((1-t) w1 + t w2), argmax t) over ``samples`` equally spaced t in [0, 1].

    Sampling only (evidence): the proof of Lemma 3.1 claims B <= Bbar on the whole segment
    "since the matrix operator norm is convex" (Section 3, proof of Lemma 3.1).
    """
    w1, w2 = np.asarray(w1, float), np.asarray(w2, float)
    ts = np.linspace(0.0, 1.0, max(int(samples), 2))
    vals = [arch.B((1 - t) * w1 + t * w2) for t in ts]
    k = int(np.argmax(vals))
    return float(vals[k]), float(ts[k])


def convexity_ratio(arch: Architecture, w1, w2, samples: int = 65) -> float:
    """max over the ``samples - 2`` interior sample points t in (0, 1) of B((1-t) w1 + t w2),
    divided by max(B(w1), B(w2)).  > 1 means B exceeds Bbar on [w1, w2], contradicting the
    convexity step of the proof of Lemma 3.1 (Section 3); < 1 is no violation.  Interior points
    only, so that the ratio varies smoothly (the search needs that).  ``samples`` >= 3."""
    w1, w2 = np.asarray(w1, float), np.asarray(w2, float)
    ts = np.linspace(0.0, 1.0, max(int(samples), 3))[1:-1]
    top = max(arch.B((1 - t) * w1 + t * w2) for t in ts)
    return _ratio(top, max(arch.B(w1), arch.B(w2)))


def grad_inf_bound_ratio(arch: Architecture, w, x, R: float | None = None) -> float:
    """||grad g_x(w)||_inf / (B(w) Q R); > 1 violates the gradient step of the proof of Lemma 3.1
    (Section 3: "||grad g_x(w)||_inf <= B(w) Q R").  ``R`` defaults to ||x||."""
    R = _radius(x, R)
    g = float(np.max(np.abs(arch.grad_w(w, x)))) if arch.p else 0.0
    return _ratio(g, arch.B(w) * arch.Q * R)


def _check_box(arch, w, W):
    w = np.asarray(w, float)
    if W < 1:
        raise NetworkError(f"W: Lemma 3.1 needs W >= 1, got {W!r}")
    if w.shape != (arch.p,) or np.max(np.abs(w), initial=0.0) > W:
        raise NetworkError(f"w: must lie in [-W, W]^p with W = {W!r}")
    return w


def B_bound_ratio(arch: Architecture, w, W: float) -> float:
    """B(w) / (W sqrt(pQ))^D for w in [-W, W]^p, W >= 1 (Section 3, Lemma 3.1, second claim).

    Raises NetworkError if W < 1 or w is outside the box.
    """
    w = _check_box(arch, w, W)
    return _ratio(arch.B(w), (W * math.sqrt(arch.p * arch.Q)) ** arch.D)


def opnorm_frobenius_chain(arch: Architecture, w, W: float) -> tuple[float, float]:
    """(max_j ||W_j||_op / ||W_j||_F, max_j ||W_j||_F / (W sqrt(pQ))) for w in [-W, W]^p.

    Both are <= 1 iff ||W_j||_op <= ||W_j||_F <= W sqrt(pQ) for every j (Section 3, proof of
    Lemma 3.1, last sentence).  Raises NetworkError if W < 1 or w is outside the box.
    """
    w = _check_box(arch, w, W)
    op, fro = arch.op_norms(w), arch.frobenius(w)
    r1 = max(_ratio(a, b) for a, b in zip(op, fro))
    r2 = max(_ratio(b, W * math.sqrt(arch.p * arch.Q)) for b in fro)
    return float(r1), float(r2)


def lipschitz_x_ratio(arch: Architecture, w, x) -> float:
    """||grad_x f_w(x)|| / B(w): a lower bound on Lip(f_w)/B(w).  > 1 refutes "B(w) is an upper
    bound on the Lipschitz constant of the network itself" (Section 3, after the definition of B)."""
    return _ratio(float(np.linalg.norm(arch.grad_x(w, x))), arch.B(w))


# ----------------------------------------------------------------------------- re-checks

def ratio_mp(check: str, arch: Architecture, w, x=None, w2=None, R=None, W=None, t=None, dps: int = 50):
    """The ratio of ``check`` recomputed in mpmath at ``dps`` digits (inputs converted exactly).

    ``check`` in :data:`CHECKS`; for 'convexity' the segment point ``t`` (float or Fraction) is
    required and the ratio is B(w_t) / max(B(w1), B(w2)); for 'opnorm_frobenius' the larger of
    the two ratios is returned.  Returns an mpf (``mpmath.inf`` for a zero bound).
    """
    with mpmath.workdps(dps):
        def div(a, b):
            return (mpmath.mpf(0) if a == 0 else mpmath.inf) if b == 0 else a / b
        def nrm(v):
            return mpmath.sqrt(mpmath.fsum(e * e for e in _convert(v, "mp")))
        Rm = None
        if x is not None:
            Rm = nrm(x) if R is None else _convert([R], "mp")[0]
            if Rm < nrm(x):
                raise NetworkError(f"R: need ||x|| <= R, got R = {R!r}")
        if check == "lipschitz":
            dw = nrm(_convert(w, "exact") - _convert(w2, "exact"))
            num = abs(arch.forward_mp(w, x, dps) - arch.forward_mp(w2, x, dps))
            Bb = max(arch.B_mp(w, dps), arch.B_mp(w2, dps))
            return +div(num, Bb * arch.Q * Rm * mpmath.sqrt(arch.p) * dw)
        if check == "grad_inf":
            g = max(abs(v) for v in arch.grad_w_mp(w, x, dps))
            return +div(g, arch.B_mp(w, dps) * arch.Q * Rm)
        if check == "B_bound":
            Wm = _convert([W], "mp")[0]
            return +div(arch.B_mp(w, dps), (Wm * mpmath.sqrt(arch.p * arch.Q)) ** arch.D)
        if check == "opnorm_frobenius":
            Wm = _convert([W], "mp")[0]
            cap = Wm * mpmath.sqrt(arch.p * arch.Q)
            best = mpmath.mpf(0)
            for op, M in zip(arch.op_norms_mp(w, dps), arch.matrices(w, "mp")):
                fro = mpmath.sqrt(mpmath.fsum(e * e for e in M.ravel()))
                best = max(best, div(op, fro), div(fro, cap))
            return +best
        if check == "convexity":
            T = _convert([t], "exact")[0]
            a, b = _convert(w, "exact"), _convert(w2, "exact")
            wt = (1 - T) * a + T * b
            return +div(arch.B_mp(wt, dps), max(arch.B_mp(w, dps), arch.B_mp(w2, dps)))
        if check == "lipschitz_x":
            gx = arch._run(w, x, "mp", True)[2]
            return +div(mpmath.sqrt(mpmath.fsum(e * e for e in gx)), arch.B_mp(w, dps))
    raise NetworkError(f"ratio_mp: unknown check {check!r}; known: {', '.join(CHECKS)}")


def _fq(M) -> flint.fmpq_mat:
    return flint.fmpq_mat([[flint.fmpq(v.numerator, v.denominator) for v in row] for row in M])


def _opnorm_sq_upper(M) -> Fraction:
    """A rational t >= ||M||_op**2, certified: t I - G is positive definite (G the smaller Gram matrix),
    checked by Sylvester's criterion with exact fmpq determinants."""
    M = np.asarray(M, dtype=object)
    if all(v == 0 for v in M.ravel()):
        return Fraction(0)
    G = M.T @ M if M.shape[1] <= M.shape[0] else M @ M.T
    lam = float(np.linalg.eigvalsh(np.array(G, dtype=float)).max())
    slack = 1e-12
    while True:
        t = Fraction(max(lam, 0.0) * (1 + slack)) + Fraction(1, 10 ** 40)
        n = G.shape[0]
        minors = (_fq([[(t if i == k else 0) - G[i, k] for k in range(m)] for i in range(m)]).det()
                  for m in range(1, n + 1))
        if all(mdet > 0 for mdet in minors):
            return t
        slack *= 1000


def _opnorm_sq_lower(M) -> Fraction:
    """A rational lower bound on ||M||_op**2: the Rayleigh quotient ||M v||^2 / ||v||^2 at a rational
    v close to the top right singular vector."""
    M = np.asarray(M, dtype=object)
    if all(v == 0 for v in M.ravel()):
        return Fraction(0)
    _, _, vt = np.linalg.svd(np.array(M, dtype=float))
    v = np.array([Fraction(float(e)) for e in vt[0]], dtype=object)
    Mv = M @ v
    return sum(e * e for e in Mv) / sum(e * e for e in v)


def _B_sq(arch, w, bound) -> Fraction:
    return _B_from_norms([bound(M) for M in arch.matrices(w, "exact")], Fraction(1))


def certify_exact(check: str, arch: Architecture, w, x=None, w2=None, R=None, t=None):
    """A rational lower bound on ratio**2 for a violation-type check, in exact arithmetic.

    Inputs (floats converted exactly to binary rationals) are evaluated with Fractions; every
    ||W_j||_op**2 in a denominator is replaced by a certified rational upper bound, every one in a
    numerator (convexity) by a Rayleigh-quotient lower bound.  A returned value > 1 therefore
    proves ratio > 1.  ``check`` in {'lipschitz', 'grad_inf', 'convexity', 'lipschitz_x'};
    ``R`` defaults to ||x|| (then R**2 = ||x||**2 is exact).  Returns a Fraction, or ``math.inf``
    when the bound is 0 and the left side is not.

    Raises NetworkError for non-piecewise-linear activations, or a pre-activation on a kink
    when a gradient is needed.  Source: Section 3, Lemma 3.1 and its proof.
    """
    def div(a, b):
        return (Fraction(0) if a == 0 else math.inf) if b == 0 else a / b
    R2 = None
    if x is not None:
        xe = _convert(x, "exact")
        R2 = sum(e * e for e in xe) if R is None else _convert([R], "exact")[0] ** 2
        if R2 < sum(e * e for e in xe) or (R is not None and R < 0):
            raise NetworkError(f"R: need ||x|| <= R, got R = {R!r}")
    if check == "lipschitz":
        dw2 = sum(e * e for e in _convert(w, "exact") - _convert(w2, "exact"))
        num = (arch.forward_exact(w, x) - arch.forward_exact(w2, x)) ** 2
        Bb2 = max(_B_sq(arch, w, _opnorm_sq_upper), _B_sq(arch, w2, _opnorm_sq_upper))
        return div(num, Bb2 * arch.Q ** 2 * R2 * arch.p * dw2)
    if check == "grad_inf":
        g = max(abs(v) for v in arch.grad_w_exact(w, x))
        return div(g * g, _B_sq(arch, w, _opnorm_sq_upper) * arch.Q ** 2 * R2)
    if check == "convexity":
        T = _convert([t], "exact")[0]
        a, b = _convert(w, "exact"), _convert(w2, "exact")
        mid = _B_sq(arch, (1 - T) * a + T * b, _opnorm_sq_lower)
        return div(mid, max(_B_sq(arch, w, _opnorm_sq_upper), _B_sq(arch, w2, _opnorm_sq_upper)))
    if check == "lipschitz_x":
        gx = arch._run(w, x, "exact", True)[2]
        return div(sum(e * e for e in gx), _B_sq(arch, w, _opnorm_sq_upper))
    raise NetworkError(f"certify_exact: check {check!r} is not a violation-type check")


# ----------------------------------------------------------------------------- search

@dataclass(frozen=True, eq=False)
class SearchResult:
    """The worst case found by :func:`adversarial_search`: the ratio (float64) and the
    (architecture, w, w2, x, R, W, t) achieving it.  ``t`` is the segment point for 'convexity'."""

    check: str
    ratio: float
    arch: Architecture
    w: np.ndarray
    w2: np.ndarray | None
    x: np.ndarray | None
    R: float | None
    W: float | None
    t: float | None
    evaluations: int

    def recheck_mp(self, dps: int = 50):
        """The ratio recomputed in mpmath at ``dps`` digits (:func:`ratio_mp`)."""
        return ratio_mp(self.check, self.arch, self.w, x=self.x, w2=self.w2, R=self.R, W=self.W,
                        t=self.t, dps=dps)

    def certify_exact(self):
        """Exact lower bound on ratio**2 (:func:`certify_exact`); None if not applicable."""
        if self.check not in ("lipschitz", "grad_inf", "convexity", "lipschitz_x"):
            return None
        try:
            return certify_exact(self.check, self.arch, self.w, x=self.x, w2=self.w2, R=self.R, t=self.t)
        except NetworkError:
            return None


def _objective(check, arch, R, W, samples):
    if check == "lipschitz":
        return lambda s: lipschitz_ratio(arch, s["w"], s["w2"], s["x"], R)
    if check == "grad_inf":
        return lambda s: grad_inf_bound_ratio(arch, s["w"], s["x"], R)
    if check == "B_bound":
        return lambda s: B_bound_ratio(arch, s["w"], W)
    if check == "opnorm_frobenius":
        return lambda s: max(opnorm_frobenius_chain(arch, s["w"], W))
    if check == "convexity":
        return lambda s: convexity_ratio(arch, s["w"], s["w2"], samples)
    if check == "lipschitz_x":
        return lambda s: lipschitz_x_ratio(arch, s["w"], s["x"])
    raise NetworkError(f"adversarial_search: unknown check {check!r}; known: {', '.join(CHECKS)}")


#: Unboxed searches keep every weight in [-WEIGHT_CAP, WEIGHT_CAP] (the regime their evidence reports).
WEIGHT_CAP = 1000.0


def _project(s, R, W, boxed):
    if "x" in s:
        n = np.linalg.norm(s["x"])
        if n > R:
            s["x"] = s["x"] * (R / n * (1 - 2.0 ** -40))  # strictly inside, also in exact arithmetic
    if boxed:
        s["w"] = np.clip(s["w"], -W, W)
    for k in ("w", "w2"):
        if k in s and not (boxed and k == "w"):
            s[k] = np.clip(s[k], -WEIGHT_CAP, WEIGHT_CAP)
    return s


def adversarial_search(arch: Architecture, rng: np.random.Generator, steps: int = 2000,
                       check: str = "lipschitz", R: float = 1.0, W: float = 1.0,
                       restarts: int = 8, samples: int = 17) -> SearchResult:
    """Maximise the violation ratio of ``check`` (one of :data:`CHECKS`) over w (and w2, x).

    Random restarts at log-uniform scales, then hill climbing: Gaussian steps on one of
    w, w2, x (relative to its size, or to ||w2 - w||) and moves rescaling w (and w2) or w2 - w;
    x stays in the ball ||x|| <= R, and for 'B_bound'/'opnorm_frobenius' w stays in [-W, W]^p.
    ``steps`` proposals in total, split over ``restarts``; deterministic given ``rng``.
    The returned ratio is float64: re-check it with :meth:`SearchResult.recheck_mp` and
    :meth:`SearchResult.certify_exact` before calling it a violation.
    Source: Section 3, Lemma 3.1 and its proof.
    """
    if check not in CHECKS:
        raise NetworkError(f"adversarial_search: unknown check {check!r}; known: {', '.join(CHECKS)}")
    if R <= 0 or W < 1 or int(steps) < 1 or int(restarts) < 1:
        raise NetworkError(f"adversarial_search: need R > 0, W >= 1, steps >= 1, restarts >= 1; "
                           f"got R={R!r}, W={W!r}, steps={steps!r}, restarts={restarts!r}")
    f = _objective(check, arch, R, W, samples)
    boxed = check in ("B_bound", "opnorm_frobenius")
    keys = {"lipschitz": ("w", "w2", "x"), "grad_inf": ("w", "x"), "B_bound": ("w",),
            "opnorm_frobenius": ("w",), "convexity": ("w", "w2"), "lipschitz_x": ("w", "x")}[check]
    dims = {"w": arch.p, "w2": arch.p, "x": arch.d}
    per = max(int(steps) // int(restarts), 1)
    best, best_s, evals = -math.inf, None, 0
    for r in range(int(restarts)):
        scale = W if boxed else 10 ** (rng.uniform(-0.5, 1) if check == "convexity" else rng.uniform(-2.5, 1))
        s = {k: rng.normal(size=dims[k]) * scale for k in keys}
        if boxed and r % 2 == 0:
            s["w"] = W * rng.choice([-1.0, 1.0], size=arch.p)
        if "x" in s:
            s["x"] = s["x"] / max(np.linalg.norm(s["x"]), 1e-300) * R * rng.uniform(0.5, 0.99)
        if check == "lipschitz":
            s["w2"] = s["w"] + rng.normal(size=arch.p) * scale * 10 ** rng.uniform(-3, 0)
        s = _project(s, R, W, boxed)
        cur = f(s)
        evals += 1
        rel = 0.3
        for _ in range(per):
            c = dict(s)
            u = rng.random()
            if u < 0.2 and not boxed:
                g = math.exp(0.7 * rng.normal())
                if "w2" in c and rng.random() < 0.5:
                    c["w2"] = c["w"] + g * (c["w2"] - c["w"])
                else:
                    c["w"] = c["w"] * g
                    if "w2" in c:
                        c["w2"] = c["w2"] * g
            else:
                k = keys[int(rng.integers(len(keys)))]
                if k == "x":
                    mag = R
                elif k == "w2" and rng.random() < 0.5:
                    mag = np.linalg.norm(c["w2"] - c["w"]) / math.sqrt(arch.p) + 1e-12
                else:
                    mag = np.linalg.norm(c[k]) / math.sqrt(max(c[k].size, 1)) + 1e-12
                c[k] = c[k] + rng.normal(size=c[k].shape) * rel * mag
            c = _project(c, R, W, boxed)
            val = f(c)
            evals += 1
            if val > cur:
                s, cur = c, val
                rel = min(rel * 1.3, 2.0)
            else:
                rel = max(rel * 0.95, 1e-6)
            if cur == math.inf:
                break
        if cur > best:
            best, best_s = cur, s
        if best == math.inf:
            break
    t = None
    if check == "convexity":
        _, t = max_B_on_segment(arch, best_s["w"], best_s["w2"], samples)
    return SearchResult(check, float(best), arch, best_s["w"], best_s.get("w2"), best_s.get("x"),
                        R if "x" in keys else None, W if boxed else None, t, evals)
