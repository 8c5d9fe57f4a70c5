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
#endif
