"""Python side of the speed goal of issue 12: ``aprime.xsec`` for 1,000 masses against the same
work in Rust (``cargo bench -p aprime-python --bench xsec_vector``). Prints the best and the
median of several calls [s]; run with the installed module:

    .venv/bin/python crates/python/benches/xsec_vector.py
"""

import statistics
import timeit

import numpy as np

import aprime

MASSES = np.logspace(-3, 0, 1000)


def measure(method, repeat):
    times = timeit.repeat(lambda: aprime.xsec(MASSES, 100.0, method=method), number=1,
                          repeat=repeat)
    return min(times), statistics.median(times)


if __name__ == "__main__":
    for method, repeat in (("etl", 5), ("wwsimple", 20)):
        best, median = measure(method, repeat)
        print(f"{method:9s} 1000 masses: best {best:.4g} s, median {median:.4g} s")
