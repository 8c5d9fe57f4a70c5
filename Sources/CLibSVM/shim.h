#ifndef ZAE_CLIBSVM_SHIM_H
#define ZAE_CLIBSVM_SHIM_H
#include <libsvm/svm.h>

/// libsvm's version number (e.g. 324), read through a function: Swift 6 refuses mutable C globals.
static inline int zae_libsvm_version(void) { return libsvm_version; }
#endif
