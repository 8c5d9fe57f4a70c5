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

/// The smallest lane, in every lane: four halving steps of shuffles and minima.
#define SPREAD_MIN(v) do { \
    v = __builtin_elementwise_min(v, __builtin_shufflevector(v, v, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7)); \
    v = __builtin_elementwise_min(v, __builtin_shufflevector(v, v, 4, 5, 6, 7, 0, 1, 2, 3, 12, 13, 14, 15, 8, 9, 10, 11)); \
    v = __builtin_elementwise_min(v, __builtin_shufflevector(v, v, 2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13)); \
    v = __builtin_elementwise_min(v, __builtin_shufflevector(v, v, 1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14)); \
} while (0)

/// Reduces one row's sixteen scores to the smallest, its lane (the lowest of equal ones) and the smallest of the others.
static inline __attribute__((always_inline)) void reduce(const lanes *restrict score, float *best, int32_t *lane, float *second) {
    const int_lanes index = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    const lanes v = *score;
    lanes m = v;
    SPREAD_MIN(m);
    const int_lanes equal = v == m;
    int_lanes first = (index & equal) | ((int_lanes){0} + W & ~equal);
    SPREAD_MIN(first);
    const int_lanes chosen = index == first;
    lanes others = (lanes)(((int_lanes)v & ~chosen) | ((int_lanes)((lanes){0} + INFINITY) & chosen));
    SPREAD_MIN(others);
    *best = m[0];
    *lane = first[0] < W ? first[0] : 0;
    *second = others[0];
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

/// Sixteen floats, as Swift's `SIMD16<Float>` in Linalg's `squaredDistance`, at any float's alignment.
typedef float sixteen __attribute__((vector_size(16 * sizeof(float)), aligned(sizeof(float))));

/// Linalg's `squaredDistance` bit for bit (its Swift `SIMD16` arithmetic: no fused multiply-adds).
static inline __attribute__((always_inline)) float squared_distance(const float *restrict x, const float *restrict y, long n) {
#pragma clang fp contract(off)
    sixteen sums = {0};
    long i = 0;
    for (; i + 16 <= n; i += 16) {
        const sixteen e = *(const sixteen *)(x + i) - *(const sixteen *)(y + i);
        sums = sums + e * e;
    }
    float s = -0.0f;
    for (int l = 0; l < 16; l++) s += sums[l];
    for (; i < n; i++) {
        const float e = x[i] - y[i];
        s += e * e;
    }
    return s;
}

ZAE_CLONES
void zae_seeding_pass(const float *restrict data, long d, long first, long last, const float *restrict centre,
                      const float *restrict separation, int32_t *restrict owner, float *restrict distance, int32_t newest) {
    for (long r = first; r < last; r++) {
        const int32_t o = owner[r];
        if (o >= 0 && separation[o] > distance[r]) continue;
        const float squared = squared_distance(data + r * d, centre, d);
        if (squared < distance[r]) {
            distance[r] = squared;
            owner[r] = newest;
        }
    }
}
