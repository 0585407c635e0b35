"""Tests of derivations/models/networks.py: the network class of Section 3 and the checks of Lemma 3.1.

Each counterexample below is a small network written out by hand; its ratio is asserted exactly
(mpmath at 50 digits, and an exact rational lower bound on ratio**2 from ``certify_exact``).
"""
from fractions import Fraction

import mpmath
import numpy as np
import pytest

from symbolic.errors import LawauditError
from derivations.models.networks import (
    Architecture, NetworkError, B_bound_ratio, adversarial_search, certify_exact, convexity_ratio,
    grad_inf_bound_ratio, lipschitz_bound, lipschitz_observed, lipschitz_ratio, lipschitz_x_ratio,
    max_B_on_segment, opnorm_frobenius_chain, plain_architecture, random_architecture, ratio_mp,
)

X1 = np.array([1.0])


@pytest.fixture(autouse=True)
def _mp_digits():
    """Expected values and comparisons at 60 digits (ratio_mp returns 50-digit numbers)."""
    with mpmath.workdps(60):
        yield


def close(a, b, tol=mpmath.mpf(10) ** -45):
    return abs(mpmath.mpf(a) - mpmath.mpf(b)) <= tol


# ----------------------------------------------------------------------------- model

def _smooth_point(arch, rng, scale=1.0):
    """A random (w, x) at distance > 1e-3 from every kink, so the gradient is classical."""
    for _ in range(200):
        w, x = rng.normal(size=arch.p) * scale, rng.normal(size=arch.d)
        if arch.kink_distance(w, x) > 1e-3:
            return w, x
    raise RuntimeError("no smooth point found")


def _fd_grad_mp(arch, w, x, dps=60, h_exp=20):
    """Central finite differences of g_x(w) in mpmath at ``dps`` digits, step 10**-h_exp."""
    with mpmath.workdps(dps):
        h = mpmath.mpf(10) ** -h_exp
        wm = [mpmath.mpf(float(v)) for v in w]
        out = []
        for a in range(arch.p):
            up, dn = list(wm), list(wm)
            up[a] += h
            dn[a] -= h
            out.append((arch.forward_mp(up, x, dps) - arch.forward_mp(dn, x, dps)) / (2 * h))
        return out


CASES = [(D, skip, bias, share, acts)
         for D in (1, 2, 3, 4)
         for skip in (False, True)
         for bias in (False, True)
         for share, acts in ((1, ("relu", "tanh", "identity")), (3, ("abs", "clip", "softplus", "tanh")))]


@pytest.mark.parametrize("D,skip,bias,share,acts", CASES)
def test_gradient_matches_high_precision_finite_differences(D, skip, bias, share, acts):
    rng = np.random.default_rng(100 * D + 10 * skip + 2 * bias + share)
    arch = random_architecture(rng, D, 2, 2, skip=skip, bias=bias, share=share, activations=acts)
    w, x = _smooth_point(arch, rng, scale=0.7)
    fd = _fd_grad_mp(arch, w, x)
    g_mp = arch.grad_w_mp(w, x, dps=60)
    for a in range(arch.p):
        assert abs(g_mp[a] - fd[a]) < mpmath.mpf(10) ** -30
    g = arch.grad_w(w, x)
    assert np.allclose(g, np.array(g_mp, dtype=float), rtol=1e-12, atol=1e-12)
    assert arch.forward(w, x) == pytest.approx(float(arch.forward_mp(w, x)), rel=1e-13, abs=1e-13)


def test_exact_gradient_agrees_with_mpmath_on_piecewise_linear_networks():
    rng = np.random.default_rng(7)
    for D in (1, 2, 3):
        arch = random_architecture(rng, D, 3, 2, skip=True, bias=True, share=2,
                                   activations=("relu", "abs", "clip", "identity"))
        w, x = _smooth_point(arch, rng)
        ge, gm = arch.grad_w_exact(w, x), arch.grad_w_mp(w, x, dps=50)
        assert all(isinstance(v, Fraction) for v in ge)
        assert all(close(a.numerator / mpmath.mpf(a.denominator), b, mpmath.mpf(10) ** -40)
                   for a, b in zip(ge, gm))


