#ifndef ZAE_CLIBLINEAR_SHIM_H
#define ZAE_CLIBLINEAR_SHIM_H
#include <linear.h>
#endif
