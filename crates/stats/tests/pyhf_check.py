"""Cross-check of the pyhf likelihoods written by aprime-stats (driven by tests/pyhf.rs).

Usage: pyhf_check.py REQUEST.json  — prints a JSON report on stdout, exits non-zero on any
schema, digest or CLI failure.

REQUEST: {"cases": [{"name", "workspace": path, "patchset": path, "cl",
                     "hypotheses": [{"patch": name, "points": [{parameter: value}]}]}]}
For every case it
  (i)   validates the background-only workspace and the patchset against pyhf's schemas
        (pyhf.Workspace, pyhf.PatchSet), checks the patchset digest (PatchSet.verify) and runs
        the command-line checks `pyhf inspect`, `pyhf digest`, `pyhf patchset verify`,
        `pyhf patchset inspect`, `pyhf patchset apply` + `pyhf inspect` of the result;
  (ii)  applies each patch and evaluates −ln L = −model.logpdf(pars, data) at the given points
        (parameters by name, so pyhf's own parameter order does not matter);
  (iii) computes the asymptotic CLs upper limit on the POI with the q̃ test statistic, observed
        and expected (−2σ … +2σ), at CLs = 1 − cl.
(ii) and (iii) are done twice: with the interpolation codes pyhf 0.7 uses by default (normsys
code 4, histosys code 4p: polynomial inside |α| < 1) and with those that reproduce our model
exactly (normsys code 1, exponential; histosys code 0, linear), which are Model options, not
part of the JSON.
"""

import json
import os
import sys
import tempfile

import numpy as np
import pyhf
from click.testing import CliRunner
from pyhf.cli import cli as pyhf_cli
from pyhf.infer.intervals.upper_limits import toms748_scan


def run_cli(args):
    result = CliRunner().invoke(pyhf_cli, args)
    if result.exit_code != 0:
        raise SystemExit(
            f"`pyhf {' '.join(args)}` failed ({result.exit_code}): {result.output}"
            f"{result.exception!r}"
        )
    return result.output


def check_files(case, tmp):
    ws_path, ps_path = case["workspace"], case["patchset"]
    with open(ws_path, encoding="utf-8") as f:
        spec = json.load(f)
    with open(ps_path, encoding="utf-8") as f:
        ps_spec = json.load(f)
    workspace = pyhf.Workspace(spec)  # schema validation
    workspace.model()  # the background-only model builds (its POI is declared)
    patchset = pyhf.PatchSet(ps_spec)  # schema validation
    patchset.verify(workspace)  # sha256 digest of the background-only workspace
    run_cli(["inspect", ws_path])
    digest = run_cli(["digest", ws_path]).strip()
    expected = "sha256:" + ps_spec["metadata"]["digests"]["sha256"]
    if digest != expected:
        raise SystemExit(f"`pyhf digest` gives {digest}, the patchset says {expected}")
    run_cli(["patchset", "verify", ws_path, ps_path])
    run_cli(["patchset", "inspect", ps_path])
    for hyp in case["hypotheses"]:
        out = os.path.join(tmp, f"{case['name']}_{hyp['patch']}.json")
        run_cli(
            ["patchset", "apply", ws_path, ps_path, "--name", hyp["patch"], "--output-file", out]
        )
        run_cli(["inspect", out])
    return spec, patchset


def nll_at(model, data, point):
    names = set(model.config.parameters)
    if names != set(point):
        raise SystemExit(
            f"pyhf parameters {sorted(names)} differ from the model's {sorted(point)}"
        )
    pars = np.asarray(model.config.suggested_init(), dtype=float)
    for name, value in point.items():
        pars[model.config.par_slice(name)] = value
    return float(-model.logpdf(pars, data)[0])


def upper_limit(model, data, cl):
    # toms748_scan, not upper_limit(): pyhf 0.7.6 upper_limit(scan=None) does not pass `level`
    # on and always sets 95 % CL limits (scikit-hep/pyhf issue #2563).
    lo, hi = model.config.suggested_bounds()[model.config.poi_index]
    obs, exp = toms748_scan(
        data,
        model,
        max(lo, 1e-3 * hi),
        hi,
        level=1.0 - cl,
        rtol=1e-6,
        test_stat="qtilde",
        calctype="asymptotics",
    )
    return float(obs), [float(e) for e in exp]


SETTINGS = {
    "default": None,
    "exact": {"normsys": {"interpcode": "code1"}, "histosys": {"interpcode": "code0"}},
}


def evaluate(workspace, hyp, cl, settings):
    if settings is None:
        model = workspace.model()
    else:
        model = workspace.model(modifier_settings=settings)
    data = workspace.data(model)
    nll = [nll_at(model, data, p) for p in hyp["points"]]
    observed, expected = upper_limit(model, data, cl)
    return {"nll": nll, "observed": observed, "expected": expected}


def main(path):
    with open(path, encoding="utf-8") as f:
        request = json.load(f)
    pyhf.set_backend("numpy")
    report = {"pyhf_version": pyhf.__version__, "cases": []}
    with tempfile.TemporaryDirectory() as tmp:
        for case in request["cases"]:
            spec, patchset = check_files(case, tmp)
            hyps = []
            for hyp in case["hypotheses"]:
                workspace = patchset.apply(spec, hyp["patch"])
                result = {"patch": hyp["patch"]}
                for key, settings in SETTINGS.items():
                    result[key] = evaluate(workspace, hyp, case["cl"], settings)
                hyps.append(result)
            report["cases"].append({"name": case["name"], "hypotheses": hyps})
    json.dump(report, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