def test_sharing_adds_tied_gradients():
    # One parameter tied to both entries of W_1 (d = 2): f = w0 * (x1 + x2), so df/dw0 = x1 + x2.
    arch = Architecture(2, (1,), (np.array([[0, 0]]),), (np.array([-1]),), (("identity",),), 1)
    assert arch.Q == 2 and arch.p == 1
    assert arch.grad_w([0.5], [2.0, 3.0])[0] == 5.0
    assert arch.forward([0.5], [2.0, 3.0]) == 2.5


def test_gradient_wrt_input_matches_finite_differences():
    rng = np.random.default_rng(11)
    arch = random_architecture(rng, 3, 3, 3, skip=True, bias=True, activations=("tanh", "softplus"))
    w, x = rng.normal(size=arch.p), rng.normal(size=3)
    h = 1e-6
    fd = [(arch.forward(w, x + h * e) - arch.forward(w, x - h * e)) / (2 * h) for e in np.eye(3)]
    assert np.allclose(arch.grad_x(w, x), fd, atol=1e-8)


def test_B_on_a_hand_computed_example():
    # d = 2, widths (2, 2, 1), plain: W_1 = diag(3, 1), W_2 = [[1, 1], [1, 1]] (on L_1), W_3 = [3, 4].
    arch = plain_architecture(2, (2, 2, 1))
    assert arch.p == 10 and arch.weight_index[1].shape == (2, 4) and arch.weight_index[2].shape == (1, 6)
    w = np.array([3, 0, 0, 1, 1, 1, 1, 1, 3, 4], dtype=float)
    assert np.allclose(arch.op_norms(w), [3, 2, 5])
    assert arch.B(w) == pytest.approx(30.0, rel=1e-14)              # i = 0: the full product
    w_small = w.copy()
    w_small[:4] = [0.5, 0, 0, 0]                                     # ||W_1|| = 1/2
    assert arch.B(w_small) == pytest.approx(10.0, rel=1e-14)         # i = 1: ||W_2|| ||W_3||
    assert close(arch.B_mp(w_small), 10)
    assert np.allclose(arch.frobenius(w), [np.sqrt(10), 2, 5])


def test_B_depth_one_is_at_least_one():
    arch = plain_architecture(3, (1,))
    assert arch.B([0.1, 0.0, 0.0]) == 1.0                            # empty product = 1
    assert arch.B([3.0, 4.0, 0.0]) == pytest.approx(5.0)


def test_input_layer_is_included_in_W_shapes():
    arch = plain_architecture(3, (4, 2, 1), skip=True)
    assert [a.shape for a in arch.weight_index] == [(4, 3), (2, 7), (1, 9)]
    assert arch.has_skip and not arch.has_bias and arch.Q == 1
    plain = plain_architecture(3, (4, 2, 1))
    assert not plain.has_skip and (plain.weight_index[1][:, :3] == -1).all()


def test_random_architecture_is_deterministic_and_has_requested_sharing():
    a1 = random_architecture(np.random.default_rng(3), 3, 3, 2, share=4)
    a2 = random_architecture(np.random.default_rng(3), 3, 3, 2, share=4)
    assert a1.Q == 4 and a1.activations == a2.activations and a1.p == a2.p
    assert all((u == v).all() for u, v in zip(a1.weight_index, a2.weight_index))
    r1 = adversarial_search(a1, np.random.default_rng(9), steps=60, check="grad_inf", restarts=2)
    r2 = adversarial_search(a2, np.random.default_rng(9), steps=60, check="grad_inf", restarts=2)
    assert r1.ratio == r2.ratio and (r1.w == r2.w).all() and (r1.x == r2.x).all()


