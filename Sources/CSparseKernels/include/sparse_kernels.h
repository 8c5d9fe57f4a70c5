#ifndef ZAE_SPARSE_KERNELS_H
#define ZAE_SPARSE_KERNELS_H

#include <stdint.h>

/// The ZAE training step's loops over one example's active hidden units, compiled for the widest
/// vector unit the CPU has (AVX-512, AVX2 with FMA, or baseline SSE, chosen when the library loads).
/// `wt` holds W^T (K x d, row-major): unit j's weights are the d floats at `wt + j * d`.

/// e = c - x + sum_t values[t] * w_{units[t]}, over d floats (the reconstruction error before scaling).
void zae_sparse_reconstruct(float *e, const float *c, const float *x, const float *wt, long d,
                            const int32_t *units, const float *values, long count);

/// For each active unit j = units[t]: delta = e . w_j, then
/// update_j += scale * values[t] * e + scale * delta * x (update is K x d like wt).
void zae_sparse_gradient(float *update, const float *e, const float *x, const float *wt, long d,
                         const int32_t *units, const float *values, long count, float scale);

#endif
