// Placeholder until the target's first test lands; replace, do not extend.