def test_malformed_inputs_raise_the_project_error():
    arch = plain_architecture(2, (2, 1))
    with pytest.raises(NetworkError, match="w: expected shape"):
        arch.forward(np.zeros(3), np.zeros(2))
    with pytest.raises(NetworkError, match="x: expected shape"):
        arch.forward(np.zeros(arch.p), np.zeros(3))
    with pytest.raises(NetworkError, match="widths"):
        Architecture(1, (2,), (np.zeros((2, 1)),), (np.zeros(2),), (("relu", "relu"),), 1)
    with pytest.raises(NetworkError, match="p ="):
        Architecture(1, (1,), (np.array([[5]]),), (np.array([-1]),), (("relu",),), 2)
    with pytest.raises(NetworkError, match="unknown activation"):
        random_architecture(np.random.default_rng(0), 2, 2, 2, activations=("gelu",))
    with pytest.raises(NetworkError, match="not rational-valued"):
        plain_architecture(1, (1, 1), activation="tanh").forward_exact([1, 1], [1])
    with pytest.raises(NetworkError, match="kink"):
        plain_architecture(1, (1, 1)).grad_w_exact([0, 1], [1])
    with pytest.raises(NetworkError, match="W >= 1"):
        B_bound_ratio(arch, np.zeros(arch.p), 0.5)
    with pytest.raises(NetworkError, match=r"\[-W, W\]"):
        B_bound_ratio(arch, np.full(arch.p, 2.0), 1.0)
    with pytest.raises(NetworkError, match="R: need"):
        lipschitz_ratio(arch, np.zeros(arch.p), np.ones(arch.p), np.ones(2), R=1.0)
    with pytest.raises(NetworkError, match="R: need"):
        certify_exact("grad_inf", arch, np.ones(arch.p), x=np.ones(2), R=1.0)
    with pytest.raises(NetworkError, match="R: need"):
        ratio_mp("grad_inf", arch, np.ones(arch.p), x=np.ones(2), R=1.0)
    with pytest.raises(NetworkError, match="unknown check"):
        adversarial_search(arch, np.random.default_rng(0), check="nope")
    assert issubclass(NetworkError, LawauditError)


# ----------------------------------------------------------------------------- Lemma 3.1 holds

def test_lipschitz_bound_is_attained_by_depth_one_linear_network():
    # f_w(x) = w x, p = Q = d = 1, B(w) = max(|w|, 1) = 1 for |w| <= 1: ratio exactly 1.
    arch = plain_architecture(1, (1,), activation="identity")
    w1, w2, x = np.array([0.0]), np.array([0.75]), np.array([0.5])
    assert lipschitz_observed(arch, w1, w2, x) == 0.5
    assert lipschitz_bound(arch, w1, w2, 0.5) == 0.5
    assert lipschitz_ratio(arch, w1, w2, x) == 1.0
    assert close(ratio_mp("lipschitz", arch, w1, x=x, w2=w2), 1)


def test_lipschitz_bound_is_nearly_tight_for_scalar_chains():
    # f = w_1 ... w_D x at w = (a, ..., a), a < 1, moved along (1, ..., 1): ratio -> 1 from below.
    for D in (2, 3, 4):
        arch = plain_architecture(1, (1,) * D, activation="identity")
        a, h = 0.5, 1e-7
        r = lipschitz_ratio(arch, np.full(D, a - h), np.full(D, a + h), X1)
        assert 1 - 1e-5 < r <= 1


@pytest.mark.parametrize("D", [1, 2, 3, 4])
def test_plain_networks_satisfy_the_gradient_step_and_lemma(D):
    # No skip connections, no biases, sigma(0) = 0: the proof's gradient step holds.
    rng = np.random.default_rng(40 + D)
    arch = random_architecture(rng, D, 2, 2, skip=False, bias=False, share=2,
                               activations=("relu", "tanh", "identity", "abs", "clip"))
    for check in ("grad_inf", "lipschitz", "lipschitz_x"):
        res = adversarial_search(arch, rng, steps=300, check=check, restarts=3)
        # float64 can overshoot a tight ratio by cancellation when ||w1 - w2|| is tiny: re-check.
        assert 0 < res.ratio <= 1 + 1e-6, (check, res.ratio)
        assert res.recheck_mp() <= 1 + mpmath.mpf(10) ** -30, (check, res.recheck_mp())


@pytest.mark.parametrize("skip,bias,share", [(False, False, 1), (True, True, 3), (True, False, 2)])
def test_second_claim_and_norm_chain_hold(skip, bias, share):
    rng = np.random.default_rng(int(skip) * 4 + int(bias) * 2 + share)
    for D in (1, 2, 3):
        arch = random_architecture(rng, D, 2, 2, skip=skip, bias=bias, share=share)
        for W in (1.0, 2.5):
            res = adversarial_search(arch, rng, steps=150, check="B_bound", W=W, restarts=3)
            assert 0 < res.ratio <= 1 + 1e-12
            assert res.recheck_mp() <= 1 + mpmath.mpf(10) ** -40
            op_f, f_cap = opnorm_frobenius_chain(arch, res.w, W)
            assert op_f <= 1 + 1e-12 and f_cap <= 1 + 1e-12


