"""Every statement, definition and displayed formula of the paper is quoted by a verbatim step.

The items are read off the paper's text: statements are the lines that open with ``Theorem N``,
``Lemma N.N``, ``Proposition N.N``, ``Definition N.N`` or ``Remark N.N`` followed by ``.`` or a
parenthesis (``Theorem 1 (Informal version of Theorem 3).``); displays are the ``$$ ... $$`` lines,
consecutive ones (blank lines between) read as one display, numbered by a ``\\tag{N.N}`` inside or a
``(N.N)`` line right after.  ``COVERAGE`` below is the reviewed table: each row names the item, the
verbatim steps that cover it and an identifying substring of the item (whitespace folded).  A step
covers its row when it exists, is ``kind="verbatim"`` and either carries the display's number as its
``label`` or quotes the identifying substring.  ``INLINE`` rows are checkable claims made in running
text (no display), listed because an issue asked for them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from derivations import all_results
from tests.conftest import PAPER



@dataclass(frozen=True)
class Row:
    item: str          # "Theorem 2", "(2.3)", or "display: <what it is>"
    steps: tuple       # step ids covering it
    ident: str | tuple  # substring(s) of the item (whitespace folded); a covering quote contains one of them

    @property
    def idents(self) -> tuple:
        return (self.ident,) if isinstance(self.ident, str) else self.ident


def fold(text: str) -> str:
    return " ".join(text.split())


# -- the reviewed table -----------------------------------------------------------------------------
STATEMENTS = [
    Row("Theorem 1", ("theorem-1/informal-statement",),
        r"Then, with high probability over the sampling of the data, one has simultaneously for all"),
    Row("Definition 1.1", ("definition-1.1/tail-bound",),
        r"Definition 1.1. A probability measure μ on \mathbb{R}^d satisfies c-isoperimetry"),
    Row("Proposition 1.2", ("proposition-1.2/statement",),
        r"If X_1, \ldots, X_n are independent, C-subgaussian, with mean 0"),
    Row("Theorem 2", ("theorem-2/statement",),
        r"\le 4k \exp\left(-\frac{n\epsilon^2}{8^3 k}\right) + 2 \exp\left(\log(|\mathcal{F}|)"),
    Row("Lemma 2.1", ("lemma-2.1/statement",), r"Lemma 2.1. One has"),
    Row("Theorem 3", ("theorem-3/lipschitz-parametrisation", "theorem-3/final-statement"),
        (r"1. The function class can be written as",
         r"Then, with probability at least $1 - \delta$ with respect to the sampling of the data")),
    Row("Lemma 3.1", ("lemma-3.1/first-claim", "lemma-3.1/second-claim"),
        (r"Let $x \in \mathbb{R}^d$ such that $||x|| \leq R$", r"B(\boldsymbol{w}) \leq (W\sqrt{pQ})^D")),
    Row("Theorem 4", ("theorem-4/display-4-1", "theorem-4/phi-lipschitz", "theorem-4/parametrisation-lipschitz"),
        (r"The function Φ_a defined by",
         r"is always $O(d^{3/2})$ -Lipschitz, and the parametrization $a \to \Phi_a$ is 1-Lipschitz.")),
    Row("Remark 4.1", ("theorem-4/remark-4-1",), r"is a three-layer neural network because"),
    Row("Remark 4.2", ("theorem-4/coupon-whp",), r"The construction above can be made more efficient"),
]

NUMBERED = [
    Row("(1.1)", ("definition-1.1/tail-bound",), r"2e^{-\frac{dt^2}{2cL^2}}"),
    Row("(2.1)", ("lemma-2.1/hoeffding-noise",), r"\frac{1}{n}\sum_{i=1}^{n}z_{i}^{2} \leq \sigma^{2}"),
    Row("(2.2)", ("lemma-2.1/hoeffding-cross",), r"\frac{1}{n}\sum_{i=1}^{n}z_{i}g(x_{i}) \leq"),
    Row("(2.3)", ("theorem-2/display-2-3",), r"(f(x_i) - \mathbb{E}[f])z_i \ge \frac{\epsilon}{6}"),
    Row("(2.4)", ("theorem-2/display-2-4",), r"\frac{1}{n} \sum_{i=1}^{n} \mathbb{E}[f] z_i \ge"),
    Row("(2.5)", ("theorem-2/display-2-5",), r"(f(x_i) - \mathbb{E}^{\mu_{\ell_i}}[f])z_i"),
    Row("(3.1)", ("section-3/display-3-1",), r"\sqrt{\frac{nd}{Dp}}"),
    Row("(3.2)", ("section-3/display-3-2",), r"\sqrt{\frac{nd}{p\log(\overline{B})}}"),
    Row("(4.1)", ("theorem-4/display-4-1",), r"\sum_{i=1}^{2^d} \sigma\left(b_\ell"),
    Row("(4.2)", ("theorem-4/ka-representation",), r"\sigma_{\ell} \left(\sum_{j=1}^{d} \sigma_{\ell}(x_j) \right)"),
    Row("(4.3)", ("theorem-4/display-4-3",), r"\sigma(a-\ell)\Phi_{\ell}(x)"),
]

DISPLAYS = [   # the unnumbered displays, in the paper's order
    Row("display: Theorem 1's law", ("theorem-1/informal-statement",), r"\widetilde{\Omega}\left(\sqrt{\frac{nd}{p}}"),
    Row("display: C-subgaussian", ("definition-1.1/subgaussian-rescaling",), r"\mathbb{P}[|X| \ge t] \le 2e^{-t^2/C}"),
    Row("display: Section 2's union bound", ("section-2/union-identity",), r"N \exp\left(-\frac{nd}{L^2}\right)"),
    Row("display: Theorem 2's bound", ("theorem-2/statement",),
        r"\exp\left(\log(|\mathcal{F}|) - \frac{\epsilon^2 nd}{8^4 c L^2}\right)"),
    Row("display: Lemma 2.1's bound", ("lemma-2.1/statement",),
        r"\le 2 \exp\left(-\frac{n\epsilon^2}{8^3}\right) + \mathbb{P}\left(\exists f \in \mathcal{F} : \frac{1}{n} "
        r"\sum_{i=1}^{n} f(x_i) z_i \ge \frac{\epsilon}{3}\right)"),
    Row("display: Lemma 2.1's claim", ("lemma-2.1/claim",),
        r"\|G + Z - F\|^2 \le \sigma^2 - \epsilon \Rightarrow \langle F, Z \rangle \ge \frac{\epsilon}{3}"),
    Row("display: Lemma 2.1's chain", ("lemma-2.1/expansion", "lemma-2.1/chain-lower-bound"),
        r"\|Z\|^2 + 2\langle Z, G - F \rangle + \|G - F\|^2"),
    Row("display: Proposition 1.2 applied", ("theorem-2/proposition-1-2",), r"\le 2\exp\left(-(t/9)^2\right)"),
    Row("display: union bound, k = 1", ("theorem-2/union-bound-k1",),
        r"\le |\mathcal{F}| \cdot \mathbb{P}\left(\frac{1}{n} \sum_{i=1}^{n} (f(x_i) - \mathbb{E}[f]) z_i"),
    Row("display: the max identity", ("theorem-2/max-identity",), r"\max_{m_1, \dots, m_k \in [-1, 1]}"),
    Row("display: (2.4) for mixtures", ("theorem-2/rewrite-2-4-mixture",),
        r"\mathbb{E}^{\mu_{\ell_i}}[f] z_i \ge \frac{\epsilon}{6}\right) \le"),
    Row("display: the split over components", ("theorem-2/threshold-inclusion", "theorem-2/split-components"),
        r"\frac{\epsilon}{6}\sqrt{\frac{n}{k}}\sum_{\ell=1}^{k}\sqrt{|S_{\ell}|}"),
    Row("display: Theorem 3's assumption 1", ("theorem-3/lipschitz-parametrisation",),
        r"||f_{\boldsymbol{w}_1} - f_{\boldsymbol{w}_2}||_{\infty} \le J||\boldsymbol{w}_1 - \boldsymbol{w}_2||"),
    Row("display: Theorem 3's law", ("theorem-3/final-statement",), r"\frac{\epsilon}{2^9 \sqrt{c}} \sqrt{\frac{nd}"),
    Row("display: Theorem 2 on the net", ("theorem-3/theorem-2-first-term", "theorem-3/theorem-2-second-term",
                                          "theorem-3/lip-2l"),
        r"\mathcal{F}_{L,\epsilon} : \frac{1}{n} \sum_{i=1}^{n} (y_i - f(x_i))^2 \le \sigma^2 - \frac{\epsilon}{2}"),
    Row("display: Theorem 3's transfer", ("theorem-3/event-transfer",),
        r"\le \sigma^2 - \epsilon \text{ and } \operatorname{Lip}(f) \le L\right)$$ $$\le 4k \exp\left(-\frac{n\epsilon^2}"
        r"{8^4 k}\right)"),
    Row("display: B(w)", ("lemma-3.1/b-definition",), r"B(\mathbf{w}) = \max_{i \in \{0,1,\dots,D\}}"),
    Row("display: Lemma 3.1, first claim", ("lemma-3.1/first-claim",), r"\overline{B}QR\sqrt{p}||\boldsymbol{w}_1"),
    Row("display: Lemma 3.1, second claim", ("lemma-3.1/second-claim",), r"B(\boldsymbol{w}) \leq (W\sqrt{pQ})^D"),
    Row("display: U", ("theorem-4/u-bound",), r"U = 2^{2^d} + d \cdot \max"),
    Row("display: sigma near b_l", ("theorem-4/sigma-windows",), r"\sigma(x+b_{\ell}) = \sigma_{\ell}(x)."),
    Row("display: Phi_l with one sigma", ("theorem-4/sigma-windows",),
        r"\sigma \left(b_{\ell} + \sum_{j=1}^{d} \sigma(x_j + b_{\ell}) \right)"),
]

INLINE = [
    Row("inline: the Poincaré variant (Section 1.2)", ("theorem-1/poincare-variant",),
        r"$\operatorname{Lip} \gtrsim \frac{n\sqrt{d}}{p}$"),
]

COVERAGE = STATEMENTS + NUMBERED + DISPLAYS + INLINE
HOW_TO_ADD = ("add a kind='verbatim' Step to the result's module (derivations/*.py) whose quote contains the "
              "item's text verbatim (or whose label is the display number), then list it in COVERAGE")


# -- reading the paper ------------------------------------------------------------------------------
STATEMENT_HEAD = re.compile(r"^(Theorem \d+|(?:Lemma|Proposition|Definition|Remark) \d+\.\d+)(?: \([^)]*\))?\.")
STATEMENT_END = re.compile(r"^(Proof|References$|\d+(\.\d+)? [A-Z])")
NUMBER_LINE = re.compile(r"^\((\d+\.\d+)\)$")
TAG = re.compile(r"\\tag\{(\d+\.\d+)\}")


@pytest.fixture(scope="module")
def lines():
    if not PAPER.exists():
        pytest.skip(f"the paper text is not at {PAPER}")
    return PAPER.read_text(encoding="utf-8").splitlines()


def statements(lines) -> dict:
    """Name -> folded text, from the heading line to the next heading, proof or section title."""
    heads = [(i, STATEMENT_HEAD.match(l.strip()).group(1)) for i, l in enumerate(lines)
             if STATEMENT_HEAD.match(l.strip())]
    found = {}
    for i, name in heads:
        j = i + 1
        while j < len(lines) and not (STATEMENT_HEAD.match(lines[j].strip()) or STATEMENT_END.match(lines[j].strip())):
            j += 1
        found[name] = fold("\n".join(lines[i:j]))
    return found


def displays(lines) -> list[tuple[str | None, str]]:
    """(number or None, folded text) of each display; $$-lines separated only by blank lines are one display."""
    found, current, last = [], None, -2
    for i, raw in enumerate(lines):
        line = raw.strip()
        if line.startswith("$$") and line.endswith("$$") and len(line) >= 4:
            if current is not None and all(not l.strip() for l in lines[last + 1:i]):
                current[1].append(line)
            else:
                current = [None, [line]]
                found.append(current)
            last = i
        elif NUMBER_LINE.match(line) and current is not None and last == i - 1:
            current[0] = NUMBER_LINE.match(line).group(1)
        elif line:
            current = None
    out = []
    for number, parts in found:
        text = fold(" ".join(parts))
        tag = TAG.search(text)
        out.append(((tag.group(1) if tag else number), text))
    return out


def rows_matching(text: str, rows) -> list[Row]:
    return [r for r in rows if all(fold(i) in text for i in r.idents)]


@pytest.fixture(scope="module")
def steps():
    return {f"{r.id}/{s.slug}": s for r in all_results() for s in r.steps}


# -- the paper's items are all in the table -------------------------------------------------------------
def test_every_statement_is_in_the_table(lines):
    names = {r.item for r in STATEMENTS}
    missing = sorted(set(statements(lines)) - names)
    assert not missing, f"statements of the paper missing from COVERAGE: {missing}; {HOW_TO_ADD}"
    stale = sorted(names - set(statements(lines)))
    assert not stale, f"COVERAGE lists statements the paper does not have: {stale}"


def test_every_numbered_display_is_in_the_table(lines):
    found = {f"({n})" for n, _ in displays(lines) if n}
    numbers = set(TAG.findall("\n".join(lines))) | {NUMBER_LINE.match(l.strip()).group(1) for l in lines
                                                     if NUMBER_LINE.match(l.strip())}
    assert found == {f"({n})" for n in numbers}, f"numbers not attached to a display: {numbers}, {found}"
    names = {r.item for r in NUMBERED}
    assert not sorted(found - names), f"numbered displays missing from COVERAGE: {sorted(found - names)}; {HOW_TO_ADD}"
    assert not sorted(names - found), f"COVERAGE lists displays the paper does not number: {sorted(names - found)}"


def test_every_unnumbered_display_is_in_the_table(lines):
    for number, text in displays(lines):
        if number:
            continue
        rows = rows_matching(text, DISPLAYS)
        assert rows, f"display missing from COVERAGE: {text[:120]!r}; {HOW_TO_ADD}"
        assert len(rows) == 1, f"display {text[:80]!r} matches several rows: {[r.item for r in rows]}"


def test_every_row_identifies_one_item(lines):
    text_of = statements(lines)
    numbered = {f"({n})": t for n, t in displays(lines) if n}
    plain = [t for n, t in displays(lines) if not n]
    paper = fold("\n".join(lines))
    for r in STATEMENTS:
        for i in r.idents:
            assert fold(i) in text_of.get(r.item, ""), f"{r.item}: {i!r} is not in its statement"
    for r in NUMBERED:
        for i in r.idents:
            assert fold(i) in numbered.get(r.item, ""), f"{r.item}: {i!r} is not in the display"
    for r in DISPLAYS:
        hits = [t for t in plain if r in rows_matching(t, [r])]
        assert len(hits) == 1, f"{r.item}: {r.idents!r} is in {len(hits)} unnumbered displays, not one"
    for r in INLINE:
        for i in r.idents:
            assert paper.count(fold(i)) == 1, f"{r.item}: {i!r} is not in the paper exactly once"


# -- every row is covered by real verbatim steps ------------------------------------------------------
@pytest.mark.parametrize("row", COVERAGE, ids=[r.item for r in COVERAGE])
def test_row_is_covered_by_verbatim_steps(row, steps):
    for sid in row.steps:
        assert sid in steps, f"{row.item}: step {sid} does not exist; {HOW_TO_ADD}"
        s = steps[sid]
        assert s.kind == "verbatim", f"{row.item}: step {sid} is {s.kind}, not verbatim; {HOW_TO_ADD}"
        labelled = row.item.startswith("(") and s.label == row.item
        assert labelled or any(fold(i) in fold(s.quote) for i in row.idents), \
            f"{row.item}: step {sid} neither has label {row.item} nor quotes any of {row.idents!r}; {HOW_TO_ADD}"


def test_covering_quotes_are_the_papers_text(steps, lines):
    paper = fold("\n".join(lines))
    for sid in {sid for r in COVERAGE for sid in r.steps if sid in steps}:
        for piece in re.split(r"\.\.\.|…", fold(steps[sid].quote)):
            piece = piece.strip().strip("$").strip()
            assert piece in paper, f"{sid}: {piece[:60]!r} is not in the paper"


def test_table_has_no_duplicate_items():
    items = [r.item for r in COVERAGE]
    assert len(items) == len(set(items)), "COVERAGE lists an item twice"
