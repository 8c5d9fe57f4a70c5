#include "kmeans_kernels.h"
#include <math.h>

// Three builds; the loader picks the one the CPU runs best. Every build sums each lane with a fused
// multiply-add in coordinate order (no reassociation), so all three give the same scores.
#define ZAE_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#define W ZAE_GROUP_WIDTH
/// Rows scored at once: six independent chains of multiply-adds per loaded block coordinate.
#define R 6

typedef float lanes __attribute__((vector_size(W * sizeof(float))));
/// The same vector at any float's alignment, for loads from caller memory.
typedef float unaligned_lanes __attribute__((vector_size(W * sizeof(float)), aligned(sizeof(float))));
typedef int32_t int_lanes __attribute__((vector_size(W * sizeof(int32_t))));

/// Reduces one row's sixteen scores to the smallest, its lane (the lowest of equal ones) and the smallest of the others.
static inline __attribute__((always_inline)) void reduce(const lanes *restrict score, float *best, int32_t *lane, float *second) {
    const lanes v = *score;
    const int_lanes index = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    const int_lanes bits = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768};
    const float m = __builtin_reduce_min(v);
    const unsigned equal = (unsigned)__builtin_reduce_or((v == m) & bits);
    const int first = equal ? __builtin_ctz(equal) : 0;
    const int_lanes chosen = index == first;
    const lanes infinite = (lanes){0} + INFINITY;
    const lanes others = (lanes)(((int_lanes)v & ~chosen) | ((int_lanes)infinite & chosen));
    *best = m;
    *lane = first;
    *second = __builtin_reduce_min(others);
}

ZAE_CLONES
void zae_group_minima(const float *restrict data, long d, const int32_t *restrict rows, const int32_t *restrict out, long count,
                      const float *restrict block, const float *restrict half_norms,
                      float *restrict best, int32_t *restrict lane, float *restrict second) {
    const lanes h = *(const unaligned_lanes *)half_norms;
    for (long i = 0; i < count; i += R) {
        const long n = count - i < R ? count - i : R;
        const float *x[R];
        for (int j = 0; j < R; j++) x[j] = data + (long)rows[i + (j < n ? j : 0)] * d;
        lanes s[R];
        for (int j = 0; j < R; j++) s[j] = (lanes){0};
        for (long q = 0; q < d; q++) {
            const lanes c = *(const unaligned_lanes *)(block + q * W);
            for (int j = 0; j < R; j++) s[j] = __builtin_elementwise_fma((lanes){0} + x[j][q], c, s[j]);
        }
        for (int j = 0; j < n; j++) {
            const lanes score = h - s[j];
            reduce(&score, best + out[i + j], lane + out[i + j], second + out[i + j]);
        }
    }
}
