#!/usr/bin/env python3
"""Peer reference for `zae-video bench kmeans`: scikit-learn's Lloyd K-means on the same problem
(300,000 x 100 float32, 3,000 clusters started at random rows), seconds per iteration measured as
(fit with 5 iterations - fit with 2) / 3 so that fixed costs cancel. scikit-learn is a benchmark
dependency only: python3 -m venv /tmp/skl && /tmp/skl/bin/pip install scikit-learn threadpoolctl
Usage: OPENBLAS_NUM_THREADS=T OMP_NUM_THREADS=T /tmp/skl/bin/python Benchmarks/kmeans_sklearn.py"""
import time
import numpy as np
from sklearn.cluster import KMeans

n, d, k = 300_000, 100, 3000
rng = np.random.default_rng(0)
x = rng.standard_normal((n, d), dtype=np.float32)
init = x[rng.choice(n, k, replace=False)]


def fit_seconds(iterations):
    model = KMeans(n_clusters=k, init=init, n_init=1, max_iter=iterations, tol=0, algorithm="lloyd")
    t0 = time.perf_counter()
    model.fit(x)
    return time.perf_counter() - t0


print(f"sklearn_kmeans_iteration_{n}x{d}_k{k} {(fit_seconds(5) - fit_seconds(2)) / 3:.2f} s")
