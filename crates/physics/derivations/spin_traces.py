"""Derivation aid for the exact-tree-level matrix elements of l N -> l N X (docs/models.md).

Evaluates the spin-summed Dirac traces of the two bremsstrahlung diagrams with the standard
trace theorem Tr[a1 ... an] = sum_k (-1)^k (a1.ak) Tr[a2 .. ^ak .. an], Tr[1] = 4, for the four
X couplings, with the nuclear current J = 2P (the (P+P')-P'-part q drops by the photon Ward
identity), and rewrites the dot products in the ETL variables of crates/physics/src/dark_brem/etl.rs:
t, s~ = (p'+k)^2 - m^2, u~ = (p-k)^2 - m^2, E = P.p/M, E' = P.p'/M, masses m (lepton), mu (X),
M (nucleus). Gamma-5 is removed by hand before tracing (docs/models.md, "Reduction"):
  scalar       O = (l1+m) J / s~ + J (l2+m) / u~,                   trace with (p'+m) O (p+m) Obar
  pseudoscalar O as scalar with i g5 vertex -> Tr[(p'+m) N (p-m) Nbar], N = k J / s~ - J k / u~
  vector       O^nu = g^nu (l1+m) J / s~ + J (l2+m) g^nu / u~,     -g_{nu nu'} Tr[(p'+m) O (p+m) Obar]
  axial        Q^nu = g^nu (l1-m) J / s~ + J (l2+m) g^nu / u~,     -g Tr[(p'+m) Q (p-m) Qbar]
               plus the longitudinal part (4 m^2/mu^2) x (pseudoscalar).
The Rust code (crates/physics/src/dark_brem/spin.rs) implements the printed coefficients, and its
unit tests check them against explicit 4x4 Dirac matrices with the gamma-5 vertices and the full
massive polarisation sum (no reduction), independently of this script.

Run: python3 crates/physics/derivations/spin_traces.py   (needs sympy)
"""

from functools import lru_cache

import sympy as sp

m, mu, M, t, st, ut, E, Ep = sp.symbols("m mu M t st ut E Ep")
_D = {}


def dot(a, b):
    a, b = sorted((a, b))
    key = (a, b)
    if key not in _D:
        _D[key] = sp.Symbol(f"D_{a}_{b}")
    return _D[key]


@lru_cache(maxsize=None)
def tr(vs):
    """Trace of a product of slashed vectors (tuple of names) divided by nothing: Tr[1] = 4."""
    n = len(vs)
    if n == 0:
        return sp.Integer(4)
    if n % 2:
        return sp.Integer(0)
    out = sp.Integer(0)
    a = vs[0]
    for k in range(1, n):
        sign = 1 if k % 2 == 1 else -1
        rest = vs[1:k] + vs[k + 1 :]
        out += sign * dot(a, vs[k]) * tr(rest)
    return sp.expand(out)


# A Dirac string is a list of (coefficient, tuple-of-vector-names).
def sl(v):
    return [(sp.Integer(1), (v,))]


def sc(c):
    return [(c, ())]


def add(*xs):
    out = []
    for x in xs:
        out.extend(x)
    return out


def mul(*xs):
    out = [(sp.Integer(1), ())]
    for x in xs:
        out = [(c1 * c2, v1 + v2) for (c1, v1) in out for (c2, v2) in x]
    return out


def scale(x, c):
    return [(c * a, v) for (a, v) in x]


def bar(x):
    """Dirac conjugate of a string of real-coefficient slashes: reverse the order."""
    return [(c, tuple(reversed(v))) for (c, v) in x]


def trace(x):
    return sp.expand(sum(c * tr(v) for (c, v) in x))


def contract_nu(expr, idx="nu"):
    """Contract an index appearing twice in every term: (nu.a)(nu.b) -> a.b, nu.nu -> 4."""
    nus = [s for (a, b), s in _D.items() if idx in (a, b)]
    if not nus:
        return expr
    poly = sp.Poly(expr, *nus)
    out = sp.Integer(0)
    for monom, coef in poly.terms():
        factors = []
        for s, power in zip(nus, monom):
            factors.extend([s] * power)
        if len(factors) == 1:
            (s,) = factors
            assert s == dot(idx, idx)
            out += 4 * coef
        elif len(factors) == 2:
            others = []
            for s in factors:
                (a, b) = next(key for key, v in _D.items() if v == s)
                others.append(b if a == idx else a)
            out += coef * dot(others[0], others[1])
        else:
            raise ValueError(monom)
    return sp.expand(out)


def invariants(expr):
    sub = {
        dot("p", "p"): m**2,
        dot("pp", "pp"): m**2,
        dot("k", "k"): mu**2,
        dot("P", "P"): M**2,
        dot("p", "k"): (mu**2 - ut) / 2,
        dot("pp", "k"): (st - mu**2) / 2,
        dot("p", "pp"): (2 * m**2 - mu**2 + st + ut + t) / 2,
        dot("P", "p"): M * E,
        dot("P", "pp"): M * Ep,
        dot("P", "k"): M * (E - Ep) - t / 2,
    }
    return sp.expand(expr.subs(sub))


