#ifndef ZAE_SPARSE_KERNELS_H
#define ZAE_SPARSE_KERNELS_H

#include <stdint.h>

/// The ZAE training step's loops over the active hidden units, compiled for the widest vector unit
/// the CPU has (AVX-512, AVX2 with FMA, or baseline SSE, chosen when the library loads).
/// Every row is `d` floats with `d` a multiple of 16 (the caller pads with zeros): `wt` holds
/// W^T (K x d, row-major), unit j's weights are the d floats at `wt + j * d`; `e` and `x` hold
/// the batch's errors and examples, row n at `+ n * d`.

/// One row's error: r = c - x + sum_t values[t] * w_{units[t]}; writes e = inverse * r, adds e to
/// `sum` and returns |r|^2.
float zae_sparse_reconstruct(float *e, float *sum, const float *c, const float *x, const float *wt, long d,
                             const int32_t *units, const float *values, long count, float inverse);

/// One unit's momentum step, its weights `w` and update (velocity) `u`, over the `count` batch
/// rows where it is active (`rows`, increasing, with its activations `values`): for each,
/// delta = e_n . w, then u = decay * u (0 when decay is 0) + sum_n scale * (values * e_n + delta * x_n),
/// summed in the rows' order; then, when `apply` is nonzero, w += u. `scratch` holds 2 * count floats.
void zae_unit_step(float *w, float *u, const float *e, const float *x, long d, const int32_t *rows,
                   const float *values, long count, float scale, float decay, int apply, float *scratch);

/// Lists the units j in [first, end) whose pre-activation a[j] is active (a > theta, or a^2 > theta
/// when `squared`) in increasing order: their indices in `units`, their a[j] in `values` (both with
/// room for end - first entries); returns how many.
long zae_list_active(int32_t *units, float *values, const float *a, long first, long end, float theta, int squared);

#endif
