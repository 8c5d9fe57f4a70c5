#!/usr/bin/env python3
"""Peer reference for `zae-video bench gemm`: numpy's float32 1024x1024 matmul, best of 3 rounds of 10.
Usage: OPENBLAS_NUM_THREADS=T python3 Benchmarks/gemm_numpy.py"""
import time
import numpy as np

n, repeats = 1024, 10
a = np.random.default_rng(1).standard_normal((n, n), dtype=np.float32)
b = a.copy()
a @ b
best = float("inf")
for _ in range(3):
    t0 = time.perf_counter()
    for _ in range(repeats):
        a @ b
    best = min(best, time.perf_counter() - t0)
print(f"numpy_gemm_{n} {2 * n**3 * repeats / best / 1e9:.2f} GFLOP/s")