def test_second_claim_is_attained():
    # D = 1, d = 2, one parameter tied to both entries (p = 1, Q = 2): ||W_1|| = W sqrt(2) at w = W.
    arch = Architecture(2, (1,), (np.array([[0, 0]]),), (np.array([-1]),), (("identity",),), 1)
    assert B_bound_ratio(arch, [3.0], 3.0) == pytest.approx(1.0, rel=1e-15)
    assert close(ratio_mp("B_bound", arch, [3.0], W=3.0), 1)


def test_second_claim_degenerate_case_without_variable_entries():
    # D = 1 and no variable entry (Q = 0): B(w) = max(||W_1||, 1) = 1 (empty product) while
    # (W sqrt(pQ))^D = 0.  Degenerate (f_w is the zero function), recorded for completeness.
    arch = Architecture(1, (1,), (np.array([[-1]]),), (np.array([-1]),), (("identity",),), 1)
    assert arch.Q == 0 and arch.B([0.5]) == 1.0
    assert B_bound_ratio(arch, [0.5], 1.0) == float("inf")


# ----------------------------------------------------------------------------- counterexamples

def test_bias_breaks_gradient_step_and_first_claim():
    # D = 2, d = 1, widths (1, 1), relu, biases; parameters (W_1, W_2, b_1, b_2), all in [-1, 1].
    # w1 = (0, 0, 1, 0), w2 = (0, 1/8, 1, 0), x = 1 = R:  f_w1 = 0, f_w2 = relu(1)/8 = 1/8,
    # B(w1) = 0, B(w2) = 1/8, Q = 1, p = 4:  ratio = (1/8) / ((1/8) * 1 * 1 * 2 * (1/8)) = 4.
    arch = plain_architecture(1, (1, 1), bias=True)
    w1, w2 = np.array([0, 0, 1, 0.0]), np.array([0, 0.125, 1, 0.0])
    assert arch.B(w1) == 0 and arch.B(w2) == 0.125 and arch.Q == 1 and arch.p == 4
    assert lipschitz_ratio(arch, w1, w2, X1) == pytest.approx(4.0, rel=1e-14)
    assert close(ratio_mp("lipschitz", arch, w1, x=X1, w2=w2), 4)
    assert 15.999999 < certify_exact("lipschitz", arch, w1, x=X1, w2=w2) <= 16
    # gradient step: dg/dW_2 = relu(b_1) = 1 while B(w2) Q R = 1/8.
    assert grad_inf_bound_ratio(arch, w2, X1) == pytest.approx(8.0, rel=1e-14)
    assert close(ratio_mp("grad_inf", arch, w2, x=X1), 8)
    assert 63.99999 < certify_exact("grad_inf", arch, w2, x=X1) <= 64


def test_depth_one_bias_breaks_gradient_step_when_R_below_one():
    # f = w x + b, R = ||x|| = 1/2, B = 1: df/db = 1 > B Q R = 1/2; first claim ratio sqrt(2).
    arch = plain_architecture(1, (1,), bias=True, activation="identity")
    x = np.array([0.5])
    assert close(ratio_mp("grad_inf", arch, [0.0, 0.0], x=x), 2)
    assert certify_exact("grad_inf", arch, [0.0, 0.0], x=x) == 4
    assert close(ratio_mp("lipschitz", arch, [0.0, 0.0], x=x, w2=[0.0, 0.25]), mpmath.sqrt(2))
    assert certify_exact("lipschitz", arch, [0.0, 0.0], x=x, w2=[0.0, 0.25]) == 2
    assert grad_inf_bound_ratio(arch, [0.0, 0.0], np.array([1.0])) == 1.0   # R = 1: holds


def test_skip_connection_breaks_gradient_step_and_first_claim_without_bias():
    # D = 2, d = 1, widths (1, 1), skip, no bias: W_1 = [u], W_2 = [a, b] on [x; h_1] -> p = 3.
    # w1 = 0, w2 = (0, 1/8, 0), x = 1: f_w2 = x/8, B(w2) = ||W_2|| = 1/8;
    # ratio = (1/8) / ((1/8) * sqrt(3) * (1/8)) = 8 / sqrt(3).
    arch = plain_architecture(1, (1, 1), skip=True)
    w1, w2 = np.zeros(3), np.array([0, 0.125, 0])
    assert close(ratio_mp("lipschitz", arch, w1, x=X1, w2=w2), 8 / mpmath.sqrt(3))
    assert Fraction(64, 3) * (1 - Fraction(1, 10 ** 9)) < certify_exact("lipschitz", arch, w1, x=X1, w2=w2) <= Fraction(64, 3)
    # gradient step at w2: dg/da = x = 1 versus B(w2) Q R = 1/8.
    assert close(ratio_mp("grad_inf", arch, w2, x=X1), 8)


