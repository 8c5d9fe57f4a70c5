#ifndef ZAE_CFFMPEG_SHIM_H
#define ZAE_CFFMPEG_SHIM_H
#include <libavformat/avformat.h>
#include <libavcodec/avcodec.h>
#include <libswscale/swscale.h>
#include <libavutil/avutil.h>
#include <libavutil/error.h>
#include <libavutil/imgutils.h>
#include <libavutil/opt.h>

/// AVERROR(e) as a function: Swift cannot import function-like macros.
static inline int zae_averror(int e) { return AVERROR(e); }
/// AVERROR_EOF as a function.
static inline int zae_averror_eof(void) { return AVERROR_EOF; }
/// AV_NOPTS_VALUE as a function.
static inline int64_t zae_nopts_value(void) { return AV_NOPTS_VALUE; }
/// The error text of an FFmpeg return code.
static inline void zae_av_strerror(int code, char *buffer, size_t size) { av_strerror(code, buffer, size); }
/// Scales the whole of `src` into the single-plane picture at `dst` (row stride `dstStride` bytes).
static inline int zae_sws_scale_to_plane(struct SwsContext *context, const AVFrame *src,
                                         uint8_t *dst, int dstStride) {
    uint8_t *planes[4] = { dst, NULL, NULL, NULL };
    int strides[4] = { dstStride, 0, 0, 0 };
    return sws_scale(context, (const uint8_t *const *)src->data, src->linesize, 0, src->height, planes, strides);
}
/// Scales the single-plane picture at `src` (`srcHeight` rows, row stride `srcStride` bytes) into `dst`.
static inline int zae_sws_scale_from_plane(struct SwsContext *context, const uint8_t *src, int srcStride,
                                           int srcHeight, AVFrame *dst) {
    const uint8_t *planes[4] = { src, NULL, NULL, NULL };
    int strides[4] = { srcStride, 0, 0, 0 };
    return sws_scale(context, planes, strides, 0, srcHeight, dst->data, dst->linesize);
}
#endif
