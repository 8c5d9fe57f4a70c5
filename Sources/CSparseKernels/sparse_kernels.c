#include "sparse_kernels.h"

// Three builds of each function; the loader picks the one the CPU runs best. The loops work on
// 16-float vectors (one AVX-512 register, two AVX2 or four SSE registers) and keep up to four of
// them in registers across a whole list of units or rows (the `nb` and `q` blocks below are
// constants after inlining, so their arrays live in registers).
#define ZAE_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#define ZAE_INLINE static inline __attribute__((always_inline))
// The helpers taking and returning 16-float vectors are always inlined into the clones above, so
// no call ever passes a vector across a function boundary: the ABI note clang gives for the
// "default" (SSE) clone's view of them does not apply.
#pragma clang diagnostic ignored "-Wpsabi"

typedef float zae_v16 __attribute__((ext_vector_type(16)));
typedef float zae_v16u __attribute__((ext_vector_type(16), aligned(4)));
typedef float zae_v8 __attribute__((ext_vector_type(8)));
typedef float zae_v4 __attribute__((ext_vector_type(4)));
typedef float zae_v2 __attribute__((ext_vector_type(2)));

ZAE_INLINE zae_v16 load16(const float *p) { return *(const zae_v16u *)p; }
ZAE_INLINE void store16(float *p, zae_v16 v) { *(zae_v16u *)p = v; }
ZAE_INLINE float lane_sum(zae_v16 v) {
    const zae_v8 a = v.lo + v.hi;
    const zae_v4 b = a.lo + a.hi;
    const zae_v2 c = b.lo + b.hi;
    return c.x + c.y;
}

/// Floats [i, i + 16 nb) of one row's error; returns their squared sum before scaling.
ZAE_INLINE float reconstruct_block(float *restrict e, float *restrict sum, const float *restrict c,
                                   const float *restrict x, const float *restrict wt, long d,
                                   const int32_t *restrict units, const float *restrict values, long count,
                                   float inverse, long i, const int nb) {
    zae_v16 acc[4];
    for (int b = 0; b < nb; b++) acc[b] = load16(c + i + 16 * b) - load16(x + i + 16 * b);
    for (long t = 0; t < count; t++) {
        const float *restrict w = wt + (long)units[t] * d + i;
        const float v = values[t];
        for (int b = 0; b < nb; b++) acc[b] += v * load16(w + 16 * b);
    }
    zae_v16 squares = 0;
    for (int b = 0; b < nb; b++) {
        squares += acc[b] * acc[b];
        const zae_v16 scaled = acc[b] * inverse;
        store16(e + i + 16 * b, scaled);
        store16(sum + i + 16 * b, load16(sum + i + 16 * b) + scaled);
    }
    return lane_sum(squares);
}

ZAE_CLONES
float zae_sparse_reconstruct(float *restrict e, float *restrict sum, const float *restrict c,
                             const float *restrict x, const float *restrict wt, long d,
                             const int32_t *restrict units, const float *restrict values, long count,
                             float inverse) {
    float squares = 0;
    long i = 0;
    for (; i + 64 <= d; i += 64) squares += reconstruct_block(e, sum, c, x, wt, d, units, values, count, inverse, i, 4);
    switch ((d - i) / 16) {
    case 3: squares += reconstruct_block(e, sum, c, x, wt, d, units, values, count, inverse, i, 3); break;
    case 2: squares += reconstruct_block(e, sum, c, x, wt, d, units, values, count, inverse, i, 2); break;
    case 1: squares += reconstruct_block(e, sum, c, x, wt, d, units, values, count, inverse, i, 1); break;
    default: break;
    }
    return squares;
}

/// out[r] = e_{rows[r]} . w for q rows at once (w read once for all of them).
ZAE_INLINE void row_dots(float *restrict out, const float *restrict e, const float *restrict w, long d,
                         const int32_t *restrict rows, const int q) {
    zae_v16 acc[4];
    const float *er[4];
    for (int r = 0; r < q; r++) { acc[r] = 0; er[r] = e + (long)rows[r] * d; }
    for (long i = 0; i < d; i += 16) {
        const zae_v16 wv = load16(w + i);
        for (int r = 0; r < q; r++) acc[r] += load16(er[r] + i) * wv;
    }
    for (int r = 0; r < q; r++) out[r] = lane_sum(acc[r]);
}

/// Floats [i, i + 16 nb) of the unit's update (and weights).
ZAE_INLINE void unit_block(float *restrict w, float *restrict u, const float *restrict e, const float *restrict x,
                           long d, const int32_t *restrict rows, const float *restrict a, const float *restrict b,
                           long count, float decay, int apply, long i, const int nb) {
    zae_v16 acc[4];
    for (int k = 0; k < nb; k++) {
        if (decay == 0) acc[k] = 0; else acc[k] = decay * load16(u + i + 16 * k);
    }
    for (long r = 0; r < count; r++) {
        const float *restrict er = e + (long)rows[r] * d + i, *restrict xr = x + (long)rows[r] * d + i;
        const float ar = a[r], br = b[r];
        for (int k = 0; k < nb; k++) acc[k] += ar * load16(er + 16 * k) + br * load16(xr + 16 * k);
    }
    for (int k = 0; k < nb; k++) {
        store16(u + i + 16 * k, acc[k]);
        if (apply) store16(w + i + 16 * k, load16(w + i + 16 * k) + acc[k]);
    }
}

ZAE_CLONES
void zae_unit_step(float *restrict w, float *restrict u, const float *restrict e, const float *restrict x, long d,
                   const int32_t *restrict rows, const float *restrict values, long count, float scale, float decay,
                   int apply, float *restrict scratch) {
    float *restrict a = scratch, *restrict b = scratch + count;
    long r = 0;
    for (; r + 4 <= count; r += 4) row_dots(b + r, e, w, d, rows + r, 4);
    switch (count - r) {
    case 3: row_dots(b + r, e, w, d, rows + r, 3); break;
    case 2: row_dots(b + r, e, w, d, rows + r, 2); break;
    case 1: row_dots(b + r, e, w, d, rows + r, 1); break;
    default: break;
    }
    for (r = 0; r < count; r++) { a[r] = scale * values[r]; b[r] *= scale; }
    long i = 0;
    for (; i + 64 <= d; i += 64) unit_block(w, u, e, x, d, rows, a, b, count, decay, apply, i, 4);
    switch ((d - i) / 16) {
    case 3: unit_block(w, u, e, x, d, rows, a, b, count, decay, apply, i, 3); break;
    case 2: unit_block(w, u, e, x, d, rows, a, b, count, decay, apply, i, 2); break;
    case 1: unit_block(w, u, e, x, d, rows, a, b, count, decay, apply, i, 1); break;
    default: break;
    }
}

ZAE_CLONES
long zae_list_active(int32_t *restrict units, float *restrict values, const float *restrict a, long first, long end,
                     float theta, int squared) {
    long count = 0;
    if (squared) {
        for (long j = first; j < end; j++) { const float v = a[j]; units[count] = (int32_t)j; values[count] = v; count += v * v > theta; }
    } else {
        for (long j = first; j < end; j++) { const float v = a[j]; units[count] = (int32_t)j; values[count] = v; count += v > theta; }
    }
    return count;
}
