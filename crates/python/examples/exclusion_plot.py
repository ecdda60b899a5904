"""The NA64 exclusion plot from Python: run the main job and draw the 90 % C.L. upper limit on
the kinetic mixing ε against m_A' with its expected band, and the limits on the dark-matter
parameter y = ε² α_D (m_χ/m_A')⁴ against m_χ (paper 002 Fig. 11–12).

    pip install ./crates/python matplotlib
    python crates/python/examples/exclusion_plot.py --events 20000 --out exclusion.png

Smaller --events runs faster with a noisier yield (the limits move by the yield's statistical
error); the command line's `aprime run` gives the same numbers for the same seed.
"""

import argparse

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import aprime  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--preset", default="na64-2016-2018", choices=aprime.PRESETS)
    p.add_argument("--events", type=int, default=20_000, help="showers to simulate")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--masses", default=None, help='e.g. "log:0.001:1:20" (default: preset)')
    p.add_argument("--run-dir", default="aprime-out", help="where aprime.run writes its outputs")
    p.add_argument("--out", default="exclusion.png", help="the figure")
    a = p.parse_args()

    r = aprime.run(a.preset, masses_gev=a.masses, events=a.events, seed=a.seed,
                   out_dir=a.run_dir, progress=True)

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.5))
    m = r.mass_gev
    left.fill_between(m, r.eps_expected_m2, r.eps_expected_p2, color="gold", label="expected ±2σ")
    left.fill_between(m, r.eps_expected_m1, r.eps_expected_p1, color="limegreen",
                      label="expected ±1σ")
    left.plot(m, r.eps_expected_median, "k--", lw=1, label="expected median")
    left.plot(m, r.eps_observed, "r-", lw=2, label="observed, 90 % C.L.")
    left.set(xscale="log", yscale="log", xlabel="$m_{A'}$ [GeV]", ylabel=r"$\epsilon$",
             title=f"{r.config_name}: A' → invisible")
    left.legend(loc="upper left", fontsize="small")

    ratio = r.dm_mass_gev[0] / r.m_chi_gev[0] if len(r.m_chi_gev) else 3.0
    for j, alpha in enumerate(r.alpha_d):
        right.plot(r.m_chi_gev, r.y_upper[:, j], label=rf"$\alpha_D$ = {alpha:g}")
    right.set(xscale="log", yscale="log", xlabel=r"$m_\chi$ [GeV]",
              ylabel=r"$y = \epsilon^2 \alpha_D (m_\chi/m_{A'})^4$",
              title=rf"light dark matter, $m_{{A'}} = {ratio:g}\,m_\chi$")
    right.legend(fontsize="small")

    fig.tight_layout()
    fig.savefig(a.out, dpi=120)
    print(f"{a.out} written; tables in {r.out_dir} ({len(r.files)} files)")


if __name__ == "__main__":
    main()