J = scale(sl("P"), 2)
l1 = add(sl("pp"), sl("k"))
l2 = add(sl("p"), scale(sl("k"), -1))
left = add(sl("pp"), sc(m))
right_p = add(sl("p"), sc(m))
right_m = add(sl("p"), sc(-m))
inv_s, inv_u = 1 / st, 1 / ut


def vertex_string(first, second):
    return add(scale(first, inv_s), scale(second, inv_u))


def scalar():
    o = vertex_string(mul(add(l1, sc(m)), J), mul(J, add(l2, sc(m))))
    return invariants(trace(mul(left, o, right_p, bar(o))))


def pseudoscalar():
    n = vertex_string(mul(sl("k"), J), scale(mul(J, sl("k")), -1))
    return invariants(trace(mul(left, n, right_m, bar(n))))


def vector_like(sign_first, right):
    g = sl("nu")
    o = vertex_string(mul(g, add(l1, sc(sign_first * m)), J), mul(J, add(l2, sc(m)), g))
    full = trace(mul(left, o, right, bar(o)))
    return invariants(-contract_nu(full))


def vector():
    return vector_like(+1, right_p)


def axial_transverse():
    return vector_like(-1, right_m)


def trace_4x_vector():
    """The closed form in etl.rs (trace_4x), for the cross-check of this script."""
    K = 2 * m**2 + mu**2
    d = E / st + Ep / ut
    x = (
        -16 * K * d**2
        - 16 * t * (E**2 + Ep**2) / (st * ut)
        + 4 * t * (K * (1 / ut**2 + 1 / st**2) + 2 * (2 * m**2 - mu**2) / (st * ut))
        + 4 * (st / ut + ut / st + 2 * t / ut + 2 * t / st + 2 * t**2 / (st * ut))
        + 8 * t * E / (M * ut) * (1 + (t - K) / st + K * ut / st**2)
        - 8 * t * Ep / (M * ut**2) * (K + (ut * t + ut**2 - K * ut) / st)
        + 8 * m**2 * t**2 / (M**2 * st * ut)
    )
    return 4 * x * M**2


def show(name, expr):
    e = sp.expand(expr / M**2)
    print(f"== {name}: Trace / M^2 =")
    poly = sp.Poly(sp.expand(e * st**2 * ut**2 * M**2), E, Ep)
    for monom, coef in sorted(poly.terms(), reverse=True):
        c = sp.factor(coef / (st**2 * ut**2 * M**2))
        print(f"  E^{monom[0]} E'^{monom[1]}: {c}")


if __name__ == "__main__":
    v = vector()
    diff = sp.simplify(sp.together(v - trace_4x_vector()))
    print("vector minus etl.rs trace_4x:", diff)
    s, p, a_t = scalar(), pseudoscalar(), axial_transverse()
    show("scalar", s)
    show("pseudoscalar", p)
    show("axial (transverse, -g)", a_t)
    show("axial minus vector (-g part)", a_t - v)


def table(name, expr):
    """X/M^2 = Trace/(4 M^2) split as a D^2 + b t Q/(s~ u~) + E/M (...) + E'/M (...) + rest."""
    x = sp.expand(expr / (4 * M**2))
    print(f"== {name}: X/M^2 by powers of s~ ==")
    poly = sp.Poly(x * st**2 * M**2, E, Ep)
    for monom, coef in sorted(poly.terms(), reverse=True):
        c = sp.expand(coef / (st**2 * M**2))
        byst = sp.collect(c, st, evaluate=False)
        terms = ", ".join(f"[{k}]: {sp.factor(v)}" for k, v in byst.items())
        print(f"  E^{monom[0]} E'^{monom[1]}: {terms}")


if __name__ == "__main__":
    a_full = a_t + 4 * m**2 / mu**2 * p
    for name, e in [("vector", v), ("scalar", s), ("pseudoscalar", p), ("axial", a_full)]:
        table(name, e)


# ---- compact forms used in spin.rs, checked against the raw traces above ----
def compact_spin0(kappa):
    d = E / st + Ep / ut
    return (
        8 * kappa * d**2
        - 8 * t * (E - Ep) ** 2 / (st * ut)
        + 4 * t / M * (E * (-kappa / st**2 + (kappa + 2 * t + ut) / (st * ut) + 1 / ut)
                       - Ep * ((kappa + 2 * t + ut) / (st * ut) - (kappa - ut) / ut**2))
        + 2 * (st + ut) ** 2 / (st * ut)
        - 2 * kappa * t * (1 / st + 1 / ut) ** 2
        - 2 * t**2 / M**2 * ((kappa + t + ut) / (st * ut) + 1 / ut)
    )


