"""The fixed head of every exported Coq file: imports, helper lemmas (proved in the file itself,
so that each file is self-contained) and the tactics the generated proof scripts call.

Nothing here is trusted: coqc checks every lemma, and :mod:`symbolic.coq.runner` rejects a file
whose theorem depends on an axiom outside Coq's standard library (an ``Admitted`` lemma counts).
"""
from __future__ import annotations

__all__ = ["prelude"]

_IMPORTS = "From Coq Require Import Reals Lra Psatz.\nFrom Coq Require Classical_Prop.\n"
_INTERVAL = "From Interval Require Import Tactic.\n"

_LEMMAS = r"""Open Scope R_scope.

Lemma la_exp_le : forall x y, x <= y -> exp x <= exp y.
Proof. intros x y [H|H]; [apply Rlt_le, exp_increasing; exact H | rewrite H; apply Rle_refl]. Qed.

Lemma la_ln_le : forall x y, 0 < x -> x <= y -> ln x <= ln y.
Proof. intros x y Hx [H|H]; [apply Rlt_le, ln_increasing; auto | rewrite H; apply Rle_refl]. Qed.

Lemma la_ln_upper : forall x, 0 < x -> ln x <= x - 1.
Proof. intros x Hx. pose proof (exp_ineq1_le (ln x)) as H. rewrite exp_ln in H by exact Hx. lra. Qed.

Lemma la_ln_lower : forall x, 0 < x -> ln x * x >= x - 1.
Proof.
  intros x Hx. pose proof (la_ln_upper (/ x) (Rinv_0_lt_compat x Hx)) as H.
  rewrite ln_Rinv in H by exact Hx.
  pose proof (Rmult_le_compat_l x (- ln x) (/ x - 1) (Rlt_le _ _ Hx) H) as H2.
  rewrite Rmult_minus_distr_l, Rinv_r in H2 by lra. lra.
Qed.

Lemma la_ln_nonneg : forall x, 1 <= x -> 0 <= ln x.
Proof. intros x H. rewrite <- ln_1. apply la_ln_le; lra. Qed.

Lemma la_ln_pos : forall x, 1 < x -> 0 < ln x.
Proof. intros x H. rewrite <- ln_1. apply ln_increasing; lra. Qed.

Lemma la_ln_nonpos : forall x, 0 < x -> x <= 1 -> ln x <= 0.
Proof. intros x Hx H. rewrite <- ln_1. apply la_ln_le; assumption. Qed.

Lemma la_ln_sqrt : forall x, 0 < x -> ln (sqrt x) = ln x / 2.
Proof.
  intros x Hx. assert (0 < sqrt x) by (apply sqrt_lt_R0; exact Hx).
  rewrite <- (sqrt_sqrt x) at 2 by lra. rewrite ln_mult by assumption. field.
Qed.

Lemma la_sq_bound : forall x y, 0 <= y -> x ^ 2 <= y ^ 2 -> - y <= x <= y.
Proof. intros x y Hy H. split; nra. Qed.

Lemma la_sq_mono : forall x y, 0 <= y -> - y <= x <= y -> x ^ 2 <= y ^ 2.
Proof. intros x y Hy [H1 H2]. nra. Qed.

Lemma la_sqrt_ge1 : forall x, 1 <= x -> 1 <= sqrt x.
Proof. intros x H. rewrite <- sqrt_1. apply sqrt_le_1_alt. exact H. Qed.

Lemma la_sqrt_sq : forall x, 0 <= x -> sqrt x ^ 2 = x.
Proof. intros x Hx. simpl. rewrite Rmult_1_r. apply sqrt_sqrt. exact Hx. Qed.

Lemma la_inv_pos : forall x, 0 < x -> 0 < / x.
Proof. exact Rinv_0_lt_compat. Qed.

Lemma la_sq_eq : forall x y, 0 <= x -> 0 <= y -> x ^ 2 = y ^ 2 -> x = y.
Proof. intros x y Hx Hy H. nra. Qed.

Lemma la_le_by_sq : forall x y, 0 <= y -> x ^ 2 <= y ^ 2 -> x <= y.
Proof. intros x y Hy H. nra. Qed.

Lemma la_ge_by_sq : forall x y, 0 <= x -> y ^ 2 <= x ^ 2 -> x >= y.
Proof. intros x y Hx H. nra. Qed.

Lemma la_sqrt_le_of : forall X M, 0 <= M -> X <= M ^ 2 -> sqrt X <= M.
Proof. intros X M HM HX. rewrite <- (sqrt_pow2 M HM). apply sqrt_le_1_alt. exact HX. Qed.

Lemma la_sqrt_ge_of : forall X M, M ^ 2 <= X -> M <= sqrt X.
Proof.
  intros X M HX. destruct (Rle_or_lt M 0) as [H|H].
  - pose proof (sqrt_pos X). lra.
  - rewrite <- (sqrt_pow2 M (Rlt_le _ _ H)). apply sqrt_le_1_alt. exact HX.
Qed.

Lemma la_ge1_mult : forall a b, 1 <= a -> 1 <= b -> 1 <= a * b.
Proof. intros a b Ha Hb. nra. Qed.

Lemma la_clear_ge : forall M P L R, 0 < M -> M * (L - R) = P -> 0 <= P -> L >= R.
Proof. intros M P L R HM E HP. subst P. nra. Qed.

Lemma la_clear_gt : forall M P L R, 0 < M -> M * (L - R) = P -> 0 < P -> L > R.
Proof. intros M P L R HM E HP. subst P. nra. Qed.

Lemma la_clear_le : forall M P L R, 0 < M -> M * (R - L) = P -> 0 <= P -> L <= R.
Proof. intros M P L R HM E HP. subst P. nra. Qed.

Lemma la_clear_lt : forall M P L R, 0 < M -> M * (R - L) = P -> 0 < P -> L < R.
Proof. intros M P L R HM E HP. subst P. nra. Qed.

Lemma la_abs_cases : forall u, (u < 0 /\ Rabs u = - u) \/ (0 <= u /\ Rabs u = u).
Proof.
  intros u. destruct (Rcase_abs u) as [H|H].
  - left. split; [exact H | apply Rabs_left; exact H].
  - right. split; [lra | apply Rabs_right; exact H].
Qed.

Lemma la_max_cases : forall a b, (a <= b /\ Rmax a b = b) \/ (b <= a /\ Rmax a b = a).
Proof.
  intros a b. destruct (Rle_dec a b) as [H|H].
  - left. split; [exact H | apply Rmax_right; exact H].
  - right. assert (b <= a) as K by lra. split; [exact K | apply Rmax_left; exact K].
Qed.

Lemma la_min_cases : forall a b, (a <= b /\ Rmin a b = a) \/ (b <= a /\ Rmin a b = b).
Proof.
  intros a b. destruct (Rle_dec a b) as [H|H].
  - left. split; [exact H | apply Rmin_left; exact H].
  - right. assert (b <= a) as K by lra. split; [exact K | apply Rmin_right; exact K].
Qed.

Ltac la_prep := repeat match goal with
  | H : _ /\ _ |- _ => destruct H
  | H : _ \/ _ |- _ => destruct H
  end.

Ltac la_case f := let C := fresh "C" in let E := fresh "E" in
  destruct f as [[C E] | [C E]]; rewrite E in *; clear E; try (exfalso; lra).

Ltac la_cases := repeat match goal with
  | |- context[Rabs ?u] => la_case (la_abs_cases u)
  | _ : context[Rabs ?u] |- _ => la_case (la_abs_cases u)
  | |- context[Rmax ?a ?b] => la_case (la_max_cases a b)
  | _ : context[Rmax ?a ?b] |- _ => la_case (la_max_cases a b)
  | |- context[Rmin ?a ?b] => la_case (la_min_cases a b)
  | _ : context[Rmin ?a ?b] |- _ => la_case (la_min_cases a b)
  end.

Ltac la_pos_by last := first [ assumption | lra | apply exp_pos | (apply sqrt_lt_R0; la_pos_by last)
                     | (apply Rinv_0_lt_compat; la_pos_by last) | (apply Rmult_lt_0_compat; la_pos_by last)
                     | (apply pow_lt; la_pos_by last) | last ].

Ltac la_pos := la_pos_by ltac:(nra).
Ltac la_pos_lin := la_pos_by ltac:(fail).

Ltac la_ln_split := repeat match goal with
  | |- context[ln (exp ?a)] => rewrite (ln_exp a)
  | H : context[ln (exp ?a)] |- _ => rewrite (ln_exp a) in H
  | |- context[ln (?a * ?b)] => rewrite (ln_mult a b) by la_pos
  | H : context[ln (?a * ?b)] |- _ => rewrite (ln_mult a b) in H by la_pos
  | |- context[ln (/ ?a)] => rewrite (ln_Rinv a) by la_pos
  | H : context[ln (/ ?a)] |- _ => rewrite (ln_Rinv a) in H by la_pos
  | |- context[ln (?a ^ ?k)] => rewrite (ln_pow a) by la_pos
  | H : context[ln (?a ^ ?k)] |- _ => rewrite (ln_pow a) in H by la_pos
  | |- context[ln (sqrt ?a)] => rewrite (la_ln_sqrt a) by la_pos
  | H : context[ln (sqrt ?a)] |- _ => rewrite (la_ln_sqrt a) in H by la_pos
  | |- context[INR (S ?k)] => rewrite S_INR
  | H : context[INR (S ?k)] |- _ => rewrite S_INR in H
  | |- context[INR O] => change (INR O) with 0
  | H : context[INR O] |- _ => change (INR O) with 0 in H
  end.

Ltac la_tidy := try rewrite exp_0 in *; try rewrite ln_1 in *; try rewrite sqrt_1 in *;
  try rewrite sqrt_0 in *.

Ltac la_nonneg_by pos := match goal with
  | |- 0 <= ?a * ?b => apply Rmult_le_pos; la_nonneg_by pos
  | |- 0 <= ?a ^ 2 => apply pow2_ge_0
  | |- 0 <= ?a ^ ?n => apply pow_le; la_nonneg_by pos
  | |- 0 <= / ?a => apply Rlt_le, Rinv_0_lt_compat; pos
  | |- 0 <= exp ?a => apply Rlt_le, exp_pos
  | |- 0 <= sqrt ?a => apply sqrt_pos
  | |- _ => pos
  end.

(* la_nonneg_lin: the same without nra, for optional facts (a failing nra search costs seconds). *)
Ltac la_nonneg := la_nonneg_by ltac:(la_pos).
Ltac la_nonneg_lin := la_nonneg_by ltac:(la_pos_lin).

Ltac la_sq_bounds := repeat match goal with
  | H : ?x ^ 2 <= ?y ^ 2 |- _ =>
      lazymatch goal with
      | _ : - y <= x <= y |- _ => fail
      | _ => let B := fresh "B" in pose proof (la_sq_bound x y ltac:(la_nonneg) H) as B
      end
  end.

(* a conjunction proved conjunct by conjunct, each proved one a hypothesis of the next *)
Ltac la_conj t := repeat match goal with
  | |- ?A /\ ?B => let K := fresh "K" in assert A as K by t; split; [exact K | ]
  end; t.

Ltac la_nz := first [ assumption | (apply Rgt_not_eq; unfold Rgt; la_pos) | (apply Rlt_not_eq; lra) ].

Ltac la_ge1 := first [ assumption | lra | (apply la_sqrt_ge1; first [ assumption | lra ]) ].

Ltac la_prod_le := first [ assumption | lra
  | (apply Rmult_le_compat; [ la_nonneg | la_nonneg | la_prod_le | la_prod_le ]) ].

Ltac la_ln_eq := apply ln_inv; [ la_pos | la_pos | la_ln_split; field; repeat split; la_nz ].

Ltac la_field_le := first [ lra | (apply Req_le; field; repeat split; la_nz) | nra ].

Ltac la_subst := repeat match goal with
  | H : ?x = ?e |- _ => is_var x; lazymatch e with context[x] => fail | _ => rewrite H in *; clear H end
  | H : ?e = ?x |- _ => is_var x; lazymatch e with context[x] => fail | _ => rewrite <- H in *; clear H end
  | H : ?x ^ ?k = ?e |- context[?x ^ ?k] => is_var x;
      lazymatch e with context[x] => fail | _ => rewrite H in *; clear H end
  end.

Ltac la_close := first [ lra
  | (match goal with
     | |- 0 < _ => la_pos
     | |- _ > 0 => unfold Rgt; la_pos
     | |- _ <> 0 => first [ (apply Rgt_not_eq; unfold Rgt; la_pos) | (apply Rlt_not_eq; lra) ]
     | |- @eq R _ _ => solve [ field; repeat split; la_nz ]
     end)
  | nra | (intro; nra) | (field; repeat split; nra)
  | (apply f_equal; field; repeat split; la_nz)
  | (apply la_exp_le; la_field_le)
  | (eapply Rle_trans; [eassumption | apply la_exp_le; la_field_le]) ].

Ltac la_solve := match goal with
  | |- _ /\ _ => split; la_solve
  | |- ?A \/ ?B => destruct (Classical_Prop.classic A); [left; assumption | right; la_solve]
  | |- _ => la_close
  end.

Ltac la_side := first [ assumption | lra | (apply Rgt_not_eq; unfold Rgt; la_pos) | la_pos
                     | (apply Rlt_le; la_pos) | nra ].

(* an inequality x <= y, y a non-negative product with square roots: squared, sqrt u ^ 2 = u *)
Ltac la_sq_le := first [ apply la_le_by_sq | apply la_ge_by_sq ]; [ la_nonneg |
  rewrite ?Rpow_mult_distr, ?pow_inv; rewrite ?la_sqrt_sq by la_side; first [ nra | psatz R 2 ] ].

(* an equation between non-negative products of square roots: squared, sqrt u ^ 2 = u, field *)
Ltac la_sq_field := apply la_sq_eq; [ la_nonneg | la_nonneg |
  rewrite ?Rpow_mult_distr, ?pow_inv; rewrite ?la_sqrt_sq by la_side; field; repeat split; la_side ].
"""


def prelude(interval: bool) -> str:
    """The head of a file (imports, lemmas, tactics); ``interval`` also loads the Interval library."""
    return _IMPORTS + (_INTERVAL if interval else "") + _LEMMAS
