"""Models the paper's proofs are checked against: Section 3's network class
(:mod:`.networks`), the probability model of Theorem 2's Monte Carlo cross-checks
(:mod:`.theorem_2_model`), and the paper's sub-Gaussian tools, Definition 1.1 and Proposition 1.2
(:mod:`.subgaussian`)."""