def compact_axial():
    ka = mu**2 - 4 * m**2
    rho = 2 * m**2 / mu**2
    d = E / st + Ep / ut
    return (
        -16 * ka * d**2
        - 16 * t * (E**2 + Ep**2) / (st * ut)
        - 16 * rho * t * (E - Ep) ** 2 / (st * ut)
        + 8 * t * E / M * (ka / st**2 + (t - ka + rho * (2 * t + ut)) / (st * ut) + (1 + rho) / ut)
        - 8 * t * Ep / M * ((t + ut - ka + rho * (2 * t + ut)) / (st * ut) + (ka + rho * ut) / ut**2)
        + 4 * (st / ut + ut / st)
        + 4 * rho * (st + ut) ** 2 / (st * ut)
        + 4 * t * ka / st**2
        + 4 * t * (ka + 2 * ut) / ut**2
        + 8 * t * (t + ut - ka) / (st * ut)
        - 4 * rho * t**2 / M**2 * ((t + ut) / (st * ut) + 1 / ut)
    )


# ---- 2 -> 2: gamma(q) l(p) -> l(p') X(k), real photon, polarisation sum -g ----
t2 = sp.Symbol("t2")


def invariants_22(expr):
    # q = p' + k - p, q^2 = 0; s~ = 2 p.q, u~ = mu^2 - 2 p.k, t2 = (p - p')^2 = mu^2 - s~ - u~.
    sub = {
        dot("p", "p"): m**2,
        dot("pp", "pp"): m**2,
        dot("k", "k"): mu**2,
        dot("p", "k"): (mu**2 - ut) / 2,
        dot("pp", "k"): (st - mu**2) / 2,
        dot("p", "pp"): m**2 - t2 / 2,
    }
    return sp.expand(expr.subs(sub))


def contract(expr, idx):
    return contract_nu(expr, idx)


def two_to_two(model):
    g = sl("nu")
    a = sl("al")
    if model == "scalar":
        o = vertex_string(mul(add(l1, sc(m)), a), mul(a, add(l2, sc(m))))
        tr_ = trace(mul(left, o, right_p, bar(o)))
        return invariants_22(-contract(tr_, "al"))
    if model == "pseudoscalar":
        n = vertex_string(mul(sl("k"), a), scale(mul(a, sl("k")), -1))
        tr_ = trace(mul(left, n, right_m, bar(n)))
        return invariants_22(-contract(tr_, "al"))
    sign, right = (+1, right_p) if model == "vector" else (-1, right_m)
    o = vertex_string(mul(g, add(l1, sc(sign * m)), a), mul(a, add(l2, sc(m)), g))
    tr_ = trace(mul(left, o, right, bar(o)))
    tr_ = -contract(tr_, "al")
    full = invariants_22(-contract_nu(tr_))
    if model == "axial":
        n = vertex_string(mul(sl("k"), a), scale(mul(a, sl("k")), -1))
        tp = trace(mul(left, n, right_m, bar(n)))
        full += 4 * m**2 / mu**2 * invariants_22(-contract(tp, "al"))
    return full


if __name__ == "__main__":
    for name, e, c in [("scalar", s, compact_spin0(4 * m**2 - mu**2)),
                       ("pseudoscalar", p, compact_spin0(-mu**2)),
                       ("axial", a_full, compact_axial())]:
        print(name, "compact minus trace:", sp.simplify(sp.together(e / (4 * M**2) - c)))
    x, U = sp.symbols("x U")
    ww = {st: -U / (1 - x), ut: U, t2: U * x / (1 - x) + mu**2}
    a_dmg4 = 2 * (2 - 2 * x + x**2) / (1 - x) + 4 * (mu**2 + 2 * m**2) / U**2 * (U * x + mu**2 * (1 - x) + m**2 * x**2)
    for model in ["vector", "scalar", "pseudoscalar", "axial"]:
        r = two_to_two(model)
        print(f"== 2->2 {model}: sum|M|^2/(e^2 g^2) =", sp.factor(r))
        w = sp.factor(sp.simplify(r.subs(ww)))
        print(f"   at WW kinematics:", w)
        if model == "vector":
            print("   ratio DMG4 |A|^2 / this:", sp.factor(sp.simplify(a_dmg4 / w)))
        # The |A|^2 table of spin.rs: a/(1-x) + c B/U^2 = (1/4) sum|M|^2 at WW kinematics.
        B = U * x + mu**2 * (1 - x) + m**2 * x**2
        a_x, c = {
            "vector": (2 * (2 - 2 * x + x**2), 4 * (mu**2 + 2 * m**2)),
            "axial": (2 * (2 - 2 * x + x**2) + 4 * m**2 * x**2 / mu**2, 4 * (mu**2 - 4 * m**2)),
            "scalar": (x**2, 2 * (mu**2 - 4 * m**2)),
            "pseudoscalar": (x**2, 2 * mu**2),
        }[model]
        print("   table row minus (1/4) sum|M|^2:", sp.simplify(a_x / (1 - x) + c * B / U**2 - w / 4))