def test_skip_connection_breaks_B_as_lipschitz_bound_in_x():
    # f = (a + b u) x with identity activation; u = 1, (a, b) = (3/5, 4/5): ||W_1|| = ||W_2|| = 1,
    # so B = 1, while f is 7/5-Lipschitz.  Section 3: "B(w) is an upper bound on the Lipschitz constant".
    arch = plain_architecture(1, (1, 1), skip=True, activation="identity")
    w = [Fraction(1), Fraction(3, 5), Fraction(4, 5)]
    assert arch.forward_exact(w, [Fraction(1)]) == Fraction(7, 5)
    assert close(ratio_mp("lipschitz_x", arch, w, x=X1), Fraction(7, 5).numerator / mpmath.mpf(5))
    assert Fraction(49, 25) * (1 - Fraction(1, 10 ** 9)) < certify_exact("lipschitz_x", arch, w, x=X1) <= Fraction(49, 25)


def test_softplus_breaks_gradient_step_without_bias_or_skip():
    # Plain D = 2 network f = v softplus(u x): softplus(0) = log 2 != 0 acts like a bias.
    # w1 = 0, w2 = (0, 1/8), x = 1: ratio = (log 2 / 8) / ((1/8) sqrt(2) (1/8)) = 4 sqrt(2) log 2.
    arch = plain_architecture(1, (1, 1), activation="softplus")
    w1, w2 = np.zeros(2), np.array([0, 0.125])
    with mpmath.workdps(50):
        expected = 4 * mpmath.sqrt(2) * mpmath.log(2)
        assert close(ratio_mp("lipschitz", arch, w1, x=X1, w2=w2), expected)
        assert close(ratio_mp("grad_inf", arch, w2, x=X1), 8 * mpmath.log(2))
    assert lipschitz_ratio(arch, w1, w2, X1) == pytest.approx(float(expected), rel=1e-13)


def test_B_is_not_convex():
    # D = 2 scalar chain: B(u, v) = max(|uv|, |u|, |v|); B(2, 8) = B(8, 2) = 16 but B(5, 5) = 25.
    arch = plain_architecture(1, (1, 1), activation="identity")
    w1, w2 = np.array([2.0, 8.0]), np.array([8.0, 2.0])
    assert max_B_on_segment(arch, w1, w2, samples=3) == (25.0, 0.5)
    assert convexity_ratio(arch, w1, w2, samples=3) == 25 / 16
    assert close(ratio_mp("convexity", arch, w1, w2=w2, t=0.5), Fraction(25, 16).numerator / mpmath.mpf(16))
    assert certify_exact("convexity", arch, w1, w2=w2, t=0.5) > Fraction(625, 256) * (1 - Fraction(1, 10 ** 9))


@pytest.mark.parametrize("skip,bias,acts", [(False, True, ("relu", "identity")),
                                            (True, False, ("relu", "abs", "clip"))])
def test_search_finds_violations_and_they_recheck(skip, bias, acts):
    rng = np.random.default_rng(2024)
    arch = random_architecture(rng, 3, 2, 2, skip=skip, bias=bias, share=2, activations=acts)
    for check in ("lipschitz", "grad_inf"):
        res = adversarial_search(arch, rng, steps=400, check=check, restarts=4)
        assert res.ratio > 2, (check, res.ratio)
        mp = res.recheck_mp(dps=50)
        assert abs(mp - res.ratio) <= 1e-9 * res.ratio
        cert = res.certify_exact()
        assert cert is not None and cert > 1


def test_search_finds_nonconvexity_of_B_in_plain_networks():
    rng = np.random.default_rng(12)
    arch = random_architecture(rng, 3, 2, 1, skip=False, bias=False, activations=("relu",))
    res = adversarial_search(arch, rng, steps=600, check="convexity", restarts=3)
    assert res.ratio > 1.01 and res.t is not None and 0 < res.t < 1
    assert res.certify_exact() > 1
