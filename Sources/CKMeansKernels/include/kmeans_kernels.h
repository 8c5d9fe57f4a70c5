#ifndef ZAE_KMEANS_KERNELS_H
#define ZAE_KMEANS_KERNELS_H

#include <stdint.h>

/// The width of a centroid group: sixteen centroids, one SIMD lane each.
#define ZAE_GROUP_WIDTH 16

/// Scores of rows against one group of K-means centroids, compiled for the widest vector unit the
/// CPU has (AVX-512, AVX2 with FMA, or baseline SSE, chosen when the library loads).
///
/// The group is stored transposed, `block[q * 16 + l]` = coordinate q of lane l's centroid, with
/// `half_norms[l]` = |c_l|^2 / 2 (infinity for an empty lane). A row's score against lane l is
/// `half_norms[l] - x . c_l`, the dot product summed in coordinate order with one fused
/// multiply-add per term from zero (as OpenBLAS's sgemm kernels sum each element of a product).
/// For each i < count, row `rows[i]` of `data` (row-major, d columns) is scored against the 16
/// lanes and reduced to the smallest score `best[out[i]]`, its lane `lane[out[i]]` (the lowest of
/// equal ones) and the smallest score of the other lanes `second[out[i]]`.
void zae_group_minima(const float *data, long d, const int32_t *rows, const int32_t *out, long count,
                      const float *block, const float *half_norms, float *best, int32_t *lane, float *second);

/// One k-means++ seeding pass over rows `first..<last` of `data` (row-major, d columns) for a new
/// centre `centre` (number `newest` among the chosen): a row whose nearest centre so far,
/// `owner[r]` (-1 for none), has `separation[owner[r]]` above its squared distance `distance[r]`
/// keeps it (the triangle inequality puts the new centre no nearer); otherwise its squared
/// distance to `centre` is computed and, when smaller, it and `newest` replace `distance[r]` and
/// `owner[r]`. The squared distance is Linalg's `squaredDistance` bit for bit: sixteen running lane
/// sums of products of differences (multiply, then add), summed in lane order from -0, then the
/// remaining coordinates one by one.
void zae_seeding_pass(const float *data, long d, long first, long last, const float *centre, const float *separation,
                      int32_t *owner, float *distance, int32_t newest);

#endif
