#ifndef ZAE_COPENBLAS_SHIM_H
#define ZAE_COPENBLAS_SHIM_H
#include <cblas.h>

/* The LAPACK Fortran entry point that the project calls. Debian's libopenblas exports it, but its
   -dev package ships no lapack.h, so it is declared here with LAPACK's documented signature. */

/// Double-precision symmetric eigendecomposition, divide and conquer (LAPACK dsyevd).
void dsyevd_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w,
             double *work, const int *lwork, int *iwork, const int *liwork, int *info);
#endif
