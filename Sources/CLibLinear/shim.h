#ifndef ZAE_CLIBLINEAR_SHIM_H
#define ZAE_CLIBLINEAR_SHIM_H
#include <linear.h>

/// liblinear's version number (e.g. 230), read through a function: Swift 6 refuses mutable C globals.
static inline int zae_liblinear_version(void) { return liblinear_version; }
#endif
