#!/usr/bin/env python3
"""Peer reference for `zae-video bench train`: the ZAE (TRec) SGD+momentum training loop in plain
numpy (OpenBLAS), the loop of ../shared/bench/zae_numpy.py and of the authors' code (memisevic/zae):
tied W, learned visible bias, mask treated as constant, classical momentum, batch 100.
Usage: OPENBLAS_NUM_THREADS=T python3 Benchmarks/zae_numpy.py [N D H EPOCHS]  (default 20000 300 600 3)"""
import sys, time
import numpy as np
N, D, H, E = (int(a) for a in (sys.argv[1:5] or ["20000", "300", "600", "3"]))
theta, lr, mom, B = 1.0, 1e-3, 0.9, 100
rng = np.random.default_rng(0)
X = rng.standard_normal((N, D), dtype=np.float32)
W = (0.01 * X[:H].T).astype(np.float32).copy()          # D x H, data-based init
c = np.zeros(D, np.float32)
vW = np.zeros_like(W); vc = np.zeros_like(c)
t0 = time.perf_counter()
for ep in range(E):
    for i in range(0, N - B + 1, B):
        x = X[i:i+B]
        a = x @ W
        m = (a > theta).astype(np.float32)
        h = a * m
        r = h @ W.T + c
        e = (r - x) / B
        gW = e.T @ h + x.T @ ((e @ W) * m)
        gc = e.sum(0)
        vW *= mom; vW -= lr * gW; W += vW
        vc *= mom; vc -= lr * gc; c += vc
dt = (time.perf_counter() - t0) / E
print(f"numpy_train_zae_{D}x{H} {N / dt:.2f} blocks/s")
print(f"numpy_train_zae_{D}x{H}_gflops {N * D * H * 10 / dt / 1e9:.2f} GFLOP/s")
