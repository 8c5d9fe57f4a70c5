#include "sparse_kernels.h"

// Three builds of each function; the loader picks the one the CPU runs best. Reassociation lets the
// compiler vectorise the dot product's sum (the sum's order, not its terms, changes).
#define ZAE_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))

ZAE_CLONES
void zae_sparse_reconstruct(float *restrict e, const float *restrict c, const float *restrict x,
                            const float *restrict wt, long d, const int32_t *restrict units,
                            const float *restrict values, long count) {
    for (long i = 0; i < d; i++) e[i] = c[i] - x[i];
    for (long t = 0; t < count; t++) {
        const float *restrict w = wt + (long)units[t] * d;
        const float v = values[t];
        for (long i = 0; i < d; i++) e[i] += v * w[i];
    }
}

ZAE_CLONES
void zae_sparse_gradient(float *restrict update, const float *restrict e, const float *restrict x,
                         const float *restrict wt, long d, const int32_t *restrict units,
                         const float *restrict values, long count, float scale) {
#pragma clang fp reassociate(on)
    for (long t = 0; t < count; t++) {
        const long j = (long)units[t] * d;
        const float *restrict w = wt + j;
        float delta = 0;
        for (long i = 0; i < d; i++) delta += e[i] * w[i];
        const float a = scale * values[t], b = scale * delta;
        float *restrict u = update + j;
        for (long i = 0; i < d; i++) u[i] += a * e[i] + b * x[i];
    }
}
