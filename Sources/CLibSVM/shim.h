#ifndef ZAE_CLIBSVM_SHIM_H
#define ZAE_CLIBSVM_SHIM_H
#include <libsvm/svm.h>
#endif
