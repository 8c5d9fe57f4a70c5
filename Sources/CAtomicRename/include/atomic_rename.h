#ifndef ZAE_ATOMIC_RENAME_H
#define ZAE_ATOMIC_RENAME_H

/// Atomically swaps the paths `a` and `b` (Linux renameat2 with RENAME_EXCHANGE): afterwards `b`
/// names what `a` named and vice versa, with no moment where either is missing.
/// Returns 0 on success, -1 with errno set (ENOSYS or EINVAL where the system or file system lacks it).
int zae_exchange_paths(const char *a, const char *b);

#endif
